// Which catalog model a file on disk is: by Ollama tag, HF repo id (official or GGUF repo),
// or the GGUF's general.name. Pure.
import type { EmbeddingModel, LocalModel } from '../catalog/schema.js';

export interface MatchQuery {
  store: string;
  /** Ollama tag for Ollama models. */
  name: string;
  repo: string | null;
  ggufName: string | null;
  /** Parameters counted from the file, to break ties between name matches. */
  params: number;
}

export interface CatalogMatch {
  modelId: string;
  by: 'ollama-tag' | 'hf-repo' | 'gguf-name';
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]+/g, '');

/** Ollama's implicit tag: `qwen3` is `qwen3:latest`. */
function tagForms(tag: string): string[] {
  const t = tag.toLowerCase();
  return t.endsWith(':latest') ? [t, t.slice(0, -':latest'.length)] : [t];
}

export function matchCatalog(q: MatchQuery, models: readonly (LocalModel | EmbeddingModel)[]): CatalogMatch | null {
  if (q.store === 'ollama') {
    const forms = tagForms(q.name);
    const hit = models.find((m) => m.ollama.some((o) => forms.includes(o.tag.toLowerCase())));
    if (hit) return { modelId: hit.id, by: 'ollama-tag' };
  }
  if (q.repo) {
    const r = q.repo.toLowerCase();
    const hit = models.find((m) => m.hf.repo.toLowerCase() === r || m.hf.ggufRepo?.toLowerCase() === r);
    if (hit) return { modelId: hit.id, by: 'hf-repo' };
    // GGUF re-packers (bartowski/Qwen_Qwen3-8B-GGUF, unsloth/Qwen3-8B-GGUF) name the official repo in theirs.
    const base = norm(r.split('/')[1]!.replace(/-gguf$/i, ''));
    const byName = models.filter((m) => {
      const official = m.hf.repo.toLowerCase();
      const n = norm(official.split('/')[1]!);
      return base === n || base === norm(official.replace('/', '_'));
    });
    const best = closest(byName, q.params);
    if (best) return { modelId: best.id, by: 'hf-repo' };
  }
  if (q.ggufName) {
    const n = norm(q.ggufName);
    const hits = models.filter((m) => norm(m.name) === n || norm(m.id) === n || norm(m.hf.repo.split('/')[1]!) === n);
    const best = closest(hits, q.params);
    if (best) return { modelId: best.id, by: 'gguf-name' };
  }
  return null;
}

/** Among name matches, the one whose parameter count is nearest the file's (within 15%). */
function closest<T extends LocalModel | EmbeddingModel>(list: T[], params: number): T | null {
  if (list.length === 0) return null;
  if (params <= 0) return list[0]!;
  const scored = list
    .map((m) => ({ m, d: Math.abs(Math.log(m.params.total / params)) }))
    .sort((a, b) => a.d - b.d);
  return scored[0]!.d < Math.log(1.15) ? scored[0]!.m : null;
}
