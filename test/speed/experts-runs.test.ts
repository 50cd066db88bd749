// The published experts-in-RAM runs of bench/speed-experts.ts: every row names its source, runs on a
// catalog model, and gets a prediction unless it says why not; flagged rows say what is wrong.
import { describe, expect, it } from 'vitest';
import { EXPERT_RUNS, evaluateExpertRuns } from '../../bench/speed-experts.js';

describe('experts-in-RAM runs (held out of every calibration)', () => {
  const results = evaluateExpertRuns();

  it('each row names its source, its RAM figure and where that figure comes from', () => {
    expect(EXPERT_RUNS.length).toBeGreaterThanOrEqual(10);
    for (const r of EXPERT_RUNS) {
      expect(r.url, r.id).toMatch(/^https?:\/\//);
      expect(r.ram.source.length, r.id).toBeGreaterThan(5);
      expect(r.gpu.source.length, r.id).toBeGreaterThan(0);
      expect(r.measured, r.id).toBeGreaterThan(0);
    }
    expect(new Set(EXPERT_RUNS.map((r) => r.id)).size).toBe(EXPERT_RUNS.length);
  });

  it('every row with a GPU and RAM figure is predicted on a catalog model (no silent gaps)', () => {
    for (const r of results) {
      if (r.run.ram.gbps === null || r.run.gpu.bandwidthGBps <= 0) {
        expect(r.reason, r.run.id).toMatch(/not published/);
        continue;
      }
      expect(r.reason, r.run.id).toBeNull();
      expect(r.predicted, r.run.id).toBeGreaterThan(0);
    }
    const usable = results.filter((r) => r.error !== null && !r.run.flag);
    expect(usable.filter((r) => r.run.test === 'decode').length).toBeGreaterThanOrEqual(7);
    expect(usable.filter((r) => r.run.test === 'prompt').length).toBeGreaterThanOrEqual(2);
  });

  it('a shorter prompt than a micro-batch is predicted slower per token than pp512 (the copy is per micro-batch)', () => {
    const pp = results.find((r) => r.run.id === 'castlen3-3060-pp')!;
    const at512 = evaluateExpertRuns([{ ...pp.run, promptTokens: 512 }])[0]!;
    expect(pp.predicted!).toBeLessThan(at512.predicted!);
  });
});
