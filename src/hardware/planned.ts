// Hardware the user names (--gpu NAME, --vram GB, --gpus N): nothing is probed
// but RAM; the budget is total memory minus a stated reserve.
import { closestGpus as catalogClosestGpus, findGpu as catalogFindGpu } from '../catalog/gpu-match.js';
import type { Gpu } from '../catalog/schema.js';
import { UsageError } from '../core/errors.js';
import { appleGpuUsable } from './apple.js';
import type { FindGpu } from './catalog-match.js';
import { DEFAULT_RAM_BANDWIDTH_GBPS, DEFAULT_RAM_BANDWIDTH_SOURCE, PLANNED_RESERVE_BYTES } from './constants.js';
import { catalogFigures, defaultBackend, gib, gibToBytes, type RamFacts } from './plan-util.js';
import type { GpuInfo, HardwareFlags, HardwarePlan } from './types.js';

export type ClosestGpus = (gpus: readonly Gpu[], query: string, count?: number) => Gpu[];

export interface PlanContext {
  catalogGpus: readonly Gpu[];
  find?: FindGpu;
  closest?: ClosestGpus;
  ram: RamFacts;
  /** RAM came from --ram (not this machine). */
  ramFromFlag: boolean;
}

export type PartialPlan = Pick<
  HardwarePlan,
  'origin' | 'gpus' | 'budget' | 'budgetExplanation' | 'unifiedMemory' | 'budgetGpuIndexes' | 'ram'
> & { warnings: string[]; idleBudget?: HardwarePlan['idleBudget']; heldSummary?: string | undefined };

const RESERVE_TEXT = `a ${gib(PLANNED_RESERVE_BYTES)} reserve per card for what the driver and a desktop hold (the runtime context is counted in the estimate's overhead)`;

export function lookupGpu(name: string, ctx: Pick<PlanContext, 'catalogGpus' | 'find' | 'closest'>): Gpu {
  const m = (ctx.find ?? catalogFindGpu)(ctx.catalogGpus, name);
  if (m && 'gpu' in m) return m.gpu;
  if (m) {
    const names = m.ambiguous.map((g) => `${g.name} (${g.id})`).join(', ');
    throw new UsageError(`--gpu ${JSON.stringify(name)} matches several GPUs: ${names}; give one of those ids`);
  }
  const close = (ctx.closest ?? catalogClosestGpus)(ctx.catalogGpus, name, 3);
  const hint = close.length > 0 ? `; close names: ${close.map((g) => `${g.name} (${g.id})`).join(', ')}` : '';
  throw new UsageError(`--gpu ${JSON.stringify(name)} is not in the GPU catalog${hint} (all: \`llm-pick hardware --list\`)`);
}

function ramPhrase(ram: RamFacts, fromFlag: boolean): string {
  return fromFlag ? `${gib(ram.freeBytes)} of RAM (--ram, no reserve for the OS assumed)` : `${gib(ram.freeBytes)} of free RAM on this machine`;
}

/** What a catalog GPU given without figures (a minimal user catalog entry) leaves out of the answer, said once per plan. */
export function missingFigures(g: Gpu | null): string[] {
  if (!g) return [];
  if (g.memoryBandwidthGBps === null) {
    return [`${g.name}: no memory bandwidth in its catalog entry (${g.source}), so speed is not estimated; add memoryBandwidthGBps (GB/s) to estimate it`];
  }
  if (g.fp16Tflops === null && !g.unifiedMemory && g.source.startsWith('user catalog')) {
    return [`${g.name}: no fp16Tflops in its catalog entry (${g.source}), so prompt speed is estimated from bandwidth alone; add fp16Tflops for a better estimate`];
  }
  return [];
}

export function planNamed(flags: HardwareFlags, ctx: PlanContext): PartialPlan {
  const count = flags.gpus ?? 1;
  const g = flags.gpu !== undefined ? lookupGpu(flags.gpu, ctx) : null;
  if (g?.unifiedMemory) return planApple(g, flags);
  const warnings: string[] = [];
  const vramBytes = flags.vram !== undefined ? gibToBytes(flags.vram) : gibToBytes(g!.vramGiB);
  const usable = Math.max(0, vramBytes - PLANNED_RESERVE_BYTES);
  const memorySource = flags.vram !== undefined ? '--vram' : `catalog: ${g!.id}`;
  const bandwidthSource = g ? `catalog: ${g.id}` : null;
  if (!g) warnings.push('--vram without --gpu: memory bandwidth unknown, so no speed estimate (add --gpu NAME)');
  warnings.push(...missingFigures(g));
  const gpus: GpuInfo[] = Array.from({ length: count }, (_, index) => ({
    index,
    name: g ? g.name : `GPU with ${flags.vram} GiB`,
    vendor: g?.vendor ?? 'unknown',
    vramBytes,
    freeVramBytes: null,
    ...catalogFigures(g),
    // --vram alone names no vendor; CUDA is the common case and only matters for speed, which needs --gpu anyway.
    backend: g?.backend ?? defaultBackend('nvidia'),
    source: g && flags.vram !== undefined ? `--vram, bandwidth from catalog: ${g.id}` : memorySource,
    sources: { memory: memorySource, freeMemory: null, bandwidth: bandwidthSource },
    driverVersion: null,
    computeCapability: null,
    unifiedMemory: false,
    integrated: false,
    mig: null,
    usableBytes: usable,
  }));
  const what = g ? `${count} × ${g.name} (${flags.vram !== undefined ? `${flags.vram} GiB, --vram` : `${g.vramGiB} GiB as sold`})` : `${count} × ${flags.vram} GiB (--vram)`;
  return {
    origin: g ? 'catalog' : 'flags',
    gpus,
    budget: { vramBytesPerGpu: usable, gpus: count, ramBytes: ctx.ram.freeBytes, unifiedMemory: false },
    budgetExplanation: `planned: ${what} minus ${RESERVE_TEXT} = ${gib(usable)} per card; ${ramPhrase(ctx.ram, ctx.ramFromFlag)} for offloaded layers`,
    unifiedMemory: false,
    budgetGpuIndexes: gpus.map((x) => x.index),
    ram: ctx.ram,
    warnings,
  };
}

/**
 * An Apple chip by name: its memory is the machine's RAM. Size: --vram (as
 * sold: "a 64 GB M2 Max"), else --ram, else the largest configuration, said so.
 */
function planApple(g: Gpu, flags: HardwareFlags): PartialPlan {
  const warnings: string[] = [];
  if (flags.gpus !== undefined && flags.gpus > 1) warnings.push(`--gpus ${flags.gpus} ignored: ${g.name} is one chip`);
  let totalGiB: number;
  let memorySource: string;
  if (flags.vram !== undefined) {
    totalGiB = flags.vram;
    memorySource = '--vram (unified memory size)';
    if (flags.ram !== undefined && flags.ram !== flags.vram) warnings.push(`--ram ${flags.ram} ignored: ${g.name} has unified memory, sized by --vram ${flags.vram}`);
  } else if (flags.ram !== undefined) {
    totalGiB = flags.ram;
    memorySource = '--ram (unified memory size)';
  } else {
    totalGiB = g.vramGiB;
    memorySource = `catalog: ${g.id} (largest configuration)`;
    const options = g.memoryOptionsGiB.length > 0 ? ` (sold with ${g.memoryOptionsGiB.join(', ')} GiB)` : '';
    warnings.push(`assuming the ${g.vramGiB} GiB ${g.name}${options}; give --ram GB for yours`);
  }
  if (g.memoryOptionsGiB.length > 0 && !g.memoryOptionsGiB.includes(totalGiB)) {
    warnings.push(`${g.name} was not sold with ${totalGiB} GiB (options: ${g.memoryOptionsGiB.join(', ')} GiB)`);
  }
  warnings.push(...missingFigures(g));
  const total = gibToBytes(totalGiB);
  const share = appleGpuUsable(total, null);
  const ramBytes = Math.max(0, total - share.bytes);
  const gpu: GpuInfo = {
    index: 0,
    name: g.name,
    vendor: 'apple',
    vramBytes: share.bytes,
    freeVramBytes: null,
    ...catalogFigures(g),
    backend: g.backend,
    source: `catalog: ${g.id}`,
    sources: { memory: `${memorySource}; GPU share: ${share.source}`, freeMemory: null, bandwidth: `catalog: ${g.id}` },
    driverVersion: null,
    computeCapability: null,
    unifiedMemory: true,
    integrated: false,
    mig: null,
    usableBytes: share.bytes,
  };
  return {
    origin: 'catalog',
    gpus: [gpu],
    budget: { vramBytesPerGpu: share.bytes, gpus: 1, ramBytes, unifiedMemory: true },
    budgetExplanation: `planned: ${g.name} with ${totalGiB} GiB unified memory; the GPU may use ${gib(share.bytes)} (${share.source.split(' (')[0]}); the other ${gib(ramBytes)} is the CPU side of the same memory, not counted twice`,
    unifiedMemory: true,
    budgetGpuIndexes: [0],
    ram: {
      totalBytes: total,
      freeBytes: total,
      // A user catalog chip given without its bandwidth: the conservative default, said so.
      bandwidthGBps: g.memoryBandwidthGBps ?? DEFAULT_RAM_BANDWIDTH_GBPS,
      source: memorySource,
      bandwidthSource: g.memoryBandwidthGBps !== null ? `catalog: ${g.id} (unified memory)` : `${DEFAULT_RAM_BANDWIDTH_SOURCE} (${g.id} has no bandwidth in its catalog entry)`,
    },
    warnings,
  };
}

