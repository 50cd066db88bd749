import { describe, expect, it } from 'vitest';
import { resolveInput } from '../../src/decide/context.js';
import { verdict } from '../../src/decide/deployment.js';
import type { LocalPick } from '../../src/decide/output-schema.js';
import { DEPLOYMENT_RULES, firedRules, type RuleContext } from '../../src/decide/rules.js';
import type { RecommendInput } from '../../src/decide/types.js';
import { GIB } from './fixtures.js';

function pick(decode: number | null, fits: boolean | null = true): LocalPick {
  return {
    rank: 1,
    modelId: 'm-8b',
    name: 'M 8B',
    type: 'local',
    quant: 'Q4_K_M',
    engine: 'ollama',
    contextLength: 8192,
    memory: { weightsBytes: 5 * GIB, kvCacheBytes: GIB, overheadBytes: GIB / 2, totalBytes: 6.5 * GIB, budgetBytes: 23 * GIB },
    fits,
    placement: fits === false ? 'offload' : 'gpu',
    offload: fits === false ? { gpuLayers: 10, totalLayers: 32 } : null,
    speed: decode === null ? null : { decodeTokensPerSecond: decode, promptTokensPerSecond: decode * 20, explanation: 'x', calibrated: false },
    license: { id: 'apache-2.0', commercial: 'yes' },
    quality: { score: 0.5, useCaseScore: 0.5, quantCost: 0, estimated: false, estimatedShare: 0, uncertainty: 0, basis: 'x', tasks: [] },
    score: 0.5,
    setup: [],
    setupNotes: [],
    alternatives: [],
    supersededBy: null,
    variants: [],
    pipeline: null,
    reasons: [],
    installed: null,
  };
}

function ctx(input: Partial<RecommendInput>, over: Partial<RuleContext['local']> = {}, api: Partial<RuleContext['api']> = {}): RuleContext {
  return {
    input: resolveInput({ useCase: 'chat', priority: 'balanced', ...input }),
    local: { best: pick(40), fittingCount: 3, offloadCount: 0, budgetBytes: 23 * GIB, cpuOnly: false, energy: null, ...over },
    api: { cheapest: { modelId: 'mini-x', monthlyUsd: 12.5 }, bestFrontier: 'gpt-x', count: 3, ...api },
  };
}

function fired(c: RuleContext): Map<string, string> {
  return new Map(firedRules(c).map((h) => [h.id, h.reason]));
}

describe('deployment rules', () => {
  it('every rule has a unique id, a side and a non-negative weight', () => {
    const ids = DEPLOYMENT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of DEPLOYMENT_RULES) {
      expect(['local', 'api']).toContain(r.side);
      expect(r.weight).toBeGreaterThanOrEqual(0);
      if (r.hard) expect(r.side).toBe('local');
    }
  });

  it('privacy is hard and says API picks are left out', () => {
    const f = fired(ctx({ privacy: true }));
    expect(f.get('privacy')).toBe('--privacy: data must not leave this machine');
  });

  it('offline is hard', () => {
    expect(fired(ctx({ offline: true })).get('offline')).toMatch(/--offline/);
  });

  it('high volume quotes the user figure and the threshold', () => {
    const f = fired(ctx({ tokensPerDay: 50e6 }));
    expect(f.get('high-volume')).toBe(
      '50M tokens/day is over the 1M/day where local usually pays off (rule of thumb); the cheapest suitable API, mini-x, would cost $12.50/month',
    );
    expect(f.has('low-volume')).toBe(false);
  });

  it('low volume at or under 1M/day', () => {
    const f = fired(ctx({ tokensPerDay: 1e6 }));
    expect(f.get('low-volume')).toMatch(/^1M tokens\/day is at or under the 1M\/day/);
    expect(f.has('high-volume')).toBe(false);
  });

  it('unknown volume fires only without --tokens-per-day', () => {
    expect(fired(ctx({})).has('unknown-volume')).toBe(true);
    expect(fired(ctx({ tokensPerDay: 0 })).has('unknown-volume')).toBe(false);
  });

  it('budget: over and within', () => {
    expect(fired(ctx({ budgetUsd: 10 })).get('over-budget')).toMatch(/^--budget: .*\$12.50\/month, over the spending limit of \$10.00\/month$/);
    expect(fired(ctx({ budgetUsd: 20 })).get('within-budget')).toMatch(/within the spending limit of \$20.00\/month$/);
    expect(fired(ctx({ budgetUsd: 20 }, {}, { cheapest: null })).has('within-budget')).toBe(false);
  });

  it('latency critical: local when the local pick is fast, API when it is slow', () => {
    expect(fired(ctx({ latencyCritical: true })).get('latency-critical')).toMatch(/m-8b: ≈ 40.0 tok\/s/);
    const slow = fired(ctx({ latencyCritical: true }, { best: pick(2) }));
    expect(slow.has('latency-critical')).toBe(false);
    expect(slow.get('latency-but-slow')).toMatch(/runs at only ≈ 2.0 tok\/s/);
    expect(slow.has('slow-local')).toBe(false);
  });

  it('slow local without latency needs', () => {
    expect(fired(ctx({}, { best: pick(3) })).get('slow-local')).toMatch(/under 5 tok\/s/);
  });

  it('fits-here only for a full fit that is not slow', () => {
    expect(fired(ctx({})).get('fits-here')).toMatch(/m-8b at Q4_K_M needs 6.5 GiB of 23.0 GiB of GPU memory at 8K tokens of context/);
    expect(fired(ctx({}, { best: pick(40, false) })).has('fits-here')).toBe(false);
    expect(fired(ctx({}, { best: null })).has('fits-here')).toBe(false);
  });

  it('nothing fits needs a known budget', () => {
    expect(fired(ctx({ useCase: 'code' }, { best: null, fittingCount: 0 })).get('nothing-fits')).toBe(
      'no model for code fits 23.0 GiB of GPU memory at 8K tokens of context',
    );
    expect(fired(ctx({}, { best: null, fittingCount: 0, offloadCount: 2 })).get('nothing-fits')).toMatch(/only with partial offload/);
    expect(fired(ctx({}, { best: null, fittingCount: 0, budgetBytes: null })).has('nothing-fits')).toBe(false);
  });

  it('energy: the cheapest API against the electricity of serving the volume here', () => {
    const energy = { monthlyUsd: 20, watts: 350, busyHoursPerDay: 5.2, canServe: true, kwhPrice: 0.15 };
    const cheaper = fired(ctx({ tokensPerDay: 5e6 }, { energy }));
    expect(cheaper.get('api-cheaper')).toBe(
      'the cheapest suitable API, mini-x, would cost $12.50/month, less than the ≈ $20.00/month of electricity to run it here (350 W rated power for the 5 h/day it is busy and idle power the rest of the day, at $0.15/kWh; hardware not counted (the same figure as `llm-pick cost`))',
    );
    expect(cheaper.has('local-cheaper')).toBe(false);
    const dearer = fired(ctx({ tokensPerDay: 5e6 }, { energy: { ...energy, monthlyUsd: 5 } }));
    expect(dearer.get('local-cheaper')).toMatch(/^running it here costs ≈ \$5.00\/month of electricity/);
    // Differences under $5/month do not weigh in.
    const small = fired(ctx({ tokensPerDay: 5e6 }, { energy: { ...energy, monthlyUsd: 10 } }));
    expect(small.has('local-cheaper') || small.has('api-cheaper')).toBe(false);
    const busy = fired(ctx({ tokensPerDay: 500e6 }, { energy: { ...energy, busyHoursPerDay: 40, canServe: false } }));
    expect(busy.get('volume-exceeds-one-stream')).toMatch(/one stream of m-8b would need 40 h a day for 500M tokens/);
  });

  it('no API pick for the use case favours local, unless API picks are ruled out anyway', () => {
    expect(fired(ctx({ useCase: 'embedding' }, {}, { count: 0, cheapest: null, bestFrontier: null })).get('no-api-pick')).toBe(
      'no API model in the catalog suits embedding',
    );
    expect(fired(ctx({ privacy: true }, {}, { count: 0 })).has('no-api-pick')).toBe(false);
    expect(fired(ctx({})).has('no-api-pick')).toBe(false);
  });

  it('embedding picks are never called slow: decode speed does not apply', () => {
    const p = { ...pick(1), type: 'embedding' as const };
    const f = fired(ctx({ useCase: 'embedding' }, { best: p }));
    expect(f.has('slow-local')).toBe(false);
    expect(f.get('fits-here')).toMatch(/≈ 20.0 tok\/s of input/);
  });

  it('best quality needs priority quality and a frontier API model', () => {
    expect(fired(ctx({ priority: 'quality' })).get('best-quality')).toMatch(/--priority quality: frontier API models such as gpt-x/);
    expect(fired(ctx({ priority: 'quality' }, {}, { bestFrontier: null })).has('best-quality')).toBe(false);
  });

  it('wizard-only answers: prototyping, no infrastructure, predictable cost', () => {
    const f = fired(ctx({ prototyping: true, noInfrastructure: true, predictableCost: true }));
    expect(f.has('prototyping')).toBe(true);
    expect(f.has('no-infrastructure')).toBe(true);
    expect(f.has('predictable-cost')).toBe(true);
  });
});

describe('verdict', () => {
  const input = resolveInput({ useCase: 'chat', priority: 'balanced' });
  const hit = (side: 'local' | 'api', weight: number, hard = false) => ({ id: `${side}${weight}`, side, weight, hard, reason: `${side} ${weight}` });

  it('hard rules decide local', () => {
    expect(verdict([hit('local', 0, true), hit('api', 3)], input).choice).toBe('local');
  });
  it('thresholds: ≥ 2 local, ≤ −2 API, else either', () => {
    expect(verdict([hit('local', 2)], input).choice).toBe('local');
    expect(verdict([hit('api', 2)], input).choice).toBe('api');
    expect(verdict([hit('local', 1), hit('api', 1)], input).choice).toBe('either');
    expect(verdict([hit('local', 2), hit('api', 1)], input).choice).toBe('either');
  });
  it('--local-only and --api-only force the choice and say so', () => {
    const l = verdict([hit('api', 3)], resolveInput({ useCase: 'chat', priority: 'balanced', localOnly: true }));
    expect(l.choice).toBe('local');
    expect(l.reasons[0]).toMatch(/--local-only/);
    const a = verdict([hit('local', 3)], resolveInput({ useCase: 'chat', priority: 'balanced', apiOnly: true }));
    expect(a.choice).toBe('api');
  });
  it('lists every fired rule, hard first, then by weight, and the balance', () => {
    const v = verdict([hit('api', 1), hit('local', 2)], input);
    expect(v.reasons).toEqual(['local 2', 'api 1', 'rule score: local +2, API +1; a difference under 2 leaves both open']);
    expect(v.score).toBe(1);
  });
});
