import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestQuantThatFits, checkFit, maxContextThatFits } from '../../src/estimate/fit.js';
import { estimateMemory } from '../../src/estimate/memory.js';
import { QUALITY_ORDER, type GgufQuant } from '../../src/estimate/quants.js';
import { shapeFromParams } from '../../src/estimate/shape.js';
import type { MemoryBudget } from '../../src/estimate/types.js';
import { LLAMA_70B, LLAMA_8B } from './shapes.js';

import { GiB, gpu, req } from './requests.js';

describe('fit verdicts', () => {
  it('no budget: fits is null, the memory is still computed', () => {
    const v = checkFit(req({ budget: null }));
    expect(v.fits).toBeNull();
    expect(v.memory.totalBytes).toBeGreaterThan(5 * GiB);
    expect(maxContextThatFits(req({ budget: null }))).toBeNull();
    expect(bestQuantThatFits(req({ budget: null }))).toBeNull();
  });

  it('Llama 3.1 8B Q4_K_M fits a 24 GiB card with room to spare; all layers on the GPU', () => {
    const v = checkFit(req({}));
    expect(v.fits).toBe(true);
    expect(v.headroomBytes).toBe(24 * GiB - v.memory.totalBytes);
    expect(v.offload).toMatchObject({ gpuLayers: 32, totalLayers: 32, outputOnGpu: true, ramBytes: 0 });
  });

  it('Llama 3.1 70B Q4_K_M does not fit 24 GiB: partial offload of the last layers, the rest in RAM', () => {
    const v = checkFit(req({ shape: LLAMA_70B }));
    expect(v.fits).toBe(false);
    const o = v.offload!;
    expect(o.gpuLayers).toBeGreaterThan(30);
    expect(o.gpuLayers).toBeLessThan(80);
    expect(o.outputOnGpu).toBe(false);
    expect(o.gpuBytes).toBeLessThanOrEqual(24 * GiB);
    expect(o.ramBytes).toBeGreaterThan(15 * GiB);
    expect(o.ramFits).toBe(true);
    // One more layer would not fit.
    const perLayer = v.memory.weights.layerBytes[0]! + v.memory.kvCacheBytes / 80;
    expect(o.gpuBytes + perLayer).toBeGreaterThan(24 * GiB);
    expect(checkFit(req({ shape: LLAMA_70B, budget: gpu(24, 1, 8) })).offload!.ramFits).toBe(false);
    expect(checkFit(req({ shape: LLAMA_70B, budget: gpu(24, 1, null) })).offload!.ramFits).toBeNull();
  });

  it('two 24 GiB cards hold 70B Q4_K_M: whole layers per card, each with its own compute buffer and context', () => {
    const v = checkFit(req({ shape: LLAMA_70B, budget: gpu(24, 2) }));
    expect(v.fits).toBe(true);
    expect(v.split).toHaveLength(2);
    expect(v.split!.map((s) => s.layers)).toEqual([40, 40]);
    expect(v.split![1]!.bytes).toBeGreaterThan(v.split![0]!.bytes); // the output head is on the last card
    expect(v.split!.reduce((a, s) => a + s.bytes, 0)).toBe(v.memory.totalBytes);
    // Pooled memory is not the test: 2 × 20 GiB = 40 GiB does not hold it, per card.
    expect(checkFit(req({ shape: LLAMA_70B, budget: gpu(20, 2) })).fits).toBe(false);
  });

  it('CPU only: fits when RAM holds everything', () => {
    const cpu: MemoryBudget = { vramBytesPerGpu: 0, gpus: 0, ramBytes: 16 * GiB, unifiedMemory: false };
    const v = checkFit(req({ budget: cpu }));
    expect(v.mode).toBe('cpu');
    expect(v.fits).toBe(true);
    expect(v.memory.overhead.contextBytes).toBe(0);
    expect(checkFit(req({ shape: LLAMA_70B, budget: cpu })).fits).toBe(false);
    expect(checkFit(req({ budget: { ...cpu, ramBytes: null } })).fits).toBeNull();
  });

  it('Apple unified memory: one pool, no CUDA context, no partial offload', () => {
    const mac: MemoryBudget = { vramBytesPerGpu: 48 * GiB, gpus: 1, ramBytes: 64 * GiB, unifiedMemory: true };
    const v = checkFit(req({ shape: LLAMA_70B, budget: mac }));
    expect(v.mode).toBe('unified');
    expect(v.fits).toBe(true);
    expect(v.offload).toBeNull();
    expect(v.memory.overhead.contextBytes).toBe(0);
  });

  it('largest context: fits at the answer, not 256 tokens more, and never above the model maximum', () => {
    const r = req({ shape: LLAMA_70B, budget: gpu(48) });
    const max = maxContextThatFits(r)!;
    expect(max % 256).toBe(0);
    expect(checkFit({ ...r, contextLength: max }).fits).toBe(true);
    expect(checkFit({ ...r, contextLength: max + 256 }).fits).toBe(false);
    expect(maxContextThatFits(req({ budget: gpu(80) }))).toBe(131072);
    expect(maxContextThatFits(req({ shape: LLAMA_70B, budget: gpu(8) }))).toBeNull();
  });

  it('best quantization: the highest quality that fits whole', () => {
    expect(bestQuantThatFits(req({ budget: gpu(24) }))).toBe('F16');
    const q = bestQuantThatFits(req({ shape: LLAMA_70B, budget: gpu(24) }))!;
    expect(checkFit(req({ shape: LLAMA_70B, quant: q })).fits).toBe(true);
    const better = QUALITY_ORDER[QUALITY_ORDER.indexOf(q as GgufQuant) - 1]!;
    expect(checkFit(req({ shape: LLAMA_70B, quant: better })).fits).toBe(false);
    expect(bestQuantThatFits(req({ shape: LLAMA_70B, budget: gpu(4) }))).toBeNull();
  });

  it('multi-GPU partial offload spreads the GPU layers over the cards', () => {
    const v = checkFit(req({ shape: LLAMA_70B, quant: 'Q8_0', budget: gpu(24, 2) }));
    expect(v.fits).toBe(false);
    expect(v.split!.reduce((a, s) => a + s.layers, 0)).toBe(v.offload!.gpuLayers);
    for (const s of v.split!) expect(s.bytes).toBeLessThanOrEqual(s.budgetBytes);
  });
});

describe('properties', () => {
  const opts = { contextLength: 8192, kvType: 'f16' as const, flashAttn: true, gpus: 1, gpuContext: true };

  it('memory grows with parameters', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 400, noNaN: true }), fc.double({ min: 1.02, max: 2, noNaN: true }), (b, k) => {
        const small = estimateMemory(shapeFromParams(b), 'Q4_K_M', opts).totalBytes;
        const big = estimateMemory(shapeFromParams(b * k), 'Q4_K_M', opts).totalBytes;
        return big > small;
      }),
      { numRuns: 60 },
    );
  });

  it('memory grows with bits per weight', () => {
    // Mixes of one family, by base bits. (Across families mixes can cross on small tied models:
    // Q2_K keeps a Q6_K head where IQ3_XXS uses Q5_K, so a 0.5 B Q2_K file is larger than IQ3_XXS.)
    const bySize: GgufQuant[] = ['IQ1_S', 'IQ2_XXS', 'IQ2_XS', 'Q2_K', 'Q3_K_S', 'Q3_K_M', 'Q3_K_L', 'Q4_K_S', 'Q4_K_M', 'Q5_K_S', 'Q5_K_M', 'Q6_K', 'Q8_0', 'F16', 'F32'];
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 200, noNaN: true }), (b) => {
        const shape = shapeFromParams(b);
        const sizes = bySize.map((q) => estimateMemory(shape, q, opts).weightsBytes);
        return sizes.every((s, i) => i === 0 || s > sizes[i - 1]!);
      }),
      { numRuns: 40 },
    );
  });

  it('memory grows with context', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400_000 }), fc.integer({ min: 257, max: 100_000 }), fc.boolean(), (ctx, more, fa) => {
        const o = { ...opts, flashAttn: fa };
        const a = estimateMemory(LLAMA_8B, 'Q4_K_M', { ...o, contextLength: ctx }).totalBytes;
        const b = estimateMemory(LLAMA_8B, 'Q4_K_M', { ...o, contextLength: ctx + more }).totalBytes;
        return b > a;
      }),
      { numRuns: 80 },
    );
  });

  it('fits ⇔ total ≤ budget (one GPU, unified memory, CPU only)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 150, noNaN: true }),
        fc.constantFrom<GgufQuant>('Q2_K', 'Q4_K_M', 'Q8_0', 'F16'),
        fc.integer({ min: 256, max: 131072 }),
        fc.double({ min: 1, max: 200, noNaN: true }),
        fc.constantFrom('gpu', 'unified', 'cpu'),
        (b, quant, ctx, gib, mode) => {
          const bytes = Math.round(gib * GiB);
          const budget: MemoryBudget =
            mode === 'gpu'
              ? { vramBytesPerGpu: bytes, gpus: 1, ramBytes: null, unifiedMemory: false }
              : mode === 'unified'
                ? { vramBytesPerGpu: bytes, gpus: 1, ramBytes: bytes, unifiedMemory: true }
                : { vramBytesPerGpu: 0, gpus: 0, ramBytes: bytes, unifiedMemory: false };
          const v = checkFit({ shape: shapeFromParams(b), quant, contextLength: ctx, kvType: 'f16', flashAttn: true, budget });
          return v.fits === (v.memory.totalBytes <= bytes);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('with several GPUs, fits ⇔ the fullest card holds its share (and then the total is within the pooled budget)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 300, noNaN: true }), fc.integer({ min: 1, max: 8 }), fc.double({ min: 4, max: 96, noNaN: true }), (b, gpus, gib) => {
        const budget: MemoryBudget = { vramBytesPerGpu: Math.round(gib * GiB), gpus, ramBytes: null, unifiedMemory: false };
        const v = checkFit({ shape: shapeFromParams(b), quant: 'Q4_K_M', contextLength: 8192, kvType: 'f16', flashAttn: true, budget });
        // headroomBytes is the smallest room over the cards with every layer placed.
        if (v.fits !== v.headroomBytes! >= 0) return false;
        if (v.fits && !v.split!.every((s) => s.bytes <= s.budgetBytes)) return false;
        return !v.fits || v.memory.totalBytes <= budget.vramBytesPerGpu * gpus;
      }),
      { numRuns: 80 },
    );
  });
});
