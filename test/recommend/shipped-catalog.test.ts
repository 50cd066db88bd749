// The decision engine on the shipped catalog (data/) with the real estimator:
// for every use case and priority on 8, 12, 24 GB, two 24 GB cards and CPU
// only, every answer keeps its invariants and every setup command is valid
// against the catalog. Asserts properties, not the data's exact contents.
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/catalog.js';
import type { Catalog } from '../../src/catalog/schema.js';
import { costReport } from '../../src/decide/cost-report.js';
import { realEstimator } from '../../src/decide/estimator.js';
import { CostJson, RecommendJson } from '../../src/decide/output-schema.js';
import { recommend } from '../../src/decide/recommend.js';
import { PRIORITIES, RECOMMEND_USE_CASES } from '../../src/decide/types.js';
import type { HardwarePlan } from '../../src/hardware/types.js';
import { pickSetupProblems } from '../decide/check-setup.js';
import { cpuPlan, gpuPlan } from '../decide/fixtures.js';

let catalog: Catalog;

beforeAll(() => {
  catalog = shippedCatalog();
});

const hardware: [string, HardwarePlan][] = [
  ['8 GB', gpuPlan(8, { bandwidth: 272 })],
  ['12 GB', gpuPlan(12, { bandwidth: 360 })],
  ['24 GB', gpuPlan(24, { bandwidth: 936 })],
  ['2 × 24 GB', gpuPlan(24, { bandwidth: 936, gpus: 2 })],
  ['CPU 32 GB', cpuPlan(32)],
];

describe('recommend on the shipped catalog', () => {
  for (const [label, plan] of hardware) {
    for (const useCase of RECOMMEND_USE_CASES) {
      it(`${label}, ${useCase}: invariants and valid setup commands for every priority`, () => {
        const estimator = realEstimator();
        for (const priority of PRIORITIES) {
          const r = recommend({ useCase, priority, top: 8, tokensPerDay: 3e6 }, { catalog, hardware: plan, estimator });
          expect(() => RecommendJson.parse(r)).not.toThrow();
          const budget = r.hardware.budgetBytes!;
          for (const p of r.local) {
            // Without --allow-offload a pick fits whole, or is a MoE with experts in RAM (--n-cpu-moe).
            const experts = p.setup.some((c) => c.includes('--n-cpu-moe'));
            expect(p.fits).toBe(!experts);
            if (!experts) expect(p.memory.totalBytes).toBeLessThanOrEqual(budget);
            expect(pickSetupProblems(p, catalog, plan), `${p.modelId} ${p.engine}`).toEqual([]);
            const model = catalog.models.find((m) => m.id === p.modelId)!;
            expect(model.type).toBe(useCase === 'embedding' ? 'embedding' : 'local');
          }
          for (const a of r.api) {
            const model = catalog.models.find((m) => m.id === a.modelId);
            expect(model?.type).toBe('api');
            if (model?.type === 'api') {
              expect(model.retired).toBe(false);
              expect(a.setup[2]).toContain(`model="${model.litellmId}"`);
              expect(a.monthlyUsd).toBeGreaterThanOrEqual(0);
            }
          }
        }
      });
    }
  }

  it('24 GB code: the verdict names its reasons and the top pick has commands', () => {
    const r = recommend({ useCase: 'code', priority: 'balanced' }, { catalog, hardware: gpuPlan(24, { bandwidth: 936 }), estimator: realEstimator() });
    expect(r.deployment.reasons.length).toBeGreaterThan(0);
    expect(r.local[0]?.setup.length).toBeGreaterThan(0);
  });

  it('Llama 3.1 70B is never shown as fitting 24 GB', () => {
    const r = recommend(
      { useCase: 'chat', priority: 'quality', top: 100, allowOffload: true },
      { catalog, hardware: gpuPlan(24, { bandwidth: 936, ramGiB: 128 }), estimator: realEstimator() },
    );
    // Ranked itself, or shown under its successor (llama-3.3-70b, same size): either way as an offload.
    const big = r.local.find((p) => p.modelId === 'llama-3.1-70b' || p.variants.some((v) => v.modelId === 'llama-3.1-70b'));
    if (big) {
      expect(big.fits).toBe(false);
      expect(big.placement).toBe('offload');
    } else {
      expect(r.excluded.some((e) => e.modelId === 'llama-3.1-70b')).toBe(true);
    }
  });

  it('long context 128K: every local pick and API pick holds 131072 tokens', () => {
    const r = recommend(
      { useCase: 'long-context', priority: 'balanced', contextLength: 131072, allowOffload: true, top: 20 },
      { catalog, hardware: gpuPlan(24, { bandwidth: 936 }), estimator: realEstimator() },
    );
    for (const p of r.local) {
      const model = catalog.models.find((m) => m.id === p.modelId)!;
      expect(model.type !== 'api' && model.architecture.maxContext).toBeGreaterThanOrEqual(131072);
      expect(p.contextLength).toBe(131072);
    }
    for (const a of r.api) expect(a.contextWindow).toBeGreaterThanOrEqual(131072);
  });

  it('cost: a valid document with prices, a local cost and a break-even', () => {
    const plan = gpuPlan(24, { bandwidth: 936 });
    const c = costReport({ tokensPerDay: 5e6, hardwareCostUsd: 1500 }, { catalog, hardware: plan, estimator: realEstimator() });
    expect(() => CostJson.parse(c)).not.toThrow();
    expect(c.api.length).toBeGreaterThan(0);
    expect(c.local.monthlyUsd).toBeGreaterThan(0);
    expect(c.breakEvenTokensPerDay).toBeGreaterThan(0);
    expect(c.pricesAsOf).toMatch(/^\d{4}-\d{2}/);
  });
});
