// What the hardware layer hands to commands: detected or planned hardware, and the memory budget.
import type { MemoryBudget } from '../estimate/types.js';

export type GpuVendor = 'nvidia' | 'amd' | 'intel' | 'apple' | 'unknown';
export type GpuBackend = 'cuda' | 'rocm' | 'metal' | 'vulkan' | 'sycl' | 'cpu';

/** One MIG instance (NVIDIA A100/H100/H200 in MIG mode): a process sees one of these, not the card. */
export interface MigInstance {
  /** NVIDIA profile name, e.g. "3g.40gb". */
  profile: string;
  /** Memory from the profile name (decimal GB, so a slight underestimate). */
  memoryBytes: number;
}

/** Where each figure of a GPU came from: "nvidia-smi", "catalog: rtx-3090", "--vram", ... */
export interface GpuSources {
  memory: string;
  freeMemory: string | null;
  bandwidth: string | null;
}

export interface GpuInfo {
  index: number;
  name: string;
  vendor: GpuVendor;
  vramBytes: number;
  /** Free memory when detected (nvidia-smi, rocm-smi); null when unknown or planned. */
  freeVramBytes: number | null;
  memoryBandwidthGBps: number | null;
  fp16Tflops: number | null;
  backend: GpuBackend;
  /** Catalog id when the name matched a catalog GPU. */
  catalogId: string | null;
  tdpWatts: number | null;
  /** Boost clock from the catalog, MHz (absent when unknown): the per-layer decode cost scales with it. */
  boostClockMHz?: number | undefined;
  /** Where the figures came from, e.g. "nvidia-smi", "catalog: rtx-3090", "--vram". */
  source: string;
  /** Figure by figure, where it came from. */
  sources?: GpuSources | undefined;
  driverVersion?: string | null | undefined;
  /** CUDA compute capability ("8.6") when nvidia-smi reports it. */
  computeCapability?: string | null | undefined;
  /** GPU memory is the system RAM (Apple Silicon, NVIDIA GB10): never add it to RAM again. */
  unifiedMemory?: boolean | undefined;
  /** Integrated/shared-memory GPU (iGPU): listed but left out of the budget. */
  integrated?: boolean | undefined;
  /** MIG mode: null when off or unknown. */
  mig?: { enabled: true; instances: MigInstance[] } | null | undefined;
  /** Bytes a model may use on this card (after the reserve); null when the card is left out of the budget. */
  usableBytes?: number | null | undefined;
  /** Processes holding memory on this card (nvidia-smi --query-compute-apps). */
  heldBy?: { pid: number; name: string; bytes: number }[] | undefined;
  /** Usable bytes if the card were idle (total minus the reserve), when memory is held now; for "fits once ... is freed". */
  idleUsableBytes?: number | null | undefined;
}

/** Flags every hardware-aware command takes. */
export interface HardwareFlags {
  vram?: number | undefined;
  gpu?: string | undefined;
  gpus?: number | undefined;
  ram?: number | undefined;
  cpuOnly?: boolean | undefined;
  /** Detected cards: budget from the memory free now (default) or from the total, as if the card were idle. */
  budgetFrom?: 'total' | 'free' | undefined;
}

export interface HardwarePlan {
  /** flags: --vram; catalog: --gpu NAME; detected: probed on this machine; none: nothing known. */
  origin: 'flags' | 'catalog' | 'detected' | 'none';
  gpus: GpuInfo[];
  ram: {
    totalBytes: number | null;
    freeBytes: number | null;
    bandwidthGBps: number;
    /** Where the RAM sizes came from: "systeminformation", "node:os", "--ram", "cgroup limit". */
    source?: string | undefined;
    /** Where the bandwidth figure came from (a default per platform, or the chip's catalog entry). */
    bandwidthSource?: string | undefined;
  };
  cpu: { model: string | null; cores: number | null; physicalCores?: number | null | undefined } | null;
  unifiedMemory: boolean;
  /** What the model may use: per-card usable VRAM, card count, RAM for offload. */
  budget: MemoryBudget | null;
  /** One line: how the budget was derived (free vs total, the reserve assumed). */
  budgetExplanation: string;
  warnings: string[];
  /** Indexes (GpuInfo.index) of the cards the budget counts, best first. */
  budgetGpuIndexes?: number[] | undefined;
  /**
   * Detected cards with memory held by other processes (budget from free memory): the same budget
   * on the idle cards (total minus the reserve), for "fits once the 6.0 GiB held by ollama is freed".
   */
  idleBudget?: MemoryBudget | null | undefined;
  /** Who holds the memory the idle budget frees: "6.0 GiB held by ollama (pid 2154)"; or "6.5 GiB in use". */
  heldSummary?: string | undefined;
  /** What was asked of this machine and what it answered, e.g. "nvidia-smi: 2 GPUs", "rocm-smi: not installed". */
  probes?: string[] | undefined;
}
