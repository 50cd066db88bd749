// `llm-pick cost`: what an API costs at a volume, what running locally costs
// (electricity from the GPUs' power plus hardware amortization), the break-even
// volume, and whether one local stream can serve the volume at all.
import { isApi, isLocalOrEmbedding, resolveFor, type Resolved } from '../catalog/resolve-model.js';
import type { ApiModel, Catalog, Model } from '../catalog/schema.js';
import { apiCandidates, comparableApi } from './api.js';
import type { HardwarePlan } from '../hardware/types.js';
import { resolveInput } from './context.js';
import {
  apiMonthlyUsd,
  blendedUsdPerToken,
  DAYS_PER_MONTH,
  DEFAULT_AMORTIZATION_MONTHS,
  DEFAULT_COST_TOKENS_PER_DAY,
  DEFAULT_HOURS_PER_DAY,
  DEFAULT_KWH_PRICE_USD,
} from './cost.js';
import { breakEvenVolume, costCurve, curveVolumes, DEFAULT_IDLE_POWER_FRACTION, economicsInputFor, localEconomics } from './economics.js';
import { gpuCount, hardwareSummary, isCpuOnly } from './hardware-view.js';
import { rankLocal } from './local.js';
import type { CostApiRow, CostResult, LocalPick } from './output-schema.js';
import type { EstimatorPort } from './port.js';
import { DecisionInputError } from './input-error.js';
import { DEFAULT_INPUT_SHARE, RECOMMEND_USE_CASES, type RecommendUseCase } from './types.js';
import { percent, tokens, tps, usd } from './words.js';
import { compareIds } from '../util/compare-ids.js';

export interface CostInput {
  tokensPerDay?: number | undefined;
  inputShare?: number | undefined;
  /** API models to price, as typed (ids, names, litellm keys, snapshots); default: each provider's current flagship and value model. */
  apiModels?: readonly string[] | undefined;
  /** --all: every API model not retired in the default set. */
  all?: boolean | undefined;
  /** Local model to run; default: the top `recommend` pick for chat. */
  modelId?: string | undefined;
  kwhPriceUsd?: number | undefined;
  hoursPerDay?: number | undefined;
  hardwareCostUsd?: number | undefined;
  months?: number | undefined;
  /** Concurrent requests served (batched decode); default 1. */
  users?: number | undefined;
  /** --engine, when given: said in the assumptions (the throughput roofline is the same for every engine). */
  engine?: string | undefined;
  /** Per-GPU power under load and idle, watts (override the catalog TDP and the default idle share). */
  gpuPowerWatts?: number | undefined;
  idlePowerWatts?: number | undefined;
}

export interface CostDeps {
  catalog: Catalog;
  hardware: HardwarePlan;
  estimator: EstimatorPort;
}

function findApi(models: readonly Model[], name: string): Resolved<ApiModel> {
  const r = resolveFor(models, name, { flag: '--api-model', accept: isApi, what: 'an API model', list: 'llm-pick models --type api' });
  if ('error' in r) throw new DecisionInputError(r.error);
  return r;
}

/**
 * The default set of `cost`: each provider's current flagship and value model
 * (catalog `lineup`), or with `all` every API model not retired; chat models only.
 */
export function defaultApiSet(models: readonly ApiModel[], all = false): ApiModel[] {
  return apiCandidates(models, all).filter((m) => m.useCases.includes('chat'));
}

function localPick(input: CostInput, deps: CostDeps, tokensPerDay: number): LocalPick | null {
  const { catalog } = deps;
  if (input.modelId) {
    const r = resolveFor(catalog.models, input.modelId, {
      flag: '--model',
      accept: isLocalOrEmbedding,
      what: 'a local model',
      list: 'llm-pick models --type local',
    });
    if ('error' in r) throw new DecisionInputError(r.error);
    const model = r.model;
    const useCase: RecommendUseCase =
      model.type === 'embedding'
        ? 'embedding'
        : model.useCases.includes('chat')
          ? 'chat'
          : ((model.useCases.find((u) => (RECOMMEND_USE_CASES as readonly string[]).includes(u)) as RecommendUseCase | undefined) ?? 'chat');
    const only = { ...catalog, models: [model] };
    const ranked = rankLocal(
      resolveInput({ useCase, priority: 'balanced', tokensPerDay, allowOffload: true, top: 1 }),
      { catalog: only, hardware: deps.hardware, estimator: deps.estimator },
    );
    return ranked.picks[0] ?? null;
  }
  const ranked = rankLocal(resolveInput({ useCase: 'chat', priority: 'balanced', tokensPerDay, top: 1 }), deps);
  return ranked.picks[0] ?? null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function finiteOrNull(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? Math.round(n) : null;
}

export function costReport(input: CostInput, deps: CostDeps): CostResult {
  const tokensPerDay = input.tokensPerDay ?? DEFAULT_COST_TOKENS_PER_DAY;
  const inputShare = input.inputShare ?? DEFAULT_INPUT_SHARE;
  const hoursPerDay = input.hoursPerDay ?? DEFAULT_HOURS_PER_DAY;
  const kwhPrice = input.kwhPriceUsd ?? DEFAULT_KWH_PRICE_USD;
  const hardwareCostUsd = input.hardwareCostUsd ?? 0;
  const months = input.months ?? DEFAULT_AMORTIZATION_MONTHS;
  const volume = { tokensPerDay, inputShare };
  const apiModels = deps.catalog.models.filter((m): m is ApiModel => m.type === 'api');
  const notes0: string[] = [];
  const named = input.apiModels && input.apiModels.length > 0 ? input.apiModels.map((n) => findApi(deps.catalog.models, n)) : null;
  const chosen = named ? named.map((r) => r.model) : defaultApiSet(apiModels, input.all ?? false);
  const typedOf = new Map(named?.map((r) => [r.model.id, r.typed]) ?? []);
  for (const r of named ?? []) if (r.note) notes0.push(r.note);

  const pick = localPick(input, deps, tokensPerDay);
  const users = input.users ?? 1;
  const base = economicsInputFor(pick, deps.hardware, {
    tokensPerDay,
    inputShare,
    users,
    hoursPerDay,
    kwhPriceUsd: kwhPrice,
    hardwareCostUsd,
    months,
    gpuPowerWatts: input.gpuPowerWatts,
    idlePowerWatts: input.idlePowerWatts,
  });
  const econ = localEconomics(base);
  const watts = base.loadWatts;
  const notes: string[] = [...notes0];
  const assumptions: string[] = [
    `a month is 365/12 = ${DAYS_PER_MONTH.toFixed(1)} days`,
    `${percent(inputShare)} of tokens are input (--input-share; the default ${DEFAULT_INPUT_SHARE} assumes prompts about 3× longer than answers, as in chat with history, RAG and summarization)`,
  ];
  if (watts !== null) {
    const idle = base.idleWatts ?? watts * DEFAULT_IDLE_POWER_FRACTION;
    assumptions.push(
      `the GPU${gpuCount(deps.hardware) > 1 ? 's draw' : ' draws'} ${Math.round(watts)} W while busy (${input.gpuPowerWatts !== undefined ? '--gpu-power' : 'rated power (TDP) from the catalog'}) and ${Math.round(idle)} W idle (${input.idlePowerWatts !== undefined ? '--idle-power' : `${DEFAULT_IDLE_POWER_FRACTION * 100}% of rated power, a default`}) over the ${hoursPerDay} h a day the machine runs, at ${usd(kwhPrice)}/kWh; the rest of the machine (CPU, RAM, fans) is not counted`,
    );
  } else {
    notes.push(
      isCpuOnly(deps.hardware)
        ? 'The power of a CPU-only machine is not in the catalog, so electricity is unknown; the local cost below is the amortization only (or pass --gpu-power W).'
        : 'The GPU power (TDP) is unknown for this hardware: pass --gpu NAME or --gpu-power W to price electricity.',
    );
  }
  if (input.engine !== undefined) {
    assumptions.push(
      `--engine ${input.engine}: the throughput is the same batched roofline for every engine (weights read once per step, each request's KV cache); \`llm-pick fit --engine ${input.engine}\` sizes its KV pool and concurrency`,
    );
  }
  assumptions.push(
    hardwareCostUsd > 0
      ? `hardware: ${usd(hardwareCostUsd)} per machine spread over ${months} months (--hardware-cost, --months)`
      : 'hardware already owned (--hardware-cost 0): no amortization',
  );

  const localMonthly = econ.monthlyUsd;
  const comparable = comparableApi(pick, chosen, deps.catalog);
  const rows: CostApiRow[] = chosen
    .map((m) => ({
      modelId: m.id,
      typed: typedOf.get(m.id) ?? null,
      name: m.name,
      provider: m.provider,
      tier: m.tier,
      lineup: m.lineup,
      status: m.retired ? ('retired' as const) : m.deprecated ? ('deprecated' as const) : m.supersededBy ? ('superseded' as const) : ('current' as const),
      comparableToLocal: comparable ? comparable.ids.has(m.id) : null,
      usdPerMillionInput: m.usdPerMillionInput,
      usdPerMillionOutput: m.usdPerMillionOutput,
      monthlyUsd: round2(apiMonthlyUsd(m, volume)),
      breakEvenTokensPerDay: finiteOrNull(breakEvenVolume(base, m)),
      asOf: m.asOf,
    }))
    .sort((a, b) => a.monthlyUsd - b.monthlyUsd || compareIds(a.modelId, b.modelId));

  const pool = comparable ? comparable.models : chosen;
  const cheapest = pool.length > 0 ? [...pool].sort((a, b) => blendedUsdPerToken(a, inputShare) - blendedUsdPerToken(b, inputShare))[0]! : null;
  if (comparable) notes.push(`${comparable.note.slice(0, -1)}; the break-even is against the cheapest of them.`);
  const breakEven = cheapest ? finiteOrNull(breakEvenVolume(base, cheapest)) : null;

  let capacity: CostResult['local']['capacity'] = null;
  if (pick?.speed && base.throughput && econ.maxTokensPerDayPerMachine !== null && econ.busyHoursPerDay !== null) {
    const t = base.throughput;
    capacity = {
      decodeTokensPerSecond: t.aggregateDecodeTokensPerSecond,
      promptTokensPerSecond: t.promptTokensPerSecond,
      maxTokensPerDay: Math.round(econ.maxTokensPerDayPerMachine),
      canServe: econ.machinesNeeded === 1,
    };
    assumptions.push(
      `capacity: ${users} concurrent request${users > 1 ? 's' : ''} batched (--users), input at prompt speed, output at the aggregate decode speed (sequences halfway through their context on average)`,
    );
    const per = `≈ ${tps(t.aggregateDecodeTokensPerSecond)} decode in all at ${users} user${users > 1 ? 's' : ''}`;
    notes.push(
      econ.machinesNeeded === 1
        ? `${pick.modelId} (${pick.quant}) serves ${tokens(tokensPerDay)} tokens/day on one machine: ${per}, busy ${econ.busyHoursPerDay.toFixed(1)} h of the ${hoursPerDay} h.`
        : `${tokens(tokensPerDay)} tokens/day needs ${econ.machinesNeeded} machines (${econ.gpusNeeded} GPUs: ${econ.busyHoursPerDay.toFixed(1)} machine-hours a day at ${per}; one machine serves ≈ ${tokens(econ.maxTokensPerDayPerMachine)} tokens/day); more --users (batching) raises what one serves.`,
    );
  } else if (pick) {
    notes.push('The speed of the local pick is unknown (no memory bandwidth: pass --gpu NAME), so the busy hours are unknown and the GPUs are counted at full power all day.');
  } else {
    notes.push('No local model fits this hardware; the local cost is what the machine costs to run, not a working setup.');
  }
  if (breakEven !== null && cheapest) {
    notes.push(
      tokensPerDay >= breakEven
        ? `At ${tokens(tokensPerDay)} tokens/day, running locally costs less than ${cheapest.id} (break-even ≈ ${tokens(breakEven)} tokens/day).`
        : `At ${tokens(tokensPerDay)} tokens/day, ${cheapest.id} costs less than running locally; local pays off above ≈ ${tokens(breakEven)} tokens/day.`,
    );
  } else if (cheapest && localMonthly !== null) {
    notes.push(`${cheapest.id} stays cheaper than running locally at every volume up to 10^12 tokens/day.`);
  }
  const dates = [...new Set(chosen.map((m) => m.asOf))].sort();
  if (dates.length > 1) notes.push(`Prices were read on different dates (${dates.join(', ')}); pricesAsOf is the oldest.`);

  return {
    schemaVersion: 1,
    kind: 'cost',
    volume: {
      tokensPerDay,
      inputShare,
      inputTokensPerDay: Math.round(tokensPerDay * inputShare),
      outputTokensPerDay: Math.round(tokensPerDay * (1 - inputShare)),
      daysPerMonth: DAYS_PER_MONTH,
    },
    api: rows,
    local: {
      modelId: pick?.modelId ?? null,
      typed: input.modelId?.trim() ?? null,
      quant: pick?.quant ?? null,
      hardware: hardwareSummary(deps.hardware).summary,
      watts,
      idleWatts: watts === null ? null : Math.round(base.idleWatts ?? watts * DEFAULT_IDLE_POWER_FRACTION),
      users,
      hoursPerDay,
      kwhPrice,
      busyHoursPerDay: econ.busyHoursPerDay === null ? null : Math.round(econ.busyHoursPerDay * 100) / 100,
      gpusNeeded: econ.gpusNeeded,
      machinesNeeded: econ.machinesNeeded,
      energyKwhPerDay: econ.energyKwhPerDay === null ? null : Math.round(econ.energyKwhPerDay * 1000) / 1000,
      electricityUsd: econ.electricityUsd === null ? null : round2(econ.electricityUsd),
      hardwareCostUsd,
      months,
      amortizationUsd: round2(econ.amortizationUsd),
      monthlyUsd: localMonthly === null ? null : round2(localMonthly),
      capacity,
      curve: costCurve(base, chosen, curveVolumes(tokensPerDay)),
      assumptions,
    },
    breakEvenTokensPerDay: breakEven,
    breakEvenAgainst: breakEven !== null && cheapest ? cheapest.id : null,
    pricesAsOf: dates[0] ?? null,
    notes,
  };
}
