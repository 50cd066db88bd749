// What the hardware layer hands to commands: detected or planned hardware, and the memory budget.
import type { MemoryBudget } from '../estimate/types.js';

export type GpuVendor = 'nvidia' | 'amd' | 'intel' | 'apple' | 'unknown';

export interface GpuInfo {
  index: number;
  name: string;
  vendor: GpuVendor;
  vramBytes: number;
  /** Free memory when detected (nvidia-smi, rocm-smi); null when unknown or planned. */
  freeVramBytes: number | null;
  memoryBandwidthGBps: number | null;
  fp16Tflops: number | null;
  backend: 'cuda' | 'rocm' | 'metal' | 'vulkan' | 'sycl' | 'cpu';
  /** Catalog id when the name matched a catalog GPU. */
  catalogId: string | null;
  tdpWatts: number | null;
  /** Where the figures came from, e.g. "nvidia-smi", "catalog: rtx-3090", "--vram". */
  source: string;
}

/** Flags every hardware-aware command takes. */
export interface HardwareFlags {
  vram?: number | undefined;
  gpu?: string | undefined;
  gpus?: number | undefined;
  ram?: number | undefined;
  cpuOnly?: boolean | undefined;
}

export interface HardwarePlan {
  /** flags: --vram; catalog: --gpu NAME; detected: probed on this machine; none: nothing known. */
  origin: 'flags' | 'catalog' | 'detected' | 'none';
  gpus: GpuInfo[];
  ram: { totalBytes: number | null; freeBytes: number | null; bandwidthGBps: number };
  cpu: { model: string | null; cores: number | null } | null;
  unifiedMemory: boolean;
  /** What the model may use: per-card usable VRAM, card count, RAM for offload. */
  budget: MemoryBudget | null;
  /** One line: how the budget was derived (free vs total, the reserve assumed). */
  budgetExplanation: string;
  warnings: string[];
}
