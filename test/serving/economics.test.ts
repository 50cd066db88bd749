// The one local-cost model (src/decide/economics.ts).
import { describe, expect, it } from 'vitest';
import { apiMonthlyUsd, DAYS_PER_MONTH } from '../../src/decide/cost.js';
import { breakEvenVolume, costCurve, curveVolumes, localEconomics, localMonthlyAt, type EconomicsInput } from '../../src/decide/economics.js';

const base: EconomicsInput = {
  tokensPerDay: 1e6,
  inputShare: 0.75,
  throughput: { aggregateDecodeTokensPerSecond: 100, promptTokensPerSecond: 2000 },
  loadWatts: 350,
  idleWatts: 30,
  gpusPerMachine: 1,
  hoursPerDay: 24,
  kwhPriceUsd: 0.15,
  hardwareCostUsd: 1200,
  months: 24,
};
const api = { id: 'api-x', usdPerMillionInput: 0.5, usdPerMillionOutput: 2 };

describe('local economics', () => {
  it('busy hours follow the volume; energy = busy × load + the rest × idle', () => {
    const e = localEconomics(base);
    // 1M tokens: 750k ÷ 2000 + 250k ÷ 100 = 375 + 2500 s.
    expect(e.busyHoursPerDay).toBeCloseTo(2875 / 3600, 10);
    const busy = 2875 / 3600;
    expect(e.energyKwhPerDay).toBeCloseTo((busy * 350 + (24 - busy) * 30) / 1000, 10);
    expect(e.electricityUsd).toBeCloseTo(e.energyKwhPerDay! * DAYS_PER_MONTH * 0.15, 10);
    expect(e.amortizationUsd).toBeCloseTo(50, 10);
    expect(e.machinesNeeded).toBe(1);
  });

  it('1M and 50M tokens/day cost different electricity; 50M needs more GPUs than one card serves', () => {
    const small = localEconomics(base);
    const big = localEconomics({ ...base, tokensPerDay: 50e6 });
    expect(big.electricityUsd!).toBeGreaterThan(small.electricityUsd!);
    // One machine serves 86,400 ÷ 2.875 ms ≈ 30M tokens/day: 50M needs 2.
    expect(small.maxTokensPerDayPerMachine).toBeCloseTo(86400 / 0.002875, 0);
    expect(big.machinesNeeded).toBe(2);
    expect(big.gpusNeeded).toBe(2);
    expect(big.amortizationUsd).toBeCloseTo(100, 10);
  });

  it('without a speed the GPUs are counted busy all day; without power, electricity is unknown', () => {
    expect(localEconomics({ ...base, throughput: null }).energyKwhPerDay).toBeCloseTo(24 * 0.35, 10);
    expect(localEconomics({ ...base, loadWatts: null }).monthlyUsd).toBeNull();
  });

  it('break-even is where the curve crosses: API below local just before, at or above just after', () => {
    const be = breakEvenVolume(base, api)!;
    expect(be).toBeGreaterThan(0);
    const gap = (t: number) => apiMonthlyUsd(api, { tokensPerDay: t, inputShare: 0.75 }) - localMonthlyAt(base, t)!;
    expect(gap(be)).toBeGreaterThanOrEqual(0);
    expect(gap(be - 2)).toBeLessThan(0);
    const curve = costCurve(base, [api], curveVolumes(1e6));
    const below = curve.filter((p) => p.tokensPerDay < be);
    const above = curve.filter((p) => p.tokensPerDay > be);
    expect(below.every((p) => p.api['api-x']! < p.localMonthlyUsd!)).toBe(true);
    expect(above.some((p) => p.api['api-x']! >= p.localMonthlyUsd!)).toBe(true);
  });

  it('an API cheaper than the electricity at every volume never breaks even', () => {
    expect(breakEvenVolume(base, { id: 'free', usdPerMillionInput: 0, usdPerMillionOutput: 0 })).toBe(Number.POSITIVE_INFINITY);
  });
});
