import { describe, expect, it } from 'vitest';
import { cpuFromSi, gpusFromSiGraphics, ramFromSiMem, vendorOf, type SiGraphics } from '../../src/hardware/parse/systeminformation.js';
import { MIB, fixtureJson } from './helpers.js';

describe('gpusFromSiGraphics', () => {
  it('finds nothing on a VM without graphics (recorded)', () => {
    expect(gpusFromSiGraphics(fixtureJson<SiGraphics>('systeminformation/graphics-linux-none.json'), 'linux')).toEqual([]);
  });

  it('drops a server BMC and never takes a Linux PCI window for memory', () => {
    const gpus = gpusFromSiGraphics(fixtureJson<SiGraphics>('systeminformation/graphics-linux-nvidia-no-driver.json'), 'linux');
    expect(gpus).toHaveLength(1);
    expect(gpus[0]).toMatchObject({ name: 'NVIDIA GeForce RTX 3090', vendor: 'nvidia', vramBytes: null, source: 'systeminformation' });
    expect(gpus[0]!.vramNote).toContain('256 MiB');
  });

  it('does not report a 32 GiB resizable-BAR window as the memory of a 24 GiB card', () => {
    const gpus = gpusFromSiGraphics(fixtureJson<SiGraphics>('systeminformation/graphics-linux-rebar.json'), 'linux');
    expect(gpus[0]).toMatchObject({ vendor: 'amd', vramBytes: null });
  });

  it('reads an Intel Mac: the iGPU is integrated, the Radeon has its own memory', () => {
    const gpus = gpusFromSiGraphics(fixtureJson<SiGraphics>('systeminformation/graphics-mac-intel.json'), 'darwin');
    expect(gpus.map((g) => [g.name, g.vendor, g.integrated, g.vramBytes])).toEqual([
      ['Intel UHD Graphics 630', 'intel', true, 1536 * MIB],
      ['AMD Radeon Pro 5500M', 'amd', false, 8192 * MIB],
    ]);
  });

  it('reads Windows totals and free memory (merged from nvidia-smi) and drops the basic display adapter', () => {
    const gpus = gpusFromSiGraphics(fixtureJson<SiGraphics>('systeminformation/graphics-windows-nvidia.json'), 'win32');
    expect(gpus).toHaveLength(1);
    expect(gpus[0]).toMatchObject({ name: 'NVIDIA GeForce RTX 3060', vramBytes: 12288 * MIB, freeVramBytes: 11243 * MIB, driverVersion: '560.94' });
  });

  it('survives null and empty input', () => {
    expect(gpusFromSiGraphics(null, 'linux')).toEqual([]);
    expect(gpusFromSiGraphics({ controllers: null }, 'linux')).toEqual([]);
    expect(gpusFromSiGraphics({ controllers: [{}] }, 'linux')).toEqual([]);
  });

  it('maps vendors by PCI id or name', () => {
    expect(vendorOf('', '10de')).toBe('nvidia');
    expect(vendorOf('Advanced Micro Devices, Inc. [AMD/ATI]')).toBe('amd');
    expect(vendorOf('Intel Corporation')).toBe('intel');
    expect(vendorOf('ASPEED Technology, Inc.')).toBe('unknown');
  });
});

describe('ramFromSiMem and cpuFromSi', () => {
  it('uses available (not free) memory: recorded on Linux', () => {
    const mem = fixtureJson<{ total: number; available: number }>('systeminformation/mem-linux-vm.json');
    expect(ramFromSiMem(mem)).toEqual({ totalBytes: mem.total, freeBytes: mem.available });
  });

  it('uses available memory on macOS, where free is tiny', () => {
    expect(ramFromSiMem(fixtureJson('systeminformation/mem-macos.json'))).toEqual({ totalBytes: 34359738368, freeBytes: 19327352832 });
  });

  it('gives null for nonsense', () => {
    expect(ramFromSiMem({ total: 0 })).toBeNull();
    expect(ramFromSiMem(null)).toBeNull();
  });

  it('names the CPU with its maker and counts cores', () => {
    expect(cpuFromSi(fixtureJson('systeminformation/cpu-linux-vm.json'))).toEqual({ model: 'Intel Xeon® Processor', cores: 2, physicalCores: 2 });
    expect(cpuFromSi(fixtureJson('systeminformation/cpu-apple-m2-pro.json'))).toEqual({ model: 'Apple M2 Pro', cores: 12, physicalCores: 12 });
  });
});
