// From a parsed GGUF header (metadata + tensor infos) to what the estimator needs: the model
// shape (for the KV cache and verdicts) and every tensor with its stored type and exact bytes.
// Pure: src/gguf/read.ts does the reading.
import { GGML_TYPES, GGML_TYPE_BY_ID, type GgmlType } from '../estimate/ggml-types.js';
import { FTYPE_BY_ID, type GgufQuant } from '../estimate/quants.js';
import type { TensorCategory } from '../estimate/tensors.js';
import { recurrentShape } from '../estimate/layers.js';
import type { LayerKind, ModelShape, RecurrentKind, RecurrentShape } from '../estimate/types.js';
import { SHAPE_LIMITS } from '../core/limits.js';
import { summarizeTensors, type PlacedTensor, type WeightsDetail } from '../estimate/weights.js';

export type GgufMetadata = Record<string, unknown>;

export interface GgufTensorInfo {
  name: string;
  shape: (bigint | number)[];
  dtype: number;
}

export interface GgufModel {
  architecture: string;
  name: string | null;
  /** general.file_type mapped to a quant id; null when absent or unknown. */
  quant: GgufQuant | null;
  /** The quant label shown to people: the file type, or the dominant tensor type. */
  quantLabel: string;
  shape: ModelShape;
  weights: WeightsDetail;
  /** Tensors whose type this build does not know (counted with the element size where possible). */
  warnings: string[];
}

/** Element types that are not quantization blocks (ggml.h enum ggml_type). */
const PLAIN_TYPES: Record<number, { name: string; bytes: number }> = {
  24: { name: 'I8', bytes: 1 },
  25: { name: 'I16', bytes: 2 },
  26: { name: 'I32', bytes: 4 },
  27: { name: 'I64', bytes: 8 },
  28: { name: 'F64', bytes: 8 },
};

/** Bytes per element of the plain (non-block) types. */
export const PLAIN_TYPE_BYTES: Readonly<Record<number, number>> = Object.fromEntries(Object.entries(PLAIN_TYPES).map(([k, v]) => [k, v.bytes]));

export class GgufFormatError extends Error {}

function categoryOf(name: string): TensorCategory {
  // tensor_get_category in llama.cpp src/llama-quant.cpp.
  if (name === 'output.weight') return 'output';
  if (name === 'token_embd.weight' || name === 'per_layer_token_embd.weight') return 'token_embd';
  if (name.includes('attn_qkv.weight')) return 'attn_qkv';
  if (name.includes('attn_kv_b.weight')) return 'attn_kv_b';
  if (name.includes('attn_v.weight')) return 'attn_v';
  if (name.includes('attn_k.weight')) return 'attn_k';
  if (name.includes('attn_q.weight')) return 'attn_q';
  if (name.includes('attn_output.weight')) return 'attn_output';
  if (name.includes('ffn_up')) return 'ffn_up';
  if (name.includes('ffn_gate') && !name.includes('ffn_gate_inp')) return 'ffn_gate';
  if (name.includes('ffn_down')) return 'ffn_down';
  return 'other';
}

function numberOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) {
    // Per-layer arrays (hybrid models): the largest entry is what full layers use. A loop,
    // not Math.max(...v): a million-entry array would overflow the stack.
    let max: number | null = null;
    for (const item of v) {
      const n = typeof item === 'number' ? (Number.isFinite(item) ? item : null) : typeof item === 'bigint' ? Number(item) : null;
      if (n !== null && (max === null || n > max)) max = n;
    }
    return max;
  }
  return null;
}

function placeTensor(t: GgufTensorInfo, warnings: string[]): PlacedTensor {
  const dims = t.shape.map((d) => Number(d));
  const cols = dims[0] ?? 1;
  const rows = dims[1] ?? 1;
  const experts = dims.slice(2).reduce((a, b) => a * b, 1);
  const elements = cols * rows * experts;
  const layerMatch = /^blk\.(\d+)\./.exec(t.name);
  const ggml: GgmlType | undefined = GGML_TYPE_BY_ID[t.dtype];
  let type: string;
  let bytes: number;
  if (ggml) {
    const info = GGML_TYPES[ggml];
    type = ggml;
    bytes = (Math.ceil(cols / info.block) * info.bytes) * (elements / cols);
  } else if (PLAIN_TYPES[t.dtype]) {
    type = PLAIN_TYPES[t.dtype]!.name;
    bytes = elements * PLAIN_TYPES[t.dtype]!.bytes;
  } else {
    warnings.push(`tensor ${t.name} has ggml type ${t.dtype}, unknown to this version; counted at 1 byte per weight`);
    type = `type ${t.dtype}`;
    bytes = elements;
  }
  return {
    name: t.name.replace(/\.weight$/, ''),
    category: categoryOf(t.name),
    layer: layerMatch ? Number(layerMatch[1]) : null,
    cols,
    rows,
    experts,
    quantizable: dims.length >= 2,
    routed: t.name.includes('_exps'),
    type,
    bytes,
  };
}

/** Per-layer arrays (hybrid models: `<arch>.attention.head_count_kv`, `feed_forward_length`, `sliding_window_pattern`). */
function arrayOf(v: unknown): number[] | null {
  if (!Array.isArray(v)) return null;
  return v.map((x) => (typeof x === 'boolean' ? (x ? 1 : 0) : (numberOf(x) ?? 0)));
}

/** llama.cpp's recurrent kind of a hybrid architecture (src/llama-arch.cpp llm_arch_is_hybrid / is_recurrent). */
const RECURRENT_ARCHS: Record<string, RecurrentKind> = {
  qwen3next: 'gated-deltanet',
  qwen35: 'gated-deltanet',
  qwen35moe: 'gated-deltanet',
  granitehybrid: 'mamba2',
  nemotron_h: 'mamba2',
  nemotron_h_moe: 'mamba2',
  // falcon-h1 runs attention and Mamba2 side by side in every layer (filter_attn and filter_recr both
  // true in llama-model.cpp create_memory): every layer is 'parallel', with a KV cache and a state.
  'falcon-h1': 'mamba2',
  mamba2: 'mamba2',
  lfm2: 'shortconv',
  lfm2moe: 'shortconv',
};

/**
 * The recurrent layers of a hybrid GGUF, as llama.cpp's loaders decide them (ggml-org/llama.cpp
 * @ 01b77b5793989e0a1508a2fe3757d4e743a7bbd1 src/llama-model.cpp load_hparams):
 * - qwen3next/qwen35: recurrent_layer_arr[i] = (i + 1) % full_attention_interval != 0;
 * - granitehybrid, lfm2: a layer is recurrent iff its head_count_kv entry is 0;
 * - nemotron_h: attention iff head_count_kv > 0; Mamba2 iff head_count_kv == 0 and feed_forward_length == 0;
 *   the rest are MLP/MoE layers (llama-model.cpp create_memory filters).
 * Sizes from `<arch>.ssm.conv_kernel/state_size/inner_size/group_count/time_step_rank` or `<arch>.shortconv.l_cache`.
 */
function recurrentOf(arch: string, metadata: GgufMetadata, layers: number, tensorNames: Set<string>): RecurrentShape | null {
  const kind = RECURRENT_ARCHS[arch];
  if (!kind) return null;
  const key = (k: string) => numberOf(metadata[`${arch}.${k}`]);
  const kvArr = arrayOf(metadata[`${arch}.attention.head_count_kv`]);
  const ffArr = arrayOf(metadata[`${arch}.feed_forward_length`]);
  // qwen3next/qwen35 default to every 4th layer (llama.cpp hparams.full_attention_interval = 4 unless the key is set).
  const interval = key('full_attention_interval') ?? (arch.startsWith('qwen3') ? 4 : null);
  const kinds: LayerKind[] = [];
  const hasFfn: boolean[] = [];
  const moe: boolean[] = [];
  for (let il = 0; il < layers; il += 1) {
    let k: LayerKind;
    if (arch === 'falcon-h1') k = 'parallel';
    else if (interval && interval > 0 && (arch.startsWith('qwen3'))) k = (il + 1) % interval === 0 ? 'attention' : 'recurrent';
    else if (kvArr) {
      const kv = kvArr[il] ?? 0;
      const ff = ffArr ? (ffArr[il] ?? 0) : 1;
      k = kv > 0 ? 'attention' : arch.startsWith('nemotron_h') && ff > 0 ? 'ffn' : 'recurrent';
    } else k = 'recurrent';
    kinds.push(k);
    hasFfn.push(arch.startsWith('nemotron_h') ? k === 'ffn' : true);
    moe.push(tensorNames.has(`blk.${il}.ffn_gate_inp.weight`));
  }
  const r = recurrentShape(
    {
      kind,
      parallel: arch === 'falcon-h1',
      attentionLayers: kinds.flatMap((k, il) => (k === 'attention' ? [il] : [])),
      convKernel: kind === 'shortconv' ? (key('shortconv.l_cache') ?? 3) : (key('ssm.conv_kernel') ?? 4),
      stateSize: key('ssm.state_size') ?? 0,
      innerSize: key('ssm.inner_size') ?? 0,
      groups: key('ssm.group_count') ?? 0,
      heads: key('ssm.time_step_rank') ?? 0,
      // vLLM keeps Qwen3-Next's delta-rule state in bf16 (no mamba_ssm_dtype; Qwen3.5's qwen35* keep float32).
      ...(arch === 'qwen3next' ? { ssmStateDtype: 'model' as const } : {}),
    },
    layers,
  );
  return { ...r, layerKinds: kinds, layerHasFfn: hasFfn, layerMoe: arch.startsWith('nemotron_h') ? moe : undefined };
}

/** Layers that use a sliding window, by architecture (llama.cpp's per-arch SWA patterns). */
function slidingLayersOf(arch: string, layers: number): number {
  switch (arch) {
    case 'gemma2':
    case 'gpt-oss':
    case 'cohere2':
      // every other layer (gemma2, gpt-oss); cohere2 3 of 4
      return arch === 'cohere2' ? Math.floor((3 * layers) / 4) : Math.floor(layers / 2);
    case 'gemma3':
    case 'gemma3n':
      // five local layers for every global one
      return layers - Math.floor(layers / 6);
    default:
      return 0;
  }
}

/** Architectures without attention heads in some or all layers (state-space and RWKV). */
function recurrent(arch: string, metadata: GgufMetadata): boolean {
  if (/^(mamba|rwkv)/.test(arch)) return true;
  for (const k in metadata) if (k.startsWith(`${arch}.ssm.`) || k.startsWith(`${arch}.wkv.`)) return true;
  return false;
}

/**
 * Shape sanity: a count no real model has (non-positive, fractional, beyond the ceilings in
 * src/core/limits.ts) is refused with the key and the allowed range, never turned into a
 * plan or an allocation per layer.
 */
function checkShape(arch: string, metadata: GgufMetadata, key: (k: string) => number | null): void {
  const must = (k: string, max: number, required: boolean, min = 1) => {
    const v = key(k);
    if (v === null) {
      if (required) throw new GgufFormatError(`no ${arch}.${k} in the header`);
      return;
    }
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new GgufFormatError(`${arch}.${k} is ${v}; it must be a whole number from ${min} to ${max}`);
    }
  };
  const heads = recurrent(arch, metadata) ? 0 : 1;
  must('block_count', SHAPE_LIMITS.layers, true);
  must('context_length', SHAPE_LIMITS.context, false);
  must('embedding_length', SHAPE_LIMITS.width, false);
  must('feed_forward_length', SHAPE_LIMITS.width, false, 0);
  must('attention.head_count', SHAPE_LIMITS.heads, false, heads);
  must('attention.head_count_kv', SHAPE_LIMITS.heads, false, heads);
  must('attention.key_length', SHAPE_LIMITS.width, false);
  must('attention.value_length', SHAPE_LIMITS.width, false);
  must('vocab_size', SHAPE_LIMITS.vocab, false);
  must('expert_count', SHAPE_LIMITS.experts, false, 0);
  must('expert_used_count', Math.max(1, key('expert_count') ?? SHAPE_LIMITS.experts), false, 0);
  must('expert_shared_count', SHAPE_LIMITS.experts, false, 0);
  must('leading_dense_block_count', key('block_count')!, false, 0);
  must('attention.sliding_window', SHAPE_LIMITS.context, false, 0);
  must('expert_feed_forward_length', SHAPE_LIMITS.width, false, 0);
}

export function modelFromGguf(metadata: GgufMetadata, tensorInfos: GgufTensorInfo[]): GgufModel {
  const arch = typeof metadata['general.architecture'] === 'string' ? (metadata['general.architecture'] as string) : null;
  if (!arch) throw new GgufFormatError('no general.architecture in the header');
  const key = (k: string) => numberOf(metadata[`${arch}.${k}`]);
  const warnings: string[] = [];
  const tensors = tensorInfos.map((t) => placeTensor(t, warnings));

  const tokenEmbd = tensors.find((t) => t.category === 'token_embd' && t.name === 'token_embd');
  if (key('block_count') === null) throw new GgufFormatError(`no ${arch}.block_count in the header`);
  checkShape(arch, metadata, key);
  const layers = key('block_count')!;
  const hidden = key('embedding_length') ?? tokenEmbd?.cols ?? 0;
  if (!(hidden >= 1)) throw new GgufFormatError(`no ${arch}.embedding_length in the header and no token_embd tensor to read it from`);
  const heads = key('attention.head_count') ?? 1;
  let kvHeads = key('attention.head_count_kv') ?? heads;
  let headDim = key('attention.key_length') ?? (heads > 0 ? Math.round(hidden / heads) : 0);
  const tokens = metadata['tokenizer.ggml.tokens'];
  const vocab = key('vocab_size') ?? tokenEmbd?.rows ?? (Array.isArray(tokens) ? tokens.length : 0);
  const ffn = key('feed_forward_length') ?? 0;
  const experts = key('expert_count') ?? 0;
  const window = key('attention.sliding_window');
  // Gemma 3n/4 style: a per-layer sliding_window_pattern array (true = sliding), per-layer KV heads,
  // key_length for the full layers and key_length_swa for the sliding ones (llama-hparams n_embd_head_k_swa).
  const swaMask = arrayOf(metadata[`${arch}.attention.sliding_window_pattern`]);
  const mask = swaMask && swaMask.length >= layers ? swaMask.slice(0, layers).map((x) => x > 0) : undefined;
  const sliding = window && window > 0 ? (mask ? mask.filter(Boolean).length : slidingLayersOf(arch, layers)) : 0;
  const kvArr = arrayOf(metadata[`${arch}.attention.head_count_kv`]);
  const swaHeadDim = key('attention.key_length_swa');
  let globalAttention: ModelShape['globalAttention'] = null;
  if (mask && sliding > 0 && sliding < layers) {
    const globalIdx = mask.findIndex((x) => !x);
    const slideIdx = mask.findIndex((x) => x);
    const kvGlobal = kvArr ? (kvArr[globalIdx] ?? kvHeads) : kvHeads;
    const kvSlide = kvArr ? (kvArr[slideIdx] ?? kvHeads) : kvHeads;
    const globalHd = headDim;
    if (swaHeadDim) headDim = swaHeadDim;
    kvHeads = kvSlide;
    if (kvGlobal !== kvSlide || globalHd !== headDim) {
      const hasV = tensorInfos.some((t) => t.name === `blk.${globalIdx}.attn_v.weight`);
      globalAttention = { headDim: globalHd, kvHeads: kvGlobal, kEqV: !hasV };
    }
  }
  const tensorNames = new Set(tensorInfos.map((t) => t.name));
  const recurrent = recurrentOf(arch, metadata, layers, tensorNames);
  if (recurrent && kvArr) kvHeads = Math.max(...kvArr, 1);
  const kvLora = key('attention.kv_lora_rank');
  const params = tensors.reduce((a, t) => a + t.cols * t.rows * t.experts, 0);
  const active = experts > 1 ? (key('expert_used_count') ?? 1) / experts : 1;
  const routedParams = tensors.filter((t) => t.routed).reduce((a, t) => a + t.cols * t.rows * t.experts, 0);

  const shape: ModelShape = {
    layers,
    hiddenSize: hidden,
    attentionHeads: heads,
    kvHeads,
    headDim,
    vocabSize: vocab,
    ffnSize: ffn,
    maxContext: key('context_length') ?? 4096,
    tiedEmbeddings: !tensors.some((t) => t.category === 'output'),
    slidingWindow: sliding > 0 && window ? { window, slidingLayers: sliding, ...(mask ? { mask } : {}) } : null,
    globalAttention,
    kvSharedLayers: key('attention.shared_kv_layers') ?? 0,
    recurrent,
    moe:
      experts > 1
        ? {
            experts,
            activeExperts: key('expert_used_count') ?? 1,
            expertFfnSize: key('expert_feed_forward_length') ?? ffn,
            sharedExperts: key('expert_shared_count') ?? 0,
            sharedExpertFfnSize: key('expert_shared_feed_forward_length') ?? undefined,
            denseLayers: key('leading_dense_block_count') ?? 0,
          }
        : null,
    mla: kvLora
      ? {
          kvLoraRank: kvLora,
          qLoraRank: key('attention.q_lora_rank') || null,
          qkRopeHeadDim: key('rope.dimension_count') ?? 64,
          qkNopeHeadDim: (key('attention.key_length_mla') ?? headDim) - (key('rope.dimension_count') ?? 64),
          vHeadDim: key('attention.value_length_mla') ?? key('attention.value_length') ?? headDim,
        }
      : null,
    encoderOnly: ['bert', 'nomic-bert', 'jina-bert-v2', 't5encoder', 'modern-bert'].includes(arch),
    ffnGated: tensors.some((t) => t.category === 'ffn_gate') || experts > 1,
    fusedQkv: tensors.some((t) => t.category === 'attn_qkv'),
    totalParams: params,
    activeParams: params - routedParams * (1 - active),
    origin: 'gguf',
  };

  const fileType = numberOf(metadata['general.file_type']);
  const quant = fileType !== null ? (FTYPE_BY_ID[fileType] ?? null) : null;
  const weights = summarizeTensors(tensors, layers, active);
  let quantLabel: string;
  if (quant) quantLabel = quant;
  else {
    const dominant = Object.entries(weights.paramsByType).sort((a, b) => b[1] - a[1])[0];
    quantLabel = dominant ? `${dominant[0]} (mostly)` : 'unknown';
  }
  const name = typeof metadata['general.name'] === 'string' ? (metadata['general.name'] as string) : null;
  return { architecture: arch, name, quant, quantLabel, shape, weights, warnings };
}
