// estimateWeights sums per tensor from arrays built once per shape (weights.ts): it must give what the plain
// sum over placedTensors gives, field by field and to the last bit (the same additions in the same order),
// for every catalog shape and a range of --params shapes, at every GGUF quantization and GPU format.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EmbeddingModel, LocalModel } from '../../src/catalog/schema.js';
import { GGUF_QUANTS, GPU_QUANTS, type QuantId } from '../../src/estimate/quants.js';
import { shapeFromModel, shapeFromParams } from '../../src/estimate/shape.js';
import type { ModelShape, WeightsDetail } from '../../src/estimate/types.js';
import { estimateWeights, placedTensors } from '../../src/estimate/weights.js';

const models = (JSON.parse(readFileSync(new URL('../../dist/catalog-models.json', import.meta.url), 'utf8')) as { type: string }[]).filter(
  (m) => m.type !== 'api',
) as (LocalModel | EmbeddingModel)[];
// Catalog shapes with mix options, so that the build-time table (weights-table.ts) is not read: the sum runs.
const shapes: [string, ModelShape][] = [
  ...models.map((m) => [m.id, shapeFromModel(m)] as [string, ModelShape]),
  ...[0.3, 0.5, 1, 3, 7, 8, 14, 32, 70, 123, 405, 700].map((b) => [`--params ${b}`, shapeFromParams(b)] as [string, ModelShape]),
];
const QUANTS: QuantId[] = [...GGUF_QUANTS.filter((q) => q !== 'F32'), ...GPU_QUANTS];

/** The sum written plainly, one tensor after the other. */
function reference(shape: ModelShape, quant: QuantId): Omit<WeightsDetail, 'paramsByType'> & { paramsByType: [string, number][] } {
  const tensors = placedTensors(shape, quant, { imatrix: undefined });
  const ratio = shape.moe ? shape.moe.activeExperts / shape.moe.experts : 1;
  const scale = shape.origin === 'synthesized' ? estimateScale(shape, tensors) : 1;
  const hasOutput = tensors.some((t) => t.category === 'output');
  let total = 0;
  let read = 0;
  let params = 0;
  let embd = 0;
  let output = 0;
  const layerBytes = new Array<number>(shape.layers).fill(0);
  const expertLayerBytes = new Array<number>(shape.layers).fill(0);
  const byType = new Map<string, number>();
  for (const t of tensors) {
    const elements = t.cols * t.rows * t.experts * scale;
    const b = t.bytes;
    total += b;
    params += elements;
    byType.set(t.type, (byType.get(t.type) ?? 0) + elements);
    if (t.layer !== null && t.layer < shape.layers) {
      layerBytes[t.layer]! += b;
      if (t.routed) expertLayerBytes[t.layer]! += b;
    }
    if (t.category === 'token_embd') {
      embd += b;
      if (!hasOutput && t.name.startsWith('token_embd')) {
        read += b;
        output += b;
      }
      continue;
    }
    if (t.category === 'output') output += b;
    read += t.routed ? b * ratio : b;
  }
  let layerTotal = 0;
  for (const b of layerBytes) layerTotal += b;
  return {
    totalBytes: Math.round(total),
    bytesReadPerToken: Math.round(read),
    perLayerBytes: shape.layers > 0 ? Math.round(layerTotal / shape.layers) : 0,
    nonLayerBytes: Math.round(total - layerTotal),
    bitsPerWeight: params > 0 ? (total * 8) / params : 0,
    params,
    layerBytes: layerBytes.map(Math.round),
    expertLayerBytes,
    tokenEmbeddingBytes: Math.round(embd),
    outputBytes: Math.round(output),
    tensorCount: tensors.length,
    paramsByType: [...byType],
  };
}

/** A synthesized shape's scale: its parameter count over its tensors' (tensors.ts synthesizedScale). */
function estimateScale(shape: ModelShape, tensors: { cols: number; rows: number; experts: number }[]): number {
  let count = 0;
  for (const t of tensors) count += t.cols * t.rows * t.experts;
  return shape.totalParams / count;
}

describe('estimateWeights', () => {
  it('equals the plain per-tensor sum on every catalog shape and --params shape, at every quantization', () => {
    let checked = 0;
    for (const [id, shape] of shapes) {
      for (const quant of QUANTS) {
        const { paramsByType, ...rest } = estimateWeights(shape, quant, { imatrix: undefined });
        const want = reference(shape, quant);
        expect({ ...rest, paramsByType: Object.entries(paramsByType) }, `${id} ${quant}`).toEqual(want);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });
});
