// RAG as a pipeline: an embedding model chosen first (best retrieval score among
// those that fit a slice of the budget), then generators ranked in what is left,
// so that both run at once. No reranker: the catalog has no reranker models yet
// (a note says so).
import type { Catalog, EmbeddingModel } from '../catalog/schema.js';
import type { MemoryBudget } from '../estimate/types.js';
import { ggufCandidate, type Candidate, type CandidateEnv } from './candidates.js';
import { budgetBytes, isCpuOnly } from './hardware-view.js';
import type { PipelineJson } from './output-schema.js';
import { setupFor } from './pick-setup.js';
import { useCaseQuality } from './quality.js';
import { qualityTable } from './task-fit.js';
import type { KvCacheType } from '../estimate/types.js';
import { gib } from './words.js';

/** Policy: the embedding model may take at most this share of the memory budget (the generator gets the rest). */
export const EMBEDDER_BUDGET_SHARE = 0.15;
/** Policy: with no budget known, an embedding model of at most this many bytes. */
export const EMBEDDER_DEFAULT_BYTES = 2 * 1024 ** 3;
/** Chunks of a few hundred tokens are embedded; this context is planned for the embedding model. */
export const EMBEDDER_CONTEXT = 8192;
/** A second llama-server beside the generator's needs its own port. */
export const EMBEDDER_PORT = 8081;

export interface EmbedderChoice {
  candidate: Candidate;
  pipeline: PipelineJson['embedding'];
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
  const embedders = catalog.models.filter((m): m is EmbeddingModel => m.type === 'embedding');
  let best: { c: Candidate; q: ReturnType<typeof useCaseQuality> } | null = null;
  const slice: MemoryBudget | null = env.budget ? shrink(env.budget, Math.max(0, (total ?? 0) - limit), isCpuOnly(env.hardware)) : null;
  for (const m of embedders) {
    const ctx = Math.min(EMBEDDER_CONTEXT, m.architecture.maxContext);
    const c = ggufCandidate(m, ctx, { ...env, budget: slice, priority: 'quality' });
    if (!c || c.fits === false || c.plan.memory.totalBytes > limit) continue;
    const q = useCaseQuality(table.scores.get(m.id) ?? new Map(), 'embedding');
    if (!best || q.score > best.q.score || (q.score === best.q.score && c.plan.memory.totalBytes < best.c.plan.memory.totalBytes)) best = { c, q };
  }
  if (!best) return null;
  const { c, q } = best;
  const setup = setupFor(c, 'f16', env);
  const commands = (setup?.commands ?? []).map((cmd) => (cmd.startsWith('llama-server') ? `${cmd} --port ${EMBEDDER_PORT}` : cmd));
  const bytes = Math.round(c.plan.memory.totalBytes);
  const model = c.model as EmbeddingModel;
  return {
    candidate: c,
    rest: shrink(env.budget, bytes, isCpuOnly(env.hardware)),
    pipeline: {
      modelId: model.id,
      quant: c.quant.id,
      engine: c.engine,
      dimensions: model.dimensions,
      totalBytes: bytes,
      quality: { score: round(q.score), estimated: q.estimated, basis: q.basis },
      setup: commands,
      reason: `embedding model ${model.id}: the best retrieval score (${q.score.toFixed(2)}${q.estimated ? ', estimated' : ''}) among those within ${gib(limit)} (${EMBEDDER_BUDGET_SHARE * 100} % of the budget); ${c.quant.id}, ${gib(bytes)}, ${model.dimensions} dimensions`,
    },
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
