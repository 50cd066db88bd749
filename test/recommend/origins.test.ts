// A reason's origin (src/decide/origin.ts): the command line names it by its flag, the
// wizard by the answer picked (src/wizard/render.ts, with the questions' own words).
import { describe, expect, it } from 'vitest';
import { runWith, type RecommendCommandDeps, type RecommendOptions } from '../../src/cli/commands/recommend.js';
import { plainUi } from '../../src/core/ui.js';
import { flagWords, reasonText } from '../../src/decide/origin.js';
import { RecommendJson } from '../../src/decide/output-schema.js';
import { renderRecommend } from '../../src/render/recommend.js';
import { DATA_RULES, PRIORITIES, PRIORITY_MESSAGE, VOLUMES } from '../../src/wizard/questions.js';
import { wizardOrigin } from '../../src/wizard/render.js';
import { fakeEstimator, fixtureCatalog, gpuPlan } from '../decide/fixtures.js';

const ctx = { json: false, debug: false, catalogFiles: [] };
const deps: RecommendCommandDeps = { loadCatalog: async () => fixtureCatalog(), hardware: async () => gpuPlan(24), estimator: () => fakeEstimator };
const base: RecommendOptions = { useCase: 'chat', priority: 'balanced' };

describe('reason origins', () => {
  it('the command line names an origin by its flag, with the value given, or says it was left out', () => {
    expect(flagWords({ option: 'privacy', value: null, given: true })).toBe('--privacy');
    expect(flagWords({ option: 'priority', value: 'quality', given: true })).toBe('--priority quality');
    expect(flagWords({ option: 'tokensPerDay', value: null, given: false })).toBe('no --tokens-per-day');
    expect(reasonText({ origin: null, text: 'plain' })).toBe('plain');
  });

  it('JSON: reasons[i] is reasonDetails[i] with its flag, and the document passes its schema', async () => {
    const r = await runWith({ ...base, priority: 'quality', privacy: true }, ctx, deps);
    expect(RecommendJson.safeParse({ ...r, catalogAsOf: '2026-01-01' }).success).toBe(true);
    expect(r.deployment.reasons).toEqual(r.deployment.reasonDetails.map((d) => reasonText(d)));
    expect(r.deployment.reasonDetails[0]!.origin).toEqual({ option: 'privacy', value: null, given: true });
  });

  it('the wizard names the answer the user picked, in the questions’ words', () => {
    const both = wizardOrigin({ useCase: 'chat', priority: 'balanced', privacy: true, offline: true });
    const label = (v: string) => DATA_RULES.find((d) => d.value === v)!.name;
    expect(both({ option: 'privacy', value: null, given: true })).toBe(`you chose “${label('private-offline')}”`);
    expect(both({ option: 'offline', value: null, given: true })).toBe(`you chose “${label('private-offline')}”`);
    const anywhere = wizardOrigin({ useCase: 'chat', priority: 'quality' });
    expect(anywhere({ option: 'tokensPerDay', value: null, given: false })).toBe(`you chose “${VOLUMES.find((v) => v.value === null)!.name}”`);
    const quality = PRIORITIES.find((p) => p.value === 'quality')!.name;
    expect(anywhere({ option: 'priority', value: 'quality', given: true })).toBe(`you chose “${quality}” for “${PRIORITY_MESSAGE}”`);
    // An option the wizard never asks keeps its flag.
    expect(anywhere({ option: 'budget', value: null, given: true })).toBe('--budget');
  });

  it('rendered for the wizard: no flag in the reasons; one answer behind two reasons is one line', async () => {
    const r = await runWith({ ...base, privacy: true, offline: true }, ctx, deps);
    const text = renderRecommend(r, plainUi(120), { origin: wizardOrigin({ useCase: 'chat', priority: 'balanced', privacy: true, offline: true }) });
    const verdict = text.split('\n\n')[0]!;
    expect(verdict).not.toMatch(/--privacy|--offline/);
    expect(verdict.match(/you chose “Both: private and offline”/g)).toHaveLength(1);
    expect(verdict).toMatch(/data must not leave this machine; it must work without a network/);
    const cli = renderRecommend(r, plainUi(120));
    expect(cli).toMatch(/^ {2}- --privacy: data must not leave this machine$/m);
    expect(cli).toMatch(/^ {2}- --offline: it must work without a network$/m);
  });
});
