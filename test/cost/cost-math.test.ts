import { describe, expect, it } from 'vitest';
import { apiMonthlyUsd, blendedUsdPerToken, DAYS_PER_MONTH } from '../../src/decide/cost.js';

const sonnet = { usdPerMillionInput: 3, usdPerMillionOutput: 15 };

describe('cost math', () => {
  it('a month is 365/12 days', () => {
    expect(DAYS_PER_MONTH).toBeCloseTo(30.4167, 4);
  });

  it('API cost: blended price at the input share × tokens × days', () => {
    expect(blendedUsdPerToken(sonnet, 0.75) * 1e6).toBeCloseTo(6); // 0.75 × 3 + 0.25 × 15
    expect(apiMonthlyUsd(sonnet, { tokensPerDay: 1e6, inputShare: 0.75 })).toBeCloseTo(6 * DAYS_PER_MONTH);
    expect(apiMonthlyUsd(sonnet, { tokensPerDay: 0, inputShare: 0.75 })).toBe(0);
    expect(apiMonthlyUsd(sonnet, { tokensPerDay: 1e6, inputShare: 1 })).toBeCloseTo(3 * DAYS_PER_MONTH);
  });
  // The local side (load-following electricity, machines, break-even) is tested in test/serving/economics.test.ts.
});
