// The decision engine on a table of scenarios: 8, 12 and 24 GB cards, CPU only,
// every use case, privacy, offline, volume, API only, long context, commercial.
// Each answer must keep the invariants (checked for every scenario) and the
// properties listed for it.
import { describe, expect, it } from 'vitest';
import { recommend } from '../../src/decide/recommend.js';
import { RecommendJson, type RecommendResult } from '../../src/decide/output-schema.js';
import type { RecommendInput } from '../../src/decide/types.js';
import type { Catalog } from '../../src/catalog/schema.js';
import type { HardwarePlan } from '../../src/hardware/types.js';
import { pickSetupProblems } from '../decide/check-setup.js';
import { API_MODELS, cpuPlan, embedding, fakeEstimator, fixtureCatalog, GIB, gpuPlan, unknownPlan } from '../decide/fixtures.js';

const catalog = fixtureCatalog();
/** The fixture catalog with a reranker (an embedding-type row named as one). */
const withReranker = fixtureCatalog({ models: [{ ...embedding('rerank-small', 568e6, 8192, 0, 'rerank-small'), name: 'Rerank Small' }] });

interface Scenario {
  name: string;
  input: RecommendInput;
  hardware: HardwarePlan;
  /** Default: the whole fixture catalog. */
  catalog?: Catalog;
  expect: (r: RecommendResult) => void;
}

const ids = (r: RecommendResult) => r.local.map((p) => p.modelId);
const apiIds = (r: RecommendResult) => r.api.map((p) => p.modelId);
const ruleIds = (r: RecommendResult) => r.deployment.rules.map((h) => h.id);

const scenarios: Scenario[] = [
  {
    name: '8 GB, chat, defaults',
    input: { useCase: 'chat', priority: 'balanced' },
    hardware: gpuPlan(8),
    expect: (r) => {
      expect(r.local.length).toBeGreaterThan(0);
      expect(ids(r)).not.toContain('big-70b');
      expect(ids(r)).not.toContain('mid-14b'); // 14.7B at Q3_K_M + 8K context > 7 GiB
      expect(r.api.length).toBeGreaterThan(0);
      expect(ruleIds(r)).toContain('unknown-volume');
      expect(r.api.every((p) => p.monthlyUsd === undefined)).toBe(true);
    },
  },
  {
    name: '12 GB, chat, quality',
    input: { useCase: 'chat', priority: 'quality' },
    hardware: gpuPlan(12),
    expect: (r) => {
      expect(r.local[0]?.fits).toBe(true);
      expect(ruleIds(r)).toContain('best-quality');
      expect(r.deployment.reasons.join(' ')).toMatch(/--priority quality/);
    },
  },
  {
    name: '24 GB, chat, balanced: quants stay at or under Q6_K',
    input: { useCase: 'chat', priority: 'balanced' },
    hardware: gpuPlan(24),
    expect: (r) => {
      for (const p of r.local.filter((x) => x.engine !== 'vllm')) expect(['Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M']).toContain(p.quant);
    },
  },
  {
    name: '24 GB, chat, speed: quants at or under Q4_K_M',
    input: { useCase: 'chat', priority: 'speed' },
    hardware: gpuPlan(24),
    expect: (r) => {
      for (const p of r.local) expect(['Q4_K_M', 'Q3_K_M', 'FP8']).toContain(p.quant);
      expect(r.local.every((p) => p.speed !== null)).toBe(true);
    },
  },
  {
    name: '24 GB, chat, quality: a larger model at a lower quant is allowed, Q8_0 is the ceiling',
    input: { useCase: 'chat', priority: 'quality' },
    hardware: gpuPlan(24),
    expect: (r) => {
      for (const p of r.local.filter((x) => x.engine !== 'vllm')) expect(['Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M']).toContain(p.quant);
      // The best measured chat score that fits (arena 1280, nc-12b) leads at priority quality.
      expect(ids(r)[0]).toBe('nc-12b');
    },
  },
  {
    name: 'CPU only, 16 GB RAM, chat',
    input: { useCase: 'chat', priority: 'balanced' },
    hardware: cpuPlan(16),
    expect: (r) => {
      expect(r.hardware.cpuOnly).toBe(true);
      expect(r.local.length).toBeGreaterThan(0);
      for (const p of r.local) {
        expect(p.placement).toBe('cpu');
        expect(p.engine).not.toBe('vllm');
        if (p.engine === 'llama.cpp') expect(p.setup[0]).toMatch(/-ngl 0\b/);
      }
    },
  },
  {
    name: 'CPU only, 8 GB RAM, code',
    input: { useCase: 'code', priority: 'balanced' },
    hardware: cpuPlan(8),
    expect: (r) => {
      expect(ids(r)).not.toContain('coder-32b');
      for (const p of r.local) expect(p.memory.totalBytes).toBeLessThanOrEqual(4 * GIB);
    },
  },
  {
    name: '24 GB, code: code models first, general models marked',
    input: { useCase: 'code', priority: 'balanced' },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(ids(r)).toContain('coder-7b');
      const general = r.local.filter((p) => p.reasons.some((x) => x.startsWith('a general model')));
      for (const p of general) expect(catalog.models.find((m) => m.id === p.modelId)?.useCases).not.toContain('code');
      const listed = r.local.filter((p) => p.reasons.includes('listed for code'));
      expect(listed.length).toBeGreaterThan(0);
      // The quality reason names the code task and says when it is an estimate.
      for (const p of r.local) expect(p.reasons[1]).toMatch(/^code quality \d\.\d\d/);
      expect(apiIds(r)).toContain('gpt-x');
    },
  },
  {
    name: '12 GB, rag',
    input: { useCase: 'rag', priority: 'balanced' },
    hardware: gpuPlan(12),
    expect: (r) => {
      expect(r.local.length).toBeGreaterThan(0);
      expect(r.local.every((p) => p.type === 'local')).toBe(true);
    },
  },
  {
    name: '8 GB, extraction',
    input: { useCase: 'extraction', priority: 'speed' },
    hardware: gpuPlan(8),
    expect: (r) => {
      // Speed priority: fastest first among picks above the stated quality floor.
      expect(r.local[0]?.reasons[0]).toMatch(/priority speed: fastest first among picks with quality ≥ \d\.\d\d/);
      const rates = r.local.filter((p) => p.score >= 1).map((p) => p.speed!.decodeTokensPerSecond);
      expect(rates).toEqual([...rates].sort((a, b) => b - a));
    },
  },
  {
    name: '24 GB, summarization, 5M tokens/day',
    input: { useCase: 'summarization', priority: 'balanced', tokensPerDay: 5e6 },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(r.deployment.choice).toBe('local');
      expect(r.deployment.reasons[0]).toBe(
        '5M tokens/day is over the 1M/day where local usually pays off (rule of thumb); the cheapest suitable API, mini-x, would cost $39.92/month',
      );
      expect(r.api.every((p) => typeof p.monthlyUsd === 'number')).toBe(true);
    },
  },
  {
    name: 'embedding on 8 GB: only embedding models, llama.cpp with --embedding or the Ollama embed API',
    input: { useCase: 'embedding', priority: 'balanced' },
    hardware: gpuPlan(8),
    expect: (r) => {
      expect(r.local.length).toBe(3);
      expect(r.local.every((p) => p.type === 'embedding')).toBe(true);
      expect(ids(r)[0]).toBe('embed-large'); // best MTEB in the fixture
      expect(r.local.find((p) => p.modelId === 'embed-large')?.contextLength).toBe(512); // capped at its maximum
      expect(apiIds(r)).toEqual(['embed-api']);
      expect(r.api[0]?.setup[2]).toContain('from litellm import embedding');
    },
  },
  {
    name: 'rag on 24 GB: generator + embedding model + a reranker, which pays at this budget; all fit together',
    input: { useCase: 'rag', priority: 'balanced' },
    hardware: gpuPlan(24),
    catalog: withReranker,
    expect: (r) => {
      for (const p of r.local) {
        expect(p.pipeline?.embedding.modelId).not.toBe('rerank-small');
        expect(p.pipeline?.reranker?.modelId).toBe('rerank-small');
        expect(p.pipeline!.totalBytes).toBeLessThanOrEqual(r.hardware.budgetBytes!);
        expect(p.reasons.join(' ')).toMatch(/reranker rerank-small .*reorders the retrieved chunks/);
      }
      expect(r.local[0]!.pipeline!.reranker!.setup[0]).toMatch(/--reranking --port 8082$|^ollama pull/);
    },
  },
  {
    name: 'rag on 8 GB: no reranker (it does not pay under 12 GiB); embedding never lists a reranker',
    input: { useCase: 'rag', priority: 'balanced' },
    hardware: gpuPlan(8),
    catalog: withReranker,
    expect: (r) => {
      expect(r.local.length).toBeGreaterThan(0);
      for (const p of r.local) expect(p.pipeline?.reranker).toBeNull();
      const e = recommend({ useCase: 'embedding', priority: 'balanced', top: 10 }, { catalog: withReranker, hardware: gpuPlan(8), estimator: fakeEstimator });
      expect(e.local.map((p) => p.modelId)).not.toContain('rerank-small');
    },
  },
  {
    name: 'embedding, CPU only',
    input: { useCase: 'embedding', priority: 'speed' },
    hardware: cpuPlan(8),
    expect: (r) => {
      expect(r.local.every((p) => p.placement === 'cpu')).toBe(true);
    },
  },
  {
    name: 'long context (default 32K) on 24 GB',
    input: { useCase: 'long-context', priority: 'balanced' },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(r.inputs.contextLength).toBe(32768);
      expect(ids(r)).not.toContain('short-7b');
      expect(r.excluded.find((e) => e.modelId === 'short-7b')?.reason).toMatch(/4096 tokens, less than the 32768 needed/);
      for (const p of r.local) expect(p.contextLength).toBe(32768);
      for (const p of r.api) expect(p.contextWindow).toBeGreaterThanOrEqual(32768);
    },
  },
  {
    name: 'long context 500K on 24 GB: only 1M-window models, API with 2M window',
    input: { useCase: 'long-context', priority: 'balanced', contextLength: 500_000 },
    hardware: gpuPlan(24, { ramGiB: 64 }),
    expect: (r) => {
      for (const p of r.local) expect(p.modelId).toBe('long-8b');
      expect(apiIds(r)).toEqual(['gemini/long-x']);
      expect(r.excluded.find((e) => e.modelId === 'claude-x')?.reason).toMatch(/context window 195.3125K|less than/);
    },
  },
  {
    name: 'explicit --ctx larger than a model window excludes it',
    input: { useCase: 'chat', priority: 'balanced', contextLength: 16384 },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(ids(r)).not.toContain('short-7b');
      for (const p of r.local) expect(p.contextLength).toBe(16384);
    },
  },
  {
    name: 'privacy: local only, no API picks, and it says so',
    input: { useCase: 'chat', priority: 'balanced', privacy: true },
    hardware: gpuPlan(12),
    expect: (r) => {
      expect(r.deployment.choice).toBe('local');
      expect(r.api).toEqual([]);
      expect(r.deployment.reasons[0]).toBe('--privacy: data must not leave this machine');
      expect(r.deployment.reasonDetails[0]).toEqual({ origin: { option: 'privacy', value: null, given: true }, text: 'data must not leave this machine' });
      // Said once, in the verdict's reasons; no reason or note names an API or its price.
      expect(r.deployment.reasons[1]).toMatch(/API models and their prices are left out/);
      expect([...r.deployment.reasons, ...r.notes].join(' ')).not.toMatch(/API picks left out|\$\d|per-use|cheapest/);
    },
  },
  {
    name: 'offline: local only',
    input: { useCase: 'code', priority: 'quality', offline: true },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(r.deployment.choice).toBe('local');
      expect(r.api).toEqual([]);
      expect(ruleIds(r)).toContain('offline');
    },
  },
  {
    name: 'privacy on 8 GB CPU only with nothing fitting for long context',
    input: { useCase: 'long-context', priority: 'balanced', privacy: true, contextLength: 1_000_000 },
    hardware: cpuPlan(8),
    expect: (r) => {
      expect(r.deployment.choice).toBe('local');
      expect(r.local).toEqual([]);
      expect(r.api).toEqual([]);
      expect(ruleIds(r)).toContain('nothing-fits');
    },
  },
  {
    name: 'high volume, 50M tokens/day, 24 GB: local, vLLM for throughput',
    input: { useCase: 'chat', priority: 'balanced', tokensPerDay: 50e6 },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(r.deployment.choice).toBe('local');
      expect(r.deployment.reasons[0]).toMatch(/^50M tokens\/day is over the 1M\/day where local usually pays off/);
      expect(r.local.some((p) => p.engine === 'vllm')).toBe(true);
    },
  },
  {
    name: 'low volume, 100K tokens/day, 8 GB: API',
    input: { useCase: 'chat', priority: 'quality', tokensPerDay: 100_000 },
    hardware: gpuPlan(8),
    expect: (r) => {
      expect(r.deployment.choice).toBe('api');
      expect(r.deployment.reasons.join(' ')).toMatch(/100K tokens\/day is at or under the 1M\/day/);
    },
  },
  {
    name: 'API only: no local ranking, no hardware needed',
    input: { useCase: 'chat', priority: 'balanced', apiOnly: true, tokensPerDay: 2e6 },
    hardware: unknownPlan(),
    expect: (r) => {
      expect(r.deployment.choice).toBe('api');
      expect(r.local).toEqual([]);
      expect(r.api.length).toBeGreaterThan(0);
      expect(apiIds(r)).not.toContain('old-x');
      expect(r.deployment.reasons[0]).toMatch(/--api-only/);
    },
  },
  {
    name: 'local only: no API picks',
    input: { useCase: 'chat', priority: 'balanced', localOnly: true },
    hardware: gpuPlan(12),
    expect: (r) => {
      expect(r.deployment.choice).toBe('local');
      expect(r.api).toEqual([]);
    },
  },
  {
    name: 'commercial licence filter',
    input: { useCase: 'chat', priority: 'quality', commercial: true },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(ids(r)).not.toContain('nc-12b');
      expect(r.excluded.find((e) => e.modelId === 'nc-12b')).toMatchObject({ kind: 'licence', reason: 'licence cc-by-nc-4.0 does not allow commercial use' });
      const restricted = r.local.find((p) => p.license.commercial === 'restricted');
      if (restricted) expect(restricted.reasons.join(' ')).toMatch(/commercial use restricted/);
    },
  },
  {
    name: 'without --commercial the non-commercial model may appear, marked',
    input: { useCase: 'chat', priority: 'quality' },
    hardware: gpuPlan(24),
    expect: (r) => {
      const nc = r.local.find((p) => p.modelId === 'nc-12b');
      expect(nc?.reasons.join(' ')).toMatch(/commercial use not allowed/);
    },
  },
  {
    name: 'a superseded model is shown under its successor, never ranked above it',
    input: { useCase: 'rag', priority: 'quality', top: 20 },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(ids(r)).not.toContain('small-8b-old');
      const current = r.local.find((p) => p.modelId === 'small-8b')!;
      expect(current.variants.map((v) => [v.modelId, v.why])).toContainEqual(['small-8b-old', 'superseded by small-8b']);
      expect(current.reasons.join(' ')).toMatch(/small-8b-old \(score [\d.]+\) is shown under this pick: superseded by small-8b/);
    },
  },
  {
    name: '70B never shown as fitting on 24 GB; with --allow-offload it appears after the fitting picks',
    input: { useCase: 'chat', priority: 'quality', allowOffload: true, top: 20 },
    hardware: gpuPlan(24),
    expect: (r) => {
      const big = r.local.find((p) => p.modelId === 'big-70b');
      expect(big).toBeDefined();
      expect(big?.fits).toBe(false);
      expect(big?.placement).toBe('offload');
      expect(big?.engine).toBe('llama.cpp');
      expect(big?.speed?.decodeTokensPerSecond).toBeLessThan(10);
      const firstOffload = r.local.findIndex((p) => p.fits === false);
      expect(r.local.slice(firstOffload).every((p) => p.fits === false)).toBe(true);
    },
  },
  {
    name: '70B without --allow-offload: excluded with the reason and the hint',
    input: { useCase: 'chat', priority: 'quality', top: 20 },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(ids(r)).not.toContain('big-70b');
      expect(r.excluded.find((e) => e.modelId === 'big-70b')?.reason).toMatch(/even Q3_K_M .* needs .* more than the 23.0 GiB.*--allow-offload/);
    },
  },
  {
    name: '2 × 24 GB: the budget doubles, vLLM uses tensor parallelism',
    input: { useCase: 'chat', priority: 'balanced', top: 20 },
    hardware: gpuPlan(24, { gpus: 2 }),
    expect: (r) => {
      expect(r.hardware.budgetBytes).toBe(46 * GIB);
      const v = r.local.find((p) => p.engine === 'vllm');
      expect(v?.setup[0]).toMatch(/--tensor-parallel-size 2/);
    },
  },
  {
    name: 'planned card without bandwidth: speed unknown, ranked by bytes per token',
    input: { useCase: 'chat', priority: 'speed' },
    hardware: gpuPlan(12, { bandwidth: null }),
    expect: (r) => {
      expect(r.local.every((p) => p.speed === null)).toBe(true);
      expect(r.local[0]?.reasons.join(' ')).toMatch(/speed unknown/);
    },
  },
  {
    name: 'no hardware known: fits is null, not true',
    input: { useCase: 'chat', priority: 'balanced' },
    hardware: unknownPlan(),
    expect: (r) => {
      expect(r.local.every((p) => p.fits === null)).toBe(true);
      expect(r.notes.join(' ')).toMatch(/The memory available is not known/);
    },
  },
  {
    name: 'budget: APIs over it are left out and local is favoured',
    input: { useCase: 'chat', priority: 'balanced', tokensPerDay: 20e6, budgetUsd: 100 },
    hardware: gpuPlan(24),
    expect: (r) => {
      for (const p of r.api) expect(p.monthlyUsd).toBeLessThanOrEqual(100);
      expect(ruleIds(r)).toContain('over-budget');
      expect(r.deployment.choice).toBe('local');
    },
  },
  {
    name: 'latency critical with a fast local fit',
    input: { useCase: 'chat', priority: 'balanced', latencyCritical: true },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(ruleIds(r)).toContain('latency-critical');
    },
  },
  {
    name: 'latency critical on CPU: a fast MoE beats a slow 70B, even at priority quality',
    input: { useCase: 'chat', priority: 'quality', latencyCritical: true, top: 20 },
    hardware: cpuPlan(64),
    expect: (r) => {
      expect(ids(r).indexOf('moe-30b')).toBeLessThan(ids(r).indexOf('big-70b'));
      expect(ids(r).slice(0, 2)).toContain('moe-30b');
      expect(r.local[0]!.speed!.decodeTokensPerSecond).toBeGreaterThanOrEqual(5);
      const big = r.local.find((p) => p.modelId === 'big-70b');
      expect(big?.reasons.join(' ')).toMatch(/slow for interactive use/);
    },
  },
  {
    name: 'latency critical when only a slow model fits: the rule says so',
    input: { useCase: 'code', priority: 'quality', latencyCritical: true },
    hardware: cpuPlan(24),
    catalog: { ...catalog, models: catalog.models.filter((m) => m.type === 'api' || m.id === 'coder-32b') },
    expect: (r) => {
      const best = r.local[0]!;
      expect(best.speed!.decodeTokensPerSecond).toBeLessThan(5);
      expect(ruleIds(r)).toContain('latency-but-slow');
      expect(ruleIds(r)).not.toContain('slow-local');
    },
  },
  {
    name: 'tiny card where nothing fits: API verdict',
    input: { useCase: 'code', priority: 'balanced', tokensPerDay: 200_000 },
    hardware: gpuPlan(2),
    expect: (r) => {
      expect(r.local).toEqual([]);
      expect(ruleIds(r)).toContain('nothing-fits');
      expect(r.deployment.choice).toBe('api');
    },
  },
  {
    name: '--top 2 cuts both lists',
    input: { useCase: 'chat', priority: 'balanced', top: 2 },
    hardware: gpuPlan(24),
    expect: (r) => {
      expect(r.local.length).toBeLessThanOrEqual(2);
      expect(r.api.length).toBeLessThanOrEqual(2);
    },
  },
  {
    name: 'q8_0 KV cache: llama.cpp commands carry the cache type',
    input: { useCase: 'chat', priority: 'balanced', kvCacheType: 'q8_0' },
    hardware: gpuPlan(12),
    expect: (r) => {
      for (const p of r.local.filter((x) => x.engine === 'llama.cpp')) expect(p.setup[0]).toMatch(/-ctk q8_0 -ctv q8_0/);
      expect(r.local.some((p) => p.engine === 'vllm')).toBe(false);
    },
  },
];

function checkInvariants(r: RecommendResult, s: Scenario): void {
  const catalog = s.catalog ?? fixtureCatalog();
  expect(() => RecommendJson.parse(r)).not.toThrow();
  expect(r.deployment.reasons.length).toBeGreaterThan(0);
  const top = s.input.top ?? 5;
  expect(r.local.length).toBeLessThanOrEqual(top);
  expect(r.api.length).toBeLessThanOrEqual(top);
  r.local.forEach((p, i) => expect(p.rank).toBe(i + 1));
  r.api.forEach((p, i) => expect(p.rank).toBe(i + 1));
  const budget = r.hardware.budgetBytes;
  let seenOffload = false;
  for (const p of r.local) {
    expect(p.reasons.length).toBeGreaterThan(2);
    if (p.fits === true && budget !== null) expect(p.memory.totalBytes).toBeLessThanOrEqual(budget);
    if (p.fits === false) {
      expect(s.input.allowOffload).toBe(true);
      expect(p.offload).not.toBeNull();
      seenOffload = true;
    } else {
      expect(seenOffload).toBe(false);
    }
    if (budget === null) expect(p.fits).toBeNull();
    if (s.input.commercial) expect(p.license.commercial).not.toBe('no');
    expect(pickSetupProblems(p, catalog, s.hardware)).toEqual([]);
    if (p.supersededBy) {
      const successor = r.local.findIndex((x) => x.modelId === p.supersededBy);
      if (successor >= 0) expect(successor).toBeLessThan(p.rank - 1);
    }
  }
  for (const p of r.api) {
    const model = API_MODELS.find((m) => m.id === p.modelId)!;
    expect(model.retired).toBe(false);
    expect(p.reasons.length).toBeGreaterThan(2);
    expect(p.monthlyUsd !== undefined).toBe(s.input.tokensPerDay !== undefined);
    expect(p.setup[1]).toBe(`export ${model.envVar}="<your ${model.provider} API key>"`);
    expect(p.setup[2]).toContain(`model="${model.litellmId}"`);
  }
  if (s.input.privacy || s.input.offline || s.input.localOnly) expect(r.api).toEqual([]);
  if (s.input.apiOnly) expect(r.local).toEqual([]);
}

describe('recommend scenarios', () => {
  it('has at least 25 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
  });
  for (const s of scenarios) {
    it(s.name, () => {
      const r = recommend(s.input, { catalog: s.catalog ?? catalog, hardware: s.hardware, estimator: fakeEstimator });
      checkInvariants(r, s);
      s.expect(r);
    });
  }
});
