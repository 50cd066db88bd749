// The built CLI (`npm run build` first): `cost` as a real process. Hardware
// comes from flags (--gpu, --ram), so nothing depends on this machine.
import { describe, expect, it } from 'vitest';
import { CostJson } from '../../src/decide/output-schema.js';
import { runBin } from '../helpers/bin.js';

const HW = ['--gpu', 'rtx-3090', '--ram', '64'];

describe('llm-pick cost (built bin)', () => {
  it('--json: volume, API rows, local cost, break-even, price date', () => {
    const r = runBin(['cost', ...HW, '--tokens-per-day', '5000000', '--hardware-cost', '1500', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = CostJson.parse(JSON.parse(r.stdout));
    expect(doc.volume).toMatchObject({ tokensPerDay: 5e6, inputShare: 0.75 });
    expect(doc.api.length).toBeGreaterThan(0);
    expect(doc.local.watts).toBeGreaterThan(0);
    expect(doc.local.monthlyUsd).toBeGreaterThan(doc.local.amortizationUsd);
    expect(doc.breakEvenTokensPerDay).toBeGreaterThan(0);
    expect(doc.pricesAsOf).toMatch(/^\d{4}-\d{2}/);
  });

  it('human output and a bad --api-model', () => {
    const ok = runBin(['cost', ...HW]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Volume: 1,000,000 tokens\/day/);
    expect(ok.stdout).toContain('Break-even:');
    const bad = runBin(['cost', ...HW, '--api-model', 'no-such-model']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^llm-pick: --api-model "no-such-model" is not in the catalog/);
  });
});
