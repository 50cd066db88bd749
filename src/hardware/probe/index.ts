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
import { fsReader, type FsReader } from './fs.js';
import { jetsonGpu, probeSysfs } from './sysfs.js';
import { DRIVER_DESC, QW_MEMORY_SIZE, gpusFromRegistry, regQueryArgs, windowsUmaWarning } from '../parse/windows-registry.js';
import { runTool } from './exec.js';
import { NVIDIA_SMI, probeNvidia, type ToolProbe } from './nvidia.js';
import { loadSystemInformation, nodeOs, probeSystem, type OsFacts, type SiSystem } from './system.js';
import { boundedRead, withTimeout } from './timeout.js';
import type { DetectedGpu, GpuProbeResult, HardwareProbe, ToolRunner } from './types.js';

export interface SiModule extends SiSystem {
  graphics(): Promise<SiGraphics>;
}

export interface ProbeOptions {
  run?: ToolRunner;
  /** Files (sysfs, device tree): tests root it at a fixture tree. */
  fs?: FsReader;
  timeoutMs?: number;
  loadSi?: () => Promise<SiModule>;
  os?: OsFacts;
}


const NO_FILES: FsReader = { immediate: true, read: async () => null, list: async () => [] };

export function createProbe(options: ProbeOptions = {}): HardwareProbe {
  const run = options.run ?? runTool;
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const facts = options.os ?? nodeOs;
  // A faked OS (tests) has no system files unless it is given some.
  const fs = options.fs ?? (options.os ? NO_FILES : fsReader('/'));
  let siOnce: Promise<SiModule> | undefined;
  const loadSi = () => (siOnce ??= (options.loadSi ?? loadSystemInformation<SiModule>)());
  let gpusOnce: Promise<GpuProbeResult> | undefined;
  let systemOnce: ReturnType<HardwareProbe['system']> | undefined;
  let systemLightOnce: ReturnType<HardwareProbe['system']> | undefined;
  return {
    gpus: () => (gpusOnce ??= probeGpus(run, timeoutMs, loadSi, facts, fs)),
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

async function probeGpus(run: ToolRunner, timeoutMs: number, loadSi: () => Promise<SiModule>, facts: OsFacts, fs: FsReader): Promise<GpuProbeResult> {
  const cpuModel = () => facts.cpus()[0]?.model ?? null;
  if (facts.platform === 'darwin') {
    const model = cpuModel();
    if (isAppleSilicon(facts.platform, facts.arch, model)) return probeApple(run, timeoutMs, model);
    return probeSiGraphics(loadSi, timeoutMs, facts.platform, ['nvidia-smi: not asked (macOS)']);
  }
  if (facts.platform !== 'linux' && facts.platform !== 'win32') {
    return { gpus: [], warnings: [`GPU detection is not supported on ${facts.platform}; plan with --gpu NAME or --vram GB`], probes: [] };
  }
  const linux = facts.platform === 'linux';
  const skipped: ToolProbe = { status: 'missing', gpus: [], warnings: [], probe: 'rocm-smi: not asked (Windows)' };
  const nvidiaCommands = linux ? [NVIDIA_SMI] : [NVIDIA_SMI, windowsNvidiaSmi()];
  // Every source at once: their deadlines do not add up. nvidia-smi is spawned first (the
  // source that starts a process and waits on the driver): files and rocm-smi are read while it
  // runs (the CPU model only when sysfs lists an AMD card).
  const [nv, amd, sysfs, registry, pci] = await Promise.all([
    probeNvidia(run, timeoutMs, nvidiaCommands),
    linux ? probeRocm(run, timeoutMs) : skipped,
    linux ? probeSysfs(fs, timeoutMs, cpuModel) : null,
    linux ? null : probeRegistry(run, timeoutMs),
    linux ? boundedRead(fs, () => pciDisplayPresent(fs), timeoutMs) : null,
  ]);
  const warnings = [...nv.warnings, ...amd.warnings, ...(sysfs?.warnings ?? []), ...(registry?.warnings ?? [])];
  const probes = [nv.probe, amd.probe, ...(sysfs?.probe ? [sysfs.probe] : []), ...(registry?.probes ?? [])];
  const found: DetectedGpu[] = [...nv.gpus];
  const add = (gs: DetectedGpu[]) => {
    const offset = found.reduce((m, g) => Math.max(m, g.index + 1), 0);
    found.push(...gs.map((g, i) => ({ ...g, index: offset + i })));
  };
  if (sysfs) {
    const sysAmd = sysfs.gpus.filter((g) => g.vendor === 'amd');
    if (amd.gpus.length > 0) add(withApuPools(amd.gpus, sysAmd));
    else add(sysAmd);
    add(sysfs.gpus.filter((g) => g.vendor === 'intel'));
    // Jetson without nvidia-smi (JetPack 5) or with one that listed nothing: the board is the GPU.
    const jetson = nv.gpus.length === 0 ? jetsonGpu(sysfs.snapshot?.deviceTreeModel ?? null) : null;
    if (jetson) add([jetson]);
  } else {
    add(amd.gpus);
  }
  if (registry) {
    // nvidia-smi knows NVIDIA cards better (free memory, MIG); the registry sizes the others.
    add(registry.gpus.filter((g) => !(g.vendor === 'nvidia' && nv.status === 'ok')));
  }
  // sysfs gives sizes, not product names: when nvidia-smi is not installed (so systeminformation's
  // own unbounded nvidia-smi call fails at once), its lspci/WMI names fill them in, vendor by vendor.
  if (nv.status === 'missing' && found.some((g) => GENERIC_NAME.test(g.name))) {
    const si = await probeSiGraphics(loadSi, timeoutMs, facts.platform, []);
    probes.push(...si.probes.map((p) => `${p} (names only)`));
    for (const vendor of ['amd', 'intel'] as const) {
      const mine = found.filter((g) => g.vendor === vendor);
      const theirs = si.gpus.filter((g) => g.vendor === vendor);
      if (mine.length !== theirs.length) continue;
      mine.forEach((g, i) => {
        if (GENERIC_NAME.test(g.name)) g.name = theirs[i]!.name;
      });
    }
    return { gpus: found, warnings, probes };
  }
  if (nv.status === 'missing' && found.length === 0) {
    // Nothing on the PCI bus that lspci would call a graphics card: systeminformation would find
    // none either, after a few hundred milliseconds spent loading it and running lspci.
    if (pci?.kind === 'ok' && pci.value === false) {
      probes.push('systeminformation graphics: not asked (no display controller on the PCI bus)');
      return { gpus: [], warnings, probes };
    }
    const si = await probeSiGraphics(loadSi, timeoutMs, facts.platform, probes);
    if (si.gpus.some((g) => g.vendor === 'nvidia')) {
      si.warnings.push('an NVIDIA GPU is present but nvidia-smi is not installed: without the NVIDIA driver it cannot run models; free memory is unknown');
    }
    if (si.gpus.length > 0) si.warnings.push('GPU memory from systeminformation (lspci / WMI) is an estimate: no driver tool or sysfs file gave it');
    return { gpus: si.gpus, warnings: [...warnings, ...si.warnings], probes: si.probes };
  }
  probes.push(`systeminformation graphics: not asked (${nv.status === 'ok' || found.length > 0 ? 'GPUs already read' : 'it would run nvidia-smi again, without a timeout'})`);
  return { gpus: found, warnings, probes };
}

const PCI_DEVICES = '/sys/bus/pci/devices';

/**
 * Linux: whether the PCI bus lists a display controller (class 0x03xxxx: VGA, 3D or other display,
 * what lspci reports as graphics). null when it cannot tell: no PCI bus to read (a fixture tree,
 * a board without PCI) or a device tree (a board whose GPU is not on the PCI bus).
 */
export async function pciDisplayPresent(fs: FsReader): Promise<boolean | null> {
  if ((await fs.read('/proc/device-tree/model')) !== null) return null;
  const devices = await fs.list(PCI_DEVICES);
  if (devices.length === 0) return null;
  const classes = await Promise.all(devices.map((d) => fs.read(`${PCI_DEVICES}/${d}/class`)));
  if (classes.some((c) => c === null)) return null;
  return classes.some((c) => /^0x03/i.test(c!));
}

/** A name made up from a PCI id (sysfs): "AMD GPU (PCI 0x744c)". */
const GENERIC_NAME = /\(PCI [^)]*\)$/;

/** rocm-smi names the AMD cards; sysfs adds an APU's GTT pool when both list the same number of cards (same order). */
function withApuPools(rocm: DetectedGpu[], sys: DetectedGpu[]): DetectedGpu[] {
  if (rocm.length !== sys.length) return rocm;
  return rocm.map((g, i) => {
    const s = sys[i]!;
    return s.apu ? { ...g, apu: s.apu, integrated: false, memoryFile: s.memoryFile ?? '' } : g;
  });
}

/** Windows: every display adapter's 64-bit memory size and name from the registry (two bounded reg.exe calls). */
async function probeRegistry(run: ToolRunner, timeoutMs: number): Promise<GpuProbeResult> {
  const [desc, mem] = await Promise.all([run('reg', regQueryArgs(DRIVER_DESC), timeoutMs), run('reg', regQueryArgs(QW_MEMORY_SIZE), timeoutMs)]);
  // reg.exe exits 1 when one subkey is not readable (SYSTEM-only "Properties"), after printing the others.
  const text = (r: typeof desc) => (r.kind === 'ok' || r.kind === 'failed' || r.kind === 'timeout' ? r.stdout : '');
  const gpus = gpusFromRegistry(text(desc), text(mem));
  const why = mem.kind === 'missing' ? 'reg.exe not found' : mem.kind === 'timeout' ? 'no answer in time' : `${gpus.length === 1 ? '1 adapter' : `${gpus.length} adapters`} with a 64-bit memory size`;
  const warnings = gpus.map(windowsUmaWarning).filter((w): w is string => w !== null);
  return { gpus, warnings, probes: [`registry ${QW_MEMORY_SIZE}: ${why}`] };
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

