// Encoder-only embedding models against llama.cpp's own context lines: no KV cache, the whole input in one
// micro-batch, and the compute buffer that follows. The lines, with their source, are in
// test/fixtures/llama-embed-logs.json (every figure here is read from it). The compute buffer is not
// exact (ggml-alloc's reuse depends on the graph's order): flash attention on within 10 %, off within
// +25 % / -1 % (the estimate counts 8 hidden-size activations beside the scores, what a fused attn_qkv
// model holds; a separate Q/K/V model holds 6).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EmbeddingModelSchema } from '../../src/catalog/schema.js';
import { estimateKvCache } from '../../src/estimate/kv-cache.js';
import { encoderComputeBytes, estimateOverhead } from '../../src/estimate/overhead.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import { runBin } from '../helpers/bin.js';

interface Run { ubatch: number; flashAttn: boolean; computeMib: string; quote: string[] }
interface Fixture { source: string; models: { model: string; arch: string; gguf: string; runs: Run[] }[] }

const MiB = 2 ** 20;
const DATA = new URL('../../data/models/', import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('../fixtures/llama-embed-logs.json', import.meta.url), 'utf8')) as Fixture;

function embedder(id: string) {
  for (const file of readdirSync(DATA).filter((f) => f.endsWith('.yaml'))) {
    const doc = parse(readFileSync(new URL(file, DATA), 'utf8')) as { models?: unknown[] };
    const raw = doc.models?.find((m) => (m as { id: string }).id === id);
    if (raw) return EmbeddingModelSchema.parse(raw);
  }
  throw new Error(`${id}: not in data/models`);
}

describe('encoder-only embedders: llama.cpp runs the input in one micro-batch, with no KV cache', () => {
  it('the fixture covers a gated (nomic-bert) and a plain-FFN (bert) catalog embedder, each at its largest input', () => {
    expect(fixture.models.map((m) => m.arch).sort()).toEqual(['bert', 'nomic-bert']);
    for (const m of fixture.models) {
      const max = embedder(m.model).architecture.maxContext;
      expect(m.runs.some((r) => r.ubatch === max)).toBe(true);
    }
  });

  for (const m of fixture.models) {
    const shape = shapeFromModel(embedder(m.model));
    describe(`${m.model} (${m.arch})`, () => {
      it('is encoder-only: no KV cache at any context (llama.cpp prints no llama_kv_cache line)', () => {
        expect(shape.encoderOnly).toBe(true);
        for (const r of m.runs) {
          expect(r.quote.some((q) => /causal_attn\s+= 0/.test(q))).toBe(true);
          expect(estimateKvCache(shape, r.ubatch).bytes).toBe(0);
        }
      });
      for (const r of m.runs) {
        it(`${r.ubatch}-token input, flash attention ${r.flashAttn ? 'on' : 'off'}: compute buffer ${r.computeMib} MiB`, () => {
          expect(r.quote.some((q) => q.includes(`n_ubatch      = ${r.ubatch}`))).toBe(true);
          expect(r.quote.some((q) => q.includes(`flash_attn    = ${r.flashAttn ? 'enabled' : 'disabled'}`))).toBe(true);
          expect(r.quote.some((q) => q.includes(`compute buffer size = ${r.computeMib.padStart(8)} MiB`))).toBe(true);
          // The overhead of a plan at this context sizes the micro-batch at the whole context.
          const overhead = estimateOverhead(shape, r.ubatch, { flashAttn: r.flashAttn, kvType: 'f16', gpus: 0, gpuContext: false });
          expect(overhead.computeBufferBytes).toBe(encoderComputeBytes(shape, r.ubatch, r.flashAttn));
          const ratio = overhead.computeBufferBytes / MiB / Number(r.computeMib);
          if (r.flashAttn) {
            expect(Math.abs(ratio - 1)).toBeLessThanOrEqual(0.1);
          } else {
            expect(ratio).toBeGreaterThanOrEqual(0.99);
            expect(ratio).toBeLessThanOrEqual(1.25);
          }
        });
      }
    });
  }

  it('nomic-embed-text-v1.5 at 8192 tokens without flash attention: 3.4 GiB of compute buffer, where a 512-token micro-batch would count 25 MiB', () => {
    const shape = shapeFromModel(embedder('nomic-embed-text-v1.5'));
    const run = fixture.models.find((m) => m.model === 'nomic-embed-text-v1.5')!.runs.find((r) => r.ubatch === 8192 && !r.flashAttn)!;
    const small = fixture.models.find((m) => m.model === 'nomic-embed-text-v1.5')!.runs.find((r) => r.ubatch === 512 && !r.flashAttn)!;
    expect(Number(run.computeMib) / Number(small.computeMib)).toBeGreaterThan(100);
    const est = estimateOverhead(shape, 8192, { flashAttn: false, kvType: 'f16', gpus: 0, gpuContext: false });
    expect(est.computeBufferBytes / MiB).toBeGreaterThan(3400);
    expect(est.explanation).toContain('8192-token micro-batch');
  });

  it('fit --model nomic-embed-text-v1.5 --users 4 (e2e, built binary): the command embeds 8192-token inputs, and the plan counts one 8192-token micro-batch, not the shared -c', () => {
    const r = runBin(['fit', '--model', 'nomic-embed-text-v1.5', '--users', '4', '--cpu-only', '--ram', '32', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { memory: { kvCacheBytes: number; overheadBytes: number }; serving: { command: string; maxConcurrency: number } };
    expect(doc.serving.command).toMatch(/ -c 32768 -np 4 .*--embedding -ub 8192 -b 8192$/);
    // Slots add no memory to an encoder (no KV cache, the micro-batch stays one slot's input): a ub of N × 8192
    // would stop below 16 slots in 32 GiB (its f16 mask alone is N² × 128 MiB).
    expect(doc.serving.maxConcurrency).toBeGreaterThan(1000);
    expect(doc.memory.kvCacheBytes).toBe(0);
    const shape = shapeFromModel(embedder('nomic-embed-text-v1.5'));
    expect(doc.memory.overheadBytes).toBe(Math.round(estimateOverhead(shape, 8192, { flashAttn: true, kvType: 'f16', gpus: 0, gpuContext: false }).bytes));
  });
});
