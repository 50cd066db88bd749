// weightsTotalBytes (weights.ts), what bestQuantThatFits asks of each quant it tries, is
// estimateWeights' totalBytes without the rest of the detail: checked here to be the same number for
// every quantization (GGUF and GPU formats) of every shipped catalog shape and of synthesized shapes
// from 0.1 B to 1000 B, with each mix option set, computed on a shape the estimate has not seen (so
// the total is not read from the estimate's memo). assignTypes' readingOnly list is checked against
// the whole list.
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/catalog.js';
import { assignTypes, typeReadsLayer, type MixOptions } from '../../src/estimate/quant-mix.js';
import { GGUF_QUANTS, GPU_QUANTS, type QuantId } from '../../src/estimate/quants.js';
import { shapeFromModel, shapeFromParams } from '../../src/estimate/shape.js';
import { tensorsOf, uniformLayers } from '../../src/estimate/tensors.js';
import type { ModelShape } from '../../src/estimate/types.js';
import { computedWeights, estimateWeights, weightsTotalBytes } from '../../src/estimate/weights.js';

const QUANTS: readonly QuantId[] = [...GGUF_QUANTS, ...GPU_QUANTS];
const PARAMS = [0.1, 0.5, 1, 1.5, 2, 3, 4, 7, 8, 9, 13, 14, 20, 27, 32, 34, 70, 72, 100, 123, 180, 235, 405, 480, 671, 1000];
const MIXES: MixOptions[] = [{}, { imatrix: true }, { imatrix: false }, { outputType: 'Q8_0', tokenEmbeddingType: 'Q8_0' }, { requantizeExperts: true }, { legacyTokenEmbdMatch: true }];

let shapes: [string, ModelShape][];

beforeAll(() => {
  const models = shippedCatalog().models.filter((m) => m.type !== 'api');
  shapes = [...models.map((m) => [m.id, shapeFromModel(m)] as [string, ModelShape]), ...PARAMS.map((b) => [`--params ${b}`, shapeFromParams(b)] as [string, ModelShape])];
});

describe('weightsTotalBytes', () => {
  it('is estimateWeights(...).totalBytes for every shape, quant and mix option set, computed apart', () => {
    let compared = 0;
    let uniform = 0;
    for (const [id, shape] of shapes) {
      if (uniformLayers(shape)) uniform += 1;
      for (const mix of MIXES) {
        // A copy the estimate never saw: its total is computed by weightsTotalBytes itself.
        const apart = structuredClone(shape);
        for (const quant of QUANTS) {
          const total = weightsTotalBytes(apart, quant, mix);
          const expected = estimateWeights(shape, quant, mix).totalBytes;
          if (total !== expected) expect(total, `${id} ${quant} ${JSON.stringify(mix)}`).toBe(expected);
          compared += 1;
        }
      }
    }
    expect(uniform).toBeGreaterThan(90);
    expect(compared).toBeGreaterThan(20_000);
  });

  it('after the estimate, is read from it; before it, the estimate is still made whole', () => {
    const shape = shapeFromParams(70);
    const total = weightsTotalBytes(shape, 'IQ2_S');
    const w = estimateWeights(shape, 'IQ2_S');
    expect(w.totalBytes).toBe(total);
    expect(w.layerBytes).toHaveLength(shape.layers);
    expect(computedWeights(structuredClone(shape), 'IQ2_S')).toEqual(w);
    expect(weightsTotalBytes(shape, 'IQ2_S')).toBe(total);
  });
});

describe('assignTypes readingOnly', () => {
  it('lists the whole list less the tensors of layers 1 and up whose type does not read the layer', () => {
    for (const [id, shape] of shapes) {
      const layout = uniformLayers(shape);
      if (!layout) continue;
      const list = tensorsOf(shape);
      for (const quant of GGUF_QUANTS) {
        const whole = assignTypes(shape, list, quant, {}, layout);
        const kept = whole.filter((_, i) => {
          const inLaterLayer = i >= layout.head + layout.perLayer && i < layout.head + shape.layers * layout.perLayer;
          return !inLaterLayer || typeReadsLayer(list[i]!.category, quant);
        });
        const reading = assignTypes(shape, list, quant, {}, layout, true);
        if (JSON.stringify(reading) !== JSON.stringify(kept)) expect(reading, `${id} ${quant}`).toEqual(kept);
      }
    }
  });
});
