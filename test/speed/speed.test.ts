import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateSpeed, estimateSpeedDetail, quantFamily, splitReads } from '../../src/estimate/speed.js';
import type { SpeedHardware, SpeedInput, WeightsEstimate } from '../../src/estimate/types.js';

// Llama 3.1 8B Q4_K_M-like weights: 4.92 GB file, output head read, token embedding looked up.
const dense: WeightsEstimate = {
  totalBytes: 4.92e9,
  bytesReadPerToken: 4.6e9,
  perLayerBytes: (4.92e9 - 0.64e9) / 32,
  nonLayerBytes: 0.64e9,
  bitsPerWeight: 4.9,
};
const rtx4090: SpeedHardware = { memoryBandwidthGBps: 1008, fp16Tflops: 330, backend: 'cuda', gpus: 1, ramBandwidthGBps: 51.2 };

function input(over: Partial<SpeedInput> = {}): SpeedInput {
  return {
    hardware: rtx4090,
    weights: dense,
    kvCacheBytes: 0,
    contextLength: 512,
    activeParams: 8.03e9,
    quant: 'Q4_K_M',
    gpuLayers: 32,
    totalLayers: 32,
    ...over,
  };
}

describe('decode', () => {
  it('is faster with more memory bandwidth', () => {
    fc.assert(
      fc.property(fc.double({ min: 50, max: 5000, noNaN: true }), fc.double({ min: 1.01, max: 4, noNaN: true }), (bw, k) => {
        const slow = estimateSpeed(input({ hardware: { ...rtx4090, memoryBandwidthGBps: bw } }));
        const fast = estimateSpeed(input({ hardware: { ...rtx4090, memoryBandwidthGBps: bw * k } }));
        expect(fast.decodeTokensPerSecond).toBeGreaterThan(slow.decodeTokensPerSecond);
      }),
    );
  });

  it('is slower with every layer that spills to RAM', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), (g) => {
        const more = estimateSpeed(input({ gpuLayers: g })).decodeTokensPerSecond;
        const fewer = estimateSpeed(input({ gpuLayers: g - 1 })).decodeTokensPerSecond;
        expect(fewer).toBeLessThan(more);
      }),
    );
  });

  it('falls steeply when layers spill: 4 of 32 layers in RAM cost most of the speed', () => {
    const full = estimateSpeed(input()).decodeTokensPerSecond;
    const spilled = estimateSpeed(input({ gpuLayers: 28 })).decodeTokensPerSecond;
    const cpu = estimateSpeed(input({ gpuLayers: 0 })).decodeTokensPerSecond;
    expect(spilled).toBeLessThan(full * 0.3);
    expect(cpu).toBeLessThan(spilled);
    // All in RAM: 4.6 GB at 0.675 × 0.9 × 51.2 GB/s ≈ 148 ms per token.
    expect(cpu).toBeCloseTo(1000 / ((4.6e9 / (0.675 * 0.9 * 51.2e9)) * 1000), 1);
    expect(estimateSpeed(input({ gpuLayers: 28 })).explanation).toContain('4 of 32 layers in RAM');
  });

  it('reads only the active experts of a MoE: faster than a dense model of the same size', () => {
    const moe: WeightsEstimate = { ...dense, bytesReadPerToken: dense.totalBytes * 0.2 };
    const d = estimateSpeed(input());
    const m = estimateSpeed(input({ weights: moe, activeParams: 8.03e9 * 0.2 }));
    expect(m.decodeTokensPerSecond).toBeGreaterThan(d.decodeTokensPerSecond * 2);
    expect(m.promptTokensPerSecond).toBeGreaterThan(d.promptTokensPerSecond * 2);
  });

  it('is slower with a longer context (the KV cache is read every token)', () => {
    const short = estimateSpeed(input({ kvCacheBytes: 0 })).decodeTokensPerSecond;
    const long = estimateSpeed(input({ kvCacheBytes: 4e9, contextLength: 32768 })).decodeTokensPerSecond;
    // 4 GB more per token on top of 4.6 GB of weights.
    expect(long).toBeLessThan(short * 0.7);
  });

  it('is slower for k-quants and i-quants than for Q4_0 of the same bytes (dequantization cost)', () => {
    const q40 = estimateSpeed(input({ quant: 'Q4_0' })).decodeTokensPerSecond;
    const k = estimateSpeed(input({ quant: 'Q4_K_M' })).decodeTokensPerSecond;
    const iq = estimateSpeed(input({ quant: 'IQ4_XS' })).decodeTokensPerSecond;
    expect(k).toBeLessThan(q40);
    expect(iq).toBeLessThan(k);
  });

  it('matches the model arithmetic: bytes ÷ (efficiency × bandwidth) + layers × per-layer cost', () => {
    const d = estimateSpeedDetail(input({ quant: 'Q4_0' }));
    // CUDA: 0.88 × 1008 GB/s, 0.045 ms per layer at the reference clock (speed-calibration.ts; no clock given).
    const expected = 1000 / ((4.6e9 / (0.88 * 1008e9)) * 1000 + 32 * 0.045);
    expect(d.decodeTokensPerSecond).toBeCloseTo(expected, 6);
    expect(d.decode.ramBytes).toBe(0);
  });

  it('layer split over two GPUs runs at about one card’s speed; tensor parallelism is faster', () => {
    const one = estimateSpeed(input()).decodeTokensPerSecond;
    const split = estimateSpeed(input({ hardware: { ...rtx4090, gpus: 2 }, multiGpu: 'layer-split' }));
    const tp = estimateSpeed(input({ hardware: { ...rtx4090, gpus: 2 }, multiGpu: 'tensor-parallel' }));
    expect(split.decodeTokensPerSecond).toBeCloseTo(one, 6);
    expect(split.explanation).toContain("about one card's speed");
    expect(tp.decodeTokensPerSecond).toBeGreaterThan(one);
    // Fixed per-layer costs and all-reduces keep it under twice the speed.
    expect(tp.decodeTokensPerSecond).toBeLessThan(2 * one);
    expect(tp.explanation).toContain('all-reduce');
  });

  it('NVLink all-reduces cost less than PCIe ones', () => {
    const i = input({ hardware: { ...rtx4090, gpus: 4 }, multiGpu: 'tensor-parallel' });
    expect(estimateSpeed(i, { interconnect: 'nvlink' }).decodeTokensPerSecond).toBeGreaterThan(
      estimateSpeed(i, { interconnect: 'pcie' }).decodeTokensPerSecond,
    );
  });

  it('CPU-only hardware reads everything from RAM whatever gpuLayers says', () => {
    const cpu: SpeedHardware = { memoryBandwidthGBps: 51.2, fp16Tflops: null, backend: 'cpu', gpus: 0, ramBandwidthGBps: 51.2 };
    const a = estimateSpeedDetail(input({ hardware: cpu, gpuLayers: 32 }));
    expect(a.gpuLayers).toBe(0);
    expect(a.decode.gpuBytes).toBe(0);
    expect(a.decodeTokensPerSecond).toBeGreaterThan(0);
  });
});

describe('prompt', () => {
  it('is faster with more FP16 throughput and slower with more active parameters', () => {
    fc.assert(
      fc.property(fc.double({ min: 5, max: 2000, noNaN: true }), fc.double({ min: 1e8, max: 4e11, noNaN: true }), (tflops, params) => {
        const a = estimateSpeed(input({ hardware: { ...rtx4090, fp16Tflops: tflops }, activeParams: params }));
        const b = estimateSpeed(input({ hardware: { ...rtx4090, fp16Tflops: tflops * 2 }, activeParams: params }));
        const c = estimateSpeed(input({ hardware: { ...rtx4090, fp16Tflops: tflops }, activeParams: params * 2 }));
        expect(b.promptTokensPerSecond).toBeGreaterThan(a.promptTokensPerSecond);
        expect(c.promptTokensPerSecond).toBeLessThan(a.promptTokensPerSecond);
      }),
    );
  });

  it('estimates FP16 throughput from bandwidth when the card’s figure is unknown, and says so', () => {
    const e = estimateSpeed(input({ hardware: { ...rtx4090, fp16Tflops: null } }));
    expect(e.promptTokensPerSecond).toBeGreaterThan(0);
    expect(e.explanation).toContain('estimated from bandwidth');
  });

  it('pays for copying RAM-resident layers to the GPU on a discrete card, not on unified memory', () => {
    const cuda = estimateSpeedDetail(input({ gpuLayers: 16 }));
    expect(cuda.prompt.transferMs).toBeGreaterThan(0);
    const mac = estimateSpeedDetail(input({ gpuLayers: 16, hardware: { ...rtx4090, backend: 'metal', fp16Tflops: 27.2 } }));
    expect(mac.prompt.transferMs).toBe(0);
  });
});

describe('explanation', () => {
  it('is one line naming the figures it used', () => {
    const e = estimateSpeed(input());
    expect(e.explanation).not.toContain('\n');
    expect(e.explanation).toMatch(/^decode ≈ 1 \/ \(4\.6 GB ÷ \(0\.79 × 1008 GB\/s\) \+ 32 layers × 0\.045 ms\) per token ≈ \d+ tok\/s; prompt ≈ 0\.43 × 330 TFLOPS/);
    expect(e.explanation).toContain('CUDA, k-quant');
  });

  it('names the per-layer cost of a card without CUDA graphs', () => {
    const e = estimateSpeed(input({ hardware: { ...rtx4090, cudaGraphs: false } }));
    expect(e.explanation).toContain('(no CUDA graphs)');
  });
});

describe('edge inputs stay finite and positive', () => {
  it.each([
    ['no layers', { totalLayers: 0, gpuLayers: 0 }],
    ['gpuLayers above totalLayers', { gpuLayers: 99 }],
    ['negative gpuLayers', { gpuLayers: -3 }],
    ['zero active params', { activeParams: 0 }],
    ['zero RAM bandwidth', { hardware: { ...rtx4090, ramBandwidthGBps: 0 }, gpuLayers: 10 }],
    ['zero GPU bandwidth', { hardware: { ...rtx4090, memoryBandwidthGBps: 0 } }],
  ] as [string, Partial<SpeedInput>][])('%s', (_label, over) => {
    const e = estimateSpeed(input(over));
    expect(Number.isFinite(e.decodeTokensPerSecond) && e.decodeTokensPerSecond > 0).toBe(true);
    expect(e.promptTokensPerSecond > 0).toBe(true);
  });
});

describe('quantFamily', () => {
  it.each([
    ['Q4_0', 'legacy'],
    ['Q8_0', 'legacy'],
    ['Q4_K_M', 'k'],
    ['q6_k', 'k'],
    ['IQ4_XS', 'iq'],
    ['IQ2_XXS', 'iq'],
    ['F16', 'float'],
    ['BF16', 'float'],
    ['MXFP4', 'mxfp4'],
    ['AWQ-INT4', 'gpu-int4'],
    ['GPTQ-INT4', 'gpu-int4'],
    ['FP8', 'gpu-8bit'],
  ])('%s → %s', (q, f) => expect(quantFamily(q)).toBe(f));
});

describe('splitReads', () => {
  it('dense: every layer whole, the rest is the output head', () => {
    const s = splitReads(dense, 32);
    expect(s.perLayer).toBeCloseTo(dense.perLayerBytes, 3);
    expect(s.perLayer * 32 + s.nonLayer).toBeCloseTo(dense.bytesReadPerToken, 0);
  });
  it('MoE: reads spread in proportion, summing to bytesReadPerToken', () => {
    const moe = { ...dense, bytesReadPerToken: 1e9 };
    const s = splitReads(moe, 32);
    expect(s.perLayer * 32 + s.nonLayer).toBeCloseTo(1e9, 0);
    expect(s.perLayer).toBeLessThan(dense.perLayerBytes);
  });
});
