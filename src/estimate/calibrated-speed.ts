// Speed on a GPU the user has measured with llama-bench (`llm-pick calibrate`). Pure: the
// measurements come in as data. The measured model is re-estimated with the generic model at
// the depth it was measured; measured ÷ generic is this machine's efficiency, and every estimate
// on the same GPU and backend is the generic one times that efficiency. The measured model
// itself therefore gets its own figures back (scaled only for a different context depth).
import { estimateKvCache } from './kv-cache.js';
import { shapeFromParams } from './shape.js';
import { estimateSpeed } from './speed.js';
import type { Backend } from './speed-calibration.js';
import type { ModelShape, SpeedEstimate, SpeedInput } from './types.js';
import { estimateWeights } from './weights.js';
import { isGgufQuant } from './quants.js';

/** One imported llama-bench measurement (pp and/or tg of one model at one depth on one GPU). */
export interface CalibrationEntry {
  gpuId: string;
  gpuName: string;
  backend: Backend;
  /** llama-bench model_type, e.g. "qwen2 7B Q4_K - Medium". */
  modelType: string;
  modelFile: string | null;
  /** GGUF quant id parsed from model_type; null when unknown. */
  quant: string | null;
  params: number;
  /** MoE: active parameters from the size label (30B.A3B); null for dense. */
  activeParams: number | null;
  sizeBytes: number;
  /** Tokens already in the context when measured (llama-bench -d). */
  depth: number;
  decode: { tokensPerSecond: number; tokens: number } | null;
  prompt: { tokensPerSecond: number; tokens: number } | null;
  /** The file it was imported from, and llama.cpp's build. */
  source: string;
  build: string | null;
  importedAt: string;
  /** Not stored: the measured model's catalog shape when known (src/calibrate/reference.ts); else one is synthesized from params. */
  referenceShape?: ModelShape | undefined;
  referenceModelId?: string | undefined;
}

export interface CalibrationUse {
  modelType: string;
  quant: string | null;
  depth: number;
  /** Measured tokens/s (null where that test was not run). */
  measuredDecodeTokensPerSecond: number | null;
  measuredPromptTokensPerSecond: number | null;
  /** Measured ÷ generic estimate of the measured model: this machine's efficiency. */
  decodeFactor: number;
  promptFactor: number;
  /** The estimated model is the measured one (same quant, parameters within 3%). */
  sameModel: boolean;
  source: string;
  /** The catalog model whose shape stood for the measured one (null: synthesized from its parameter count). */
  referenceModelId: string | null;
}

export interface CalibratedSpeed extends SpeedEstimate {
  calibrated: boolean;
  /** "generic" or where the calibration came from, in words. */
  source: string;
  calibration: CalibrationUse | null;
}

export const GENERIC_SOURCE = 'generic: calibrated on published llama.cpp runs';

/** Parameters within 3% and the same quant: the same model (a re-download, another packer's GGUF). */
const SAME_MODEL_PARAMS = 0.03;

function sameModel(e: CalibrationEntry, params: number, quant: string): boolean {
  return e.quant === quant && e.params > 0 && params > 0 && Math.abs(Math.log(e.params / params)) < SAME_MODEL_PARAMS;
}

/** Generic estimate of the measured model on this hardware: a shape scaled to its parameter count and file size. */
function referenceInput(e: CalibrationEntry, input: SpeedInput, contextTokens: number): SpeedInput {
  const shape = e.referenceShape ?? shapeFromParams(e.params / 1e9);
  const quant = e.quant && isGgufQuant(e.quant) ? e.quant : 'Q4_K_M';
  const w = estimateWeights(shape, quant);
  const scale = e.sizeBytes > 0 ? e.sizeBytes / w.totalBytes : 1;
  const activeShare = e.activeParams && e.params > 0 ? Math.min(1, e.activeParams / e.params) : 1;
  return {
    hardware: input.hardware,
    weights: {
      totalBytes: w.totalBytes * scale,
      bytesReadPerToken: w.bytesReadPerToken * scale * activeShare,
      perLayerBytes: w.perLayerBytes * scale,
      nonLayerBytes: w.nonLayerBytes * scale,
      bitsPerWeight: w.bitsPerWeight * scale,
    },
    kvCacheBytes: estimateKvCache(shape, Math.max(1, contextTokens)).bytes,
    contextLength: Math.max(1, contextTokens),
    activeParams: e.activeParams ?? e.params,
    quant,
    gpuLayers: shape.layers,
    totalLayers: shape.layers,
    multiGpu: input.multiGpu,
  };
}

/** The same model's input at the measured depth (its KV cache scales with the tokens held). */
function atDepth(input: SpeedInput, contextTokens: number): SpeedInput {
  const ctx = Math.max(1, contextTokens);
  return { ...input, kvCacheBytes: (input.kvCacheBytes * ctx) / Math.max(1, input.contextLength), contextLength: ctx };
}

function pickEntry(entries: readonly CalibrationEntry[], input: SpeedInput, params: number): CalibrationEntry | null {
  const usable = entries.filter((e) => e.decode || e.prompt);
  const same = usable.filter((e) => sameModel(e, params, input.quant));
  const pool = same.length ? same : usable;
  if (pool.length === 0) return null;
  const distance = (e: CalibrationEntry) =>
    same.length ? Math.abs(e.depth - input.contextLength) : Math.abs(Math.log(Math.max(1, e.params) / Math.max(1, params))) + e.depth / 1e6;
  return [...pool].sort((a, b) => distance(a) - distance(b))[0]!;
}

/**
 * `generic` is estimateSpeed(input). `entries` are the measurements of the planned GPU and backend.
 * Used only when the whole model is on the GPU: offloaded layers run on the CPU, which the GPU's
 * measurement says nothing about.
 */
export function calibrateSpeed(input: SpeedInput, generic: SpeedEstimate, entries: readonly CalibrationEntry[], params: number): CalibratedSpeed {
  const plain: CalibratedSpeed = { ...generic, calibrated: false, source: GENERIC_SOURCE, calibration: null };
  if (entries.length === 0 || input.gpuLayers < input.totalLayers || input.hardware.backend === 'cpu') return plain;
  const e = pickEntry(entries, input, params);
  if (!e) return plain;
  const same = sameModel(e, params, input.quant);
  const decodeCtx = e.depth + (e.decode?.tokens ?? 0) / 2;
  const promptCtx = e.depth + (e.prompt?.tokens ?? 0) / 2;
  const refDecode = estimateSpeed(same ? atDepth(input, decodeCtx) : referenceInput(e, input, decodeCtx));
  const refPrompt = estimateSpeed(same ? atDepth(input, promptCtx) : referenceInput(e, input, promptCtx));
  const decodeFactor = e.decode ? e.decode.tokensPerSecond / refDecode.decodeTokensPerSecond : 1;
  const promptFactor = e.prompt ? e.prompt.tokensPerSecond / refPrompt.promptTokensPerSecond : 1;
  const decode = generic.decodeTokensPerSecond * decodeFactor;
  const prompt = generic.promptTokensPerSecond * promptFactor;
  const what = `${e.modelType} at depth ${e.depth} on ${e.gpuName} (${e.backend})`;
  const measured = [
    e.decode ? `tg${e.decode.tokens} ${e.decode.tokensPerSecond.toFixed(1)} tok/s` : null,
    e.prompt ? `pp${e.prompt.tokens} ${e.prompt.tokensPerSecond.toFixed(0)} tok/s` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const how = same
    ? `calibrated: this model measured with llama-bench (${measured}, ${what}), scaled to ${input.contextLength} tokens of context`
    : `calibrated: generic estimate × this GPU's measured efficiency (decode ×${decodeFactor.toFixed(2)}, prompt ×${promptFactor.toFixed(2)}) from ${what}: ${measured}`;
  return {
    decodeTokensPerSecond: decode,
    promptTokensPerSecond: prompt,
    explanation: `${how}; generic estimate was ${generic.explanation}`,
    calibrated: true,
    source: `llama-bench ${e.source}`,
    calibration: {
      modelType: e.modelType,
      quant: e.quant,
      depth: e.depth,
      measuredDecodeTokensPerSecond: e.decode?.tokensPerSecond ?? null,
      measuredPromptTokensPerSecond: e.prompt?.tokensPerSecond ?? null,
      decodeFactor,
      promptFactor,
      sameModel: same,
      source: e.source,
      referenceModelId: same ? null : (e.referenceModelId ?? null),
    },
  };
}
