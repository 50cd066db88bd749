// The quality numbers packed at build time (dist/quality-numbers.bin, src/decide/task-fit.ts
// packQualityNumbers): ranking reads every model's numbers from them and the words of a model from its
// own entry of dist/quality.json. Both must give what the table computed from the catalog gives, and a
// packed table that does not match (damaged, from another build) must fall back to the whole table.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/schema.js';
import { TASKS, USE_CASE_MIX } from '../../src/decide/benchmarks.js';
import { useCaseNumbers, type QualityUseCase } from '../../src/decide/quality.js';
import {
  packQualityNumbers,
  precomputeQuality,
  QUALITY_PACK_MAGIC,
  qualityTable,
  type PackedQuality,
  type QualityTable,
  type TaskScore,
} from '../../src/decide/task-fit.js';
import { BIN, ROOT, runNodeAsync } from '../helpers/bin.js';
import { packageCopies } from '../helpers/package-copy.js';
import { shippedCatalog } from '../helpers/catalog.js';

const shipped = shippedCatalog();
const USE_CASES = Object.keys(USE_CASE_MIX) as QualityUseCase[];
const computed = qualityTable({ ...shipped });

/** JSON in ASCII, as scripts/build-catalog.mjs writes it (characters are bytes). */
const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The JSON table laid out as the build writes it: the entries' texts and where each lies. */
function layout(catalog: Catalog): { text: string; at: [number, number][]; precomputed: ReturnType<typeof precomputeQuality> } {
  const precomputed = precomputeQuality(catalog);
  const texts = precomputed.map((e) => asciiJson(e));
  const at: [number, number][] = [];
  let offset = 1;
  for (const t of texts) {
    at.push([offset, t.length]);
    offset += t.length + 1;
  }
  return { text: `[${texts.join(',')}]`, at, precomputed };
}
const built = layout(shipped);
const bytes = packQualityNumbers(shipped, built.precomputed, built.at);

/**
 * A copy of the shipped catalog carrying a packed table, as the loader hands it in, counting the
 * entries read and whether the whole JSON table (the fallback) was asked for.
 */
function withPacked(packed: Partial<PackedQuality> & { bytes: Uint8Array }): { table: QualityTable; entries: () => number; whole: () => boolean } {
  let entries = 0;
  let whole = false;
  const entry = packed.entry ?? ((offset: number, length: number) => built.text.slice(offset, offset + length));
  const catalog = { ...shipped };
  Object.defineProperty(catalog, 'qualityPacked', {
    enumerable: false,
    value: {
      bytes: packed.bytes,
      entry: (offset: number, length: number) => {
        entries += 1;
        return entry(offset, length);
      },
    },
  });
  Object.defineProperty(catalog, 'qualityScores', {
    enumerable: false,
    get: () => {
      whole = true;
      return JSON.parse(built.text) as unknown;
    },
  });
  return { table: qualityTable(catalog), entries: () => entries, whole: () => whole };
}

/** A model's task scores as text, fields in order, the measure by id. */
function dump(scores: ReadonlyMap<string, TaskScore> | undefined): string {
  return JSON.stringify([...(scores ?? [])].map(([task, s]) => [task, { ...s, measure: s.measure?.id ?? null }]));
}

/** Every model × use case: the numbers of the table equal the computed ones; every model's words too. */
function expectSameAsComputed(table: QualityTable): void {
  for (const m of shipped.models) {
    const want = computed.scores.get(m.id)!;
    for (const useCase of USE_CASES) expect(useCaseNumbers(table.numbersOf(m.id)!, useCase), `${m.id} ${useCase}`).toStrictEqual(useCaseNumbers(want, useCase));
    expect(dump(table.scoresOf(m.id)), m.id).toBe(dump(want));
  }
}

describe('the packed quality numbers', () => {
  it('give every model x use case the numbers of the computed table, without reading any words', () => {
    const { table, entries, whole } = withPacked({ bytes });
    let compared = 0;
    for (const m of shipped.models) {
      const want = computed.scores.get(m.id)!;
      for (const task of TASKS) {
        const s = want.get(task);
        expect(table.numbersOf(m.id)!.get(task), `${m.id} ${task}`).toStrictEqual(
          s ? { value: s.value, estimated: s.estimated, uncertainty: s.uncertainty } : undefined,
        );
      }
      for (const useCase of USE_CASES) {
        expect(useCaseNumbers(table.numbersOf(m.id)!, useCase), `${m.id} ${useCase}`).toStrictEqual(useCaseNumbers(want, useCase));
        compared += 1;
      }
    }
    expect(compared).toBe(shipped.models.length * USE_CASES.length);
    expect(table.numbersOf('no-such-model')).toBeUndefined();
    expect(entries()).toBe(0);
    expect(whole()).toBe(false);
  });

  it("read a model's words from its own entry alone, as the computed table has them", () => {
    const { table, entries, whole } = withPacked({ bytes });
    expect(dump(table.scoresOf('llama-3.1-8b'))).toBe(dump(computed.scores.get('llama-3.1-8b')));
    expect(entries()).toBe(1);
    expectSameAsComputed(table);
    expect(entries()).toBe(shipped.models.length);
    expect(table.scoresOf('no-such-model')).toBeUndefined();
    expect(whole()).toBe(false);
  });

  it('are what the build wrote (dist/quality-numbers.bin, dist/quality.json; npm run build)', () => {
    const dist = (f: string) => readFileSync(join(ROOT, 'dist', f));
    expect(new Uint8Array(dist('quality-numbers.bin'))).toStrictEqual(bytes);
    const text = dist('quality.json').toString('latin1');
    expect(text).toBe(built.text);
    const { table, whole } = withPacked({ bytes: dist('quality-numbers.bin'), entry: (offset, length) => text.slice(offset, offset + length) });
    expectSameAsComputed(table);
    expect(whole()).toBe(false);
  });

  it('are what the built-in catalog ranks with (src/catalog/load.ts)', () => {
    const builtin = loadBuiltinCatalog();
    expect((builtin as Catalog & { qualityPacked?: unknown }).qualityPacked).toBeTruthy();
    expectSameAsComputed(qualityTable(builtin));
  });
});

describe('a packed table that does not match falls back to the whole table', () => {
  /** The packed bytes with one header field changed. */
  const header = (field: number, change: (x: number) => number): Uint8Array => {
    const b = bytes.slice();
    const view = new DataView(b.buffer);
    view.setFloat64(field * 8, change(view.getFloat64(field * 8, true)), true);
    return b;
  };
  const damaged: [string, Uint8Array][] = [
    ['truncated', bytes.slice(0, bytes.length - 8)],
    ['empty', new Uint8Array(0)],
    ['one byte more', new Uint8Array([...bytes, 0])],
    ['another format', header(0, () => QUALITY_PACK_MAGIC + 1)],
    ['another model count', header(1, (n) => n - 1)],
    ['another task count', header(2, (n) => n + 1)],
    ['names of another length', header(3, (n) => n - 1)],
    ['other model ids', packQualityNumbers({ ...shipped, models: [...shipped.models].reverse() }, built.precomputed, built.at)],
    ['a model id changed', (() => { const b = bytes.slice(); b[b.length - 200] = b[b.length - 200]! ^ 1; return b; })()],
    ['a task name changed', (() => { const b = bytes.slice(); b[b.length - 1] = b[b.length - 1]! ^ 1; return b; })()],
  ];
  for (const [what, b] of damaged) {
    it(`${what}: the numbers and words of the computed table`, () => {
      const { table, entries, whole } = withPacked({ bytes: b });
      expectSameAsComputed(table);
      expect(whole()).toBe(true);
      expect(entries()).toBe(0);
    });
  }

  const other = built.at[1]!;
  const entries: [string, PackedQuality['entry']][] = [
    ['an entry that cannot be read', () => null],
    ["another model's entry", () => built.text.slice(other[0], other[0] + other[1])],
    ['an entry cut short', (offset, length) => built.text.slice(offset, offset + length - 1)],
    ['an entry that is not a table entry', () => '{"task": "chat"}'],
  ];
  for (const [what, entry] of entries) {
    it(`${what}: the words of the whole table, the same numbers`, () => {
      const { table, whole } = withPacked({ bytes, entry });
      expect(useCaseNumbers(table.numbersOf('qwen-3-8b')!, 'code')).toStrictEqual(useCaseNumbers(computed.scores.get('qwen-3-8b')!, 'code'));
      expect(whole()).toBe(false);
      expect(dump(table.scoresOf(shipped.models[0]!.id))).toBe(dump(computed.scores.get(shipped.models[0]!.id)));
      expect(whole()).toBe(true);
      expectSameAsComputed(table);
    });
  }
});

// A copy of the installed package with a quality file damaged: recommend answers the same.
describe('recommend on a damaged install', () => {
  const install = packageCopies('llm-pick-quality-');
  const ARGS = ['recommend', '--use-case', 'rag', '--vram', '24', '--ram', '64', '--json'];

  it('without the packed numbers, with them cut short, or with the entries moved', async () => {
    const expected = await runNodeAsync([BIN, ...ARGS]);
    expect(expected.status).toBe(0);
    expect(expected.stdout).toContain('"useCase": "rag"');
    const without = install((dist) => rmSync(join(dist, 'quality-numbers.bin')));
    const cut = install((dist) => writeFileSync(join(dist, 'quality-numbers.bin'), readFileSync(join(dist, 'quality-numbers.bin')).subarray(0, 1000)));
    const moved = install((dist) => writeFileSync(join(dist, 'quality.json'), ` ${readFileSync(join(dist, 'quality.json'), 'latin1')}`, 'latin1'));
    const noJson = install((dist) => rmSync(join(dist, 'quality.json')));
    for (const bin of [without, cut, moved, noJson]) expect(await runNodeAsync([bin, ...ARGS])).toEqual(expected);
  });
});
