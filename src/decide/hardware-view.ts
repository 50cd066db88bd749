// What the engine reads from a HardwarePlan: the budget a pick is measured
// against, what the speed estimator needs, and which engines can run there.
import type { Engine } from '../catalog/schema.js';
import { gpuBudgetTotal } from '../estimate/fit.js';
import type { SpeedHardware } from '../estimate/types.js';
import { speedHardwareOf } from '../hardware/speed.js';
import type { HardwarePlan } from '../hardware/types.js';
import type { HardwareSummary } from './output-schema.js';
import { gib } from './words.js';

export function isCpuOnly(plan: HardwarePlan): boolean {
  return plan.gpus.length === 0 || (plan.budget !== null && plan.budget.vramBytesPerGpu === 0 && !plan.unifiedMemory);
}

/** Bytes a fitting model may take: GPU memory of all cards (Apple: unified), or RAM on CPU-only plans. */
export function budgetBytes(plan: HardwarePlan): number | null {
  const b = plan.budget;
  if (!b) return null;
  if (isCpuOnly(plan)) return b.ramBytes;
  return gpuBudgetTotal(b);
}

export function gpuCount(plan: HardwarePlan): number {
  return plan.budget?.gpus ?? plan.gpus.length;
}

/** Total memory of one card as sold (vLLM's utilization is a fraction of it). */
export function cardBytes(plan: HardwarePlan): number {
  // Unequal cards: vLLM's equal share is bounded by the smallest counted card.
  if (plan.budget?.vramBytesByGpu && plan.budgetGpuIndexes) {
    const counted = plan.gpus.filter((g) => plan.budgetGpuIndexes!.includes(g.index));
    if (counted.length > 0) return Math.min(...counted.map((g) => g.vramBytes));
  }
  return plan.gpus[0]?.vramBytes ?? 0;
}

/** Rated power (TDP, from the catalog) of the cards the budget counts; null when unknown or CPU only. */
export function powerWatts(plan: HardwarePlan): number | null {
  if (isCpuOnly(plan)) return null;
  const n = gpuCount(plan);
  const cards = plan.gpus.slice(0, Math.max(1, n));
  if (cards.length === 0 || cards.some((g) => g.tdpWatts === null)) return null;
  // A planned multi-GPU box may list one card: count it n times.
  return cards.length >= n ? cards.reduce((s, g) => s + (g.tdpWatts ?? 0), 0) : cards[0]!.tdpWatts! * n;
}

/** What the speed estimator needs: the hardware layer's own mapping (src/hardware/speed.ts). */
export function speedHardware(plan: HardwarePlan): SpeedHardware | null {
  return speedHardwareOf(plan);
}

/** The catalog's hardware kind for engine matching (engines.yaml `hardware`). */
export function hardwareKind(plan: HardwarePlan): Engine['hardware'][number] {
  if (isCpuOnly(plan)) return 'cpu';
  const vendor = plan.gpus[0]?.vendor;
  if (vendor === 'nvidia' || vendor === 'amd' || vendor === 'intel' || vendor === 'apple') return vendor;
  // A planned card (--vram) has no vendor: the common case is NVIDIA.
  return 'nvidia';
}

export function engineRunsHere(engines: readonly Engine[], id: string, plan: HardwarePlan): boolean {
  const engine = engines.find((e) => e.id === id);
  // An engine missing from the catalog is not proposed: commands come from catalog data only.
  if (!engine) return false;
  return engine.hardware.includes(hardwareKind(plan));
}

/** The card's memory, unless its name already says it ("GPU with 24 GiB", from --vram alone): then nothing. */
function memoryOf(g: HardwarePlan['gpus'][number] | undefined): string {
  if (!g) return '?';
  return g.sources?.memory === '--vram' && g.sources.bandwidth === null ? '' : gib(g.vramBytes);
}

export function hardwareSummary(plan: HardwarePlan): HardwareSummary {
  const cpuOnly = isCpuOnly(plan);
  const budget = budgetBytes(plan);
  let summary: string;
  if (plan.origin === 'none' && plan.gpus.length === 0 && !plan.budget) {
    summary = 'no hardware known (pass --vram GiB, --gpu NAME or --cpu-only)';
  } else if (cpuOnly) {
    summary = `CPU only, ${plan.ram.totalBytes !== null ? gib(plan.ram.totalBytes) : 'unknown'} RAM`;
  } else {
    const g = plan.gpus[0];
    const n = gpuCount(plan);
    const bw = g?.memoryBandwidthGBps ? `, ${g.memoryBandwidthGBps} GB/s` : memoryOf(g) === '' ? 'bandwidth unknown' : ', bandwidth unknown';
    const counted = plan.budget?.vramBytesByGpu ? plan.gpus.filter((x) => (plan.budgetGpuIndexes ?? []).includes(x.index)) : [];
    // Unequal cards are named one by one: never "2 × " the first of them.
    summary =
      counted.length > 1
        ? counted.map((x) => `${x.name} (${gib(x.vramBytes)}${x.memoryBandwidthGBps ? `, ${x.memoryBandwidthGBps} GB/s` : ''})`).join(' + ')
        : `${n > 1 ? `${n} × ` : ''}${g?.name ?? 'GPU'} (${memoryOf(g)}${bw})${plan.unifiedMemory ? ', unified memory' : ''}`;
  }
  return {
    origin: plan.origin,
    summary,
    gpus: plan.gpus.map((g) => ({ name: g.name, vramBytes: Math.round(g.vramBytes), memoryBandwidthGBps: g.memoryBandwidthGBps })),
    cpuOnly,
    unifiedMemory: plan.unifiedMemory,
    budgetBytes: budget === null ? null : Math.round(budget),
    ramBytes: plan.ram.totalBytes === null ? null : Math.round(plan.ram.totalBytes),
    explanation: plan.budgetExplanation,
  };
}
