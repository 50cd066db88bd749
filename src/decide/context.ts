// Defaults of a recommendation (stated, so the answer can say how it chose), and
// the context length each model is planned at.
import type { RunnableModel } from './port.js';
import { DEFAULT_INPUT_SHARE, type RecommendInput, type ResolvedInput } from './types.js';

/** DESIGN.md: `--ctx` defaults to 8192 (or the model's maximum if lower). */
export const DEFAULT_CONTEXT = 8192;
/**
 * The long-context use case without --ctx plans for 32768 tokens: four times the
 * general default, and within every long-context model's window. A policy default.
 */
export const DEFAULT_LONG_CONTEXT = 32768;
export const DEFAULT_TOP = 5;

export function resolveInput(input: RecommendInput): ResolvedInput {
  const explicit = input.contextLength !== undefined;
  let contextLength: number;
  let contextSource: string;
  if (explicit) {
    contextLength = input.contextLength as number;
    contextSource = '--ctx';
  } else if (input.useCase === 'long-context') {
    contextLength = DEFAULT_LONG_CONTEXT;
    contextSource = `default for long-context (${DEFAULT_LONG_CONTEXT}; pass --ctx to change)`;
  } else {
    contextLength = DEFAULT_CONTEXT;
    contextSource = `default (${DEFAULT_CONTEXT}, or each model's maximum if lower)`;
  }
  return {
    useCase: input.useCase,
    priority: input.priority,
    contextLength,
    contextSource,
    contextExplicit: explicit,
    privacy: Boolean(input.privacy),
    offline: Boolean(input.offline),
    latencyCritical: Boolean(input.latencyCritical),
    tokensPerDay: input.tokensPerDay ?? null,
    inputShare: input.inputShare ?? DEFAULT_INPUT_SHARE,
    budgetUsd: input.budgetUsd ?? null,
    localOnly: Boolean(input.localOnly),
    apiOnly: Boolean(input.apiOnly),
    commercial: Boolean(input.commercial),
    allowOffload: Boolean(input.allowOffload),
    top: input.top ?? DEFAULT_TOP,
    allApi: input.allApi ?? false,
    kvCacheType: input.kvCacheType ?? 'f16',
    prototyping: Boolean(input.prototyping),
    noInfrastructure: Boolean(input.noInfrastructure),
    predictableCost: Boolean(input.predictableCost),
  };
}

export type ModelContext = { ok: true; contextLength: number } | { ok: false; reason: string };

/**
 * The context a model is planned at: the requested one; without --ctx, the
 * default capped at the model's maximum. A model whose window is smaller than an
 * explicit --ctx (or than the long-context default) is left out.
 */
export function modelContext(model: RunnableModel, input: ResolvedInput): ModelContext {
  const max = model.architecture.maxContext;
  if (max >= input.contextLength) return { ok: true, contextLength: input.contextLength };
  if (input.contextExplicit || input.useCase === 'long-context') {
    return {
      ok: false,
      reason: `its context window is ${max} tokens, less than the ${input.contextLength} needed`,
    };
  }
  return { ok: true, contextLength: max };
}
