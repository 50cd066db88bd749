// The verdict from the rules that fired: hard constraints first, then the
// user's --local-only / --api-only, then the balance of weights.
import type { RuleHit } from './output-schema.js';
import { API_VERDICT_AT, LOCAL_VERDICT_AT } from './thresholds.js';
import type { ResolvedInput } from './types.js';

export type Choice = 'local' | 'api' | 'either';

export interface Verdict {
  choice: Choice;
  reasons: string[];
  score: number;
  rules: RuleHit[];
}

export function verdict(hits: readonly RuleHit[], input: ResolvedInput): Verdict {
  const score = hits.filter((h) => !h.hard).reduce((s, h) => s + (h.side === 'local' ? h.weight : -h.weight), 0);
  const ordered = [...hits].sort((a, b) => Number(b.hard) - Number(a.hard) || b.weight - a.weight);
  const reasons = ordered.map((h) => h.reason);
  const hard = hits.some((h) => h.hard);
  let choice: Choice;
  if (hard) {
    choice = 'local';
  } else if (input.localOnly) {
    choice = 'local';
    reasons.unshift('--local-only: only local models asked for');
  } else if (input.apiOnly) {
    choice = 'api';
    reasons.unshift('--api-only: only API models asked for');
  } else if (score >= LOCAL_VERDICT_AT) {
    choice = 'local';
  } else if (score <= API_VERDICT_AT) {
    choice = 'api';
  } else {
    choice = 'either';
  }
  if (!hard && !input.localOnly && !input.apiOnly) {
    reasons.push(
      `weights: local ${sum(hits, 'local')}, API ${sum(hits, 'api')}; ${
        choice === 'either' ? `a difference under ${LOCAL_VERDICT_AT} leaves both open` : `the difference of ${Math.abs(score)} decides`
      }`,
    );
  }
  return { choice, reasons, score, rules: [...hits] };
}

function sum(hits: readonly RuleHit[], side: 'local' | 'api'): number {
  return hits.filter((h) => !h.hard && h.side === side).reduce((s, h) => s + h.weight, 0);
}
