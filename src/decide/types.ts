// Inputs of the decision engine. The CLI (`recommend`, `cost`) and the wizard
// build a RecommendInput and call recommend(input, deps); nothing here reads flags.
import type { InstalledInput } from './installed.js';
import type { Catalog } from '../catalog/schema.js';
import type { KvCacheType } from '../estimate/types.js';
import type { HardwarePlan } from '../hardware/types.js';
import type { EstimatorPort } from './port.js';

export const RECOMMEND_USE_CASES = [
  'chat',
  'code',
  'rag',
  'extraction',
  'summarization',
  'embedding',
  'long-context',
] as const;
export type RecommendUseCase = (typeof RECOMMEND_USE_CASES)[number];

export const PRIORITIES = ['quality', 'balanced', 'speed'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * Default share of tokens that are input (prompt) rather than output. 0.75 means
 * 3 input tokens per output token: typical of chat with history, RAG and
 * summarization, where prompts are longer than answers. A policy default, not a
 * measurement; pass --input-share to change it.
 */
export const DEFAULT_INPUT_SHARE = 0.75;

export interface RecommendInput {
  useCase: RecommendUseCase;
  priority: Priority;
  /** --ctx: context length needed; undefined: a default per use case (see context.ts). */
  contextLength?: number | undefined;
  privacy?: boolean | undefined;
  offline?: boolean | undefined;
  latencyCritical?: boolean | undefined;
  /** Tokens per day, input + output; undefined/null: unknown. */
  tokensPerDay?: number | null | undefined;
  inputShare?: number | undefined;
  /** Monthly budget, USD. */
  budgetUsd?: number | null | undefined;
  localOnly?: boolean | undefined;
  apiOnly?: boolean | undefined;
  commercial?: boolean | undefined;
  allowOffload?: boolean | undefined;
  /** Picks per list (default 5). */
  top?: number | undefined;
  /** --all: every API model not retired, not only each provider's current flagship and value model. */
  allApi?: boolean | undefined;
  kvCacheType?: KvCacheType | undefined;
  /** Wizard-only answers (no flags yet): quick prototype; nobody wants to run servers; predictable monthly cost wanted. */
  prototyping?: boolean | undefined;
  noInfrastructure?: boolean | undefined;
  predictableCost?: boolean | undefined;
  /** Concurrent requests the local plan serves (--users; batched decode), default 1. */
  users?: number | undefined;
  /** --engine: said in the notes; `fit --engine` sizes that engine's KV pool. */
  engine?: string | undefined;
}

export interface RecommendDeps {
  catalog: Catalog;
  hardware: HardwarePlan;
  estimator: EstimatorPort;
  /** Models already on disk (the CLI scans); marks picks and breaks ties; `only` limits picks to them. */
  installed?: InstalledInput | undefined;
}

/** RecommendInput with every default applied. */
export interface ResolvedInput {
  useCase: RecommendUseCase;
  priority: Priority;
  contextLength: number;
  /** How contextLength was chosen, in words ("--ctx", "default for long-context"). */
  contextSource: string;
  contextExplicit: boolean;
  privacy: boolean;
  offline: boolean;
  latencyCritical: boolean;
  tokensPerDay: number | null;
  inputShare: number;
  budgetUsd: number | null;
  localOnly: boolean;
  apiOnly: boolean;
  commercial: boolean;
  allowOffload: boolean;
  top: number;
  allApi: boolean;
  kvCacheType: KvCacheType;
  prototyping: boolean;
  noInfrastructure: boolean;
  predictableCost: boolean;
}
