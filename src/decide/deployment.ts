// The verdict from the rules that fired: hard constraints first, then the
// user's --local-only / --api-only, then the balance of the rules' scores.
import { because, plain, reasonText, type Reason } from './origin.js';
import type { RuleHit } from './output-schema.js';
import { API_VERDICT_AT, LOCAL_VERDICT_AT } from './thresholds.js';
import type { ResolvedInput } from './types.js';

export type Choice = 'local' | 'api' | 'either';

export interface Verdict {
  choice: Choice;
  /** As the command line says them (`--privacy: …`). */
  reasons: string[];
  /** The same reasons, each with its origin (the option it comes from), for the wizard's words. */
  details: Reason[];
  score: number;
  rules: RuleHit[];
}

/** A rule hit; `detail` carries the reason's origin (rules.ts), else the reason is plain text. */
type Hit = RuleHit & { detail?: Reason };

export function verdict(hits: readonly Hit[], input: ResolvedInput): Verdict {
  const score = hits.filter((h) => !h.hard).reduce((s, h) => s + (h.side === 'local' ? h.weight : -h.weight), 0);
  const ordered = [...hits].sort((a, b) => Number(b.hard) - Number(a.hard) || b.weight - a.weight);
  const details = ordered.map((h) => h.detail ?? plain(h.reason));
  const hard = hits.some((h) => h.hard);
  let choice: Choice;
  if (hard) {
    choice = 'local';
    // Said once, after the constraints that rule APIs out.
    details.splice(hits.filter((h) => h.hard).length, 0, plain('so only local models are proposed: API models and their prices are left out'));
  } else if (input.localOnly) {
    choice = 'local';
    details.unshift(because('localOnly', 'only local models asked for: API models and their prices are left out'));
  } else if (input.apiOnly) {
    choice = 'api';
    details.unshift(because('apiOnly', 'only API models asked for'));
  } else if (score >= LOCAL_VERDICT_AT) {
    choice = 'local';
  } else if (score <= API_VERDICT_AT) {
    choice = 'api';
  } else {
    choice = 'either';
  }
  if (!hard && !input.localOnly && !input.apiOnly) {
    // The rules' own points (rules.ts), not model weights: each fired rule counts for its side.
    details.push(
      plain(
        `rule score: local +${sum(hits, 'local')}, API +${sum(hits, 'api')}; ${
          choice === 'either' ? `a difference under ${LOCAL_VERDICT_AT} leaves both open` : `the difference of ${Math.abs(score)} decides`
        }`,
      ),
    );
  }
  const rules = hits.map(({ id, side, weight, hard: isHard, reason }) => ({ id, side, weight, hard: isHard, reason }));
  return { choice, reasons: details.map((d) => reasonText(d)), details, score, rules };
}

function sum(hits: readonly RuleHit[], side: 'local' | 'api'): number {
  return hits.filter((h) => !h.hard && h.side === side).reduce((s, h) => s + h.weight, 0);
}
