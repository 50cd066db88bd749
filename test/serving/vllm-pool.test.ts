// The vLLM pool against published start-up logs (test/serving/vllm-logs.ts; bench/vllm.ts prints the table).
import { describe, expect, it } from 'vitest';
import { evaluateVllmLogs, medianAbs, worstAbs } from './evaluate-vllm.js';

const rows = await evaluateVllmLogs();
const errors = (split: 'fit' | 'held-out') => rows.filter((r) => r.split === split && r.error !== null).map((r) => r.error!);

describe('vLLM KV pool vs published logs', () => {
  it('at least 12 usable logs, both splits represented', () => {
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(errors('fit').length).toBeGreaterThanOrEqual(4);
    expect(errors('held-out').length).toBeGreaterThanOrEqual(4);
  });

  it('the fit logs: pool within 10% median', () => {
    expect(medianAbs(errors('fit'))).toBeLessThanOrEqual(0.1);
  });

  it('held-out logs: pool within 10% median, none off by more than 30%', () => {
    expect(medianAbs(errors('held-out'))).toBeLessThanOrEqual(0.1);
    expect(worstAbs(errors('held-out'))).toBeLessThanOrEqual(0.3);
  });

  it('every log: whether vLLM started is predicted right', () => {
    for (const r of rows) expect({ id: r.id, starts: r.predicted.starts }).toEqual({ id: r.id, starts: r.logged.starts });
  });
});
