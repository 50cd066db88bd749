// The one score that orders local picks, and how the ordered list is arranged
// (superseded models and family variants shown under the pick they lose to).
//
//   Q = (use-case quality − 0.5 × its uncertainty) × (1 − quantization cost)   (quality.ts, quant-cost.ts)
//       (an estimate counts for less than a measured score of the same value)
//   S = speed score: log scale, 0 at 2 tok/s, 1 at 50 tok/s        (local.ts speedScore)
//   quality:  score = Q + 0.02 × S                  (speed only breaks near-ties)
//   balanced: score = Q × (0.6 + 0.4 × S)           (a pick twice as good at half the speed still wins)
//   speed:    score = 2 + log10(tok/s) / 8 for picks with Q ≥ 75 % of the best Q that fits,
//             score = Q (< 1) below that floor          (so: fastest first, among good-enough picks)
//   − 0.15 when an LLM decodes under 5 tok/s (too slow for a person waiting; not in speed priority)
//   − 2 for a partial offload (every pick that fits comes first)
// Then: a superseded model is shown under its successor when both are listed, and
// the top three hold at most one variant of a model (same family and size): the
// others are shown under it. `rank` follows `score`.
import type { Priority } from './types.js';
import { compareIds } from '../util/compare-ids.js';

export const QUALITY_TIE_BREAK = 0.02;
/** Policy: standard errors taken off an uncertain quality before ranking (measured anchor results have none). */
export const ESTIMATE_RISK = 0.5;
export const BALANCED_BASE = 0.6;
export const SPEED_QUALITY_FLOOR = 0.75;
export const OFFLOAD_PENALTY = 2;
export const SLOW_SCORE_PENALTY = 0.15;
export const DIVERSE_TOP = 3;

export interface ScoreInput {
  /** Quality after the quantization cost, 0..1. */
  quality: number;
  /** 0..1 speed score (log scale). */
  speed: number;
  /** Estimated decode (LLM) or prompt (embedding) tokens/s; null when unknown. */
  tokensPerSecond: number | null;
  slow: boolean;
  offload: boolean;
}

/** --latency-critical: quality is scored as balanced, and balanced leans further on speed (base 0.35). */
export const LATENCY_BALANCED_BASE = 0.35;

export function rankScore(priority: Priority, x: ScoreInput, qualityFloor: number, latencyCritical = false): number {
  let score: number;
  const base = latencyCritical ? LATENCY_BALANCED_BASE : BALANCED_BASE;
  if (priority === 'quality' && !latencyCritical) score = x.quality + QUALITY_TIE_BREAK * x.speed;
  else if (priority !== 'speed') score = x.quality * (base + (1 - base) * x.speed);
  else if (x.quality >= qualityFloor) score = 2 + (x.tokensPerSecond !== null ? Math.log10(Math.max(x.tokensPerSecond, 0.01)) / 8 : x.speed / 8);
  else score = x.quality;
  if (x.slow && priority !== 'speed') score -= SLOW_SCORE_PENALTY;
  if (x.offload) score -= OFFLOAD_PENALTY;
  return score;
}

export function scoreWords(priority: Priority, floor: number, latencyCritical = false): string {
  if (latencyCritical && priority !== 'speed') return `priority ${priority}, latency-critical: score = quality × (${LATENCY_BALANCED_BASE} + ${1 - LATENCY_BALANCED_BASE} × speed score)`;
  if (priority === 'quality') return `priority quality: score = quality + ${QUALITY_TIE_BREAK} × speed score`;
  if (priority === 'balanced') return `priority balanced: score = quality × (${BALANCED_BASE} + ${1 - BALANCED_BASE} × speed score)`;
  return `priority speed: fastest first among picks with quality ≥ ${floor.toFixed(2)} (${SPEED_QUALITY_FLOOR * 100} % of the best that fits); score = 2 + log10(tok/s)/8`;
}

export interface Arrangeable {
  modelId: string;
  supersededBy: string | null;
  /** Models that are variants of one another share it: family and size. */
  variantGroup: string;
  score: number;
}

export interface Arranged<T> {
  item: T;
  /** Shown under this pick, not ranked: its superseded predecessors and same-model variants. */
  under: { item: T; why: string }[];
}

/** Sorted by score; superseded and top-three variants moved under the pick they lose to. */
export function arrange<T extends Arrangeable>(list: readonly T[]): Arranged<T>[] {
  const sorted = [...list].sort((a, b) => b.score - a.score || compareIds(a.modelId, b.modelId));
  const listed = new Set(sorted.map((x) => x.modelId));
  const out: Arranged<T>[] = [];
  const byId = new Map<string, Arranged<T>>();
  const pendingUnder = new Map<string, { item: T; why: string }[]>();
  // A superseded model goes under its successor (or the successor's own successor when that one is listed).
  const home = (x: T): string | null => {
    let target = x.supersededBy;
    const seen = new Set<string>();
    while (target && !listed.has(target) && !seen.has(target)) {
      seen.add(target);
      target = list.find((y) => y.modelId === target)?.supersededBy ?? null;
    }
    return target && listed.has(target) ? target : null;
  };
  for (const x of sorted) {
    const succ = home(x);
    if (succ) {
      const why = `superseded by ${succ}`;
      const at = byId.get(succ);
      if (at) at.under.push({ item: x, why });
      else pendingUnder.set(succ, [...(pendingUnder.get(succ) ?? []), { item: x, why }]);
      continue;
    }
    const leader = out.length < DIVERSE_TOP ? out.find((o) => o.item.variantGroup === x.variantGroup) : undefined;
    if (leader) {
      leader.under.push({ item: x, why: `a variant of ${leader.item.modelId} (one per model in the top ${DIVERSE_TOP})` });
      leader.under.push(...(pendingUnder.get(x.modelId) ?? []));
      pendingUnder.delete(x.modelId);
      continue;
    }
    const entry: Arranged<T> = { item: x, under: pendingUnder.get(x.modelId) ?? [] };
    pendingUnder.delete(x.modelId);
    out.push(entry);
    byId.set(x.modelId, entry);
  }
  return out;
}
