// KV cache bytes as llama.cpp allocates them: per layer, K and V rows of
// n_embd_k_gqa = n_head_kv × head_dim elements for every cell (src/llama-kv-cache.cpp:
// ggml_new_tensor_3d(ctx, type_k, n_embd_k_gqa, kv_size, n_stream); reference/measured_vram.json
// kv_cache). With f16 and uniform layers: 2 × n_layer × n_ctx × n_head_kv × head_dim × 2 bytes.
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
 * KV cache of `shape` at `ctx` tokens. Sliding-window layers use llama.cpp's SWA cache of
 * GGML_PAD(min(n_ctx, n_swa + n_ubatch), 256) cells (src/llama-kv-cache-iswa.cpp
 * @ 2aef9767d982beb7ab61b3ae359366f627eb74dd, one sequence). MLA models (DeepSeek-V2 family)
 * cache the compressed latent, kv_lora_rank + qk_rope_head_dim per layer per token.
 * Encoder-only models have no KV cache.
 */
export function estimateKvCache(shape: ModelShape, ctx: number, type: KvCacheType = 'f16', ubatch = DEFAULT_UBATCH): KvCacheEstimate {
  const cells = padContext(ctx);
  if (shape.encoderOnly) {
    return { bytes: 0, cells, swaCells: null, bytesPerCellPerLayer: 0, explanation: 'encoder-only model: no KV cache' };
  }
  const typeName = type === 'f16' ? 'f16, 2 bytes' : type === 'q8_0' ? 'q8_0, 34/32 bytes' : 'q4_0, 18/32 bytes';
  if (shape.mla) {
    const latent = shape.mla.kvLoraRank + shape.mla.qkRopeHeadDim;
    const perCell = rowBytes(type, latent);
    const bytes = shape.layers * cells * perCell;
    return {
      bytes,
      cells,
      swaCells: null,
      bytesPerCellPerLayer: perCell,
      explanation: `MLA latent cache: ${shape.layers} layers × ${cells} tokens × (${shape.mla.kvLoraRank} + ${shape.mla.qkRopeHeadDim}) × ${typeName}`,
    };
  }
  const kv = shape.kvHeads * shape.headDim;
  const perCell = 2 * rowBytes(type, kv);
  const sliding = shape.slidingWindow ? Math.min(shape.slidingWindow.slidingLayers, shape.layers) : 0;
  const full = shape.layers - sliding;
  const swaCells = sliding > 0 ? Math.min(cells, padContext(Math.min(cells, shape.slidingWindow!.window + ubatch))) : null;
  const bytes = full * cells * perCell + sliding * (swaCells ?? 0) * perCell;
  const base = `2 (K,V) × ${full} layers × ${cells} tokens × ${shape.kvHeads} KV heads × ${shape.headDim} × ${typeName}`;
  const explanation =
    sliding > 0
      ? `${base}; ${sliding} sliding-window layers hold ${swaCells} tokens (window ${shape.slidingWindow!.window} + ubatch ${ubatch})`
      : base;
  return { bytes, cells, swaCells, bytesPerCellPerLayer: perCell, explanation };
}
