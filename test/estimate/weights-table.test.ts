// The weights stored at build time (dist/weights.tsv, scripts/build-catalog.mjs) are the per-tensor
// computation's own answers, entry by entry; an estimate that finds its shape and quant there returns
// them, and one that does not computes. `npm run build` first (npm test does).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddingModel, LocalModel } from '../../src/catalog/schema.js';
import { shapeFromModel, shapeFromParams } from '../../src/estimate/shape.js';
import {
  formatWeightsTable,
  indexWeightsLines,
  packWeights,
  shapeKey,
  storedWeights,
  unpackWeights,
  useWeightsTable,
  type PackedWeights,
} from '../../src/estimate/weights-table.js';
import { estimateWeights } from '../../src/estimate/weights.js';

const ROOT = new URL('../../', import.meta.url);
const text = readFileSync(new URL('dist/weights.tsv', ROOT), 'utf8');
/**
 * The file read by this test's own reader (the oracle the CLI's index is checked against): shape key →
 * quant → the entry's JSON text; null when a line does not hold a key and quant/entry pairs.
 */
function parseTable(t: string): Record<string, Record<string, string>> | null {
  const out: Record<string, Record<string, string>> = {};
  for (const line of t.split('\n')) {
    if (line === '') continue;
    const cells = line.split('\t');
    if (cells.length % 2 !== 1) return null;
    const byQuant: Record<string, string> = {};
    for (let i = 1; i < cells.length; i += 2) byQuant[cells[i]!] = cells[i + 1]!;
    out[cells[0]!] = byQuant;
  }
  return out;
}
const table = parseTable(text)!;
/** An entry as stored: its JSON text, parsed. */
const entry = (key: string, quant: string): PackedWeights => JSON.parse(table[key]![quant]!) as PackedWeights;
/** The CLI's reader over a table of packed entries. */
const lines = (t: Record<string, Record<string, PackedWeights>>) => indexWeightsLines(formatWeightsTable(t));
const models = (JSON.parse(readFileSync(new URL('dist/catalog-models.json', ROOT), 'utf8')) as { type: string }[]).filter(
  (m) => m.type !== 'api',
) as (LocalModel | EmbeddingModel)[];

afterEach(() => useWeightsTable(null));

describe('dist/weights.tsv', () => {
  it('is ASCII, so the CLI reads it as latin1 (no UTF-8 decoding) into the same text', () => {
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    expect(readFileSync(new URL('dist/weights.tsv', ROOT), 'latin1')).toBe(text);
  });

  it('holds every local and embedding model of the catalog, each at one quant or more', () => {
    const keys = new Set(models.map((m) => shapeKey(shapeFromModel(m))));
    expect(new Set(Object.keys(table))).toEqual(keys);
    expect(Object.values(table).reduce((n, q) => n + Object.keys(q).length, 0)).toBeGreaterThan(300);
  });

  it('every entry equals the per-tensor computation exactly', () => {
    let checked = 0;
    for (const model of models) {
      // A fresh shape object: estimateWeights memoizes per shape, and no table is in use here.
      const shape = shapeFromModel(model);
      for (const quant of Object.keys(table[shapeKey(shape)] ?? {})) {
        expect(unpackWeights(entry(shapeKey(shape), quant)), `${model.id} ${quant}`).toEqual(estimateWeights(shape, quant as never));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe('stored weights in use', () => {
  const model = models.find((m) => m.id === 'qwen-3.6-35b-a3b')!;

  it('an estimate of a stored shape and quant returns the stored answer, and a mix option computes', () => {
    const shape = shapeFromModel(model);
    const quant = Object.keys(table[shapeKey(shape)]!)[0]!;
    const doctored = lines({ [shapeKey(shape)]: { [quant]: { ...entry(shapeKey(shape), quant), t: 12345 } } });
    useWeightsTable(() => doctored);
    expect(storedWeights(shape, quant)!.totalBytes).toBe(12345);
    expect(estimateWeights(shapeFromModel(model), quant as never).totalBytes).toBe(12345);
    expect(estimateWeights(shapeFromModel(model), quant as never, { imatrix: true }).totalBytes).not.toBe(12345);
  });

  it('a shape the table does not hold (--params) is computed; a missing file means none is stored', () => {
    useWeightsTable(() => indexWeightsLines(text));
    expect(storedWeights(shapeFromParams(70), 'Q4_K_M')).toBeNull();
    useWeightsTable(() => null);
    expect(storedWeights(shapeFromModel(model), 'Q4_K_M')).toBeNull();
  });

  it('an entry is parsed when asked for and answers the same when asked again; a damaged one is computed', () => {
    const shape = shapeFromModel(model);
    const quant = Object.keys(table[shapeKey(shape)]!)[0]!;
    useWeightsTable(() => indexWeightsLines(text));
    expect(storedWeights(shape, quant)).toEqual(unpackWeights(entry(shapeKey(shape), quant)));
    expect(storedWeights(shape, quant)).toEqual(unpackWeights(entry(shapeKey(shape), quant)));
    useWeightsTable(() => indexWeightsLines(`${shapeKey(shape)}\t${quant}\t{"t": 1,`));
    expect(storedWeights(shape, quant)).toBeNull();
  });

  it('the text format round-trips a table, and a malformed line reads as no table', () => {
    const shape = shapeFromModel(model);
    const packed = packWeights(estimateWeights(shape, 'Q4_K_M'));
    const small = { [shapeKey(shape)]: { Q4_K_M: packed, Q8_0: { ...packed, t: 1 } } };
    const back = parseTable(formatWeightsTable(small))!;
    expect(Object.keys(back)).toEqual([shapeKey(shape)]);
    expect(JSON.parse(back[shapeKey(shape)]!.Q8_0!)).toEqual({ ...packed, t: 1 });
    useWeightsTable(() => lines(small));
    expect(storedWeights(shape, 'Q8_0')).toEqual(unpackWeights({ ...packed, t: 1 }));
    useWeightsTable(() => indexWeightsLines(`${shapeKey(shape)}\tQ4_K_M`));
    expect(storedWeights(shape, 'Q4_K_M')).toBeNull();
  });

  it("the CLI's index of the lines (indexWeightsLines) answers what this test's reader of the file answers, for every shipped shape and quant", () => {
    const index = indexWeightsLines(text);
    let compared = 0;
    for (const model of models) {
      const shape = shapeFromModel(model);
      for (const quant of ['Q4_K_M', 'Q8_0', 'Q2_K', 'IQ4_XS', 'F16', 'BF16', 'MXFP4', 'Q6_K']) {
        const stored = table[shapeKey(shape)]?.[quant];
        const fromTable = stored === undefined ? null : unpackWeights(JSON.parse(stored) as PackedWeights);
        useWeightsTable(() => index);
        expect(storedWeights(shape, quant), `${model.id} ${quant}`).toEqual(fromTable);
        if (fromTable) compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(150);
    // A shape the file does not hold, and a line whose key has the same length but differs, find nothing.
    useWeightsTable(() => index);
    expect(storedWeights(shapeFromParams(70), 'Q4_K_M')).toBeNull();
    const shape = shapeFromModel(model);
    const key = shapeKey(shape);
    const quant = Object.keys(table[key]!)[0]!;
    useWeightsTable(() => indexWeightsLines(`${key.slice(0, -1)}x\t${quant}\t${table[key]![quant]!}`));
    expect(storedWeights(shapeFromModel(model), quant)).toBeNull();
  });

  it('a malformed line of the index reads as its shape not stored; the other lines still answer', () => {
    const shape = shapeFromModel(model);
    const other = models.map((m) => shapeFromModel(m)).find((s) => shapeKey(s) !== shapeKey(shape) && Object.keys(table[shapeKey(s)] ?? {}).length > 0)!;
    const quant = Object.keys(table[shapeKey(other)]!)[0]!;
    const good = `${shapeKey(other)}\t${quant}\t${table[shapeKey(other)]![quant]!}`;
    useWeightsTable(() => indexWeightsLines(`${shapeKey(shape)}\tQ4_K_M\n${good}\n`));
    expect(storedWeights(shape, 'Q4_K_M')).toBeNull();
    expect(storedWeights(other, quant)).toEqual(unpackWeights(entry(shapeKey(other), quant)));
  });

  it('pack and unpack round-trip a WeightsDetail, per-layer arrays included', () => {
    const w = estimateWeights(shapeFromModel(model), 'Q4_K_M');
    expect(unpackWeights(JSON.parse(JSON.stringify(packWeights(w))))).toEqual(w);
  });
});
