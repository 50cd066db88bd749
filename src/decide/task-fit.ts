// Per-task scores from benchmark results, and estimates where a model has none.
//
// 1. Measured: each task has benchmarks (measures, src/decide/benchmarks.ts), one
//    of them the anchor whose 0-1 scale is the task's. A model's task score is its
//    anchor result when it has one; otherwise its other results of the task mapped
//    onto the anchor's scale by a linear fit y_b = a_b + s_b * score over the models
//    that have both (alternating least squares: a one-factor model per task, so a
//    benchmark linked to the anchor only through a third one is still mapped).
//    Within one benchmark the best reported setting counts.
// 2. Estimated: a task without any result is predicted from the model's other
//    tasks (one linear fit per other task over the models measured on both; the
//    prediction of the fit with the smallest residual error wins, its error is the
//    uncertainty), else from size and release date (local models), else the median
//    of the population; an estimate never falls below what the model's predecessor
//    (catalog supersededBy) scores.
import type { BenchmarkResult, Catalog, Model } from '../catalog/schema.js';
import { resolveScores } from '../catalog/scores.js';
import { MEASURES, TASKS, measureOf, normalize, type Measure, type Task } from './benchmarks.js';

export interface TaskScore {
  task: Task;
  /** 0-1 on the task's anchor scale. */
  value: number;
  estimated: boolean;
  /** One standard error, same scale (0 for the anchor's own result). */
  uncertainty: number;
  /** The result that decided it (measured), or null (estimated). */
  result: BenchmarkResult | null;
  measure: Measure | null;
  /** In words, with the figure and its source. */
  basis: string;
}

/** Minimum models a fit needs. */
export const MIN_FIT_MODELS = 4;
/** Minimum models a fit from another task needs (a looser relation than two benchmarks of one task). */
export const MIN_CROSS_TASK_MODELS = 8;
/** Floor on a fit's residual error, so that a fit over few models is not over-trusted. */
export const MIN_RESIDUAL = 0.03;
/** Floor on the uncertainty of an estimate from the population median (policy). */
export const UNFITTED_RESIDUAL = 0.15;

interface Line {
  a: number;
  s: number;
  sd: number;
  n: number;
  /** Range of the predicted values in the fit: predictions are held within EXTRAPOLATION of it. */
  lo: number;
  hi: number;
}

/** How far past the fitted range a linked prediction may go (policy: a line is not trusted far outside its data). */
export const EXTRAPOLATION = 0.1;

function predict(line: Line, x: number): number {
  return Math.min(line.hi + EXTRAPOLATION, Math.max(line.lo - EXTRAPOLATION, line.a + line.s * x));
}

/** Same benchmark on another scaffold or snapshot: a constant offset (slope 1), not a free line. */
function fitOffset(xs: readonly number[], ys: readonly number[]): Line | null {
  const n = xs.length;
  if (n < 2) return null;
  const a = ys.reduce((p, y, i) => p + y - xs[i]!, 0) / n;
  const rss = ys.reduce((p, y, i) => p + (y - xs[i]! - a) ** 2, 0);
  return { a, s: 1, sd: Math.max(MIN_RESIDUAL, Math.sqrt(rss / Math.max(1, n - 1))), n, lo: Math.min(...ys), hi: Math.max(...ys) };
}

function fitLine(xs: readonly number[], ys: readonly number[]): Line | null {
  const n = xs.length;
  if (n < MIN_FIT_MODELS) return null;
  const mx = xs.reduce((p, x) => p + x, 0) / n;
  const my = ys.reduce((p, y) => p + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i += 1) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  if (sxx < 1e-6) return null;
  const s = sxy / sxx;
  if (s <= 0.05) return null;
  const a = my - s * mx;
  let rss = 0;
  for (let i = 0; i < n; i += 1) rss += (ys[i]! - a - s * xs[i]!) ** 2;
  return { a, s, sd: Math.max(MIN_RESIDUAL, Math.sqrt(rss / Math.max(1, n - 2))), n, lo: Math.min(...ys), hi: Math.max(...ys) };
}

/** Best normalized result per measure of one model. */
type Obs = Map<string, { y: number; result: BenchmarkResult }>;

function observations(results: readonly BenchmarkResult[]): Map<Task, Obs> {
  const out = new Map<Task, Obs>();
  for (const r of results) {
    const m = measureOf(r);
    if (!m) continue;
    const obs = out.get(m.task) ?? new Map();
    const y = normalize(m, r.value);
    const prev = obs.get(m.id);
    // Best reported setting; at equal value the primary (uniform-run) row.
    if (!prev || y > prev.y || (y === prev.y && r.primary && !prev.result.primary)) obs.set(m.id, { y, result: r });
    out.set(m.task, obs);
  }
  return out;
}

export function percentText(m: Measure, r: BenchmarkResult): string {
  return m.ceiling === 100 ? `${r.value} %` : `${r.value}`;
}

/** A source as people cite it: the repository, the web site, or the reference file's own words. */
export function shortSource(source: string): string {
  const repo = /^([\w.-]+\/[\w.-]+)@/.exec(source);
  if (repo) return repo[1]!;
  const url = /^https?:\/\/([^/\s]+)/.exec(source);
  if (url) return url[1]!.replace(/^www\./, '');
  return source.replace(/^reference\/[\w.]+:\s*/, '').split(/[,;(]/)[0]!.trim().slice(0, 60);
}

export function resultWords(m: Measure, r: BenchmarkResult): string {
  const who = r.primary ? shortSource(r.source) : `${shortSource(r.source)}, vendor figure relayed`;
  return `${m.label} ${percentText(m, r)} (${who}, ${r.asOf.slice(0, 7)})`;
}

/** Rounds of linking: a benchmark is mapped through models already on the task's scale. */
const LINK_ROUNDS = 3;

/**
 * Measured task scores for every model of the population. The anchor's holders
 * are on the scale; each other benchmark is linked by a regression of the task
 * score on its normalized result (θ = c + d·y, over the models on the scale that
 * have it: a least-squares predictor, so a weakly related benchmark shrinks toward
 * the mean instead of overshooting); models reached that way join the scale, and
 * a benchmark still unlinked is tried again over them (LINK_ROUNDS).
 * A benchmark that cannot be linked is not used.
 */
function measured(obsByModel: Map<string, Map<Task, Obs>>): Map<string, Map<Task, TaskScore>> {
  const scores = new Map<string, Map<Task, TaskScore>>();
  for (const task of TASKS) {
    const measures = MEASURES.filter((m) => m.task === task);
    const anchor = measures.find((m) => m.anchor)!;
    const holders = [...obsByModel].filter(([, t]) => t.has(task)).map(([id, t]) => ({ id, obs: t.get(task)! }));
    const onScale = new Map<string, TaskScore>();
    for (const h of holders) {
      const a = h.obs.get(anchor.id);
      if (a) onScale.set(h.id, { task, value: a.y, estimated: false, uncertainty: 0, result: a.result, measure: anchor, basis: resultWords(anchor, a.result) });
    }
    const links = new Map<string, Line>();
    for (let round = 0; round < LINK_ROUNDS; round += 1) {
      for (const m of measures) {
        if (m.anchor || links.has(m.id)) continue;
        const xs: number[] = [];
        const ys: number[] = [];
        for (const h of holders) {
          const o = h.obs.get(m.id);
          const t = onScale.get(h.id);
          if (o && t) {
            xs.push(o.y);
            ys.push(t.value);
          }
        }
        const line = m.link === 'offset' ? fitOffset(xs, ys) : fitLine(xs, ys);
        if (line) links.set(m.id, line);
      }
      for (const h of holders) {
        if (h.obs.has(anchor.id)) continue;
        let num = 0;
        let den = 0;
        let best: { m: Measure; o: { y: number; result: BenchmarkResult }; prec: number; line: Line } | null = null;
        for (const [mid, o] of h.obs) {
          const line = links.get(mid);
          if (!line) continue;
          const m = measures.find((x) => x.id === mid)!;
          const prec = m.weight / line.sd ** 2;
          num += prec * predict(line, o.y);
          den += prec;
          if (!best || prec > best.prec) best = { m, o, prec, line };
        }
        if (!best) continue;
        const value = clamp(num / den);
        const uncertainty = Math.sqrt(1 / [...h.obs.keys()].filter((k) => links.has(k)).reduce((p, k) => p + 1 / links.get(k)!.sd ** 2, 0));
        onScale.set(h.id, {
          task,
          value,
          estimated: false,
          uncertainty,
          result: best.o.result,
          measure: best.m,
          basis: `${resultWords(best.m, best.o.result)}, mapped to the ${anchor.label} scale by ${best.m.link === 'offset' ? 'the mean offset' : 'a fit'} over ${best.line.n} models (±${best.line.sd.toFixed(2)})`,
        });
      }
    }
    for (const [id, score] of onScale) {
      const perModel = scores.get(id) ?? new Map<Task, TaskScore>();
      perModel.set(task, score);
      scores.set(id, perModel);
    }
  }
  return scores;
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function releaseYears(model: Model): number {
  const [y, m] = model.released.split('-').map(Number);
  return (y ?? 2024) - 2023 + ((m ?? 6) - 1) / 12;
}

/** The inverse of releaseYears, as YYYY-MM. */
function yearsToMonth(years: number): string {
  const month = Math.round(years * 12);
  return `${2023 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/**
 * Size as a quality predictor, billions: the total for dense models; for MoE the
 * geometric mean of active and total parameters (a common rule of thumb: an MoE
 * model performs between a dense model of its active and of its total size).
 */
function paramsB(model: Model): number | null {
  if (model.type === 'api') return null;
  const { total, active } = model.params;
  return (active ? Math.sqrt(active * total) : total) / 1e9;
}

/** Least squares with two predictors (x1, x2) and an intercept; null when singular or too few rows. */
function fitPlane(rows: readonly [number, number, number][]): { c: number; d: number; e: number; sd: number; n: number } | null {
  const n = rows.length;
  if (n < MIN_FIT_MODELS + 1) return null;
  let s1 = 0, s2 = 0, sy = 0, s11 = 0, s22 = 0, s12 = 0, s1y = 0, s2y = 0;
  for (const [x1, x2, y] of rows) {
    s1 += x1; s2 += x2; sy += y; s11 += x1 * x1; s22 += x2 * x2; s12 += x1 * x2; s1y += x1 * y; s2y += x2 * y;
  }
  const m1 = s1 / n, m2 = s2 / n, my = sy / n;
  const c11 = s11 / n - m1 * m1, c22 = s22 / n - m2 * m2, c12 = s12 / n - m1 * m2;
  const c1y = s1y / n - m1 * my, c2y = s2y / n - m2 * my;
  const det = c11 * c22 - c12 * c12;
  if (Math.abs(det) < 1e-9) {
    // One release date for all: size alone.
    const line = fitLine(rows.map((r) => r[0]), rows.map((r) => r[2]));
    return line ? { c: line.a, d: line.s, e: 0, sd: line.sd, n } : null;
  }
  const d = (c1y * c22 - c2y * c12) / det;
  const e = (c2y * c11 - c1y * c12) / det;
  const c = my - d * m1 - e * m2;
  let rss = 0;
  for (const [x1, x2, y] of rows) rss += (y - c - d * x1 - e * x2) ** 2;
  return { c, d, e, sd: Math.max(MIN_RESIDUAL, Math.sqrt(rss / Math.max(1, n - 3))), n };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0.3 : s[Math.floor(s.length / 2)]!;
}

/** Embedding models, local or API (an API model listed for embedding and not for chat). */
export function isEmbedder(model: Model): boolean {
  return model.type === 'embedding' || (model.type === 'api' && model.useCases.includes('embedding') && !model.useCases.includes('chat'));
}

/** Which tasks a model's kind can be scored on: retrieval for embedding models, the rest for LLMs. */
export function tasksFor(model: Model): readonly Task[] {
  return isEmbedder(model) ? ['retrieval'] : TASKS.filter((t) => t !== 'retrieval');
}

/** The numbers of a task score that ranking uses (a TaskScore is one). */
export interface TaskNumbers {
  value: number;
  estimated: boolean;
  uncertainty: number;
}

/** A model's task numbers by task (a Map of its TaskScores is one). */
export interface TaskNumbersOf {
  get(task: Task): TaskNumbers | undefined;
}

export interface QualityTable {
  /** Every applicable task of every model, measured or estimated. */
  scores: Map<string, Map<Task, TaskScore>>;
  /** One model's task scores with their words (results, bases), or undefined for a model the table does not hold. */
  scoresOf(modelId: string): ReadonlyMap<Task, TaskScore> | undefined;
  /** One model's task numbers alone, what ranking reads for every model: the same values as scoresOf. */
  numbersOf(modelId: string): TaskNumbersOf | undefined;
  /** Estimate one task of one model as if its results of that task were unknown (the bench's hold-out). */
  estimate(modelId: string, task: Task): TaskScore | null;
}

export function buildQualityTable(models: readonly Model[], resultsOf: (id: string) => readonly BenchmarkResult[]): QualityTable {
  const obsByModel = new Map(models.map((m) => [m.id, observations(resultsOf(m.id))]));
  const measuredScores = measured(obsByModel);
  const byId = new Map(models.map((m) => [m.id, m]));

  const estimate = (modelId: string, task: Task): TaskScore | null => {
    const model = byId.get(modelId);
    if (!model || !tasksFor(model).includes(task)) return null;
    const own = measuredScores.get(modelId) ?? new Map<Task, TaskScore>();
    const peers = [...measuredScores].filter(([id, t]) => id !== modelId && t.has(task) && isEmbedder(byId.get(id)!) === isEmbedder(model));
    // Predictors: each other measured task of the model (a fit over peers of the same kind,
    // local or API, when there are enough: specialists and generalists differ), and size with
    // release date. They are combined by inverse variance; the error reported is the best single one's.
    const preds: { value: number; sd: number; basis: string }[] = [];
    const sameKindPeers = peers.filter(([id]) => (byId.get(id)!.type === 'api') === (model.type === 'api'));
    for (const [other, s] of own) {
      if (other === task) continue;
      const pairsOf = (list: typeof peers) => list.filter(([, t]) => t.has(other)).map(([, t]) => [t.get(other)!.value, t.get(task)!.value] as const);
      let pairs = pairsOf(sameKindPeers);
      if (pairs.length < MIN_CROSS_TASK_MODELS) pairs = pairsOf(peers);
      if (pairs.length < MIN_CROSS_TASK_MODELS) continue;
      const line = fitLine(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
      if (!line) continue;
      // The line predicts the target task from the other task; its error is a prediction error (fit error × √(1 + 1/n)).
      const sd = line.sd * Math.sqrt(1 + 1 / line.n);
      preds.push({ value: predict(line, s.value), sd, basis: `${other} ${s.value.toFixed(2)} (±${sd.toFixed(2)}, ${line.n} models)` });
    }
    const size = paramsB(model);
    if (size !== null) {
      const rows = peers
        .map(([id, t]) => [byId.get(id)!, t.get(task)!.value] as const)
        .filter(([m]) => paramsB(m) !== null)
        .map(([m, v]) => [Math.log10(paramsB(m)!), releaseYears(m), v] as [number, number, number]);
      const plane = fitPlane(rows);
      if (plane) {
        // The plane is not extended past its data: a model released after every measured peer is
        // scored as of the newest one (a date trend says nothing about months it has not seen, and
        // extended it lets a 2.7B model of 2026-08 outrank a 35B model of 2026-04).
        const newest = Math.max(...rows.map((r) => r[1]));
        const years = Math.min(releaseYears(model), newest);
        const value = plane.c + plane.d * Math.log10(size) + plane.e * years;
        const sd = plane.sd * Math.sqrt(1 + 1 / plane.n);
        const when = years < releaseYears(model) ? `${model.released.slice(0, 7)}, taken as ${yearsToMonth(newest)}, the newest measured peer` : model.released.slice(0, 7);
        preds.push({ value, sd, basis: `size ${size.toFixed(1)}B and release ${when} (±${sd.toFixed(2)}, ${plane.n} models)` });
      }
    }
    let best: { value: number; sd: number; basis: string } | null = null;
    if (preds.length > 0) {
      const w = preds.map((p) => 1 / p.sd ** 2);
      const sum = w.reduce((a, b) => a + b, 0);
      const value = preds.reduce((acc, p, i) => acc + p.value * w[i]!, 0) / sum;
      const order = preds.map((p, i) => ({ p, w: w[i]! })).sort((x, y) => y.w - x.w);
      const shown = order.slice(0, 2).map((o) => o.p.basis);
      const more = order.length > 2 ? ` and ${order.length - 2} more` : '';
      best = { value, sd: Math.min(...preds.map((p) => p.sd)), basis: `estimated from ${shown.join(', ')}${more}` };
    }
    if (!best) {
      const sameKind = peers.filter(([id]) => (byId.get(id)!.type === 'api') === (model.type === 'api'));
      const vals = (sameKind.length > 0 ? sameKind : peers).map(([, t]) => t.get(task)!.value);
      const mid = median(vals);
      const sd = Math.sqrt(vals.reduce((p, v) => p + (v - mid) ** 2, 0) / Math.max(1, vals.length));
      best = { value: mid, sd: Math.max(sd, UNFITTED_RESIDUAL), basis: `no result: the median of ${vals.length} scored models (±${Math.max(sd, UNFITTED_RESIDUAL).toFixed(2)})` };
    }
    return { task, value: clamp(best.value), estimated: true, uncertainty: best.sd, result: null, measure: null, basis: best.basis };
  };

  const scores = new Map<string, Map<Task, TaskScore>>();
  for (const m of models) {
    const own = new Map(measuredScores.get(m.id) ?? []);
    for (const task of tasksFor(m)) if (!own.has(task)) own.set(task, estimate(m.id, task)!);
    scores.set(m.id, own);
  }
  // An estimate is at least the predecessor's score (supersededBy chains).
  for (let pass = 0; pass < models.length; pass += 1) {
    let changed = false;
    for (const old of models) {
      if (!old.supersededBy) continue;
      const next = scores.get(old.supersededBy);
      const prev = scores.get(old.id);
      if (!next || !prev) continue;
      for (const [task, s] of next) {
        const p = prev.get(task);
        if (s.estimated && p && p.value > s.value) {
          next.set(task, { ...s, value: p.value, uncertainty: Math.max(s.uncertainty, p.uncertainty), basis: `${s.basis}; raised to ${p.value.toFixed(2)}, the score of ${old.id}, which it supersedes` });
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return withLookups(scores, estimate);
}

/** A table over a full map of scores: numbers and words both come from the map. */
function withLookups(scores: Map<string, Map<Task, TaskScore>>, estimate: QualityTable['estimate']): QualityTable {
  return { scores, scoresOf: (id) => scores.get(id), numbersOf: (id) => scores.get(id), estimate };
}

const cache = new WeakMap<Catalog, QualityTable>();

function buildFor(catalog: Catalog): QualityTable {
  const resolved = resolveScores(catalog);
  return buildQualityTable(catalog.models, (id) => resolved.byModel.get(id) ?? []);
}

/** What the built-in catalog carries beside its models (src/catalog/load.ts); a merged catalog is a new object without either. */
type WithBuiltQuality = Catalog & { qualityScores?: unknown; qualityPacked?: PackedQuality | null; wholeCatalog?: Catalog };

/** The quality table of a catalog (all its models on one footing), cached per catalog object. */
export function qualityTable(catalog: Catalog): QualityTable {
  const hit = cache.get(catalog);
  if (hit) return hit;
  const built = catalog as WithBuiltQuality;
  // The built-in catalog carries its table: the numbers packed (read first, and alone when only
  // ranking asks), the whole table as JSON. Either from another build (other models) is not trusted.
  const whole = (): QualityTable => {
    const precomputed = built.qualityScores;
    // recommend's catalog of lean models (src/catalog/load.ts loadRankingCatalog) computes on the whole models.
    const full = built.wholeCatalog ?? catalog;
    return Array.isArray(precomputed) && precomputed.length === full.models.length ? fromPrecomputed(full, precomputed as PrecomputedQuality) : buildFor(full);
  };
  const packed = built.qualityPacked;
  const table = (packed ? fromPacked(catalog, packed, whole) : null) ?? whole();
  cache.set(catalog, table);
  return table;
}

/** A quality table as JSON (dist/quality.json, the built-in catalog's qualityScores): each model's task scores, the measure by its id. */
export type PrecomputedQuality = [modelId: string, scores: (Omit<TaskScore, 'measure'> & { measure: string | null })[]][];

/** The built-in catalog's table, computed at build time (scripts/build-catalog.mjs) so that start-up does not fit it. */
export function precomputeQuality(catalog: Catalog): PrecomputedQuality {
  return [...buildFor(catalog).scores].map(([id, tasks]) => [id, [...tasks.values()].map((t) => ({ ...t, measure: t.measure?.id ?? null }))]);
}

const measuresById = (): Map<string, Measure> => new Map(MEASURES.map((m) => [m.id, m]));

/** One model's entry of the JSON table as task scores (the measure by its object). */
function entryScores(tasks: PrecomputedQuality[number][1], byId: Map<string, Measure>): Map<Task, TaskScore> {
  return new Map(tasks.map((t) => [t.task, { ...t, measure: t.measure === null ? null : byId.get(t.measure)! }]));
}

function fromPrecomputed(catalog: Catalog, precomputed: PrecomputedQuality): QualityTable {
  const byId = measuresById();
  const scores = new Map<string, Map<Task, TaskScore>>();
  for (const [id, tasks] of precomputed) scores.set(id, entryScores(tasks, byId));
  let full: QualityTable | undefined;
  // The hold-out estimate (the bench's) refits: only the bench asks for it.
  return withLookups(scores, (modelId, task) => (full ??= buildFor(catalog)).estimate(modelId, task));
}

/**
 * The built-in table packed for ranking (dist/quality-numbers.bin, written by scripts/build-catalog.mjs
 * with packQualityNumbers): ranking reads every model's numbers, and the words (results, bases) of
 * the few picks it shows, each model's entry cut out of dist/quality.json alone.
 *   bytes: little-endian float64s: a header [QUALITY_PACK_MAGIC, models, tasks, length of the
 *     names], then per catalog model, in catalog order, [offset, length] of its entry's text in
 *     dist/quality.json and, per task of TASKS, [value, uncertainty, estimated 1 or 0] (value NaN
 *     where the model has no score for the task); after them the names, ASCII (packNames): the
 *     catalog's model ids and the tasks the rows are for, checked against the catalog at run time.
 *   entry(offset, length): that text (ASCII), or null when it cannot be read.
 */
export interface PackedQuality {
  bytes: Uint8Array;
  entry(offset: number, length: number): string | null;
}

/** Marks the packed table's format (changed with it): a file of another format is not read. */
export const QUALITY_PACK_MAGIC = 0x51504b31;
const PACK_HEADER = 4;
const PACK_STRIDE = 2 + 3 * TASKS.length;
const TASK_SLOT = new Map<Task, number>(TASKS.map((t, i) => [t, 2 + 3 * i]));

/** What the packed rows are for: the model ids in order and the tasks (one line each, the tasks on the last). */
function packNames(catalog: Catalog): string {
  return `${catalog.models.map((m) => m.id).join('\n')}\n${TASKS.join(',')}`;
}

/** The packed table's bytes for a catalog and its JSON table, each model's entry at [offset, length] in the JSON file. */
export function packQualityNumbers(catalog: Catalog, precomputed: PrecomputedQuality, at: readonly (readonly [number, number])[]): Uint8Array {
  const row = new Map(precomputed.map(([id, tasks], i) => [id, { tasks, at: at[i]! }]));
  const names = packNames(catalog);
  if (/[^\x00-\x7f]/.test(names)) throw new Error('quality table: model ids must be ASCII to be packed');
  const f = new Float64Array(PACK_HEADER + catalog.models.length * PACK_STRIDE).fill(Number.NaN);
  f.set([QUALITY_PACK_MAGIC, catalog.models.length, TASKS.length, names.length]);
  catalog.models.forEach((m, i) => {
    const entry = row.get(m.id);
    if (!entry) throw new Error(`quality table: no entry for ${m.id}`);
    const base = PACK_HEADER + i * PACK_STRIDE;
    f.set(entry.at, base);
    for (const t of entry.tasks) f.set([t.value, t.uncertainty, t.estimated ? 1 : 0], base + TASK_SLOT.get(t.task)!);
  });
  const bytes = new Uint8Array(f.byteLength + names.length);
  bytes.set(new Uint8Array(f.buffer));
  // Written little-endian whatever the machine: the header's magic read on another order does not match.
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) for (let i = 0; i < f.byteLength; i += 8) bytes.subarray(i, i + 8).reverse();
  for (let i = 0; i < names.length; i += 1) bytes[f.byteLength + i] = names.charCodeAt(i);
  return bytes;
}

/** ASCII bytes as a string (apply, not a spread: a spread of the bytes costs five times as much). */
function asciiText(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return text;
}

/** The packed table's numbers as float64s, or null when its size, header or names do not match the catalog. */
function packedNumbers(catalog: Catalog, bytes: Uint8Array): Float64Array | null {
  const n = catalog.models.length;
  const size = (PACK_HEADER + n * PACK_STRIDE) * 8;
  if (!(bytes instanceof Uint8Array) || bytes.byteLength < size) return null;
  const numbers = bytes.subarray(0, size);
  const aligned = numbers.byteOffset % 8 === 0 ? numbers : numbers.slice();
  const f = new Float64Array(aligned.buffer, aligned.byteOffset, n * PACK_STRIDE + PACK_HEADER);
  if (f[0] !== QUALITY_PACK_MAGIC || f[1] !== n || f[2] !== TASKS.length || bytes.byteLength !== size + f[3]!) return null;
  return asciiText(bytes.subarray(size)) === packNames(catalog) ? f : null;
}

/**
 * The table from the packed numbers, or null when they do not match the catalog. A model's words
 * are its entry cut out of the JSON table; an entry that cannot be read or is not the model's turns
 * the whole table to whole() (the JSON table read at once, or computed): the same scores.
 */
function fromPacked(catalog: Catalog, packed: PackedQuality, whole: () => QualityTable): QualityTable | null {
  const f = packedNumbers(catalog, packed.bytes);
  if (!f) return null;
  const rows = new Map<string, number>(catalog.models.map((m, i) => [m.id, PACK_HEADER + i * PACK_STRIDE]));
  const numbers = new Map<string, TaskNumbersOf>();
  const words = new Map<string, Map<Task, TaskScore>>();
  let fallback: QualityTable | undefined;
  let byId: Map<string, Measure> | undefined;
  const entryOf = (id: string, base: number): Map<Task, TaskScore> | null => {
    try {
      const text = packed.entry(f[base]!, f[base + 1]!);
      const entry = text === null ? null : (JSON.parse(text) as unknown);
      if (!Array.isArray(entry) || entry[0] !== id || !Array.isArray(entry[1])) return null;
      return entryScores(entry[1] as PrecomputedQuality[number][1], (byId ??= measuresById()));
    } catch {
      return null;
    }
  };
  const table: QualityTable = {
    get scores() {
      return (fallback ??= whole()).scores;
    },
    scoresOf(id) {
      if (fallback) return fallback.scoresOf(id);
      const base = rows.get(id);
      if (base === undefined) return undefined;
      let scores = words.get(id);
      if (!scores) {
        const read = entryOf(id, base);
        if (!read) return (fallback = whole()).scoresOf(id);
        words.set(id, (scores = read));
      }
      return scores;
    },
    numbersOf(id) {
      const base = rows.get(id);
      if (base === undefined) return undefined;
      let lookup = numbers.get(id);
      if (!lookup) {
        lookup = {
          get(task) {
            const at = base + TASK_SLOT.get(task)!;
            const value = f[at]!;
            return Number.isNaN(value) ? undefined : { value, estimated: f[at + 2] === 1, uncertainty: f[at + 1]! };
          },
        };
        numbers.set(id, lookup);
      }
      return lookup;
    },
    estimate: (modelId, task) => (fallback ??= whole()).estimate(modelId, task),
  };
  return table;
}
