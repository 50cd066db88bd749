// Per-task quality: anchors, linked benchmarks, estimates, the successor rule,
// the quantization cost, the arrangement of the ranked list, and key resolution.
import { describe, expect, it } from 'vitest';
import type { BenchmarkResult, Catalog, ScoreEntry } from '../../src/catalog/schema.js';
import { resolveScores } from '../../src/catalog/scores.js';
import { MEASURES, USE_CASE_MIX } from '../../src/decide/benchmarks.js';
import { taskScore, useCaseQuality } from '../../src/decide/quality.js';
import { quantLoss } from '../../src/decide/quant-cost.js';
import { arrange } from '../../src/decide/ranking.js';
import { buildQualityTable } from '../../src/decide/task-fit.js';
import { fixtureCatalog, local } from './fixtures.js';

const SRC = 'test fixture, not a real figure';
const r = (benchmark: string, variant: string, value: number, asOf = '2025-12-11'): BenchmarkResult => ({ benchmark, variant, value, asOf, source: SRC, primary: true });
const bash = (v: number) => r('SWE-bench Verified', 'bash-only (mini-SWE-agent)', v);
const aider = (v: number) => r('Aider polyglot', 'diff', v);
const arena = (v: number) => r('LMArena text', 'text overall', v, '2026-03-29');
const m = (id: string, params: number, released = '2025-06', supersededBy?: string) =>
  ({ ...local({ id, params, layers: 32, kvHeads: 8, useCases: ['chat', 'code'], ...(supersededBy ? { supersededBy } : {}) }), released });

describe('task scores', () => {
  // One size for all, so that only benchmark results inform the estimates here.
  const models = ['a', 'b', 'c', 'd', 'e', 'h', 'i', 'j', 'f', 'g'].map((id) => m(id, 8e9));
  // a-e, h-j: SWE-bench bash-only, Aider (≈ 1.5 × SWE) and LMArena; f: Aider only; g: LMArena only.
  const results: Record<string, BenchmarkResult[]> = {
    a: [bash(20), aider(30), arena(1200)],
    b: [bash(30), aider(45), arena(1250)],
    c: [bash(40), aider(60), arena(1300)],
    d: [bash(50), aider(75), arena(1350)],
    e: [bash(60), aider(90), arena(1400)],
    h: [bash(25), arena(1225)],
    i: [bash(35), arena(1275)],
    j: [bash(45), arena(1325)],
    f: [aider(60), arena(1320)],
    g: [arena(1280)],
  };
  const table = buildQualityTable(models, (id) => results[id] ?? []);

  it('an anchor result is the task score itself, with its source and date', () => {
    const s = table.scores.get('c')!.get('code')!;
    expect(s).toMatchObject({ value: 0.4, estimated: false, uncertainty: 0 });
    expect(s.basis).toBe('SWE-bench Verified (bash-only) 40 % (test fixture, 2025-12)');
  });

  it('another benchmark of the task is mapped onto the anchor scale by a fit, not taken at face value', () => {
    const s = table.scores.get('f')!.get('code')!;
    expect(s.estimated).toBe(false);
    expect(s.value).toBeCloseTo(0.4, 2); // Aider 60 % ≈ SWE-bench 40 % in these models
    expect(s.basis).toMatch(/^Aider polyglot 60 % .*mapped to the SWE-bench Verified \(bash-only\) scale by a fit over 5 models/);
  });

  it('a task without a result is estimated, marked, with an uncertainty, from the model’s other tasks', () => {
    const s = table.scores.get('g')!.get('code')!;
    expect(s.estimated).toBe(true);
    expect(s.uncertainty).toBeGreaterThan(0);
    expect(s.result).toBeNull();
    expect(s.basis).toMatch(/^estimated from chat 0\.\d\d \(±0\.\d\d, \d+ models\)/);
    // arena 1280 sits between i (1275 → 35 %) and c (1300 → 40 %).
    expect(s.value).toBeGreaterThan(0.3);
    expect(s.value).toBeLessThan(0.42);
  });

  it('the hold-out estimate of a measured model predicts it (what bench/quality.ts reports)', () => {
    const e = table.estimate('c', 'code')!;
    expect(e.estimated).toBe(true);
    expect(Math.abs(e.value - 0.4)).toBeLessThan(0.05);
  });

  it('an estimate is never below the score of the model it supersedes', () => {
    const old = m('old', 8e9, '2024-01', 'new');
    const next = m('new', 8e9, '2025-06');
    const t = buildQualityTable([...models, old, next], (id) => (id === 'old' ? [bash(70)] : id === 'new' ? [arena(1200)] : (results[id] ?? [])));
    const s = t.scores.get('new')!.get('code')!;
    expect(s.estimated).toBe(true);
    expect(s.value).toBe(0.7);
    expect(s.basis).toMatch(/raised to 0\.70, the score of old, which it supersedes/);
  });

  it('a use case mixes tasks by its weights and says how much is estimated', () => {
    const q = useCaseQuality(table.scores.get('g')!, 'code');
    const mix = USE_CASE_MIX.code;
    expect(q.tasks.map((t) => t.weight)).toEqual(Object.values(mix).sort((a, b) => b - a));
    expect(q.estimatedShare).toBeCloseTo(1);
    expect(q.estimated).toBe(true);
    expect(q.basis).toMatch(/^code 0\.\d\d \(estimate ±0\.\d\d\) ×0\.7: estimated from/);
  });

  it('every task has exactly one anchor benchmark, and every use case mix sums to 1', () => {
    const anchors = MEASURES.filter((x) => x.anchor).map((x) => x.task);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const mix of Object.values(USE_CASE_MIX)) expect(Object.values(mix).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });
});

describe('quantization cost', () => {
  it('falls with bits and with size, from the llama.cpp perplexity tables', () => {
    expect(quantLoss('Q8_0', 8e9).fraction).toBeCloseTo(0.0002);
    expect(quantLoss('Q4_K_M', 8e9).fraction).toBeCloseTo(0.0279);
    expect(quantLoss('Q4_K_M', 70e9).fraction).toBeCloseTo(0.012);
    expect(quantLoss('Q4_K_M', 32e9).fraction).toBeLessThan(quantLoss('Q4_K_M', 14e9).fraction);
    expect(quantLoss('Q3_K_M', 8e9).fraction).toBeGreaterThan(quantLoss('Q4_K_M', 8e9).fraction);
    expect(quantLoss('F16', 8e9).fraction).toBe(0);
    expect(quantLoss('MXFP4', 20e9, 'MXFP4').fraction).toBe(0);
    expect(quantLoss('Q4_K_M', 8e9).basis).toMatch(/LLaMA 3 8b Scoreboard/);
  });

  it('a 32B at Q4_K_M keeps more of its score than a 14B loses to size: compared honestly', () => {
    // Both at their published quality 0.5 and 0.4: the quant cost is a few percent, not a tier.
    const big = 0.5 * (1 - quantLoss('Q4_K_M', 32e9).fraction);
    const small = 0.4 * (1 - quantLoss('Q8_0', 14e9).fraction);
    expect(big).toBeGreaterThan(small);
    expect(big).toBeLessThan(0.5);
  });
});

describe('arrange', () => {
  const item = (modelId: string, score: number, variantGroup: string, supersededBy: string | null = null) => ({ modelId, score, variantGroup, supersededBy });

  it('sorts by score; a superseded model goes under its successor even when it scores higher', () => {
    const out = arrange([item('new', 0.5, 'x|8'), item('old', 0.6, 'x|7', 'new'), item('other', 0.55, 'y|9')]);
    expect(out.map((o) => o.item.modelId)).toEqual(['other', 'new']);
    expect(out[1]!.under.map((u) => [u.item.modelId, u.why])).toEqual([['old', 'superseded by new']]);
  });

  it('at most one variant of a model in the top three; after the third, variants rank again', () => {
    const out = arrange([
      item('q-inst', 0.9, 'qwen|3.1e10'),
      item('q-think', 0.85, 'qwen|3.1e10'),
      item('g', 0.8, 'gemma|1.2e10'),
      item('l', 0.7, 'llama|8.0e9'),
      item('q-coder', 0.6, 'qwen|3.1e10'),
    ]);
    expect(out.map((o) => o.item.modelId)).toEqual(['q-inst', 'g', 'l', 'q-coder']);
    expect(out[0]!.under[0]!.why).toBe('a variant of q-inst (one per model in the top 3)');
  });
});

describe('score keys', () => {
  const entry = (id: string, aliases: string[] = []): ScoreEntry => ({ id, aliases, results: [arena(1300)] });

  it('resolve by HF repo, catalog id or alias, case-insensitively; unknown keys are kept as awaiting a model', () => {
    const base = fixtureCatalog();
    const repo = base.models.find((x) => x.id === 'small-8b')!;
    const catalog: Catalog = {
      ...base,
      scores: [entry(repo.type === 'api' ? repo.id : repo.hf.repo.toUpperCase()), entry('Qwen/Qwen3.6-35B-A3B', ['qwen-3.6-35b-a3b'])],
    };
    const resolved = resolveScores(catalog);
    expect(resolved.byModel.get('small-8b')?.[0]?.value).toBe(1300);
    expect(resolved.unmatched.map((u) => u.id)).toEqual(['Qwen/Qwen3.6-35B-A3B']);
  });

  it('a 2026 model added by another file picks up its results and is scored as measured', () => {
    const base = fixtureCatalog();
    const newModel = { ...local({ id: 'qwen-3.6-35b-a3b', params: 35e9, active: 3e9, layers: 40, kvHeads: 2, useCases: ['chat', 'code'] }) };
    newModel.hf = { ...newModel.hf, repo: 'Qwen/Qwen3.6-35B-A3B' };
    const catalog: Catalog = {
      ...base,
      models: [...base.models, newModel],
      scores: [...base.scores, { id: 'Qwen/Qwen3.6-35B-A3B', aliases: [], results: [bash(60)] }],
    };
    const q = taskScore(catalog, newModel, 'code');
    expect(q.tasks.find((t) => t.task === 'code')).toMatchObject({ value: 0.6, estimated: false });
  });
});
