// Loose GPU name matching: `3090`, `RTX 3090`, `NVIDIA GeForce RTX 3090` and
// `rtx-3090` are one card. Case, spaces, dashes and vendor words are ignored.
import { editDistance } from '../util/suggest.js';
import type { Gpu } from './schema.js';

const VENDOR_WORDS = /\b(nvidia|geforce|amd|radeon|apple|intel|corporation|graphics)\b/g;

export function normalizeGpuName(name: string): string {
  return name.toLowerCase().replace(VENDOR_WORDS, ' ').replace(/[^a-z0-9]+/g, '');
}

function namesOf(gpu: Gpu): string[] {
  return [gpu.id, gpu.name, ...gpu.aliases].map(normalizeGpuName).filter((n) => n !== '');
}

export type GpuMatch = { gpu: Gpu } | { ambiguous: Gpu[] } | null;

/**
 * Exact (normalized) id, name or alias first; else a unique catalog name that
 * ends or starts with the query (`4090` → RTX 4090); several → ambiguous.
 */
export function findGpu(gpus: readonly Gpu[], query: string): GpuMatch {
  const q = normalizeGpuName(query);
  if (q === '') return null;
  const exact = gpus.filter((g) => namesOf(g).includes(q));
  if (exact.length === 1) return { gpu: exact[0]! };
  if (exact.length > 1) return { ambiguous: exact };
  const partial = gpus.filter((g) => namesOf(g).some((n) => n.endsWith(q) || n.startsWith(q)));
  if (partial.length === 1) return { gpu: partial[0]! };
  if (partial.length > 1) return { ambiguous: partial };
  return null;
}

/** Up to `count` catalog GPUs whose names are closest to the query (whole name or its end: `4080` ~ `rtx4090`), for "did you mean". */
export function closestGpus(gpus: readonly Gpu[], query: string, count = 3): Gpu[] {
  const q = normalizeGpuName(query);
  return [...gpus]
    .map((g) => ({ g, d: Math.min(...namesOf(g).map((n) => Math.min(editDistance(q, n), editDistance(q, n.slice(-q.length))))) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, count)
    .map((x) => x.g);
}
