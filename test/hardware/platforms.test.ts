// Usable GPU memory per platform, from recorded or constructed system files and tool outputs
// (test/fixtures/hardware/SOURCES.md): the real probe and resolver, with the file system rooted at
// a fixture tree, the tools answered by a fake runner and the OS facts faked.
import { describe, expect, it } from 'vitest';
import { planDocument } from '../../src/hardware/document.js';
import { fsReader } from '../../src/hardware/probe/fs.js';
import { createProbe } from '../../src/hardware/probe/index.js';
import type { OsFacts } from '../../src/hardware/probe/system.js';
import type { ToolResult, ToolRunner } from '../../src/hardware/probe/types.js';
import { resolveHardware } from '../../src/hardware/resolve.js';
import { gpusFromRegistry, parseRegQuery, regNumber } from '../../src/hardware/parse/windows-registry.js';
import { radeonOfCpu } from '../../src/hardware/parse/sysfs.js';
import { FIXTURES, GIB, MIB, fixture, testCatalog } from './helpers.js';

const missing: ToolResult = { kind: 'missing' };
const ok = (stdout: string): ToolResult => ({ kind: 'ok', stdout, stderr: '' });

function osFacts(cpu: string, totalGiB: number, freeGiB: number, platform: NodeJS.Platform = 'linux', arch = 'x64'): OsFacts {
  return {
    totalmem: () => totalGiB * GIB,
    freemem: () => freeGiB * GIB,
    cpus: () => [{ model: cpu }],
    constrainedMemory: () => undefined,
    platform,
    arch,
  };
}

async function machine(opts: { tree?: string; run?: ToolRunner; os: OsFacts }) {
  const probe = createProbe({
    run: opts.run ?? (async () => missing),
    os: opts.os,
    timeoutMs: 500,
    loadSi: async () => {
      throw new Error('systeminformation is not asked here');
    },
    ...(opts.tree ? { fs: fsReader(`${FIXTURES}sysfs/${opts.tree}`) } : {}),
  });
  const plan = await resolveHardware({}, { catalogGpus: testCatalog(), probe });
  return { plan, doc: planDocument(plan) };
}

describe('AMD APUs on Linux (sysfs)', () => {
  it('Strix Halo, 96 GiB BIOS carve-out: the carve-out is dedicated VRAM, less what is in use', async () => {
    const { plan, doc } = await machine({ tree: 'strix-halo-96g', os: osFacts('AMD RYZEN AI MAX+ 395 w/ Radeon 8060S', 31, 24) });
    expect(doc.gpus).toHaveLength(1);
    const g = doc.gpus[0]!;
    expect(g).toMatchObject({ name: 'AMD Radeon 8060S', vendor: 'amd', vramBytes: 96 * GIB, unifiedMemory: false, inBudget: true });
    expect(g.usableVramBytes).toBe(96 * GIB - 512 * MIB);
    expect(g.memorySource).toMatch(/^sysfs mem_info_vram_total: the 96\.0 GiB BIOS carve-out .* the 16\.0 GiB GTT pool \(mem_info_gtt_total\) is smaller/);
    expect(plan.budget).toMatchObject({ gpus: 1, vramBytesPerGpu: 96 * GIB - 512 * MIB, unifiedMemory: false, ramBytes: 24 * GIB });
    expect(doc.probes.join('\n')).toMatch(/sysfs \/sys\/class\/drm: card1 0x1002:0x1586 \(VRAM 96\.0 GiB, GTT 16\.0 GiB\)/);
  });

  it('Strix Halo, 512 MiB carve-out and a 96 GiB GTT pool (ttm.pages_limit): the GTT pool, one memory with the CPU', async () => {
    const { plan, doc } = await machine({ tree: 'strix-halo-512m', os: osFacts('AMD RYZEN AI MAX+ 395 w/ Radeon 8060S', 124, 118) });
    const g = doc.gpus[0]!;
    expect(g).toMatchObject({ name: 'AMD Radeon 8060S', vramBytes: 96 * GIB, freeVramBytes: 96 * GIB, unifiedMemory: true, integrated: false });
    expect(g.usableVramBytes).toBe(96 * GIB);
    expect(g.memorySource).toMatch(/GTT pool, 96\.0 GiB of system RAM .* larger than the 0\.5 GiB BIOS carve-out/);
    // unified: the CPU gets what the GPU does not, never counted twice
    expect(plan.budget).toMatchObject({ gpus: 1, vramBytesPerGpu: 96 * GIB, unifiedMemory: true, ramBytes: 22 * GIB });
  });

  it('Strix Halo, 512 MiB carve-out: the GTT pool is capped by the RAM free now', async () => {
    const { doc } = await machine({ tree: 'strix-halo-512m', os: osFacts('AMD RYZEN AI MAX+ 395 w/ Radeon 8060S', 124, 40) });
    expect(doc.gpus[0]!.usableVramBytes).toBe(40 * GIB);
  });

  it('Radeon 780M, 8 GiB carve-out and an 11.6 GiB GTT pool: the larger pool, not the 4 GiB a 32-bit field says', async () => {
    const { doc } = await machine({ tree: 'radeon-780m', os: osFacts('AMD Ryzen 7 8845HS w/ Radeon 780M Graphics', 23, 20) });
    const g = doc.gpus[0]!;
    expect(g).toMatchObject({ name: 'AMD Radeon 780M', vendor: 'amd', unifiedMemory: true, inBudget: true });
    expect(g.usableVramBytes).toBe(11867 * MIB);
    expect(g.memorySource).toMatch(/larger than the 8\.0 GiB BIOS carve-out/);
  });

  it('rocm-smi names the card; sysfs adds the APU pools (same card count)', async () => {
    const rocm = JSON.stringify({ card0: { 'Card Series': 'Phoenix1', 'VRAM Total Memory (B)': '8589934592', 'VRAM Total Used Memory (B)': '0' } });
    const run: ToolRunner = async (cmd) => (cmd === 'rocm-smi' ? ok(rocm) : missing);
    const { doc } = await machine({ tree: 'radeon-780m', run, os: osFacts('AMD Ryzen 7 8845HS w/ Radeon 780M Graphics', 23, 20) });
    expect(doc.gpus.map((g) => [g.name, g.usableVramBytes, g.unifiedMemory])).toEqual([['Phoenix1', 11867 * MIB, true]]);
  });

  it('the iGPU name comes from the CPU brand string', () => {
    expect(radeonOfCpu('AMD Ryzen 7 8845HS w/ Radeon 780M Graphics')).toBe('AMD Radeon 780M');
    expect(radeonOfCpu('AMD RYZEN AI MAX+ 395 w/ Radeon 8060S')).toBe('AMD Radeon 8060S');
    expect(radeonOfCpu('AMD Ryzen 9 7950X 16-Core Processor')).toBeNull();
  });

  it('the "radeon" pre-check answers as the regular expressions alone would', () => {
    // The two expressions radeonOfCpu applies after its pre-check, here without it (the oracle).
    const byRegex = (model: string | null): string | null => {
      const m = /\bw\/\s*Radeon\s+([\w ]+?)(?:\s+Graphics)?\s*$/i.exec(model?.trim() ?? '') ?? /\bwith\s+Radeon\s+([\w ]+?)(?:\s+Graphics)?\s*$/i.exec(model?.trim() ?? '');
      return m ? `AMD Radeon ${m[1]!.trim()}` : null;
    };
    const models = [
      null,
      '',
      '   ',
      'Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz',
      'AMD Ryzen 9 7950X 16-Core Processor',
      'AMD Ryzen 7 8845HS w/ Radeon 780M Graphics',
      'AMD RYZEN AI MAX+ 395 w/ Radeon 8060S',
      'AMD Ryzen 5 5600G with Radeon Graphics',
      'AMD Ryzen 7 5825U with Radeon Graphics ',
      'AMD RYZEN 7 7840U W/ RADEON 780M GRAPHICS',
      'amd ryzen 5 8600g w/ radeon 760m graphics',
      'AMD Athlon Silver 3050U with Radeon Vega Mobile Gfx',
      'Radeon',
      'AMD Custom APU 0405 (Radeon inside)',
    ];
    for (const model of models) expect(radeonOfCpu(model), String(model)).toBe(byRegex(model));
    // The cases the pre-check decides alone are really decided: no "radeon", no name.
    expect(models.filter((m) => !m || !m.toLowerCase().includes('radeon')).map(radeonOfCpu)).toEqual([null, null, null, null, null]);
    expect(radeonOfCpu('AMD RYZEN 7 7840U W/ RADEON 780M GRAPHICS')).toBe('AMD Radeon 780M');
  });
});

describe('AMD dGPU on Linux without rocm-smi', () => {
  it('memory from sysfs (not the 32 GiB PCI window lspci shows), the name from systeminformation', async () => {
    const probe = createProbe({
      run: async () => missing,
      os: osFacts('AMD Ryzen 9 7950X 16-Core Processor', 64, 48),
      timeoutMs: 500,
      fs: fsReader(`${FIXTURES}sysfs/rx7900xtx-no-rocm`),
      loadSi: async () => ({
        mem: async () => ({}),
        cpu: async () => ({}),
        graphics: async () => JSON.parse(fixture('systeminformation/graphics-linux-rebar.json')),
      }),
    });
    const plan = await resolveHardware({}, { catalogGpus: testCatalog(), probe });
    const doc = planDocument(plan);
    expect(doc.gpus).toHaveLength(1);
    expect(doc.gpus[0]!.name).toMatch(/Navi 31/);
    expect(doc.gpus[0]).toMatchObject({ vendor: 'amd', vramBytes: 25753026560, freeVramBytes: 25753026560 - GIB, memorySource: 'sysfs /sys/class/drm/card0/device/mem_info_vram_total' });
    expect(doc.gpus[0]!.usableVramBytes).toBe(25753026560 - GIB);
    expect(doc.probes.join('\n')).toMatch(/systeminformation graphics: 1 GPU \(names only\)/);
  });
});

describe('NVIDIA Jetson (device tree)', () => {
  it('Jetson AGX Orin without nvidia-smi: one GPU on system RAM, not CPU-only', async () => {
    const { plan, doc } = await machine({ tree: 'jetson-orin', os: osFacts('ARMv8 Processor rev 1 (v8l)', 61, 50, 'linux', 'arm64') });
    expect(doc.gpus).toHaveLength(1);
    expect(doc.gpus[0]).toMatchObject({ name: 'NVIDIA Jetson AGX Orin Developer Kit', vendor: 'nvidia', unifiedMemory: true, usableVramBytes: 50 * GIB });
    expect(doc.gpus[0]!.memorySource).toMatch(/system RAM/);
    expect(plan.budget).toMatchObject({ gpus: 1, unifiedMemory: true, vramBytesPerGpu: 50 * GIB });
    expect(doc.probes.join('\n')).toMatch(/device tree model: NVIDIA Jetson AGX Orin Developer Kit/);
  });
});

describe('Intel Arc on Linux (sysfs)', () => {
  it('Arc A770: local memory from lmem_total_bytes, the catalog gives bandwidth; the UHD iGPU is listed, not counted', async () => {
    const { doc } = await machine({ tree: 'intel-arc-a770', os: osFacts('12th Gen Intel(R) Core(TM) i5-12400', 32, 24) });
    const arc = doc.gpus.find((g) => g.name === 'Intel Arc A770')!;
    expect(arc).toMatchObject({ vendor: 'intel', vramBytes: 16 * GIB, catalogId: 'arc-a770-16gb', memoryBandwidthGBps: 560, inBudget: true });
    expect(arc.usableVramBytes).toBe(16 * GIB - 512 * MIB);
    expect(arc.memorySource).toBe('sysfs /sys/class/drm/card0/lmem_total_bytes');
    expect(doc.budget).toMatchObject({ gpus: 1, gpuIndexes: [arc.index] });
  });
});

describe('Windows cards beyond 4 GiB (registry)', () => {
  it('parses reg.exe output: subkey → value', () => {
    const sizes = parseRegQuery(fixture('windows-registry/r9700-qwmemorysize.txt'), 'HardwareInformation.qwMemorySize');
    expect([...sizes.entries()]).toEqual([
      ['0001', '0x800000000'],
      ['0002', '0x20000000'],
    ]);
    expect(regNumber('0x800000000')).toBe(32 * GIB);
  });

  it('Radeon AI PRO R9700: 32 GiB from HardwareInformation.qwMemorySize, never the 4 GiB AdapterRAM; the iGPU is not counted', async () => {
    const desc = fixture('windows-registry/r9700-driverdesc.txt');
    const mem = fixture('windows-registry/r9700-qwmemorysize.txt');
    expect(gpusFromRegistry(desc, mem).map((g) => [g.name, g.vramBytes, g.integrated])).toEqual([
      ['AMD Radeon AI PRO R9700', 32 * GIB, false],
      ['AMD Radeon(TM) Graphics', 512 * MIB, true],
    ]);
    const run: ToolRunner = async (cmd, args) => (cmd === 'reg' ? ok(args.includes('DriverDesc') ? desc : mem) : missing);
    const { doc } = await machine({ run, os: osFacts('AMD Ryzen 7 9700X 8-Core Processor', 64, 48, 'win32') });
    const card = doc.gpus.find((g) => g.name === 'AMD Radeon AI PRO R9700')!;
    expect(card).toMatchObject({ vramBytes: 32 * GIB, inBudget: true });
    expect(card.usableVramBytes).toBe(32 * GIB - 512 * MIB);
    expect(card.memorySource).toMatch(/^registry HardwareInformation\.qwMemorySize \(64-bit/);
    expect(doc.budget).toMatchObject({ gpus: 1, vramBytesPerGpu: 32 * GIB - 512 * MIB });
    expect(doc.probes).toContain('registry HardwareInformation.qwMemorySize: 2 adapters with a 64-bit memory size');
  });
});

describe('AMD iGPUs on Windows (registry carve-out)', () => {
  const key = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e968-e325-11ce-bfc1-08002be10318}\\0000';
  const reg = (name: string, hex: string) => ({
    desc: `${key}\r\n    DriverDesc    REG_SZ    ${name}\r\n`,
    mem: `${key}\r\n    HardwareInformation.qwMemorySize    REG_QWORD    ${hex}\r\n`,
  });

  it('a Radeon 780M with an 8 GiB UMA frame buffer counts its carve-out (llmfit#810 read it as 4 GiB)', async () => {
    const r = reg('AMD Radeon(TM) 780M', '0x200000000');
    expect(gpusFromRegistry(r.desc, r.mem)).toEqual([expect.objectContaining({ name: 'AMD Radeon(TM) 780M', vramBytes: 8 * GIB, integrated: false })]);
    const run: ToolRunner = async (cmd, args) => (cmd === 'reg' ? ok(args.includes('DriverDesc') ? r.desc : r.mem) : missing);
    const { doc } = await machine({ run, os: osFacts('AMD Ryzen 7 8845HS w/ Radeon 780M Graphics', 24, 16, 'win32') });
    expect(doc.gpus[0]!.usableVramBytes).toBe(8 * GIB - 512 * MIB);
    expect(doc.budget!.explanation).toMatch(/from registry HardwareInformation\.qwMemorySize/);
  });

  it('Strix Halo with a 96 GiB carve-out on Windows: counted, with the Vulkan 32 GiB heap warning', async () => {
    const r = reg('AMD Radeon(TM) 8060S Graphics', '0x1800000000');
    const run: ToolRunner = async (cmd, args) => (cmd === 'reg' ? ok(args.includes('DriverDesc') ? r.desc : r.mem) : missing);
    const { doc } = await machine({ run, os: osFacts('AMD RYZEN AI MAX+ 395 w/ Radeon 8060S', 32, 24, 'win32') });
    expect(doc.gpus[0]).toMatchObject({ vramBytes: 96 * GIB, inBudget: true });
    expect(doc.warnings.join('\n')).toMatch(/only 32 GiB .*ggml-org\/llama\.cpp#16832/);
  });
});

describe('no tool, no sysfs', () => {
  it('falls back to systeminformation and says the figure is an estimate', async () => {
    const probe = createProbe({
      run: async () => missing,
      os: osFacts('Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz', 16, 8),
      timeoutMs: 500,
      loadSi: async () => ({ mem: async () => ({}), cpu: async () => ({}), graphics: async () => JSON.parse(fixture('systeminformation/graphics-linux-rebar.json')) }),
    });
    const r = await probe.gpus();
    expect(r.gpus).toHaveLength(1);
    expect(r.warnings).toContain('GPU memory from systeminformation (lspci / WMI) is an estimate: no driver tool or sysfs file gave it');
  });
});

describe('a probe that hangs', () => {
  it('sysfs that never answers: the command still answers within the deadline, with the other tools', async () => {
    const hung = { read: () => new Promise<string | null>(() => {}), list: () => new Promise<string[]>(() => {}) };
    const probe = createProbe({ run: async () => missing, os: osFacts('x', 16, 8), timeoutMs: 200, fs: hung, loadSi: async () => ({ mem: async () => { throw new Error('no'); }, cpu: async () => { throw new Error('no'); }, graphics: async () => ({ controllers: [], displays: [] }) }) as never });
    const r = await probe.gpus();
    expect(r.probes).toContain('sysfs /sys/class/drm: no answer within 0.2 s');
  });
});
