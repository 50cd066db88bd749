import { describe, expect, it } from 'vitest';
import { estimateKvCache, padContext } from '../../src/estimate/kv-cache.js';
import { computeBufferBytes, estimateOverhead, GPU_CONTEXT_BYTES } from '../../src/estimate/overhead.js';
import { DEEPSEEK_V2_LITE, GEMMA2_9B, GPT_OSS_20B, LLAMA_70B, LLAMA_8B } from './shapes.js';

const MiB = 2 ** 20;

describe('KV cache', () => {
  it('is byte-exact against 2 × n_layer × n_ctx × n_head_kv × head_dim × 2 for plain GQA (f16)', () => {
    for (const ctx of [256, 512, 4096, 8192, 32768, 131072]) {
      expect(estimateKvCache(LLAMA_8B, ctx).bytes).toBe(2 * 32 * ctx * 8 * 128 * 2);
      expect(estimateKvCache(LLAMA_70B, ctx).bytes).toBe(2 * 80 * ctx * 8 * 128 * 2);
    }
  });

  it('matches llama.cpp KV buffers (reference/measured_vram.json): 64, 1024, 16384 MiB for Llama 3 8B', () => {
    expect(estimateKvCache(LLAMA_8B, 512).bytes / MiB).toBe(64);
    expect(estimateKvCache(LLAMA_8B, 8192).bytes / MiB).toBe(1024);
    expect(estimateKvCache(LLAMA_8B, 131072).bytes / MiB).toBe(16384);
  });

  it('pads the context to a multiple of 256 cells as llama.cpp does', () => {
    expect(padContext(5000)).toBe(5120);
    expect(estimateKvCache(LLAMA_8B, 5000).bytes).toBe(2 * 32 * 5120 * 8 * 128 * 2);
  });

  it('quantized caches use ggml row sizes: q8_0 34/32, q4_0 18/32 bytes per element', () => {
    const n = 2 * 32 * 8192 * 8 * 128;
    expect(estimateKvCache(LLAMA_8B, 8192, 'q8_0').bytes).toBe((n * 34) / 32);
    expect(estimateKvCache(LLAMA_8B, 8192, 'q4_0').bytes).toBe((n * 18) / 32);
  });

  it('sliding-window layers hold window + ubatch cells (padded to 256), the others the whole context', () => {
    // Gemma 2 9B: 21 global layers × 32768 cells + 21 local layers × pad(4096 + 512) = 4608 cells.
    const perCell = 2 * 8 * 256 * 2;
    expect(estimateKvCache(GEMMA2_9B, 32768).bytes).toBe(21 * 32768 * perCell + 21 * 4608 * perCell);
    // A context shorter than the window: every layer holds the context.
    expect(estimateKvCache(GEMMA2_9B, 2048).bytes).toBe(42 * 2048 * perCell);
    // gpt-oss: 128-token window → 12 layers × 768 cells (pad(128 + 512)).
    expect(estimateKvCache(GPT_OSS_20B, 8192).swaCells).toBe(768);
  });

  it('MLA caches kv_lora_rank + rope dims per layer per token', () => {
    expect(estimateKvCache(DEEPSEEK_V2_LITE, 8192).bytes).toBe(27 * 8192 * (512 + 64) * 2);
  });

  it('encoder-only models have none', () => {
    expect(estimateKvCache({ ...LLAMA_8B, encoderOnly: true }, 8192).bytes).toBe(0);
  });

  it('grows with context', () => {
    expect(estimateKvCache(LLAMA_8B, 16384).bytes).toBeGreaterThan(estimateKvCache(LLAMA_8B, 8192).bytes);
  });
});

describe('compute buffer and overhead', () => {
  const noFa = { flashAttn: false, kvType: 'f16' as const };
  it('matches llama.cpp compute buffers (reference/measured_vram.json) without flash attention', () => {
    expect(computeBufferBytes(LLAMA_8B, estimateKvCache(LLAMA_8B, 512), noFa) / MiB).toBeCloseTo(258.5, 2);
    expect(computeBufferBytes(LLAMA_8B, estimateKvCache(LLAMA_8B, 131072), noFa) / MiB).toBeCloseTo(8480, 1);
    expect(computeBufferBytes(LLAMA_70B, estimateKvCache(LLAMA_70B, 8192), noFa) / MiB).toBeCloseTo(1104, 1);
  });

  it('flash attention keeps it small at long context', () => {
    const fa = computeBufferBytes(LLAMA_8B, estimateKvCache(LLAMA_8B, 131072), { flashAttn: true, kvType: 'f16' });
    expect(fa / MiB).toBeLessThan(400);
  });

  it('counts one compute buffer and CUDA context per GPU, and none of the context on Metal/CPU', () => {
    const one = estimateOverhead(LLAMA_8B, 8192, { flashAttn: true, kvType: 'f16', gpus: 1, gpuContext: true });
    const two = estimateOverhead(LLAMA_8B, 8192, { flashAttn: true, kvType: 'f16', gpus: 2, gpuContext: true });
    const metal = estimateOverhead(LLAMA_8B, 8192, { flashAttn: true, kvType: 'f16', gpus: 1, gpuContext: false });
    expect(two.bytes - one.bytes).toBe(one.computeBufferBytes + GPU_CONTEXT_BYTES);
    expect(one.bytes - metal.bytes).toBe(GPU_CONTEXT_BYTES);
    expect(one.outputBufferBytes).toBe(128256 * 4);
  });
});
