import { describe, expect, it } from 'vitest';
import { qualityIndex, SIZE_FALLBACK_PENALTY } from '../../src/decide/quality.js';
import { local } from './fixtures.js';

const m = (id: string, params: number, quality: { metric: string; value: number }[] = []) =>
  local({ id, params, layers: 32, kvHeads: 8, useCases: ['chat'], quality });

describe('quality index', () => {
  it('turns each metric into a rank percentile and averages them', () => {
    const pop = [
      m('a-1b', 1e9, [{ metric: 'arena', value: 1100 }, { metric: 'oll', value: 10 }]),
      m('b-2b', 2e9, [{ metric: 'arena', value: 1200 }, { metric: 'oll', value: 30 }]),
      m('c-3b', 3e9, [{ metric: 'arena', value: 1300 }, { metric: 'oll', value: 20 }]),
    ];
    const q = qualityIndex(pop);
    expect(q.get('a-1b')?.score).toBe(0);
    expect(q.get('b-2b')?.score).toBeCloseTo(0.75); // arena 0.5, oll 1
    expect(q.get('c-3b')?.score).toBeCloseTo(0.75); // arena 1, oll 0.5
    expect(q.get('b-2b')?.basis).toBe('arena 1200: 50th percentile of 3 catalog models; oll 30: 100th percentile of 3 catalog models');
    expect(q.get('b-2b')?.fromSignals).toBe(true);
  });

  it('ignores a metric held by fewer than 3 models and falls back to size with a penalty', () => {
    const pop = [m('a-1b', 1e9, [{ metric: 'rare', value: 99 }]), m('b-8b', 8e9), m('c-70b', 70e9)];
    const q = qualityIndex(pop);
    expect(q.get('a-1b')?.fromSignals).toBe(false);
    expect(q.get('c-70b')?.score).toBeCloseTo(1 - SIZE_FALLBACK_PENALTY);
    expect(q.get('c-70b')?.basis).toMatch(/no comparable score in the catalog; from size \(70B parameters: 100th percentile\) minus 0.1/);
  });

  it('treats ties as half and lower-is-better metrics the other way', () => {
    const pop = [
      m('a', 1e9, [{ metric: 'wikitext_perplexity', value: 5 }]),
      m('b', 1e9, [{ metric: 'wikitext_perplexity', value: 7 }]),
      m('c', 1e9, [{ metric: 'wikitext_perplexity', value: 7 }]),
    ];
    const q = qualityIndex(pop);
    expect(q.get('a')?.score).toBe(1);
    expect(q.get('b')?.score).toBeCloseTo(0.25);
  });

  it('uses the latest value of a repeated metric', () => {
    const a = m('a', 1e9);
    a.quality = [
      { metric: 'arena', value: 1000, asOf: '2024-01', source: 'x'.repeat(8) },
      { metric: 'arena', value: 1400, asOf: '2025-01', source: 'x'.repeat(8) },
    ];
    const pop = [a, m('b', 1e9, [{ metric: 'arena', value: 1200 }]), m('c', 1e9, [{ metric: 'arena', value: 1300 }])];
    expect(qualityIndex(pop).get('a')?.score).toBe(1);
  });
});

describe('quality of successors', () => {
  it('an unscored successor is taken as at least as good as the model it supersedes', () => {
    const old = m('old-32b', 32e9, [{ metric: 'arena', value: 1300 }]);
    old.supersededBy = 'new-30b';
    const pop = [old, m('b-7b', 7e9, [{ metric: 'arena', value: 1200 }]), m('c-8b', 8e9, [{ metric: 'arena', value: 1100 }]), m('new-30b', 30e9)];
    const q = qualityIndex(pop);
    expect(q.get('new-30b')?.score).toBe(1);
    expect(q.get('new-30b')?.basis).toMatch(/taken as at least old-32b, which it supersedes \(1.00\)/);
    expect(q.get('new-30b')?.fromSignals).toBe(false);
  });
});
