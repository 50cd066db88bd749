// Small shared pieces of planning: units, default backends, RAM facts.
import type { Gpu } from '../catalog/schema.js';
import { GIB } from './constants.js';
import type { GpuBackend, GpuInfo, GpuVendor, HardwarePlan } from './types.js';

export { gib } from '../util/numbers.js';

/** GiB as given on the command line (as cards are sold) → bytes. */
export function gibToBytes(n: number): number {
  return Math.round(n * GIB);
}

export function defaultBackend(vendor: GpuVendor, source?: string): GpuBackend {
  if (vendor === 'nvidia') return 'cuda';
  if (vendor === 'apple') return 'metal';
  if (vendor === 'amd') return source === 'rocm-smi' ? 'rocm' : 'vulkan';
  return 'vulkan';
}

/** Figures a catalog entry lends a GPU. */
export function catalogFigures(g: Gpu | null): Pick<GpuInfo, 'memoryBandwidthGBps' | 'fp16Tflops' | 'tdpWatts' | 'catalogId' | 'boostClockMHz'> {
  return {
    memoryBandwidthGBps: g?.memoryBandwidthGBps ?? null,
    fp16Tflops: g?.fp16Tflops ?? null,
    tdpWatts: g?.tdpWatts ?? null,
    catalogId: g?.id ?? null,
    ...(g?.boostClockMHz !== undefined ? { boostClockMHz: g.boostClockMHz } : {}),
  };
}

export type RamFacts = HardwarePlan['ram'] & { totalBytes: number; freeBytes: number };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
