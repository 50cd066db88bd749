// The per-shape memos of the estimator (weights.ts, kv-cache.ts) and the weights-first skip of
// bestQuantThatFits change no number: a memo hit equals a fresh computation, a different shape,
// quant, mix or context misses, and the skip picks what trying every quant in order picks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestQuantThatFits, checkFit, type FitRequest } from '../../src/estimate/fit.js';
import { estimateKvCache } from '../../src/estimate/kv-cache.js';
import { QUALITY_ORDER, type GgufQuant } from '../../src/estimate/quants.js';
import { shapeFromParams } from '../../src/estimate/shape.js';
import type { MemoryBudget, ModelShape } from '../../src/estimate/types.js';
import { estimateWeights } from '../../src/estimate/weights.js';
import { DEEPSEEK_V2_LITE, GEMMA2_9B, GPT_OSS_20B, LLAMA_1B, LLAMA_70B, LLAMA_8B, MIXTRAL } from './shapes.js';

const GiB = 2 ** 30;
/** A structurally equal shape that is another object: the memo cannot know it. */
const copy = (s: ModelShape): ModelShape => structuredClone(s);

describe('estimateWeights memo', () => {
  it('a repeated call returns the same result, equal to a fresh computation on an equal shape', () => {
    const a = estimateWeights(LLAMA_8B, 'Q4_K_M');
    expect(estimateWeights(LLAMA_8B, 'Q4_K_M')).toBe(a);
    const fresh = estimateWeights(copy(LLAMA_8B), 'Q4_K_M');
    expect(fresh).not.toBe(a);
    expect(fresh).toEqual(a);
  });

  it('another quant, another shape or other mix options miss', () => {
    const a = estimateWeights(LLAMA_8B, 'Q4_K_M');
    const q5 = estimateWeights(LLAMA_8B, 'Q5_K_M');
    expect(q5.totalBytes).toBeGreaterThan(a.totalBytes);
    expect(estimateWeights(LLAMA_70B, 'Q4_K_M').totalBytes).toBeGreaterThan(a.totalBytes);
    const q8Output = estimateWeights(LLAMA_8B, 'Q4_K_M', { outputType: 'Q8_0' });
    expect(q8Output).not.toBe(a);
    expect(q8Output.totalBytes).toBeGreaterThan(a.totalBytes);
    expect(q8Output).toEqual(estimateWeights(copy(LLAMA_8B), 'Q4_K_M', { outputType: 'Q8_0' }));
    // The key does not depend on the order the options were written in.
    const both = estimateWeights(LLAMA_8B, 'Q4_K_M', { outputType: 'Q8_0', tokenEmbeddingType: 'Q8_0' });
    expect(estimateWeights(LLAMA_8B, 'Q4_K_M', { tokenEmbeddingType: 'Q8_0', outputType: 'Q8_0' })).toBe(both);
    expect(both.totalBytes).toBeGreaterThan(q8Output.totalBytes);
  });
});

describe('estimateKvCache memo', () => {
  it('equal to a fresh computation; a copy, so a caller cannot change the next answer', () => {
    const a = estimateKvCache(LLAMA_8B, 8192, 'q8_0');
    const b = estimateKvCache(LLAMA_8B, 8192, 'q8_0');
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    b.bytes = 0;
    expect(estimateKvCache(LLAMA_8B, 8192, 'q8_0')).toEqual(a);
    expect(estimateKvCache(copy(LLAMA_8B), 8192, 'q8_0')).toEqual(a);
  });

  it('another context, type, micro-batch or shape misses', () => {
    const a = estimateKvCache(LLAMA_8B, 8192, 'f16');
    expect(estimateKvCache(LLAMA_8B, 16384, 'f16').bytes).toBe(2 * a.bytes);
    expect(estimateKvCache(LLAMA_8B, 8192, 'q8_0').bytes).toBeLessThan(a.bytes);
    expect(estimateKvCache(LLAMA_70B, 8192, 'f16').bytes).toBeGreaterThan(a.bytes);
  });
});

describe('bestQuantThatFits skips quants whose weights alone are too big', () => {
  /** The definition: the first quant of the order whose checkFit says fits. */
  const reference = (req: FitRequest): GgufQuant | null => {
    for (const quant of QUALITY_ORDER) if (checkFit({ ...req, quant }).fits === true) return quant;
    return null;
  };
  const shapes = [LLAMA_8B, LLAMA_70B, shapeFromParams(32)];
  const request = (shape: ModelShape, budget: MemoryBudget): FitRequest => ({
    shape,
    quant: 'Q4_K_M',
    contextLength: 8192,
    kvType: 'f16',
    flashAttn: true,
    budget,
  });

  it('picks what trying every quant picks: GPU, unified memory and CPU budgets, also right at a quant\'s weights', () => {
    // Budgets near each quant's weights (where the skip decides) and anywhere from 1 to 200 GiB.
    const near = fc.tuple(fc.integer({ min: 0, max: shapes.length - 1 }), fc.constantFrom(...QUALITY_ORDER), fc.integer({ min: -4096, max: 4096 }));
    fc.assert(
      fc.property(
        fc.oneof(
          near.map(([s, q, delta]) => ({ s, bytes: estimateWeights(shapes[s]!, q).totalBytes + delta })),
          fc.tuple(fc.integer({ min: 0, max: shapes.length - 1 }), fc.integer({ min: 1, max: 200 })).map(([s, gib]) => ({ s, bytes: gib * GiB })),
        ),
        fc.constantFrom('gpu1', 'gpu2', 'unified', 'cpu'),
        ({ s, bytes }, kind) => {
          const budget: MemoryBudget =
            kind === 'cpu'
              ? { vramBytesPerGpu: 0, gpus: 0, ramBytes: bytes, unifiedMemory: false }
              : kind === 'unified'
                ? { vramBytesPerGpu: bytes, gpus: 1, ramBytes: bytes, unifiedMemory: true }
                : { vramBytesPerGpu: kind === 'gpu2' ? Math.floor(bytes / 2) : bytes, gpus: kind === 'gpu2' ? 2 : 1, ramBytes: 64 * GiB, unifiedMemory: false };
          const req = request(shapes[s]!, budget);
          expect(bestQuantThatFits(req)).toBe(reference(req));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('picks what trying every quant picks when the budget is right at a quant\'s whole memory or its busiest card (the room of the weights less KV cache and overhead)', () => {
    const many = [...shapes, LLAMA_1B, MIXTRAL, GPT_OSS_20B, DEEPSEEK_V2_LITE, GEMMA2_9B, shapeFromParams(0.5), shapeFromParams(123)];
    const kinds = ['cpu', 'unified', 'gpu1', 'gpu2', 'gpu-unequal'] as const;
    /** A budget of `kind` whose cards (or memory) hold `bytes` each; unequal cards: the second holds 3/4 of it. */
    const budgetOf = (kind: (typeof kinds)[number], bytes: number): MemoryBudget => {
      if (kind === 'cpu') return { vramBytesPerGpu: 0, gpus: 0, ramBytes: bytes, unifiedMemory: false };
      if (kind === 'unified') return { vramBytesPerGpu: bytes, gpus: 1, ramBytes: bytes, unifiedMemory: true };
      if (kind === 'gpu-unequal') {
        const small = Math.floor((bytes * 3) / 4);
        return { vramBytesPerGpu: small, vramBytesByGpu: [bytes, small], gpus: 2, ramBytes: 64 * GiB, unifiedMemory: false };
      }
      return { vramBytesPerGpu: bytes, gpus: kind === 'gpu2' ? 2 : 1, ramBytes: 64 * GiB, unifiedMemory: false };
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: many.length - 1 }),
        fc.constantFrom(...QUALITY_ORDER),
        fc.constantFrom(...kinds),
        fc.constantFrom(2048, 8192, 32768),
        fc.integer({ min: -4096, max: 4096 }),
        (s, quant, kind, contextLength, delta) => {
          // What `quant` needs: its whole memory, or the most any card holds when every layer is on the cards.
          const roomy = checkFit({ ...request(many[s]!, budgetOf(kind, 4096 * GiB)), quant, contextLength });
          const need = roomy.split ? Math.max(...roomy.split.map((c) => c.bytes)) : roomy.memory.totalBytes;
          const req = { ...request(many[s]!, budgetOf(kind, need + delta)), contextLength };
          expect(bestQuantThatFits(req)).toBe(reference(req));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an unknown RAM size on CPU still answers null', () => {
    expect(bestQuantThatFits(request(LLAMA_8B, { vramBytesPerGpu: 0, gpus: 0, ramBytes: null, unifiedMemory: false }))).toBeNull();
  });
});
