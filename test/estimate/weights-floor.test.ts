// weightsFloorBytes is a floor: no tensor of any catalog shape, at any GGUF quantization, gets a type of
// fewer bits than floorType says its file type can give, and so no estimate is below the floor. It is
// what lets bestQuantThatFits skip a quantization without running the mix rules over every tensor.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EmbeddingModel, LocalModel } from '../../src/catalog/schema.js';
import { GGML_TYPES, type GgmlType } from '../../src/estimate/ggml-types.js';
import { GGUF_QUANTS, type GgufQuant } from '../../src/estimate/quants.js';
import { shapeFromModel, shapeFromParams } from '../../src/estimate/shape.js';
import type { ModelShape } from '../../src/estimate/types.js';
import { floorType, weightsFloorBytes } from '../../src/estimate/weights-floor.js';
import { estimateWeights, placedTensors } from '../../src/estimate/weights.js';

const bits = (type: string) => {
  const t = GGML_TYPES[type as GgmlType];
  return (t.bytes * 8) / t.block;
};

const models = (JSON.parse(readFileSync(new URL('../../dist/catalog-models.json', import.meta.url), 'utf8')) as { type: string }[]).filter(
  (m) => m.type !== 'api',
) as (LocalModel | EmbeddingModel)[];
const shapes: [string, ModelShape][] = [
  ...models.map((m) => [m.id, shapeFromModel(m)] as [string, ModelShape]),
  ...[0.5, 3, 8, 70, 405].map((b) => [`--params ${b}`, shapeFromParams(b)] as [string, ModelShape]),
];
const QUANTS = GGUF_QUANTS.filter((q): q is GgufQuant => q !== 'F32');

describe('the weights floor', () => {
  it('no quantized matrix (token_embd and output aside) gets fewer bits than floorType, in any catalog shape', () => {
    let checked = 0;
    for (const [id, shape] of shapes) {
      for (const quant of QUANTS) {
        const floor = bits(floorType(quant));
        for (const t of placedTensors(shape, quant)) {
          if (!t.quantizable || t.category === 'token_embd' || t.category === 'output') continue;
          if (t.routed && shape.nativeExpertType) continue;
          if (bits(t.type) < floor) expect.fail(`${id} ${quant}: ${t.name} is ${t.type}, below ${floorType(quant)}`);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000);
  });

  it('is at or below the estimate for every catalog shape and quantization, and within reach of it', () => {
    for (const [id, shape] of shapes) {
      for (const quant of QUANTS) {
        const exact = estimateWeights(shape, quant).totalBytes;
        const floor = weightsFloorBytes(shape, quant);
        expect(floor, `${id} ${quant}`).toBeLessThanOrEqual(exact);
        // Not a trivial bound: most of a model is its repeating matrices (Gemma's per-layer embedding tables,
        // counted as token_embd, are not).
        if (quant === 'Q4_K_M' && !shape.perLayerInputSize && shape.vocabSize * shape.hiddenSize < 0.1 * shape.totalParams) expect(floor / exact, `${id}`).toBeGreaterThan(0.6);
      }
    }
  });

  it('lowered types: IQ3_XS gives IQ3_XXS and IQ3_XXS gives IQ2_S to some matrices, below their default type', () => {
    expect(floorType('IQ3_XS')).toBe('IQ3_XXS');
    expect(floorType('IQ3_XXS')).toBe('IQ2_S');
    const shape = shapeFromParams(8);
    expect(placedTensors(shape, 'IQ3_XXS').some((t) => t.type === 'IQ2_S')).toBe(true);
    expect(placedTensors(shape, 'IQ3_XS').some((t) => t.type === 'IQ3_XXS')).toBe(true);
  });
});
