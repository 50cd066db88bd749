// recommend's estimator with MoE experts in RAM (src/decide/estimator.ts, candidates.ts): offered
// without --allow-offload when RAM is known to hold the experts, with its real speed and command.
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/catalog.js';
import type { Catalog, LocalModel } from '../../src/catalog/schema.js';
import { realEstimator } from '../../src/decide/estimator.js';
import { recommend } from '../../src/decide/recommend.js';
import type { MemoryBudget } from '../../src/estimate/types.js';
import { gpuPlan } from './fixtures.js';

let catalog: Catalog;
const GiB = 2 ** 30;
const budget = (vram: number, ram: number | null): MemoryBudget => ({ vramBytesPerGpu: vram * GiB, gpus: 1, ramBytes: ram === null ? null : ram * GiB, unifiedMemory: false });

beforeAll(() => {
  catalog = shippedCatalog();
});

const model = (id: string) => catalog.models.find((m) => m.id === id) as LocalModel;

describe('experts in RAM in recommend', () => {
  it('gpt-oss-120b on 23.5 GiB + 64 GiB RAM: experts in RAM, every layer on the GPU', () => {
    const p = realEstimator().place(model('gpt-oss-120b'), 'MXFP4', 8192, 'f16', budget(23.5, 64));
    expect(p.placement).toBe('offload');
    expect(p.gpuLayers).toBe(36);
    expect(p.experts?.cpuMoeLayers).toBeGreaterThan(0);
    expect(p.experts!.expertBytesInRam).toBeLessThanOrEqual(64 * GiB);
  });

  it('RAM unknown or too small: no experts plan (whole-layer offload, or none)', () => {
    expect(realEstimator().place(model('gpt-oss-120b'), 'MXFP4', 8192, 'f16', budget(23.5, null)).experts).toBeUndefined();
    expect(realEstimator().place(model('gpt-oss-120b'), 'MXFP4', 8192, 'f16', budget(23.5, 16)).experts).toBeUndefined();
  });

  it('a dense model never gets one', () => {
    const p = realEstimator().place(model('llama-3.1-70b'), 'Q4_K_M', 8192, 'f16', budget(23.5, 64));
    expect(p.experts).toBeUndefined();
    expect(p.placement).toBe('offload');
  });

  it('recommend offers it without --allow-offload, at its experts-in-RAM speed, with --n-cpu-moe in the command', () => {
    const r = recommend({ useCase: 'chat', priority: 'quality', top: 100, localOnly: true }, { catalog, hardware: gpuPlan(24, { bandwidth: 936, ramGiB: 64 }), estimator: realEstimator() });
    const pick = r.local.find((p) => p.modelId === 'gpt-oss-120b')!;
    expect(pick).toBeDefined();
    expect(pick.placement).toBe('offload');
    expect(pick.offload).toMatchObject({ gpuLayers: 36, totalLayers: 36 });
    expect(pick.setup[0]).toContain(`--n-cpu-moe ${pick.offload!.cpuMoeLayers}`);
    expect(pick.speed!.explanation).toMatch(/--n-cpu-moe \d+/);
    expect(pick.setup[0]).toMatch(/^llama-server -hf \S+ -c 8192 -np 1 -ngl 37 --n-cpu-moe \d+/);
    // Whole-layer offloads of dense models still need --allow-offload.
    expect(r.local.some((p) => p.placement === 'offload' && !p.setup.some((c) => c.includes('--n-cpu-moe')))).toBe(false);
  });
});
