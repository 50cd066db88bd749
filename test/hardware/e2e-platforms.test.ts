// The built CLI with stand-in GPU tools first on PATH (the technique of e2e.test.ts): mixed cards
// and a card with memory held by another process. Nothing here depends on this machine's GPUs.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FitDocumentSchema } from '../../src/render/fit-schema.js';
import { runBin } from '../helpers/bin.js';
import { FIXTURES, MIB } from './helpers.js';

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
    // 80 layers by free memory: 32084 / 47925 of 80 → 54 on the 5090, 26 on the 5080
    expect(split.map((s) => s.layers)).toEqual([54, 26]);
    const text = doc.explanation.join('\n');
    expect(text).toMatch(/--split-mode layer --tensor-split 31,15/);
    expect(text).toMatch(/GPU 0 31\.3 GiB \+ GPU 1 15\.5 GiB = 46\.8 GiB usable/);
    expect(doc.scale).toBeNull();
    expect(r.stdout).not.toMatch(/2 × NVIDIA GeForce RTX 5090/);
  });

  it('RTX 5090 + RTX 5080, a model too big for both: vLLM plans only on the equal share, and say so', () => {
    const r = cli('bin-mixed-5090-5080', ['fit', '--params', '120', '--quant', 'q4', '--json']);
    expect(r.status).toBe(0);
    const doc = FitDocumentSchema.parse(JSON.parse(r.stdout));
    expect(doc.fits).toBe(false);
    expect(doc.scale!.device).toBe('equal share of NVIDIA GeForce RTX 5090 + NVIDIA GeForce RTX 5080');
    expect(doc.scale!.plans.length).toBeGreaterThan(0);
    for (const p of doc.scale!.plans) {
      expect(p).toMatchObject({ engine: 'vllm', devices: 2, nodes: 1 });
      expect(p.perDevice.budgetBytes).toBe(15841 * MIB);
      expect(p.notes.join('\n')).toMatch(/equal share: planned on 15\.5 GiB of each card/);
    }
    expect(r.stdout).not.toMatch(/\d+ × NVIDIA GeForce RTX 5090/);
  });

  it('human output: the budget row shows both cards', () => {
    const r = cli('bin-mixed-5090-5080', ['fit', '--params', '70', '--quant', 'q4']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/GPUs of 31\.3 GiB \+ 15\.5 GiB/);
    expect(r.stdout).toMatch(/GPU 0 \(54 layers\)/);
  });
});
