// Models already on disk, as the decision engine sees them: catalog ids with where they are.
// The CLI scans (src/installed/) and passes this list in; ranking stays pure.

export interface InstalledRef {
  modelId: string;
  store: string;
  path: string;
  /** As the store names it (an Ollama tag, an HF repo id). */
  name: string;
  quant: string;
}

export interface InstalledInput {
  refs: readonly InstalledRef[];
  /** --installed-only: picks only among these. */
  only: boolean;
}

/**
 * Scores closer than this are equal merit, and an installed model goes first: half the smallest
 * quality step between quant levels (QUANT_PENALTY in quants.ts: lossless 0 → excellent 0.01),
 * so it never outranks a model one quant level better. A policy choice, not a measurement.
 */
export const INSTALLED_TIE = 0.005;

export function installedOf(modelId: string, installed: InstalledInput | undefined): InstalledRef | null {
  return installed?.refs.find((r) => r.modelId === modelId) ?? null;
}

/** Sort comparison: negative when a should go first because only a is installed and the scores tie. */
export function installedTieBreak(a: { id: string; score: number }, b: { id: string; score: number }, installed: InstalledInput | undefined): number {
  if (!installed || Math.abs(a.score - b.score) >= INSTALLED_TIE) return 0;
  const ia = installedOf(a.id, installed) ? 1 : 0;
  const ib = installedOf(b.id, installed) ? 1 : 0;
  return ib - ia;
}

/** The pick's `installed` mark: where it is, or null. */
export function installedMark(modelId: string, installed: InstalledInput | undefined): { store: string; path: string; name: string } | null {
  const r = installedOf(modelId, installed);
  return r ? { store: r.store, path: r.path, name: r.name } : null;
}
