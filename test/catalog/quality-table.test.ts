// The quality table written at build time (dist/quality.json, src/decide/task-fit.ts precomputeQuality)
// read back at start-up gives the table computed from the catalog, field for field, in the same order.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import type { Catalog } from '../../src/catalog/schema.js';
import { precomputeQuality, qualityTable, type QualityTable } from '../../src/decide/task-fit.js';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const built = buildCatalog(DATA).value!;

/** The table as text: every model, every task score with its fields in order, the measure by id. */
function dump(table: QualityTable): string {
  return JSON.stringify([...table.scores].map(([id, tasks]) => [id, [...tasks].map(([task, s]) => [task, { ...s, measure: s.measure?.id ?? null }])]));
}

describe('the precomputed quality table', () => {
  const computed = qualityTable({ ...built });
  // Through JSON, as the file is written and read.
  const fromFile = (scores: unknown) => qualityTable(Object.assign({ ...built }, { qualityScores: JSON.parse(JSON.stringify(scores)) as unknown }) as Catalog);

  it('reads back as the computed table, field order included', () => {
    expect(computed.scores.size).toBe(built.models.length);
    expect(dump(fromFile(precomputeQuality(built)))).toBe(dump(computed));
  });

  it('shares the measure objects of the computed table (by id)', () => {
    const table = fromFile(precomputeQuality(built));
    for (const [id, tasks] of computed.scores) {
      for (const [task, s] of tasks) expect(table.scores.get(id)!.get(task)!.measure).toBe(s.measure);
    }
  });

  it('is recomputed when it is from another build', () => {
    expect(dump(fromFile(precomputeQuality(built).slice(1)))).toBe(dump(computed));
  });

  it('is what dist/quality.json holds (npm run build)', () => {
    const shipped = readFileSync(new URL('../../dist/quality.json', import.meta.url), 'utf8');
    expect(JSON.parse(shipped)).toEqual(JSON.parse(JSON.stringify(precomputeQuality(built))));
    expect(/[^\x00-\x7f]/.test(shipped)).toBe(false);
  });
});
