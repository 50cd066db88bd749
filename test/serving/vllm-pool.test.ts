// The vLLM pool against published start-up logs (test/serving/vllm-logs.ts; bench/vllm.ts prints the table).
import { describe, expect, it } from 'vitest';
import { evaluateVllmLogs, medianAbs } from './evaluate-vllm.js';

const rows = await evaluateVllmLogs();

describe('vLLM KV pool vs published logs', () => {
  it('the fit logs: pool within 10% median', () => {
    const errs = rows.filter((r) => r.split === 'fit' && r.error !== null).map((r) => r.error!);
    expect(errs.length).toBeGreaterThan(0);
    expect(medianAbs(errs)).toBeLessThanOrEqual(0.1);
  });

  it('every log: whether vLLM started is predicted right', () => {
    for (const r of rows) expect({ id: r.id, starts: r.predicted.starts }).toEqual({ id: r.id, starts: r.logged.starts });
  });

  it('held-out logs: within 30% median (the 10% target is not met on them; see docs/notes/serving.md)', () => {
    const errs = rows.filter((r) => r.split === 'held-out' && r.error !== null).map((r) => r.error!);
    expect(errs.length).toBeGreaterThanOrEqual(2);
    expect(medianAbs(errs)).toBeLessThanOrEqual(0.3);
  });
});
