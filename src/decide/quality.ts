// A model's quality for a use case: the use case's mix of task scores
// (src/decide/benchmarks.ts USE_CASE_MIX; task scores from src/decide/task-fit.ts),
// and the quality cost of running it quantized.
import type { BenchmarkResult, Catalog, Model } from '../catalog/schema.js';
import { resolveScores } from '../catalog/scores.js';
import { measureOf, normalize, TASK_LABEL, USE_CASE_MIX, type Task } from './benchmarks.js';
import type { TaskScoreJson } from './output-schema.js';
import { qualityTable, type TaskNumbersOf, type TaskScore } from './task-fit.js';

export type QualityUseCase = keyof typeof USE_CASE_MIX;

/** A use case's quality as ranking uses it: the numbers, without the words. */
export interface UseCaseNumbers {
  /** 0-1: Σ weight × task score. */
  score: number;
  /** Share of the mix's weight that comes from estimated task scores (0: all measured). */
  estimatedShare: number;
  /** true when half the weight or more is estimated. */
  estimated: boolean;
  /** One standard error of score (task errors combined as independent). */
  uncertainty: number;
}

export interface UseCaseQuality extends UseCaseNumbers {
  /** The tasks of the mix, heaviest first, with their weight. */
  tasks: (TaskScore & { weight: number })[];
  /** In words: the deciding scores with their sources. */
  basis: string;
}

function fmt(x: number): string {
  return x.toFixed(2);
}

/**
 * The use case's mix over a model's task scores, over the weights present when some are missing:
 * the weighted score, the estimated tasks' share of the weight and the variance of the score.
 */
function mixOf(scores: TaskNumbersOf, useCase: QualityUseCase): { score: number; estimatedShare: number; variance: number } {
  const mix = USE_CASE_MIX[useCase] as Partial<Record<Task, number>>;
  let score = 0;
  let estimatedShare = 0;
  let variance = 0;
  let weightSeen = 0;
  for (const task in mix) {
    const s = scores.get(task as Task);
    if (!s) continue;
    const weight = mix[task as Task]!;
    weightSeen += weight;
    score += weight * s.value;
    variance += (weight * s.uncertainty) ** 2;
    if (s.estimated) estimatedShare += weight;
  }
  if (weightSeen > 0 && weightSeen < 1) {
    score /= weightSeen;
    estimatedShare /= weightSeen;
    variance /= weightSeen ** 2;
  }
  return { score, estimatedShare, variance };
}

/**
 * A use case's score from a model's task scores. useCaseQuality adds the tasks and the words; the
 * API tiers compare every API model's chat, code and reasoning scores and need the score alone.
 */
export function useCaseScore(scores: TaskNumbersOf, useCase: QualityUseCase): number {
  return mixOf(scores, useCase).score;
}

/**
 * The numbers of useCaseQuality without its tasks and words: ranking scores every model of the
 * catalog and words only the picks it shows.
 */
export function useCaseNumbers(scores: TaskNumbersOf, useCase: QualityUseCase): UseCaseNumbers {
  const { score, estimatedShare, variance } = mixOf(scores, useCase);
  return { score, estimatedShare, estimated: estimatedShare >= 0.5, uncertainty: Math.sqrt(variance) };
}

export function useCaseQuality(scores: ReadonlyMap<Task, TaskScore>, useCase: QualityUseCase): UseCaseQuality {
  const numbers = useCaseNumbers(scores, useCase);
  const tasks: UseCaseQuality['tasks'] = [];
  for (const [task, weight] of Object.entries(USE_CASE_MIX[useCase]) as [Task, number][]) {
    const s = scores.get(task);
    if (s) tasks.push({ ...s, weight });
  }
  tasks.sort((a, b) => b.weight - a.weight);
  const basis = tasks
    .map((t) => `${TASK_LABEL[t.task]} ${fmt(t.value)}${t.estimated ? ` (estimate ±${fmt(t.uncertainty)})` : ''} ×${t.weight}: ${t.basis}`)
    .join('; ');
  return { ...numbers, tasks, basis };
}

/**
 * The quality of one catalog model for a use case, on the same footing for local
 * and API models: what helper code (the API default set, tiers) calls.
 *   taskScore(catalog, model, 'code').score  → 0..1
 */
export function taskScore(catalog: Catalog, model: Model, useCase: QualityUseCase): UseCaseQuality {
  return useCaseQuality(scoresOf(catalog, model), useCase);
}

/** The numbers of taskScore without its tasks and words: what ranking reads for every model it orders. */
export function taskNumbers(catalog: Catalog, model: Model, useCase: QualityUseCase): UseCaseNumbers {
  return useCaseNumbers(numbersOf(catalog, model), useCase);
}

/** A model's task scores from the catalog's quality table (none for a model it does not hold). */
function scoresOf(catalog: Catalog, model: Model): ReadonlyMap<Task, TaskScore> {
  return qualityTable(catalog).scoresOf(model.id) ?? new Map<Task, TaskScore>();
}

/** A model's task numbers alone (none for a model the table does not hold): what scores without words read. */
function numbersOf(catalog: Catalog, model: Model): TaskNumbersOf {
  return qualityTable(catalog).numbersOf(model.id) ?? new Map<Task, TaskScore>();
}

/** Every task score of a model (measured or estimated), for `models --json`. */
export function modelTaskScores(catalog: Catalog, model: Model): TaskScore[] {
  return [...scoresOf(catalog, model).values()];
}

/** The use cases whose mean is a model's general quality (for API tiers). */
export const GENERAL_USE_CASES: readonly QualityUseCase[] = ['chat', 'code', 'reasoning'];

export function generalScore(catalog: Catalog, model: Model): number {
  const scores = numbersOf(catalog, model);
  return GENERAL_USE_CASES.reduce((s, u) => s + useCaseScore(scores, u), 0) / GENERAL_USE_CASES.length;
}

export type DerivedTier = 'frontier' | 'high' | 'mid' | 'budget';

/** Per catalog and kind (general, embedding): each live API peer's tier value, by model id. */
const tierValues = new WeakMap<Catalog, Map<'general' | 'embedding', Map<string, number>>>();

/**
 * API tiers derived from scores, not set by hand: the quartile of the model's
 * general quality (mean of its chat, code and reasoning scores) among the live
 * (not retired) chat API models of the catalog: top quarter frontier, then high,
 * mid, budget. Embedding APIs are tiered among embedding APIs by retrieval.
 */
export function derivedTier(catalog: Catalog, model: Model): DerivedTier {
  const embedder = (m: Model) => m.type === 'api' && m.useCases.includes('embedding') && !m.useCases.includes('chat');
  const kind = embedder(model) ? 'embedding' : 'general';
  const value = (m: Model) => (kind === 'embedding' ? useCaseScore(numbersOf(catalog, m), 'embedding') : generalScore(catalog, m));
  // Each tier compares the model with all its peers: their values are computed once per catalog and kind.
  let byKind = tierValues.get(catalog);
  if (!byKind) tierValues.set(catalog, (byKind = new Map()));
  let peers = byKind.get(kind);
  if (!peers) {
    peers = new Map(catalog.models.filter((m) => m.type === 'api' && !m.retired && embedder(m) === (kind === 'embedding')).map((m) => [m.id, value(m)]));
    byKind.set(kind, peers);
  }
  const mine = peers.get(model.id) ?? value(model);
  let below = 0;
  for (const v of peers.values()) if (v < mine) below += 1;
  const share = peers.size > 1 ? below / (peers.size - 1) : 1;
  return share >= 0.75 ? 'frontier' : share >= 0.5 ? 'high' : share >= 0.25 ? 'mid' : 'budget';
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** A task score as JSON: the deciding result with its source and date, or the estimate. */
export function taskJson(t: TaskScore & { weight?: number }): TaskScoreJson {
  const r = t.result;
  return {
    task: t.task,
    ...(t.weight !== undefined ? { weight: t.weight } : {}),
    value: round(t.value),
    estimated: t.estimated,
    uncertainty: round(t.uncertainty),
    benchmark: r ? r.benchmark : null,
    variant: r ? r.variant : null,
    result: r ? r.value : null,
    asOf: r ? r.asOf : null,
    source: r ? r.source : null,
    primary: r ? r.primary : null,
    basis: t.basis,
  };
}

/**
 * The results a model's scores are built from: per benchmark (measure), the best
 * reported setting, as the scoring takes it (models --json lists these).
 */
export function usedResults(catalog: Catalog, model: Model): BenchmarkResult[] {
  const best = new Map<string, BenchmarkResult>();
  for (const r of resolveScores(catalog).byModel.get(model.id) ?? []) {
    const m = measureOf(r);
    if (!m) continue;
    const prev = best.get(m.id);
    if (!prev || normalize(m, r.value) > normalize(m, prev.value)) best.set(m.id, r);
  }
  return [...best.values()];
}
