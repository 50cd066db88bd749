// Which quantizations a model can actually be run in (only what the catalog
// lists for it), and the order in which the engine tries them per priority.
import type { Quant } from '../catalog/schema.js';
import type { RunnableModel } from './port.js';
import type { Priority } from './types.js';
import { compareIds } from '../util/compare-ids.js';

export type QuantQuality = Quant['quality'];

/**
 * Score points taken off a model's quality for its quantization, from the
 * catalog's quality class of each quant (itself sourced from llama.cpp's
 * perplexity tables). The sizes are a policy: small next to the gap between
 * model sizes, so a larger model at Q4_K_M still beats a smaller one at Q8_0,
 * as the perplexity tables show.
 */
export const QUANT_PENALTY: Record<QuantQuality, number> = {
  lossless: 0,
  excellent: 0.01,
  good: 0.03,
  fair: 0.08,
  poor: 0.2,
  'very-poor': 0.35,
};

/** Quants below this quality class are never proposed (they degrade output visibly). */
const ACCEPTABLE: ReadonlySet<QuantQuality> = new Set(['lossless', 'excellent', 'good', 'fair']);

/**
 * The highest GGUF quant tried per priority: quality goes up to Q8_0 (near-lossless;
 * F16 GGUF doubles memory for no measurable gain), balanced up to Q6_K, speed up to
 * Q4_K_M (fewer bytes read per token is faster decode). Bits per weight come from
 * the catalog; these are the quant ids whose bpw is the ceiling.
 */
export const GGUF_CEILING: Record<Priority, string> = {
  quality: 'Q8_0',
  balanced: 'Q6_K',
  speed: 'Q4_K_M',
};

export function normalizeQuantName(name: string): string {
  return name.trim().toUpperCase().replace(/-/g, '_');
}

export interface QuantTable {
  byId: Map<string, Quant>;
  /** Canonical quant for a spelling (id or alias), or null. */
  resolve(name: string): Quant | null;
}

export function quantTable(quants: readonly Quant[]): QuantTable {
  const byId = new Map<string, Quant>();
  const byName = new Map<string, Quant>();
  for (const q of quants) {
    byId.set(q.id, q);
    byName.set(normalizeQuantName(q.id), q);
  }
  for (const q of quants) {
    for (const a of q.aliases) {
      const key = normalizeQuantName(a);
      if (!byName.has(key)) byName.set(key, q);
    }
  }
  // Ranking resolves the same few spellings thousands of times (every Ollama tag and GGUF file of
  // every model, for every quant tried): each spelling is normalized once.
  const seen = new Map<string, Quant | null>();
  const resolve = (name: string): Quant | null => {
    let q = seen.get(name);
    if (q === undefined) {
      q = byName.get(normalizeQuantName(name)) ?? null;
      seen.set(name, q);
    }
    return q;
  };
  return { byId, resolve };
}

/** GGUF quants the catalog knows for this model: Ollama tags, the GGUF repo's list, known files. */
export function ggufQuantsOf(model: RunnableModel, table: QuantTable): Quant[] {
  return distinctGguf([...fetchableNames(model), ...model.ggufFiles.map((f) => f.quant)], table);
}

/**
 * GGUF quants an engine can fetch by name: an Ollama tag's or one the GGUF repo lists (llama-server
 * -hf repo:quant). A known file alone is not enough. The ladder's quants: ggufQuantsOf less the
 * quants for which ollamaTagFor and ggufRepoQuant (setup.ts) both find nothing.
 */
export function fetchableGgufQuants(model: RunnableModel, table: QuantTable): Quant[] {
  return distinctGguf(fetchableNames(model), table);
}

function fetchableNames(model: RunnableModel): string[] {
  return [...model.ollama.map((t) => t.quant), ...(model.hf.ggufRepo ? model.hf.ggufQuants : [])];
}

/** The GGUF quants these names resolve to, each once, in the order first named. */
function distinctGguf(names: readonly string[], table: QuantTable): Quant[] {
  const seen = new Map<string, Quant>();
  for (const n of names) {
    const q = table.resolve(n);
    if (q && q.format === 'gguf' && !seen.has(q.id)) seen.set(q.id, q);
  }
  return [...seen.values()];
}

/**
 * GGUF quants to try, best first: at or below the priority's ceiling (by bits per
 * weight), acceptable quality only, highest bits first. Embedding models have no
 * ceiling: they are small, usually published in F16, and read once per input.
 */
export function ggufLadder(available: readonly Quant[], priority: Priority | 'none', table: QuantTable): Quant[] {
  const ceiling = priority === 'none' ? null : (table.byId.get(GGUF_CEILING[priority]) ?? table.resolve(GGUF_CEILING[priority]));
  const maxBpw = ceiling ? ceiling.bitsPerWeight : Number.POSITIVE_INFINITY;
  return available
    .filter((q) => ACCEPTABLE.has(q.quality) && q.bitsPerWeight <= maxBpw + 1e-9)
    .sort((a, b) => b.bitsPerWeight - a.bitsPerWeight || compareIds(a.id, b.id));
}

/** Names, compared loosely, that a model's Ollama tag or GGUF list uses for a canonical quant. */
export function sameQuant(a: string, b: string, table: QuantTable): boolean {
  const qa = table.resolve(a);
  const qb = table.resolve(b);
  if (qa && qb) return qa.id === qb.id;
  return normalizeQuantName(a) === normalizeQuantName(b);
}
