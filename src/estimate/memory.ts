// Total memory of a model at a quantization and context: weights + KV cache + recurrent state + overhead (+ vision projector with --vision).
import { estimateKvCache, type KvCacheEstimate } from './kv-cache.js';
import { estimateOverhead, type OverheadEstimate } from './overhead.js';
import type { MixOptions } from './quant-mix.js';
import type { QuantId } from './quants.js';
import { estimateRecurrentState, type RecurrentStateEstimate } from './recurrent.js';
import type { KvCacheType, MemoryEstimate, ModelShape } from './types.js';
import { estimateVision, type VisionEstimate, type VisionSpec } from './vision.js';
import { estimateWeights, type WeightsDetail } from './weights.js';
import { shapeMemo } from './shape-memo.js';

export interface MemoryOptions {
  contextLength: number;
  kvType: KvCacheType;
  flashAttn: boolean;
  /** GPUs holding layers (0: CPU only). Each has its own compute buffer (and context, see gpuContext). */
  gpus: number;
  /** CUDA/ROCm devices carry a context allowance; Apple Metal and CPU do not. */
  gpuContext: boolean;
  mix?: MixOptions;
  /** --vision: the model's projector and the number of images (its memory goes on the first GPU). */
  vision?: { spec: VisionSpec; images: number };
  /** Micro-batch of an encoder-only model when it is not the whole context (see overhead.ts). */
  ubatch?: number;
}

export interface MemoryDetail extends MemoryEstimate {
  weights: WeightsDetail;
  kv: KvCacheEstimate;
  /** Recurrent state of hybrid models (0 bytes for plain attention), one sequence. */
  recurrentStateBytes: number;
  recurrent: RecurrentStateEstimate;
  overhead: OverheadEstimate;
  /** Vision projector (mmproj) + its compute buffer with --vision; 0 otherwise. */
  visionBytes: number;
  vision: VisionEstimate | null;
}

/** What the quantization does not change: KV cache, recurrent state and overhead. */
interface Rest {
  kv: KvCacheEstimate;
  recurrent: RecurrentStateEstimate;
  overhead: OverheadEstimate;
}

/** Per shape object: the rest by context and options (ranking tries several quants of a shape at one context). */
const restMemo = shapeMemo<Rest>();

function restOf(shape: ModelShape, opts: MemoryOptions): Rest {
  const key = `${opts.contextLength}|${opts.kvType}|${opts.flashAttn}|${opts.gpus}|${opts.gpuContext}|${opts.ubatch ?? ''}`;
  return restMemo(shape, key, () => ({
    kv: estimateKvCache(shape, opts.contextLength, opts.kvType),
    recurrent: estimateRecurrentState(shape),
    overhead: estimateOverhead(shape, opts.contextLength, {
      flashAttn: opts.flashAttn,
      kvType: opts.kvType,
      gpus: opts.gpus,
      gpuContext: opts.gpuContext,
      ...(opts.ubatch ? { ubatch: opts.ubatch } : {}),
    }),
  }));
}

/** What a model's memory holds beside its weights: the same at every quantization (bestQuantThatFits relies on it). */
export type MemoryBesideWeights = Omit<MemoryDetail, 'weightsBytes' | 'totalBytes' | 'weights'> & { bytes: number };

/**
 * The KV cache, recurrent state, overhead and projector. The KV cache, recurrent state and overhead
 * estimates are shared by every memory detail of the same shape and options: do not mutate them.
 */
export function memoryBesideWeights(shape: ModelShape, opts: MemoryOptions): MemoryBesideWeights {
  const { kv, recurrent, overhead } = restOf(shape, opts);
  const kvCacheBytes = Math.round(kv.bytes);
  const recurrentStateBytes = Math.round(recurrent.bytes);
  const overheadBytes = Math.round(overhead.bytes);
  const vision = opts.vision ? estimateVision(opts.vision.spec, opts.vision.images, opts.flashAttn, opts.gpus > 0) : null;
  const visionBytes = vision ? Math.round(vision.bytes) : 0;
  return { kvCacheBytes, recurrentStateBytes, overheadBytes, kv, recurrent, overhead, visionBytes, vision, bytes: kvCacheBytes + recurrentStateBytes + overheadBytes + visionBytes };
}

/** `weights` may be given (exact, from a GGUF header); otherwise computed from the shape. */
export function estimateMemory(shape: ModelShape, quant: QuantId, opts: MemoryOptions, weights?: WeightsDetail): MemoryDetail {
  const w = weights ?? estimateWeights(shape, quant, opts.mix);
  const { kvCacheBytes, recurrentStateBytes, overheadBytes, kv, recurrent, overhead, visionBytes, vision } = memoryBesideWeights(shape, opts);
  const weightsBytes = Math.round(w.totalBytes);
  return {
    weightsBytes,
    kvCacheBytes,
    recurrentStateBytes,
    overheadBytes,
    totalBytes: weightsBytes + kvCacheBytes + recurrentStateBytes + overheadBytes + visionBytes,
    weights: w,
    kv,
    recurrent,
    overhead,
    visionBytes,
    vision,
  };
}
