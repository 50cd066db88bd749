// Resolving benchmark results (the catalog's `scores` section) to catalog models.
// A result is keyed by an HF repo id (local models) or a catalog / litellm id (API
// models), with aliases; a key matches a model's id, its hf.repo or its litellmId,
// case-insensitively. Keys that match no model are kept: their model may arrive
// later (another data file, a user catalog), and a test lists them.
// Legacy per-model `quality` signals (metric/value) are read too, as results of
// the benchmark their metric names.
import type { BenchmarkResult, Catalog, Model, ScoreEntry } from './schema.js';

export interface ResolvedScores {
  /** Results per catalog model id (duplicates across files removed). */
  byModel: Map<string, BenchmarkResult[]>;
  /** Entries whose key and aliases match no catalog model. */
  unmatched: ScoreEntry[];
}

const norm = (s: string): string => s.trim().toLowerCase();

/** Every name a model answers to in a score key. */
export function modelKeys(model: Model): string[] {
  const keys = [model.id];
  if (model.type === 'api') keys.push(model.litellmId);
  else keys.push(model.hf.repo);
  return keys.map(norm);
}

/** Legacy signal metrics (catalog `quality` field) as benchmark results. */
const LEGACY: Record<string, { benchmark: string; variant: (asOf: string) => string }> = {
  lmarena_text_score: { benchmark: 'LMArena text', variant: (asOf) => `text overall, style control (${asOf || 'undated'} snapshot)` },
  open_llm_leaderboard_v2_average: {
    benchmark: 'Open LLM Leaderboard v2',
    variant: () => 'average of IFEval/BBH/MATH Lvl5/GPQA/MUSR/MMLU-PRO (normalized)',
  },
};

function legacyResults(model: Model): BenchmarkResult[] {
  return model.quality.flatMap((q) => {
    const known = LEGACY[q.metric];
    if (!known) return [];
    const asOf = q.asOf ?? '';
    return [{ benchmark: known.benchmark, variant: known.variant(asOf), value: q.value, asOf: asOf || '2000-01', source: q.source, primary: true }];
  });
}

function sameResult(a: BenchmarkResult, b: BenchmarkResult): boolean {
  return a.benchmark === b.benchmark && a.value === b.value && (a.asOf === b.asOf || a.variant === b.variant);
}

const cache = new WeakMap<Catalog, ResolvedScores>();

export function resolveScores(catalog: Catalog): ResolvedScores {
  const hit = cache.get(catalog);
  if (hit) return hit;
  const owner = new Map<string, string>();
  for (const m of catalog.models) for (const k of modelKeys(m)) if (!owner.has(k)) owner.set(k, m.id);
  const byModel = new Map<string, BenchmarkResult[]>();
  const unmatched: ScoreEntry[] = [];
  const push = (id: string, r: BenchmarkResult): void => {
    const list = byModel.get(id) ?? [];
    if (!list.some((x) => sameResult(x, r))) list.push(r);
    byModel.set(id, list);
  };
  for (const entry of catalog.scores ?? []) {
    const id = [entry.id, ...entry.aliases].map((k) => owner.get(norm(k))).find((x) => x !== undefined);
    if (!id) {
      unmatched.push(entry);
      continue;
    }
    for (const r of entry.results) push(id, r);
  }
  for (const m of catalog.models) for (const r of legacyResults(m)) push(m.id, r);
  const out = { byModel, unmatched };
  cache.set(catalog, out);
  return out;
}
