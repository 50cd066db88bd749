// Quality through the built binary: per-task scores in models --json, sorting by a
// use case, the task score column and the RAG pipeline in recommend, and malformed
// quality data in a user catalog (one line: file, line, field; exit 2).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const tmp = mkdtempSync(join(tmpdir(), 'llm-pick-quality-'));
function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

interface TaskJson {
  task: string;
  value: number;
  estimated: boolean;
  uncertainty: number;
  benchmark: string | null;
  source: string | null;
  asOf: string | null;
}

describe('models: per-task quality', () => {
  it('--json: every model carries its benchmark results and its task scores, measured (sourced, dated) or estimated', () => {
    const r = runBin(['models', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { models: { id: string; type: string; benchmarks: unknown[]; tasks: TaskJson[] }[] };
    for (const m of doc.models) {
      expect(m.tasks.length).toBeGreaterThan(0);
      for (const t of m.tasks) {
        if (t.estimated) {
          expect(t.benchmark).toBeNull();
          expect(t.uncertainty).toBeGreaterThan(0);
        } else {
          expect(t.benchmark).not.toBeNull();
          expect(t.source).not.toBeNull();
          expect(t.asOf).toMatch(/^\d{4}-\d{2}/);
        }
      }
    }
    const coder = doc.models.find((m) => m.id === 'qwen-3-coder-30b-a3b')!;
    expect(coder.tasks.find((t) => t.task === 'code')).toMatchObject({ estimated: false, benchmark: 'SWE-bench Verified' });
  });

  it('--use-case code: sorted by the code score, which the table shows', () => {
    const json = runBin(['models', '--use-case', 'code', '--json']);
    const doc = JSON.parse(json.stdout) as { models: { id: string; useCaseScore: { score: number } }[] };
    const scores = doc.models.map((m) => m.useCaseScore.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const human = runBin(['models', '--use-case', 'code', '--type', 'local']);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/code\s*│?\s*\n?.*score/);
    expect(human.stdout).toMatch(/code score: 0-1 from sourced benchmarks/);
  });
});

describe('recommend: task scores and pipelines', () => {
  it('human output shows the quality column and the reasons cite the deciding score', () => {
    const r = runBin(['recommend', '--use-case', 'code', '--gpu', 'rtx-3090', '--local-only']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/│ Quality │/);
    expect(r.stdout).toMatch(/code quality 0\.\d\d.*SWE-bench Verified/);
  });

  it('rag: each pick names its embedding model, and setup covers both', () => {
    const r = runBin(['recommend', '--use-case', 'rag', '--vram', '12', '--local-only', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { local: { pipeline: { embedding: { modelId: string; setup: string[] }; totalBytes: number } | null }[] };
    expect(doc.local.length).toBeGreaterThan(0);
    for (const p of doc.local) {
      expect(p.pipeline?.embedding.setup.length).toBeGreaterThan(0);
    }
    const human = runBin(['recommend', '--use-case', 'rag', '--vram', '12', '--local-only']);
    // Under each pick, "+ <embedding model>" (its quantization too when the terminal is wide enough).
    for (const p of doc.local) expect(human.stdout).toContain(`+ ${p.pipeline!.embedding.modelId}`);
    expect(human.stdout).toMatch(/# and the embedding model/);
  });

  it('embedding: API embedding models with their dimensions', () => {
    const r = runBin(['recommend', '--use-case', 'embedding', '--vram', '8', '--api-only', '--json']);
    const doc = JSON.parse(r.stdout) as { api: { modelId: string; dimensions?: number; usdPerMillionInput: number }[] };
    expect(doc.api.length).toBeGreaterThan(0);
    expect(doc.api.some((a) => (a.dimensions ?? 0) > 0)).toBe(true);
  });
});

describe('malformed quality data in a user catalog', () => {
  it('a benchmark result with a non-number value: one line naming file, line and field; exit 2', () => {
    const bad = file(
      'bad-score.yaml',
      `scores:
  - id: Qwen/Qwen3-8B
    results:
      - benchmark: SWE-bench Verified
        variant: bash-only
        value: high
        asOf: 2025-08
        source: https://www.swebench.com
        primary: true
`,
    );
    const r = runBin(['recommend', '--use-case', 'code', '--vram', '12', '--catalog', bad]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${bad}:6 scores[0].results[0].value: Invalid input: expected number, received string`);
  });

  it('a legacy quality signal with a bad date: file, line and field; exit 2', () => {
    const bad = file(
      'bad-signal.yaml',
      `models:
  - id: qwen-3-8b
    quality:
      - metric: lmarena_text_score
        value: 1300
        asOf: last week
        source: https://lmarena.ai
`,
    );
    const r = runBin(['models', '--catalog', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`llm-pick: ${bad}:6 models[0].quality[0].asOf: a date as YYYY-MM or YYYY-MM-DD`);
  });

  it('a user catalog adds results for a model by its HF repo id, and they count', () => {
    const add = file(
      'more-scores.yaml',
      `scores:
  - id: Qwen/Qwen3-8B
    results:
      - benchmark: SWE-bench Verified
        variant: bash-only (our own run)
        value: 33
        asOf: 2026-11
        source: https://example.org/our-swe-bench-run
        primary: true
`,
    );
    const r = runBin(['models', '--use-case', 'code', '--json', '--catalog', add]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { models: { id: string; tasks: TaskJson[] }[] };
    const q = doc.models.find((m) => m.id === 'qwen-3-8b')!;
    expect(q.tasks.find((t) => t.task === 'code')).toMatchObject({ value: 0.33, estimated: false, source: 'https://example.org/our-swe-bench-run' });
  });
});
