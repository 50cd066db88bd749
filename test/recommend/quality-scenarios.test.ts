// Quality scenarios on the shipped catalog with the real estimator: every use case
// on 8, 12, 16, 24, 48 and 80 GiB cards and CPU only. Each test says which scores
// make the top pick one an expert would shortlist; the ranking properties hold for
// every answer. Assertions are on properties and on shortlists of the 2025 and 2026
// models whose sourced scores put them there (data/quality/*.yaml).
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/catalog.js';
import type { Catalog } from '../../src/catalog/schema.js';
import { realEstimator } from '../../src/decide/estimator.js';
import { RecommendJson, type LocalPick, type RecommendResult } from '../../src/decide/output-schema.js';
import { recommend } from '../../src/decide/recommend.js';
import type { Priority, RecommendUseCase } from '../../src/decide/types.js';
import type { HardwarePlan } from '../../src/hardware/types.js';
import { cpuPlan, gpuPlan } from '../decide/fixtures.js';
import { API_WEIGHTS } from '../../src/decide/api.js';

let catalog: Catalog;

beforeAll(() => {
  catalog = shippedCatalog();
});

const BUDGETS: [string, HardwarePlan][] = [
  ['8 GiB', gpuPlan(8, { bandwidth: 272 })],
  ['12 GiB', gpuPlan(12, { bandwidth: 360 })],
  ['16 GiB', gpuPlan(16, { bandwidth: 448 })],
  ['24 GiB', gpuPlan(24, { bandwidth: 936 })],
  ['48 GiB', gpuPlan(48, { bandwidth: 960 })],
  ['80 GiB', gpuPlan(80, { bandwidth: 2039 })],
  ['CPU only, 32 GiB', cpuPlan(32)],
];

function run(useCase: RecommendUseCase, plan: HardwarePlan, priority: Priority = 'balanced', top = 8): RecommendResult {
  const r = recommend({ useCase, priority, top }, { catalog, hardware: plan, estimator: realEstimator() });
  expect(() => RecommendJson.parse(r)).not.toThrow();
  return r;
}

/**
 * General instruct models an engineer would shortlist for extraction, summaries and long
 * documents in late 2026, with the sourced scores (data/quality/general.yaml) that put them here:
 * Qwen3.5-122B-A10B (IFEval 93.4, LongBench v2 60.2, LMArena 1418), Qwen3.5-35B-A3B (IFEval 91.9,
 * LongBench v2 59.0) and Qwen3.6-35B-A3B / Qwen3.6-27B (GPQA 86.0; SWE-bench Verified 73.4 / 77.2,
 * vendor figures) and the smaller Qwen3.5 (4B, 9B, 27B) that the family's scores estimate;
 * Gemma 4 26B-A4B / 31B (MMLU-Pro 82.6 / 85.2, MMMLU 86.3 / 88.4, OpenAI MRCR v2 128K 44.1 / 66.4)
 * and E4B (MMLU-Pro 69.4). The 2025 ones stay: Gemma 3 (IFEval 90.2 %, LMArena), Qwen3 (RULER,
 * BFCL, LMArena), gpt-oss (LMArena, GPQA), Llama 3.x, Mistral Small 3.1.
 */
const SHORTLIST = [
  'qwen-3.5-4b', 'qwen-3.5-9b', 'qwen-3.5-27b', 'qwen-3.5-35b-a3b', 'qwen-3.5-122b-a10b', 'qwen-3.6-27b', 'qwen-3.6-35b-a3b',
  'gemma-4-e4b', 'gemma-4-26b-a4b', 'gemma-4-31b',
  'gemma-3-4b', 'gemma-3-12b', 'gemma-3-27b', 'qwen-3-8b', 'qwen-3-14b', 'qwen-3-32b', 'qwen-3-30b-a3b-instruct-2507',
  'qwen-3-next-80b-a3b', 'qwen-3-coder-30b-a3b', 'gpt-oss-20b', 'gpt-oss-120b', 'llama-3.1-8b', 'llama-3.3-70b', 'mistral-small-3.1-24b', 'deepseek-r1-0528-qwen3-8b',
];

/**
 * What a pick holds in GPU memory (or RAM on CPU only): all of it, or with MoE experts in
 * system RAM (llama.cpp --n-cpu-moe; these rank with the picks that fit) the GPU side only.
 */
function gpuSideBytes(p: LocalPick): number {
  if (p.offload?.cpuMoeLayers) {
    expect(p.offload.gpuBytes).toBeDefined();
    expect(p.offload.ramBytes).toBeGreaterThan(0);
    // The two sides hold the whole model (the GPU also keeps one layer's experts as a copy buffer).
    expect(p.offload.gpuBytes! + p.offload.ramBytes!).toBeGreaterThanOrEqual(p.memory.totalBytes - 1);
    return p.offload.gpuBytes!;
  }
  expect(p.fits).toBe(true);
  return p.memory.totalBytes;
}

const model = (id: string) => catalog.models.find((m) => m.id === id)!;
const task = (p: LocalPick, name: string) => p.quality.tasks.find((t) => t.task === name);

/** The ranking properties every answer keeps. */
function rankingProperties(r: RecommendResult): void {
  const scores = r.local.map((p) => p.score);
  expect(scores, 'rank follows score').toEqual([...scores].sort((a, b) => b - a));
  r.local.forEach((p, i) => expect(p.rank).toBe(i + 1));
  const ids = r.local.map((p) => p.modelId);
  for (const p of r.local) {
    // A superseded model is never ranked above (or beside) its successor: it is shown under it.
    if (p.supersededBy) expect(ids).not.toContain(p.supersededBy);
  }
  const top3 = r.local.slice(0, 3).map((p) => {
    const m = model(p.modelId);
    return m.type === 'api' ? m.id : `${m.family}|${m.params.total.toPrecision(2)}`;
  });
  expect(new Set(top3).size, 'one variant of a model in the top three').toBe(top3.length);
}

/** The top pick's reasons name its quality and the scores that decided it, with source and date when measured. */
function namesDecidingScores(p: LocalPick, useCase: string): void {
  const reason = p.reasons.find((x) => x.startsWith(`${useCase} quality`));
  expect(reason).toBeDefined();
  for (const t of p.quality.tasks.filter((x) => !x.estimated)) {
    expect(t.benchmark).not.toBeNull();
    expect(t.source).not.toBeNull();
    expect(reason).toContain(`${t.basis}`);
    expect(t.basis).toMatch(/\(.+, \d{4}-\d{2}\)/); // "(source, YYYY-MM)"
  }
}

describe.each(BUDGETS)('%s', (label, plan) => {
  it('code: the top pick is listed for code and its code score is the best measured one that fits, or an estimate marked as such', () => {
    const r = run('code', plan);
    rankingProperties(r);
    const top = r.local[0]!;
    namesDecidingScores(top, 'code');
    expect(model(top.modelId).useCases).toContain('code');
    const code = task(top, 'code')!;
    // Every budget: a sourced code score leads (SWE-bench Verified, LiveCodeBench or Aider polyglot),
    // not an estimate. 8-16 GiB: Gemma 4 26B-A4B with its experts in RAM (LiveCodeBench v6 77.1 %,
    // vendor figure) over Qwen3.5-9B, whose code score is estimated; 24-80 GiB: Qwen3.6-27B
    // (SWE-bench Verified 77.2 %, vendor figure); CPU: Qwen3.6-35B-A3B (SWE-bench Verified 73.4 %).
    expect(code.estimated).toBe(false);
    expect(code.benchmark).toMatch(/SWE-bench Verified|LiveCodeBench|Aider polyglot/);
    // No fitting pick below has a better measured code score by more than its rounding.
    for (const p of r.local.slice(1)) {
      const t = task(p, 'code')!;
      if (!t.estimated && !code.estimated) expect(t.value).toBeLessThanOrEqual(code.value + 0.1);
    }
  });

  it('code with 24 GiB or more: a coder at least as strong as Devstral Small 2 (SWE-bench Verified 56.4 % bash-only) leads', () => {
    if (!['24 GiB', '48 GiB', '80 GiB'].includes(label)) return;
    const r = run('code', plan);
    const top = r.local[0]!;
    // Devstral Small 2 24B fits from 24 GiB: the top pick's SWE-bench-scaled code score is not below it
    // (Qwen3.6-27B: 0.66 from SWE-bench Verified 77.2 %; Devstral Small 2: 0.56).
    const devstral = r.local.find((p) => p.modelId === 'devstral-small-2-24b');
    expect(task(top, 'code')!.value).toBeGreaterThanOrEqual(devstral ? task(devstral, 'code')!.value : 0.55);
    expect(task(top, 'code')!.benchmark).toBe('SWE-bench Verified');
    if (top.modelId === 'qwen-3-coder-30b-a3b') expect(top.reasons.join(' ')).toMatch(/SWE-bench Verified 51\.6 % \(SWE-bench\/swe-bench\.github\.io, 2025-08\)/);
  });

  it('chat: the top pick has a measured LMArena score (human preference) where one fits', () => {
    const r = run('chat', plan);
    rankingProperties(r);
    const top = r.local[0]!;
    namesDecidingScores(top, 'chat');
    const chat = task(top, 'chat')!;
    if (!chat.estimated) expect(chat.benchmark).toBe('LMArena text');
    if (!label.startsWith('8') && !label.startsWith('12')) {
      // 16 GiB and up: the newest models (Qwen3.6, Gemma 4) have no LMArena score yet (the newest
      // snapshot, 2026-03-29, predates them: reference/quality_2026_general.json notes), so the top
      // pick need not have one; it has measured scores in its chat mix (GPQA, MMMLU, LMArena) and
      // no pick with a measured LMArena score is of better quality.
      expect(top.quality.tasks.some((t) => !t.estimated)).toBe(true);
      for (const p of r.local.slice(1)) {
        if (!task(p, 'chat')!.estimated) expect(p.quality.score).toBeLessThanOrEqual(top.quality.score + 0.02);
      }
    }
    expect(top.quality.score).toBeGreaterThan(0.5);
  });

  it('rag: a generator and an embedding model that fit together, with setup commands for both', () => {
    const r = run('rag', plan);
    rankingProperties(r);
    expect(r.local.length).toBeGreaterThan(0);
    for (const p of r.local) {
      expect(p.pipeline).not.toBeNull();
      const e = p.pipeline!.embedding;
      expect(model(e.modelId).type).toBe('embedding');
      expect(p.pipeline!.totalBytes).toBe(p.memory.totalBytes + e.totalBytes + (p.pipeline!.reranker?.totalBytes ?? 0));
      // Generator (its GPU side when its experts are in RAM), embedding model and reranker fit together.
      expect(gpuSideBytes(p) + e.totalBytes + (p.pipeline!.reranker?.totalBytes ?? 0)).toBeLessThanOrEqual(r.hardware.budgetBytes!);
      expect(e.setup.length).toBeGreaterThan(0);
      expect(p.setup.length).toBeGreaterThan(0);
      expect(e.dimensions).toBeGreaterThan(0);
    }
    // The embedding model is the best retrieval score within its share of the budget (MTEB(eng, v2) Retrieval).
    expect(r.local[0]!.pipeline!.embedding.quality.basis).toMatch(/MTEB/);
    namesDecidingScores(r.local[0]!, 'rag');
  });

  it('embedding: embedding models only, ranked by retrieval (MTEB), API embedding models with dimensions and price', () => {
    const r = run('embedding', plan);
    rankingProperties(r);
    expect(r.local.every((p) => p.type === 'embedding')).toBe(true);
    const top = r.local[0]!;
    expect(task(top, 'retrieval')!.estimated).toBe(false);
    expect(task(top, 'retrieval')!.benchmark).toMatch(/^MTEB/);
    expect(r.api.length).toBeGreaterThan(0);
    for (const a of r.api) {
      expect(model(a.modelId).useCases).toEqual(['embedding']);
      expect(a.usdPerMillionOutput).toBe(0);
    }
    expect(r.api.some((a) => a.dimensions !== undefined)).toBe(true);
  });

  it.each(['extraction', 'summarization', 'long-context'] as const)('%s: the top pick is a current general instruct model; an estimated quality says so', (useCase) => {
    const r = run(useCase, plan);
    rankingProperties(r);
    const top = r.local[0]!;
    namesDecidingScores(top, useCase);
    // Instruct models with measured IFEval / LongBench / MRCR / RULER / LMArena results in their
    // family (SHORTLIST says which).
    expect(SHORTLIST).toContain(top.modelId);
    if (top.quality.estimated) expect(top.reasons.join(' ')).toMatch(/mostly estimated/);
    for (const t of top.quality.tasks.filter((x) => x.estimated)) expect(t.uncertainty).toBeGreaterThan(0);
  });

  it('priority speed: the top three are in descending tok/s, all above the stated quality floor', () => {
    const r = run('chat', plan, 'speed');
    rankingProperties(r);
    const top3 = r.local.slice(0, 3);
    const rates = top3.map((p) => p.speed!.decodeTokensPerSecond);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const floor = Number(/quality ≥ (\d\.\d\d)/.exec(r.local[0]!.reasons[0]!)![1]);
    for (const p of top3) expect(p.quality.score).toBeGreaterThanOrEqual(floor - 0.005);
  });

  it('priority quality: ordered by the quality score (speed only breaks near-ties)', () => {
    const r = run('chat', plan, 'quality');
    rankingProperties(r);
    // Picks decoding under 5 tok/s carry the stated slow penalty; compare the others.
    const q = r.local.filter((p) => p.speed!.decodeTokensPerSecond >= 5).map((p) => p.quality.score);
    for (let i = 1; i < q.length; i += 1) expect(q[i]!).toBeLessThanOrEqual(q[i - 1]! + 0.02);
  });
});

describe('variants and successors on the shipped catalog', () => {
  it('24 GiB chat: the Qwen 30-35B-A3B line is one pick, Qwen3.6-35B-A3B, with the superseded releases under it', () => {
    const r = run('chat', gpuPlan(24, { bandwidth: 936 }));
    const ids = r.local.map((p) => p.modelId);
    // Qwen3-30B-A3B-Instruct-2507 and Qwen3.5-35B-A3B are superseded by Qwen3.6-35B-A3B (catalog supersededBy).
    const line = ids.filter((id) => id.startsWith('qwen-3-30b-a3b') || id.startsWith('qwen-3.5-35b-a3b') || id.startsWith('qwen-3.6-35b-a3b'));
    expect(line).toEqual(['qwen-3.6-35b-a3b']);
    const lead = r.local.find((p) => p.modelId === 'qwen-3.6-35b-a3b')!;
    const under = lead.variants.map((v) => v.modelId);
    expect(under).toContain('qwen-3.5-35b-a3b');
    expect(under).toContain('qwen-3-30b-a3b-instruct-2507');
    for (const v of lead.variants) expect(v.why).toMatch(/superseded by qwen-3\.6-35b-a3b|variant/);
  });

  it('API code picks are ranked by the same code score, with tiers derived from scores', () => {
    const r = recommend({ useCase: 'code', priority: 'quality', top: 10 }, { catalog, hardware: gpuPlan(24, { bandwidth: 936 }), estimator: realEstimator() });
    const scores = r.api.map((a) => a.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const providers = new Set(r.api.slice(0, 6).map((a) => a.provider));
    // Priority quality: the strongest sourced coders (Anthropic and OpenAI) lead.
    expect(providers.has('anthropic') || providers.has('openai')).toBe(true);
    const w = API_WEIGHTS.quality.quality;
    for (const a of r.api) expect(a.reasons[0]).toMatch(new RegExp(`^score [\\d.]+ = ${w} × quality`));
    expect(r.api[0]!.tier).toBe('frontier');
  });
});
