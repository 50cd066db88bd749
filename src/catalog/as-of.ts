// The date the built-in catalog's facts were last checked (data/catalog-meta.json,
// copied to dist/catalog-meta.json at build time): a few bytes, read once, so
// commands that never load the catalog can still say how old its facts are.
import { readFileSync } from 'node:fs';

const META_URL = new URL('../../dist/catalog-meta.json', import.meta.url);
/** Human output notes the catalog's age past this many days. */
export const STALE_AFTER_DAYS = 183;

let cached: string | null | undefined;

export function catalogAsOf(): string | null {
  if (cached === undefined) {
    try {
      cached = (JSON.parse(readFileSync(META_URL, 'utf8')) as { asOf?: string }).asOf ?? null;
    } catch {
      cached = null;
    }
  }
  return cached;
}

/** A note when the catalog is more than six months old on `today`; null otherwise. */
export function staleNote(asOf: string | null, today: Date): string | null {
  if (!asOf) return null;
  const days = Math.floor((today.getTime() - Date.parse(asOf)) / 86_400_000);
  if (days <= STALE_AFTER_DAYS) return null;
  return `note: the catalog's facts were last checked on ${asOf} (${Math.floor(days / 30)} months ago); newer models and prices may be missing (update llm-pick)`;
}

/** A --json document with the catalog's date after its kind. */
export function stamped<D extends { schemaVersion: number; kind: string }>(doc: D): D & { catalogAsOf: string | null } {
  const { schemaVersion, kind, ...rest } = doc;
  return { schemaVersion, kind, catalogAsOf: catalogAsOf(), ...rest } as D & { catalogAsOf: string | null };
}
