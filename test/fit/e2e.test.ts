// The built CLI (npm test builds first): stdout, stderr and exit codes of `llm-pick fit`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_NETWORK, ROOT, runBin } from '../helpers/bin.js';
import { writeTinyLlama } from '../fixtures/gguf/make-gguf.js';

let dir: string;
let tiny: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'llm-pick-fit-e2e-'));
  tiny = join(dir, 'tiny.gguf');
  writeTinyLlama(tiny);
  writeFileSync(join(dir, 'text.gguf'), 'plain text, not a model file at all');
});

describe('llm-pick fit (built bin)', () => {
  it('fit --params 70 --quant q4 --vram 24 --json: one JSON document, exit 0', () => {
    const r = runBin(['fit', '--params', '70', '--quant', 'q4', '--vram', '24', '--ram', '64', '--json'], { nodeArgs: ['--import', NO_NETWORK] });
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ schemaVersion: 1, kind: 'fit', quant: { name: 'Q4_K_M' }, contextLength: 8192, fits: false });
    expect(Number.isInteger(d.memory.totalBytes)).toBe(true);
    expect(d.memory.totalBytes).toBe(d.memory.weightsBytes + d.memory.kvCacheBytes + d.memory.overheadBytes);
    expect(d.offload.totalLayers).toBe(80);
  });

  it('human output has the table, the bar and the verdict', () => {
    const r = runBin(['fit', '--model', 'llama-3.1-8b', '--quant', 'q4_k_m', '--gpu', '4090']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/│ total\s+│/);
    expect(r.stdout).toMatch(/█+░* [\d.]+ \/ [\d.]+ GiB/);
    expect(r.stdout).toContain('✓ Fits on the GPU');
    expect(r.stdout).toMatch(/Speed: about [\d,.]+ tok\/s generating/);
  });

  it('--require-fit exits 3 when it does not fit, after printing the answer', () => {
    const r = runBin(['fit', '--params', '70', '--quant', 'q8', '--vram', '24', '--ram', '128', '--require-fit', '--json']);
    expect(r.status).toBe(3);
    expect(JSON.parse(r.stdout).fits).toBe(false);
    const ok = runBin(['fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--require-fit', '--json']);
    expect(ok.status).toBe(0);
  });

  it('--gguf reads a local file header (no network)', () => {
    const r = runBin(['fit', '--gguf', tiny, '--vram', '8', '--json'], { nodeArgs: ['--import', NO_NETWORK] });
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.model.source).toBe('gguf');
    expect(d.quant).toMatchObject({ name: 'Q4_K_M', source: 'file' });
  });

  const bad: [string, string[], RegExp][] = [
    ['no model', ['fit', '--quant', 'q4'], /--params B .*--model ID .*--gguf FILE/],
    ['two models', ['fit', '--params', '7', '--model', 'llama-3.1-8b', '--quant', 'q4'], /exactly one of --params, --model, --gguf, --hf or --config/],
    ['missing --quant with --config', ['fit', '--config', 'CONFIG', '--vram', '24'], /--quant is required with --config/],
    ['missing --quant with --engine vllm', ['fit', '--params', '7', '--vram', '24', '--engine', 'vllm'], /--quant is required with --engine vllm/],
    ['unknown quant', ['fit', '--params', '7', '--quant', 'q4_k_xxl'], /--quant must be one of .*Q4_K_M/],
    ['negative params', ['fit', '--params', '-7', '--quant', 'q4'], /--params/],
    ['zero params', ['fit', '--params', '0', '--quant', 'q4'], /--params/],
    ['non-numeric params', ['fit', '--params', 'seven', '--quant', 'q4'], /--params/],
    ['infinite params', ['fit', '--params', 'Infinity', '--quant', 'q4'], /--params/],
    ['zero vram', ['fit', '--params', '7', '--quant', 'q4', '--vram', '0'], /--vram/],
    ['bad ctx', ['fit', '--params', '7', '--quant', 'q4', '--ctx', '1.5'], /--ctx/],
    ['bad kv quant', ['fit', '--params', '7', '--quant', 'q4', '--kv-quant', 'q2'], /--kv-quant must be one of f16, q8_0, q4_0/],
    ['unknown model', ['fit', '--model', 'llama-9', '--quant', 'q4'], /--model "llama-9" is not in the catalog/],
    ['missing file', ['fit', '--gguf', '/no/such/model.gguf'], /--gguf \/no\/such\/model\.gguf: no such file/],
    ['directory', ['fit', '--gguf', tmpdir()], /is a directory/],
    ['not GGUF', ['fit', '--gguf', 'TEXT'], /not a GGUF file/],
    ['--quant with --gguf', ['fit', '--gguf', 'TINY', '--quant', 'q4'], /--quant cannot be combined with --gguf/],
  ];
  for (const [name, args, message] of bad) {
    it(`bad input (${name}): one line on stderr, nothing on stdout, exit 2`, () => {
      const real = args.map((a) => (a === 'TEXT' ? join(dir, 'text.gguf') : a === 'TINY' ? tiny : a === 'CONFIG' ? join(ROOT, 'test/fixtures/hf-config/qwen3-8b.config.json') : a));
      const r = runBin(real);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    });
  }
});
