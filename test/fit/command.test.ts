// `fit` command: run() with options as commander parses them, render() and exitCode().
// --vram / --ram / --gpu plan the hardware, so nothing here depends on this machine's GPU.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exitCode, render, run, type FitOptions } from '../../src/cli/commands/fit.js';
import { UsageError } from '../../src/core/errors.js';
import { plainUi } from '../../src/core/ui.js';
import { FitDocumentSchema } from '../../src/render/fit-schema.js';
import { writeTinyLlama } from '../fixtures/gguf/make-gguf.js';

const ctx = { json: true, debug: false, catalogFiles: [] };
const GiB = 2 ** 30;
/** Every document must match the published schema. */
async function fit(o: FitOptions) {
  const d = await run({ kvQuant: 'f16', flashAttn: true, ram: 64, ...o }, ctx);
  FitDocumentSchema.parse(d);
  return d;
}

let tiny: string;
beforeAll(() => {
  tiny = join(mkdtempSync(join(tmpdir(), 'llm-pick-fit-')), 'tiny.gguf');
  writeTinyLlama(tiny);
});

describe('fit command', () => {
  it('--params 70 --quant q4 --vram 24: the DESIGN.md fields, a partial offload, exit 0', async () => {
    const d = await fit({ params: 70, quant: 'q4', vram: 24 });
    expect(FitDocumentSchema.parse(d)).toBeTruthy();
    expect(d).toMatchObject({ schemaVersion: 1, kind: 'fit', contextLength: 8192, quant: { name: 'Q4_K_M', source: 'flag' }, fits: false });
    const m = d.memory;
    expect(m.totalBytes).toBe(m.weightsBytes + m.kvCacheBytes + m.overheadBytes);
    for (const v of Object.values(m)) expect(Number.isInteger(v)).toBe(true);
    // A 70 B Q4_K_M model is about 42.5 GB (DESIGN.md), not the guide's 22 GB.
    expect(m.weightsBytes / 1e9).toBeGreaterThan(41);
    expect(m.weightsBytes / 1e9).toBeLessThan(44);
    expect(d.offload!.gpuLayers).toBeGreaterThan(0);
    expect(d.offload!.gpuLayers).toBeLessThan(80);
    expect(d.model.shapeOrigin).toBe('synthesized');
    expect(d.speed).toBeNull(); // --vram without --gpu: bandwidth unknown
    expect(exitCode(d, { requireFit: true })).toBe(3);
    expect(exitCode(d, {})).toBe(0);
  });

  it('--model with --gpu: exact shape, fits, speed from the card, largest context and best quant', async () => {
    const d = await fit({ model: 'llama-3.1-8b', quant: 'Q4_K_M', gpu: '3090' });
    expect(d.model).toMatchObject({ source: 'catalog', id: 'llama-3.1-8b', layers: 32, kvHeads: 8, shapeOrigin: 'catalog' });
    expect(d.fits).toBe(true);
    expect(d.headroomBytes).toBeGreaterThan(10 * GiB);
    // Exact KV cache: 2 × 32 × 8192 × 8 × 128 × 2 bytes = 1 GiB.
    expect(d.memory.kvCacheBytes).toBe(GiB);
    expect(d.maxContext).toBe(131072);
    expect(d.bestQuant).toBe('F16');
    expect(d.speed!.decodeTokensPerSecond).toBeGreaterThan(20);
    expect(d.speed!.promptTokensPerSecond).toBeGreaterThan(d.speed!.decodeTokensPerSecond);
    expect(exitCode(d, { requireFit: true })).toBe(0);
  });

  it('context defaults to 8192 or the model maximum if lower, and --ctx / --kv-quant change the KV cache', async () => {
    const gemma = await fit({ model: 'gemma-2-9b', quant: 'q4', vram: 24 });
    expect(gemma.contextLength).toBe(8192);
    const small = await fit({ params: 8, quant: 'q4', vram: 24, ctx: 4096, kvQuant: 'q8_0' });
    expect(small.contextLength).toBe(4096);
    expect(small.kvCacheType).toBe('q8_0');
    const full = await fit({ params: 8, quant: 'q4', vram: 24, ctx: 4096 });
    expect(small.memory.kvCacheBytes).toBe(Math.round((full.memory.kvCacheBytes * 34) / 64));
  });

  it('--gpus 2 splits whole layers per card', async () => {
    const d = await fit({ model: 'llama-3.1-70b', quant: 'q4', vram: 24, gpus: 2 });
    expect(d.gpuSplit).toHaveLength(2);
    expect(d.fits).toBe(true);
    expect(d.gpuSplit!.reduce((a, s) => a + s.layers, 0)).toBe(80);
    expect(d.budget).toMatchObject({ mode: 'gpu', gpus: 2 });
  });

  it('--cpu-only --ram: RAM is the budget', async () => {
    const d = await fit({ params: 8, quant: 'q4', cpuOnly: true, ram: 16 });
    expect(d.budget!.mode).toBe('cpu');
    expect(d.fits).toBe(true);
    expect(d.offload).toBeNull();
  });

  it('--gguf: weights from the file header, quant from the file', async () => {
    const d = await fit({ gguf: tiny, vram: 8 });
    expect(d.model).toMatchObject({ source: 'gguf', architecture: 'llama', shapeOrigin: 'gguf', path: tiny });
    expect(d.quant).toMatchObject({ name: 'Q4_K_M', source: 'file' });
    expect(d.contextLength).toBe(4096); // the model maximum is lower than 8192
    expect(d.fits).toBe(true);
  });

  it('bad input is a UsageError naming the flags', async () => {
    await expect(fit({})).rejects.toThrow(UsageError);
    await expect(fit({ params: 7, vram: 24, engine: 'vllm' })).rejects.toThrow(/--quant is required with --engine vllm/);
    await expect(fit({ params: 7, model: 'llama-3.1-8b', quant: 'q4' })).rejects.toThrow(/exactly one of --params, --model, --gguf, --hf or --config/);
    await expect(fit({ params: 7, quant: 'Q4_K_XL' })).rejects.toThrow(/--quant must be one of/);
    await expect(fit({ model: 'not-a-model', quant: 'q4' })).rejects.toThrow(/--model "not-a-model" is not in the catalog/);
    await expect(fit({ gguf: tiny, quant: 'q4' })).rejects.toThrow(/--quant cannot be combined with --gguf/);
    await expect(fit({ gguf: join(tmpdir(), 'no-such-file.gguf') })).rejects.toThrow(/--gguf .*no such file/);
  });

  it('renders a breakdown table, a memory bar, the verdict and one line per number', async () => {
    const d = await fit({ model: 'llama-3.1-8b', quant: 'q4', vram: 24 });
    const text = await render(d, plainUi());
    expect(text).toMatch(/weights\s+│\s+4\.6 GiB/);
    expect(text).toMatch(/KV cache\s+│\s+1\.0 GiB/);
    expect(text).toMatch(/█+░+ \d+\.\d \/ 23\.5 GiB/);
    expect(text).toContain('✓ Fits on the GPU');
    expect(text).toContain('Largest context that fits whole: 131,072 tokens');
    expect(text).toContain('How each number was computed:');
    expect(text).toMatch(/KV cache 1\.00 GiB: 2 \(K,V\) × 32 layers × 8192 tokens × 8 KV heads × 128/);
  });
});
