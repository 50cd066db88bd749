// Runtime overhead beyond weights and KV cache: llama.cpp's compute buffer (one per GPU), the
// output (logits) buffer, and the CUDA context. A model of the largest intermediate tensors of
// one micro-batch, checked against the buffers llama.cpp prints (reference/measured_vram.json):
//   Llama 3 8B, ctx 512, no flash attention: compute 258.5 MiB = logits 512 × (128256 + 4096) × 4 B
//   Llama 3.1 8B, ctx 131072, no FA: 8480 MiB = 512 × 131072 × (32 heads + 1 mask) × 4 B + 4 × 512 × 4096 × 4 B
//   Llama 3.x 70B, ctx 8192, no FA: 1104 MiB per device = 512 × 8192 × (64 + 1) × 4 B + 4 × 512 × 8192 × 4 B
// (all three exact to 0.01 MiB; Phi-2 at 8192: model 548 MiB vs 563 measured).
// Encoder-only (non-causal) embedding models keep no KV cache and run the whole input in ONE
// micro-batch: ggml-org/llama.cpp @ b97ebdc98f6053604a19d861c08d8087601b96e0 src/llama-context.cpp
// asserts "non-causal attention requires n_ubatch >= n_tokens", and tools/server (server.cpp sets
// n_batch = n_ubatch with --embedding; server-context.cpp refuses an input of more than n_ubatch tokens
// when the model has no memory to split it over). So their compute buffer is sized at ubatch = the
// input length N, where every token attends to all N: see encoderComputeBytes.
import { DEFAULT_UBATCH, estimateKvCache, type KvCacheEstimate } from './kv-cache.js';
import type { KvCacheType, ModelShape } from './types.js';

const F32 = 4;

/**
 * Memory a GPU process holds before any buffer: the CUDA context, cuBLAS handles and loaded
 * kernels. Not printed by llama.cpp; an allowance, not a measurement. PyTorch reports 300 to
 * 700+ MiB for its context (discuss.pytorch.org/t/73021, /t/81330, with more kernels than
 * llama.cpp loads); llama.cpp issue #21692 shows a second CUDA process of ~700 MiB. 512 MiB
 * per CUDA/ROCm device; Metal and CPU have none.
 */
export const GPU_CONTEXT_BYTES = 512 * 2 ** 20;

export interface OverheadOptions {
  flashAttn: boolean;
  kvType: KvCacheType;
  /** GPUs holding layers: each has its own compute buffer and context. 0 for CPU-only. */
  gpus: number;
  /** Whether each GPU carries a CUDA/ROCm context (false for Apple Metal, CPU). */
  gpuContext: boolean;
  ubatch?: number;
}

export interface OverheadEstimate {
  bytes: number;
  computeBufferBytes: number;
  outputBufferBytes: number;
  contextBytes: number;
  explanation: string;
}

/**
 * Compute buffer of an encoder-only model for one micro-batch of `ub` tokens (the whole input), no KV
 * cache. Calibrated on llama.cpp's own "CPU compute buffer size" lines (llama.cpp @ b97ebdc9, GGUFs of the
 * catalog rows nomic-embed-text-v1.5 and bge-large-en-v1.5; test/fixtures/llama-embed-logs.json):
 * - flash attention off: the f32 scores of every head plus the f32 mask, ub² × (heads + 1) × 4 B, beside
 *   8 hidden-size activations per token (nomic: 3520.12 MiB at 8192 = 3328 + 192; bge uses 6 of the 8);
 * - flash attention on: the f16 mask ub² × 2 B plus the FFN's activations per token, 4 × ffn + 2 × hidden for
 *   a gated (SwiGLU) FFN, 2 × ffn for a plain one (nomic 564.12 MiB at 8192 → 560; bge 16.51 at 512 → 16.50).
 * ggml-alloc's reuse of memory depends on the graph's order, so this is within 10 % (the test checks), not exact.
 */
export function encoderComputeBytes(shape: ModelShape, ub: number, flashAttn: boolean): number {
  const d = shape.hiddenSize;
  if (!flashAttn) return ub * ub * (shape.attentionHeads + 1) * F32 + ub * 8 * d * F32;
  const ffn = shape.ffnGated === false ? 2 * shape.ffnSize : 4 * shape.ffnSize + 2 * d;
  return ub * ub * 2 + ub * ffn * F32;
}

/** The compute buffer of one device: the largest of the logits, attention and FFN peaks. */
export function computeBufferBytes(shape: ModelShape, kv: KvCacheEstimate, opts: Pick<OverheadOptions, 'flashAttn' | 'kvType' | 'ubatch'>): number {
  const ub = opts.ubatch ?? DEFAULT_UBATCH;
  if (shape.encoderOnly) return encoderComputeBytes(shape, ub, opts.flashAttn);
  const d = shape.hiddenSize;
  const logits = ub * (shape.vocabSize + d) * F32;
  // Attention reads the cache of a full-attention layer when there is one, else the window.
  const allSliding = shape.slidingWindow !== null && shape.slidingWindow.slidingLayers >= shape.layers;
  const nKv = allSliding && kv.swaCells !== null ? kv.swaCells : kv.cells;
  const hidden = 4 * ub * d * F32;
  let attention: number;
  if (opts.flashAttn) {
    // Flash attention never materializes K·Q; the mask is f16. A quantized cache is converted to
    // f16 for one layer at a time (the compute buffer grows with the context for q8_0/q4_0).
    attention = ub * nKv * 2 + hidden;
    if (opts.kvType !== 'f16') attention += nKv * kv.bytesPerCellPerLayer * (2 / (opts.kvType === 'q8_0' ? 34 / 32 : 18 / 32));
  } else {
    // K·Q scores for every head plus the f32 mask.
    attention = ub * nKv * (shape.attentionHeads + 1) * F32 + hidden;
  }
  const ffnWidth = shape.moe ? shape.moe.expertFfnSize * shape.moe.activeExperts : shape.ffnSize;
  const ffn = ub * (2 * ffnWidth + d) * F32;
  return Math.max(logits, attention, ffn);
}

export function estimateOverhead(shape: ModelShape, ctx: number, opts: OverheadOptions): OverheadEstimate {
  // An encoder-only model's micro-batch is its whole input (header comment): ubatch = the context, unless the
  // context holds several slots' inputs (llama-server -np N -c N×L -ub L).
  const ubatch = shape.encoderOnly ? (opts.ubatch ?? ctx) : opts.ubatch;
  const kv = estimateKvCache(shape, ctx, opts.kvType, ubatch);
  const compute = computeBufferBytes(shape, kv, { ...opts, ubatch });
  const devices = Math.max(1, opts.gpus);
  // One row of logits per sequence, f32 (0.49 MiB for a 128256-token vocabulary in the logs).
  const output = shape.vocabSize * F32;
  const context = opts.gpuContext ? opts.gpus * GPU_CONTEXT_BYTES : 0;
  const bytes = devices * compute + output + context;
  const where = opts.gpus > 1 ? ` × ${opts.gpus} GPUs` : '';
  const fa = opts.flashAttn ? 'flash attention on' : 'flash attention off: grows with context';
  const ctxPart = opts.gpuContext ? ` + CUDA context ${(GPU_CONTEXT_BYTES / 2 ** 20).toFixed(0)} MiB${where}` : '';
  return {
    bytes,
    computeBufferBytes: compute,
    outputBufferBytes: output,
    contextBytes: context,
    explanation: `compute buffer ${(compute / 2 ** 20).toFixed(0)} MiB${where} (${shape.encoderOnly ? `attention over the whole input in one ${ubatch}-token micro-batch, as llama.cpp runs a non-causal model` : `largest of logits, attention, FFN for a ${ubatch ?? DEFAULT_UBATCH}-token micro-batch`}; ${fa})${ctxPart} + output buffer`,
  };
}
