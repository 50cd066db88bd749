// `fit` without --quant (issue #16): with a memory budget it sizes the best GGUF quantization that
// fits whole and says so (human line, quant.source "fit"); when none fits, the smallest, with the
// usual does-not-fit verdict; --quant stays required only where no budget is known.
import { describe, expect, it } from 'vitest';
import { chooseQuant } from '../../src/decide/fit/verdict.js';
import { QUALITY_ORDER } from '../../src/estimate/quants.js';
import { shapeFromParams } from '../../src/estimate/shape.js';
import { FitDocumentSchema } from '../../src/render/fit-schema.js';
import { runBin } from '../helpers/bin.js';

const GiB = 2 ** 30;

function json(args: string[]) {
  const r = runBin(['fit', ...args, '--ram', '64', '--json']);
  expect(r.stderr).toBe('');
  return { status: r.status, doc: FitDocumentSchema.parse(JSON.parse(r.stdout)) };
}

describe('fit without --quant (built bin)', () => {
  it('--model qwen-3-32b --vram 24: Q4_K_M, the best that fits, named in the human output', () => {
    const r = runBin(['fit', '--model', 'qwen-3-32b', '--vram', '24', '--ram', '64']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Qwen3 32B \(qwen-3-32b\), .* · Q4_K_M \(4\.82 bits\/weight\)/);
    expect(lines[1]).toBe('quantization: Q4_K_M — the best that fits 23.5 GiB; choose with --quant');
    expect(r.stdout).toMatch(/✓ Fits on the GPU/);
    expect(r.stdout).toMatch(/quantization: Q4_K_M, chosen by fit \(--quant not given\): the best GGUF type that fits whole at 8,192 tokens/);
  });

  it('--model qwen-3-32b --vram 24 --json: quant.source "fit", the name equal to bestQuant, fits', () => {
    const { status, doc } = json(['--model', 'qwen-3-32b', '--vram', '24']);
    expect(status).toBe(0);
    expect(doc.quant).toMatchObject({ name: 'Q4_K_M', format: 'gguf', source: 'fit' });
    expect(doc.bestQuant).toBe('Q4_K_M');
    expect(doc.fits).toBe(true);
    expect(doc.memory.totalBytes).toBeLessThanOrEqual(doc.budget!.totalBytes!);
  });

  it('the same as naming the chosen quant (only quant.source and the explanation line differ)', () => {
    const chosen = json(['--params', '70', '--vram', '24']).doc;
    const named = json(['--params', '70', '--vram', '24', '--quant', chosen.quant.name]).doc;
    expect(chosen.quant.name).toBe('IQ2_XS');
    expect({ ...chosen.quant, source: 'flag' }).toEqual(named.quant);
    expect(chosen.memory).toEqual(named.memory);
    expect(chosen.explanation.slice(1)).toEqual(named.explanation);
  });

  it('--params 405 --vram 24: nothing fits, the smallest quant is sized, the usual verdict and exit codes', () => {
    const r = runBin(['fit', '--params', '405', '--vram', '24', '--ram', '64']);
    expect(r.status).toBe(0);
    const smallest = QUALITY_ORDER.at(-1)!;
    expect(r.stdout.split('\n')[1]).toBe(`quantization: ${smallest} — none fits 23.5 GiB, so the smallest is shown; choose with --quant`);
    expect(r.stdout).toMatch(/Does not fit/);
    const { status, doc } = json(['--params', '405', '--vram', '24']);
    expect(status).toBe(0);
    expect(doc).toMatchObject({ quant: { name: smallest, source: 'fit' }, fits: false, bestQuant: null });
    expect(runBin(['fit', '--params', '405', '--vram', '24', '--ram', '64', '--require-fit', '--json']).status).toBe(3);
  });

  it('--engine vllm without --quant: exit 2, one line saying which quants vLLM takes', () => {
    const r = runBin(['fit', '--model', 'llama-3.1-8b', '--vram', '24', '--engine', 'vllm']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--quant is required with --engine vllm: .*awq, gptq, fp8, bnb-nf4 or bf16/);
  });
});

describe('chooseQuant (pure)', () => {
  const base = { shape: shapeFromParams(8), contextLength: 8192, kvType: 'f16' as const, flashAttn: true, gpuContext: true };
  const gpu = (gib: number) => ({ vramBytesPerGpu: gib * GiB, gpus: 1, ramBytes: 64 * GiB, unifiedMemory: false });

  it('the best GGUF type that fits whole, higher with more memory', () => {
    expect(chooseQuant({ ...base, budget: gpu(80) })).toEqual({ quant: 'F16', fits: true });
    const small = chooseQuant({ ...base, budget: gpu(8) })!;
    expect(small.fits).toBe(true);
    expect(QUALITY_ORDER.indexOf(small.quant)).toBeGreaterThan(QUALITY_ORDER.indexOf('Q8_0'));
  });

  it('none fits: the smallest, fits false', () => {
    expect(chooseQuant({ ...base, budget: gpu(1) })).toEqual({ quant: QUALITY_ORDER.at(-1), fits: false });
  });

  it('no budget, or a CPU budget whose RAM is unknown: null (the command asks for --quant)', () => {
    expect(chooseQuant({ ...base, budget: null })).toBeNull();
    expect(chooseQuant({ ...base, budget: { vramBytesPerGpu: 0, gpus: 0, ramBytes: null, unifiedMemory: false } })).toBeNull();
  });
});
