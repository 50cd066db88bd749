// Loose GPU name matching: `3090`, `RTX 3090`, `NVIDIA GeForce RTX 3090` and
// `rtx-3090` are one card. Case, spaces, dashes and vendor words are ignored.
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

/** Edit distance where swapping two adjacent characters is one edit (`4900` ~ `4090`): optimal string alignment. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
