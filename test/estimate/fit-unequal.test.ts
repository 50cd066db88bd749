// Unequal cards (MemoryBudget.vramBytesByGpu): the layer split in proportion to what each card
// has left, the budget total, and the equal share vLLM sees.
import { describe, expect, it } from 'vitest';
import { checkFit, equalShareBudget, gpuBudgetTotal, gpuBudgets, maxContextThatFits, type FitRequest } from '../../src/estimate/fit.js';
import type { MemoryBudget } from '../../src/estimate/types.js';
import { LLAMA_70B } from './shapes.js';

const GiB = 2 ** 30;
const pair: MemoryBudget = { vramBytesPerGpu: 15.5 * GiB, gpus: 2, ramBytes: 64 * GiB, unifiedMemory: false, vramBytesByGpu: [31.3 * GiB, 15.5 * GiB] };
const req = (over: Partial<FitRequest>): FitRequest => ({ shape: LLAMA_70B, quant: 'Q4_K_M', contextLength: 8192, kvType: 'f16', flashAttn: true, budget: pair, ...over });

describe('unequal cards', () => {
  it('budgets: each card at its own size; the total is their sum; vLLM sees the equal share', () => {
    expect(gpuBudgets(pair)).toEqual([31.3 * GiB, 15.5 * GiB]);
    expect(gpuBudgetTotal(pair)).toBe(46.8 * GiB);
    expect(gpuBudgets(equalShareBudget(pair))).toEqual([15.5 * GiB, 15.5 * GiB]);
    // equal cards are untouched
    const equal = { ...pair, vramBytesByGpu: undefined };
    expect(equalShareBudget(equal)).toBe(equal);
  });

  it('Llama 70B Q4_K_M fits 31.3 + 15.5 GiB: all 80 layers, more on the larger card, headroom even', () => {
    const v = checkFit(req({}));
    expect(v.fits).toBe(true);
    expect(v.budgetBytes).toBe(46.8 * GiB);
    const split = v.split!;
    expect(split.map((s) => s.budgetBytes)).toEqual([31.3 * GiB, 15.5 * GiB]);
    expect(split[0]!.layers + split[1]!.layers).toBe(80);
    expect(split[0]!.layers).toBeGreaterThan(2 * split[1]!.layers - 10);
    for (const s of split) expect(s.bytes).toBeLessThanOrEqual(s.budgetBytes);
    const room = split.map((s) => s.budgetBytes - s.bytes);
    expect(Math.abs(room[0]! - room[1]!)).toBeLessThan(1.5 * GiB);
  });

  it('the same model does not fit the equal share (vLLM): 2 × 15.5 GiB', () => {
    expect(checkFit(req({ budget: equalShareBudget(pair) })).fits).toBe(false);
  });

  it('a longer context fits the unequal pair than the equal share would allow', () => {
    const unequal = maxContextThatFits(req({})) ?? 0;
    const equal = maxContextThatFits(req({ budget: equalShareBudget(pair) })) ?? 0;
    expect(unequal).toBeGreaterThan(equal);
  });
});
