// What the speed estimator needs from a plan (src/estimate/types.ts SpeedHardware).
import type { SpeedHardware } from '../estimate/types.js';
import type { GpuInfo, HardwarePlan } from './types.js';

/**
 * The cards the budget counts, at the slowest one's bandwidth; CPU-only plans
 * run at RAM bandwidth with backend "cpu" and gpus 0. Null when a counted card's
 * bandwidth is unknown (not in the catalog, or --vram without --gpu).
 */
export function speedHardwareOf(plan: HardwarePlan): SpeedHardware | null {
  if (!plan.budget) return null;
  if (plan.budget.gpus === 0) {
    return { memoryBandwidthGBps: plan.ram.bandwidthGBps, fp16Tflops: null, backend: 'cpu', gpus: 0, ramBandwidthGBps: plan.ram.bandwidthGBps };
  }
  const indexes = plan.budgetGpuIndexes ?? plan.gpus.map((g) => g.index);
  const cards = plan.gpus.filter((g) => indexes.includes(g.index));
  if (cards.length === 0 || cards.some((g) => g.memoryBandwidthGBps === null)) return null;
  const tflops = cards.some((g) => g.fp16Tflops === null) ? null : Math.min(...cards.map((g) => g.fp16Tflops!));
  // The slowest clock sets the per-layer cost of a layer split; unknown on any card: the reference clock.
  const clocks = cards.map((g) => g.boostClockMHz);
  const clock = clocks.every((c): c is number => typeof c === 'number') ? Math.min(...clocks) : undefined;
  return {
    memoryBandwidthGBps: layerSplitBandwidth(plan, cards) ?? Math.min(...cards.map((g) => g.memoryBandwidthGBps!)),
    fp16Tflops: tflops,
    backend: cards[0]!.backend,
    gpus: plan.budget.gpus,
    ramBandwidthGBps: plan.ram.bandwidthGBps,
    ...(clock !== undefined ? { gpuClockMHz: clock } : {}),
  };
}

/**
 * Unequal cards (budget.vramBytesByGpu): llama.cpp's layer split runs the cards one after another,
 * each reading its share of the weights at its own bandwidth, so a token takes Σ share_i / bw_i:
 * the effective bandwidth is the share-weighted harmonic mean (derived). Null for equal cards.
 */
function layerSplitBandwidth(plan: HardwarePlan, cards: GpuInfo[]): number | null {
  const sizes = plan.budget?.vramBytesByGpu;
  const indexes = plan.budgetGpuIndexes;
  if (!sizes || !indexes || sizes.length !== indexes.length) return null;
  let total = 0;
  let time = 0;
  for (const [i, index] of indexes.entries()) {
    const bw = cards.find((g) => g.index === index)?.memoryBandwidthGBps;
    if (!bw) return null;
    total += sizes[i]!;
    time += sizes[i]! / bw;
  }
  return time > 0 ? Math.round((10 * total) / time) / 10 : null;
}
