// System RAM and CPU: systeminformation (lazily imported, bounded), node:os as the fallback,
// and the container (cgroup) memory limit when it is lower than the machine's RAM.
import os from 'node:os';
import { cpuFromSi, ramBandwidthFromLayout, ramFromSiMem, type SiCpu, type SiMem, type SiMemLayout } from '../parse/systeminformation.js';
import type { SystemProbeResult } from './types.js';
import { withTimeout } from './timeout.js';

/** The part of systeminformation the system probe uses. */
export interface SiSystem {
  mem(): Promise<SiMem>;
  cpu(): Promise<SiCpu>;
  /** Memory modules: type and speed (RAM bandwidth). Optional so older fakes need not have it. */
  memLayout?(): Promise<SiMemLayout[]>;
}

/** systeminformation, imported on first use (it is large). */
export async function loadSystemInformation<T extends SiSystem>(): Promise<T> {
  const mod = (await import('systeminformation')) as unknown as { default?: T } & T;
  return mod.default ?? mod;
}

export interface OsFacts {
  totalmem(): number;
  freemem(): number;
  cpus(): { model: string }[];
  /** cgroup limit (process.constrainedMemory); 0/undefined or a huge value when none. */
  constrainedMemory(): number | undefined;
  platform: NodeJS.Platform;
  arch: string;
}

// os.cpus() reads /proc/cpuinfo and /proc/stat on Linux (every CPU's entry, with their times):
// only the model and the count are used, so it is read once per process.
let cpusOnce: { model: string }[] | undefined;

export const nodeOs: OsFacts = {
  totalmem: () => os.totalmem(),
  freemem: () => os.freemem(),
  cpus: () => (cpusOnce ??= os.cpus()),
  constrainedMemory: () => (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.(),
  platform: process.platform,
  arch: process.arch,
};

export interface SystemProbeOptions {
  timeoutMs: number;
  /** null: node:os only. */
  loadSi: (() => Promise<SiSystem>) | null;
  os?: OsFacts;
}

/**
 * The CPU as node:os names it, read on first use: os.cpus() reads /proc/cpuinfo and /proc/stat
 * on Linux, and fit and recommend never show the CPU (the hardware command and the wizard do).
 */
function osCpu(model: () => string | null, cores: () => number | null): SystemProbeResult['cpu'] {
  return {
    get model() {
      return model();
    },
    get cores() {
      return cores();
    },
    physicalCores: null,
    source: 'node:os',
  };
}

export async function probeSystem(options: SystemProbeOptions): Promise<SystemProbeResult> {
  const facts = options.os ?? nodeOs;
  const warnings: string[] = [];
  const seconds = `${Math.round(options.timeoutMs / 100) / 10} s`;

  let ram: SystemProbeResult['ram'] = { totalBytes: facts.totalmem(), freeBytes: facts.freemem(), source: 'node:os' };
  const osModel = () => facts.cpus()[0]?.model?.trim() || null;
  const logical = () => facts.cpus().length || null;
  let cpu: SystemProbeResult['cpu'] = osCpu(osModel, logical);

  const loadSi = options.loadSi;
  let lastLayout: SiMemLayout[] | null = null;
  const si = loadSi ? await withTimeout(loadSi, options.timeoutMs) : ({ kind: 'skipped' } as const);
  if (si.kind === 'ok') {
    const layoutOf = si.value.memLayout?.bind(si.value);
    const [mem, c, layout] = await Promise.all([
      withTimeout(() => si.value.mem(), options.timeoutMs),
      withTimeout(() => si.value.cpu(), options.timeoutMs),
      layoutOf ? withTimeout(() => layoutOf(), options.timeoutMs) : Promise.resolve({ kind: 'skipped' as const }),
    ]);
    lastLayout = layout.kind === 'ok' ? layout.value : null;
    const r = mem.kind === 'ok' ? ramFromSiMem(mem.value) : null;
    if (r) ram = { ...r, source: 'systeminformation' };
    else if (mem.kind === 'timeout') warnings.push(`systeminformation did not report memory within ${seconds}; RAM from node:os`);
    const parsed = c.kind === 'ok' ? cpuFromSi(c.value) : null;
    if (parsed) {
      cpu = { model: parsed.model ?? osModel(), cores: parsed.cores ?? logical(), physicalCores: parsed.physicalCores, source: 'systeminformation' };
    }
  } else if (si.kind === 'timeout') {
    warnings.push(`systeminformation did not load within ${seconds}; RAM and CPU from node:os`);
  }

  // RAM bandwidth from the modules, where the OS lists them without root (Windows, macOS; Linux as root).
  let ramBandwidth: SystemProbeResult['ramBandwidth'] = null;
  if (si.kind === 'ok' && lastLayout !== null) ramBandwidth = ramBandwidthFromLayout(lastLayout, cpu.model);

  // In a container the machine's RAM is not what this process may use.
  const limit = facts.constrainedMemory();
  if (limit !== undefined && limit > 0 && limit < ram.totalBytes) {
    ram = { totalBytes: limit, freeBytes: Math.min(ram.freeBytes, limit), source: `${ram.source}, capped by the container (cgroup) memory limit` };
  }
  return { ram, cpu, platform: facts.platform, arch: facts.arch, warnings, ramBandwidth };
}
