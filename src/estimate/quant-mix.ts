// Which ggml type each tensor gets in a GGUF file type: a port of llama.cpp's
// llama_tensor_get_type / llama_tensor_get_type_impl / tensor_type_fallback
// (ggml-org/llama.cpp src/llama-quant.cpp @ 007dbbf3fd17eefe9b47fee45f48f7ba5e62b714).
// This is why Q4_K_M is ~4.9 bits per weight and not 4.5: output gets Q6_K, and attn_v /
// ffn_down get Q6_K in about half of the layers ("use_more_bits").
import { GGML_TYPES, isQuantized, type GgmlType } from './ggml-types.js';
import { DEFAULT_TYPE, type GgufQuant } from './quants.js';
import type { TensorSpec, UniformLayers } from './tensors.js';
import type { ModelShape } from './types.js';

export interface MixOptions {
  /**
   * Whether the file was made with an importance matrix. Changes a few rules (IQ3_XXS, IQ4_XS/NL
   * first ffn_down layers, Q4_0/Q5_0 first ffn_down layers). Default: true for IQ types below 4 bits
   * (llama.cpp refuses to make IQ1/IQ2/IQ3_XXS without one), false otherwise, as llama-quantize
   * does by default.
   */
  imatrix?: boolean;
  /** --output-tensor-type and --token-embedding-type overrides (bartowski's "_L" files use Q8_0). */
  outputType?: GgmlType;
  tokenEmbeddingType?: GgmlType;
  /** The file was made with --allow-requantize from native (already quantized) experts. */
  requantizeExperts?: boolean;
  /**
   * The file was made by a llama-quantize from before the tensor-category refactor (2025 builds): the
   * tied-output rule matched the name "token_embd.weight" only, so Gemma's per_layer_token_embd kept the
   * file type (`name == tn(LLM_TENSOR_TOKEN_EMBD, "weight")`; the current code matches the TOKEN_EMBD
   * category, which per_layer_token_embd belongs to, and gives it the output head's Q6_K).
   */
  legacyTokenEmbdMatch?: boolean;
}

/** Facts about the model the rules look at (quantize_state_impl in llama.cpp). */
interface MixState {
  ftype: GgufQuant;
  nLayer: number;
  nExpert: number;
  /** n_head / n_head_kv (hparams.n_gqa()). */
  nGqa: number;
  /** llama.cpp's LLM_TYPE_70B: llama/qwen2-style dense model with 80 layers and GQA (src/llama-model.cpp). */
  is70B: boolean;
  hasImatrix: boolean;
  tied: boolean;
  nAttentionWv: number;
  iAttentionWv: number;
  iFfnDown: number;
  options: MixOptions;
}

const IQ_NEED_IMATRIX: readonly GgufQuant[] = ['IQ1_S', 'IQ1_M', 'IQ2_XXS', 'IQ2_XS', 'IQ2_S', 'IQ2_M', 'IQ3_XXS'];

function useMoreBits(iLayer: number, nLayers: number): boolean {
  const eighth = Math.trunc(nLayers / 8);
  return iLayer < eighth || iLayer >= Math.trunc((7 * nLayers) / 8) || (iLayer - eighth) % 3 === 2;
}

const isAttnVLike = (t: TensorSpec) => t.category === 'attn_v' || t.category === 'attn_qkv' || t.category === 'attn_kv_b';

function anyOf(ftype: GgufQuant, list: readonly GgufQuant[]): boolean {
  return list.includes(ftype);
}

// The file types each rule below names (module constants: ruleType runs once per tensor per quant).
const OUTPUT_Q5_K: readonly GgufQuant[] = ['IQ2_XXS', 'IQ2_XS', 'IQ3_XXS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M'];
const TOKEN_EMBD_Q2_K: readonly GgufQuant[] = ['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ1_M'];
const TOKEN_EMBD_IQ3_S: readonly GgufQuant[] = ['IQ2_S', 'IQ2_M', 'IQ3_XXS'];
const IQ2_AND_BELOW: readonly GgufQuant[] = ['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M'];
const EIGHT_EXPERT_ATTN_OUTPUT_Q5_K: readonly GgufQuant[] = ['Q2_K', 'IQ3_XS', 'IQ3_XXS', 'Q3_K_S', 'Q3_K_M', 'IQ4_NL', 'Q4_K_S', 'Q4_K_M', 'IQ3_S', 'IQ3_M', 'IQ4_XS'];

/** llama_tensor_get_type_impl: the rule-based choice, before the shape fallback. */
function ruleType(s: MixState, t: TensorSpec, start: GgmlType): GgmlType {
  const { ftype } = s;
  let type = start;
  const il = t.layer ?? 0;
  const n = s.nLayer;

  const tiedHead = s.tied && t.category === 'token_embd' && !(s.options.legacyTokenEmbdMatch === true && t.name !== 'token_embd');
  if (t.category === 'output' || tiedHead) {
    if (s.options.outputType) return s.options.outputType;
    const qk = GGML_TYPES[type].block;
    if (ftype === 'MXFP4') return 'Q8_0';
    if (t.cols % qk !== 0) return 'Q8_0';
    if (anyOf(ftype, OUTPUT_Q5_K)) return 'Q5_K';
    if (type !== 'Q8_0') return 'Q6_K';
    return type;
  }
  if (ftype === 'MXFP4') {
    // MoE expert tensors (3-D) → MXFP4, everything else → Q8_0.
    return t.experts > 1 ? 'MXFP4' : 'Q8_0';
  }
  if (t.category === 'token_embd') {
    if (s.options.tokenEmbeddingType) return s.options.tokenEmbeddingType;
    if (anyOf(ftype, TOKEN_EMBD_Q2_K)) return 'Q2_K';
    if (anyOf(ftype, TOKEN_EMBD_IQ3_S)) return 'IQ3_S';
    return type;
  }
  if (anyOf(ftype, IQ2_AND_BELOW)) {
    const iq2sm = ftype === 'IQ2_S' || ftype === 'IQ2_M';
    if (isAttnVLike(t)) {
      if (s.nGqa >= 4 || s.nExpert >= 4) type = 'Q4_K';
      else type = iq2sm ? 'IQ3_S' : 'Q2_K';
      s.iAttentionWv += 1;
    } else if (s.nExpert === 8 && t.category === 'attn_k') {
      type = 'Q4_K';
    } else if (t.category === 'ffn_down') {
      if (s.iFfnDown < Math.trunc(s.nLayer / 8)) type = iq2sm ? 'IQ3_S' : 'Q2_K';
      s.iFfnDown += 1;
    } else if (t.category === 'attn_output') {
      if (s.nExpert === 8) type = 'Q5_K';
      else if (ftype === 'IQ1_S' || ftype === 'IQ1_M') type = 'IQ2_XXS';
      else if (iq2sm) type = 'IQ3_S';
    }
    return type;
  }
  if (isAttnVLike(t)) {
    const i = s.iAttentionWv;
    if (ftype === 'Q2_K') type = s.nGqa >= 4 ? 'Q4_K' : 'Q3_K';
    else if (ftype === 'Q2_K_S' && s.nGqa >= 4) type = 'Q4_K';
    else if (ftype === 'IQ3_XXS') type = s.nGqa >= 4 ? 'Q4_K' : !s.hasImatrix ? 'IQ3_S' : 'IQ3_XXS';
    else if ((ftype === 'IQ3_XS' || ftype === 'IQ3_S') && s.nGqa >= 4) type = 'Q4_K';
    else if (ftype === 'IQ3_M') type = 'Q4_K';
    else if (ftype === 'Q3_K_M') type = i < 2 ? 'Q5_K' : 'Q4_K';
    else if (ftype === 'Q3_K_L') type = 'Q5_K';
    else if ((ftype === 'IQ4_NL' || ftype === 'IQ4_XS') && s.nGqa >= 4) type = 'Q5_K';
    else if ((ftype === 'Q4_K_M' || ftype === 'Q5_K_M') && useMoreBits(i, s.nAttentionWv)) type = 'Q6_K';
    else if (ftype === 'Q4_K_S' && i < 4) type = 'Q5_K';
    // "In the 70B model we have 8 heads sharing the same attn_v weights ... more bits".
    if (s.is70B && (type === 'Q3_K' || type === 'Q4_K')) type = 'Q5_K';
    if (s.nExpert === 8) type = 'Q8_0';
    s.iAttentionWv += 1;
    return type;
  }
  if (t.category === 'attn_k') {
    if (s.nExpert === 8) type = 'Q8_0';
    else if (ftype === 'IQ3_XS') type = 'IQ3_XXS';
    else if (ftype === 'IQ3_XXS') type = 'IQ2_S';
    return type;
  }
  if (t.category === 'attn_q') {
    if (ftype === 'IQ3_XS') type = 'IQ3_XXS';
    else if (ftype === 'IQ3_XXS') type = 'IQ2_S';
    return type;
  }
  if (t.category === 'ffn_down') {
    // Dense models count ffn_down tensors; MoE models read the layer from the name: both are the layer index.
    const i = il;
    if (ftype === 'Q2_K') type = 'Q3_K';
    else if (ftype === 'Q2_K_S') {
      if (i < Math.trunc(n / 8)) type = 'Q4_K';
    } else if (ftype === 'IQ3_XXS' && !s.hasImatrix) type = i < Math.trunc(n / 8) ? 'Q4_K' : 'Q3_K';
    else if (ftype === 'Q3_K_M') type = i < Math.trunc(n / 16) ? 'Q5_K' : 'Q4_K';
    else if (ftype === 'IQ3_M' && (i < Math.trunc(n / 8) || (s.nExpert === 8 && useMoreBits(i, n)))) type = 'Q4_K';
    else if (ftype === 'Q3_K_L') type = 'Q5_K';
    else if (ftype === 'Q4_K_M') {
      if (useMoreBits(i, n)) type = 'Q6_K';
    } else if (i < Math.trunc(n / 8) && (ftype === 'IQ4_NL' || ftype === 'IQ4_XS') && !s.hasImatrix) type = 'Q5_K';
    else if (ftype === 'Q5_K_M' && useMoreBits(i, n)) type = 'Q6_K';
    else if (ftype === 'Q4_K_S' && i < Math.trunc(n / 8)) type = 'Q5_K';
    else if ((ftype === 'Q4_0' || ftype === 'Q5_0') && s.hasImatrix && i < Math.trunc(n / 8)) {
      type = ftype === 'Q4_0' ? 'Q4_1' : 'Q5_1';
    }
    s.iFfnDown += 1;
    return type;
  }
  if (t.category === 'attn_output') {
    if (s.nExpert === 8) {
      if (anyOf(ftype, EIGHT_EXPERT_ATTN_OUTPUT_Q5_K)) type = 'Q5_K';
    } else if (ftype === 'Q2_K') type = 'Q3_K';
    else if (ftype === 'IQ3_XXS') type = 'IQ3_S';
    else if (ftype === 'Q3_K_M') type = 'Q4_K';
    else if (ftype === 'Q3_K_L') type = 'Q5_K';
    else if (ftype === 'IQ3_M') type = 'Q4_K';
    return type;
  }
  if (t.category === 'ffn_gate' || t.category === 'ffn_up') {
    if (ftype === 'IQ3_XS' && il >= Math.trunc(n / 8) && il < Math.trunc((7 * n) / 8)) type = 'IQ3_XXS';
    return type;
  }
  return type;
}

/** tensor_type_fallback: rows whose length is not a multiple of the block size get a compatible type. */
export function fallbackType(cols: number, type: GgmlType): GgmlType {
  if (cols % GGML_TYPES[type].block === 0) return type;
  let next: GgmlType;
  switch (type) {
    case 'IQ1_S':
    case 'IQ1_M':
    case 'IQ2_XXS':
    case 'IQ2_XS':
    case 'IQ2_S':
    case 'IQ3_XXS':
    case 'IQ3_S':
    case 'IQ4_XS':
      next = 'IQ4_NL';
      break;
    case 'Q2_K':
    case 'Q3_K':
    case 'TQ1_0':
    case 'TQ2_0':
      next = 'Q4_0';
      break;
    case 'Q4_K':
      next = 'Q5_0';
      break;
    case 'Q5_K':
      next = 'Q5_1';
      break;
    case 'Q6_K':
      next = 'Q8_0';
      break;
    default:
      // No fallback is defined for the other types; a row that is not a multiple of 32 must be F16.
      next = 'F16';
  }
  return cols % GGML_TYPES[next].block === 0 ? next : 'F16';
}

/** What the rules read of a whole tensor list: its attn_v-like count and whether it has no output head (tied). */
const listFacts = new WeakMap<readonly TensorSpec[], { nAttentionWv: number; tied: boolean }>();

function listFactsOf(tensors: readonly TensorSpec[]): { nAttentionWv: number; tied: boolean } {
  let facts = listFacts.get(tensors);
  if (!facts) {
    facts = { nAttentionWv: tensors.filter(isAttnVLike).length, tied: !tensors.some((t) => t.category === 'output') };
    listFacts.set(tensors, facts);
  }
  return facts;
}

/**
 * Whether ruleType can give a tensor of `category` different types in different layers: it reads the
 * layer index or a counter of the tensors before it (attn_v and ffn_down, and IQ3_XS's ffn_gate and
 * ffn_up) only for these, and changes its counters only for them. Every other tensor's type depends
 * on its category, shape and the file type alone.
 */
export function typeReadsLayer(category: TensorSpec['category'], ftype: GgufQuant): boolean {
  if (category === 'attn_v' || category === 'attn_qkv' || category === 'attn_kv_b' || category === 'ffn_down') return true;
  return ftype === 'IQ3_XS' && (category === 'ffn_gate' || category === 'ffn_up');
}

/**
 * The ggml type of every tensor of `shape` in a file of type `ftype`, in order. With `layout`
 * (uniformLayers of the same tensors), a tensor whose type does not depend on its layer takes the type
 * of the same tensor one layer up instead of running the rules again: the same types, from a
 * fraction of the work (test/estimate/weights-fast.test.ts compares both ways). `readingOnly` (with
 * `layout`): layers 1 and up list only the tensors whose type reads the layer (typeReadsLayer), in
 * order; the others have the type of the same tensor in layer 0 (weights.ts weightsTotalBytes).
 */
export function assignTypes(
  shape: ModelShape,
  tensors: readonly TensorSpec[],
  ftype: GgufQuant,
  options: MixOptions = {},
  layout: UniformLayers | null = null,
  readingOnly = false,
): GgmlType[] {
  const { nAttentionWv, tied } = listFactsOf(tensors);
  const state: MixState = {
    ftype,
    nLayer: shape.layers,
    nExpert: shape.moe?.experts ?? 0,
    nGqa: shape.mla ? 1 : shape.attentionHeads / shape.kvHeads,
    is70B: shape.moe === null && shape.layers === 80 && shape.kvHeads < shape.attentionHeads,
    hasImatrix: options.imatrix ?? IQ_NEED_IMATRIX.includes(ftype),
    tied,
    nAttentionWv,
    iAttentionWv: 0,
    iFfnDown: 0,
    options,
  };
  const start = DEFAULT_TYPE[ftype];
  const typeOf = (t: TensorSpec): GgmlType => {
    if (!t.quantizable) return t.keptType ?? 'F32';
    // Already-quantized source tensors are copied: "requantizing from type %s is disabled" (llama-quant.cpp main loop).
    if (t.routed && shape.nativeExpertType && !options.requantizeExperts) return shape.nativeExpertType;
    if (!isQuantized(start)) return start;
    if (t.category === 'token_embd' && options.tokenEmbeddingType) return options.tokenEmbeddingType;
    if (t.category === 'output' && options.outputType) return options.outputType;
    return fallbackType(t.cols, ruleType(state, t, start));
  };
  const types: GgmlType[] = [];
  if (!layout) {
    for (const t of tensors) types.push(typeOf(t));
    return types;
  }
  const { head, perLayer } = layout;
  let i = 0;
  for (; i < head + perLayer; i += 1) types.push(typeOf(tensors[i]!));
  const readsLayer: boolean[] = [];
  for (let p = head; p < head + perLayer; p += 1) readsLayer.push(typeReadsLayer(tensors[p]!.category, ftype));
  // Layer by layer and in order, so that the rules' counters see the tensors they count as before.
  for (let il = 1; il < shape.layers; il += 1) {
    for (let p = 0; p < perLayer; p += 1, i += 1) {
      if (readsLayer[p]) types.push(typeOf(tensors[i]!));
      else if (!readingOnly) types.push(types[i - perLayer]!);
    }
  }
  for (; i < tensors.length; i += 1) types.push(typeOf(tensors[i]!));
  return types;
}
