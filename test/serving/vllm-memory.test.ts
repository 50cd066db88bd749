// The vLLM KV pool (src/estimate/vllm-memory.ts) as the engine computes it.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { LocalModel } from '../../src/catalog/schema.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import {
  kvLayout,
  NON_TORCH_BYTES_V1,
  NON_TORCH_TP_BYTES_V1,
  vllmBatchDefaults,
  vllmForwardActivationBytes,
  vllmKvBytesPerToken,
  vllmKvPool,
  vllmLogLines,
  vllmSamplerWarmupBytes,
} from '../../src/estimate/vllm-memory.js';

const GIB = 2 ** 30;
const catalog = await loadCatalog();
const llama8b = shapeFromModel(catalog.models.find((m) => m.id === 'llama-3.1-8b') as LocalModel);

const base = {
  shape: llama8b,
  weightsBytesPerDevice: 14.99 * GIB,
  totalBytesPerDevice: 23.58 * GIB,
  gpuMemoryUtilization: 0.9,
  maxModelLen: 20000,
  kvCacheDtype: 'auto' as const,
  tensorParallel: 1,
  profileTokens: 2048,
  maxNumSeqs: 256,
  cudaGraphsCounted: false,
};

describe('vLLM KV pool', () => {
  it('K and V per token: 2 × 32 layers × 8 KV heads × 128 × 2 bytes; fp8 halves it; TP splits the heads', () => {
    expect(vllmKvBytesPerToken(llama8b, 'auto', 1)).toBe(2 * 32 * 8 * 128 * 2);
    expect(vllmKvBytesPerToken(llama8b, 'fp8', 1)).toBe(2 * 32 * 8 * 128);
    expect(vllmKvBytesPerToken(llama8b, 'auto', 2)).toBe(2 * 32 * 4 * 128 * 2);
    // More ranks than KV heads: each rank keeps a whole head.
    expect(vllmKvBytesPerToken(llama8b, 'auto', 16)).toBe(2 * 32 * 1 * 128 * 2);
  });

  it('blocks of 16 tokens from the memory left; concurrency = blocks ÷ blocks per request, as logged', () => {
    const pool = vllmKvPool(base);
    const page = 16 * vllmKvBytesPerToken(llama8b, 'auto', 1);
    expect(pool.blocks).toBe(Math.floor(pool.availableKvBytes / page));
    expect(pool.kvCacheTokens).toBe(pool.blocks * 16);
    expect(pool.maxConcurrency).toBeCloseTo(pool.blocks / Math.ceil(20000 / 16), 10);
    expect(pool.availableKvBytes).toBeCloseTo(0.9 * 23.58 * GIB - 14.99 * GIB - pool.activationBytes - pool.nonTorchBytes, 0);
    expect(vllmLogLines(pool, 20000)).toEqual([
      `GPU KV cache size: ${pool.kvCacheTokens.toLocaleString('en-US')} tokens`,
      `Maximum concurrency for 20,000 tokens per request: ${pool.maxConcurrency.toFixed(2)}x`,
    ]);
  });

  it('fp8 KV cache holds twice the tokens; more utilization, more tokens; CUDA graphs (0.19+) take some', () => {
    const auto = vllmKvPool(base);
    expect(vllmKvPool({ ...base, kvCacheDtype: 'fp8' }).kvCacheTokens).toBeGreaterThanOrEqual(2 * auto.kvCacheTokens);
    expect(vllmKvPool({ ...base, gpuMemoryUtilization: 0.95 }).kvCacheTokens).toBeGreaterThan(auto.kvCacheTokens);
    expect(vllmKvPool({ ...base, cudaGraphsCounted: true }).kvCacheTokens).toBeLessThan(auto.kvCacheTokens);
  });

  it('starts only when one request of max-model-len fits; the largest that starts is the pool (capped at the model maximum)', () => {
    const pool = vllmKvPool(base);
    expect(pool.starts).toBe(true);
    expect(pool.maxModelLen).toBe(Math.min(pool.kvCacheTokens, llama8b.maxContext));
    const tooLong = vllmKvPool({ ...base, maxModelLen: pool.kvCacheTokens + 16 });
    expect(tooLong.starts).toBe(false);
    const noRoom = vllmKvPool({ ...base, weightsBytesPerDevice: 30 * GIB });
    expect(noRoom.availableKvBytes).toBeLessThan(0);
    expect(noRoom.kvCacheTokens).toBe(0);
    expect(noRoom.starts).toBe(false);
  });

  it('hybrid models: a sliding-window group keeps only its window, so the pool holds more requests', () => {
    const hybrid = { ...llama8b, slidingWindow: { window: 128, slidingLayers: 16 } };
    const layout = kvLayout(hybrid, 2048);
    expect(layout.hybrid).toBe(true);
    expect(layout.layersPerGroup).toBe(16);
    // cdiv(32768, 16) for the full group + cdiv(min(127 + 2048, 32768), 16) + 1 for the sliding one.
    expect(layout.blocksPerRequest(32768)).toBe(2048 + 136 + 1);
    const full = vllmKvPool({ ...base, maxModelLen: 32768, gpuMemoryUtilization: 0.95 });
    const mixed = vllmKvPool({ ...base, shape: hybrid, maxModelLen: 32768, gpuMemoryUtilization: 0.95 });
    expect(mixed.maxConcurrency).toBeGreaterThan(1.8 * full.maxConcurrency);
    expect(mixed.kvCacheTokens).toBe(Math.floor(mixed.maxConcurrency * 32768));
    expect(layout.blocksPerRequest(mixed.maxModelLen)).toBeLessThanOrEqual(mixed.blocks);
  });

  it('server defaults: 2048 batched tokens and 256 sequences, 8192/1024 on 70 GiB cards other than the A100', () => {
    expect(vllmBatchDefaults(24 * GIB)).toEqual({ maxNumBatchedTokens: 2048, maxNumSeqs: 256 });
    expect(vllmBatchDefaults(79 * GIB)).toEqual({ maxNumBatchedTokens: 8192, maxNumSeqs: 1024 });
    expect(vllmBatchDefaults(79 * GIB, true)).toEqual({ maxNumBatchedTokens: 2048, maxNumSeqs: 256 });
  });

  it('the profiling peak is the larger of the forward pass and the sampler warm-up (V0 and V1 alike)', () => {
    const forward = vllmForwardActivationBytes(llama8b, 8192, 1);
    const sampler = vllmSamplerWarmupBytes(llama8b.vocabSize, 1024);
    expect(sampler).toBeGreaterThan(forward);
    for (const engine of ['v0', 'v1'] as const) {
      expect(vllmKvPool({ ...base, engine, profileTokens: 8192, maxNumSeqs: 1024 }).activationBytes).toBe(sampler);
      // A long profiled pass outgrows the sampler.
      expect(vllmKvPool({ ...base, engine, profileTokens: 65536, maxNumSeqs: 256 }).activationBytes).toBe(vllmForwardActivationBytes(llama8b, 65536, 1));
    }
    // Tensor parallelism splits the forward pass, not the gathered logits.
    expect(vllmForwardActivationBytes(llama8b, 8192, 2)).toBeCloseTo(forward / 2, 6);
  });

  it('tensor parallelism adds communication buffers outside torch (V1)', () => {
    const one = vllmKvPool({ ...base, engine: 'v1' });
    const two = vllmKvPool({ ...base, engine: 'v1', tensorParallel: 2 });
    expect(one.nonTorchBytes).toBe(NON_TORCH_BYTES_V1);
    expect(two.nonTorchBytes).toBe(NON_TORCH_BYTES_V1 + NON_TORCH_TP_BYTES_V1);
  });

  it('--block-size 128: the pool is whole blocks of 128 tokens', () => {
    const pool = vllmKvPool({ ...base, blockSize: 128 });
    expect(pool.kvCacheTokens % 128).toBe(0);
    expect(pool.blocks).toBe(Math.floor(pool.availableKvBytes / (128 * vllmKvBytesPerToken(llama8b, 'auto', 1))));
  });
});

