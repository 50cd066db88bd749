// How the real probe reads system files: synchronously, once per path, and (answering at once)
// without a deadline timer; a reader that may wait is still bounded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fsReader, type FsReader } from '../../src/hardware/probe/fs.js';
import { createProbe, type SiModule } from '../../src/hardware/probe/index.js';
import { boundedRead, settle } from '../../src/hardware/probe/timeout.js';
import type { ToolRunner } from '../../src/hardware/probe/types.js';
import { GIB } from './helpers.js';

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
