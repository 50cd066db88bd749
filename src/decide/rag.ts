// RAG as a pipeline: an embedding model chosen first (best retrieval score among
// those that fit a slice of the budget), a reranker where it pays, then generators
// ranked in what is left, so that all run at once. Rerankers are embedding-type
// rows named as rerankers (Qwen3-Reranker, bge-reranker): never chosen as the
// embedding model, and not ranked for `embedding`.
import type { Catalog, EmbeddingModel } from '../catalog/schema.js';
import type { MemoryBudget } from '../estimate/types.js';
import { ggufCandidate, type Candidate, type CandidateEnv } from './candidates.js';
import { budgetBytes, isCpuOnly } from './hardware-view.js';
import type { PipelineJson } from './output-schema.js';
import { setupFor } from './pick-setup.js';
import { useCaseNumbers, useCaseQuality, type UseCaseNumbers } from './quality.js';
import { qualityTable } from './task-fit.js';
import type { KvCacheType } from '../estimate/types.js';
import { gib } from './words.js';

/** Policy: the embedding model may take at most this share of the memory budget (the generator gets the rest). */
export const EMBEDDER_BUDGET_SHARE = 0.15;
/** Policy: with no budget known, an embedding model of at most this many bytes. */
export const EMBEDDER_DEFAULT_BYTES = 2 * 1024 ** 3;
/** Chunks of a few hundred tokens are embedded; this context is planned for the embedding model. */
export const EMBEDDER_CONTEXT = 8192;
/** A second llama-server beside the generator's needs its own port (and a third for the reranker). */
export const EMBEDDER_PORT = 8081;
export const RERANKER_PORT = 8082;
/**
 * Policy: a reranker pays when the budget leaves room for it without shrinking the
 * generator much: from this budget up, in at most RERANKER_BUDGET_SHARE of it.
 * Reranking the retrieved chunks with a cross-encoder raises precision at the cost
 * of one more model and a little latency.
 */
export const RERANKER_MIN_BUDGET_BYTES = 12 * 1024 ** 3;
export const RERANKER_BUDGET_SHARE = 0.05;

export function isReranker(model: { id: string; name: string }): boolean {
  return /rerank/i.test(`${model.id} ${model.name}`);
}

export interface EmbedderChoice {
  candidate: Candidate;
  pipeline: PipelineJson['embedding'];
  reranker: PipelineJson['reranker'];
  /** Budget left for the generator. */
  rest: MemoryBudget | null;
}

function shrink(budget: MemoryBudget | null, bytes: number, cpuOnly: boolean): MemoryBudget | null {
  if (!budget) return null;
  if (cpuOnly || budget.unifiedMemory) {
    const ram = budget.ramBytes === null ? null : Math.max(0, budget.ramBytes - bytes);
    return cpuOnly ? { ...budget, ramBytes: ram } : { ...budget, vramBytesPerGpu: Math.max(0, budget.vramBytesPerGpu - bytes), ramBytes: ram };
  }
  return { ...budget, vramBytesPerGpu: Math.max(0, budget.vramBytesPerGpu - bytes / Math.max(1, budget.gpus)) };
}

export function chooseEmbedder(catalog: Catalog, env: CandidateEnv, kvCacheType: KvCacheType): EmbedderChoice | null {
  const total = budgetBytes(env.hardware);
  const limit = total === null ? EMBEDDER_DEFAULT_BYTES : total * EMBEDDER_BUDGET_SHARE;
  const table = qualityTable(catalog);
  const embedders = catalog.models.filter((m): m is EmbeddingModel => m.type === 'embedding' && !isReranker(m));
  let best: { c: Candidate; q: UseCaseNumbers } | null = null;
  const slice: MemoryBudget | null = env.budget ? shrink(env.budget, Math.max(0, (total ?? 0) - limit), isCpuOnly(env.hardware)) : null;
  for (const m of embedders) {
    const ctx = Math.min(EMBEDDER_CONTEXT, m.architecture.maxContext);
    const c = ggufCandidate(m, ctx, { ...env, budget: slice, priority: 'quality' });
    if (!c || c.fits === false || c.plan.memory.totalBytes > limit) continue;
    const q = useCaseNumbers(table.numbersOf(m.id) ?? new Map(), 'embedding');
    if (!best || q.score > best.q.score || (q.score === best.q.score && c.plan.memory.totalBytes < best.c.plan.memory.totalBytes)) best = { c, q };
  }
  if (!best) return null;
  // The words of the one chosen (ranking compared the numbers alone).
  const { c } = best;
  const q = useCaseQuality(table.scoresOf(c.model.id) ?? new Map(), 'embedding');
  const setup = setupFor(c, 'f16', env);
  const commands = (setup?.commands ?? []).map((cmd) => (cmd.startsWith('llama-server') ? `${cmd} --port ${EMBEDDER_PORT}` : cmd));
  const bytes = Math.round(c.plan.memory.totalBytes);
  const model = c.model as EmbeddingModel;
  const reranker = chooseReranker(catalog, env, total);
  return {
    candidate: c,
    reranker,
    rest: shrink(env.budget, bytes + (reranker?.totalBytes ?? 0), isCpuOnly(env.hardware)),
    pipeline: {
      modelId: model.id,
      quant: c.quant.id,
      engine: c.engine,
      dimensions: model.dimensions,
      totalBytes: bytes,
      quality: { score: round(q.score), estimated: q.estimated, basis: q.basis },
      setup: commands,
      reason: `embedding model ${model.id}: the best retrieval score (${q.score.toFixed(2)}${q.estimated ? ', estimated' : ''}) among those within ${gib(limit)} (${EMBEDDER_BUDGET_SHARE * 100} % of the memory available); ${c.quant.id}, ${gib(bytes)}, ${model.dimensions} dimensions`,
    },
  };
}

/** The smallest reranker that fits its share of the budget, when the budget is large enough for one to pay. */
function chooseReranker(catalog: Catalog, env: CandidateEnv, total: number | null): PipelineJson['reranker'] {
  if (total === null || total < RERANKER_MIN_BUDGET_BYTES) return null;
  const limit = total * RERANKER_BUDGET_SHARE;
  const slice: MemoryBudget | null = env.budget ? shrink(env.budget, Math.max(0, total - limit), isCpuOnly(env.hardware)) : null;
  let best: Candidate | null = null;
  for (const m of catalog.models) {
    if (m.type !== 'embedding' || !isReranker(m)) continue;
    const c = ggufCandidate(m, Math.min(EMBEDDER_CONTEXT, m.architecture.maxContext), { ...env, budget: slice, priority: 'quality' });
    if (!c || c.fits === false || c.plan.memory.totalBytes > limit) continue;
    if (!best || c.plan.memory.totalBytes < best.plan.memory.totalBytes) best = c;
  }
  if (!best) return null;
  const setup = setupFor(best, 'f16', env);
  const bytes = Math.round(best.plan.memory.totalBytes);
  const commands = (setup?.commands ?? []).map((cmd) => (cmd.startsWith('llama-server') ? `${cmd.replace(' --embedding', '')} --reranking --port ${RERANKER_PORT}` : cmd));
  return {
    modelId: best.model.id,
    quant: best.quant.id,
    engine: best.engine,
    totalBytes: bytes,
    setup: commands,
    reason: `reranker ${best.model.id} (${best.quant.id}, ${gib(bytes)}): reorders the retrieved chunks by relevance; it pays from ${gib(RERANKER_MIN_BUDGET_BYTES)} of memory available, in at most ${RERANKER_BUDGET_SHARE * 100} % of it`,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
