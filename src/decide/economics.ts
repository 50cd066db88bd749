// The one model of what running locally costs at a volume (pure), used by `recommend`, `cost` and
// the wizard (through recommend) so they never disagree:
// - busy hours a day = input tokens ÷ prompt speed + output tokens ÷ aggregate decode speed at the
//   users served (batched: src/estimate/serving.ts);
// - machines needed = busy hours ÷ the hours a machine runs, rounded up (one machine = the cards
//   of the plan); each machine shares the load;
// - energy = per machine, busy hours × power under load + the other running hours × idle power;
// - money = energy × price + hardware amortization (per machine);
// - break-even against an API = the volume where the API's monthly cost reaches the local one,
//   found on the same function the curve is drawn from.
import type { ApiModel } from '../catalog/schema.js';
import { batchedDecode, type StepParts } from '../estimate/serving.js';
import { apiMonthlyUsd, DAYS_PER_MONTH, SECONDS_PER_HOUR } from './cost.js';
import type { HardwarePlan } from '../hardware/types.js';
import { gpuCount, powerWatts } from './hardware-view.js';
import type { LocalPick } from './output-schema.js';

/**
 * Idle power as a share of the rated power when `--idle-power` is not given and the catalog has no
 * idle figure: measured idle draws are 15-30 W of an RTX 3090's 350 W (4-9 %;
 * ilya-zlobintsev/LACT#908), 10 W of an RTX 5060 Ti's 180 W (6 %; NVIDIA/open-gpu-kernel-modules#907)
 * and 137 W of an air-cooled B200's 1000 W (14 %; ROCm/legacy-rocm-build#5219). 0.1 sits between
 * the consumer and datacenter readings; a card holding a loaded model often idles higher. Derived.
 */
export const DEFAULT_IDLE_POWER_FRACTION = 0.1;

export interface Throughput {
  /** Aggregate decode tokens/s of one machine at the users served. */
  aggregateDecodeTokensPerSecond: number;
  /** Prompt tokens/s of one machine (compute-bound: batching does not raise it). */
  promptTokensPerSecond: number;
}

export interface EconomicsInput {
  tokensPerDay: number;
  inputShare: number;
  /** null: the speed is unknown (no bandwidth); the load-based figures are then unknown too. */
  throughput: Throughput | null;
  /** Power of one machine's GPUs under load and idle, watts (null: unknown). */
  loadWatts: number | null;
  idleWatts: number | null;
  gpusPerMachine: number;
  hoursPerDay: number;
  kwhPriceUsd: number;
  /** Price of one machine, amortized over `months`. */
  hardwareCostUsd: number;
  months: number;
}

export interface LocalEconomics {
  /** Machine-hours a day the volume keeps the GPUs busy (all machines together); null when the speed is unknown. */
  busyHoursPerDay: number | null;
  machinesNeeded: number;
  gpusNeeded: number;
  /** Tokens/day one machine serves in hoursPerDay. */
  maxTokensPerDayPerMachine: number | null;
  energyKwhPerDay: number | null;
  electricityUsd: number | null;
  amortizationUsd: number;
  monthlyUsd: number | null;
}

/** Seconds of machine time per token at this input share. */
function secondsPerToken(t: Throughput, inputShare: number): number {
  const input = inputShare > 0 ? inputShare / Math.max(t.promptTokensPerSecond, 1e-9) : 0;
  const output = inputShare < 1 ? (1 - inputShare) / Math.max(t.aggregateDecodeTokensPerSecond, 1e-9) : 0;
  return input + output;
}

export function localEconomics(input: EconomicsInput): LocalEconomics {
  const hours = input.hoursPerDay;
  const spt = input.throughput ? secondsPerToken(input.throughput, input.inputShare) : null;
  const busyHoursPerDay = spt === null ? null : (input.tokensPerDay * spt) / SECONDS_PER_HOUR;
  const machinesNeeded = busyHoursPerDay === null ? 1 : Math.max(1, Math.ceil(busyHoursPerDay / hours - 1e-9));
  const maxTokensPerDayPerMachine = spt === null || spt <= 0 ? null : (hours * SECONDS_PER_HOUR) / spt;
  let energyKwhPerDay: number | null = null;
  if (input.loadWatts !== null) {
    const idle = input.idleWatts ?? input.loadWatts * DEFAULT_IDLE_POWER_FRACTION;
    // Without a speed the busy share is unknown: count the machine at load the whole time (an upper bound).
    const busyPerMachine = busyHoursPerDay === null ? hours : Math.min(hours, busyHoursPerDay / machinesNeeded);
    energyKwhPerDay = (machinesNeeded * (busyPerMachine * input.loadWatts + (hours - busyPerMachine) * idle)) / 1000;
  }
  const electricityUsd = energyKwhPerDay === null ? null : energyKwhPerDay * DAYS_PER_MONTH * input.kwhPriceUsd;
  const amortizationUsd = input.months > 0 ? (machinesNeeded * input.hardwareCostUsd) / input.months : 0;
  return {
    busyHoursPerDay,
    machinesNeeded,
    gpusNeeded: machinesNeeded * Math.max(1, input.gpusPerMachine),
    maxTokensPerDayPerMachine,
    energyKwhPerDay,
    electricityUsd,
    amortizationUsd,
    monthlyUsd: electricityUsd === null ? null : electricityUsd + amortizationUsd,
  };
}

type Priced = Pick<ApiModel, 'id' | 'usdPerMillionInput' | 'usdPerMillionOutput'>;

/** Monthly local cost at a volume, everything else as in `base`. */
export function localMonthlyAt(base: EconomicsInput, tokensPerDay: number): number | null {
  return localEconomics({ ...base, tokensPerDay }).monthlyUsd;
}

const MAX_BREAK_EVEN_TOKENS = 1e12;

/**
 * The smallest volume at which the API costs at least as much per month as running locally (the local
 * cost grows with the load and steps up with each machine, so it is searched, not divided): null when
 * the local cost is unknown, Infinity when the API stays cheaper up to 10^12 tokens/day.
 */
export function breakEvenVolume(base: EconomicsInput, api: Priced): number | null {
  if (localMonthlyAt(base, 0) === null) return null;
  const gap = (t: number) => apiMonthlyUsd(api, { tokensPerDay: t, inputShare: base.inputShare }) - (localMonthlyAt(base, t) ?? 0);
  if (gap(0) >= 0) return 0;
  // Walk up in steps of ×1.25 to find a bracket, then bisect inside it.
  let lo = 0;
  let hi = 1000;
  while (gap(hi) < 0) {
    lo = hi;
    hi *= 1.25;
    if (hi > MAX_BREAK_EVEN_TOKENS) return Number.POSITIVE_INFINITY;
  }
  for (let i = 0; i < 60 && hi - lo > 1; i += 1) {
    const mid = (lo + hi) / 2;
    if (gap(mid) >= 0) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi);
}

export interface CurvePoint {
  tokensPerDay: number;
  localMonthlyUsd: number | null;
  api: Record<string, number>;
}

/** Volumes from volume ÷ 100 to volume × 100 (at least 10^4 to 10^8), evenly on a log scale. */
export function curveVolumes(volume: number, points = 25): number[] {
  const center = Math.max(volume, 1e4);
  const lo = Math.log10(Math.min(center / 100, 1e4));
  const hi = Math.log10(Math.max(center * 100, 1e8));
  return Array.from({ length: points }, (_, i) => Math.round(10 ** (lo + ((hi - lo) * i) / (points - 1))));
}

/** Monthly cost against volume: the local plan (same function as the headline figure) and each API. */
export function costCurve(base: EconomicsInput, apis: readonly Priced[], volumes: readonly number[]): CurvePoint[] {
  return volumes.map((t) => {
    const local = localMonthlyAt(base, t);
    return {
      tokensPerDay: t,
      localMonthlyUsd: local === null ? null : Math.round(local * 100) / 100,
      api: Object.fromEntries(apis.map((m) => [m.id, Math.round(apiMonthlyUsd(m, { tokensPerDay: t, inputShare: base.inputShare }) * 100) / 100])),
    };
  });
}

/**
 * Step parts of a catalog pick for the batched roofline, from what the pick carries: its single-stream
 * decode at its context splits into weight and KV reads in proportion to their bytes, and its prompt
 * rate is the compute bound. (fit builds the parts from the speed model itself.)
 */
export function stepPartsFromPick(pick: Pick<LocalPick, 'memory' | 'speed'>): StepParts | null {
  if (!pick.speed || !(pick.speed.decodeTokensPerSecond > 0) || !(pick.speed.promptTokensPerSecond > 0)) return null;
  const stepMs = 1000 / pick.speed.decodeTokensPerSecond;
  const read = pick.memory.weightsBytes + pick.memory.kvCacheBytes;
  const kvShare = read > 0 ? pick.memory.kvCacheBytes / read : 0;
  return {
    weightMs: stepMs * (1 - kvShare),
    kvMsAtContext: stepMs * kvShare,
    overheadMs: 0,
    computeMsPerToken: 1000 / pick.speed.promptTokensPerSecond,
    experts: null,
  };
}

/** Throughput of one machine serving `users` concurrent requests with this pick. */
export function pickThroughput(pick: Pick<LocalPick, 'memory' | 'speed'>, users: number): Throughput | null {
  const parts = stepPartsFromPick(pick);
  if (!parts || !pick.speed) return null;
  const b = batchedDecode(parts, users);
  return { aggregateDecodeTokensPerSecond: b.aggregateDecodeTokensPerSecond, promptTokensPerSecond: pick.speed.promptTokensPerSecond };
}

export interface LocalPlanOptions {
  tokensPerDay: number;
  inputShare: number;
  /** Concurrent requests served (batched decode). */
  users: number;
  hoursPerDay: number;
  kwhPriceUsd: number;
  hardwareCostUsd: number;
  months: number;
  /** Per-GPU power under load and idle, watts (--gpu-power, --idle-power); else the catalog TDP and the default idle share. */
  gpuPowerWatts?: number | undefined;
  idlePowerWatts?: number | undefined;
}

/** The economics input of a pick on a hardware plan: what `recommend` and `cost` both price. */
export function economicsInputFor(pick: Pick<LocalPick, 'memory' | 'speed'> | null, hardware: HardwarePlan, o: LocalPlanOptions): EconomicsInput {
  const gpus = Math.max(1, gpuCount(hardware));
  const rated = powerWatts(hardware);
  const loadWatts = o.gpuPowerWatts !== undefined ? o.gpuPowerWatts * gpus : rated;
  const idleWatts = o.idlePowerWatts !== undefined ? o.idlePowerWatts * gpus : null;
  return {
    tokensPerDay: o.tokensPerDay,
    inputShare: o.inputShare,
    throughput: pick ? pickThroughput(pick, o.users) : null,
    loadWatts,
    idleWatts,
    gpusPerMachine: gpus,
    hoursPerDay: o.hoursPerDay,
    kwhPriceUsd: o.kwhPriceUsd,
    hardwareCostUsd: o.hardwareCostUsd,
    months: o.months,
  };
}
