// fit --vision on the built binary: the projector in memory.visionBytes and the total, the
// llama-server commands, and the refusals (exit 2, one line on stderr, nothing on stdout).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

interface FitDoc {
  memory: { weightsBytes: number; kvCacheBytes: number; overheadBytes: number; visionBytes: number; totalBytes: number };
  vision: { images: number; tokensPerImage: number; imageTokens: number; projectorBytes: number; computeBufferBytes: number } | null;
  offload: { command: string | null } | null;
  fits: boolean | null;
}

const MiB = 2 ** 20;

function fitJson(args: string[]): FitDoc {
  const r = runBin(['fit', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as FitDoc;
}

function refused(args: string[]): string {
  const r = runBin(['fit', ...args]);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  return lines[0]!;
}

describe('fit --vision (e2e)', () => {
  const base = ['--model', 'gemma-3-4b', '--quant', 'q4', '--vram', '8', '--ram', '32'];

  it('gemma-3-4b: visionBytes = 811.79 MiB projector + 121.25 MiB compute buffer (llama.cpp PR #22790 log), added to the total', () => {
    const text = fitJson(base);
    const withV = fitJson([...base, '--vision']);
    const expected = Math.round(811.79 * MiB) + Math.round(121.25 * MiB);
    expect(withV.memory.visionBytes).toBe(expected);
    expect(text.memory.visionBytes).toBe(0);
    expect(text.vision).toBeNull();
    expect(withV.memory.totalBytes - text.memory.totalBytes).toBe(expected);
    expect(withV.memory.weightsBytes).toBe(text.memory.weightsBytes);
    expect(withV.vision).toEqual({ images: 1, tokensPerImage: 256, imageTokens: 256, projectorBytes: Math.round(811.79 * MiB), computeBufferBytes: Math.round(121.25 * MiB) });
    // -hf REPO:QUANT: llama-server downloads the mmproj itself, no --mmproj.
    expect(withV.offload?.command).toMatch(/^llama-server -hf /);
    expect(withV.offload?.command).not.toContain('--mmproj');
  });

  it('--images 4 counts 4 × 256 tokens; the human breakdown has a vision row', () => {
    expect(fitJson([...base, '--vision', '--images', '4']).vision?.imageTokens).toBe(1024);
    const r = runBin(['fit', ...base, '--vision']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/vision\s.*0\.91 GiB/);
    expect(r.stdout).toContain('mmproj 811.8 MiB + compute 121 MiB; 1 image = 256 tokens');
  });

  it('a model without a GGUF repo gets --mmproj MMPROJ.gguf in its -m command', () => {
    const d = fitJson(['--model', 'qwen-3.5-4b', '--quant', 'q4', '--vram', '16', '--vision']);
    expect(d.vision?.tokensPerImage).toBe(2116);
    expect(d.offload?.command).toContain('-m MODEL.gguf');
    expect(d.offload?.command).toContain('--mmproj MMPROJ.gguf');
  });

  it('refuses images that fill the context', () => {
    const line = refused([...base, '--vision', '--images', '40', '--ctx', '8192']);
    expect(line).toContain('--images 40');
    expect(line).toContain('--ctx 8192');
    expect(line).toContain('10240');
  });

  it('refuses a text-only model, naming those with a projector', () => {
    const line = refused(['--model', 'llama-3.1-8b', '--quant', 'q4', '--vram', '8', '--vision']);
    expect(line).toContain('llama-3.1-8b has no vision projector in the catalog (models with one: ');
    expect(line).toContain('gemma-3-4b');
  });

  it('refuses --vision without a catalog model, and --images without --vision', () => {
    expect(refused(['--params', '8', '--quant', 'q4', '--vram', '8', '--vision'])).toContain('--vision needs --model with a catalog projector');
    expect(refused([...base, '--images', '2'])).toContain('add --vision');
    expect(refused([...base, '--vision', '--images', '65'])).toContain('--images');
  });
});

describe('fit --vision for Gemma 4 and Qwen3.5/3.6 (projector lines from llama.cpp run here, test/fixtures/mmproj-logs)', () => {
  const fixture = (name: string) =>
    JSON.parse(readFileSync(new URL(`../fixtures/mmproj-logs/${name}.json`, import.meta.url), 'utf8')) as {
      modelSizeMib: string; computeBufferMib: string; computeBufferMibNoFlashAttn: string; tokensPerImage: number;
      largestImage?: { computeBufferMib: string; computeBufferMibNoFlashAttn: string };
    };

  it('gemma-4-31b --vram 24: projector + compute buffer on the GPU, 280 image tokens in the context, --mmproj in the command', () => {
    const fx = fixture('gemma-4-31b');
    const args = ['--model', 'gemma-4-31b', '--vram', '24'];
    const text = fitJson([...args, '--quant', 'q4']);
    const d = fitJson([...args, '--quant', 'q4', '--vision']);
    expect(d.vision?.tokensPerImage).toBe(280);
    expect(d.vision?.imageTokens).toBe(280);
    expect((d.vision!.projectorBytes / MiB).toFixed(2)).toBe(fx.modelSizeMib);
    expect((d.vision!.computeBufferBytes / MiB).toFixed(2)).toBe(fx.largestImage!.computeBufferMib);
    expect(d.memory.visionBytes).toBe(d.vision!.projectorBytes + d.vision!.computeBufferBytes);
    expect(d.memory.totalBytes - text.memory.totalBytes).toBe(d.memory.visionBytes);
    expect(d.fits).toBe(true);
    expect(d.offload?.command).toContain('-m MODEL.gguf');
    expect(d.offload?.command).toContain('--mmproj MMPROJ.gguf');
    const r = runBin(['fit', ...args, '--vision']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('no vision projector');
    expect(r.stdout).toContain('mmproj 1145.1 MiB + compute 154 MiB; 1 image = 280 tokens of the 8,192');
    expect(r.stdout).toContain('--mmproj MMPROJ.gguf');
  });

  it('flash attention off takes the measured no-flash-attention buffer (455.91 MiB for a 280-token Gemma 4 image, 4657.81 MiB for Qwen3.6 35B-A3B)', () => {
    const g = fitJson(['--model', 'gemma-4-26b-a4b', '--quant', 'q4', '--vram', '24', '--vision', '--no-flash-attn']);
    expect((g.vision!.computeBufferBytes / MiB).toFixed(2)).toBe(fixture('gemma-4-26b-a4b').largestImage!.computeBufferMibNoFlashAttn);
    const q = fitJson(['--model', 'qwen-3.6-35b-a3b', '--quant', 'q4', '--vram', '24', '--vision', '--no-flash-attn']);
    expect((q.vision!.computeBufferBytes / MiB).toFixed(2)).toBe(fixture('qwen-3.5-35b-a3b').computeBufferMibNoFlashAttn);
    expect(q.vision?.tokensPerImage).toBe(2116);
  });
});
