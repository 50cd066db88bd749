// The `cost` command and its report on the fixture catalog.
import { describe, expect, it } from 'vitest';
import { render, runWith } from '../../src/cli/commands/cost.js';
import type { RecommendCommandDeps } from '../../src/cli/commands/recommend.js';
import { UsageError } from '../../src/core/errors.js';
import { plainUi } from '../../src/core/ui.js';
import { apiMonthlyUsd, DAYS_PER_MONTH } from '../../src/decide/cost.js';
import { costReport, defaultApiSet } from '../../src/decide/cost-report.js';
import { CostJson } from '../../src/decide/output-schema.js';
import type { HardwarePlan } from '../../src/hardware/types.js';
import { API_MODELS, cpuPlan, fakeEstimator, fixtureCatalog, gpuPlan } from '../decide/fixtures.js';

const ctx = { json: false, debug: false, catalogFiles: [] };
const deps = (plan: HardwarePlan = gpuPlan(24)): RecommendCommandDeps => ({
  loadCatalog: async () => fixtureCatalog(),
  hardware: async () => plan,
  estimator: () => fakeEstimator,
});
const catalog = fixtureCatalog();

describe('cost report', () => {
  it('defaults: 1M tokens/day, input share 0.75, $0.15/kWh, 24 h, owned hardware', () => {
    const r = costReport({}, { catalog, hardware: gpuPlan(24), estimator: fakeEstimator });
    expect(() => CostJson.parse(r)).not.toThrow();
    expect(r.volume).toMatchObject({ tokensPerDay: 1e6, inputShare: 0.75, inputTokensPerDay: 750000, outputTokensPerDay: 250000 });
    expect(r.local).toMatchObject({ kwhPrice: 0.15, hoursPerDay: 24, hardwareCostUsd: 0, amortizationUsd: 0, months: 36, watts: 350 });
    // Busy hours at the rated 350 W, the rest of the day at the default idle share (35 W).
    const busy = r.local.busyHoursPerDay!;
    expect(busy).toBeGreaterThan(0);
    expect(r.local.idleWatts).toBe(35);
    expect(r.local.energyKwhPerDay!).toBeCloseTo((busy * 350 + (24 - busy) * 35) / 1000, 2);
    expect(r.local.electricityUsd).toBeCloseTo(r.local.energyKwhPerDay! * DAYS_PER_MONTH * 0.15, 1);
    expect(r.local.gpusNeeded).toBe(1);
    expect(r.pricesAsOf).toBe('2026-07-18');
    expect(r.local.assumptions.join(' ')).toMatch(/350 W while busy \(rated power \(TDP\) from the catalog\) and 35 W idle/);
  });

  it('the default API set: per tier the cheapest current chat models, no retired or deprecated ones', () => {
    const set = defaultApiSet(API_MODELS).map((m) => m.id);
    expect(set).not.toContain('old-x');
    expect(set).not.toContain('dep-x');
    expect(set).not.toContain('embed-api');
    expect(set).toEqual(expect.arrayContaining(['gpt-x', 'claude-x', 'mini-x', 'gemini/long-x']));
  });

  it('API rows: monthly cost at the volume, break-even against the local cost', () => {
    const r = costReport({ tokensPerDay: 10e6, apiModels: ['claude-x'], hardwareCostUsd: 2000, months: 24 }, { catalog, hardware: gpuPlan(24), estimator: fakeEstimator });
    const row = r.api[0]!;
    const claude = API_MODELS.find((m) => m.id === 'claude-x')!;
    expect(row.monthlyUsd).toBeCloseTo(apiMonthlyUsd(claude, { tokensPerDay: 10e6, inputShare: 0.75 }), 1);
    expect(r.local.amortizationUsd).toBeCloseTo(2000 / 24, 2);
    expect(r.breakEvenAgainst).toBe('claude-x');
    // At the break-even volume the API costs what running locally costs at that volume.
    const at = costReport({ tokensPerDay: r.breakEvenTokensPerDay!, apiModels: ['claude-x'], hardwareCostUsd: 2000, months: 24 }, { catalog, hardware: gpuPlan(24), estimator: fakeEstimator });
    expect(apiMonthlyUsd(claude, { tokensPerDay: r.breakEvenTokensPerDay!, inputShare: 0.75 })).toBeCloseTo(at.local.monthlyUsd!, 0);
    expect(r.notes.join(' ')).toMatch(/running locally costs less than claude-x/);
  });

  it('checks that the local machine can serve the volume', () => {
    const ok = costReport({ tokensPerDay: 1e6 }, { catalog, hardware: gpuPlan(24), estimator: fakeEstimator });
    expect(ok.local.capacity?.canServe).toBe(true);
    const cpu = costReport({ tokensPerDay: 500e6, modelId: 'mid-14b' }, { catalog, hardware: cpuPlan(64), estimator: fakeEstimator });
    expect(cpu.local.modelId).toBe('mid-14b');
    expect(cpu.local.capacity?.canServe).toBe(false);
    expect(cpu.local.gpusNeeded).toBeGreaterThan(1);
    expect(cpu.notes.join(' ')).toMatch(/500M tokens\/day needs \d+ machines/);
  });

  it('CPU only: electricity unknown, said so, total null, break-even null', () => {
    const r = costReport({}, { catalog, hardware: cpuPlan(32), estimator: fakeEstimator });
    expect(r.local.watts).toBeNull();
    expect(r.local.monthlyUsd).toBeNull();
    expect(r.breakEvenTokensPerDay).toBeNull();
    expect(r.notes.join(' ')).toMatch(/power of a CPU-only machine is not in the catalog/);
  });

  it('two GPUs draw twice the power', () => {
    const r = costReport({}, { catalog, hardware: gpuPlan(24, { gpus: 2 }), estimator: fakeEstimator });
    expect(r.local.watts).toBe(700);
  });
});

describe('cost command', () => {
  it('unknown --api-model and --model are UsageErrors naming the flag', async () => {
    await expect(runWith({ apiModel: ['nope'] }, ctx, deps())).rejects.toThrow(UsageError);
    await expect(runWith({ apiModel: ['nope'] }, ctx, deps())).rejects.toThrow(/--api-model "nope" is not in the catalog/);
    await expect(runWith({ model: 'gpt-x' }, ctx, deps())).rejects.toThrow(/--model "gpt-x" is gpt-x, an API model; --model takes a local model/);
  });

  it('accepts litellm ids and ids case-insensitively', async () => {
    const r = await runWith({ apiModel: ['GPT-X', 'gemini/long-x'] }, ctx, deps());
    expect(r.api.map((a) => a.modelId).sort()).toEqual(['gemini/long-x', 'gpt-x']);
  });

  it('renders prices, the local cost, break-even, notes and assumptions with units', async () => {
    const r = await runWith({ tokensPerDay: 5e6, hardwareCost: 1500 }, ctx, deps());
    const text = await render(r, plainUi(120));
    expect(text).toMatch(/^Volume: 5,000,000 tokens\/day \(3.8M input, 1.3M output; input share 0.75\)/);
    expect(text).toContain('prices as of 2026-07-18');
    expect(text).toMatch(/Electricity: \$\d+\.\d\d \([\d.]+ kWh\/day: [\d.]+ h busy at 350 W \+ [\d.]+ h idle at 35 W; \$0.15\/kWh\)/);
    expect(text).toContain('Monthly cost against volume');
    expect(text).toMatch(/Hardware amortization: \$41.67 \(\$1,500 \/ 36 months\)/);
    expect(text).toMatch(/Break-even: [\d,]+ tokens\/day against \S+, the cheapest API listed of quality comparable to the local model/);
    expect(text).toContain('Assumptions');
  });
});
