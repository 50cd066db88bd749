// The decision engine's entry point: from the user's job and hardware to the
// verdict (local / API / either) with its reasons, ranked local picks with
// memory, speed and setup commands, and ranked API picks with their cost.
// Pure: the CLI and the wizard gather the inputs and render the result.
import type { ApiModel } from '../catalog/schema.js';
import { comparableApi, rankApi } from './api.js';
import { resolveInput } from './context.js';
import { verdict } from './deployment.js';
import { DAYS_PER_MONTH, DEFAULT_KWH_PRICE_USD, localCapacity } from './cost.js';
import { budgetBytes, hardwareSummary, isCpuOnly, powerWatts } from './hardware-view.js';
import { rankLocal, type LocalRanking } from './local.js';
import type { LocalPick, RecommendResult } from './output-schema.js';
import { firedRules, type RuleContext } from './rules.js';
import type { RecommendDeps, RecommendInput } from './types.js';

/** Contradictory inputs; the CLI turns it into a UsageError (exit 2). */
export class DecisionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionInputError';
  }
}

export function checkInput(input: RecommendInput): void {
  if (input.localOnly && input.apiOnly) {
    throw new DecisionInputError('--local-only and --api-only cannot be used together; choose one (or neither, to compare)');
  }
  if (input.apiOnly && (input.privacy || input.offline)) {
    const flag = input.privacy ? '--privacy' : '--offline';
    throw new DecisionInputError(`--api-only cannot be used with ${flag}: ${flag} allows local models only`);
  }
}

/**
 * Electricity to serve the volume locally: the GPUs at rated power (TDP) for the
 * hours one stream is busy (input at prompt speed, output at decode speed), at
 * the default electricity price. Idle draw and the hardware are not counted;
 * `llm-pick cost` prices the whole machine with its own flags.
 */
export function servingEnergy(
  pick: LocalPick,
  tokensPerDay: number | null,
  inputShare: number,
  watts: number | null,
): RuleContext['local']['energy'] {
  if (tokensPerDay === null || watts === null || pick.speed === null || pick.type !== 'local') return null;
  const cap = localCapacity({ tokensPerDay, inputShare }, pick.speed, 24);
  const busyHoursPerDay = cap.secondsNeededPerDay / 3600;
  const kwhPrice = DEFAULT_KWH_PRICE_USD;
  const monthlyUsd = (watts / 1000) * Math.min(24, busyHoursPerDay) * DAYS_PER_MONTH * kwhPrice;
  return { monthlyUsd, watts, busyHoursPerDay, canServe: cap.canServe, kwhPrice };
}

const EMPTY_LOCAL: LocalRanking = { picks: [], fittingCount: 0, offloadCount: 0, excluded: [], notes: [] };

export function recommend(raw: RecommendInput, deps: RecommendDeps): RecommendResult {
  checkInput(raw);
  const input = resolveInput(raw);
  const local = input.apiOnly ? EMPTY_LOCAL : rankLocal(input, deps);
  const apiModels = deps.catalog.models.filter((m): m is ApiModel => m.type === 'api');
  const api = rankApi(input, apiModels, deps.catalog);
  const best = local.picks[0] ?? null;
  const hits = firedRules({
    input,
    local: {
      best,
      fittingCount: local.fittingCount,
      offloadCount: local.offloadCount,
      budgetBytes: input.apiOnly ? null : budgetBytes(deps.hardware),
      cpuOnly: isCpuOnly(deps.hardware),
      energy: best && best.fits ? servingEnergy(best, input.tokensPerDay, input.inputShare, powerWatts(deps.hardware)) : null,
    },
    api: { cheapest: api.cheapest, bestFrontier: api.bestFrontier, count: api.picks.length },
  });
  const v = verdict(hits, input);
  const hard = hits.filter((h) => h.hard).map((h) => h.id);
  const noApi = hard.length > 0 || input.localOnly;
  const notes = [...local.notes];
  // Local against API: name the API picks of quality comparable to the best local pick.
  const pickedApi = api.picks.map((p) => apiModels.find((m) => m.id === p.modelId)!).filter(Boolean);
  const comparable = best && !input.localOnly ? comparableApi(best, pickedApi, deps.catalog, input.useCase) : null;
  if (comparable) notes.push(comparable.note);
  if (hard.length > 0) notes.push(`API picks left out: ${hard.map((h) => `--${h}`).join(', ')}.`);
  if (input.localOnly) notes.push('API picks left out: --local-only.');
  if (input.apiOnly) notes.push('Local picks left out: --api-only.');
  if (!noApi) notes.push(...api.notes);
  if (!input.apiOnly && local.picks.length === 0 && budgetBytes(deps.hardware) !== null) {
    notes.push(
      local.offloadCount === 0 && !input.allowOffload
        ? 'No local model fits; --allow-offload may run a larger one partly from system RAM (slowly), or plan for more memory (--vram, --gpu).'
        : 'No local model fits this budget.',
    );
  }
  return {
    schemaVersion: 1,
    kind: 'recommend',
    inputs: {
      useCase: input.useCase,
      priority: input.priority,
      contextLength: input.contextLength,
      contextSource: input.contextSource,
      tokensPerDay: input.tokensPerDay,
      inputShare: input.inputShare,
      budgetUsd: input.budgetUsd,
      privacy: input.privacy,
      offline: input.offline,
      latencyCritical: input.latencyCritical,
      predictableCost: input.predictableCost,
      prototyping: input.prototyping,
      noInfrastructure: input.noInfrastructure,
      commercial: input.commercial,
      allowOffload: input.allowOffload,
      localOnly: input.localOnly,
      apiOnly: input.apiOnly,
      top: input.top,
      kvCacheType: input.kvCacheType,
      allApi: input.allApi,
    },
    hardware: hardwareSummary(deps.hardware),
    deployment: { choice: v.choice, reasons: v.reasons, score: v.score, rules: v.rules },
    local: local.picks,
    api: noApi ? [] : api.picks,
    excluded: [...local.excluded, ...(noApi ? [] : api.excluded)],
    notes,
  };
}
