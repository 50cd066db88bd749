// The decision engine's entry point: from the user's job and hardware to the
// verdict (local / API / either) with its reasons, ranked local picks with
// memory, speed and setup commands, and ranked API picks with their cost.
// Pure: the CLI and the wizard gather the inputs and render the result.
import type { ApiModel } from '../catalog/schema.js';
import { comparableApi, rankApi } from './api.js';
import { resolveInput } from './context.js';
import { verdict } from './deployment.js';
import { blendedUsdPerToken, DEFAULT_AMORTIZATION_MONTHS, DEFAULT_HOURS_PER_DAY, DEFAULT_KWH_PRICE_USD } from './cost.js';
import { defaultApiSet } from './cost-report.js';
import { breakEvenVolume, economicsInputFor, localEconomics } from './economics.js';
import { budgetBytes, hardwareSummary, isCpuOnly } from './hardware-view.js';
import { rankLocal, type LocalRanking } from './local.js';
import type { LocalCostSummary, LocalPick, RecommendResult } from './output-schema.js';
import { DEPLOYMENT_RULES, firedRules, type RuleContext } from './rules.js';
import type { RecommendDeps, RecommendInput } from './types.js';

import { DecisionInputError } from './input-error.js';

export { DecisionInputError };

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
 * What serving the volume locally costs a month, by the one economic model `cost` uses
 * (economics.ts): busy hours at load power, the rest of the day at idle power, the default
 * electricity price, hardware already owned; and the break-even volume against the cheapest API
 * of `cost`'s comparison set (defaultApiSet).
 */
export function localCostOf(
  pick: LocalPick,
  input: { tokensPerDay: number | null; inputShare: number; users: number },
  deps: RecommendDeps,
): { energy: RuleContext['local']['energy']; summary: LocalCostSummary } | null {
  if (input.tokensPerDay === null || pick.type !== 'local') return null;
  const base = economicsInputFor(pick, deps.hardware, {
    tokensPerDay: input.tokensPerDay,
    inputShare: input.inputShare,
    users: input.users,
    hoursPerDay: DEFAULT_HOURS_PER_DAY,
    kwhPriceUsd: DEFAULT_KWH_PRICE_USD,
    hardwareCostUsd: 0,
    months: DEFAULT_AMORTIZATION_MONTHS,
  });
  const econ = localEconomics(base);
  // The same comparison as cost's: the cheapest of the default API set of quality comparable to the pick.
  const apis = defaultApiSet(deps.catalog.models.filter((m): m is ApiModel => m.type === 'api'));
  const pool = comparableApi(pick, apis, deps.catalog)?.models ?? apis;
  const cheapest = [...pool].sort((a, b) => blendedUsdPerToken(a, input.inputShare) - blendedUsdPerToken(b, input.inputShare))[0] ?? null;
  const be = cheapest ? breakEvenVolume(base, cheapest) : null;
  const summary: LocalCostSummary = {
    modelId: pick.modelId,
    users: input.users,
    monthlyUsd: econ.monthlyUsd === null ? null : Math.round(econ.monthlyUsd * 100) / 100,
    busyHoursPerDay: econ.busyHoursPerDay === null ? null : Math.round(econ.busyHoursPerDay * 100) / 100,
    gpusNeeded: econ.gpusNeeded,
    energyKwhPerDay: econ.energyKwhPerDay === null ? null : Math.round(econ.energyKwhPerDay * 1000) / 1000,
    breakEvenTokensPerDay: be !== null && Number.isFinite(be) ? Math.round(be) : null,
    breakEvenAgainst: be !== null && Number.isFinite(be) && cheapest ? cheapest.id : null,
  };
  const energy =
    econ.monthlyUsd === null || econ.busyHoursPerDay === null || base.loadWatts === null
      ? null
      : {
          monthlyUsd: econ.monthlyUsd,
          watts: base.loadWatts,
          busyHoursPerDay: econ.busyHoursPerDay,
          canServe: econ.machinesNeeded === 1,
          kwhPrice: DEFAULT_KWH_PRICE_USD,
        };
  return { energy, summary };
}

const EMPTY_LOCAL: LocalRanking = { picks: [], fittingCount: 0, offloadCount: 0, excluded: [], notes: [] };

export function recommend(raw: RecommendInput, deps: RecommendDeps): RecommendResult {
  checkInput(raw);
  const input = resolveInput(raw);
  const local = input.apiOnly ? EMPTY_LOCAL : rankLocal(input, deps);
  const apiModels = deps.catalog.models.filter((m): m is ApiModel => m.type === 'api');
  const api = rankApi(input, apiModels, deps.catalog);
  const best = local.picks[0] ?? null;
  const users = raw.users ?? 1;
  const cost = best && best.fits ? localCostOf(best, { tokensPerDay: input.tokensPerDay, inputShare: input.inputShare, users }, deps) : null;
  // Once the user rules APIs out, no reason argues from an API's price or offer.
  const apiRuledOut = input.privacy || input.offline || input.localOnly;
  const rules = apiRuledOut ? DEPLOYMENT_RULES.filter((r) => !r.needsApi) : DEPLOYMENT_RULES;
  const hits = firedRules({
    input,
    local: {
      best,
      fittingCount: local.fittingCount,
      offloadCount: local.offloadCount,
      budgetBytes: input.apiOnly ? null : budgetBytes(deps.hardware),
      cpuOnly: isCpuOnly(deps.hardware),
      energy: cost?.energy ?? null,
    },
    api: apiRuledOut ? { cheapest: null, bestFrontier: null, count: 0 } : { cheapest: api.cheapest, bestFrontier: api.bestFrontier, count: api.picks.length },
  }, rules);
  const v = verdict(hits, input);
  const noApi = apiRuledOut;
  const notes = [...local.notes];
  // Local against API: name the API picks of quality comparable to the best local pick.
  const pickedApi = api.picks.map((p) => apiModels.find((m) => m.id === p.modelId)!).filter(Boolean);
  const comparable = best && !noApi ? comparableApi(best, pickedApi, deps.catalog, input.useCase) : null;
  if (comparable) notes.push(comparable.note);
  // API models ruled out: the verdict's reasons say so, once.
  if (input.apiOnly) notes.push('Local picks left out: --api-only.');
  if (raw.engine !== undefined && best) {
    // vLLM/SGLang do not load GGUF K-quants: the sizing command names a 4-bit AWQ checkpoint instead.
    const gpuEngine = raw.engine === 'vllm' || raw.engine === 'sglang';
    const quant = gpuEngine && /^(Q\d|IQ)/i.test(best.quant) ? 'awq' : best.quant;
    notes.push(`--engine ${raw.engine}: the local cost uses the same batched throughput for every engine; \`llm-pick fit --model ${best.modelId} --quant ${quant} --engine ${raw.engine} --users ${users}\` sizes its KV pool and concurrency.`);
  }
  if (!noApi) notes.push(...api.notes);
  if (!input.apiOnly && local.picks.length === 0 && budgetBytes(deps.hardware) !== null) {
    notes.push(
      local.offloadCount === 0 && !input.allowOffload
        ? 'No local model fits; --allow-offload may run a larger one partly from system RAM (slowly), or plan for more memory (--vram, --gpu).'
        : 'No local model fits the memory available.',
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
    deployment: { choice: v.choice, reasons: v.reasons, reasonDetails: v.details, score: v.score, rules: v.rules },
    local: local.picks,
    api: noApi ? [] : api.picks,
    excluded: [...local.excluded, ...(noApi ? [] : api.excluded)],
    localCost: cost?.summary ?? null,
    notes,
  };
}
