// RAM bandwidth from the memory modules the OS lists (systeminformation memLayout), constructed
// fixtures in its shape (test/fixtures/hardware/SOURCES.md).
import { describe, expect, it } from 'vitest';
import { ramBandwidthFromLayout, type SiMemLayout } from '../../src/hardware/parse/systeminformation.js';
import { resolveHardware } from '../../src/hardware/resolve.js';
import { probeSystem } from '../../src/hardware/probe/system.js';
import { GIB, fixtureJson, testCatalog } from './helpers.js';

const layout = (name: string) => fixtureJson<SiMemLayout[]>(`systeminformation/${name}.json`);

describe('RAM bandwidth from memLayout', () => {
  it('2 × DDR5-5600 on a desktop: 2 channels × 8 bytes × 5600 MT/s = 89.6 GB/s, said as an estimate', () => {
    const r = ramBandwidthFromLayout(layout('memlayout-ddr5-2x16'), 'AMD Ryzen 9 7950X 16-Core Processor');
    expect(r?.gbps).toBe(89.6);
    expect(r?.source).toMatch(/^estimate from systeminformation memLayout: 2 × DDR5-5600 modules → 2 channels/);
  });

  it('4 × DDR4-3200 on a desktop: still 2 channels (two modules per channel), 51.2 GB/s', () => {
    expect(ramBandwidthFromLayout(layout('memlayout-ddr4-4x16'), 'Intel(R) Core(TM) i9-10900K CPU @ 3.70GHz')?.gbps).toBe(51.2);
  });

  it('12 × DDR5-4800 on an EPYC: 12 channels, 460.8 GB/s', () => {
    expect(ramBandwidthFromLayout(layout('memlayout-epyc-12x32'), 'AMD EPYC 9654 96-Core Processor')?.gbps).toBe(460.8);
  });

  it('soldered LPDDR (bus width unknown), no modules (Linux without root): null, the default stays', () => {
    expect(ramBandwidthFromLayout(layout('memlayout-lpddr5-soldered'), 'AMD Ryzen AI 9 HX 370')).toBeNull();
    expect(ramBandwidthFromLayout(layout('memlayout-linux-nonroot'), 'x')).toBeNull();
    expect(ramBandwidthFromLayout(undefined, 'x')).toBeNull();
  });

  it('the probe asks memLayout (bounded) and the plan carries the figure and its source; --ram keeps the default', async () => {
    const os = { totalmem: () => 32 * GIB, freemem: () => 20 * GIB, cpus: () => [{ model: 'AMD Ryzen 9 7950X 16-Core Processor' }], constrainedMemory: () => undefined, platform: 'win32' as const, arch: 'x64' };
    const si = { mem: async () => ({ total: 32 * GIB, available: 20 * GIB }), cpu: async () => ({ brand: 'Ryzen 9 7950X', cores: 32, physicalCores: 16 }), memLayout: async () => layout('memlayout-ddr5-2x16') };
    const sys = await probeSystem({ timeoutMs: 500, loadSi: async () => si, os });
    expect(sys.ramBandwidth?.gbps).toBe(89.6);
    const probe = { gpus: async () => ({ gpus: [], warnings: [], probes: [] }), system: async () => sys };
    const plan = await resolveHardware({ cpuOnly: true }, { catalogGpus: testCatalog(), probe });
    expect(plan.ram).toMatchObject({ bandwidthGBps: 89.6, bandwidthSource: expect.stringMatching(/^estimate from systeminformation memLayout/) });
    const withRam = await resolveHardware({ cpuOnly: true, ram: 64 }, { catalogGpus: testCatalog(), probe });
    expect(withRam.ram.bandwidthSource).toMatch(/^default: dual-channel DDR4-3200/);
  });

  it('a memLayout that never answers: the rest of the probe still answers in time', async () => {
    const os = { totalmem: () => 32 * GIB, freemem: () => 20 * GIB, cpus: () => [{ model: 'x' }], constrainedMemory: () => undefined, platform: 'linux' as const, arch: 'x64' };
    const si = { mem: async () => ({ total: 32 * GIB, available: 20 * GIB }), cpu: async () => ({ brand: 'x', cores: 2, physicalCores: 2 }), memLayout: () => new Promise<SiMemLayout[]>(() => {}) };
    const sys = await probeSystem({ timeoutMs: 200, loadSi: async () => si, os });
    expect(sys.ram.source).toBe('systeminformation');
    expect(sys.ramBandwidth).toBeNull();
  });
});
