import { describe, expect, it } from 'vitest';
import { groupDigits } from '../src/util/numbers.js';

describe('groupDigits', () => {
  it.each([
    [0, '0'], [7, '7'], [999, '999'], [1000, '1,000'], [8192, '8,192'], [131072, '131,072'],
    [1234567.6, '1,234,568'], [-4500, '-4,500'], [-0.2, '0'],
  ])('%d → %s', (n, s) => {
    expect(groupDigits(n)).toBe(s);
  });
  it('agrees with Intl for whole numbers', () => {
    for (const n of [1, 12, 123, 1234, 12345, 123456, 1234567, 12345678901]) expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
  });
});
