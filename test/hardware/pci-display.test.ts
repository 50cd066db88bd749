// The fast path of GPU detection on Linux: with no display controller on the PCI bus (a server or
// VM without a GPU), systeminformation is neither loaded nor asked.
import { describe, expect, it } from 'vitest';
import { createProbe, pciDisplayPresent, type SiModule } from '../../src/hardware/probe/index.js';
import type { FsReader } from '../../src/hardware/probe/fs.js';
import type { ToolRunner } from '../../src/hardware/probe/types.js';
import { GIB } from './helpers.js';

/** A file tree in memory: path → text; a directory lists the names directly below it. */
function tree(files: Record<string, string>): FsReader {
  return {
    read: async (p) => files[p] ?? null,
    list: async (dir) => [...new Set(Object.keys(files).filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).split('/')[0]!))],
  };
}

const NO_GPU = tree({
  '/sys/bus/pci/devices/0000:00:00.0/class': '0x060000',
  '/sys/bus/pci/devices/0000:00:03.0/class': '0x020000',
  '/sys/bus/pci/devices/0000:00:04.0/class': '0x018000',
});

describe('pciDisplayPresent', () => {
  it('false when the bus lists devices and none is a display controller', async () => {
    expect(await pciDisplayPresent(NO_GPU)).toBe(false);
  });

  it('true for a VGA, 3D or display controller (class 0x03xxxx)', async () => {
    for (const cls of ['0x030000', '0x030200', '0x038000']) {
      expect(await pciDisplayPresent(tree({ '/sys/bus/pci/devices/0000:00:00.0/class': '0x060000', '/sys/bus/pci/devices/0000:01:00.0/class': cls }))).toBe(true);
    }
  });

  it('null (cannot tell) without a PCI bus, with an unreadable class, or on a device-tree board', async () => {
    expect(await pciDisplayPresent(tree({}))).toBeNull();
    expect(await pciDisplayPresent(tree({ '/sys/bus/pci/devices/0000:00:00.0/vendor': '0x8086' }))).toBeNull();
    expect(await pciDisplayPresent(tree({ '/proc/device-tree/model': 'Raspberry Pi 5 Model B', '/sys/bus/pci/devices/0000:00:00.0/class': '0x060400' }))).toBeNull();
  });
});

describe('GPU detection without a display controller', () => {
  const run: ToolRunner = async () => ({ kind: 'missing' });
  const os = {
    totalmem: () => 16 * GIB,
    freemem: () => 8 * GIB,
    cpus: () => [{ model: 'Intel Xeon Processor' }],
    constrainedMemory: () => undefined,
    platform: 'linux' as const,
    arch: 'x64',
  };

  it('answers no GPU without loading systeminformation, and says why', async () => {
    let loaded = 0;
    const loadSi = async () => {
      loaded += 1;
      return { graphics: async () => ({ controllers: [], displays: [] }) } as unknown as SiModule;
    };
    const r = await createProbe({ run, fs: NO_GPU, os, loadSi, timeoutMs: 100 }).gpus();
    expect(r.gpus).toEqual([]);
    expect(loaded).toBe(0);
    expect(r.probes).toContain('systeminformation graphics: not asked (no display controller on the PCI bus)');
  });

  it('still asks systeminformation when the bus cannot be read', async () => {
    let loaded = 0;
    const loadSi = async () => {
      loaded += 1;
      return { graphics: async () => ({ controllers: [], displays: [] }) } as unknown as SiModule;
    };
    await createProbe({ run, fs: tree({}), os, loadSi, timeoutMs: 100 }).gpus();
    expect(loaded).toBe(1);
  });
});
