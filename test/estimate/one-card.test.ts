// gpuVerdict's bisection on one card asks lastLayersFitOneCard instead of building the split
// (issue #12, perfrank): it must answer what sharesFit(splitLayers(...)) answers, for every count
// of layers, every shipped shape and card sizes on both sides of each model's needs.
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/catalog.js';
import { lastLayersFitOneCard, sharesFit, splitLayers } from '../../src/estimate/fit.js';
import { estimateMemory } from '../../src/estimate/memory.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import type { MemoryBudget, ModelShape } from '../../src/estimate/types.js';

const GiB = 2 ** 30;
let shapes: { id: string; shape: ModelShape }[];

beforeAll(() => {
  shapes = shippedCatalog().models.flatMap((m) => (m.type === 'api' ? [] : [{ id: m.id, shape: shapeFromModel(m) }]));
});

describe('lastLayersFitOneCard', () => {
  it('is sharesFit(splitLayers(..., false)) on one card for every layer count of every shipped shape', () => {
    let yes = 0;
    let no = 0;
    for (const { id, shape } of shapes) {
      for (const quant of ['Q4_K_M', 'Q8_0'] as const) {
        for (const [contextLength, kvType] of [[8192, 'f16'], [32768, 'q8_0']] as const) {
          const mem = estimateMemory(shape, quant, { contextLength, kvType, flashAttn: true, gpus: 1, gpuContext: true });
          // Cards from a tenth of the model to all of it, and the equal-cards list form of a budget.
          for (const share of [0.1, 0.35, 0.6, 0.85, 1.1]) {
            const card = Math.round(mem.totalBytes * share);
            const budgets: MemoryBudget[] = [
              { gpus: 1, vramBytesPerGpu: card, ramBytes: 32 * GiB, unifiedMemory: false },
              { gpus: 1, vramBytesPerGpu: card, vramBytesByGpu: [card], ramBytes: null, unifiedMemory: false },
            ];
            for (const budget of budgets) {
              for (let k = 0; k <= shape.layers; k += 1) {
                const expected = sharesFit(splitLayers(mem, shape.layers, k, budget, false));
                expect(lastLayersFitOneCard(mem, shape.layers, k, card), `${id} ${quant} ${contextLength} ${share} ${k}`).toBe(expected);
                if (expected) yes += 1;
                else no += 1;
              }
            }
          }
        }
      }
    }
    expect(yes).toBeGreaterThan(10_000);
    expect(no).toBeGreaterThan(10_000);
  });
});
