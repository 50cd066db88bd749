// The API catalog's line-ups (flagship / value per provider, sourced) and the default
// API set of cost and recommend built from them; use cases under their other names.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import type { ApiModel } from '../../src/catalog/schema.js';
import { apiCandidates, isCurrentLineup } from '../../src/decide/api.js';
import { defaultApiSet } from '../../src/decide/cost-report.js';
import { RECOMMEND_USE_CASES } from '../../src/decide/types.js';
import { USE_CASE_ALIASES } from '../../src/decide/use-case-names.js';
import { parseChoice } from '../../src/options/parse.js';
import { useCase as useCaseOption } from '../../src/options/table.js';

/** The --use-case parser as the command line and MCP run it; null when it refuses the name. */
function useCaseFromName(typed: string): string | null {
  try {
    return parseChoice(useCaseOption, typed);
  } catch {
    return null;
  }
}
import { API_MODELS } from '../decide/fixtures.js';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const api = buildCatalog(DATA).value!.models.filter((m): m is ApiModel => m.type === 'api');
const MAJOR = ['openai', 'anthropic', 'google'];

describe('API line-ups in the shipped catalog', () => {
  it('each of OpenAI, Anthropic and Google has exactly one current flagship and one current value model', () => {
    for (const provider of MAJOR) {
      for (const role of ['flagship', 'value'] as const) {
        const current = api.filter((m) => m.provider === provider && m.lineup === role && isCurrentLineup(m));
        expect(current.map((m) => m.id), `${provider} ${role}`).toHaveLength(1);
      }
    }
  });

  it('every lineup and every retirement says where it comes from', () => {
    for (const m of api) {
      if (m.lineup) expect(m.lineupSource, m.id).toMatch(/https?:\/\/|derived/);
      if (m.retired) expect(m.statusSource, m.id).toBeTruthy();
    }
  });

  it('no model in a line-up is superseded, deprecated or retired', () => {
    for (const m of api.filter((x) => x.lineup)) expect(isCurrentLineup(m), m.id).toBe(true);
  });

  it('the models new after 2026-07-18 are there at their litellm prices (reference/models_dev_2026.json apiChanges)', () => {
    const byId = new Map(api.map((m) => [m.id, m]));
    expect(byId.get('claude-opus-5')).toMatchObject({ usdPerMillionInput: 5, usdPerMillionOutput: 25, asOf: '2026-07-24' });
    expect(byId.get('gemini/gemini-3.6-flash')).toMatchObject({ usdPerMillionInput: 1.5, usdPerMillionOutput: 7.5 });
    expect(byId.get('gemini/gemini-3.5-flash-lite')).toMatchObject({ usdPerMillionInput: 0.3, usdPerMillionOutput: 2.5 });
  });

  it('where sources disagree, the row says which it follows', () => {
    for (const id of ['deepseek/deepseek-chat', 'mistral/mistral-medium-latest', 'mistral/mistral-small-latest', 'mistral/codestral-latest']) {
      const m = api.find((x) => x.id === id)!;
      expect(m.priceSource, id).toMatch(/followed|agrees with Mistral's pricing page/);
      expect(m.description, id).toMatch(/disagreed/);
    }
  });
});

describe('default API set', () => {
  it('is the current flagship and value model of each provider: nothing retired, deprecated or superseded', () => {
    const set = defaultApiSet(api);
    for (const provider of MAJOR) {
      expect(set.filter((m) => m.provider === provider).map((m) => m.lineup).sort(), provider).toEqual(['flagship', 'value']);
    }
    for (const m of set) {
      expect(m.retired || m.deprecated || m.supersededBy !== null, m.id).toBe(false);
      expect(m.lineup, m.id).not.toBeNull();
    }
  });

  it('--all adds superseded and deprecated models, never retired ones', () => {
    const all = defaultApiSet(api, true);
    expect(all.length).toBeGreaterThan(defaultApiSet(api).length);
    expect(all.some((m) => m.supersededBy !== null)).toBe(true);
    expect(all.every((m) => !m.retired)).toBe(true);
  });

  it('a catalog without line-ups falls back to its current models', () => {
    const set = apiCandidates(API_MODELS, false);
    expect(set.length).toBeGreaterThan(0);
    expect(set.every((m) => m.supersededBy === null && !m.retired && !m.deprecated)).toBe(true);
  });
});

describe('use cases under their other names', () => {
  it.each([
    ['classification', 'extraction'],
    ['Classification / Extraction', 'extraction'],
    ['classification/extraction', 'extraction'],
    ['extraction', 'extraction'],
    ['long context', 'long-context'],
    ['Long-Context', 'long-context'],
    ['long documents', 'long-context'],
    ['coding', 'code'],
    ['RAG', 'rag'],
    ['summarisation', 'summarization'],
    ['embeddings', 'embedding'],
    ['Chat / assistant', 'chat'],
  ])('%s → %s', (typed, canonical) => {
    expect(useCaseFromName(typed)).toBe(canonical);
  });

  it('every canonical name and alias maps back, and no alias names two use cases', () => {
    const seen = new Map<string, string>();
    for (const u of RECOMMEND_USE_CASES) {
      for (const name of [u, ...USE_CASE_ALIASES[u]]) {
        expect(useCaseFromName(name)).toBe(u);
        const key = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
        expect(seen.get(key) ?? u, name).toBe(u);
        seen.set(key, u);
      }
    }
  });

  it('an unknown or huge name is null', () => {
    expect(useCaseFromName('poetry')).toBeNull();
    expect(useCaseFromName('x'.repeat(100_000))).toBeNull();
  });
});
