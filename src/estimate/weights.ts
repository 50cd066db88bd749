// Weights: bytes of every tensor at the type the quantization gives it, summed.
import { tensorBytes, type GgmlType } from './ggml-types.js';
import { gpuFormatTensorBytes } from './gpu-formats.js';
import { assignTypes, type MixOptions } from './quant-mix.js';
import { isGgufQuant, type QuantId } from './quants.js';
import { shapeMemo } from './shape-memo.js';
import { elementsOf, tensorsOf, type TensorSpec } from './tensors.js';
import type { ModelShape, WeightsEstimate } from './types.js';

/** One tensor with the type and bytes it got. */
export interface PlacedTensor extends TensorSpec {
  /** ggml type (GGUF) or the GPU format's name. */
  type: string;
  bytes: number;
}

export interface WeightsDetail extends WeightsEstimate {
  /** Parameter count of the tensors. */
  params: number;
  /** Bytes of each repeating layer (layer 0 first). */
  layerBytes: number[];
  /** Bytes of the token embedding (a lookup; llama.cpp keeps it in host memory with CUDA). */
  tokenEmbeddingBytes: number;
  /** Bytes of the output head (token_embd again when tied). */
  outputBytes: number;
  tensors: PlacedTensor[];
  /** Parameters per ggml type, for "how it was computed" lines. */
  paramsByType: Record<string, number>;
}

/** Summarize placed tensors (from a shape or from a GGUF header) into a WeightsDetail. */
export function summarizeTensors(tensors: PlacedTensor[], layers: number, activeRatio: number, scale = 1): WeightsDetail {
  let total = 0;
  let readPerToken = 0;
  let params = 0;
  let tokenEmbeddingBytes = 0;
  let outputBytes = 0;
  const layerBytes = new Array<number>(layers).fill(0);
  const byType = new Map<string, number>();
  const hasOutput = tensors.some((t) => t.category === 'output');
  for (const t of tensors) {
    const elements = t.cols * t.rows * t.experts * scale;
    t.bytes *= scale;
    total += t.bytes;
    params += elements;
    byType.set(t.type, (byType.get(t.type) ?? 0) + elements);
    if (t.layer !== null && t.layer < layers) layerBytes[t.layer]! += t.bytes;
    if (t.category === 'token_embd') {
      tokenEmbeddingBytes += t.bytes;
      // A lookup reads one row per token; when tied, the same matrix is the output head and is read whole
      // (token_embd only: Gemma's per_layer_token_embd is a lookup table, never an output head).
      if (!hasOutput && t.name.startsWith('token_embd')) {
        readPerToken += t.bytes;
        outputBytes += t.bytes;
      }
      continue;
    }
    if (t.category === 'output') outputBytes += t.bytes;
    readPerToken += t.routed ? t.bytes * activeRatio : t.bytes;
  }
  const layerTotal = layerBytes.reduce((a, b) => a + b, 0);
  return {
    totalBytes: Math.round(total),
    bytesReadPerToken: Math.round(readPerToken),
    perLayerBytes: layers > 0 ? Math.round(layerTotal / layers) : 0,
    nonLayerBytes: Math.round(total - layerTotal),
    bitsPerWeight: params > 0 ? (total * 8) / params : 0,
    params,
    layerBytes: layerBytes.map(Math.round),
    tokenEmbeddingBytes: Math.round(tokenEmbeddingBytes),
    outputBytes: Math.round(outputBytes),
    tensors,
    paramsByType: Object.fromEntries(byType),
  };
}

function place(t: TensorSpec, type: string, bytes: number): PlacedTensor {
  return {
    name: t.name,
    category: t.category,
    layer: t.layer,
    cols: t.cols,
    rows: t.rows,
    experts: t.experts,
    quantizable: t.quantizable,
    routed: t.routed,
    type,
    bytes,
  };
}

/** Per shape object: weights by quant and mix options. */
const weightsMemo = shapeMemo<WeightsDetail>();

/** The mix options as a key: every field, in name order (undefined fields drop out, as they change nothing). */
function mixKey(options: MixOptions): string {
  return JSON.stringify(options, Object.keys(options).sort());
}

/**
 * The weights of `shape` stored as `quant`: per tensor, with llama.cpp's mix rules for GGUF types.
 * Computed once per (shape object, quant, mix options): ranking, fit and the quant ladders ask for the
 * same weights several times. The result is shared: do not mutate it.
 */
export function estimateWeights(shape: ModelShape, quant: QuantId, options: MixOptions = {}): WeightsDetail {
  return weightsMemo(shape, `${quant}|${mixKey(options)}`, () => computeWeights(shape, quant, options));
}

function computeWeights(shape: ModelShape, quant: QuantId, options: MixOptions): WeightsDetail {
  const specs = tensorsOf(shape);
  let placed: PlacedTensor[];
  if (isGgufQuant(quant)) {
    const types: GgmlType[] = assignTypes(shape, specs, quant, options);
    placed = specs.map((t, i) => place(t, types[i]!, tensorBytes(types[i]!, t.cols, elementsOf(t))));
  } else {
    placed = specs.map((t) => {
      const big = t.quantizable && t.category !== 'token_embd' && t.category !== 'output';
      return place(t, big ? quant : 'F16', gpuFormatTensorBytes(quant, t));
    });
  }
  const ratio = shape.moe ? shape.moe.activeExperts / shape.moe.experts : 1;
  // A synthesized shape (--params) stands for exactly totalParams: correct the rounding of its widths
  // to whole quantization blocks (under 1.5%) so that memory grows smoothly with the parameter count.
  const count = shape.origin === 'synthesized' && shape.totalParams > 0 ? specs.reduce((a, t) => a + elementsOf(t), 0) : 0;
  const scale = count > 0 ? shape.totalParams / count : 1;
  return summarizeTensors(placed, shape.layers, ratio, scale);
}
