// Weights: bytes of every tensor at the type the quantization gives it, summed.
import { rowBytes, type GgmlType } from './ggml-types.js';
import { gpuFormatTensorBytes } from './gpu-formats.js';
import { assignTypes, type MixOptions } from './quant-mix.js';
import { isGgufQuant, type QuantId } from './quants.js';
import { shapeMemo } from './shape-memo.js';
import { elementsOf, synthesizedScale, tensorsOf, type TensorSpec } from './tensors.js';
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
 * What the sum needs of each tensor whatever its type: built once per tensor list (a shape's is asked
 * for at several quantizations), so that the sum at one quantization is a loop over numbers.
 */
interface SumPlan {
  /** The tensors' scale (synthesizedScale; 1 for a GGUF header's tensors). */
  scale: number;
  /** Per tensor: cols × rows × experts × scale, its parameters. */
  elements: Float64Array;
  /** Per tensor: elements / cols, what its row bytes are multiplied by (tensorBytes). */
  rows: Float64Array;
  /** The sum of `elements` in tensor order (the same at every quantization). */
  params: number;
  /** Per tensor: its repeating layer, or -1 (token_embd, output, norms; a NextN block past the layers). */
  layer: Int32Array;
  /** Per tensor: 1 for a routed-expert tensor (only activeExperts/experts of it is read per token). */
  routed: Uint8Array;
  /** Per tensor: where its bytes count beside the total (the ROLE_ values). */
  role: Uint8Array;
}

/** A weight read whole at each token. */
const ROLE_READ = 0;
/** A token embedding: a lookup, one row per token. */
const ROLE_LOOKUP = 1;
/** token_embd tied to the output head: looked up, and read whole as the head. */
const ROLE_TIED_HEAD = 2;
/** The output head. */
const ROLE_OUTPUT = 3;

function sumPlan(specs: readonly TensorSpec[], layers: number, scale: number): SumPlan {
  const n = specs.length;
  const plan: SumPlan = {
    scale,
    elements: new Float64Array(n),
    rows: new Float64Array(n),
    params: 0,
    layer: new Int32Array(n),
    routed: new Uint8Array(n),
    role: new Uint8Array(n),
  };
  let hasOutput = false;
  for (const t of specs) {
    if (t.category === 'output') {
      hasOutput = true;
      break;
    }
  }
  let params = 0;
  for (let i = 0; i < n; i += 1) {
    const t = specs[i]!;
    const elements = t.cols * t.rows * t.experts * scale;
    params += elements;
    plan.elements[i] = elements;
    plan.rows[i] = elementsOf(t) / t.cols;
    plan.layer[i] = t.layer !== null && t.layer < layers ? t.layer : -1;
    plan.routed[i] = t.routed ? 1 : 0;
    if (t.category === 'token_embd') {
      // A lookup reads one row per token; when tied, the same matrix is the output head and is read whole
      // (token_embd only: Gemma's per_layer_token_embd is a lookup table, never an output head).
      plan.role[i] = !hasOutput && t.name.startsWith('token_embd') ? ROLE_TIED_HEAD : ROLE_LOOKUP;
    } else {
      plan.role[i] = t.category === 'output' ? ROLE_OUTPUT : ROLE_READ;
    }
  }
  plan.params = params;
  return plan;
}

/**
 * The sum over tensors: `types[i]` and `bytes[i]` are tensor i's type and bytes (before the plan's scale).
 * One loop, no object per tensor: ranking sums a thousand tensors for each of a hundred models.
 */
function summarize(plan: SumPlan, types: readonly string[], bytes: ArrayLike<number>, layers: number, activeRatio: number): WeightsDetail {
  const { scale, elements, layer, routed, role } = plan;
  let total = 0;
  let readPerToken = 0;
  let tokenEmbeddingBytes = 0;
  let outputBytes = 0;
  const layerBytes = new Array<number>(layers).fill(0);
  const expertLayerBytes = new Array<number>(layers).fill(0);
  // Parameters per type, in the order the types first appear (a few types: a list, not a map).
  const typeNames: string[] = [];
  const typeParams: number[] = [];
  let lastType = '';
  let slot = -1;
  for (let i = 0; i < types.length; i += 1) {
    const b = bytes[i]! * scale;
    const type = types[i]!;
    if (type !== lastType) {
      slot = typeNames.indexOf(type);
      if (slot < 0) {
        slot = typeNames.length;
        typeNames.push(type);
        typeParams.push(0);
      }
      lastType = type;
    }
    typeParams[slot]! += elements[i]!;
    total += b;
    const il = layer[i]!;
    if (il >= 0) {
      layerBytes[il]! += b;
      if (routed[i] === 1) expertLayerBytes[il]! += b;
    }
    switch (role[i]) {
      case ROLE_TIED_HEAD:
        readPerToken += b;
        outputBytes += b;
        tokenEmbeddingBytes += b;
        break;
      case ROLE_LOOKUP:
        tokenEmbeddingBytes += b;
        break;
      case ROLE_OUTPUT:
        outputBytes += b;
        readPerToken += routed[i] === 1 ? b * activeRatio : b;
        break;
      default:
        readPerToken += routed[i] === 1 ? b * activeRatio : b;
    }
  }
  let layerTotal = 0;
  for (const b of layerBytes) layerTotal += b;
  const paramsByType: Record<string, number> = {};
  for (let k = 0; k < typeNames.length; k += 1) paramsByType[typeNames[k]!] = typeParams[k]!;
  const params = plan.params;
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
    tensorCount: types.length,
    paramsByType,
  };
}

/** Summarize placed tensors (from a GGUF or safetensors header) into a WeightsDetail. */
export function summarizeTensors(tensors: readonly PlacedTensor[], layers: number, activeRatio: number): WeightsDetail {
  return summarize(
    sumPlan(tensors, layers, 1),
    tensors.map((t) => t.type),
    tensors.map((t) => t.bytes),
    layers,
    activeRatio,
  );
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
 * same weights several times; read from the build-time table instead where it holds them
 * (weights-table.ts). The result is shared: do not mutate it.
 */
export function estimateWeights(shape: ModelShape, quant: QuantId, options: MixOptions = {}): WeightsDetail {
  return weightsMemo(shape, `${quant}|${mixKey(options)}`, () => {
    // The build-time table holds catalog shapes only: a synthesized (--params) shape never looks.
    const stored = shape.origin !== 'synthesized' && Object.keys(options).length === 0 ? storedWeights(shape, quant) : null;
    if (stored) return stored;
    const { plan, types, bytes } = placeTypes(shape, quant, options);
    const ratio = shape.moe ? shape.moe.activeExperts / shape.moe.experts : 1;
    return summarize(plan, types, bytes, shape.layers, ratio);
  });
}

/** Every tensor of `shape` with the type and bytes `quant` gives it (what estimateWeights sums). */
export function placedTensors(shape: ModelShape, quant: QuantId, options: MixOptions = {}): PlacedTensor[] {
  const { plan, types, bytes } = placeTypes(shape, quant, options);
  return tensorsOf(shape).map((t, i) => ({ ...t, type: types[i]!, bytes: bytes[i]! * plan.scale }));
}

/** Per shape: its tensors' sum plan (the tensor list and scale are the shape's own). */
const plans = new WeakMap<ModelShape, SumPlan>();

function shapePlan(shape: ModelShape): SumPlan {
  let plan = plans.get(shape);
  if (!plan) {
    plan = sumPlan(tensorsOf(shape), shape.layers, synthesizedScale(shape));
    plans.set(shape, plan);
  }
  return plan;
}

/** Each tensor's type and bytes (before the plan's scale) at `quant`. */
function placeTypes(shape: ModelShape, quant: QuantId, options: MixOptions) {
  const specs = tensorsOf(shape);
  const plan = shapePlan(shape);
  const bytes = new Float64Array(specs.length);
  let types: string[];
  if (isGgufQuant(quant)) {
    const ggml: GgmlType[] = assignTypes(shape, specs, quant, options);
    types = ggml;
    // tensorBytes(type, cols, elements): row bytes times elements / cols.
    for (let i = 0; i < specs.length; i += 1) bytes[i] = rowBytes(ggml[i]!, specs[i]!.cols) * plan.rows[i]!;
  } else {
    types = specs.map((t) => (t.quantizable && t.category !== 'token_embd' && t.category !== 'output' ? quant : 'F16'));
    for (let i = 0; i < specs.length; i += 1) bytes[i] = gpuFormatTensorBytes(quant, specs[i]!);
  }
  return { plan, types, bytes };
}
