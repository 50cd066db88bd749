// The built-in models looked up one at a time (dist/catalog-models-index.json, src/catalog/load.ts
// builtinModelById): `fit --model ID` reads its model alone. Needs `npm run build` (npm test does).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinModelById, loadBuiltinCatalog } from '../../src/catalog/load.js';
import { idKey, isLocalOrEmbedding, resolvedById, resolveFor } from '../../src/catalog/resolve-model.js';
import type { Model } from '../../src/catalog/schema.js';
import { BIN, ROOT, runNodeAsync } from '../helpers/bin.js';
import { packageCopies } from '../helpers/package-copy.js';

const shipped = JSON.parse(readFileSync(join(ROOT, 'dist/catalog-models.json'), 'utf8')) as Model[];

describe('builtinModelById', () => {
  // Runs first: nothing in this file has parsed the whole list through the loader yet.
  it('reads every model alone as the whole file parses it, keys in the same order', () => {
    expect(shipped.length).toBeGreaterThan(100);
    for (const m of shipped) expect(JSON.stringify(builtinModelById(m.id))).toBe(JSON.stringify(m));
  });

  it('is undefined for a name that is not an id (the caller then resolves it in the whole list)', () => {
    for (const name of ['Llama 3.1 8B Instruct', 'llama3.1:8b', 'LLAMA-3.1-8B', '__proto__', 'toString', '']) {
      expect(builtinModelById(name)).toBeUndefined();
    }
  });

  it('takes the model from the whole list once that is parsed', () => {
    const models = loadBuiltinCatalog().models;
    expect(builtinModelById('llama-3.1-8b')).toBe(models.find((m) => m.id === 'llama-3.1-8b'));
  });
});

describe('resolvedById', () => {
  const spec = { flag: '--model', accept: isLocalOrEmbedding, what: 'a local model', list: 'llm-pick models --type local' };
  const byId = new Map(shipped.map((m) => [m.id, m]));
  it('answers as resolveFor does whenever it answers, and leaves the rest to it', () => {
    let answered = 0;
    for (const m of shipped) {
      for (const typed of [m.id, ` ${m.id.toUpperCase()} `, m.name, `${m.id}x`]) {
        const key = idKey(typed);
        const fast = resolvedById(typed, key === null ? undefined : byId.get(key), isLocalOrEmbedding);
        const full = resolveFor(shipped, typed, spec);
        if (fast) {
          answered += 1;
          expect(fast).toEqual(full);
          expect('model' in full && full.model).toBe(fast.model);
        }
      }
    }
    // At least every local and embedding model by its id, as written and in capitals with spaces
    // (some display names are ids too).
    expect(answered).toBeGreaterThanOrEqual(2 * shipped.filter(isLocalOrEmbedding).length);
  });
  it('does not answer for an API model: resolveFor says the flag takes a local one', () => {
    const api = shipped.find((m) => m.type === 'api')!;
    expect(resolvedById(api.id, api, isLocalOrEmbedding)).toBeNull();
    expect(resolveFor(shipped, api.id, spec)).toEqual({ error: expect.stringMatching(/takes a local model/) });
  });
});

describe('fit --model with a user catalog', () => {
  it('resolves in the merged list: a user field over a built-in model shows (the index is not used)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-pick-user-'));
    try {
      const file = join(dir, 'patch.yaml');
      writeFileSync(file, 'models:\n  - id: llama-3.1-8b\n    name: Patched Llama\n');
      const r = await runNodeAsync([BIN, 'fit', '--catalog', file, '--model', 'llama-3.1-8b', '--quant', 'q4', '--vram', '24', '--ram', '64', '--json']);
      expect(r.stderr).toBe('');
      expect((JSON.parse(r.stdout) as { model: { name: string } }).model.name).toBe('Patched Llama');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A copy of the installed package with one built file damaged, as an interrupted install would
// leave it: the index only speeds the lookup up; the models file is what answers.
describe('fit --model on a damaged install', () => {
  const install = packageCopies('llm-pick-index-');
  const ARGS = ['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--vram', '24', '--ram', '64', '--json'];

  it('gives the same document without the index, or with an index that points elsewhere', async () => {
    const expected = await runNodeAsync([BIN, ...ARGS]);
    expect(expected.status).toBe(0);
    const without = install((dist) => rmSync(join(dist, 'catalog-models-index.json')));
    const shifted = install((dist) => {
      const index = JSON.parse(readFileSync(join(dist, 'catalog-models-index.json'), 'utf8')) as Record<string, [number, number]>;
      for (const at of Object.values(index)) at[0] += 7;
      writeFileSync(join(dist, 'catalog-models-index.json'), JSON.stringify(index));
    });
    const swapped = install((dist) => {
      const index = JSON.parse(readFileSync(join(dist, 'catalog-models-index.json'), 'utf8')) as Record<string, [number, number]>;
      index['llama-3.1-8b'] = index['qwen-2.5-7b']!;
      writeFileSync(join(dist, 'catalog-models-index.json'), JSON.stringify(index));
    });
    const garbage = install((dist) => writeFileSync(join(dist, 'catalog-models-index.json'), '{"llama-3.1-8b": [0, 1'));
    for (const bin of [without, shifted, swapped, garbage]) expect(await runNodeAsync([bin, ...ARGS])).toEqual(expected);
  });

  it('without the models file: the documented one-line error, exit 1', async () => {
    const bin = install((dist) => rmSync(join(dist, 'catalog-models.json')));
    const r = await runNodeAsync([bin, ...ARGS]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('llm-pick: the built-in catalog (dist/catalog-models.json) is missing: run `npm run build`\n');
    expect(r.status).toBe(1);
  });
});
