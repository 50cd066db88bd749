// The built CLI (`npm run build` first): `recommend` as a real
// process. Hardware comes from flags (--gpu, --ram), so nothing depends on
// this machine; assertions are about the contract, not the catalog's contents.
import { describe, expect, it } from 'vitest';
import { RecommendJson } from '../../src/decide/output-schema.js';
import { runBin } from '../helpers/bin.js';

const HW = ['--gpu', 'rtx-3090', '--ram', '64'];

describe('llm-pick recommend (built bin)', () => {
  it('--json: one valid document on stdout, nothing on stderr, exit 0', () => {
    const r = runBin(['recommend', ...HW, '--use-case', 'code', '--tokens-per-day', '5000000', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = RecommendJson.parse(JSON.parse(r.stdout));
    expect(doc.inputs.useCase).toBe('code');
    expect(doc.deployment.choice).toBe('local');
    expect(doc.deployment.reasons[0]).toMatch(/^5M tokens\/day is over the 1M\/day where local usually pays off/);
    expect(doc.local.length).toBeGreaterThan(0);
    for (const p of doc.local) {
      // A MoE with experts in RAM (--n-cpu-moe) does not fit whole, by design.
      if (p.offload?.cpuMoeLayers) continue;
      expect(p.fits).toBe(true);
      expect(p.memory.totalBytes).toBeLessThanOrEqual(doc.hardware.budgetBytes!);
      expect(p.setup.length).toBeGreaterThan(0);
    }
    for (const a of doc.api) expect(typeof a.monthlyUsd).toBe('number');
  });

  it('human output: verdict, tables, setup of the top pick, no colour with NO_COLOR', () => {
    const r = runBin(['recommend', ...HW]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Verdict: /);
    expect(r.stdout).toContain('Local picks');
    expect(r.stdout).toContain('API picks');
    expect(r.stdout).toMatch(/GiB/);
    expect(r.stdout).toMatch(/\n {2}\$ (ollama pull|llama-server|vllm serve) /);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('--privacy: no API picks, and the reason says so', () => {
    const r = runBin(['recommend', ...HW, '--privacy', '--json']);
    expect(r.status).toBe(0);
    const doc = RecommendJson.parse(JSON.parse(r.stdout));
    expect(doc.deployment.choice).toBe('local');
    expect(doc.api).toEqual([]);
    expect(doc.deployment.reasons[0]).toMatch(/--privacy/);
  });

  it('--local-only with --api-only: exit 2, one line on stderr, nothing on stdout', () => {
    const r = runBin(['recommend', '--local-only', '--api-only']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^llm-pick: --local-only and --api-only cannot be used together/);
  });

  it('--api-only: answers without hardware', () => {
    const r = runBin(['recommend', '--api-only', '--tokens-per-day', '200000', '--json']);
    expect(r.status).toBe(0);
    const doc = RecommendJson.parse(JSON.parse(r.stdout));
    expect(doc.deployment.choice).toBe('api');
    expect(doc.local).toEqual([]);
    expect(doc.api.length).toBeGreaterThan(0);
  });

  it('a bad flag value names the flag and the choices (exit 2)', () => {
    const r = runBin(['recommend', '--use-case', 'poetry']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--use-case must be one of chat, code, rag, extraction, summarization, embedding, long-context; got "poetry"/);
  });
});

describe('the guide rules without a default: prototyping, infrastructure, predictable cost', () => {
  it('--prototype and --managed lean to an API, and say why', () => {
    const r = runBin(['recommend', '--gpu', '3090', '--prototype', '--managed', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.inputs).toMatchObject({ prototyping: true, noInfrastructure: true, predictableCost: false });
    expect(doc.deployment.choice).toBe('api');
    expect(doc.deployment.reasons.join('\n')).toMatch(/prototype/);
    expect(doc.deployment.reasons.join('\n')).toMatch(/infrastructure/);
  });
  it('--predictable-cost leans local, and without the flags none of these rules fires', () => {
    const withFlag = JSON.parse(runBin(['recommend', '--gpu', '3090', '--predictable-cost', '--json']).stdout);
    expect(withFlag.deployment.reasons.join('\n')).toMatch(/predictable cost/);
    const without = JSON.parse(runBin(['recommend', '--gpu', '3090', '--json']).stdout);
    expect(without.inputs).toMatchObject({ prototyping: false, noInfrastructure: false, predictableCost: false });
    expect(without.deployment.reasons.join('\n')).not.toMatch(/predictable cost|prototype|infrastructure/);
  });
});
