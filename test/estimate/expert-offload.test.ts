// The experts-in-RAM plan (src/estimate/expert-offload.ts): the smallest --n-cpu-moe N that fits,
// memory on each side, and the speed from the bytes each side reads per token.
import { describe, expect, it } from 'vitest';
import {
  EXPERT_LAYER_HANDOFF_MS,
  estimateExpertOffloadSpeed,
  expertBytesByLayer,
  expertPlanAt,
  expertsInRam,
  expertsUsedShare,
  hasRoutedExperts,
  microBatches,
  minimalExpertPlan,
} from '../../src/estimate/expert-offload.js';
import { checkFit } from '../../src/estimate/fit.js';
import { estimateMemory } from '../../src/estimate/memory.js';
import { placedTensors } from '../../src/estimate/weights.js';
import { estimateSpeedDetail } from '../../src/estimate/speed.js';
import type { ModelShape, SpeedHardware } from '../../src/estimate/types.js';
import { DEEPSEEK_V2_LITE, GPT_OSS_20B, LLAMA_8B, MIXTRAL } from './shapes.js';

import { GiB, gpu } from './requests.js';
const memOf = (shape: ModelShape, quant: 'Q4_K_M' | 'MXFP4' | 'Q8_0' = 'Q4_K_M', gpus = 1) =>
  estimateMemory(shape, quant, { contextLength: 8192, kvType: 'f16', flashAttn: true, gpus, gpuContext: true });
const RTX_3090: SpeedHardware = { memoryBandwidthGBps: 936, fp16Tflops: 142, backend: 'cuda', gpus: 1, ramBandwidthGBps: 51.2 };

describe('expert tensors per layer', () => {
  it('sum to the routed tensors, and only layers with experts have any (DeepSeek: layer 0 is dense)', () => {
    const mem = memOf(DEEPSEEK_V2_LITE);
    const per = expertBytesByLayer(mem.weights, DEEPSEEK_V2_LITE.layers);
    expect(per[0]).toBe(0);
    expect(per.slice(1).every((b) => b > 0)).toBe(true);
    const routed = placedTensors(DEEPSEEK_V2_LITE, 'Q4_K_M').filter((t) => t.routed).reduce((a, t) => a + t.bytes, 0);
    expect(per.reduce((a, b) => a + b, 0)).toBeCloseTo(routed, 0);
  });

  it('a dense model has none: no experts plan, ever', () => {
    const mem = memOf(LLAMA_8B);
    expect(hasRoutedExperts(LLAMA_8B, mem.weights)).toBe(false);
    expect(minimalExpertPlan(mem, LLAMA_8B, gpu(2))).toBeNull();
    expect(minimalExpertPlan(mem, LLAMA_8B, gpu(4))).toBeNull();
  });
});

describe('the smallest --n-cpu-moe that fits', () => {
  const cases: [string, ModelShape, number][] = [
    ['Mixtral 8x7B Q4_K_M on 16 GiB', MIXTRAL, 16],
    ['Mixtral 8x7B Q4_K_M on 12 GiB', MIXTRAL, 12],
    ['gpt-oss-20b on 8 GiB', GPT_OSS_20B, 8],
    ['DeepSeek-V2-Lite on 4 GiB', DEEPSEEK_V2_LITE, 4],
  ];
  for (const [name, shape, gib] of cases) {
    it(`${name}: N fits, N-1 does not, and the bytes add up`, () => {
      const mem = memOf(shape, shape === GPT_OSS_20B ? 'MXFP4' : 'Q4_K_M');
      const budget = gpu(gib);
      const p = minimalExpertPlan(mem, shape, budget)!;
      expect(p).not.toBeNull();
      expect(p.gpuFits).toBe(true);
      expect(p.cpuMoeLayers).toBeGreaterThan(0);
      expect(expertPlanAt(mem, shape, budget, p.cpuMoeLayers - 1).gpuFits).toBe(false);
      // Every layer stays on the GPU; the experts of the first N layers move to RAM.
      expect(p.gpuLayers).toBe(shape.layers);
      const per = expertBytesByLayer(mem.weights, shape.layers);
      const inRam = per.slice(0, p.cpuMoeLayers).reduce((a, b) => a + b, 0);
      expect(p.ramBytes).toBe(Math.round(inRam));
      expect(p.copyBufferBytes).toBe(Math.round(Math.max(...per.slice(0, p.cpuMoeLayers))));
      // GPU + RAM = the whole model, plus the copy room for one layer's experts.
      expect(Math.abs(p.gpuBytes + p.ramBytes - (mem.totalBytes + p.copyBufferBytes))).toBeLessThanOrEqual(2);
      expect(p.gpuBytes).toBeLessThanOrEqual(gib * GiB);
      expect(p.ramFits).toBe(p.ramBytes <= 64 * GiB);
    });
  }

  it('DeepSeek: N = 1 moves nothing (layer 0 is dense); layers with experts are counted apart', () => {
    const mem = memOf(DEEPSEEK_V2_LITE);
    const one = expertPlanAt(mem, DEEPSEEK_V2_LITE, gpu(24), 1);
    expect(one.ramBytes).toBe(0);
    expect(one.moeLayersInRam).toBe(0);
    const five = expertPlanAt(mem, DEEPSEEK_V2_LITE, gpu(24), 5);
    expect(five.moeLayersInRam).toBe(4);
  });

  it('more layers in RAM never need more GPU memory (the search is sound)', () => {
    const mem = memOf(MIXTRAL);
    let prev = Infinity;
    for (let n = 0; n <= MIXTRAL.layers; n += 1) {
      const p = expertPlanAt(mem, MIXTRAL, gpu(16), n);
      expect(p.gpuBytes).toBeLessThanOrEqual(prev + (n === 1 ? p.copyBufferBytes : 0));
      prev = p.gpuBytes;
    }
  });

  it('N past the layer count is every layer, as llama.cpp takes it (its regexes then match nothing more)', () => {
    const mem = memOf(MIXTRAL);
    expect(expertPlanAt(mem, MIXTRAL, gpu(16), 500).cpuMoeLayers).toBe(MIXTRAL.layers);
  });

  it('null when even every expert in RAM leaves too much on the GPU', () => {
    const mem = memOf(MIXTRAL);
    expect(minimalExpertPlan(mem, MIXTRAL, gpu(1))).toBeNull();
  });

  it('RAM that cannot hold the experts is reported, not hidden', () => {
    const mem = memOf(MIXTRAL);
    const p = minimalExpertPlan(mem, MIXTRAL, gpu(8, 1, 8))!;
    expect(p.ramBytes).toBeGreaterThan(8 * GiB);
    expect(p.ramFits).toBe(false);
    expect(minimalExpertPlan(mem, MIXTRAL, gpu(8, 1, null))!.ramFits).toBeNull();
  });

  it('two cards: the split is per card, and each card fits', () => {
    const mem = memOf(MIXTRAL, 'Q4_K_M', 2);
    const p = minimalExpertPlan(mem, MIXTRAL, gpu(10, 2))!;
    expect(p.split).toHaveLength(2);
    expect(p.split.every((s) => s.bytes <= s.budgetBytes)).toBe(true);
    expect(p.gpuBytes).toBe(p.split.reduce((a, s) => a + s.bytes, 0));
  });
});

describe('speed of experts in RAM', () => {
  it('decode: GPU reads + active experts from RAM, summed as times; bytes per token add up to the model\'s', () => {
    const mem = memOf(MIXTRAL);
    const plan = expertPlanAt(mem, MIXTRAL, gpu(16), 20);
    const s = estimateExpertOffloadSpeed({ hardware: RTX_3090, plan: expertsInRam(plan, MIXTRAL), weights: mem.weights, activeParams: MIXTRAL.activeParams, kvCacheBytes: mem.kvCacheBytes, contextLength: 8192, quant: 'Q4_K_M' });
    const ratio = 2 / 8;
    expect(s.decode.ramBytes).toBeCloseTo(plan.expertBytesInRam * ratio, 0);
    expect(s.decode.gpuBytes + s.decode.ramBytes).toBeCloseTo(mem.weights.bytesReadPerToken + mem.kvCacheBytes, 0);
    expect(s.decode.totalMs).toBeCloseTo(s.decode.gpuMs + s.decode.ramMs + s.decode.overheadMs + s.decode.handoffMs, 9);
    // One hand-off to the CPU and back per layer whose experts are in RAM (every Mixtral layer has experts).
    expect(s.decode.handoffMs).toBeCloseTo(20 * EXPERT_LAYER_HANDOFF_MS.value, 9);
    expect(s.explanation).toContain('20 hand-offs to the CPU and back');
    expect(s.decodeTokensPerSecond).toBeCloseTo(1000 / s.decode.totalMs, 9);
    expect(s.explanation).toContain('--n-cpu-moe 20');
  });

  it('faster RAM, faster decode; more layers in RAM, slower decode', () => {
    const mem = memOf(MIXTRAL);
    const at = (n: number, ram: number) =>
      estimateExpertOffloadSpeed({
        hardware: { ...RTX_3090, ramBandwidthGBps: ram },
        plan: expertsInRam(expertPlanAt(mem, MIXTRAL, gpu(16), n), MIXTRAL),
        weights: mem.weights,
        activeParams: MIXTRAL.activeParams,
        kvCacheBytes: mem.kvCacheBytes,
        contextLength: 8192,
        quant: 'Q4_K_M',
      }).decodeTokensPerSecond;
    expect(at(20, 100)).toBeGreaterThan(at(20, 50));
    expect(at(24, 50)).toBeLessThan(at(20, 50));
  });

  it('gpt-oss-20b on 8 GiB: beats whole layers in RAM at the same budget (attention and KV of every layer stay on the GPU)', () => {
    const mem = memOf(GPT_OSS_20B, 'MXFP4');
    const budget = gpu(8);
    const plan = minimalExpertPlan(mem, GPT_OSS_20B, budget)!;
    const experts = estimateExpertOffloadSpeed({ hardware: RTX_3090, plan: expertsInRam(plan, GPT_OSS_20B), weights: mem.weights, activeParams: GPT_OSS_20B.activeParams, kvCacheBytes: mem.kvCacheBytes, contextLength: 8192, quant: 'MXFP4' });
    // Whole-layer offload of the same model at the same budget: the layer count the fit verdict gives.
    const v = checkFit({ shape: GPT_OSS_20B, quant: 'MXFP4', contextLength: 8192, kvType: 'f16', flashAttn: true, budget });
    expect(v.fits).toBe(false);
    const layers = estimateSpeedDetail({
      hardware: RTX_3090,
      weights: mem.weights,
      kvCacheBytes: mem.kvCacheBytes,
      contextLength: 8192,
      activeParams: GPT_OSS_20B.activeParams,
      quant: 'MXFP4',
      gpuLayers: v.offload!.gpuLayers,
      totalLayers: GPT_OSS_20B.layers,
    });
    expect(experts.decodeTokensPerSecond).toBeGreaterThan(layers.decodeTokensPerSecond);
  });

  it('prompt: the used experts are copied over PCIe per micro-batch; a 512-token batch uses nearly all of them', () => {
    expect(expertsUsedShare(4, 128, 512)).toBeGreaterThan(0.99);
    expect(expertsUsedShare(4, 128, 1)).toBeCloseTo(4 / 128, 9);
    expect(expertsUsedShare(8, 8, 1)).toBe(1);
    const mem = memOf(MIXTRAL);
    const none = expertPlanAt(mem, MIXTRAL, gpu(48), 0);
    const some = expertPlanAt(mem, MIXTRAL, gpu(48), 16);
    const sp = (p: typeof none) =>
      estimateExpertOffloadSpeed({ hardware: RTX_3090, plan: expertsInRam(p, MIXTRAL), weights: mem.weights, activeParams: MIXTRAL.activeParams, kvCacheBytes: mem.kvCacheBytes, contextLength: 8192, quant: 'Q4_K_M' });
    expect(sp(none).prompt.transferMs).toBe(0);
    expect(sp(some).prompt.transferMs).toBeGreaterThan(0);
    expect(sp(some).promptTokensPerSecond).toBeLessThan(sp(none).promptTokensPerSecond);
  });

  it('prompt: the experts are copied once per micro-batch, so a short prompt (or a short last micro-batch) pays more per token', () => {
    expect(microBatches(307, 512)).toEqual({ count: 1, largest: 307 });
    expect(microBatches(1024, 512)).toEqual({ count: 2, largest: 512 });
    expect(microBatches(5500, 512)).toEqual({ count: 11, largest: 512 });
    const mem = memOf(MIXTRAL);
    const plan = expertsInRam(expertPlanAt(mem, MIXTRAL, gpu(48), 16), MIXTRAL);
    const at = (promptTokens?: number) =>
      estimateExpertOffloadSpeed({ hardware: RTX_3090, plan, weights: mem.weights, activeParams: MIXTRAL.activeParams, kvCacheBytes: mem.kvCacheBytes, contextLength: 8192, quant: 'Q4_K_M', ...(promptTokens === undefined ? {} : { promptTokens }) });
    // The default is one full micro-batch (pp512); whole multiples of it read at the same rate.
    expect(at().prompt.microBatches).toBe(1);
    expect(at(1024).promptTokensPerSecond).toBeCloseTo(at().promptTokensPerSecond, 6);
    // 256 tokens: the same copy (Mixtral's 2 of 8 experts are all used by 256 tokens) over half the tokens.
    expect(at(256).prompt.transferMs).toBeCloseTo(2 * at().prompt.transferMs, 6);
    expect(at(256).promptTokensPerSecond).toBeLessThan(at().promptTokensPerSecond);
    // 513 tokens: two copies for barely more than one micro-batch of tokens.
    expect(at(513).prompt.microBatches).toBe(2);
    expect(at(513).prompt.transferMs).toBeGreaterThan(1.9 * at().prompt.transferMs);
    expect(at(256).explanation).toContain('1 for 256 tokens');
  });
});

describe('the smallest --n-cpu-moe N on one card', () => {
  /** The search as a plain bisection over expertPlanAt: what the one-card shortcut must agree with. */
  const bisected = (mem: ReturnType<typeof memOf>, shape: ModelShape, budget: ReturnType<typeof gpu>) => {
    const all = expertPlanAt(mem, shape, budget, shape.layers);
    if (!all.gpuFits) return null;
    let lo = -1;
    let hi = shape.layers;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (expertPlanAt(mem, shape, budget, mid).gpuFits) hi = mid;
      else lo = mid;
    }
    return expertPlanAt(mem, shape, budget, hi);
  };

  it('equals the bisection for every card size from 1 to 64 GiB and 1 or 2 cards, to the byte', () => {
    let found = 0;
    for (const shape of [DEEPSEEK_V2_LITE, GPT_OSS_20B, MIXTRAL]) {
      for (const quant of ['Q4_K_M', 'Q8_0'] as const) {
        for (const gpus of [1, 2]) {
          const mem = memOf(shape, quant, gpus);
          for (let gib = 1; gib <= 64; gib += 0.25) {
            const budget = gpu(gib, gpus);
            const want = bisected(mem, shape, budget);
            expect(minimalExpertPlan(mem, shape, budget), `${quant} ${gpus}× ${gib} GiB`).toEqual(want);
            if (want && want.cpuMoeLayers > 0 && want.cpuMoeLayers < shape.layers) found += 1;
          }
        }
      }
    }
    // Most sizes land between "all experts in RAM" and "none": the shortcut is exercised.
    expect(found).toBeGreaterThan(100);
  });
});
