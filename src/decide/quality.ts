// A model's quality score (0..1) from the catalog's sourced signals.
//
// Scores from different leaderboards are not comparable (an LMArena Elo of 1250
// and an Open LLM Leaderboard average of 38 share no scale), so each metric is
// turned into a rank percentile among the catalog models that have that metric,
// and a model's score is the mean of its percentiles. A metric held by a single
// model says nothing about rank and is ignored.
// Models with no usable signal get the percentile of their parameter count
// among the same population, minus SIZE_FALLBACK_PENALTY, so a measured model
// beats an unmeasured one of the same size (policy, stated in each basis).
// A model without a score of its own that supersedes a scored one is taken to be
// at least as good as its predecessor (the catalog's supersededBy says so).
import type { Model } from '../catalog/schema.js';
import { billions } from '../util/numbers.js';

export const MIN_MODELS_PER_METRIC = 2;
export const SIZE_FALLBACK_PENALTY = 0.1;

/** Metrics where a lower value is better; every other metric is higher-is-better. */
const LOWER_IS_BETTER = /perplexity|loss|error|kl[-_]?div/i;

export interface QualityScore {
  /** 0..1: mean rank percentile of the model's metrics, or the size fallback. */
  score: number;
  /** In words: which metrics, their values and percentiles, or the fallback. */
  basis: string;
  fromSignals: boolean;
}

interface Entry {
  id: string;
  value: number;
}

/** Mid-rank percentile: the share of others below, counting ties as half. */
function percentile(value: number, all: readonly number[], lowerIsBetter: boolean): number {
  let below = 0;
  let ties = 0;
  for (const v of all) {
    if (v === value) ties += 1;
    else if (lowerIsBetter ? v > value : v < value) below += 1;
  }
  const others = all.length - 1;
  if (others <= 0) return 0.5;
  return (below + (ties - 1) / 2) / others;
}

function latestPerMetric(model: Model): Map<string, number> {
  const out = new Map<string, { value: number; asOf: string }>();
  for (const q of model.quality) {
    const prev = out.get(q.metric);
    const asOf = q.asOf ?? '';
    if (!prev || asOf > prev.asOf) out.set(q.metric, { value: q.value, asOf });
  }
  return new Map([...out].map(([k, v]) => [k, v.value]));
}

function paramsOf(model: Model): number | null {
  return model.type === 'api' ? null : model.params.total;
}

function pct(f: number): string {
  return `${Math.round(f * 100)}th percentile`;
}

/**
 * Scores every model of a population (e.g. all local LLMs, or all embedding
 * models) against the others in it.
 */
export function qualityIndex(population: readonly Model[]): Map<string, QualityScore> {
  const perModel = new Map(population.map((m) => [m.id, latestPerMetric(m)]));
  const byMetric = new Map<string, Entry[]>();
  for (const [id, metrics] of perModel) {
    for (const [metric, value] of metrics) {
      const list = byMetric.get(metric) ?? [];
      list.push({ id, value });
      byMetric.set(metric, list);
    }
  }
  const params = population.map(paramsOf).filter((p): p is number => p !== null);
  const result = new Map<string, QualityScore>();
  for (const model of population) {
    const metrics = perModel.get(model.id) ?? new Map<string, number>();
    const parts: string[] = [];
    const percentiles: number[] = [];
    for (const [metric, value] of metrics) {
      const entries = byMetric.get(metric) ?? [];
      if (entries.length < MIN_MODELS_PER_METRIC) continue;
      const p = percentile(
        value,
        entries.map((e) => e.value),
        LOWER_IS_BETTER.test(metric),
      );
      percentiles.push(p);
      parts.push(`${metric} ${value}: ${pct(p)} of ${entries.length} catalog models`);
    }
    if (percentiles.length > 0) {
      const score = percentiles.reduce((a, b) => a + b, 0) / percentiles.length;
      result.set(model.id, { score, basis: parts.join('; '), fromSignals: true });
      continue;
    }
    const own = paramsOf(model);
    if (own !== null && params.length > 1) {
      const p = percentile(own, params, false);
      const score = Math.max(0, p - SIZE_FALLBACK_PENALTY);
      result.set(model.id, {
        score,
        basis: `no comparable score in the catalog; from size (${billions(own)} parameters: ${pct(p)}) minus ${SIZE_FALLBACK_PENALTY}`,
        fromSignals: false,
      });
    } else {
      result.set(model.id, { score: 0.5 - SIZE_FALLBACK_PENALTY, basis: 'no quality signal in the catalog', fromSignals: false });
    }
  }
  inheritFromPredecessors(population, result);
  return result;
}

/** Raises an unscored successor to its best predecessor's score (chains included). */
function inheritFromPredecessors(population: readonly Model[], result: Map<string, QualityScore>): void {
  for (let pass = 0; pass < population.length; pass += 1) {
    let changed = false;
    for (const old of population) {
      const successor = old.supersededBy ? result.get(old.supersededBy) : undefined;
      const prev = result.get(old.id);
      if (!successor || !prev || successor.fromSignals || successor.score >= prev.score) continue;
      result.set(old.supersededBy!, {
        score: prev.score,
        basis: `no comparable score in the catalog; taken as at least ${old.id}, which it supersedes (${prev.score.toFixed(2)})`,
        fromSignals: false,
      });
      changed = true;
    }
    if (!changed) break;
  }
}
