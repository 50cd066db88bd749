// What fit's serving plans share (pure): the serving flags, the fit they start from, and the speed
// parts of a batched decode step (src/estimate/serving.ts) at depth 0 and at the full context.
import type { FitRequest, FitVerdict } from '../../estimate/fit.js';
import type { QuantId } from '../../estimate/quants.js';
import { stepPartsFromDetail, type ServingEngine } from '../../estimate/serving.js';
import { estimateSpeedDetail } from '../../estimate/speed.js';
import type { ModelShape, SpeedHardware } from '../../estimate/types.js';
import type { KvCacheDtype } from '../../estimate/vllm-memory.js';
import type { HardwarePlan } from '../../hardware/types.js';

export interface ServingFlags {
  engine?: ServingEngine | undefined;
  users?: number | undefined;
  gpuMemoryUtilization?: number | undefined;
  promptTokens?: number | undefined;
  kvCacheDtype?: KvCacheDtype | undefined;
}

/** Prompt length for time to first token: --prompt-tokens, else 1024 (or the context if shorter). */
export const DEFAULT_PROMPT_TOKENS = 1024;

export interface ServingContext {
  shape: ModelShape;
  quant: QuantId;
  contextLength: number;
  req: FitRequest;
  verdict: FitVerdict;
  plan: HardwarePlan;
  speedHw: SpeedHardware | null;
  /** The single-context maximum fit found (llama.cpp); null when unknown. */
  maxContext: number | null;
  modelRef: { hfRepo: string | null; gguf: string | null };
  /** The fit's own placement when the model runs partly from RAM (layers or experts): its command, decode and prompt speed. */
  offload?: {
    strategy: 'none' | 'layers' | 'experts';
    command: string | null;
    decodeTokensPerSecond: number | null;
    promptTokensPerSecond?: number | null;
    /** Its decode at an empty context: the first token after the prompt. */
    decodeAtDepth0?: number | null;
  } | null;
}

export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Decode at depth 0 (as llama-bench tg128 reports it) for the fit's own speed. */
export function decodeAtDepth0(c: ServingContext, weights = c.verdict.memory.weights, multiGpu: 'layer-split' | 'tensor-parallel' = 'layer-split'): number | null {
  if (!c.speedHw) return null;
  const gpuLayers = c.verdict.mode === 'cpu' ? 0 : c.verdict.mode === 'gpu' ? (c.verdict.offload?.gpuLayers ?? 0) : c.shape.layers;
  const d = estimateSpeedDetail({
    hardware: c.speedHw,
    weights,
    kvCacheBytes: 0,
    contextLength: 0,
    activeParams: c.shape.activeParams,
    quant: c.quant,
    gpuLayers,
    totalLayers: c.shape.layers,
    multiGpu,
  });
  return d.decodeTokensPerSecond;
}

export function speedParts(c: ServingContext, hw: SpeedHardware, weights: FitVerdict['memory']['weights'], quant: string, kvAtContext: number, gpuLayers: number, multiGpu: 'layer-split' | 'tensor-parallel') {
  const base = { hardware: hw, weights, activeParams: c.shape.activeParams, quant, gpuLayers, totalLayers: c.shape.layers, multiGpu };
  const d0 = estimateSpeedDetail({ ...base, kvCacheBytes: 0, contextLength: 0 });
  const dc = estimateSpeedDetail({ ...base, kvCacheBytes: kvAtContext, contextLength: c.contextLength });
  return { d0, dc, parts: stepPartsFromDetail(d0, dc, c.shape) };
}
