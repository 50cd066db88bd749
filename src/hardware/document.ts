// `llm-pick hardware --json`: the document (schemaVersion 1). Built from a
// HardwarePlan, or from the GPU catalog for --list. JSON Schema: document-schema.ts.
import type { Gpu } from '../catalog/schema.js';
import { GIB } from './constants.js';
import type { GpuBackend, GpuInfo, GpuVendor, HardwarePlan } from './types.js';

export interface HardwareGpuJson {
  index: number;
  name: string;
  vendor: GpuVendor;
  vramBytes: number;
  freeVramBytes: number | null;
  /** What a model may use on this card after the reserve; null when the card is not counted. */
  usableBytes: number | null;
  /** The same figure under the name issue #21 gives it: the memory an engine can allocate on this card, as detected. */
  usableVramBytes: number | null;
  /** Where the card's memory figure came from ("nvidia-smi", "sysfs: mem_info_gtt_total (GTT pool)", "registry: HardwareInformation.qwMemorySize", ...). */
  memorySource: string;
  /** Processes holding memory on this card (nvidia-smi --query-compute-apps), when asked and any. */
  heldBy: { pid: number; name: string; bytes: number }[];
  memoryBandwidthGBps: number | null;
  fp16Tflops: number | null;
  tdpWatts: number | null;
  backend: GpuBackend;
  catalogId: string | null;
  driverVersion: string | null;
  computeCapability: string | null;
  unifiedMemory: boolean;
  integrated: boolean;
  mig: { enabled: true; instances: { profile: string; memoryBytes: number }[] } | null;
  /** Whether the budget counts this card. */
  inBudget: boolean;
  sources: { memory: string; freeMemory: string | null; bandwidth: string | null };
}

export interface HardwareDocument {
  schemaVersion: 1;
  kind: 'hardware';
  list: false;
  origin: HardwarePlan['origin'];
  gpus: HardwareGpuJson[];
  ram: { totalBytes: number | null; freeBytes: number | null; bandwidthGBps: number; source: string | null; bandwidthSource: string | null };
  cpu: { model: string | null; cores: number | null; physicalCores: number | null } | null;
  unifiedMemory: boolean;
  budget: {
    vramBytesPerGpu: number;
    gpus: number;
    ramBytes: number | null;
    unifiedMemory: boolean;
    /** Unequal cards: usable bytes of each counted card, in gpuIndexes order (llama.cpp splits in proportion); null when equal. */
    vramBytesByGpu: number[] | null;
    gpuIndexes: number[];
    explanation: string;
  } | null;
  warnings: string[];
  probes: string[];
}

export interface CatalogGpuJson {
  id: string;
  name: string;
  vendor: Gpu['vendor'];
  segment: Gpu['segment'];
  backend: Gpu['backend'];
  vramBytes: number;
  freeVramBytes: null;
  /** null: a user catalog GPU given without its bandwidth. */
  memoryBandwidthGBps: number | null;
  fp16Tflops: number | null;
  tdpWatts: number | null;
  unifiedMemory: boolean;
  memoryOptionsGiB: number[];
  aliases: string[];
  source: string;
}

export interface HardwareListDocument {
  schemaVersion: 1;
  kind: 'hardware';
  list: true;
  gpus: CatalogGpuJson[];
  warnings: string[];
}

export type HardwareResult = HardwareDocument | HardwareListDocument;

function sourcesOf(g: GpuInfo): HardwareGpuJson['sources'] {
  return g.sources ?? { memory: g.source, freeMemory: g.freeVramBytes !== null ? g.source : null, bandwidth: g.catalogId ? `catalog: ${g.catalogId}` : null };
}

export function planDocument(plan: HardwarePlan): HardwareDocument {
  const inBudget = new Set(plan.budgetGpuIndexes ?? []);
  return {
    schemaVersion: 1,
    kind: 'hardware',
    list: false,
    origin: plan.origin,
    gpus: plan.gpus.map((g) => ({
      index: g.index,
      name: g.name,
      vendor: g.vendor,
      vramBytes: g.vramBytes,
      freeVramBytes: g.freeVramBytes,
      usableBytes: g.usableBytes ?? null,
      memoryBandwidthGBps: g.memoryBandwidthGBps,
      fp16Tflops: g.fp16Tflops,
      tdpWatts: g.tdpWatts,
      backend: g.backend,
      catalogId: g.catalogId,
      driverVersion: g.driverVersion ?? null,
      computeCapability: g.computeCapability ?? null,
      unifiedMemory: g.unifiedMemory ?? false,
      integrated: g.integrated ?? false,
      mig: g.mig ?? null,
      inBudget: inBudget.has(g.index),
      sources: sourcesOf(g),
      usableVramBytes: g.usableBytes ?? null,
      memorySource: sourcesOf(g).memory,
      heldBy: g.heldBy ?? [],
    })),
    ram: {
      totalBytes: plan.ram.totalBytes,
      freeBytes: plan.ram.freeBytes,
      bandwidthGBps: plan.ram.bandwidthGBps,
      source: plan.ram.source ?? null,
      bandwidthSource: plan.ram.bandwidthSource ?? null,
    },
    cpu: plan.cpu ? { model: plan.cpu.model, cores: plan.cpu.cores, physicalCores: plan.cpu.physicalCores ?? null } : null,
    unifiedMemory: plan.unifiedMemory,
    budget: plan.budget
      ? {
          vramBytesPerGpu: plan.budget.vramBytesPerGpu,
          gpus: plan.budget.gpus,
          ramBytes: plan.budget.ramBytes,
          unifiedMemory: plan.budget.unifiedMemory,
          vramBytesByGpu: plan.budget.vramBytesByGpu ?? null,
          gpuIndexes: plan.budgetGpuIndexes ?? [],
          explanation: plan.budgetExplanation,
        }
      : null,
    warnings: plan.warnings,
    probes: plan.probes ?? [],
  };
}

export function listDocument(gpus: readonly Gpu[]): HardwareListDocument {
  return {
    schemaVersion: 1,
    kind: 'hardware',
    list: true,
    gpus: gpus.map((g) => ({
      id: g.id,
      name: g.name,
      vendor: g.vendor,
      segment: g.segment,
      backend: g.backend,
      vramBytes: Math.round(g.vramGiB * GIB),
      freeVramBytes: null,
      memoryBandwidthGBps: g.memoryBandwidthGBps,
      fp16Tflops: g.fp16Tflops,
      tdpWatts: g.tdpWatts,
      unifiedMemory: g.unifiedMemory,
      memoryOptionsGiB: g.memoryOptionsGiB,
      aliases: g.aliases,
      source: g.source,
    })),
    warnings: [],
  };
}
