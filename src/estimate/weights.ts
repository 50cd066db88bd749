// Weights: bytes of every tensor at the type the quantization gives it, summed.
import { tensorBytes, type GgmlType } from './ggml-types.js';
import { gpuFormatTensorBytes } from './gpu-formats.js';
import { assignTypes, typeReadsLayer, type MixOptions } from './quant-mix.js';
import { isGgufQuant, type GgufQuant, type QuantId } from './quants.js';
import { shapeMemo } from './shape-memo.js';
import { elementsOf, synthesizedScale, tensorsOf, uniformLayers, type TensorSpec, type UniformLayers } from './tensors.js';
import type { ModelShape, WeightsDetail } from './types.js';
import { storedWeights } from './weights-table.js';

/** One tensor with the type and bytes it got. */
export interface PlacedTensor extends TensorSpec {
  /** ggml type (GGUF) or the GPU format's name. */
  type: string;
  bytes: number;
}

/** The sum of a model's tensors (defined in types.ts, beside WeightsEstimate, for weights-table.ts). */
export type { WeightsDetail } from './types.js';

/**
 * The sum over tensors: `types[i]` and `bytes[i]` are tensor i's type and bytes (before `scale`).
 * One loop, no object per tensor: ranking sums a thousand tensors for each of a hundred models.
 * With `layout` (uniformLayers of `specs`), the layers' tensors are summed by a loop that reads each
 * one's elements and whether it is routed from layer 0's tensor at its place, and knows its layer and
 * that it is neither token_embd nor output: the same additions in the same order.
 */
function summarize(
  specs: readonly TensorSpec[],
  types: readonly string[],
  bytes: readonly number[],
  layers: number,
  activeRatio: number,
  scale: number,
  layout: UniformLayers | null = null,
): WeightsDetail {
  let total = 0;
  let readPerToken = 0;
  let params = 0;
  let tokenEmbeddingBytes = 0;
  let outputBytes = 0;
  const layerBytes = new Array<number>(layers).fill(0);
  const expertLayerBytes = new Array<number>(layers).fill(0);
  const byType = new Map<string, number>();
  let hasOutput = false;
  for (const t of specs) {
    if (t.category === 'output') {
      hasOutput = true;
      break;
    }
  }
  const from = layout ? layout.head : specs.length;
  const to = layout ? layout.head + layers * layout.perLayer : specs.length;
  for (let i = 0; i < specs.length; i += 1) {
    if (i === from) {
      // The layers, all alike: [from, to).
      const perLayer = layout!.perLayer;
      const elementsAt: number[] = [];
      const routedAt: boolean[] = [];
      for (let p = from; p < from + perLayer; p += 1) {
        const t = specs[p]!;
        elementsAt.push(t.cols * t.rows * t.experts * scale);
        routedAt.push(t.routed);
      }
      for (let il = 0; il < layers; il += 1) {
        let lb = 0;
        let eb = 0;
        for (let p = 0; p < perLayer; p += 1, i += 1) {
          const elements = elementsAt[p]!;
          const b = bytes[i]! * scale;
          const type = types[i]!;
          total += b;
          params += elements;
          byType.set(type, (byType.get(type) ?? 0) + elements);
          lb += b;
          if (routedAt[p]) {
            eb += b;
            readPerToken += b * activeRatio;
          } else {
            readPerToken += b;
          }
        }
        layerBytes[il] = lb;
        expertLayerBytes[il] = eb;
      }
      i = to - 1;
      continue;
    }
    const t = specs[i]!;
    const elements = t.cols * t.rows * t.experts * scale;
    const b = bytes[i]! * scale;
    const type = types[i]!;
    total += b;
    params += elements;
    byType.set(type, (byType.get(type) ?? 0) + elements);
    if (t.layer !== null && t.layer < layers) {
      layerBytes[t.layer]! += b;
      if (t.routed) expertLayerBytes[t.layer]! += b;
    }
    if (t.category === 'token_embd') {
      tokenEmbeddingBytes += b;
      // A lookup reads one row per token; when tied, the same matrix is the output head and is read whole
      // (token_embd only: Gemma's per_layer_token_embd is a lookup table, never an output head).
      if (!hasOutput && t.name.startsWith('token_embd')) {
        readPerToken += b;
        outputBytes += b;
      }
      continue;
    }
    if (t.category === 'output') outputBytes += b;
    readPerToken += t.routed ? b * activeRatio : b;
  }
  let layerTotal = 0;
  for (const b of layerBytes) layerTotal += b;
  return {
    totalBytes: Math.round(total),
    bytesReadPerToken: Math.round(readPerToken),
    perLayerBytes: layers > 0 ? Math.round(layerTotal / layers) : 0,
    nonLayerBytes: Math.round(total - layerTotal),
    bitsPerWeight: params > 0 ? (total * 8) / params : 0,
    params,
    layerBytes: layerBytes.map(Math.round),
    expertLayerBytes,
    tokenEmbeddingBytes: Math.round(tokenEmbeddingBytes),
    outputBytes: Math.round(outputBytes),
    tensorCount: specs.length,
    paramsByType: Object.fromEntries(byType),
  };
}

/** Summarize placed tensors (from a GGUF or safetensors header) into a WeightsDetail. */
export function summarizeTensors(tensors: readonly PlacedTensor[], layers: number, activeRatio: number): WeightsDetail {
  return summarize(
    tensors,
    tensors.map((t) => t.type),
    tensors.map((t) => t.bytes),
    layers,
    activeRatio,
    1,
  );
}

/** Per shape object: weights by quant and mix options. */
const weightsMemo = shapeMemo<WeightsDetail>();

/** The mix options as a key: every field, in name order (undefined fields drop out, as they change nothing). */
function mixKey(options: MixOptions): string {
  return JSON.stringify(options, Object.keys(options).sort());
}

const NO_MIX: MixOptions = {};

/** The memo key of a quant and mix options: the quant alone without mix options (ranking's every call: no key to stringify; '|' is never in a quant id). */
function memoKey(quant: QuantId, options: MixOptions): string {
  return options === NO_MIX || Object.keys(options).length === 0 ? quant : `${quant}|${mixKey(options)}`;
}

/**
 * The weights of `shape` stored as `quant`: per tensor, with llama.cpp's mix rules for GGUF types.
 * Computed once per (shape object, quant, mix options): ranking, fit and the quant ladders ask for the
 * same weights several times; read from the build-time table instead where it holds them
 * (weights-table.ts). The result is shared: do not mutate it.
 */
export function estimateWeights(shape: ModelShape, quant: QuantId, options: MixOptions = NO_MIX): WeightsDetail {
  const key = memoKey(quant, options);
  return weightsMemo(shape, key, () => {
    const w = storedFor(shape, quant, key) ?? computedWeights(shape, quant, options);
    totalsMemo(shape, key, () => w.totalBytes);
    return w;
  });
}

/** The build-time table's weights (catalog shapes only: a synthesized (--params) shape never looks), for a call without mix options (key: memoKey). */
function storedFor(shape: ModelShape, quant: QuantId, key: string): WeightsDetail | null {
  return shape.origin !== 'synthesized' && key === quant ? storedWeights(shape, quant) : null;
}

/** Per shape object: estimateWeights' totalBytes by quant and mix options. */
const totalsMemo = shapeMemo<number>();

/**
 * estimateWeights(shape, quant, options).totalBytes, the same number, for bestQuantThatFits, which
 * needs no more of the quants it tries: where the estimate is not made yet, each tensor's bytes
 * (placeTypes') times the scale are added in the same order as summarize adds them, so the sum
 * is the same bits, without the per-layer, per-type and per-token sums and their lists. Two of
 * those summaries cost `fit --params 70 --quant q4` (detected, CPU only) 6 M instructions.
 */
export function weightsTotalBytes(shape: ModelShape, quant: QuantId, options: MixOptions = NO_MIX): number {
  const key = memoKey(quant, options);
  return totalsMemo(shape, key, () => {
    const stored = storedFor(shape, quant, key);
    if (stored) return stored.totalBytes;
    const layout = uniformLayers(shape);
    if (!layout || !isGgufQuant(quant)) {
      const { bytes, scale } = placeTypes(shape, quant, options, layout);
      let total = 0;
      for (let i = 0; i < bytes.length; i += 1) total += bytes[i]! * scale;
      return Math.round(total);
    }
    return Math.round(uniformTotal(shape, quant, options, layout));
  });
}

/**
 * The sum placeTypes and summarize make for a GGUF type over uniform layers, from the types of the
 * tensors up to the end of layer 0, of those whose type reads the layer in layers 1 and up, and of
 * the ones after the layers (assignTypes readingOnly): every other tensor of a layer has the type and
 * bytes of the same tensor one layer up. Each tensor's bytes times the scale is added in tensor order.
 */
function uniformTotal(shape: ModelShape, quant: GgufQuant, options: MixOptions, layout: UniformLayers): number {
  const specs = tensorsOf(shape);
  const scale = synthesizedScale(shape);
  const types = assignTypes(shape, specs, quant, options, layout, true);
  const { head, perLayer } = layout;
  const first = head + perLayer;
  let total = 0;
  // Bytes and type of each place of the layer above.
  const placeBytes: number[] = [];
  const placeTypes: GgmlType[] = [];
  const reads: boolean[] = [];
  for (let i = 0; i < first; i += 1) {
    const t = specs[i]!;
    const b = tensorBytes(types[i]!, t.cols, elementsOf(t));
    total += b * scale;
    if (i >= head) {
      placeBytes.push(b);
      placeTypes.push(types[i]!);
      reads.push(typeReadsLayer(t.category, quant));
    }
  }
  let k = first;
  let i = first;
  for (let il = 1; il < shape.layers; il += 1) {
    for (let p = 0; p < perLayer; p += 1, i += 1) {
      if (reads[p]) {
        const type = types[k]!;
        k += 1;
        if (type !== placeTypes[p]) {
          const t = specs[i]!;
          placeBytes[p] = tensorBytes(type, t.cols, elementsOf(t));
          placeTypes[p] = type;
        }
      }
      total += placeBytes[p]! * scale;
    }
  }
  for (; i < specs.length; i += 1, k += 1) {
    const t = specs[i]!;
    total += tensorBytes(types[k]!, t.cols, elementsOf(t)) * scale;
  }
  return total;
}

/** Every tensor of `shape` with the type and bytes `quant` gives it (what estimateWeights sums). */
export function placedTensors(shape: ModelShape, quant: QuantId, options: MixOptions = {}): PlacedTensor[] {
  const { specs, types, bytes, scale } = placeTypes(shape, quant, options, uniformLayers(shape));
  return specs.map((t, i) => ({ ...t, type: types[i]!, bytes: bytes[i]! * scale }));
}

/**
 * The weights of `shape` at `quant` computed tensor by tensor, as estimateWeights does when the table
 * does not hold them. `layout` null: every tensor through the rules, the general way the shortcut for
 * uniform layers (the default) is checked against.
 */
export function computedWeights(shape: ModelShape, quant: QuantId, options: MixOptions = {}, layout: UniformLayers | null = uniformLayers(shape)): WeightsDetail {
  const { specs, types, bytes, scale } = placeTypes(shape, quant, options, layout);
  const ratio = shape.moe ? shape.moe.activeExperts / shape.moe.experts : 1;
  return summarize(specs, types, bytes, shape.layers, ratio, scale, layout);
}

/**
 * Each tensor's type and bytes. With `layout`, a tensor of layer 1 or above whose type is that of the
 * same tensor one layer up (same rows, columns and experts) takes its bytes too.
 */
function placeTypes(shape: ModelShape, quant: QuantId, options: MixOptions, layout: UniformLayers | null) {
  const specs = tensorsOf(shape);
  let types: string[];
  const bytes: number[] = [];
  const above = layout ? layout.perLayer : 0;
  const from = layout ? layout.head + above : specs.length;
  const to = layout ? layout.head + shape.layers * above : 0;
  if (isGgufQuant(quant)) {
    const ggml: GgmlType[] = assignTypes(shape, specs, quant, options, layout);
    types = ggml;
    for (let i = 0; i < specs.length; i += 1) {
      const t = specs[i]!;
      bytes.push(i >= from && i < to && ggml[i] === ggml[i - above] ? bytes[i - above]! : tensorBytes(ggml[i]!, t.cols, elementsOf(t)));
    }
  } else {
    types = specs.map((t) => (t.quantizable && t.category !== 'token_embd' && t.category !== 'output' ? quant : 'F16'));
    for (let i = 0; i < specs.length; i += 1) bytes.push(i >= from && i < to ? bytes[i - above]! : gpuFormatTensorBytes(quant, specs[i]!));
  }
  return { specs, types, bytes, scale: synthesizedScale(shape) };
}
