// Batched decode roofline, engine/quant rules, TTFT and llama-server slots (src/estimate/serving.ts).
import { describe, expect, it } from 'vitest';
import { batchedDecode, engineQuantError, llamaServerSlots, moeExperts, timeToFirstToken, type StepParts } from '../../src/estimate/serving.js';

const dense: StepParts = { weightMs: 6, kvMsAtContext: 1, overheadMs: 2, computeMsPerToken: 0.3, experts: null };

describe('engine and quantization', () => {
  it('vLLM and SGLang refuse GGUF K-quants; llama.cpp and Ollama refuse AWQ/GPTQ/FP8', () => {
    expect(engineQuantError('vllm', 'Q4_K_M')).toMatch(/--engine vllm cannot run the GGUF quantization Q4_K_M/);
    expect(engineQuantError('sglang', 'IQ4_XS')).toMatch(/--engine sglang/);
    expect(engineQuantError('vllm', 'AWQ-INT4')).toBeNull();
    expect(engineQuantError('vllm', 'BF16')).toBeNull();
    expect(engineQuantError('llama.cpp', 'GPTQ-INT4')).toMatch(/loads GGUF files, not GPTQ-INT4/);
    expect(engineQuantError('ollama', 'Q4_K_M')).toBeNull();
  });
});

describe('batched decode', () => {
  it('one user: the weights, half the context of KV, the fixed costs', () => {
    const b = batchedDecode(dense, 1);
    expect(b.stepMs).toBeCloseTo(6 + 0.5 + 2, 10);
    expect(b.perUserDecodeTokensPerSecond).toBeCloseTo(1000 / 8.5, 6);
    expect(b.aggregateDecodeTokensPerSecond).toBeCloseTo(b.perUserDecodeTokensPerSecond, 10);
    expect(b.bound).toBe('memory');
  });

  it('more users: more in all, less each; the weights are read once per step', () => {
    let prev = batchedDecode(dense, 1);
    for (const n of [2, 4, 8, 16, 32]) {
      const b = batchedDecode(dense, n);
      expect(b.aggregateDecodeTokensPerSecond).toBeGreaterThan(prev.aggregateDecodeTokensPerSecond);
      expect(b.perUserDecodeTokensPerSecond).toBeLessThan(prev.perUserDecodeTokensPerSecond);
      prev = b;
    }
    expect(batchedDecode(dense, 8).stepMs).toBeCloseTo(6 + 8 * 0.5 + 2, 10);
  });

  it('saturates where compute overtakes the memory reads: 6 + 0.5 n = 0.3 n never (KV-bound), so null; with less KV at n = 21', () => {
    expect(batchedDecode(dense, 1).saturatingBatch).toBeNull();
    const light: StepParts = { ...dense, kvMsAtContext: 0.2 };
    // 6 + 0.1 n < 0.3 n ⇔ n > 30
    const b = batchedDecode(light, 64);
    expect(b.saturatingBatch).toBe(31);
    expect(b.bound).toBe('compute');
    expect(b.stepMs).toBeCloseTo(64 * 0.3 + 2, 10);
  });

  it('MoE: a bigger batch routes to more experts, so the weight reads grow towards all experts', () => {
    const e = moeExperts({ moe: { experts: 128, activeExperts: 8, expertFfnSize: 768, sharedExperts: 0, denseLayers: 0 }, totalParams: 30.5e9, activeParams: 3.3e9 });
    expect(e).not.toBeNull();
    const moe: StepParts = { ...dense, kvMsAtContext: 0, experts: e };
    const one = batchedDecode(moe, 1).stepMs - 2;
    const many = batchedDecode(moe, 64).stepMs - 2;
    expect(one).toBeCloseTo(6, 10);
    expect(many).toBeGreaterThan(3 * one);
  });
});

describe('latency and slots', () => {
  it('time to first token: prompt ÷ prompt rate + one step', () => {
    expect(timeToFirstToken(1000, 2000, 10)).toBeCloseTo(0.51, 10);
    expect(timeToFirstToken(1000, 0, 10)).toBe(Number.POSITIVE_INFINITY);
  });

  it('llama-server -np N shares -c = N × context', () => {
    expect(llamaServerSlots(4, 8192)).toEqual({ slots: 4, contextTotal: 32768, perSlot: 8192 });
  });
});
