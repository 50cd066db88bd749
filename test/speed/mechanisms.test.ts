// The mechanisms behind the held-out speed misses (issue #13), asserted on the model, not on rows.
import { describe, expect, it } from 'vitest';
import { estimateSpeedDetail, isMixtureOfExperts, isTwoDieApple, layerClockScale } from '../../src/estimate/speed.js';
import { BACKEND_CALIBRATION, FA_OFF_SCORE_BYTES, LAYER_OVERHEAD_CLOCK, METAL_TWO_DIE, MOE_PROMPT_EFFICIENCY } from '../../src/estimate/speed-calibration.js';
import type { SpeedHardware, SpeedInput, WeightsEstimate } from '../../src/estimate/types.js';

const dense: WeightsEstimate = { totalBytes: 4.92e9, bytesReadPerToken: 4.6e9, perLayerBytes: (4.92e9 - 0.64e9) / 32, nonLayerBytes: 0.64e9, bitsPerWeight: 4.9 };
// gpt-oss-20b-like: 12 GB stored, about 2.5 GB read per token (4 of 32 experts).
const moe: WeightsEstimate = { totalBytes: 12.1e9, bytesReadPerToken: 2.5e9, perLayerBytes: 11.5e9 / 24, nonLayerBytes: 0.6e9, bitsPerWeight: 4.6 };
const strix: SpeedHardware = { memoryBandwidthGBps: 256, fp16Tflops: 29.7, backend: 'vulkan', gpus: 1, ramBandwidthGBps: 256 };

function input(over: Partial<SpeedInput> = {}): SpeedInput {
  return { hardware: strix, weights: dense, kvCacheBytes: 0, contextLength: 512, activeParams: 8.03e9, quant: 'Q4_K_M', gpuLayers: 32, totalLayers: 32, ...over };
}

describe('decode on a unified-memory iGPU', () => {
  it('is bounded by the shared memory bandwidth: never more than bandwidth ÷ bytes read per token', () => {
    const d = estimateSpeedDetail(input());
    expect(d.decodeTokensPerSecond).toBeLessThan((256e9 / dense.bytesReadPerToken) * 1.0001);
    // Twice the memory bandwidth, same GPU: decode speeds up, prompt (compute-bound) barely moves.
    const wide = estimateSpeedDetail(input({ hardware: { ...strix, memoryBandwidthGBps: 512 } }));
    expect(wide.decodeTokensPerSecond / d.decodeTokensPerSecond).toBeGreaterThan(1.5);
    expect(wide.promptTokensPerSecond / d.promptTokensPerSecond).toBeLessThan(1.1);
  });
});

describe('per-token fixed cost', () => {
  it('dominates a small model: per-layer overhead is a larger share of a 1 B model’s token than of an 8 B one', () => {
    const tiny: WeightsEstimate = { totalBytes: 0.67e9, bytesReadPerToken: 0.63e9, perLayerBytes: 0.6e9 / 22, nonLayerBytes: 0.07e9, bitsPerWeight: 4.9 };
    const small = estimateSpeedDetail(input({ weights: tiny, totalLayers: 22, gpuLayers: 22, activeParams: 1.1e9 }));
    const big = estimateSpeedDetail(input());
    const share = (d: typeof small) => d.decode.overheadMs / d.decode.totalMs;
    expect(share(small)).toBeGreaterThan(2 * share(big));
    expect(small.decode.overheadMs).toBeCloseTo(22 * BACKEND_CALIBRATION.vulkan.layerOverheadMs, 6);
  });
});

describe('per-layer cost and the GPU clock', () => {
  const ref = LAYER_OVERHEAD_CLOCK.referenceMHz.value;
  const cuda: SpeedHardware = { memoryBandwidthGBps: 204.8, fp16Tflops: 42.5, backend: 'cuda', gpus: 1, ramBandwidthGBps: 204.8 };
  it('counts the small kernels of a layer in GPU cycles: half the clock, twice the per-layer time', () => {
    const atRef = estimateSpeedDetail(input({ hardware: { ...cuda, gpuClockMHz: ref } }));
    const slow = estimateSpeedDetail(input({ hardware: { ...cuda, gpuClockMHz: ref / 2 } }));
    expect(atRef.decode.overheadMs).toBeCloseTo(32 * BACKEND_CALIBRATION.cuda.layerOverheadMs, 9);
    expect(slow.decode.overheadMs / atRef.decode.overheadMs).toBeCloseTo(2, 9);
    // The bandwidth term does not move with the clock.
    expect(slow.decode.gpuMs).toBeCloseTo(atRef.decode.gpuMs, 9);
    expect(slow.decodeTokensPerSecond).toBeLessThan(atRef.decodeTokensPerSecond);
    expect(slow.explanation).toContain(`at ${ref / 2} MHz`);
  });

  it('an unknown clock is the reference clock; Metal keeps its own constants whatever the clock', () => {
    expect(layerClockScale({ backend: 'cuda' })).toBe(1);
    expect(layerClockScale({ backend: 'cuda', gpuClockMHz: 0 })).toBe(1);
    expect(layerClockScale({ backend: 'vulkan', gpuClockMHz: ref / 2 })).toBeCloseTo(2, 9);
    expect(layerClockScale({ backend: 'metal', gpuClockMHz: 1398 })).toBe(1);
    expect(layerClockScale({ backend: 'cpu', gpuClockMHz: 5000 })).toBe(1);
    const noClock = estimateSpeedDetail(input({ hardware: cuda }));
    expect(noClock.decode.overheadMs).toBeCloseTo(32 * BACKEND_CALIBRATION.cuda.layerOverheadMs, 9);
  });
});

describe('prompt processing', () => {
  it('uses the GPU’s own FP16 figure when known: an iGPU is not priced by a discrete card’s FLOPS per GB/s', () => {
    const known = estimateSpeedDetail(input());
    const unknown = estimateSpeedDetail(input({ hardware: { ...strix, fp16Tflops: null } }));
    expect(known.prompt.tflopsFrom).toBe('spec');
    expect(unknown.prompt.tflopsFrom).toBe('bandwidth');
    expect(known.prompt.tflops).toBe(29.7);
  });

  it('a mixture of experts runs its expert GEMMs at the backend’s MoE share of the dense rate', () => {
    expect(isMixtureOfExperts(moe, 24)).toBe(true);
    expect(isMixtureOfExperts(dense, 32)).toBe(false);
    const m = estimateSpeedDetail(input({ weights: moe, totalLayers: 24, gpuLayers: 24, activeParams: 4.2e9, quant: 'MXFP4' }));
    const asDense = estimateSpeedDetail(input({ weights: { ...moe, bytesReadPerToken: moe.totalBytes }, totalLayers: 24, gpuLayers: 24, activeParams: 4.2e9, quant: 'MXFP4' }));
    expect(m.prompt.computeMs / asDense.prompt.computeMs).toBeCloseTo(1 / MOE_PROMPT_EFFICIENCY.vulkan.value, 6);
    expect(MOE_PROMPT_EFFICIENCY.vulkan.value).toBeLessThan(1);
    // Decode of an MoE reads only the routed experts: faster than reading every expert.
    expect(m.decodeTokensPerSecond).toBeGreaterThan(asDense.decodeTokensPerSecond);
  });
});

describe('prompt without flash attention', () => {
  const on = () => estimateSpeedDetail(input({ attentionHeads: 32 }));
  it('writes and re-reads a score per head and KV position per layer: cost ∝ heads × context, at the memory rate', () => {
    const off = estimateSpeedDetail(input({ attentionHeads: 32, flashAttention: false }));
    const rate = 256e9 * BACKEND_CALIBRATION.vulkan.decodeEfficiency;
    expect(off.prompt.attentionMs).toBeCloseTo(((32 * 32 * 512 * FA_OFF_SCORE_BYTES.value) / rate) * 1000, 9);
    expect(off.promptTokensPerSecond).toBeLessThan(on().promptTokensPerSecond);
    // Twice the heads (gpt-oss: 64 × 64 against Llama's 32 × 128), twice the cost; twice the context, twice again.
    const heads64 = estimateSpeedDetail(input({ attentionHeads: 64, flashAttention: false }));
    const long = estimateSpeedDetail(input({ attentionHeads: 32, flashAttention: false, contextLength: 1024 }));
    expect(heads64.prompt.attentionMs / off.prompt.attentionMs).toBeCloseTo(2, 9);
    expect(long.prompt.attentionMs / off.prompt.attentionMs).toBeCloseTo(2, 9);
    expect(off.explanation).toContain('without flash attention');
    // Decode is not touched.
    expect(off.decodeTokensPerSecond).toBeCloseTo(on().decodeTokensPerSecond, 9);
  });

  it('costs nothing with flash attention (the default), without a head count, or on the CPU', () => {
    expect(on().prompt.attentionMs).toBe(0);
    expect(estimateSpeedDetail(input({ flashAttention: false })).prompt.attentionMs).toBe(0);
    const cpu: SpeedHardware = { memoryBandwidthGBps: 100, fp16Tflops: null, backend: 'cpu', gpus: 0, ramBandwidthGBps: 100 };
    expect(estimateSpeedDetail(input({ hardware: cpu, attentionHeads: 32, flashAttention: false })).prompt.attentionMs).toBe(0);
  });
});

describe('Apple two-die chips', () => {
  const mac = (gbps: number): SpeedHardware => ({ memoryBandwidthGBps: gbps, fp16Tflops: 20, backend: 'metal', gpus: 1, ramBandwidthGBps: gbps });
  it('an Ultra (two Max dies, 800 GB/s and up) reaches a smaller share of its bandwidth than one die', () => {
    expect(isTwoDieApple(mac(800))).toBe(true);
    expect(isTwoDieApple(mac(614))).toBe(false);
    expect(isTwoDieApple({ ...mac(1008), backend: 'cuda' })).toBe(false);
    expect(METAL_TWO_DIE.decodeEfficiency).toBeLessThan(BACKEND_CALIBRATION.metal.decodeEfficiency);
    // Twice the bandwidth of a Max, but not twice its decode speed.
    const max = estimateSpeedDetail(input({ hardware: mac(400) }));
    const ultra = estimateSpeedDetail(input({ hardware: mac(800) }));
    expect(ultra.decodeTokensPerSecond / max.decodeTokensPerSecond).toBeGreaterThan(1.1);
    expect(ultra.decodeTokensPerSecond / max.decodeTokensPerSecond).toBeLessThan(1.6);
    expect(ultra.decode.overheadMs).toBeCloseTo(32 * METAL_TWO_DIE.layerOverheadMs, 6);
  });
});
