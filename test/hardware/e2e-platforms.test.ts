// The built CLI with stand-in GPU tools first on PATH (the technique of e2e.test.ts): mixed cards
// and a card with memory held by another process. Nothing here depends on this machine's GPUs.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HardwareDocumentSchema } from '../../src/hardware/document-schema.js';
import { FitDocumentSchema } from '../../src/render/fit-schema.js';
import { runBin } from '../helpers/bin.js';
import { FIXTURES, GIB, MIB } from './helpers.js';

const CATALOG = ['--catalog', `${FIXTURES}catalog.yaml`];
const posix = process.platform !== 'win32';
const CLEAN_PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir !== '' && !['nvidia-smi', 'rocm-smi'].some((tool) => existsSync(join(dir, tool))))
  .join(delimiter);

function cli(bin: string, args: string[]) {
  return runBin([...args, ...CATALOG], { env: { PATH: `${FIXTURES}${bin}${delimiter}${CLEAN_PATH}` }, timeoutMs: 30_000 });
}

describe.skipIf(!posix)('mixed and busy GPUs (built binary, stand-in nvidia-smi)', () => {
  it('RTX 5090 + RTX 5080: 70B Q4 fits across both, layers in proportion, --tensor-split named; no plan for cards not there', () => {
    const r = cli('bin-mixed-5090-5080', ['fit', '--params', '70', '--quant', 'q4', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = FitDocumentSchema.parse(JSON.parse(r.stdout));
    expect(doc.fits).toBe(true);
    expect(doc.budget).toMatchObject({ mode: 'gpu', gpus: 2, vramBytesPerGpu: 15841 * MIB, totalBytes: (32084 + 15841) * MIB });
    const split = doc.gpuSplit!;
    expect(split.map((s) => s.budgetBytes)).toEqual([32084 * MIB, 15841 * MIB]);
    // 80 layers in proportion to what each card has left after its compute buffer, context and
    // (last card) output head: 56 on the 5090, 24 on the 5080; --tensor-split 56,24 reproduces it
    expect(split.map((s) => s.layers)).toEqual([56, 24]);
    for (const s of split) expect(s.budgetBytes - s.bytes).toBeGreaterThan(GIB);
    const text = doc.explanation.join('\n');
    expect(text).toMatch(/llama-server -ngl 99 --split-mode layer --tensor-split 56,24 \(layers per card/);
    expect(text).toMatch(/GPU 0 31\.3 GiB \+ GPU 1 15\.5 GiB = 46\.8 GiB usable/);
    expect(doc.scale).toBeNull();
    expect(r.stdout).not.toMatch(/2 × NVIDIA GeForce RTX 5090/);
  });

  it('RTX 5090 + RTX 5080, a model too big for both: vLLM plans only on the equal share, and say so', () => {
    const r = cli('bin-mixed-5090-5080', ['fit', '--params', '120', '--quant', 'q4', '--json']);
    expect(r.status).toBe(0);
    const doc = FitDocumentSchema.parse(JSON.parse(r.stdout));
    expect(doc.fits).toBe(false);
    expect(doc.scale!.device).toBe('15.5 GiB share (NVIDIA GeForce RTX 5090 + NVIDIA GeForce RTX 5080)');
    expect(doc.scale!.plans.length).toBeGreaterThan(0);
    for (const p of doc.scale!.plans) {
      expect(p).toMatchObject({ engine: 'vllm', devices: 2, nodes: 1 });
      expect(p.perDevice.budgetBytes).toBe(15841 * MIB);
      expect(p.notes.join('\n')).toMatch(/equal share: planned on 15\.5 GiB of each card/);
    }
    expect(r.stdout).not.toMatch(/\d+ × NVIDIA GeForce RTX 5090/);
  });

  it('recommend: both cards named, never "2 × RTX 5090"; vLLM picks only where the equal share (2 × 15.5 GiB) holds them', () => {
    const r = cli('bin-mixed-5090-5080', ['recommend', '--use-case', 'chat', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { hardware: { summary: string }; local: { engine: string; memory: { totalBytes: number } }[] };
    const vllm = doc.local.filter((p) => p.engine === 'vllm');
    for (const p of vllm) expect(p.memory.totalBytes).toBeLessThanOrEqual(2 * 15841 * MIB);
    expect(doc.hardware.summary).toMatch(/^NVIDIA GeForce RTX 5090 \(31\.8 GiB, 1792 GB\/s\) \+ NVIDIA GeForce RTX 5080 \(15\.9 GiB, 960 GB\/s\)$/);
    expect(r.stdout).not.toMatch(/2 × NVIDIA GeForce RTX 5090/);
  });

  it('human output: the budget row shows both cards', () => {
    const r = cli('bin-mixed-5090-5080', ['fit', '--params', '70', '--quant', 'q4']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/GPUs of 31\.3 GiB \+ 15\.5 GiB/);
    expect(r.stdout).toMatch(/GPU 0 \(56 layers\)/);
  });

  it('an RTX 3090 with 6 GiB held by ollama: budget from free, who holds it, and the verdict on the idle card', () => {
    const r = cli('bin-busy-3090', ['fit', '--params', '32', '--quant', 'q4', '--json']);
    expect(r.status).toBe(0);
    const doc = FitDocumentSchema.parse(JSON.parse(r.stdout));
    expect(doc.budget).toMatchObject({ gpus: 1, vramBytesPerGpu: 17925 * MIB });
    expect(doc.fits).toBe(false);
    expect(doc.whenIdle).toEqual({ fits: true, budgetBytes: (24576 - 512) * MIB, heldBy: '6.0 GiB held by ollama' });
    expect(doc.warnings).toContain('fits once the 6.0 GiB held by ollama is freed');
    expect(doc.explanation.join('\n')).toMatch(/idle card: fits once the 6\.0 GiB held by ollama is freed \(23\.50 GiB usable/);
  });

  it('--budget-from total: the idle card is the budget', () => {
    const r = cli('bin-busy-3090', ['fit', '--params', '32', '--quant', 'q4', '--budget-from', 'total', '--json']);
    expect(r.status).toBe(0);
    const doc = FitDocumentSchema.parse(JSON.parse(r.stdout));
    expect(doc.budget).toMatchObject({ gpus: 1, vramBytesPerGpu: (24576 - 512) * MIB });
    expect(doc.budget!.explanation).toMatch(/--budget-from total/);
    expect(doc.fits).toBe(true);
  });

  it('hardware --json names the holder; human output shows it', () => {
    const r = cli('bin-busy-3090', ['hardware', '--json']);
    expect(r.status).toBe(0);
    const doc = HardwareDocumentSchema.parse(JSON.parse(r.stdout));
    if (doc.list) throw new Error('plan expected');
    expect(doc.gpus[0]).toMatchObject({ usableVramBytes: 17925 * MIB, memorySource: 'nvidia-smi', heldBy: [{ pid: 2154, name: 'ollama', bytes: 6144 * MIB }] });
    const h = cli('bin-busy-3090', ['hardware']);
    expect(h.stdout).toMatch(/GPU 0: in use by ollama \(pid 2154, 6\.0 GiB\)/);
  });

  it('--budget-from takes total or free only', () => {
    const r = cli('bin-busy-3090', ['fit', '--params', '32', '--quant', 'q4', '--budget-from', 'idle']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--budget-from must be one of free, total; got "idle"/);
  });
});
