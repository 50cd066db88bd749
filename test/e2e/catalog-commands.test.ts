// models, quants, engines and catalog validate through the built binary.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const tmp = mkdtempSync(join(tmpdir(), 'llm-pick-e2e-'));
function file(name: string, text: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const MY_MODEL = `models:
  - id: my-llama-8b-ft
    name: My fine-tune
    type: local
    family: llama
    released: 2026-01
    params: { total: 8.03e9, source: same shape as llama-3.1-8b (reference/architectures.json) }
    architecture:
      layers: 32
      hiddenSize: 4096
      attentionHeads: 32
      kvHeads: 8
      headDim: 128
      vocabSize: 128256
      ffnSize: 14336
      maxContext: 131072
      tiedEmbeddings: false
      source: same shape as llama-3.1-8b (reference/architectures.json)
    license: { id: llama3.1, commercial: restricted, terms: 700M MAU clause, source: meta-llama/llama-models LICENSE }
    useCases: [chat]
    strengths: our own data
    hf: { repo: me/my-llama-8b-ft, source: our HF organisation page }
`;

describe('llm-pick models', () => {
  it('lists the catalog as JSON with id, name, type', () => {
    const r = runBin(['models', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, kind: 'models' });
    expect(doc.models.length).toBe(doc.count);
    for (const m of doc.models) expect(['local', 'embedding', 'api']).toContain(m.type);
    expect(doc.models.find((m: { id: string }) => m.id === 'llama-3.1-8b')).toMatchObject({ name: expect.any(String), type: 'local' });
  });

  it('filters by type, use case, size, provider and licence', () => {
    const embed = JSON.parse(runBin(['models', '--type', 'embedding', '--json']).stdout);
    expect(embed.models.every((m: { type: string }) => m.type === 'embedding')).toBe(true);
    expect(embed.count).toBeGreaterThanOrEqual(4);

    const small = JSON.parse(runBin(['models', '--max-params', '10', '--use-case', 'code', '--json']).stdout);
    expect(small.count).toBeGreaterThan(0);
    for (const m of small.models) {
      expect(m.params.total).toBeLessThanOrEqual(10e9);
      expect(m.useCases).toContain('code');
    }

    const anthropic = JSON.parse(runBin(['models', '--provider', 'anthropic', '--json']).stdout);
    expect(anthropic.count).toBeGreaterThan(0);
    expect(anthropic.models.every((m: { provider: string }) => m.provider === 'anthropic')).toBe(true);

    const commercial = JSON.parse(runBin(['models', '--commercial', '--type', 'local', '--json']).stdout);
    expect(commercial.models.every((m: { license: { commercial: string } }) => m.license.commercial !== 'no')).toBe(true);
    const all = JSON.parse(runBin(['models', '--type', 'local', '--json']).stdout);
    expect(all.count).toBeGreaterThan(commercial.count); // codestral's licence is non-commercial
  });

  it('prints a table for people', () => {
    const r = runBin(['models', '--type', 'embedding']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('bge-m3');
    // Four guide models plus the 2025-26 embedders and rerankers (issue 18).
    expect(Number(/(\d+) model\(s\)/.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(16);
    expect(r.stdout).toContain('qwen3-reranker-0.6b (reranker)');
  });

  it('merges a user catalog given with --catalog', () => {
    const path = file('mine.yaml', MY_MODEL);
    const r = runBin(['--catalog', path, 'models', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).models.map((m: { id: string }) => m.id)).toContain('my-llama-8b-ft');
  });

  it('rejects a broken user catalog with one line naming file and line', () => {
    const path = file('broken.yaml', MY_MODEL.replace('layers: 32', 'layers: many'));
    const r = runBin(['models', '--catalog', path, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/broken\.yaml:\d+ models\[0\]\.architecture\.layers: /);
  });
});

describe('llm-pick quants and engines', () => {
  it('quants: every GGUF type and GPU format, recommended marked', () => {
    const doc = JSON.parse(runBin(['quants', '--json']).stdout);
    expect(doc.kind).toBe('quants');
    const ids = doc.quants.map((q: { id: string }) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['Q4_K_M', 'IQ4_XS', 'Q8_0', 'F16', 'MXFP4', 'FP8']));
    const human = runBin(['quants']).stdout;
    expect(human).toMatch(/Q4_K_M ★/);
  });
  it('engines: what each is for and how to install it', () => {
    const doc = JSON.parse(runBin(['engines', '--json']).stdout);
    expect(doc.engines.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(['ollama', 'llama.cpp', 'vllm']));
    const human = runBin(['engines']).stdout;
    expect(human).toMatch(/install: +uv pip install vllm/);
  });
});

describe('llm-pick catalog validate', () => {
  it('exit 0 for a valid file', () => {
    const r = runBin(['catalog', 'validate', file('ok.yaml', MY_MODEL)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/is valid/);
  });
  it('exit 1 with every error listed', () => {
    const bad = MY_MODEL.replace('layers: 32', 'layers: -1').replace('useCases: [chat]', 'useCases: [chatting]');
    const r = runBin(['catalog', 'validate', file('bad.yaml', bad), '--json']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ kind: 'catalog-validate', valid: false });
    expect(doc.errors).toHaveLength(2);
    expect(doc.errors.join('\n')).toMatch(/architecture\.layers/);
    expect(doc.errors.join('\n')).toMatch(/useCases\[0\]/);
  });
  it('exit 2 when the file cannot be read or parsed', () => {
    mkdirSync(join(tmp, 'adir'), { recursive: true });
    for (const path of [join(tmp, 'missing.yaml'), join(tmp, 'adir'), file('bin.yaml', Buffer.from([0, 1, 2, 0])), file('syntax.yaml', 'models: [\n  {id: x\n')]) {
      const r = runBin(['catalog', 'validate', path, '--json']);
      expect(r.status, path).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('llm-pick help', () => {
  it('prints the usage, or one command’s, like --help', () => {
    const all = runBin(['help']);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/^Usage: llm-pick \[options\] \[command\]/);
    const fit = runBin(['help', 'fit']);
    expect(fit.stdout).toMatch(/^Usage: llm-pick fit \[options\]/);
    expect(fit.stdout).toContain('--require-fit');
  });
});
