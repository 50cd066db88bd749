// How the real probe reads system files: synchronously, once per path, and (answering at once)
// without a deadline timer; a reader that may wait is still bounded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fsReader, type FsReader } from '../../src/hardware/probe/fs.js';
import { createProbe, type SiModule } from '../../src/hardware/probe/index.js';
import { probeSystem } from '../../src/hardware/probe/system.js';
import { boundedRead, settle } from '../../src/hardware/probe/timeout.js';
import { resolveHardware } from '../../src/hardware/resolve.js';
import type { ToolRunner } from '../../src/hardware/probe/types.js';
import { GIB, testCatalog } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'llm-pick-sysfs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function file(path: string, text: string) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('fsReader (the real reader, rooted at a folder)', () => {
  it('reads trimmed text without NUL bytes; null and [] for what is not there', async () => {
    file('proc/device-tree/model', 'NVIDIA Jetson AGX Orin\0');
    const fs = fsReader(root);
    expect(await fs.read('/proc/device-tree/model')).toBe('NVIDIA Jetson AGX Orin');
    expect(await fs.read('/proc/nothing')).toBeNull();
    expect(await fs.list('/sys/class/drm')).toEqual([]);
    expect(fs.immediate).toBe(true);
  });

  it('reads each path once: a second ask gets the first answer', async () => {
    file('sys/bus/pci/devices/0000:00:02.0/class', '0x030000\n');
    const fs = fsReader(root);
    expect(await fs.read('/sys/bus/pci/devices/0000:00:02.0/class')).toBe('0x030000');
    expect(await fs.list('/sys/bus/pci/devices')).toEqual(['0000:00:02.0']);
    file('sys/bus/pci/devices/0000:00:02.0/class', '0x060000\n');
    file('sys/bus/pci/devices/0000:00:03.0/class', '0x020000\n');
    expect(await fs.read('/sys/bus/pci/devices/0000:00:02.0/class')).toBe('0x030000');
    expect(await fs.list('/sys/bus/pci/devices')).toEqual(['0000:00:02.0']);
    // A new reader (a new process) reads them again.
    expect(await fsReader(root).read('/sys/bus/pci/devices/0000:00:02.0/class')).toBe('0x060000');
  });
});

describe('settle and boundedRead', () => {
  it('settle: the value or the error, as withTimeout gives them', async () => {
    expect(await settle(async () => 3)).toEqual({ kind: 'ok', value: 3 });
    const boom = new Error('boom');
    expect(await settle(async () => Promise.reject(boom))).toEqual({ kind: 'error', error: boom });
    expect(
      await settle(() => {
        throw boom;
      }),
    ).toEqual({ kind: 'error', error: boom });
  });

  it('a reader that answers at once gets no timer; one that may wait is bounded', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    expect(await boundedRead({ immediate: true }, async () => 'x', 50)).toEqual({ kind: 'ok', value: 'x' });
    expect(timers).not.toHaveBeenCalled();
    expect(await boundedRead({}, () => new Promise<string>(() => {}), 20)).toEqual({ kind: 'timeout' });
    expect(timers).toHaveBeenCalled();
  });
});

describe('GPU detection on a Linux machine with no GPU, through the real reader', () => {
  it('answers no GPU from the PCI bus with no timer set (nothing to wait on)', async () => {
    const tree = mkdtempSync(join(root, 'machine-'));
    for (const [dev, cls] of [['0000:00:00.0', '0x060000'], ['0000:00:03.0', '0x020000']]) {
      mkdirSync(join(tree, 'sys/bus/pci/devices', dev!), { recursive: true });
      writeFileSync(join(tree, 'sys/bus/pci/devices', dev!, 'class'), `${cls}\n`);
    }
    const run: ToolRunner = async () => ({ kind: 'missing' });
    const os = { totalmem: () => 16 * GIB, freemem: () => 8 * GIB, cpus: () => [{ model: 'Intel Xeon' }], constrainedMemory: () => undefined, platform: 'linux' as const, arch: 'x64' };
    const loadSi = async (): Promise<SiModule> => {
      throw new Error('systeminformation is not asked');
    };
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const r = await createProbe({ run, fs: fsReader(tree), os, loadSi, timeoutMs: 100 }).gpus();
    expect(r.gpus).toEqual([]);
    expect(r.probes).toContain('systeminformation graphics: not asked (no display controller on the PCI bus)');
    expect(timers).not.toHaveBeenCalled();
  });

  it('the same machine behind a reader that may wait: bounded (a timer per read probe)', async () => {
    const tree: FsReader = {
      read: async (p) => (p.endsWith('/class') ? '0x060000' : null),
      list: async (dir) => (dir === '/sys/bus/pci/devices' ? ['0000:00:00.0'] : []),
    };
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const r = await createProbe({ run: async () => ({ kind: 'missing' }), fs: tree, os: { totalmem: () => GIB, freemem: () => GIB, cpus: () => [], constrainedMemory: () => undefined, platform: 'linux', arch: 'x64' }, timeoutMs: 100 }).gpus();
    expect(r.gpus).toEqual([]);
    expect(timers).toHaveBeenCalledTimes(2);
  });
});

describe('the CPU is read from node:os only when something asks for it', () => {
  /** Fake OS facts that count os.cpus() calls. */
  function countingOs(platform: NodeJS.Platform = 'linux') {
    const calls = { cpus: 0 };
    const os = {
      totalmem: () => 32 * GIB,
      freemem: () => 20 * GIB,
      cpus: () => {
        calls.cpus += 1;
        return [{ model: '  AMD Ryzen 7 8845HS w/ Radeon 780M Graphics ' }, { model: 'x' }];
      },
      constrainedMemory: () => undefined,
      platform,
      arch: 'x64',
    };
    return { os, calls };
  }

  it('planned hardware (--vram): a plan without reading the CPU; the CPU is there when asked', async () => {
    const { os, calls } = countingOs();
    const probe = { gpus: () => Promise.reject(new Error('not probed')), system: () => probeSystem({ timeoutMs: 100, loadSi: null, os }) };
    const plan = await resolveHardware({ vram: 24 }, { catalogGpus: testCatalog(), probe });
    expect(plan.ram.freeBytes).toBe(20 * GIB);
    expect(plan.probes).toContain('CPU: node:os');
    expect(calls.cpus).toBe(0);
    expect(plan.cpu).toEqual({ model: 'AMD Ryzen 7 8845HS w/ Radeon 780M Graphics', cores: 2, physicalCores: null });
    expect(calls.cpus).toBeGreaterThan(0);
  });

  it('detection on Linux reads the CPU only when sysfs lists an AMD card (an APU is named by its CPU)', async () => {
    const run: ToolRunner = async () => ({ kind: 'missing' });
    const noAmd: FsReader = {
      immediate: true,
      read: async (p) => (p === '/sys/class/drm/card0/device/vendor' ? '0x8086' : null),
      list: async (dir) => (dir === '/sys/class/drm' ? ['card0'] : []),
    };
    const a = countingOs();
    await createProbe({ run, fs: noAmd, os: a.os, timeoutMs: 100, loadSi: async () => ({ graphics: async () => ({ controllers: [], displays: [] }) }) as unknown as SiModule }).gpus();
    expect(a.calls.cpus).toBe(0);

    const apu: FsReader = {
      immediate: true,
      read: async (p) =>
        ({
          '/sys/class/drm/card0/device/vendor': '0x1002',
          '/sys/class/drm/card0/device/device': '0x1900',
          '/sys/class/drm/card0/device/mem_info_vram_total': String(2 * GIB),
          '/sys/class/drm/card0/device/mem_info_gtt_total': String(16 * GIB),
        })[p] ?? null,
      list: async (dir) => (dir === '/sys/class/drm' ? ['card0'] : []),
    };
    const b = countingOs();
    const r = await createProbe({ run, fs: apu, os: b.os, timeoutMs: 100, loadSi: async () => ({ graphics: async () => ({ controllers: [], displays: [] }) }) as unknown as SiModule }).gpus();
    expect(b.calls.cpus).toBeGreaterThan(0);
    expect(r.gpus.map((g) => g.name)).toEqual(['AMD Radeon 780M']);
  });
});
