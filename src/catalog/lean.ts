// The models as ranking reads them: every field but the text that says where a figure came from
// and what the model is (sources, notes, descriptions, raw benchmark signals, the vision projector's
// sizes). `npm run build` writes them to dist/catalog-models-lean.json (scripts/build-catalog.mjs);
// `recommend` with the built-in catalog ranks on them (src/catalog/load.ts loadRankingCatalog) and
// parses ~170 KB instead of ~600 KB. Pure: no fs.
import type { Model } from './schema.js';

/** A model's own fields that ranking never reads (their text is most of the models file). */
export const LEAN_DROPPED = ['description', 'strengths', 'sources', 'quality', 'vision', 'released', 'tierSource', 'priceSource', 'statusSource', 'lineupSource'] as const;
/** The fields dropped from every object inside a model (params, architecture, license, hf, each Ollama tag and GGUF file). */
export const LEAN_DROPPED_INSIDE = ['source', 'notes'] as const;

/** A lean model: what ranking reads. Typed as a Model: the dropped fields are absent, and nothing on recommend's path reads them (test/catalog/lean-models.test.ts). */
export type LeanModel = Model;

const top = new Set<string>(LEAN_DROPPED);
const inside = new Set<string>(LEAN_DROPPED_INSIDE);

function leanValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(leanValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!inside.has(k)) out[k] = leanValue(v);
  return out;
}

/** The model less the dropped fields, its other keys in the same order. */
export function leanModel(model: Model): LeanModel {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(model)) if (!top.has(k)) out[k] = leanValue(v);
  return out as LeanModel;
}

/** What dist/catalog-models-lean.json holds: a header tying it to the models file, then the lean models. */
export interface LeanModelsFile {
  format: typeof LEAN_FORMAT;
  /** The byte length of dist/catalog-models.json it was made from. */
  modelsBytes: number;
  count: number;
  models: LeanModel[];
}

export const LEAN_FORMAT = 'llm-pick lean models 1';

/** The lean file's models, or null when it is not one (another format, a count that is not its list's, an entry without id and type) or was made from another models file (its byte length differs). */
export function checkedLeanModels(parsed: unknown, modelsBytes: number): LeanModel[] | null {
  if (parsed === null || typeof parsed !== 'object') return null;
  const file = parsed as Partial<LeanModelsFile>;
  if (file.format !== LEAN_FORMAT || file.modelsBytes !== modelsBytes || !Array.isArray(file.models) || file.models.length !== file.count) return null;
  for (const m of file.models as unknown[]) {
    if (m === null || typeof m !== 'object' || typeof (m as Model).id !== 'string' || typeof (m as Model).type !== 'string') return null;
  }
  return file.models;
}
