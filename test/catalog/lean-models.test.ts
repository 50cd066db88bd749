// recommend ranks on the lean models (src/catalog/lean.ts, dist/catalog-models-lean.json, read by
// src/catalog/load.ts loadRankingCatalog): every model less its sources, notes, descriptions, raw
// quality signals and vision block. Checked here: the file is what the build computes and equals
// the whole parse less those fields for every model; recommend reads none of the dropped fields
// and answers the same on lean and whole models; a damaged or foreign file gives the whole models.
// Needs `npm run build` (npm test does).
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkedLeanModels, LEAN_DROPPED, LEAN_DROPPED_INSIDE, LEAN_FORMAT, leanModel, type LeanModelsFile } from '../../src/catalog/lean.js';
import type { Catalog, EmbeddingModel, LocalModel, Model } from '../../src/catalog/schema.js';
import { withReferenceShapes } from '../../src/calibrate/reference.js';
import { realEstimator } from '../../src/decide/estimator.js';
import { recommend } from '../../src/decide/recommend.js';
import { qualityTable } from '../../src/decide/task-fit.js';
import type { RecommendInput } from '../../src/decide/types.js';
import { RECOMMEND_USE_CASES } from '../../src/decide/types.js';
import type { HardwarePlan } from '../../src/hardware/types.js';
import { matchCatalog } from '../../src/installed/match.js';
import { BIN, ROOT, runNodeAsync } from '../helpers/bin.js';
import { packageCopies } from '../helpers/package-copy.js';
import { cpuPlan, gpuPlan, unknownPlan } from '../decide/fixtures.js';

const MODELS = join(ROOT, 'dist/catalog-models.json');
const LEAN = join(ROOT, 'dist/catalog-models-lean.json');
const wholeText = readFileSync(MODELS, 'utf8');
const whole = JSON.parse(wholeText) as Model[];
const leanFile = JSON.parse(readFileSync(LEAN, 'utf8')) as LeanModelsFile;

/** A fresh copy of src/catalog/load.ts: nothing parsed yet. */
async function freshLoad(): Promise<typeof import('../../src/catalog/load.js')> {
  vi.resetModules();
  return import('../../src/catalog/load.js');
}

/** Where the lean value differs from the whole one less the dropped fields (written apart from leanModel). */
function differences(full: unknown, lean: unknown, path: string, depth: number): string[] {
  if (Array.isArray(full)) {
    if (!Array.isArray(lean) || lean.length !== full.length) return [`${path}: not the same array`];
    return full.flatMap((v, i) => differences(v, lean[i], `${path}[${i}]`, depth + 1));
  }
  if (full === null || typeof full !== 'object') return Object.is(full, lean) ? [] : [`${path}: ${String(lean)} is not ${String(full)}`];
  if (lean === null || typeof lean !== 'object' || Array.isArray(lean)) return [`${path}: not an object`];
  const dropped: readonly string[] = depth === 0 ? LEAN_DROPPED : LEAN_DROPPED_INSIDE;
  const kept = Object.keys(full).filter((k) => !dropped.includes(k));
  const out: string[] = [];
  if (JSON.stringify(Object.keys(lean)) !== JSON.stringify(kept)) out.push(`${path}: keys ${Object.keys(lean).join(',')} are not ${kept.join(',')}`);
  for (const k of kept) out.push(...differences((full as Record<string, unknown>)[k], (lean as Record<string, unknown>)[k], `${path}.${k}`, depth + 1));
  return out;
}

describe('dist/catalog-models-lean.json', () => {
  it('is what the build computes from the models file, and says which file that is', () => {
    expect(leanFile.format).toBe(LEAN_FORMAT);
    expect(leanFile.modelsBytes).toBe(statSync(MODELS).size);
    expect(leanFile.count).toBe(whole.length);
    expect(JSON.stringify(leanFile.models) === JSON.stringify(whole.map(leanModel))).toBe(true);
    // ASCII, like the other built files (one-byte strings, parsed on the one-byte path).
    expect(/[^\x00-\x7f]/.test(readFileSync(LEAN, 'latin1'))).toBe(false);
  });

  it('holds every model as the whole parse less the dropped fields, other keys in the same order', () => {
    expect(whole.length).toBeGreaterThan(200);
    for (const [i, m] of whole.entries()) expect(differences(m, leanFile.models[i], m.id, 0)).toEqual([]);
    // Something was dropped: the file is well under half the models file.
    expect(readFileSync(LEAN).length).toBeLessThan(wholeText.length / 2);
  });
});

describe('checkedLeanModels', () => {
  const good = (): LeanModelsFile => structuredClone(leanFile);
  it('takes the file made from this models file', () => {
    expect(checkedLeanModels(good(), leanFile.modelsBytes)).toHaveLength(whole.length);
  });
  it('refuses another format, another models file, a count that is not the list, an entry without id or type', () => {
    const size = leanFile.modelsBytes;
    const damaged: [string, unknown, number][] = [
      ['null', null, size],
      ['an array', leanFile.models, size],
      ['format', { ...good(), format: 'llm-pick lean models 0' }, size],
      ['models file size', good(), size + 1],
      ['count', { ...good(), count: whole.length - 1 }, size],
      ['models missing', { ...good(), models: undefined }, size],
      ['an entry without id', { ...good(), models: good().models.map((m, i) => (i === 3 ? { ...m, id: undefined } : m)) }, size],
      ['an entry that is not an object', { ...good(), models: good().models.map((m, i) => (i === 3 ? 'x' : m)) }, size],
    ];
    for (const [what, parsed, bytes] of damaged) expect(checkedLeanModels(parsed, bytes), what).toBeNull();
  });
});

/**
 * The lean models, each object inside them watched: reading a key that the lean object lacks and
 * the whole one has (a dropped field) is recorded.
 */
function watched(models: readonly Model[], full: readonly Model[]): { models: Model[]; reads: Set<string> } {
  const reads = new Set<string>();
  const wrap = (lean: unknown, fullValue: unknown, path: string): unknown => {
    if (lean === null || typeof lean !== 'object') return lean;
    return new Proxy(lean, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof key !== 'string') return value;
        const fullChild = fullValue !== null && typeof fullValue === 'object' ? (fullValue as Record<string, unknown>)[key] : undefined;
        if (!Object.hasOwn(target, key) && fullValue !== null && typeof fullValue === 'object' && Object.hasOwn(fullValue, key)) reads.add(`${path}.${key}`);
        return typeof value === 'function' ? value : wrap(value, fullChild, `${path}.${key}`);
      },
    });
  };
  return { models: models.map((m, i) => wrap(m, full[i], m.id) as Model), reads };
}

describe('recommend on the lean models', () => {
  it('the watch below sees a dropped field read, inside a model too', () => {
    const m = whole.find((x) => x.type === 'local')!;
    const guard = watched([leanModel(m)], [m]);
    const [lean] = guard.models as LocalModel[];
    expect(lean!.description).toBeUndefined();
    expect(lean!.architecture.layers).toBe(m.architecture.layers);
    expect(lean!.hf.source).toBeUndefined();
    expect([...guard.reads]).toEqual([`${m.id}.description`, `${m.id}.hf.source`]);
  });

  it('reads none of the dropped fields and answers as on the whole models', async () => {
    const load = await freshLoad();
    const ranking = load.loadRankingCatalog();
    const lean = ranking.models;
    expect(JSON.stringify(lean) === JSON.stringify(leanFile.models)).toBe(true);
    const builtin = load.loadBuiltinCatalog();
    expect(builtin.models).not.toBe(lean);
    expect(JSON.stringify(builtin.models) === JSON.stringify(whole)).toBe(true);
    const guard = watched(lean, builtin.models);
    // Every model object is a new proxy: the catalog is a new object (its own quality table cache).
    const leanCatalog = Object.defineProperties({ gpus: ranking.gpus, quants: ranking.quants, engines: ranking.engines, models: guard.models } as Catalog, {
      scores: { get: () => builtin.scores },
      qualityScores: { get: () => (builtin as { qualityScores?: unknown }).qualityScores },
      qualityPacked: { get: () => (builtin as { qualityPacked?: unknown }).qualityPacked },
      wholeCatalog: { value: builtin },
    });
    const plans: [string, HardwarePlan][] = [
      ['8 GB', gpuPlan(8, { bandwidth: 272 })],
      ['24 GB', gpuPlan(24, { bandwidth: 936, ramGiB: 64 })],
      ['2 × 80 GB', gpuPlan(80, { bandwidth: 3350, gpus: 2 })],
      ['CPU 32 GB', cpuPlan(32)],
      ['unknown', unknownPlan()],
    ];
    const extras: Partial<RecommendInput>[] = [
      {},
      { priority: 'quality', commercial: true, allowOffload: true },
      { priority: 'speed', tokensPerDay: 5e7, latencyCritical: true, top: 20 },
      { apiOnly: true, allApi: true },
      { contextLength: 131072, budgetUsd: 20, privacy: true, engine: 'vllm' },
    ];
    let runs = 0;
    for (const [label, hardware] of plans) {
      for (const useCase of RECOMMEND_USE_CASES) {
        for (const extra of extras) {
          const input: RecommendInput = { useCase, priority: 'balanced', ...extra };
          if (input.apiOnly && input.privacy) continue;
          const installed = { refs: [{ modelId: 'qwen-3.6-35b-a3b', store: 'ollama', path: '/x', name: 'qwen3.6', quant: 'Q4_K_M' }], only: false };
          const onWhole = recommend(input, { catalog: builtin, hardware, estimator: realEstimator(), installed });
          const onLean = recommend(input, { catalog: leanCatalog, hardware, estimator: realEstimator(), installed });
          expect(JSON.stringify(onLean), `${label} ${useCase} ${JSON.stringify(extra)}`).toBe(JSON.stringify(onWhole));
          runs += 1;
        }
      }
    }
    expect(runs).toBeGreaterThan(150);
    // The calibration's reference shapes and the model-store match (recommend's other readers of models).
    const locals = (list: readonly Model[]) => list.filter((m): m is LocalModel | EmbeddingModel => m.type !== 'api');
    for (const m of locals(builtin.models)) {
      const entry = { gpuId: 'rtx-4090', gpuName: 'RTX 4090', backend: 'cuda', modelType: 'x', modelFile: `${m.hf.repo.split('/')[1]}-Q4_K_M.gguf`, quant: 'Q4_K_M', params: m.params.total, activeParams: null, sizeBytes: 1, depth: 0, decode: null, prompt: null } as never;
      expect(JSON.stringify(withReferenceShapes([entry], locals(guard.models)))).toBe(JSON.stringify(withReferenceShapes([entry], locals(builtin.models))));
      for (const q of [
        { store: 'ollama', name: m.ollama[0]?.tag ?? 'none', repo: null, ggufName: null, params: m.params.total },
        { store: 'hf', name: m.name, repo: m.hf.ggufRepo ?? m.hf.repo, ggufName: m.name, params: m.params.total },
        { store: 'lmstudio', name: m.id, repo: null, ggufName: m.name, params: m.params.total },
      ]) {
        expect(matchCatalog(q, locals(guard.models))).toEqual(matchCatalog(q, locals(builtin.models)));
      }
    }
    expect([...guard.reads]).toEqual([]);
  }, 120_000);

  it('computes the quality table on the whole models when the built one cannot be used', async () => {
    const load = await freshLoad();
    const lean = load.loadRankingCatalog().models;
    const builtin = load.loadBuiltinCatalog();
    expect(lean).not.toBe(builtin.models);
    const bare = (models: readonly Model[], extra: PropertyDescriptorMap = {}): Catalog =>
      Object.defineProperties({ gpus: builtin.gpus, quants: builtin.quants, engines: builtin.engines, models } as Catalog, { scores: { get: () => builtin.scores }, ...extra });
    const computed = qualityTable(bare(builtin.models));
    const fromLean = qualityTable(bare(lean, { wholeCatalog: { value: bare(builtin.models) } }));
    for (const m of builtin.models) expect(fromLean.scoresOf(m.id), m.id).toEqual(computed.scoresOf(m.id));
  }, 60_000);

  it('gives the whole models once they are parsed, and the whole models when the lean file cannot be used', async () => {
    let load = await freshLoad();
    const models = load.loadBuiltinCatalog().models;
    expect(load.loadRankingCatalog().models).toBe(models);
    load = await freshLoad();
    expect(load.loadRankingCatalog().models).not.toBe(load.loadBuiltinCatalog().models);
  });
});

describe('a damaged lean file (a copy of the built package)', () => {
  const copy = packageCopies('llm-pick-lean-');
  const args = ['recommend', '--vram', '24', '--ram', '64', '--json'];
  it('answers byte for byte as the intact install, from the whole models', async () => {
    const intact = await runNodeAsync([BIN, ...args]);
    expect(intact.status).toBe(0);
    const lean = (d: string, text: string) => writeFileSync(join(d, 'catalog-models-lean.json'), text);
    const damages: [string, (dist: string) => void][] = [
      ['missing', (d) => rmSync(join(d, 'catalog-models-lean.json'))],
      ['cut short', (d) => lean(d, readFileSync(LEAN, 'latin1').slice(0, 5000))],
      ['from another build', (d) => lean(d, JSON.stringify({ ...leanFile, modelsBytes: leanFile.modelsBytes + 1 }))],
      ['one model less than it says', (d) => lean(d, JSON.stringify({ ...leanFile, models: leanFile.models.slice(1) }))],
      ['another format', (d) => lean(d, JSON.stringify({ ...leanFile, format: 'x' }))],
    ];
    for (const [what, change] of damages) {
      const bin = copy(change);
      const r = await runNodeAsync([bin, ...args]);
      expect(r.stderr, what).toBe('');
      expect(r.status, what).toBe(0);
      expect(r.stdout, what).toBe(intact.stdout);
    }
  }, 120_000);
});
