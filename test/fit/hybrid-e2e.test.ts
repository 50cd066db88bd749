// fit --model on the built binary for one model of each hybrid / per-layer family.
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

interface FitDoc {
  model: { id: string };
  memory: { weightsBytes: number; kvCacheBytes: number; recurrentStateBytes: number; overheadBytes: number; totalBytes: number };
  maxContext: number | null;
  bestQuant: string | null;
}

function fitJson(args: string[]): FitDoc {
  const r = runBin(['fit', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as FitDoc;
}

const MiB = 2 ** 20;

describe('fit --model on hybrid families (e2e)', () => {
  it.each([
    // [id, recurrent state bytes per sequence per llama.cpp's n_embd_r + n_embd_s, KV bytes at 32,768 tokens]
    ['qwen-3.6-35b-a3b', 30 * (3 * (4096 + 2 * 16 * 128) + 128 * 4096) * 4, 10 * 32768 * 2 * 2 * 256 * 2],
    ['granite-4.0-h-small', 36 * (3 * (8192 + 2 * 128) + 128 * 8192) * 4, 4 * 32768 * 2 * 8 * 128 * 2],
    ['qwen-3.5-2b', 18 * (3 * (2048 + 2 * 16 * 128) + 128 * 2048) * 4, 6 * 32768 * 2 * 2 * 256 * 2],
    ['granite-4.0-h-micro', 36 * (3 * (4096 + 2 * 128) + 128 * 4096) * 4, 4 * 32768 * 2 * 8 * 64 * 2],
    ['nemotron-3-nano-30b-a3b', 23 * (3 * (4096 + 2 * 8 * 128) + 128 * 4096) * 4, 6 * 32768 * 2 * 2 * 128 * 2],
    ['lfm2-350m', 10 * 1024 * 2 * 4, 6 * 32768 * 2 * 8 * 64 * 2],
    ['lfm2-24b-a2b', 30 * 2048 * 2 * 4, 10 * 32768 * 2 * 8 * 64 * 2],
    ['gemma-4-31b', 0, 10 * 32768 * 2 * 4 * 512 * 2 + 50 * 1536 * 2 * 16 * 256 * 2],
  ])('%s: memory.recurrentStateBytes and the KV cache of the layers that keep one', (id, rs, kv) => {
    const d = fitJson(['--model', id, '--quant', 'Q4_K_M', '--ctx', '32768', '--vram', '80']);
    expect(d.model.id).toBe(id);
    expect(d.memory.recurrentStateBytes).toBe(rs);
    expect(d.memory.kvCacheBytes).toBe(kv);
    expect(d.memory.totalBytes).toBe(d.memory.weightsBytes + d.memory.kvCacheBytes + d.memory.recurrentStateBytes + d.memory.overheadBytes);
  });

  it.each([
    ['granite4:3b-h', 'granite-4.0-h-micro'],
    ['granite4:micro', 'granite-4.0-micro'],
    ['lfm2:latest', 'lfm2-24b-a2b'],
    ['qwen3.5:2b', 'qwen-3.5-2b'],
  ])('the Ollama tag %s answers fit as %s', (tag, id) => {
    expect(fitJson(['--model', tag, '--quant', 'Q4_K_M', '--ctx', '8192', '--vram', '8']).model.id).toBe(id);
  });

  it('plain attention models report recurrentStateBytes 0', () => {
    expect(fitJson(['--model', 'qwen-3-8b', '--quant', 'Q4_K_M', '--ctx', '8192']).memory.recurrentStateBytes).toBe(0);
  });

  it('the human output shows the recurrent state as its own line, with how it was computed', () => {
    const r = runBin(['fit', '--model', 'qwen-3.6-35b-a3b', '--quant', 'Q4_K_M', '--gpu', 'RTX 3090', '--ctx', '65536']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/recurrent state\s+│\s+[\d.]+ GiB/);
    expect(r.stdout).toContain('30 Gated DeltaNet layers × (conv (4 - 1) × (4096 + 2 × 16 × 128) + state 128 × 4096) × 4 bytes (f32) per sequence');
    expect(r.stdout).toContain('2 (K,V) × 10 layers × 65536 tokens × 2 KV heads × 256');
  });

  it('a 24 GB card holds a far longer Qwen3.6 context than a plain-attention formula over all 40 layers would allow', () => {
    const d = fitJson(['--model', 'qwen-3.6-35b-a3b', '--quant', 'Q4_K_M', '--gpu', 'RTX 3090', '--ctx', '8192']);
    expect(d.maxContext).not.toBeNull();
    // 40 layers × 2 × 2 × 256 × 2 bytes = 80 KiB per token would leave room for about a quarter of it.
    expect(d.maxContext!).toBeGreaterThan(100_000);
    expect(d.memory.recurrentStateBytes / MiB).toBeCloseTo(62.81, 2);
  });
});
