// The --json document and the human rendering of a plan.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainUi } from '../../src/core/ui.js';
import { HardwareDocumentSchema } from '../../src/hardware/document-schema.js';
import { listDocument, planDocument } from '../../src/hardware/document.js';
import { resolveHardware } from '../../src/hardware/resolve.js';
import type { HardwareFlags } from '../../src/hardware/types.js';
import { renderGpuList, renderHardware } from '../../src/render/hardware.js';
import { GIB, MIB, detected, fakeProbe, system, testCatalog } from './helpers.js';

const catalogGpus = testCatalog();

async function doc(flags: HardwareFlags, probe = fakeProbe()) {
  return planDocument(await resolveHardware(flags, { catalogGpus, probe }));
}

const mac = system({ ram: { totalBytes: 32 * GIB, freeBytes: 24 * GIB, source: 'systeminformation' }, platform: 'darwin', arch: 'arm64', cpu: { model: 'Apple M2 Pro', cores: 12, physicalCores: 12, source: 'systeminformation' } });
const appleGpu = detected({ name: 'Apple M2 Pro', vendor: 'apple', vramBytes: null, freeVramBytes: null, source: 'apple', unifiedMemory: true, driverVersion: null, computeCapability: null });

describe('hardware --json document', () => {
  it('has the DESIGN.md fields and validates against its schema, in every kind of plan', async () => {
    const plans = [
      await doc({}, fakeProbe({ gpus: [detected({ name: 'NVIDIA GeForce RTX 4090' }), detected({ index: 1, name: 'Weird GPU', vramBytes: 8 * GIB, freeVramBytes: null })] })),
      await doc({}, fakeProbe({ gpus: [appleGpu] }, mac)),
      await doc({ gpu: '3090', gpus: 2 }),
      await doc({ vram: 24 }),
      await doc({ cpuOnly: true }),
      await doc({}, fakeProbe({ gpus: [detected({ name: 'NVIDIA A100-SXM4-80GB', vramBytes: 81920 * MIB, migEnabled: true, migInstances: [{ profile: '3g.40gb', memoryBytes: 40e9 }] })] })),
    ];
    for (const d of plans) {
      expect(HardwareDocumentSchema.parse(d)).toEqual(d);
      expect(d).toMatchObject({ schemaVersion: 1, kind: 'hardware' });
      expect(Array.isArray(d.warnings)).toBe(true);
      for (const g of d.gpus) {
        expect(Number.isInteger(g.vramBytes)).toBe(true);
        expect(g).toHaveProperty('freeVramBytes');
        expect(g).toHaveProperty('memoryBandwidthGBps');
      }
      expect(d.ram).toHaveProperty('totalBytes');
      expect(d.ram).toHaveProperty('freeBytes');
    }
  });

  it('marks which cards the budget counts', async () => {
    const d = await doc({}, fakeProbe({ gpus: [detected({ name: 'NVIDIA GeForce RTX 3090', freeVramBytes: 23 * GIB }), detected({ index: 1, name: 'NVIDIA GeForce RTX 3060', vramBytes: 12 * GIB, freeVramBytes: 11 * GIB })] }));
    // unequal cards are both counted (llama.cpp splits in proportion), each with its usable memory and source
    expect(d.gpus.map((g) => g.inBudget)).toEqual([true, true]);
    expect(d.budget?.gpuIndexes).toEqual([0, 1]);
    expect(d.budget?.vramBytesByGpu).toEqual([23 * GIB, 11 * GIB]);
    expect(d.gpus.map((g) => [g.usableVramBytes, g.memorySource])).toEqual([
      [23 * GIB, 'nvidia-smi'],
      [11 * GIB, 'nvidia-smi'],
    ]);
  });

  it('--list: the catalog, GPU-shaped, validated', () => {
    const d = listDocument(catalogGpus);
    expect(HardwareDocumentSchema.parse(d)).toEqual(d);
    expect(d.gpus.find((g) => g.id === 'rtx-4090')).toMatchObject({ vramBytes: 24 * GIB, freeVramBytes: null, memoryBandwidthGBps: 1008 });
  });

  it('has a JSON Schema for `llm-pick schema hardware`', () => {
    const schema = z.toJSONSchema(HardwareDocumentSchema) as { oneOf?: unknown[]; anyOf?: unknown[] };
    expect(schema.oneOf ?? schema.anyOf).toHaveLength(2);
  });
});

describe('hardware human output', () => {
  const ui = plainUi(100);

  it('Apple Silicon: unified memory said once, the GPU share and its source', async () => {
    const text = renderHardware(await doc({}, fakeProbe({ gpus: [appleGpu] }, mac)), ui);
    expect(text).toMatch(/Apple M2 Pro/);
    expect(text).toMatch(/Unified memory: yes: GPU memory and RAM are one pool, counted once/);
    expect(text).toMatch(/memory from GPU share of 32\.0 GiB unified memory: 2\/3 of unified memory/);
    expect(text).toMatch(/RAM bandwidth: 200 GB\/s \(catalog: apple-m2-pro \(unified memory\)\)/);
  });

  it('an unknown card says its bandwidth is unknown, and warnings are listed', async () => {
    const text = renderHardware(await doc({}, fakeProbe({ gpus: [detected({ name: 'NVIDIA Mystery 9000' })] })), ui);
    expect(text).toMatch(/ unknown │/);
    expect(text).toMatch(/bandwidth unknown \(not in the GPU catalog\)/);
    expect(text).toMatch(/Warnings:\n {2}- GPU 0 \(NVIDIA Mystery 9000\) is not in the GPU catalog/);
  });

  it('planned and CPU-only plans say they were not probed', async () => {
    expect(renderHardware(await doc({ gpu: '4090', gpus: 2 }), ui)).toMatch(/GPUs \(planned, not probed\)[\s\S]*Memory available: 2 × 23\.5 GiB GPU/);
    const cpu = renderHardware(await doc({ cpuOnly: true, ram: 32 }), ui);
    expect(cpu).toMatch(/none \(--cpu-only\)/);
    expect(cpu).toMatch(/Memory available: CPU only, 32\.0 GiB RAM/);
  });

  it('--list: a table of the catalog', () => {
    const text = renderGpuList(listDocument(catalogGpus), ui);
    expect(text).toMatch(/GPU catalog \(11\)/);
    expect(text).toMatch(/│ apple-m2-pro .*up to 32\.0 GiB/);
  });
});
