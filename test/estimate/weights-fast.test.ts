// The uniform-layers shortcuts of the weights estimate (issue #12): layers 1 and up built as copies of
// layer 0 (tensors.ts buildTensors); a tensor whose type does not depend on its layer takes the type
// and bytes of the same tensor one layer up (quant-mix.ts assignTypes, weights.ts placeTypes); the
// layers summed by a loop of their own (weights.ts summarize). Checked here against the general path, every tensor through the rules, for
// every quantization of every shipped catalog shape and of synthesized shapes from 0.1 B to 1000 B:
// the same numbers, bit for bit.
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/catalog.js';
import type { MixOptions } from '../../src/estimate/quant-mix.js';
import { assignTypes } from '../../src/estimate/quant-mix.js';
import { GGUF_QUANTS, GPU_QUANTS, type QuantId } from '../../src/estimate/quants.js';
import { shapeFromModel, shapeFromParams } from '../../src/estimate/shape.js';
import { buildTensors, tensorsOf, uniformLayers } from '../../src/estimate/tensors.js';
import type { ModelShape } from '../../src/estimate/types.js';
import { computedWeights } from '../../src/estimate/weights.js';

const QUANTS: readonly QuantId[] = [...GGUF_QUANTS, ...GPU_QUANTS];
const PARAMS = [0.1, 0.5, 1, 1.5, 2, 3, 4, 7, 8, 9, 13, 14, 20, 27, 32, 34, 70, 72, 100, 123, 180, 235, 405, 480, 671, 1000];

let shapes: [string, ModelShape][];

beforeAll(() => {
  const models = shippedCatalog().models.filter((m) => m.type !== 'api');
  shapes = [...models.map((m) => [m.id, shapeFromModel(m)] as [string, ModelShape]), ...PARAMS.map((b) => [`--params ${b}`, shapeFromParams(b)] as [string, ModelShape])];
});

/**
 * Exact equality: the JSON of a number is its shortest round-trip text, so equal JSON is equal bits
 * (-0 aside, which no sum here gives), and the same keys in the same order.
 */
function expectSame(fast: unknown, general: unknown, what: string): void {
  const a = JSON.stringify(fast);
  const b = JSON.stringify(general);
  if (a !== b) expect(a, what).toBe(b);
}

describe('uniformLayers', () => {
  it('answers for the plain transformers and MoE models of the catalog and for every synthesized shape, and its layers match layer 0 field by field', () => {
    let uniform = 0;
    for (const [id, shape] of shapes) {
      const layout = uniformLayers(shape);
      if (id.startsWith('--params')) expect(layout, id).not.toBeNull();
      if (!layout) continue;
      uniform += 1;
      const list = tensorsOf(shape);
      for (let il = 0; il < shape.layers; il += 1) {
        for (let p = 0; p < layout.perLayer; p += 1) {
          const { name: _n, layer, ...t } = list[layout.head + il * layout.perLayer + p]!;
          const { name: _z, layer: _l, ...z } = list[layout.head + p]!;
          if (layer !== il) expect(layer, `${id} layer ${il}`).toBe(il);
          expectSame(t, z, `${id} layer ${il}`);
        }
      }
      expect(list.slice(0, layout.head).every((t) => t.layer === null), id).toBe(true);
      expect(list.slice(layout.head + shape.layers * layout.perLayer).every((t) => t.layer !== null && t.layer >= shape.layers), id).toBe(true);
    }
    expect(uniform).toBeGreaterThan(90);
    expect(shapes.some(([, s]) => s.moe !== null && uniformLayers(s) !== null)).toBe(true);
    expect(shapes.some(([, s]) => uniformLayers(s) === null)).toBe(true);
  });
});

describe('buildTensors', () => {
  it('makes the same tensors by copying layer 0 as by building every layer, wherever it copies', () => {
    let copied = 0;
    for (const [id, shape] of shapes) {
      if (!uniformLayers(shape)) continue;
      expectSame(buildTensors(shape), buildTensors(shape, false), id);
      copied += 1;
    }
    expect(copied).toBeGreaterThan(90);
  });
});

describe('the weights with the uniform-layers shortcut', () => {
  it('equal the general computation for every quantization of every catalog and synthesized shape', () => {
    let compared = 0;
    for (const [id, shape] of shapes) {
      for (const quant of QUANTS) {
        expectSame(computedWeights(shape, quant), computedWeights(shape, quant, {}, null), `${id} ${quant}`);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(100 * QUANTS.length);
  });

  it('give every tensor the type the rules give it, with each mix option', () => {
    const options: MixOptions[] = [
      { imatrix: true },
      { imatrix: false },
      { outputType: 'Q8_0', tokenEmbeddingType: 'Q8_0' },
      { requantizeExperts: true },
      { legacyTokenEmbdMatch: true },
    ];
    for (const [id, shape] of shapes) {
      const layout = uniformLayers(shape);
      if (!layout) continue;
      for (const quant of GGUF_QUANTS) {
        for (const mix of options) {
          expectSame(assignTypes(shape, tensorsOf(shape), quant, mix, layout), assignTypes(shape, tensorsOf(shape), quant, mix), `${id} ${quant} ${JSON.stringify(mix)}`);
        }
      }
    }
  });
});
