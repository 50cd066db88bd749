import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import { mergeUserCatalog } from '../../src/catalog/load.js';
import { parseText } from '../../src/catalog/parse.js';
import type { Catalog } from '../../src/catalog/schema.js';

const MINI = readFileSync(new URL('../fixtures/catalog/mini.yaml', import.meta.url), 'utf8');

function dataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'llm-pick-data-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function mini(): Catalog {
  const r = buildCatalog(dataDir({ 'mini.yaml': MINI }));
  expect(r.errors).toEqual([]);
  return r.value!;
}

describe('parseText', () => {
  it('reports YAML syntax errors with file and line', () => {
    const r = parseText('models:\n  - id: a\n    name: [unclosed\n', 'bad.yaml');
    expect(r.value).toBeNull();
    expect(r.errors[0]).toMatch(/^bad\.yaml:\d+: /);
  });
  it('rejects binary and empty files', () => {
    expect(parseText('a\u0000b', 'x.bin').errors[0]).toMatch(/not a text file/);
    expect(parseText('  \n', 'e.yaml').errors[0]).toMatch(/empty/);
  });
  it('does not run custom tags', () => {
    const r = parseText('models: !!js/function "function(){}"\n', 't.yaml');
    // The core schema knows no such tag: a warning or an error, never code.
    expect(r.errors.length + r.warnings.length).toBeGreaterThan(0);
  });
  it('reads JSON with line numbers', () => {
    const r = parseText('{\n  "gpus": [\n    {"id": "x"}\n  ]\n}', 'c.json');
    expect(r.value!.lineOf(['gpus', 0, 'id'])).toBe(3);
  });
});

describe('buildCatalog', () => {
  it('validates and defaults a complete catalog', () => {
    const c = mini();
    expect(c.models.map((m) => m.id)).toEqual(['llama-3.1-8b', 'gpt-4o']);
    const llama = c.models[0]!;
    expect(llama.type === 'local' && llama.architecture.slidingWindow).toBeNull();
  });

  it('names file, line and path for an unknown field', () => {
    const bad = MINI.replace('    vramGiB: 24\n    memoryBandwidthGBps: 936', '    vramGiB: 24\n    vramGB: 24\n    memoryBandwidthGBps: 936');
    const r = buildCatalog(dataDir({ 'gpus.yaml': bad }), '/');
    expect(r.value).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/gpus\.yaml:\d+ gpus\[0\]: unknown field "vramGB"/);
    const line = Number(/gpus\.yaml:(\d+)/.exec(r.errors[0]!)![1]);
    expect(bad.split('\n')[line - 1]).toContain('- id: rtx-3090');
  });

  it('points at the line of a wrong value', () => {
    const bad = MINI.replace('memoryBandwidthGBps: 936', 'memoryBandwidthGBps: -5');
    const r = buildCatalog(dataDir({ 'g.yaml': bad }));
    const line = Number(/g\.yaml:(\d+)/.exec(r.errors[0]!)![1]);
    expect(bad.split('\n')[line - 1]).toContain('memoryBandwidthGBps: -5');
    expect(r.errors[0]).toContain('gpus[0].memoryBandwidthGBps');
  });

  it('finds duplicate ids across files and cross-field mistakes', () => {
    const other = 'gpus:\n' + MINI.split('gpus:\n')[1]!.split('models:\n')[0]!;
    const r = buildCatalog(dataDir({ 'a.yaml': MINI, 'b.yaml': other }));
    expect(r.errors.some((e) => /b\.yaml:\d+ gpus\[0\]\.id: duplicate id "rtx-3090"/.test(e))).toBe(true);

    const unknownEngine = MINI.replace('engines: [llama.cpp]', 'engines: [llama.cpp, exllama]');
    expect(buildCatalog(dataDir({ 'a.yaml': unknownEngine })).errors.join('\n')).toMatch(/quants\[0\]\.engines\[1\]: unknown engine "exllama"/);

    const badSuccessor = MINI.replace('    strengths: strong small generalist', '    strengths: strong small generalist\n    supersededBy: llama-9');
    expect(buildCatalog(dataDir({ 'a.yaml': badSuccessor })).errors.join('\n')).toMatch(/supersededBy: unknown model id "llama-9"/);
  });
});

describe('user catalogs merge over the built-in one', () => {
  it('overrides fields by id and adds new entries', async () => {
    const user = 'gpus:\n  - id: rtx-3090\n    memoryBandwidthGBps: 900\n  - id: my-card\n    name: My Card\n    vendor: nvidia\n    segment: consumer\n    backend: cuda\n    vramGiB: 16\n    memoryBandwidthGBps: 500\n    fp16Tflops: null\n    tdpWatts: null\n    source: measured by me with nvbandwidth\n';
    const r = await mergeUserCatalog(mini(), 'user.yaml', user);
    expect(r.errors).toEqual([]);
    const gpus = r.value!.gpus;
    expect(gpus.find((g) => g.id === 'rtx-3090')!.memoryBandwidthGBps).toBe(900);
    expect(gpus.find((g) => g.id === 'rtx-3090')!.vramGiB).toBe(24);
    expect(gpus.map((g) => g.id)).toContain('my-card');
  });

  it('lists every error with file:line', async () => {
    const user = 'gpus:\n  - id: rtx-3090\n    memoryBandwidthGBps: fast\n  - id: new-card\n    name: New\n';
    const r = await mergeUserCatalog(mini(), 'u.yaml', user);
    expect(r.value).toBeNull();
    expect(r.errors[0]).toMatch(/^u\.yaml:3 gpus\[0\]\.memoryBandwidthGBps: /);
    expect(r.errors.some((e) => e.startsWith('u.yaml:') && e.includes('gpus[1].vendor'))).toBe(true);
  });

  it('rejects unknown sections and entries without an id', async () => {
    const r = await mergeUserCatalog(mini(), 'u.yaml', 'modles: []\n');
    expect(r.errors[0]).toMatch(/u\.yaml:1 modles: unknown section; allowed: models, gpus, quants, engines/);
    const r2 = await mergeUserCatalog(mini(), 'u.yaml', 'quants:\n  - format: gguf\n');
    expect(r2.errors[0]).toMatch(/u\.yaml:2 quants\[0\]: each entry is a mapping with an "id"/);
    // A GPU derives its id from its name, so it needs one or the other.
    const r3 = await mergeUserCatalog(mini(), 'u.yaml', 'gpus:\n  - vramGiB: 8\n');
    expect(r3.errors[0]).toMatch(/u\.yaml:2 gpus\[0\]: each entry is a mapping with a "name" \(or an "id"\)/);
  });
});
