// The --json contract: every command's document validates against its schema
// (strict: an unknown field fails), and the published schemas/ files match the
// zod schemas, so a change to the contract is deliberate (`npm run schemas`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT_KINDS, OUTPUT_SCHEMAS, SCHEMA_KINDS, jsonSchemaOf } from '../../src/schemas/index.js';
import { ROOT, runBin } from '../helpers/bin.js';

/** One or more real invocations per output kind. */
export const SAMPLES: Record<string, string[][]> = {
  fit: [
    ['fit', '--params', '70', '--quant', 'q4', '--vram', '24'],
    ['fit', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--gpu', '3090'],
    ['fit', '--model', 'qwen-3-30b-a3b', '--quant', 'q4', '--ctx', '32768', '--gpu', '4090', '--gpus', '2'],
    ['fit', '--params', '8', '--quant', 'q8'],
  ],
  hardware: [['hardware', '--cpu-only'], ['hardware', '--gpu', 'h100', '--gpus', '4'], ['hardware', '--list']],
  models: [['models'], ['models', '--type', 'api', '--provider', 'openai']],
  quants: [['quants']],
  engines: [['engines']],
  'catalog-validate': [['catalog', 'validate', 'test/fixtures/catalog/mini.yaml']],
  recommend: [
    ['recommend', '--vram', '24'],
    ['recommend', '--use-case', 'code', '--gpu', '3060', '--privacy', '--ctx', '32768'],
    ['recommend', '--cpu-only', '--use-case', 'embedding', '--tokens-per-day', '5000000'],
    ['recommend', '--api-only', '--tokens-per-day', '2000000', '--budget', '100'],
  ],
  cost: [['cost', '--tokens-per-day', '10000000', '--gpu', '4090']],
  // Read-only on this machine's stores and per-user folder (test/installed/ covers them on fake ones).
  installed: [['installed', '--vram', '24']],
  calibrate: [['calibrate', '--show']],
  config: [['config', 'path']],
};

describe('every --json document matches its schema', () => {
  it('has samples for every kind', () => {
    expect(Object.keys(SAMPLES).filter((k) => OUTPUT_KINDS.includes(k)).sort()).toEqual([...OUTPUT_KINDS].sort());
  });

  for (const kind of OUTPUT_KINDS) {
    for (const args of SAMPLES[kind] ?? []) {
      it(`${args.join(' ')} --json`, async () => {
        const r = runBin([...args, '--json']);
        expect(r.status, r.stderr).toBe(0);
        const doc = JSON.parse(r.stdout);
        expect(doc).toMatchObject({ schemaVersion: 1, kind });
        const schema = await OUTPUT_SCHEMAS[kind]!();
        const parsed = schema.safeParse(doc);
        expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
      });
    }
  }
});

describe('published JSON Schemas', () => {
  for (const kind of SCHEMA_KINDS) {
    it(`schemas/${kind}.schema.json is current`, async () => {
      const pinned = JSON.parse(readFileSync(`${ROOT}schemas/${kind}.schema.json`, 'utf8'));
      expect(pinned, 'run `npm run schemas` after a deliberate change').toEqual(await jsonSchemaOf(kind));
    });
  }

  it('llm-pick schema prints one kind or all of them', () => {
    const one = runBin(['schema', 'fit']);
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout).title).toBe('llm-pick fit --json');
    const all = JSON.parse(runBin(['schema', '--json']).stdout);
    expect(Object.keys(all.schemas).sort()).toEqual([...SCHEMA_KINDS].sort());
    const bad = runBin(['schema', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown kind "nope"; kinds: /);
  });
});
