// Where a ModelShape comes from: a catalog model (its config.json facts), or --params alone
// (a synthesized dense shape). A GGUF header is read in src/gguf/.
import type { Architecture, EmbeddingModel, LocalModel } from '../catalog/schema.js';
import { recurrentShape } from './layers.js';
import type { ModelShape } from './types.js';

/** Shape of a catalog model. */
export function shapeFromArchitecture(a: Architecture, totalParams: number, activeParams: number | null, family = ''): ModelShape {
  return {
    layers: a.layers,
    hiddenSize: a.hiddenSize,
    attentionHeads: a.attentionHeads,
    kvHeads: a.kvHeads,
    headDim: a.headDim,
    vocabSize: a.vocabSize,
    ffnSize: a.ffnSize,
    maxContext: a.maxContext,
    tiedEmbeddings: a.tiedEmbeddings,
    slidingWindow: a.slidingWindow ?? null,
    moe: a.moe
      ? {
          experts: a.moe.experts,
          activeExperts: a.moe.activeExperts,
          expertFfnSize: a.moe.expertFfnSize,
          sharedExperts: a.moe.sharedExperts ?? 0,
          sharedExpertFfnSize: a.moe.sharedExpertFfnSize,
          denseLayers: a.moe.denseLayers ?? 0,
          layerStep: a.moe.layerStep ?? 1,
          denseFfnAlongside: a.moe.denseFfnAlongside ?? false,
        }
      : null,
    globalAttention: a.globalAttention ?? null,
    kvSharedLayers: a.kvSharedLayers ?? 0,
    perLayerInputSize: a.perLayerInputSize ?? 0,
    altupInputs: a.altupInputs ?? 0,
    laurelRank: a.laurelRank ?? 0,
    attentionOutputGate: a.attentionOutputGate || undefined,
    recurrent: a.recurrent ? recurrentShape(a.recurrent, a.layers) : null,
    mla: a.mla ?? null,
    encoderOnly: a.encoderOnly ?? false,
    ffnGated: a.gatedFfn ?? true,
    // llama.cpp's phi3 architecture stores Q, K and V as one attn_qkv tensor (src/llama-arch.cpp LLM_ARCH_PHI3).
    fusedQkv: /^phi/i.test(family) ? true : undefined,
    // OpenAI released gpt-oss with MXFP4 expert weights (reference/architectures.json notes); GGUFs keep them.
    nativeExpertType: /gpt-oss/i.test(family) && a.moe ? 'MXFP4' : undefined,
    mtpLayers: a.mtpLayers || undefined,
    totalParams,
    activeParams: activeParams ?? totalParams,
    origin: 'catalog',
  };
}

export function shapeFromModel(model: LocalModel | EmbeddingModel): ModelShape {
  return shapeFromArchitecture(model.architecture, model.params.total, model.params.active, model.family);
}

/**
 * A dense shape for `--params B`, so a bare parameter count gets the same per-tensor treatment
 * as a known model. How shapes scale, fitted (least squares in log space) to the published dense
 * Llama 3.x / Qwen2.5 / Qwen3 / Mistral shapes in reference/architectures.json (1.2 B to 73 B):
 *   hidden ≈ 2056 · B^0.315 (rounded to a multiple of 256, one K-quant block, as published widths are), layers ≈ 15.3 · B^0.389 (rounded),
 * with the documented defaults of those families: 8 KV heads of 128 (GQA), head count =
 * hidden / 128, Llama 3's vocabulary of 128256, embeddings tied below 4 B (Llama 3.2 1B/3B,
 * Qwen2.5 ≤3B tie; 7B and up do not). The FFN width is then solved so that the parameter count
 * is B, rounded to a multiple of 256 (one K-quant block).
 */
export const SYNTH = {
  hiddenCoef: 2056,
  hiddenExp: 0.315,
  layersCoef: 15.3,
  layersExp: 0.389,
  headDim: 128,
  kvHeads: 8,
  vocab: 128256,
  tiedBelowB: 4,
  maxContext: 131072,
} as const;

export function shapeFromParams(billions: number): ModelShape {
  const total = billions * 1e9;
  // Widths of 2048 and up are rounded to whole GQA groups (8 KV heads × 128 = 1024), as the
  // published shapes are (Llama 70B 8192, 8B 4096), so the head count divides into the KV heads;
  // narrower models (under 1 B) round to 256 and keep up to 8 KV heads.
  const raw = SYNTH.hiddenCoef * billions ** SYNTH.hiddenExp;
  const step = raw >= 2048 ? SYNTH.kvHeads * SYNTH.headDim : 256;
  const hidden = Math.max(256, Math.round(raw / step) * step);
  const layers = Math.max(2, Math.round(SYNTH.layersCoef * billions ** SYNTH.layersExp));
  const tied = billions < SYNTH.tiedBelowB;
  const heads = Math.max(1, hidden / SYNTH.headDim);
  const kvHeads = Math.min(SYNTH.kvHeads, heads);
  // Tiny models cannot carry a 128k vocabulary: below ~0.5 B it shrinks in proportion to the
  // parameter count (one token per 4000 parameters), which keeps memory monotone in --params.
  const vocab = Math.max(256, Math.min(SYNTH.vocab, Math.floor(total / 4000)));
  const embedding = vocab * hidden * (tied ? 1 : 2) + hidden;
  const attention = hidden * heads * SYNTH.headDim * 2 + hidden * kvHeads * SYNTH.headDim * 2 + 2 * hidden;
  const ffnRaw = (total - embedding - layers * attention) / (3 * layers * hidden);
  const ffnSize = Math.max(256, Math.round(ffnRaw / 256) * 256);
  const shape: ModelShape = {
    layers,
    hiddenSize: hidden,
    attentionHeads: heads,
    kvHeads,
    headDim: SYNTH.headDim,
    vocabSize: vocab,
    ffnSize,
    maxContext: SYNTH.maxContext,
    tiedEmbeddings: tied,
    slidingWindow: null,
    moe: null,
    mla: null,
    encoderOnly: false,
    ffnGated: true,
    totalParams: total,
    activeParams: total,
    origin: 'synthesized',
  };
  return shape;
}

