// KV cache and recurrent state against llama.cpp's own load-log lines, two or more context sizes per
// model. The lines, with where they come from, are in test/fixtures/llama-logs/*.json; every figure
// here is read from those files, none is typed in. Tolerance: none. llama.cpp prints "%.2f MiB",
// so the estimate must print the same two decimals.
import { describe, expect, it } from 'vitest';
import { catalogModel, jsonFixtures, mib2 } from '../helpers/llama-logs.js';
import { estimateKvCache, KV_TYPE_BYTES } from '../../src/estimate/kv-cache.js';
import type { KvCacheType } from '../../src/estimate/types.js';
import { layerInfos } from '../../src/estimate/layers.js';
import { estimateRecurrentState } from '../../src/estimate/recurrent.js';
import { paramsOf, tensorsOf } from '../../src/estimate/tensors.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import type { ModelShape } from '../../src/estimate/types.js';
import { modelFromGguf, type GgufMetadata } from '../../src/gguf/model.js';

const MiB = 2 ** 20;
const LOGS = new URL('../fixtures/llama-logs/', import.meta.url);

/**
 * fromTable: the figure is the author's table, not a log line, as the table prints it ("96 MiB"); mib is then that figure in llama.cpp's "%.2f".
 * streams: with n_seq_max N and kv_unified false llama.cpp keeps N streams of n_ctx / N cells and prints the cells of one ("8192 cells, 4/4 seqs").
 * unifiedSeqs: N sequences in one unified cache ("4/1 seqs", llama-server -np N --kv-unified): the SWA part holds N windows + one ubatch.
 */
interface KvLine {
  ctx: number; cells: number; layers: number; mib: string; swa?: boolean; olderBuild?: boolean; type?: KvCacheType; fromTable?: string; streams?: number; unifiedSeqs?: number;
}
interface LogEntry { source: string; quote: string[]; kv: KvLine[]; recurrent?: { sequences: number; mib: string; r: string; s: string } }
/**
 * gguf: a model that is not a catalog row, read the way a user's GGUF header is (src/gguf/model.ts).
 * loader: what llama.cpp's loader printed for a GGUF written with the row's shape (tensor count, "model params = %.2f B").
 */
interface Fixture { model: string; structure: string; logs: LogEntry[]; gguf?: GgufMetadata; loader?: { tensors: number; paramsB: string } }


const fixtures = jsonFixtures<Fixture>(LOGS);

function fixtureShape(fx: Fixture): ModelShape {
  return fx.gguf ? modelFromGguf(fx.gguf, []).shape : shapeFromModel(catalogModel(fx.model));
}

/** Every number the test compares must appear in a quoted line or the quoted table (a fixture cannot drift from its quote). */
function quoted(entry: LogEntry & { table?: string }, text: string): boolean {
  return entry.quote.some((q) => q.includes(text)) || (entry.table ?? '').includes(text);
}

describe('llama.cpp load logs: KV cache and recurrent state, exact to the printed 0.01 MiB', () => {
  it('the fixtures cover a Gated DeltaNet hybrid, a Mamba2 hybrid and a per-layer sliding-window model at two or more context sizes', () => {
    const ctxs = (id: string) => new Set(fixtures.find((f) => f.model === id)!.logs.flatMap((l) => l.kv.map((k) => k.ctx)));
    expect(ctxs('qwen-3.6-35b-a3b').size).toBeGreaterThanOrEqual(2);
    expect(ctxs('gpt-oss-20b').size).toBeGreaterThanOrEqual(2);
    expect(ctxs('falcon-h1-1.5b').size).toBeGreaterThanOrEqual(2);
    expect(fixtureShape(fixtures.find((f) => f.model === 'falcon-h1-1.5b')!).recurrent?.kind).toBe('mamba2');
    // Per-layer head sizes (256 sliding, 512 global) and KV shared from earlier layers, from llama.cpp run on a GGUF of the row.
    expect(ctxs('gemma-4-e4b').size).toBeGreaterThanOrEqual(2);
    // Short convolutions (LFM2), likewise run with llama.cpp here.
    expect(fixtureShape(fixtures.find((f) => f.model === 'lfm2-1.2b')!).recurrent?.kind).toBe('shortconv');
    expect(ctxs('lfm2-1.2b').size).toBeGreaterThanOrEqual(2);
    // Mamba2 hybrids that are catalog rows (Nemotron-H, Granite 4.0 H), from llama.cpp run on GGUFs of their shape.
    for (const id of ['nemotron-3-nano-4b', 'granite-4.0-h-tiny']) {
      const fx = fixtures.find((f) => f.model === id)!;
      expect(fx.gguf).toBeUndefined();
      expect(fixtureShape(fx).recurrent?.kind).toBe('mamba2');
      expect(ctxs(id).size).toBeGreaterThanOrEqual(2);
    }
  });

  for (const fx of fixtures) {
    describe(`${fx.model}: ${fx.structure}`, () => {
      const shape = fixtureShape(fx);
      const kept = layerInfos(shape).filter((l) => l.hasKv);
      const loader = fx.loader;
      if (loader) {
        it(`the tensor list is the one llama.cpp's loader takes: ${loader.tensors} tensors, ${loader.paramsB} B parameters`, () => {
          expect(fx.logs.every((e) => quoted(e, `and ${loader.tensors} tensors`) && quoted(e, `model params          = ${loader.paramsB} B`))).toBe(true);
          expect(tensorsOf(shape)).toHaveLength(loader.tensors);
          expect((paramsOf(shape) * 1e-9).toFixed(2)).toBe(loader.paramsB);
        });
      }
      for (const entry of fx.logs) {
        for (const line of entry.kv.filter((k) => !k.olderBuild)) {
          const type = line.type ?? 'f16';
          it(`${line.swa ? 'SWA' : 'full-attention'} ${type} KV at n_ctx ${line.ctx}${line.unifiedSeqs ? `, ${line.unifiedSeqs} sequences unified` : ''}${line.streams ? `, ${line.streams} streams` : ''}: ${line.mib} MiB over ${line.cells} cells × ${line.layers} layers (${entry.source.slice(0, 60)}…)`, () => {
            expect(quoted(entry, line.fromTable ?? line.mib)).toBe(true);
            if (line.fromTable) expect(Number.parseFloat(line.fromTable).toFixed(2)).toBe(line.mib);
            const layers = kept.filter((l) => l.sliding === (line.swa === true));
            expect(layers).toHaveLength(line.layers);
            const kv = estimateKvCache(shape, line.ctx, type, undefined, line.unifiedSeqs ?? 1);
            const cells = line.cells * (line.streams ?? 1);
            expect(line.swa ? kv.swaCells : kv.cells).toBe(cells);
            const t = KV_TYPE_BYTES[type];
            const row = (elements: number) => (elements / t.block) * t.bytes;
            const bytes = layers.reduce((sum, l) => sum + cells * 2 * row(l.kvHeads * l.headDim), 0);
            expect(mib2(bytes)).toBe(line.mib);
            // The total of the estimator is the sum of the cache lines the log prints for that context.
            const sameCtx = entry.kv.filter((k) => k.ctx === line.ctx && !k.olderBuild && (k.type ?? 'f16') === type && k.unifiedSeqs === line.unifiedSeqs);
            if (sameCtx.length === (kept.some((l) => l.sliding) ? 2 : 1)) {
              expect(mib2(kv.bytes)).toBe(sameCtx.reduce((s, k) => s + Number(k.mib), 0).toFixed(2));
            }
          });
        }
        const rs = entry.recurrent;
        if (rs) {
          it(`recurrent state, ${rs.sequences} sequence(s), logged at n_ctx ${entry.kv[0]?.ctx}: ${rs.mib} MiB = R ${rs.r} + S ${rs.s}, whatever the context`, () => {
            for (const v of [rs.mib, rs.r, rs.s]) expect(quoted(entry, v)).toBe(true);
            const est = estimateRecurrentState(shape, rs.sequences);
            expect(mib2(est.bytes)).toBe(rs.mib);
            expect(mib2(est.layers * est.convValues * 4 * rs.sequences)).toBe(rs.r);
            expect(mib2(est.layers * est.stateValues * 4 * rs.sequences)).toBe(rs.s);
          });
        }
      }
    });
  }

  it('gpt-oss-20b at n_ctx 4096 on an older build: the full-attention part matches; its SWA cache was window + ubatch = 640 cells, unpadded, where current builds pad to 768 (same 2,048 bytes per cell and layer)', () => {
    const fx = fixtures.find((f) => f.model === 'gpt-oss-20b')!;
    const old = fx.logs.flatMap((l) => l.kv).find((k) => k.olderBuild)!;
    const shape = shapeFromModel(catalogModel('gpt-oss-20b'));
    const kv = estimateKvCache(shape, 4096);
    expect(old.cells).toBe(shape.slidingWindow!.window + 512);
    expect(kv.swaCells).toBe(768);
    const sliding = layerInfos(shape).filter((l) => l.hasKv && l.sliding);
    const perCellLayer = 2 * 2 * sliding[0]!.kvHeads * sliding[0]!.headDim;
    expect(mib2(old.cells * old.layers * perCellLayer)).toBe(old.mib);
  });
});
