// `fit --params/--model` without --quant where no memory budget is known: the one case --quant is
// still required. Every real machine reports its RAM, so the hardware step is replaced here by a
// plan with no budget (what a failed probe gives) rather than depending on this machine.
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/fit.js';
import { UsageError } from '../../src/core/errors.js';

vi.mock('../../src/cli/commands/fit-hardware.js', () => ({
  fitHardware: async () => ({
    plan: { origin: 'detected', gpus: [], budget: null, budgetExplanation: 'no GPU found', unifiedMemory: false, warnings: [] },
    gpuContext: false,
    speedHw: null,
  }),
}));

const ctx = { json: true, debug: false, catalogFiles: [] };

describe('fit without --quant and no budget', () => {
  it('--params: a UsageError (exit 2) saying --quant is required because no budget is known, with the choices', async () => {
    const e = await run({ params: 70 }, ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).toBe(
      '--quant is required with --params when no memory budget is known (no GPU found, no --vram, --gpu or --cpu-only --ram): give --quant q3, q4, q5, q6, q8, fp16 or a GGUF type (Q4_K_M, IQ4_XS, ...), or a budget and fit picks the best quantization that fits',
    );
  });

  it('--model: the same, naming --model', async () => {
    await expect(run({ model: 'llama-3.1-8b' }, ctx)).rejects.toThrow(/^--quant is required with --model when no memory budget is known/);
  });

  it('with --quant the answer comes without a budget (fits null)', async () => {
    const d = await run({ params: 7, quant: 'q4' }, ctx);
    expect(d.fits).toBeNull();
    expect(d.quant.source).toBe('flag');
  });
});
