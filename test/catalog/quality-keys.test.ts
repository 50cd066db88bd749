// Benchmark results in data/quality/*.yaml are keyed by HF repo id or catalog id,
// so they can land before their model does. Keys that match no catalog model yet
// are listed here as awaiting a catalog row (not an error); the rest must resolve.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import { resolveScores } from '../../src/catalog/scores.js';
import { measureOf } from '../../src/decide/benchmarks.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('quality data keys', () => {
  const built = buildCatalog(`${root}data`, root);

  it('the shipped quality data validates and most of it resolves to catalog models', () => {
    expect(built.errors).toEqual([]);
    const resolved = resolveScores(built.value!);
    expect(resolved.byModel.size).toBeGreaterThan(60);
  });

  it('lists the keys awaiting a catalog row (2026 models other branches are adding)', () => {
    const { unmatched } = resolveScores(built.value!);
    const lines = unmatched.map((u) => `${u.id}${u.aliases.length > 0 ? ` (${u.aliases.join(', ')})` : ''}: ${u.results.length} results`);
    console.info(`awaiting a catalog row (${unmatched.length}):\n  ${lines.join('\n  ')}`);
    for (const u of unmatched) expect(u.id).toMatch(/^[\w.-]+\/[\w.-]+$|^[a-z0-9][a-z0-9._/-]*$/);
  });

  it('every shipped result feeds a task (a benchmark the scoring knows)', () => {
    for (const entry of built.value!.scores) {
      for (const r of entry.results) expect(measureOf(r), `${entry.id}: ${r.benchmark} / ${r.variant}`).not.toBeNull();
    }
  });
});
