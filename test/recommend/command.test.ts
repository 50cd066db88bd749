// The `recommend` command module: options → engine input, bad combinations →
// UsageError, --api-only without probing, and the human rendering.
import { describe, expect, it } from 'vitest';
import { runWith, render, toInput, type RecommendCommandDeps, type RecommendOptions } from '../../src/cli/commands/recommend.js';
import { UsageError } from '../../src/core/errors.js';
import { plainUi } from '../../src/core/ui.js';
import { fakeEstimator, fixtureCatalog, gpuPlan } from '../decide/fixtures.js';

const ctx = { json: false, debug: false, catalogFiles: [] };

function deps(probed: { count: number }): RecommendCommandDeps {
  return {
    loadCatalog: async () => fixtureCatalog(),
    hardware: async () => {
      probed.count += 1;
      return gpuPlan(24);
    },
    estimator: () => fakeEstimator,
  };
}

const base: RecommendOptions = { useCase: 'chat', priority: 'balanced' };

describe('recommend command', () => {
  it('maps flags to the engine input', () => {
    expect(toInput({ ...base, ctx: 4096, budget: 50, tokensPerDay: 1e6, inputShare: 0.5, top: 3 })).toMatchObject({
      contextLength: 4096,
      budgetUsd: 50,
      tokensPerDay: 1e6,
      inputShare: 0.5,
      top: 3,
    });
  });

  it('--local-only with --api-only is a UsageError (exit 2), before any probe', async () => {
    const probed = { count: 0 };
    await expect(runWith({ ...base, localOnly: true, apiOnly: true }, ctx, deps(probed))).rejects.toThrow(UsageError);
    await expect(runWith({ ...base, localOnly: true, apiOnly: true }, ctx, deps(probed))).rejects.toThrow(
      '--local-only and --api-only cannot be used together',
    );
    expect(probed.count).toBe(0);
  });

  it('--api-only with --privacy is a UsageError', async () => {
    await expect(runWith({ ...base, apiOnly: true, privacy: true }, ctx, deps({ count: 0 }))).rejects.toThrow(/--api-only cannot be used with --privacy/);
  });

  it('--api-only does not probe the hardware', async () => {
    const probed = { count: 0 };
    const r = await runWith({ ...base, apiOnly: true }, ctx, deps(probed));
    expect(probed.count).toBe(0);
    expect(r.local).toEqual([]);
    expect(r.deployment.choice).toBe('api');
  });

  it('returns the JSON document of DESIGN.md', async () => {
    const r = await runWith({ ...base, tokensPerDay: 5e6 }, ctx, deps({ count: 0 }));
    expect(r.schemaVersion).toBe(1);
    expect(r.kind).toBe('recommend');
    expect(['local', 'api', 'either']).toContain(r.deployment.choice);
    const p = r.local[0]!;
    expect(Object.keys(p)).toEqual(expect.arrayContaining(['modelId', 'quant', 'memory', 'fits', 'speed', 'engine', 'setup', 'reasons']));
    expect(Number.isInteger(p.memory.totalBytes)).toBe(true);
    const a = r.api[0]!;
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['modelId', 'provider', 'usdPerMillionInput', 'usdPerMillionOutput', 'monthlyUsd', 'reasons']));
  });

  it('renders the verdict, both tables, the setup of the top pick and units', async () => {
    const r = await runWith({ ...base, tokensPerDay: 5e6 }, ctx, deps({ count: 0 }));
    const text = await render(r, plainUi(120));
    expect(text).toMatch(/^Verdict: run it locally\n/);
    expect(text).toContain('5M tokens/day is over the 1M/day where local usually pays off');
    expect(text).toContain('Local picks');
    expect(text).toContain('API picks');
    expect(text).toContain('USD/month');
    expect(text).toMatch(/GiB/);
    expect(text).toMatch(new RegExp(`Set up ${r.local[0]!.modelId}`));
    for (const c of r.local[0]!.setup) expect(text).toContain(`$ ${c}`);
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('renders the API setup when the verdict is API', async () => {
    const r = await runWith({ ...base, apiOnly: true }, ctx, deps({ count: 0 }));
    const text = await render(r, plainUi(120));
    expect(text).toContain(`Set up ${r.api[0]!.modelId}`);
    expect(text).toContain('pip install litellm');
    expect(text).toContain('from litellm import completion');
    expect(text).not.toMatch(/^Local picks$/m);
    expect(text).toContain('Local picks left out: --api-only.');
  });
});

describe('recommend and cost JSON Schemas', () => {
  it('the zod schemas of the --json documents convert to JSON Schema (for `llm-pick schema`)', async () => {
    const { z } = await import('zod');
    const { RecommendJson, CostJson } = await import('../../src/decide/output-schema.js');
    const rec = z.toJSONSchema(RecommendJson) as { properties: Record<string, unknown>; required: string[] };
    expect(rec.required).toEqual(expect.arrayContaining(['schemaVersion', 'kind', 'deployment', 'local', 'api']));
    const cost = z.toJSONSchema(CostJson) as { properties: Record<string, unknown>; required: string[] };
    expect(cost.required).toEqual(expect.arrayContaining(['volume', 'api', 'local', 'breakEvenTokensPerDay', 'pricesAsOf']));
  });
});
