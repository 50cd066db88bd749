// KV cache bytes as llama.cpp allocates them: per layer, K and V rows of
// n_embd_k_gqa = n_head_kv × head_dim elements for every cell (src/llama-kv-cache.cpp:
// ggml_new_tensor_3d(ctx, type_k, n_embd_k_gqa, kv_size, n_stream); reference/measured_vram.json
// kv_cache). With f16 and uniform layers: 2 × n_layer × n_ctx × n_head_kv × head_dim × 2 bytes.
import { layerInfos, type LayerInfo } from './layers.js';
import { shapeMemo } from './shape-memo.js';
import type { KvCacheType, ModelShape } from './types.js';

/** ggml_row_size of the cache types: f16 2 bytes; q8_0 34 bytes / 32; q4_0 18 bytes / 32 (ggml-common.h). */
export const KV_TYPE_BYTES: Record<KvCacheType, { bytes: number; block: number }> = {
  f16: { bytes: 2, block: 1 },
  q8_0: { bytes: 34, block: 32 },
  q4_0: { bytes: 18, block: 32 },
};

/** llama.cpp pads the context to a multiple of 256 cells (src/llama-context.cpp, ref PR #17046). */
export const CTX_PAD = 256;
/** Default micro-batch (-ub 512): the SWA cache holds window + n_ubatch cells. */
export const DEFAULT_UBATCH = 512;

export function padContext(ctx: number): number {
  return Math.ceil(ctx / CTX_PAD) * CTX_PAD;
}

function rowBytes(type: KvCacheType, elements: number): number {
  const t = KV_TYPE_BYTES[type];
  return (Math.ceil(elements / t.block) * t.bytes);
}

export interface KvCacheEstimate {
  bytes: number;
  /** Cells of the full-attention cache (the padded context). */
  cells: number;
  /** Cells of the sliding-window cache, null when the model has no sliding layers. */
  swaCells: number | null;
  /** K+V bytes per cell per full-attention layer. */
  bytesPerCellPerLayer: number;
  explanation: string;
}

/**
 * KV cache of `shape` at `ctx` tokens, layer by layer as llama.cpp allocates it: only attention
 * layers that own a cache (hybrid models' recurrent layers and Gemma's trailing shared-KV layers
 * have none: llama-model.cpp create_memory filters, llama-hparams.cpp has_kv), each with its own
 * KV heads and head size (n_embd_k_gqa(il), n_embd_v_gqa(il): Gemma 4 global layers differ).
 * Sliding-window layers use llama.cpp's SWA cache of GGML_PAD(min(n_ctx, n_swa + n_ubatch), 256)
 * cells (src/llama-kv-cache-iswa.cpp @ 2aef9767d982beb7ab61b3ae359366f627eb74dd, one sequence);
 * since ggml-org/llama.cpp#21277 (2026-04-01, "do not quantize SWA KV cache") that part stays f16
 * whatever -ctk/-ctv say. MLA models (DeepSeek-V2 family) cache the compressed latent,
 * kv_lora_rank + qk_rope_head_dim per layer per token. Encoder-only models have no KV cache.
 */
export function estimateKvCache(
  shape: ModelShape,
  ctx: number,
  type: KvCacheType = 'f16',
  ubatch = DEFAULT_UBATCH,
  /** Sequences sharing a unified cache (llama-server -np with kv_unified): the SWA part holds n_swa × sequences + n_ubatch cells. */
  sequences = 1,
): KvCacheEstimate {
  // The cache does not depend on the quantization: ranking and fit ask for the same shape and
  // context once per quant tried (and estimateOverhead asks again), so keep it per shape.
  return { ...kvMemo(shape, `${ctx}|${type}|${ubatch}|${sequences}`, () => computeKvCache(shape, ctx, type, ubatch, sequences)) };
}

/** Per shape object: estimates by context, type, micro-batch and sequences. */
const kvMemo = shapeMemo<KvCacheEstimate>();

function computeKvCache(shape: ModelShape, ctx: number, type: KvCacheType, ubatch: number, sequences: number): KvCacheEstimate {
  const cells = padContext(ctx);
  if (shape.encoderOnly) {
    return { bytes: 0, cells, swaCells: null, bytesPerCellPerLayer: 0, explanation: 'encoder-only model: no KV cache' };
  }
  const typeName = (t: KvCacheType) => (t === 'f16' ? 'f16, 2 bytes' : t === 'q8_0' ? 'q8_0, 34/32 bytes' : 'q4_0, 18/32 bytes');
  if (shape.mla) {
    const latent = shape.mla.kvLoraRank + shape.mla.qkRopeHeadDim;
    const perCell = rowBytes(type, latent);
    const bytes = shape.layers * cells * perCell;
    return {
      bytes,
      cells,
      swaCells: null,
      bytesPerCellPerLayer: perCell,
      explanation: `MLA latent cache: ${shape.layers} layers × ${cells} tokens × (${shape.mla.kvLoraRank} + ${shape.mla.qkRopeHeadDim}) × ${typeName(type)}`,
    };
  }
  const infos = layerInfos(shape).filter((l) => l.hasKv);
  const full = infos.filter((l) => !l.sliding);
  const sliding = infos.filter((l) => l.sliding);
  const swaCells = sliding.length > 0 ? Math.min(cells, padContext(Math.min(cells, shape.slidingWindow!.window * Math.max(1, sequences) + ubatch))) : null;
  // The SWA part of an iSWA cache stays f16 (llama.cpp#21277); a model whose every layer slides has no iSWA split.
  const swaType: KvCacheType = full.length > 0 ? 'f16' : type;
  let bytes = 0;
  for (const l of full) bytes += cells * 2 * rowBytes(type, l.kvHeads * l.headDim);
  for (const l of sliding) bytes += (swaCells ?? 0) * 2 * rowBytes(swaType, l.kvHeads * l.headDim);
  const perCell = full.length > 0 ? 2 * rowBytes(type, full[0]!.kvHeads * full[0]!.headDim) : 2 * rowBytes(type, shape.kvHeads * shape.headDim);
  // "N layers × T tokens × H KV heads × D" per group of layers with the same head shape.
  const group = (ls: LayerInfo[], tokens: number) => {
    const by = new Map<string, { n: number; kv: number; hd: number }>();
    for (const l of ls) {
      const k = `${l.kvHeads}x${l.headDim}`;
      const g = by.get(k) ?? { n: 0, kv: l.kvHeads, hd: l.headDim };
      g.n += 1;
      by.set(k, g);
    }
    return [...by.values()].map((g) => `${g.n} layers × ${tokens} tokens × ${g.kv} KV heads × ${g.hd}`).join(' + ');
  };
  const skipped: string[] = [];
  const recurrentLayers = shape.recurrent ? shape.recurrent.layerKinds.filter((k) => k === 'recurrent' || k === 'ffn').length : 0;
  if (recurrentLayers > 0) skipped.push(`${recurrentLayers} recurrent/FFN-only layers keep none`);
  if ((shape.kvSharedLayers ?? 0) > 0) skipped.push(`the last ${shape.kvSharedLayers} layers reuse earlier KV`);
  const tail = skipped.length > 0 ? ` (${skipped.join('; ')})` : '';
  const wrap = (s: string) => (s.includes(' + ') ? `(${s})` : s);
  let explanation: string;
  if (sliding.length === 0) {
    explanation = `2 (K,V) × ${wrap(group(full, cells))} × ${typeName(type)}${tail}`;
  } else {
    const fullPart = full.length > 0 ? `2 (K,V) × ${wrap(group(full, cells))} × ${typeName(type)}; ` : '';
    explanation = `${fullPart}${sliding.length} sliding-window layers (${group(sliding, swaCells ?? 0)}) hold ${swaCells} tokens (window ${shape.slidingWindow!.window} + ubatch ${ubatch})${swaType !== type ? ' in f16' : ''}${tail}`;
  }
  return { bytes, cells, swaCells, bytesPerCellPerLayer: perCell, explanation };
}
