import { describe, expect, it } from 'vitest';
import {
  apiMonthlyUsd,
  blendedUsdPerToken,
  breakEvenTokensPerDay,
  DAYS_PER_MONTH,
  localCapacity,
  localMonthlyCost,
} from '../../src/decide/cost.js';

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

  it('local cost: watts × hours × days × price, plus amortization', () => {
    const c = localMonthlyCost({ watts: 350, hoursPerDay: 24, kwhPriceUsd: 0.15, hardwareCostUsd: 1800, months: 36 });
    expect(c.electricityUsd).toBeCloseTo(0.35 * 24 * DAYS_PER_MONTH * 0.15);
    expect(c.amortizationUsd).toBe(50);
    expect(c.monthlyUsd).toBeCloseTo(c.electricityUsd! + 50);
  });

  it('unknown power: electricity and total are null, amortization still known', () => {
    const c = localMonthlyCost({ watts: null, hoursPerDay: 24, kwhPriceUsd: 0.15, hardwareCostUsd: 1200, months: 12 });
    expect(c.electricityUsd).toBeNull();
    expect(c.monthlyUsd).toBeNull();
    expect(c.amortizationUsd).toBe(100);
  });

  it('break-even: the volume where the API bill equals the local cost', () => {
    const be = breakEvenTokensPerDay(100, sonnet, 0.75);
    expect(apiMonthlyUsd(sonnet, { tokensPerDay: be, inputShare: 0.75 })).toBeCloseTo(100);
    expect(breakEvenTokensPerDay(100, { usdPerMillionInput: 0, usdPerMillionOutput: 0 }, 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(breakEvenTokensPerDay(0, sonnet, 0.75)).toBe(0);
  });

  it('capacity: input at prompt speed, output at decode speed, within the hours', () => {
    const speed = { decodeTokensPerSecond: 50, promptTokensPerSecond: 1000 };
    // 0.75 / 1000 + 0.25 / 50 = 0.00575 s per token → 86400 / 0.00575 per day
    const c = localCapacity({ tokensPerDay: 1e6, inputShare: 0.75 }, speed, 24);
    expect(c.maxTokensPerDay).toBeCloseTo(86400 / 0.00575);
    expect(c.canServe).toBe(true);
    const busy = localCapacity({ tokensPerDay: 50e6, inputShare: 0.75 }, speed, 8);
    expect(busy.canServe).toBe(false);
    expect(busy.secondsNeededPerDay).toBeCloseTo(50e6 * 0.00575);
  });
});
