// Shortcuts ranking takes for speed (issue #12), each checked against the general path it
// replaces on the shipped catalog: same answers, not just similar ones.
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/catalog.js';
import type { Catalog } from '../../src/catalog/schema.js';
import { USE_CASE_MIX } from '../../src/decide/benchmarks.js';
import { useCaseNumbers, useCaseQuality, type QualityUseCase } from '../../src/decide/quality.js';
import type { RunnableModel } from '../../src/decide/port.js';
import { fetchableGgufQuants, ggufQuantsOf, quantTable } from '../../src/decide/quants.js';
import { ggufRepoQuant, ollamaTagFor } from '../../src/decide/setup.js';
import { qualityTable } from '../../src/decide/task-fit.js';
import { estimateKvCache } from '../../src/estimate/kv-cache.js';
import { layerInfo, uniformLayerInfo } from '../../src/estimate/layers.js';
import { shapeFromModel } from '../../src/estimate/shape.js';

let catalog: Catalog;

beforeAll(() => {
  catalog = shippedCatalog();
});

describe('useCaseNumbers', () => {
  it("equals useCaseQuality's numbers for every model and use case of the shipped catalog", () => {
    const table = qualityTable(catalog);
    let compared = 0;
    for (const model of catalog.models) {
      const scores = table.scores.get(model.id) ?? new Map();
      for (const useCase of Object.keys(USE_CASE_MIX) as QualityUseCase[]) {
        const { tasks: _tasks, basis: _basis, ...numbers } = useCaseQuality(scores, useCase);
        expect(useCaseNumbers(scores, useCase)).toStrictEqual(numbers);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('fetchableGgufQuants', () => {
  it('is ggufQuantsOf less the quants no Ollama tag and no GGUF repo entry names, for every model of the shipped catalog', () => {
    const table = quantTable(catalog.quants);
    const models = catalog.models.filter((m): m is RunnableModel => m.type !== 'api');
    for (const model of models) {
      const general = ggufQuantsOf(model, table).filter((q) => ollamaTagFor(model, q.id, table) !== null || ggufRepoQuant(model, q.id, table) !== null);
      expect(fetchableGgufQuants(model, table).map((q) => q.id), model.id).toStrictEqual(general.map((q) => q.id));
    }
    expect(models.length).toBeGreaterThan(100);
  });
});

describe('uniformLayerInfo', () => {
  it("is every layer's layerInfo wherever it answers, and answers for the plain transformers of the shipped catalog", () => {
    let uniform = 0;
    for (const model of catalog.models) {
      if (model.type === 'api') continue;
      const shape = shapeFromModel(model);
      const one = uniformLayerInfo(shape);
      if (!one) continue;
      uniform += 1;
      for (let il = 0; il < shape.layers; il += 1) expect(layerInfo(shape, il), `${model.id} layer ${il}`).toStrictEqual(one);
    }
    expect(uniform).toBeGreaterThan(50);
  });

  it('gives the KV cache of the layer-by-layer walk (shapes with and without the shortcut)', () => {
    for (const model of catalog.models) {
      if (model.type === 'api') continue;
      const shape = shapeFromModel(model);
      if (shape.slidingWindow) continue;
      // The same layers behind a sliding-window pattern in which no layer slides: uniformLayerInfo
      // declines it, so the KV cache is summed layer by layer.
      const walked = { ...shape, globalAttention: null, slidingWindow: { window: 1, slidingLayers: 0, mask: new Array<boolean>(shape.layers).fill(false) } };
      expect(uniformLayerInfo(walked)).toBeNull();
      for (const ctx of [512, 8192, 131072]) {
        for (const type of ['f16', 'q8_0', 'q4_0'] as const) {
          expect(estimateKvCache(shape, ctx, type), `${model.id} ${ctx} ${type}`).toStrictEqual(estimateKvCache(walked, ctx, type));
        }
      }
    }
  });
});
