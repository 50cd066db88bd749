// Flags + probe + GPU catalog → HardwarePlan. The probe and the catalog are
// injected, so tests need no hardware. GPUs are probed only when no flag
// names the hardware (--gpu, --vram, --cpu-only); RAM and CPU always are
// (cheap, bounded), unless --ram replaces them.
import type { Gpu } from '../catalog/schema.js';
import { UsageError } from '../core/errors.js';
import type { FindGpu } from './catalog-match.js';
import { APPLE_FALLBACK_RAM_BANDWIDTH_GBPS, DEFAULT_RAM_BANDWIDTH_GBPS, DEFAULT_RAM_BANDWIDTH_SOURCE } from './constants.js';
import { planDetected } from './detected.js';
import { gib, gibToBytes, type RamFacts } from './plan-util.js';
import { lookupGpu, planNamed, type ClosestGpus, type PartialPlan, type PlanContext } from './planned.js';
import type { HardwareProbe, SystemProbeResult } from './probe/types.js';
import type { HardwareFlags, HardwarePlan } from './types.js';

export interface ResolveDeps {
  catalogGpus: readonly Gpu[];
  probe: HardwareProbe;
  /** Defaults to findGpu / closestGpus of src/catalog/gpu-match.ts. */
  findGpu?: FindGpu;
  closestGpus?: ClosestGpus;
  /** Ask for every detail (the hardware command); the budget alone needs less. */
  detail?: boolean;
}

function checkFlags(flags: HardwareFlags): void {
  if (flags.cpuOnly && (flags.gpu !== undefined || flags.vram !== undefined || flags.gpus !== undefined)) {
    throw new UsageError('--cpu-only plans for no GPU: it cannot be combined with --gpu, --vram or --gpus');
  }
}

function ramOf(flags: HardwareFlags, sys: SystemProbeResult): RamFacts {
  if (flags.ram !== undefined) {
    const bytes = gibToBytes(flags.ram);
    return { totalBytes: bytes, freeBytes: bytes, bandwidthGBps: 0, source: '--ram' };
  }
  return { totalBytes: sys.ram.totalBytes, freeBytes: sys.ram.freeBytes, bandwidthGBps: 0, source: sys.ram.source };
}

/** RAM bandwidth for layers run on the CPU: the chip's own memory on unified machines, else a documented default. */
function withRamBandwidth(plan: PartialPlan, sys: SystemProbeResult, planned: boolean): PartialPlan['ram'] {
  const ram = plan.ram;
  if (ram.bandwidthSource) return ram;
  const unifiedGpu = plan.gpus.find((g) => g.unifiedMemory);
  if (unifiedGpu?.memoryBandwidthGBps) {
    return { ...ram, bandwidthGBps: unifiedGpu.memoryBandwidthGBps, bandwidthSource: `catalog: ${unifiedGpu.catalogId} (unified memory)` };
  }
  if (sys.ramBandwidth && plan.ram.source !== '--ram') {
    return { ...ram, bandwidthGBps: sys.ramBandwidth.gbps, bandwidthSource: sys.ramBandwidth.source };
  }
  if (!planned && sys.platform === 'darwin' && sys.arch === 'arm64') {
    return { ...ram, bandwidthGBps: APPLE_FALLBACK_RAM_BANDWIDTH_GBPS, bandwidthSource: 'default: Apple M1, the slowest Apple Silicon memory (68.25 GB/s)' };
  }
  return { ...ram, bandwidthGBps: DEFAULT_RAM_BANDWIDTH_GBPS, bandwidthSource: DEFAULT_RAM_BANDWIDTH_SOURCE };
}

function cpuOnlyPlan(ctx: PlanContext): PartialPlan {
  const phrase = ctx.ramFromFlag ? `${gib(ctx.ram.freeBytes)} of RAM (--ram, no reserve for the OS assumed)` : `${gib(ctx.ram.freeBytes)} of free RAM`;
  return {
    origin: 'flags',
    gpus: [],
    budget: { vramBytesPerGpu: 0, gpus: 0, ramBytes: ctx.ram.freeBytes, unifiedMemory: false },
    budgetExplanation: `CPU only (--cpu-only): the model runs from ${phrase}`,
    unifiedMemory: false,
    budgetGpuIndexes: [],
    ram: ctx.ram,
    warnings: [],
  };
}

/** The plan's CPU, read from the probe's answer when asked (node:os reads it from /proc on first use: system.ts). */
function cpuOf(c: SystemProbeResult['cpu']): NonNullable<HardwarePlan['cpu']> {
  return {
    get model() {
      return c.model;
    },
    get cores() {
      return c.cores;
    },
    physicalCores: c.physicalCores,
  };
}

export async function resolveHardware(flags: HardwareFlags, deps: ResolveDeps): Promise<HardwarePlan> {
  checkFlags(flags);
  const named = flags.gpu !== undefined || flags.vram !== undefined;
  // --gpu is looked up before anything is probed: a typo fails at once.
  if (flags.gpu !== undefined) lookupGpu(flags.gpu, { catalogGpus: deps.catalogGpus, find: deps.findGpu, closest: deps.closestGpus });
  const detect = !flags.cpuOnly && !named;
  // Both probes run at once: the GPU tools' deadlines do not add to the RAM/CPU one.
  const gpusPending = detect ? deps.probe.gpus() : null;
  const sys = await deps.probe.system({ detail: deps.detail ?? false });
  const ctx: PlanContext = {
    catalogGpus: deps.catalogGpus,
    find: deps.findGpu,
    closest: deps.closestGpus,
    ram: ramOf(flags, sys),
    ramFromFlag: flags.ram !== undefined,
  };
  let probes: string[];
  let partial: PartialPlan;
  const warnings = [...sys.warnings];
  if (flags.cpuOnly) {
    partial = cpuOnlyPlan(ctx);
    probes = ['GPUs: not probed (--cpu-only)'];
  } else if (named) {
    partial = planNamed(flags, ctx);
    probes = [`GPUs: not probed (${flags.gpu !== undefined ? '--gpu' : '--vram'} given)`];
  } else {
    const found = await gpusPending!;
    warnings.push(...found.warnings);
    probes = found.probes;
    partial = planDetected(found, flags, ctx);
  }
  warnings.push(...partial.warnings);
  const ram = withRamBandwidth(partial, sys, named);
  // An APU on system RAM (GTT pool) that the catalog does not know runs at the RAM's speed, when measured from the modules.
  const gpus = partial.gpus.map((g) =>
    g.unifiedMemory && g.vendor === 'amd' && g.memoryBandwidthGBps === null && sys.ramBandwidth && ram.bandwidthSource === sys.ramBandwidth.source
      ? { ...g, memoryBandwidthGBps: ram.bandwidthGBps, sources: g.sources ? { ...g.sources, bandwidth: `system RAM (${ram.bandwidthSource})` } : g.sources }
      : g,
  );
  // A named Apple chip is a whole other machine: this CPU says nothing about it.
  const cpu = named && partial.unifiedMemory ? null : cpuOf(sys.cpu);
  return {
    origin: partial.origin,
    gpus,
    ram: {
      totalBytes: ram.totalBytes,
      freeBytes: ram.freeBytes,
      bandwidthGBps: ram.bandwidthGBps,
      source: ram.source,
      bandwidthSource: ram.bandwidthSource,
    },
    cpu,
    unifiedMemory: partial.unifiedMemory,
    budget: partial.budget,
    budgetExplanation: partial.budgetExplanation,
    warnings,
    budgetGpuIndexes: partial.budgetGpuIndexes,
    ...(partial.idleBudget ? { idleBudget: partial.idleBudget, heldSummary: partial.heldSummary } : {}),
    probes: [...probes, `RAM: ${ram.source}`, ...(cpu ? [`CPU: ${sys.cpu.source}`] : [])],
  };
}
