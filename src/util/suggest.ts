// "Did you mean": the closest names to what was typed. Bounded work for any
// input: both sides are cut to MAX_COMPARED characters before comparing, so a
// 100 KB value costs the same as a short one.

/** Longest prefix of a name that is compared; real names are far shorter. */
export const MAX_COMPARED = 64;

/** Edit distance where swapping two adjacent characters is one edit (`4900` ~ `4090`): optimal string alignment. */
export function editDistance(x: string, y: string): number {
  const a = x.slice(0, MAX_COMPARED);
  const b = y.slice(0, MAX_COMPARED);
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

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The candidates within a third of the typed length (at least 2 edits) of what was
 * typed, closest first, compared without case and punctuation ("Q4KM" ~ "Q4_K_M").
 */
export function closest(typed: string, candidates: readonly string[], count = 3): string[] {
  const t = squash(typed.slice(0, MAX_COMPARED * 2));
  if (t === '') return [];
  const limit = Math.max(2, Math.floor(t.length / 3));
  return candidates
    .map((c) => ({ c, d: editDistance(t, squash(c)) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d)
    .slice(0, count)
    .map((x) => x.c);
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** " (did you mean a or b?)" for the closest candidates to what was typed; "" when none is close. */
export function didYouMean(typed: string, candidates: readonly string[]): string {
  const near = closest(typed, candidates);
  return near.length > 0 ? ` (did you mean ${orList(near)}?)` : '';
}
