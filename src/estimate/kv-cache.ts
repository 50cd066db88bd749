// KV cache bytes as llama.cpp allocates them: per layer, K and V rows of
// n_embd_k_gqa = n_head_kv × head_dim elements for every cell (src/llama-kv-cache.cpp:
// ggml_new_tensor_3d(ctx, type_k, n_embd_k_gqa, kv_size, n_stream); reference/measured_vram.json
// kv_cache). With f16 and uniform layers: 2 × n_layer × n_ctx × n_head_kv × head_dim × 2 bytes.
import { layerInfo, uniformLayerInfo } from './layers.js';
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

/** Layers with the same KV head shape: n of them, kv heads × head size. */
interface KvGroup {
  n: number;
  kv: number;
  hd: number;
}

/** The layers that own a KV cache, full-attention and sliding, grouped by head shape in layer order. */
interface KvLayout {
  full: { layers: number; groups: KvGroup[] };
  sliding: { layers: number; groups: KvGroup[] };
}

const layouts = new WeakMap<ModelShape, KvLayout>();

/** The KV layout depends on the shape only (every context and cache type reads it): walked once per shape. */
function kvLayout(shape: ModelShape): KvLayout {
  let layout = layouts.get(shape);
  if (layout) return layout;
  // Most models repeat one layer: its info stands for all (layerInfo costs ~4,000 instructions a layer
  // in the interpreter a short run stays in, ~15 M per recommend).
  const uniform = uniformLayerInfo(shape);
  if (uniform) {
    // Every layer alike (no sliding window: uniformLayerInfo's rule): one group of all layers, or none.
    const groups = uniform.hasKv ? [{ n: shape.layers, kv: uniform.kvHeads, hd: uniform.headDim }] : [];
    layout = { full: { layers: uniform.hasKv ? shape.layers : 0, groups }, sliding: { layers: 0, groups: [] } };
    layouts.set(shape, layout);
    return layout;
  }
  // A model has one or two head shapes: a search of the groups, not a map keyed by a string per layer.
  const full: KvGroup[] = [];
  const sliding: KvGroup[] = [];
  let fullLayers = 0;
  let slidingLayers = 0;
  for (let il = 0; il < shape.layers; il += 1) {
    const l = layerInfo(shape, il);
    if (!l.hasKv) continue;
    const groups = l.sliding ? sliding : full;
    if (l.sliding) slidingLayers += 1;
    else fullLayers += 1;
    let g = 0;
    while (g < groups.length && (groups[g]!.kv !== l.kvHeads || groups[g]!.hd !== l.headDim)) g += 1;
    if (g < groups.length) groups[g]!.n += 1;
    else groups.push({ n: 1, kv: l.kvHeads, hd: l.headDim });
  }
  layout = { full: { layers: fullLayers, groups: full }, sliding: { layers: slidingLayers, groups: sliding } };
  layouts.set(shape, layout);
  return layout;
}

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
  const { full, sliding } = kvLayout(shape);
  const swaCells = sliding.layers > 0 ? Math.min(cells, padContext(Math.min(cells, shape.slidingWindow!.window * Math.max(1, sequences) + ubatch))) : null;
  // The SWA part of an iSWA cache stays f16 (llama.cpp#21277); a model whose every layer slides has no iSWA split.
  const swaType: KvCacheType = full.layers > 0 ? 'f16' : type;
  // Whole numbers throughout (cells × bytes per row), so the sum by group is the sum by layer.
  let bytes = 0;
  for (const g of full.groups) bytes += g.n * (cells * 2 * rowBytes(type, g.kv * g.hd));
  for (const g of sliding.groups) bytes += g.n * ((swaCells ?? 0) * 2 * rowBytes(swaType, g.kv * g.hd));
  const first = full.groups[0];
  const perCell = first ? 2 * rowBytes(type, first.kv * first.hd) : 2 * rowBytes(type, shape.kvHeads * shape.headDim);
  // "N layers × T tokens × H KV heads × D" per group of layers with the same head shape.
  const group = (groups: readonly KvGroup[], tokens: number) =>
    groups.map((g) => `${g.n} layers × ${tokens} tokens × ${g.kv} KV heads × ${g.hd}`).join(' + ');
  const skipped: string[] = [];
  const recurrentLayers = shape.recurrent ? shape.recurrent.layerKinds.filter((k) => k === 'recurrent' || k === 'ffn').length : 0;
  if (recurrentLayers > 0) skipped.push(`${recurrentLayers} recurrent/FFN-only layers keep none`);
  if ((shape.kvSharedLayers ?? 0) > 0) skipped.push(`the last ${shape.kvSharedLayers} layers reuse earlier KV`);
  const tail = skipped.length > 0 ? ` (${skipped.join('; ')})` : '';
  const wrap = (s: string) => (s.includes(' + ') ? `(${s})` : s);
  let explanation: string;
  if (sliding.layers === 0) {
    explanation = `2 (K,V) × ${wrap(group(full.groups, cells))} × ${typeName(type)}${tail}`;
  } else {
    const fullPart = full.layers > 0 ? `2 (K,V) × ${wrap(group(full.groups, cells))} × ${typeName(type)}; ` : '';
    explanation = `${fullPart}${sliding.layers} sliding-window layers (${group(sliding.groups, swaCells ?? 0)}) hold ${swaCells} tokens (window ${shape.slidingWindow!.window} + ubatch ${ubatch})${swaType !== type ? ' in f16' : ''}${tail}`;
  }
  return { bytes, cells, swaCells, bytesPerCellPerLayer: perCell, explanation };
}
