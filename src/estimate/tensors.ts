// The weight tensors of a transformer as llama.cpp lays them out in a GGUF file, from a
// ModelShape. Names and shapes follow llama.cpp's tensor names (LLM_TN in src/llama-arch.cpp):
// token_embd, output, blk.N.attn_q/k/v/output, blk.N.ffn_gate/up/down, MoE experts as one
// 3-D tensor per layer (ffn_*_exps), shared experts (ffn_*_shexp), the router (ffn_gate_inp),
// DeepSeek-V2 MLA (attn_q_a/q_b, attn_kv_a_mqa, attn_k_b/attn_v_b). 1-D tensors (norms) are F32.
// Hybrid layers (ggml-org/llama.cpp @ 01b77b5793989e0a1508a2fe3757d4e743a7bbd1 src/llama-arch.cpp
// tensor names, src/models/*.cpp shapes): Gated DeltaNet (qwen35/qwen3next: attn_qkv, attn_gate,
// ssm_conv1d, ssm_dt, ssm_a, ssm_beta, ssm_alpha, ssm_norm, ssm_out), Mamba2 (granitehybrid/nemotron_h:
// ssm_in, ssm_conv1d(+_b), ssm_dt, ssm_a, ssm_d, ssm_norm, ssm_out), LFM2 short convolution
// (shortconv.in_proj, shortconv.conv, shortconv.out_proj); per-layer embeddings (Gemma 3n/4 E models).
import { layerInfo, uniformLayerInfo, type LayerInfo } from './layers.js';
import { shapeMemo } from './shape-memo.js';
import type { ModelShape } from './types.js';

/** Categories as llama.cpp's tensor_get_category (src/llama-quant.cpp) sees them. */
export type TensorCategory =
  | 'token_embd'
  | 'output'
  | 'attn_q'
  | 'attn_k'
  | 'attn_v'
  | 'attn_qkv'
  | 'attn_kv_b'
  | 'attn_output'
  | 'ffn_gate'
  | 'ffn_up'
  | 'ffn_down'
  | 'other';

export interface TensorSpec {
  /** Tensor name pattern, e.g. "blk.3.ffn_down_exps". */
  name: string;
  category: TensorCategory;
  /** Repeating layer index, null for token_embd / output / output_norm. */
  layer: number | null;
  /** ne[0]: the row length, the dimension quantization blocks run along. */
  cols: number;
  /** ne[1]. */
  rows: number;
  /** ne[2]: routed experts stored in one tensor (1 for 2-D tensors). */
  experts: number;
  /** false: kept as stored (F32 norms, the MoE router), never quantized. */
  quantizable: boolean;
  /** The stored type of a tensor llama-quant keeps as it is (per_layer_model_proj: 16-bit); absent means F32. */
  keptType?: 'F16' | undefined;
  /** A routed-expert tensor: only activeExperts/experts of it is read per token. */
  routed: boolean;
}

export function elementsOf(t: TensorSpec): number {
  return t.cols * t.rows * t.experts;
}

function matrix(name: string, category: TensorCategory, layer: number | null, cols: number, rows: number, experts = 1, routed = false): TensorSpec {
  return { name, category, layer, cols, rows, experts, quantizable: true, routed };
}

function vector(name: string, layer: number | null, size: number, rows = 1): TensorSpec {
  return { name, category: 'other', layer, cols: size, rows, experts: 1, quantizable: false, routed: false };
}

/** Whether layer `il` has a routed-expert FFN (DeepSeek: the first `denseLayers` layers are dense). */
export function isMoeLayer(shape: ModelShape, il: number): boolean {
  if (shape.moe === null) return false;
  const perLayer = shape.recurrent?.layerMoe;
  if (perLayer) return perLayer[il] === true;
  if (il < shape.moe.denseLayers) return false;
  // Llama 4 interleave_moe_layer_step N: layers N-1, 2N-1, ... are MoE (HF Llama4TextModel moe_layers).
  const step = shape.moe.layerStep ?? 1;
  return step <= 1 || (il + 1) % step === 0;
}

// The builders below push a layer's tensors onto `out`, the list being built (no array per block).

function attention(shape: ModelShape, il: number, out: TensorSpec[], info: LayerInfo = layerInfo(shape, il)): void {
  const p = `blk.${il}.`;
  const d = shape.hiddenSize;
  const h = shape.attentionHeads;
  out.push(vector(`${p}attn_norm`, il, d));
  const mla = shape.mla;
  if (mla) {
    const qHead = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    if (mla.qLoraRank) {
      out.push(matrix(`${p}attn_q_a`, 'other', il, d, mla.qLoraRank));
      out.push(vector(`${p}attn_q_a_norm`, il, mla.qLoraRank));
      out.push(matrix(`${p}attn_q_b`, 'other', il, mla.qLoraRank, h * qHead));
    } else {
      out.push(matrix(`${p}attn_q`, 'attn_q', il, d, h * qHead));
    }
    out.push(matrix(`${p}attn_kv_a_mqa`, 'other', il, d, mla.kvLoraRank + mla.qkRopeHeadDim));
    out.push(vector(`${p}attn_kv_a_norm`, il, mla.kvLoraRank));
    // convert_hf_to_gguf (DeepseekV2Model.modify_tensors, since llama.cpp's MLA absorption of 2025) splits kv_b_proj
    // into attn_k_b (ne = [qk_nope, kv_lora, n_head]) and attn_v_b (ne = [kv_lora, v_head, n_head]). Neither name
    // matches a category in llama-quant.cpp (tensor_get_category), so both take the file type, and attn_k_b's
    // 128-wide rows fall back from K-quants to Q5_0/Q8_0 (tensor_type_fallback). Stored here as 2-D equivalents.
    out.push(matrix(`${p}attn_k_b`, 'other', il, mla.qkNopeHeadDim, h * mla.kvLoraRank));
    out.push(matrix(`${p}attn_v_b`, 'other', il, mla.kvLoraRank, h * mla.vHeadDim));
    out.push(matrix(`${p}attn_output`, 'attn_output', il, h * mla.vHeadDim, d));
    return;
  }
  const hd = info.headDim;
  const q = h * hd;
  const kv = info.kvHeads * hd;
  // Qwen3-Next/3.5 full-attention layers gate their output: attn_q holds Q and the gate (2 × heads × head_dim).
  const qRows = shape.recurrent?.kind === 'gated-deltanet' ? 2 * q : q;
  // Gemma 4 attention_k_eq_v: global layers have no attn_v (keys serve as values).
  const noV = !info.sliding && shape.slidingWindow !== null && shape.globalAttention?.kEqV === true;
  if (shape.fusedQkv) {
    out.push(matrix(`${p}attn_qkv`, 'attn_qkv', il, d, q + 2 * kv));
  } else {
    out.push(matrix(`${p}attn_q`, 'attn_q', il, d, qRows));
    out.push(matrix(`${p}attn_k`, 'attn_k', il, d, kv));
    if (!noV) out.push(matrix(`${p}attn_v`, 'attn_v', il, d, kv));
  }
  out.push(matrix(`${p}attn_output`, 'attn_output', il, q, d));
  // Muse Glimmer gates the attention output with its own projection (attn_gate {n_embd, n_head × head_dim}).
  if (shape.attentionOutputGate) out.push(matrix(`${p}attn_gate`, 'other', il, d, q));
  // Gated DeltaNet and LFM2 hybrids and Gemma 4 norm Q and K per head (attn_q_norm, attn_k_norm {head_dim}); the
  // Mamba2 hybrids do not: llama.cpp's load_tensors creates no attn_q_norm/attn_k_norm for granitehybrid,
  // nemotron_h or falcon-h1 (src/llama-model.cpp @ b97ebdc98f6053604a19d861c08d8087601b96e0), and its loader
  // takes 263 tensors for Nemotron 3 Nano 4B, the count of the published GGUF (test/fixtures/llama-logs).
  const qkNorm = shape.recurrent ? shape.recurrent.kind !== 'mamba2' : Boolean(shape.globalAttention);
  if (qkNorm) out.push(vector(`${p}attn_q_norm`, il, hd), vector(`${p}attn_k_norm`, il, hd));
}

function feedForward(shape: ModelShape, il: number, out: TensorSpec[]): void {
  const p = `blk.${il}.`;
  const d = shape.hiddenSize;
  out.push(vector(`${p}ffn_norm`, il, d));
  const moe = shape.moe;
  if (moe && isMoeLayer(shape, il)) {
    const e = moe.experts;
    const f = moe.expertFfnSize;
    // The router stays F32: convert_hf_to_gguf writes ffn_gate_inp as F32 and
    // tensor_allows_quantization skips it.
    out.push(vector(`${p}ffn_gate_inp`, il, d, e));
    // Nemotron-H MoE (the pattern form with 'E' layers) also loads the router's bias, exp_probs_b {n_expert}
    // (llama.cpp src/llama-model.cpp @ b97ebdc98f6053604a19d861c08d8087601b96e0, LLM_ARCH_NEMOTRON_H_MOE).
    if (shape.recurrent?.layerMoe) out.push(vector(`${p}exp_probs_b`, il, e));
    if (shape.ffnGated !== false) out.push(matrix(`${p}ffn_gate_exps`, 'ffn_gate', il, d, f, e, true));
    out.push(matrix(`${p}ffn_up_exps`, 'ffn_up', il, d, f, e, true));
    out.push(matrix(`${p}ffn_down_exps`, 'ffn_down', il, f, d, e, true));
    if (moe.sharedExperts > 0) {
      // Shared experts are stored merged: one FFN of width sharedExperts × their width.
      const s = moe.sharedExperts * (moe.sharedExpertFfnSize ?? f);
      if (shape.ffnGated !== false) out.push(matrix(`${p}ffn_gate_shexp`, 'ffn_gate', il, d, s));
      out.push(matrix(`${p}ffn_up_shexp`, 'ffn_up', il, d, s));
      out.push(matrix(`${p}ffn_down_shexp`, 'ffn_down', il, s, d));
    }
    if (moe.denseFfnAlongside) {
      // Gemma 4 26B-A4B: a dense FFN of ffnSize beside the experts in every layer.
      out.push(matrix(`${p}ffn_gate`, 'ffn_gate', il, d, shape.ffnSize));
      out.push(matrix(`${p}ffn_up`, 'ffn_up', il, d, shape.ffnSize));
      out.push(matrix(`${p}ffn_down`, 'ffn_down', il, shape.ffnSize, d));
    }
    return;
  }
  const f = shape.ffnSize;
  if (shape.ffnGated !== false) out.push(matrix(`${p}ffn_gate`, 'ffn_gate', il, d, f));
  out.push(matrix(`${p}ffn_up`, 'ffn_up', il, d, f));
  out.push(matrix(`${p}ffn_down`, 'ffn_down', il, f, d));
}

/** The recurrent block of a hybrid layer, as llama.cpp loads it. */
function recurrentBlock(shape: ModelShape, il: number, out: TensorSpec[]): void {
  const rec = shape.recurrent!;
  const p = `blk.${il}.`;
  const d = shape.hiddenSize;
  out.push(vector(`${p}attn_norm`, il, d));
  if (rec.kind === 'shortconv') {
    out.push(matrix(`${p}shortconv.in_proj`, 'other', il, d, 3 * d));
    // conv weight {L_cache, n_embd}: rows of 3 values cannot be block-quantized; kept as stored.
    out.push(vector(`${p}shortconv.conv`, il, rec.convKernel, d));
    out.push(matrix(`${p}shortconv.out_proj`, 'other', il, d, d));
    return;
  }
  const bc = 2 * rec.groups * rec.stateSize;
  const convDim = rec.innerSize + bc;
  if (rec.kind === 'gated-deltanet') {
    // qwen35: attn_qkv {n_embd, 2 × key_dim + value_dim} (its name makes llama-quant treat it like attn_qkv), attn_gate (z).
    out.push(matrix(`${p}attn_qkv`, 'attn_qkv', il, d, convDim));
    out.push(matrix(`${p}attn_gate`, 'other', il, d, rec.innerSize));
    out.push(vector(`${p}ssm_conv1d`, il, rec.convKernel, convDim));
    out.push(vector(`${p}ssm_dt`, il, rec.heads));
    out.push(vector(`${p}ssm_a`, il, rec.heads));
    out.push(matrix(`${p}ssm_beta`, 'other', il, d, rec.heads));
    out.push(matrix(`${p}ssm_alpha`, 'other', il, d, rec.heads));
    out.push(vector(`${p}ssm_norm`, il, rec.innerSize / Math.max(1, rec.heads)));
    out.push(matrix(`${p}ssm_out`, 'other', il, rec.innerSize, d));
    return;
  }
  // mamba2: ssm_in {n_embd, 2 × d_inner + 2 × n_group × d_state + n_head}.
  out.push(matrix(`${p}ssm_in`, 'other', il, d, 2 * rec.innerSize + bc + rec.heads));
  out.push(vector(`${p}ssm_conv1d`, il, rec.convKernel, convDim));
  out.push(vector(`${p}ssm_conv1d_b`, il, convDim));
  out.push(vector(`${p}ssm_dt`, il, rec.heads));
  out.push(vector(`${p}ssm_a`, il, rec.heads));
  out.push(vector(`${p}ssm_d`, il, rec.heads));
  out.push(vector(`${p}ssm_norm`, il, rec.innerSize));
  out.push(matrix(`${p}ssm_out`, 'other', il, rec.innerSize, d));
}

function layerTensors(shape: ModelShape, il: number, out: TensorSpec[]): void {
  const info = layerInfo(shape, il);
  if (info.kind === 'attention' || info.kind === 'parallel') attention(shape, il, out, info);
  if (info.kind === 'recurrent' || info.kind === 'parallel') recurrentBlock(shape, il, out);
  if (info.hasFfn) feedForward(shape, il, out);
  const pl = shape.perLayerInputSize ?? 0;
  if (pl > 0) {
    out.push(matrix(`blk.${il}.per_layer_inp_gate`, 'other', il, shape.hiddenSize, pl));
    out.push(matrix(`blk.${il}.per_layer_proj`, 'other', il, pl, shape.hiddenSize));
  }
  gemma3nLayerExtras(shape, il, out);
}

/** A 2-D tensor llama-quant keeps as converted (16-bit): tensor_allows_quantization skips names with "altup" and "laurel". */
function kept16(name: string, layer: number | null, cols: number, rows: number, experts = 1): TensorSpec {
  return { ...matrix(name, 'other', layer, cols, rows, experts), quantizable: false, keptType: 'F16' };
}

/**
 * Gemma 3n (llama.cpp LLM_ARCH_GEMMA3N, src/llama-model.cpp): per layer AltUp (altup_correct_coef {n, n},
 * altup_correct_scale, altup_predict_coef {n, n²}, altup_router {n_embd, n}, altup_router_norm), LAuReL
 * (laurel_l {n_embd, rank}, laurel_r {rank, n_embd}, laurel_post_norm) and the norms around attention, FFN
 * and the per-layer input (attn_post_norm, ffn_post_norm, per_layer_post_norm).
 */
function gemma3nLayerExtras(shape: ModelShape, il: number, out: TensorSpec[]): void {
  const n = shape.altupInputs ?? 0;
  const rank = shape.laurelRank ?? 0;
  if (n === 0 && rank === 0) return;
  const p = `blk.${il}.`;
  const d = shape.hiddenSize;
  out.push(vector(`${p}attn_post_norm`, il, d), vector(`${p}ffn_post_norm`, il, d), vector(`${p}per_layer_post_norm`, il, d));
  if (n > 0) {
    out.push(kept16(`${p}altup_correct_coef`, il, n, n), kept16(`${p}altup_predict_coef`, il, n, n * n));
    out.push(kept16(`${p}altup_router`, il, d, n), vector(`${p}altup_correct_scale`, il, d), vector(`${p}altup_router_norm`, il, d));
  }
  if (rank > 0) {
    out.push(kept16(`${p}laurel_l`, il, d, rank), kept16(`${p}laurel_r`, il, rank, d), vector(`${p}laurel_post_norm`, il, d));
  }
}

// The tensor list depends on the shape only; ranking tries many quants of one shape.
const cache = new WeakMap<ModelShape, readonly TensorSpec[]>();

/** Every weight tensor, in llama.cpp's load order (non-layer tensors first, then layer by layer). Do not mutate the result. */
export function tensorsOf(shape: ModelShape): readonly TensorSpec[] {
  let list = cache.get(shape);
  if (!list) {
    list = buildTensors(shape);
    cache.set(shape, list);
  }
  return list;
}

/**
 * Whether every repeating layer of `shape` is built from the same tensors (layerTensors reads the
 * layer index only through layerInfo, which is the same for every layer when uniformLayerInfo
 * answers, and isMoeLayer, which is when no layer is dense and every layer is MoE).
 */
function layersAlike(shape: ModelShape): boolean {
  if (shape.layers <= 0 || uniformLayerInfo(shape) === null) return false;
  const moe = shape.moe;
  return moe === null || (moe.denseLayers <= 0 && (moe.layerStep ?? 1) <= 1 && !shape.recurrent?.layerMoe);
}

/**
 * The tensor list. `copyLayers` (the default where layersAlike): layers 1 and up are layer 0's tensors
 * with their own name and index instead of being built again; test/estimate/weights-fast.test.ts checks
 * that both ways give the same list for every catalog and synthesized shape.
 */
export function buildTensors(shape: ModelShape, copyLayers = layersAlike(shape)): TensorSpec[] {
  const d = shape.hiddenSize;
  const list: TensorSpec[] = [matrix('token_embd', 'token_embd', null, d, shape.vocabSize)];
  if (!shape.tiedEmbeddings) list.push(matrix('output', 'output', null, d, shape.vocabSize));
  list.push(vector('output_norm', null, d));
  const pl = shape.perLayerInputSize ?? 0;
  if (pl > 0) {
    // Gemma 3n / 4 E models: per_layer_token_embd {n_embd_per_layer × n_layer, n_vocab}, per_layer_model_proj.
    // llama-quant's tensor_name_match_token_embd matches "per_layer_token_embd.weight" too, so the table is quantized
    // like token_embd (with tied embeddings: like the output head, Q6_K in Q4_K_M); llama.cpp keeps it in host memory
    // like token_embd (LLM_TENSOR_LAYER_INPUT, a get_rows lookup).
    list.push(matrix('per_layer_token_embd', 'token_embd', null, pl * shape.layers, shape.vocabSize));
    // llama-quant tensor_allows_quantization: "these are not too big so keep them as it is" (16-bit as converted).
    list.push({ ...matrix('per_layer_model_proj', 'other', null, d, pl * shape.layers), quantizable: false, keptType: 'F16' });
    list.push(vector('per_layer_proj_norm', null, pl));
  }
  const altup = shape.altupInputs ?? 0;
  if (altup > 1) {
    // Gemma 3n: altup_proj and altup_unembd_proj {n_embd, n_embd, altup_num_inputs - 1}, kept 16-bit ("altup").
    list.push(kept16('altup_proj', null, d, d, altup - 1), kept16('altup_unembd_proj', null, d, d, altup - 1));
  }
  if (copyLayers) {
    const head = list.length;
    layerTensors(shape, 0, list);
    const end = list.length;
    // Layer 0's names all start with "blk.0.".
    const suffixes = list.slice(head).map((t) => t.name.slice(6));
    for (let il = 1; il < shape.layers; il += 1) {
      for (let p = head; p < end; p += 1) list.push({ ...list[p]!, name: `blk.${il}.${suffixes[p - head]!}`, layer: il });
    }
    if (end > head) alike.set(list, { head, perLayer: end - head });
  } else {
    for (let il = 0; il < shape.layers; il += 1) layerTensors(shape, il, list);
  }
  // GLM-4.5's NextN block (convert_hf_to_gguf keeps it: glm4moe.block_count = num_hidden_layers + 1):
  // a full attention + MoE layer plus eh_proj (2d -> d) and three norms. llama.cpp loads it but does not run it.
  for (let il = shape.layers; il < shape.layers + (shape.mtpLayers ?? 0); il += 1) {
    attention(shape, il, list);
    feedForward(shape, il, list);
    list.push(matrix(`blk.${il}.nextn.eh_proj`, 'other', il, 2 * d, d));
    list.push(vector(`blk.${il}.nextn.enorm`, il, d), vector(`blk.${il}.nextn.hnorm`, il, d), vector(`blk.${il}.nextn.shared_head_norm`, il, d));
  }
  return list;
}

/**
 * Where the repeating layers lie in tensorsOf(shape) when buildTensors made layers 1 and up as copies
 * of layer 0: layer il's tensors are [head + il × perLayer, head + (il + 1) × perLayer), each equal to
 * layer 0's at the same place but for its name and layer index, and none of them is token_embd or
 * output; GLM's NextN layers come after them. null when the layers differ (hybrids, sliding windows,
 * dense-then-MoE, ...) or there are none. The weights estimate uses it to give a tensor whose type
 * does not depend on its layer the type of the same tensor one layer up, and to sum the layers.
 */
export interface UniformLayers {
  head: number;
  perLayer: number;
}

/** The layout of each list built by copying layer 0 (buildTensors). */
const alike = new WeakMap<readonly TensorSpec[], UniformLayers>();

export function uniformLayers(shape: ModelShape): UniformLayers | null {
  return alike.get(tensorsOf(shape)) ?? null;
}

/** Parameter count implied by the tensors (what llama.cpp prints as "model params"). */
export function paramsOf(shape: ModelShape): number {
  let sum = 0;
  for (const t of tensorsOf(shape)) sum += elementsOf(t);
  return sum;
}

/** Per shape object: its scale (paramsOf walks every tensor). */
const scales = shapeMemo<number>();

/**
 * What a synthesized shape's (--params) tensor sizes are multiplied by so that it stands for exactly
 * totalParams: its widths are rounded to whole quantization blocks (under 1.5 % off), and memory should
 * grow smoothly with the parameter count. 1 for every other shape.
 */
export function synthesizedScale(shape: ModelShape): number {
  if (shape.origin !== 'synthesized' || shape.totalParams <= 0) return 1;
  return scales(shape, '', () => {
    const count = paramsOf(shape);
    return count > 0 ? shape.totalParams / count : 1;
  });
}
