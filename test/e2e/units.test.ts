// Numbers as people type them: the flags take the same grammar as the wizard
// (src/options/quantity.ts), and a choice takes its aliases and suggests near misses.
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const json = (args: string[]) => {
  const r = runBin([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
};

describe('flags take units', () => {
  it('--params 8B --ctx 32k --vram 24GB equal --params 8 --ctx 32768 --vram 24', () => {
    const typed = json(['fit', '--params', '8B', '--quant', 'q4', '--ctx', '32k', '--vram', '24GB', '--ram', '64']);
    const plain = json(['fit', '--params', '8', '--quant', 'q4', '--ctx', '32768', '--vram', '24', '--ram', '64']);
    expect(typed).toEqual(plain);
    expect(typed.contextLength).toBe(32768);
  });

  it('--tokens-per-day 5M is five million', () => {
    const doc = json(['cost', '--vram', '24', '--tokens-per-day', '5M']);
    const plain = json(['cost', '--vram', '24', '--tokens-per-day', '5000000']);
    expect(doc).toEqual(plain);
  });

  it('--kv-quant q8 is q8_0', () => {
    const alias = json(['fit', '--params', '8', '--quant', 'q4', '--kv-quant', 'q8', '--vram', '24', '--ram', '64']);
    const canonical = json(['fit', '--params', '8', '--quant', 'q4', '--kv-quant', 'q8_0', '--vram', '24', '--ram', '64']);
    expect(alias).toEqual(canonical);
  });

  it('a suffix that does not belong is refused with examples of what does', () => {
    const r = runBin(['fit', '--params', '8', '--quant', 'q4', '--ctx', '8GB']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('llm-pick: --ctx takes a context length in tokens (e.g. 32768, 32k or 128K): a whole number from 1 to 16777216; got "8GB"\n');
  });

  it('a near miss of a choice is suggested', () => {
    const r = runBin(['recommend', '--priority', 'qualty']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--priority must be one of quality, balanced, speed; got "qualty" \(did you mean quality\?\)\n$/);
  });
});

describe('a context beyond the model maximum', () => {
  it('is refused with the maximum named, exit 2, nothing on stdout', () => {
    const r = runBin(['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--ctx', '200000', '--vram', '24']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "llm-pick: --ctx 200000 is beyond llama-3.1-8b's maximum context of 131072 tokens; give --ctx 131072 or less, or add --allow-rope-scaling to size it with RoPE/YaRN scaling (factor 1.53)\n",
    );
  });

  it('with --allow-rope-scaling is sized and says how', () => {
    const doc = json(['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--ctx', '200000', '--vram', '24', '--ram', '64', '--allow-rope-scaling']);
    expect(doc.contextLength).toBe(200000);
    expect(doc.warnings.join(' ')).toMatch(/RoPE\/YaRN scaling by a factor of 1\.53/);
  });
});
