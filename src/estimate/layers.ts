// Per-layer structure of a model as llama.cpp sees it: which layers keep a KV cache (and whether
// it is a sliding-window one, with which head size and KV heads), which keep a recurrent state,
// which are FFN only. Sources: llama-hparams.cpp is_swa / has_kv / is_recurrent and the
// create_memory layer filters in llama-model.cpp (ggml-org/llama.cpp @ 01b77b5793989e0a1508a2fe3757d4e743a7bbd1).
import type { LayerKind, ModelShape, RecurrentKind, RecurrentShape } from './types.js';

export interface LayerInfo {
  kind: LayerKind;
  /** Holds its own KV cache (attention layer, not one of the trailing shared-KV layers). */
  hasKv: boolean;
  /** Sliding-window attention layer. */
  sliding: boolean;
  kvHeads: number;
  headDim: number;
  /** Has an FFN block. */
  hasFfn: boolean;
}

/** Which layers slide: llama.cpp set_swa_pattern(period, dense_first = false), or the first `slidingLayers` when no period is known. */
export function isSlidingLayer(shape: ModelShape, il: number): boolean {
  const sw = shape.slidingWindow;
  if (!sw) return false;
  if (sw.mask) return sw.mask[il] === true;
  if (sw.period && sw.period > 0) return il % sw.period < sw.period - 1;
  return il < Math.min(sw.slidingLayers, shape.layers);
}

export function layerInfo(shape: ModelShape, il: number): LayerInfo {
  const kind: LayerKind = shape.recurrent ? (shape.recurrent.layerKinds[il] ?? 'attention') : 'attention';
  const shared = shape.kvSharedLayers ?? 0;
  const attends = kind === 'attention' || kind === 'parallel';
  const sliding = attends && isSlidingLayer(shape, il);
  const g = shape.globalAttention;
  const global = attends && !sliding && g && shape.slidingWindow;
  return {
    kind,
    hasKv: attends && il < shape.layers - shared && !shape.encoderOnly,
    sliding,
    kvHeads: global ? g.kvHeads : shape.kvHeads,
    headDim: global ? g.headDim : shape.headDim,
    hasFfn: shape.recurrent ? (shape.recurrent.layerHasFfn[il] ?? true) : true,
  };
}

/**
 * The one LayerInfo of every layer when layerInfo does not depend on the layer: it reads the layer's
 * index only through the recurrent layer kinds, the sliding-window pattern and the trailing shared-KV
 * layers. null when the shape has any of them (then ask layerInfo per layer).
 */
export function uniformLayerInfo(shape: ModelShape): LayerInfo | null {
  if (shape.recurrent || shape.slidingWindow || (shape.kvSharedLayers ?? 0) > 0 || shape.layers <= 0) return null;
  return layerInfo(shape, 0);
}

export function layerInfos(shape: ModelShape): LayerInfo[] {
  return Array.from({ length: shape.layers }, (_, il) => layerInfo(shape, il));
}

export interface RecurrentLayout {
  kind: RecurrentKind;
  fullAttentionInterval?: number | undefined;
  attentionLayers?: number[] | undefined;
  pattern?: string | undefined;
  /** Every layer runs attention and the recurrent block side by side (Falcon-H1). */
  parallel?: boolean | undefined;
  convKernel: number;
  stateSize: number;
  innerSize: number;
  groups: number;
  heads: number;
  ssmStateDtype?: 'float32' | 'model' | undefined;
}

/**
 * The per-layer kinds of a hybrid model from its config facts:
 * - fullAttentionInterval n (Qwen3-Next/3.5 full_attention_interval): attention when (il + 1) % n == 0
 *   (llama.cpp: recurrent_layer_arr[i] = (i + 1) % full_attention_interval != 0);
 * - attentionLayers: those indices attention, the rest recurrent (Granite 4 H, LFM2: every layer has an FFN);
 * - pattern (Nemotron-H hybrid_override_pattern): M Mamba2, * attention, - MLP, E MoE; each layer is one of them;
 * - parallel (Falcon-H1): every layer is both, attention and Mamba2 side by side, with an FFN.
 */
export function recurrentShape(r: RecurrentLayout, layers: number): RecurrentShape {
  const layerKinds: LayerKind[] = [];
  const layerHasFfn: boolean[] = [];
  let layerMoe: boolean[] | undefined;
  if (r.parallel) {
    for (let il = 0; il < layers; il += 1) {
      layerKinds.push('parallel');
      layerHasFfn.push(true);
    }
  } else if (r.pattern !== undefined) {
    layerMoe = [];
    for (let il = 0; il < layers; il += 1) {
      const ch = r.pattern[il] ?? '-';
      layerKinds.push(ch === 'M' ? 'recurrent' : ch === '*' ? 'attention' : 'ffn');
      layerHasFfn.push(ch === '-' || ch === 'E');
      layerMoe.push(ch === 'E');
    }
  } else {
    const attn = new Set(r.attentionLayers ?? []);
    for (let il = 0; il < layers; il += 1) {
      const isAttn = r.fullAttentionInterval !== undefined ? (il + 1) % r.fullAttentionInterval === 0 : attn.has(il);
      layerKinds.push(isAttn ? 'attention' : 'recurrent');
      layerHasFfn.push(true);
    }
  }
  return {
    kind: r.kind,
    layerKinds,
    layerHasFfn,
    layerMoe,
    convKernel: r.convKernel,
    stateSize: r.stateSize,
    innerSize: r.innerSize,
    groups: r.groups,
    heads: r.heads,
    ...(r.ssmStateDtype ? { ssmStateDtype: r.ssmStateDtype } : {}),
  };
}
