import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds } from '../../src/util/compare-ids.js';

const sign = (n: number) => Math.sign(n) + 0;

describe('compareIds', () => {
  it('orders as localeCompare does: ids of lower-case letters, digits, . - / (compared by code point)', () => {
    const plain = fc.string({ unit: fc.constantFrom(...'abz09.-/'.split('')), maxLength: 8 });
    fc.assert(fc.property(plain, plain, (a, b) => sign(compareIds(a, b)) === sign(a.localeCompare(b))), { numRuns: 2000 });
  });

  it('any other id falls back to localeCompare (upper case, underscores, spaces sort differently by code point)', () => {
    const other = fc.string({ unit: fc.constantFrom(...'aZb_9 .-/é'.split('')), maxLength: 6 });
    fc.assert(fc.property(other, other, (a, b) => sign(compareIds(a, b)) === sign(a.localeCompare(b))), { numRuns: 2000 });
    expect(compareIds('F16', 'f16')).toBe(sign('F16'.localeCompare('f16')));
    expect(sign(compareIds('a_b', 'aZ'))).toBe(sign('a_b'.localeCompare('aZ')));
  });

  it('real ids', () => {
    const ids = ['llama-3.1-8b', 'llama-3.1-70b', 'llama-3.18b', 'qwen3-30b-a3b', 'qwen3-30b', 'gemini/gemini-1.5-pro', 'voyage/voyage-3.5-lite', 'voyage/voyage-3-large'];
    expect([...ids].sort(compareIds)).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
  });
});
