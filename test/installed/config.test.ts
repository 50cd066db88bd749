// The per-user defaults file: precedence (flags > file > built-in defaults), `config show|path|set`,
// a malformed file reported on one line (file, line, key; exit 2) and never overwritten.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { ConfigDocumentSchema } from '../../src/config/output-schema.js';
import { runBin } from '../helpers/bin.js';

const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'llm-pick-config-'));
  return { dir, env: { LLM_PICK_CONFIG_DIR: dir, LLM_PICK_CONFIG: '' } };
};

describe('loadConfig', () => {
  it('checks every key against the table and names file, line and key', async () => {
    const ok = await parseConfig('# my box\ngpu: rtx-3090\nkwh-price: 0.32\ncatalogs:\n  - a.yaml\n  - b.yaml\npriority: Quality\n', 'c.yaml');
    expect(ok.errors).toEqual([]);
    expect(ok.values).toEqual({ gpu: 'rtx-3090', 'kwh-price': 0.32, catalogs: ['a.yaml', 'b.yaml'], priority: 'quality' });
    const bad = await parseConfig('gpu: rtx-3090\ncolour: blue\nvram: -3\n', 'c.yaml');
    expect(bad.errors).toEqual([
      'c.yaml:2 colour: unknown key; keys: gpu, vram, gpus, ram, cpu-only, kwh-price, currency, use-case, priority, catalogs, engine',
      'c.yaml:3 vram: takes GiB: a number greater than 0 and at most 16384; got -3',
    ]);
    expect((await parseConfig('gpu: [unclosed\n', 'c.yaml')).errors[0]).toMatch(/^c\.yaml:\d+: not valid YAML/);
  });
});

describe('llm-pick config', () => {
  it('path, set and show', () => {
    const { dir, env } = fresh();
    const path = runBin(['config', 'path'], { env });
    expect(path.stdout).toContain(join(dir, 'config.yaml'));
    expect(runBin(['config', 'set', 'gpu', '3090'], { env }).status).toBe(0);
    expect(runBin(['config', 'set', 'priority', 'speed'], { env }).status).toBe(0);
    const bad = runBin(['config', 'set', 'priority', 'fast'], { env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('llm-pick: config set priority takes one of quality, balanced, speed; got "fast"\n');
    const show = ConfigDocumentSchema.parse(JSON.parse(runBin(['config', 'show', '--json'], { env }).stdout));
    expect(show).toMatchObject({ exists: true, fileFrom: 'default', values: { gpu: '3090', priority: 'speed' } });
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('gpu: "3090"\npriority: speed\n');
  });

  it('flags win over the file, the file over built-in defaults', () => {
    const { dir, env } = fresh();
    writeFileSync(join(dir, 'config.yaml'), 'gpu: rtx-3090\nuse-case: code\nkwh-price: 0.5\n');
    const fit = (args: string[]) => JSON.parse(runBin(['fit', '--json', '--model', 'qwen-3-8b', '--quant', 'q4', ...args], { env }).stdout);
    expect(fit([]).budget.explanation).toMatch(/RTX 3090/);
    // One hardware flag: the file's hardware is not used at all.
    expect(fit(['--vram', '8']).budget.explanation).toMatch(/8 GiB \(--vram\)/);
    expect(fit(['--gpu', '4090']).budget.explanation).toMatch(/RTX 4090/);
    const rec = (args: string[]) => JSON.parse(runBin(['recommend', '--json', '--local-only', ...args], { env }).stdout).inputs;
    expect(rec([]).useCase).toBe('code');
    expect(rec(['--use-case', 'chat']).useCase).toBe('chat');
    // --config-file points elsewhere; LLM_PICK_CONFIG too.
    const other = join(dir, 'other.yaml');
    writeFileSync(other, 'use-case: rag\n');
    expect(JSON.parse(runBin(['recommend', '--json', '--local-only', '--vram', '24', '--config-file', other], { env }).stdout).inputs.useCase).toBe('rag');
    expect(JSON.parse(runBin(['recommend', '--json', '--local-only', '--vram', '24'], { env: { ...env, LLM_PICK_CONFIG: other } }).stdout).inputs.useCase).toBe('rag');
    const missing = runBin(['fit', '--params', '7', '--quant', 'q4', '--config-file', join(dir, 'nope.yaml')], { env });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--config-file .*nope\.yaml: no such file/);
  });

  it('a malformed file: one line naming file, line and key, exit 2, never overwritten', () => {
    const { dir, env } = fresh();
    const file = join(dir, 'config.yaml');
    const text = '# hand-edited\ngpu: rtx-3090\npriority: fastest\n';
    writeFileSync(file, text);
    for (const args of [['fit', '--params', '7', '--quant', 'q4'], ['recommend', '--local-only'], ['config', 'show'], ['config', 'set', 'gpu', '4090']]) {
      const r = runBin(args, { env });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`${file}:3 priority: takes one of quality, balanced, speed; got "fastest"`);
    }
    expect(readFileSync(file, 'utf8')).toBe(text);
    // config path still answers.
    expect(runBin(['config', 'path'], { env }).status).toBe(0);
  });
});
