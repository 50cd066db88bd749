// A lower bound on a GGUF file's weights that costs no per-tensor work: bestQuantThatFits skips a
// quantization whose floor is already above the memory, without assigning a type to each of the
// model's tensors (a 70B model has 723; a CPU-only fit used to run the mix rules 19 times over them).
//
// Why it is a floor (src/estimate/quant-mix.ts, from llama.cpp's llama-quant.cpp):
// - every quantized matrix starts at the file type's default type (DEFAULT_TYPE), and the rules
//   raise it (attn_v and ffn_down to Q4_K..Q6_K, attn_output, 8-expert models, 70B), with three
//   exceptions that lower it: IQ3_XS gives attn_k, attn_q, ffn_gate and ffn_up IQ3_XXS, and
//   IQ3_XXS gives attn_k and attn_q IQ2_S; FLOOR_TYPE names the lowest type each file type can give;
// - fallbackType (rows that are not a whole number of blocks) only moves to types of more bits;
// - token_embd and the output head are counted exactly: their rules read no layer or counter, so
//   assignTypes over them alone gives the types it gives them in the whole list (two or three
//   tensors, but an eighth of a 8B model's bytes);
// - tensors that are not quantized, and native expert tensors kept as they are, count exactly.
// test/estimate/weights-floor.test.ts checks the floor against every tensor of every catalog shape
// at every GGUF quantization.
import { GGML_TYPES, tensorBytes, type GgmlType } from './ggml-types.js';
import { assignTypes, type MixOptions } from './quant-mix.js';
import { DEFAULT_TYPE, type GgufQuant } from './quants.js';
import { elementsOf, synthesizedScale, tensorsOf, type TensorSpec } from './tensors.js';
import type { ModelShape } from './types.js';

/** The lowest type a quantized matrix (not token_embd or output) can get in each file type's mix. */
export function floorType(ftype: GgufQuant): GgmlType {
  if (ftype === 'IQ3_XS') return 'IQ3_XXS';
  if (ftype === 'IQ3_XXS') return 'IQ2_S';
  return DEFAULT_TYPE[ftype];
}

function bitsOf(type: GgmlType): number {
  const t = GGML_TYPES[type];
  return (t.bytes * 8) / t.block;
}

interface ShapeSums {
  /** Bytes of the tensors kept as stored (norms, the router, 16-bit kept tensors). */
  keptBytes: number;
  /** Elements of the routed expert tensors (kept at the native type unless requantized). */
  routedElements: number;
  /** Elements of the other quantized matrices (token_embd and output excluded). */
  otherElements: number;
  /** The quantized token_embd and output tensors (counted at the type the rules give them). */
  heads: TensorSpec[];
  /** What placeTypes multiplies by: a synthesized shape stands for exactly its parameter count. */
  scale: number;
}

const sums = new WeakMap<ModelShape, ShapeSums>();

function sumsOf(shape: ModelShape): ShapeSums {
  let s = sums.get(shape);
  if (!s) {
    let keptBytes = 0;
    let routedElements = 0;
    let otherElements = 0;
    const heads: TensorSpec[] = [];
    for (const t of tensorsOf(shape)) {
      const elements = elementsOf(t);
      if (!t.quantizable) keptBytes += (elements * bitsOf(t.keptType ?? 'F32')) / 8;
      else if (t.category === 'token_embd' || t.category === 'output') heads.push(t);
      else if (t.routed) routedElements += elements;
      else otherElements += elements;
    }
    s = { keptBytes, routedElements, otherElements, heads, scale: synthesizedScale(shape) };
    sums.set(shape, s);
  }
  return s;
}

/** Bytes that estimateWeights(shape, ftype, options).totalBytes is never below. */
export function weightsFloorBytes(shape: ModelShape, ftype: GgufQuant, options: MixOptions = {}): number {
  const s = sumsOf(shape);
  // An unquantized file type stores every matrix at its own type (DEFAULT_TYPE F16, BF16, F32).
  const floorBits = bitsOf(floorType(ftype));
  // Native expert tensors (gpt-oss MXFP4) are copied as stored whatever the file type (assignTypes).
  const native = shape.nativeExpertType && !options.requantizeExperts ? shape.nativeExpertType : null;
  const routedBits = native ? bitsOf(native) : floorBits;
  const headTypes = assignTypes(shape, s.heads, ftype, options);
  let headBytes = 0;
  for (let i = 0; i < s.heads.length; i += 1) headBytes += tensorBytes(headTypes[i]!, s.heads[i]!.cols, elementsOf(s.heads[i]!));
  return Math.floor((s.keptBytes + headBytes + (s.routedElements * routedBits + s.otherElements * floorBits) / 8) * s.scale);
}
