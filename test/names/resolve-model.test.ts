// Model names as people type them, against the shipped catalog (whatever data/ holds)
// and a small fixture catalog for the ambiguous and near-miss cases.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import {
  boundedDistance,
  isApi,
  isLocalOrEmbedding,
  MAX_NAME_LENGTH,
  modelIndex,
  normalizeModelName,
  resolveFor,
  resolveModel,
  type Resolution,
} from '../../src/catalog/resolve-model.js';
import type { Model } from '../../src/catalog/schema.js';
import { API_MODELS, LOCAL_MODELS } from '../decide/fixtures.js';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const catalog = buildCatalog(DATA).value!;
const models = catalog.models;

function resolvedId(r: Resolution): string {
  if (r.status !== 'found') {
    const listed = 'candidates' in r ? r.candidates : r.suggestions;
    return `${r.status}: ${listed.map((m) => m.id).join(', ')}`;
  }
  return r.model.id;
}

/** Every name the catalog gives a model: id, display name, Ollama tags (and `:latest` / bare forms), HF repos, litellm key, aliases. */
function namesOf(m: Model): string[] {
  const names = [m.id, m.name];
  if (m.type === 'api') return [...names, m.litellmId, ...m.aliases];
  for (const t of m.ollama) {
    names.push(t.tag);
    if (t.tag.endsWith(':latest')) names.push(t.tag.replace(/:latest$/, ''));
  }
  names.push(m.hf.repo);
  if (m.hf.ggufRepo) names.push(m.hf.ggufRepo);
  return names;
}

describe('the whole shipped catalog resolves by every name it gives', () => {
  it('has models to walk', () => {
    expect(models.length).toBeGreaterThan(50);
  });

  // A name the catalog gives two models (two rows naming one GGUF repo) cannot pick one:
  // it must list both. Every other name must give its model.
  const owners = new Map<string, Set<string>>();
  for (const m of models) for (const n of namesOf(m)) owners.set(normalizeModelName(n), (owners.get(normalizeModelName(n)) ?? new Set()).add(m.id));

  it('each id, display name, Ollama tag, HF repo, litellm key and alias → that model', () => {
    const wrong: string[] = [];
    for (const m of models) {
      for (const name of namesOf(m)) {
        const r = resolveModel(models, name);
        const shared = owners.get(normalizeModelName(name))!.size > 1;
        const ok = shared ? r.status === 'ambiguous' && r.candidates.some((c) => c.id === m.id) : resolvedId(r) === m.id;
        if (!ok) wrong.push(`${JSON.stringify(name)} → ${resolvedId(r)} (expected ${shared ? 'a list with ' : ''}${m.id})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the same names, changed in case and punctuation, still resolve', () => {
    const wrong: string[] = [];
    for (const m of models) {
      for (const name of namesOf(m).filter((n) => owners.get(normalizeModelName(n))!.size === 1)) {
        const typed = name.toUpperCase().replace(/-/g, ' ');
        const got = resolvedId(resolveModel(models, typed));
        if (got !== m.id) wrong.push(`${JSON.stringify(typed)} → ${got} (expected ${m.id})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('as the flags take them: local names for fit and cost --model, API names for --api-model', () => {
    for (const m of models) {
      for (const name of namesOf(m).filter((n) => owners.get(normalizeModelName(n))!.size === 1)) {
        const r =
          m.type === 'api'
            ? resolveFor(models, name, { flag: '--api-model', accept: isApi, what: 'an API model', list: 'llm-pick models --type api' })
            : resolveFor(models, name, { flag: '--model', accept: isLocalOrEmbedding, what: 'a local model', list: 'llm-pick models --type local' });
        expect('model' in r ? r.model.id : r.error).toBe(m.id);
      }
    }
  });

  it('API models answer to their provider-prefixed litellm form', () => {
    for (const m of models.filter(isApi)) {
      const bare = m.id.slice(m.id.lastIndexOf('/') + 1);
      expect(resolvedId(resolveModel(models, `${m.provider}/${bare}`))).toBe(m.id);
    }
  });
});

describe('names from the issue', () => {
  const cases: [string, (m: Model) => boolean][] = [
    ['llama3.1:8b', (m) => m.type !== 'api' && m.ollama.some((t) => t.tag === 'llama3.1:8b')],
    ['meta-llama/Llama-3.1-8B-Instruct', (m) => m.type !== 'api' && m.hf.repo === 'meta-llama/Llama-3.1-8B-Instruct'],
    ['Qwen/Qwen2.5-Coder-7B-Instruct', (m) => m.type !== 'api' && m.hf.repo === 'Qwen/Qwen2.5-Coder-7B-Instruct'],
    ['qwen2.5 coder 7b', (m) => m.type !== 'api' && m.hf.repo === 'Qwen/Qwen2.5-Coder-7B-Instruct'],
    ['Llama 3.1 8B', (m) => m.type !== 'api' && m.hf.repo === 'meta-llama/Llama-3.1-8B-Instruct'],
    ['claude-3-5-sonnet-20241022', (m) => m.id === 'claude-3-5-sonnet-20241022'],
  ];
  for (const [typed, is] of cases) {
    it(typed, () => {
      const r = resolveModel(models, typed);
      expect(r.status).toBe('found');
      expect(is((r as Extract<Resolution, { status: 'found' }>).model)).toBe(true);
    });
  }

  it('a dateless name takes the newest of its dated snapshots, and says so', () => {
    const snapshots = models.filter((m) => m.type === 'api' && /^claude-3-5-sonnet-\d{8}$/.test(m.id));
    expect(snapshots.length).toBeGreaterThan(1);
    const newest = [...snapshots].sort((a, b) => b.released.localeCompare(a.released))[0]!;
    for (const typed of ['claude-3.5-sonnet', 'Claude 3.5 Sonnet', 'anthropic/claude-3-5-sonnet', 'claude-3-5-sonnet']) {
      const r = resolveModel(models, typed);
      expect(resolvedId(r)).toBe(newest.id);
      expect(r.status === 'found' && r.note).toMatch(/newest snapshot/);
    }
  });
});

// A small catalog of our own, so these hold whatever data/ holds.
const FIXTURE: Model[] = [...LOCAL_MODELS, ...API_MODELS];

describe('ambiguous names and near misses (fixture catalog)', () => {
  const twins: Model[] = [
    { ...LOCAL_MODELS[0]!, id: 'twin-7b', name: 'Twin 7B', ollama: [{ ...LOCAL_MODELS[0]!.ollama[0]!, tag: 'twin:7b' }], hf: { ...LOCAL_MODELS[0]!.hf, repo: 'org/Twin-7B', ggufRepo: null } },
    { ...LOCAL_MODELS[0]!, id: 'twin-70b', name: 'Twin 70B', ollama: [{ ...LOCAL_MODELS[0]!.ollama[0]!, tag: 'twin:70b' }], hf: { ...LOCAL_MODELS[0]!.hf, repo: 'org/Twin-70B', ggufRepo: null } },
  ] as Model[];

  it('a bare Ollama name shared by two models lists both', () => {
    const r = resolveModel(twins, 'twin');
    expect(r.status).toBe('ambiguous');
    expect(r.status === 'ambiguous' && r.candidates.map((m) => m.id).sort()).toEqual(['twin-70b', 'twin-7b']);
  });

  it('an ambiguous name is one line naming the flag and the candidates', () => {
    const r = resolveFor(twins, 'twin', { flag: '--model', accept: isLocalOrEmbedding, what: 'a local model', list: 'llm-pick models' });
    expect('error' in r && r.error).toBe('--model "twin" names several models: twin-7b, twin-70b; give one of these ids');
  });

  it('a near miss suggests the model', () => {
    const id = FIXTURE.find(isApi)!.id;
    const typo = `${id.slice(0, -1)}${id.endsWith('x') ? 'y' : 'x'}`;
    const r = resolveModel(FIXTURE, typo);
    expect(r.status).toBe('missing');
    expect(r.status === 'missing' && r.suggestions.map((m) => m.id)).toContain(id);
    const e = resolveFor(FIXTURE, typo, { flag: '--api-model', accept: isApi, what: 'an API model', list: 'llm-pick models --type api' });
    expect('error' in e && e.error).toMatch(new RegExp(`^--api-model "${typo}" is not in the catalog; did you mean .*${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  });

  it('a prefix suggests the models it starts (gemma4 ~ gemma-4-...)', () => {
    const local = LOCAL_MODELS[0]!;
    const prefix = normalizeModelName(local.id).slice(0, 5);
    const r = resolveModel(FIXTURE, prefix);
    expect(r.status === 'missing' ? r.suggestions.map((m) => m.id) : [r.status]).toContain(local.id);
  });

  it('a name of another kind says which kind it is', () => {
    const api = API_MODELS[0]!;
    const r = resolveFor(FIXTURE, api.id, { flag: '--model', accept: isLocalOrEmbedding, what: 'a local model', list: 'llm-pick models --type local' });
    expect('error' in r && r.error).toBe(`--model "${api.id}" is ${api.id}, an API model; --model takes a local model (see \`llm-pick models --type local\`)`);
  });

  it('a 100 KB value is a miss with no suggestions, without comparing it to anything', () => {
    const huge = 'x'.repeat(100_000);
    const r = resolveModel(models, huge);
    expect(r).toEqual({ status: 'missing', typed: huge, suggestions: [] });
    const e = resolveFor(models, huge, { flag: '--model', accept: isLocalOrEmbedding, what: 'a local model', list: 'llm-pick models' });
    expect('error' in e && e.error).toBe(`--model takes a local model name of at most ${MAX_NAME_LENGTH} characters; got 100000`);
  });

  it('the index is built once per model list', () => {
    expect(modelIndex(FIXTURE)).toBe(modelIndex(FIXTURE));
  });

  it('bounded distance counts a swap as one edit and gives up past the bound', () => {
    expect(boundedDistance('4900', '4090', 2)).toBe(1);
    expect(boundedDistance('llama', 'lama', 2)).toBe(1);
    expect(boundedDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
  });
});
