// Budgets and fit requests the estimator tests share: a GPU budget of N cards with 64 GiB of RAM by
// default, and Llama 3.1 8B at Q4_K_M, 8,192 tokens, f16 KV, flash attention, on one 24 GiB card.
import type { FitRequest } from '../../src/estimate/fit.js';
import type { MemoryBudget } from '../../src/estimate/types.js';
import { LLAMA_8B } from './shapes.js';

export const GiB = 2 ** 30;

export const gpu = (gib: number, gpus = 1, ramGiB: number | null = 64): MemoryBudget => ({
  vramBytesPerGpu: gib * GiB,
  gpus,
  ramBytes: ramGiB === null ? null : ramGiB * GiB,
  unifiedMemory: false,
});

export const req = (over: Partial<FitRequest>): FitRequest => ({
  shape: LLAMA_8B,
  quant: 'Q4_K_M',
  contextLength: 8192,
  kvType: 'f16',
  flashAttn: true,
  budget: gpu(24),
  ...over,
});
