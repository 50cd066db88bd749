// The real probe: asks this machine, lazily, at most once per process (the
// promises are cached), every external call bounded by PROBE_TIMEOUT_MS.
//
// systeminformation's graphics() is used only where it cannot hang or probe
// twice. On Linux and Windows it runs nvidia-smi itself with execFileSync and
// no timeout (systeminformation 5.x lib/graphics.js, nvidiaSmi()), which
// blocks the whole process if nvidia-smi hangs. So it is called only when
// nvidia-smi is not installed (its own call then fails at once) and rocm-smi
// found nothing; never after nvidia-smi answered, failed or hung.
import { win32 } from 'node:path';
import { appleChipName, isAppleSilicon } from '../apple.js';
import { MIB, PROBE_TIMEOUT_MS } from '../constants.js';
import { gpusFromSiGraphics, type SiGraphics } from '../parse/systeminformation.js';
import { probeRocm } from './amd.js';
import { runTool } from './exec.js';
import { NVIDIA_SMI, probeNvidia, type ToolProbe } from './nvidia.js';
import { loadSystemInformation, nodeOs, probeSystem, type OsFacts, type SiSystem } from './system.js';
import { withTimeout } from './timeout.js';
import type { DetectedGpu, GpuProbeResult, HardwareProbe, ToolRunner } from './types.js';

export interface SiModule extends SiSystem {
  graphics(): Promise<SiGraphics>;
}

export interface ProbeOptions {
  run?: ToolRunner;
  timeoutMs?: number;
  loadSi?: () => Promise<SiModule>;
  os?: OsFacts;
}


export function createProbe(options: ProbeOptions = {}): HardwareProbe {
  const run = options.run ?? runTool;
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const facts = options.os ?? nodeOs;
  let siOnce: Promise<SiModule> | undefined;
  const loadSi = () => (siOnce ??= (options.loadSi ?? loadSystemInformation<SiModule>)());
  let gpusOnce: Promise<GpuProbeResult> | undefined;
  let systemOnce: ReturnType<HardwareProbe['system']> | undefined;
  let systemLightOnce: ReturnType<HardwareProbe['system']> | undefined;
  return {
    gpus: () => (gpusOnce ??= probeGpus(run, timeoutMs, loadSi, facts)),
    // node:os reports available memory exactly on Linux (MemAvailable) and Windows, so a
    // budget needs no systeminformation there (it costs ~100 ms to load); macOS's
    // os.freemem() leaves out reclaimable pages, so macOS always asks it.
    system: (opts) =>
      opts?.detail || facts.platform === 'darwin' || systemOnce
        ? (systemOnce ??= probeSystem({ timeoutMs, loadSi, os: facts }))
        : (systemLightOnce ??= probeSystem({ timeoutMs, loadSi: null, os: facts })),
  };
}

/** The process-wide probe every command shares: no command probes twice. */
export const defaultProbe: HardwareProbe = createProbe();

async function probeGpus(run: ToolRunner, timeoutMs: number, loadSi: () => Promise<SiModule>, facts: OsFacts): Promise<GpuProbeResult> {
  const cpuModel = facts.cpus()[0]?.model ?? null;
  if (isAppleSilicon(facts.platform, facts.arch, cpuModel)) return probeApple(run, timeoutMs, cpuModel);
  if (facts.platform === 'darwin') return probeSiGraphics(loadSi, timeoutMs, facts.platform, ['nvidia-smi: not asked (macOS)']);
  if (facts.platform !== 'linux' && facts.platform !== 'win32') {
    return { gpus: [], warnings: [`GPU detection is not supported on ${facts.platform}; plan with --gpu NAME or --vram GB`], probes: [] };
  }
  const skipped: ToolProbe = { status: 'missing', gpus: [], warnings: [], probe: 'rocm-smi: not asked (Windows)' };
  const nvidiaCommands = facts.platform === 'win32' ? [NVIDIA_SMI, windowsNvidiaSmi()] : [NVIDIA_SMI];
  const [nv, amd] = await Promise.all([probeNvidia(run, timeoutMs, nvidiaCommands), facts.platform === 'linux' ? probeRocm(run, timeoutMs) : skipped]);
  const offset = nv.gpus.reduce((m, g) => Math.max(m, g.index + 1), 0);
  const gpus: DetectedGpu[] = [...nv.gpus, ...amd.gpus.map((g) => ({ ...g, index: g.index + offset }))];
  const warnings = [...nv.warnings, ...amd.warnings];
  const probes = [nv.probe, amd.probe];
  if (nv.status === 'missing' && amd.gpus.length === 0) {
    const si = await probeSiGraphics(loadSi, timeoutMs, facts.platform, probes);
    if (si.gpus.some((g) => g.vendor === 'nvidia')) {
      si.warnings.push('an NVIDIA GPU is present but nvidia-smi is not installed: without the NVIDIA driver it cannot run models; free memory is unknown');
    }
    return { gpus: si.gpus, warnings: [...warnings, ...si.warnings], probes: si.probes };
  }
  probes.push(`systeminformation graphics: not asked (${nv.status === 'ok' || amd.gpus.length > 0 ? 'GPUs already read' : 'it would run nvidia-smi again, without a timeout'})`);
  return { gpus, warnings, probes };
}

/**
 * The driver installs nvidia-smi.exe in System32, which is not always on PATH.
 * (systeminformation also searches DriverStore; a copy found only there is the
 * one case where its own unbounded nvidia-smi call could still run.)
 */
function windowsNvidiaSmi(): string {
  return win32.join(process.env.WINDIR ?? process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'nvidia-smi.exe');
}

async function probeSiGraphics(
  loadSi: () => Promise<SiModule>,
  timeoutMs: number,
  platform: NodeJS.Platform,
  probes: string[],
): Promise<GpuProbeResult> {
  const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
  const result = await withTimeout(async () => (await loadSi()).graphics(), timeoutMs);
  if (result.kind === 'timeout') {
    return { gpus: [], warnings: [`systeminformation did not list graphics cards within ${seconds}`], probes: [...probes, `systeminformation graphics: no answer within ${seconds}`] };
  }
  if (result.kind === 'error') {
    return { gpus: [], warnings: ['systeminformation could not list graphics cards'], probes: [...probes, 'systeminformation graphics: failed'] };
  }
  const gpus = gpusFromSiGraphics(result.value, platform);
  return { gpus, warnings: [], probes: [...probes, `systeminformation graphics: ${gpus.length === 1 ? '1 GPU' : `${gpus.length} GPUs`}`] };
}

/** Apple Silicon: the chip from the CPU brand string; the GPU share of unified memory (resolve.ts) may be raised with iogpu.wired_limit_mb. */
async function probeApple(run: ToolRunner, timeoutMs: number, cpuModel: string | null): Promise<GpuProbeResult> {
  const chip = appleChipName(cpuModel);
  const probes = [`Apple Silicon: ${chip ?? 'chip not named by the CPU brand string'} (unified memory)`];
  let wiredLimitBytes: number | null = null;
  const r = await run('sysctl', ['-n', 'iogpu.wired_limit_mb'], timeoutMs);
  if (r.kind === 'ok' && /^\d+$/.test(r.stdout.trim())) {
    const mb = Number(r.stdout.trim());
    wiredLimitBytes = mb > 0 ? mb * MIB : null;
    probes.push(`sysctl iogpu.wired_limit_mb: ${mb > 0 ? `${mb} MiB` : '0 (macOS default)'}`);
  } else {
    probes.push('sysctl iogpu.wired_limit_mb: not available');
  }
  const gpu: DetectedGpu = {
    index: 0,
    name: chip ?? 'Apple Silicon GPU',
    vendor: 'apple',
    vramBytes: null,
    freeVramBytes: null,
    source: 'apple',
    driverVersion: null,
    computeCapability: null,
    unifiedMemory: true,
    integrated: false,
    migEnabled: null,
    migInstances: [],
    wiredLimitBytes,
  };
  return { gpus: [gpu], warnings: chip ? [] : ['the Apple chip could not be named (Rosetta?); bandwidth is unknown, plan with --gpu "M2 Max" for speed'], probes };
}

