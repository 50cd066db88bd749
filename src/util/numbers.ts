// Digit grouping without Intl: toLocaleString() loads ICU data on first use
// (about 17 ms at start-up), too much for one-shot commands.

/** 1234567 → "1,234,567" (rounded to a whole number). */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return NOT_FINITE;
  // Past 1e15 whole numbers lose digits and String() switches to exponents: say so plainly.
  if (Math.abs(n) >= 1e15) return n.toExponential(2);
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 && grouped !== '0' ? `-${grouped}` : grouped;
}

const GIB = 2 ** 30;

/** What a formatter prints for NaN or Infinity (hostile input, issue #22): never "Infinity GiB". */
export const NOT_FINITE = 'n/a (not a finite number)';

/** 23.5 GiB: bytes in GiB with one decimal, for sentences. */
export function gib(bytes: number): string {
  if (!Number.isFinite(bytes)) return NOT_FINITE;
  return `${(bytes / GIB).toFixed(1)} GiB`;
}

/** Parameter counts: 7.6e9 → "7.6B", 33e9 → "33B". */
export function billions(n: number): string {
  if (!Number.isFinite(n)) return NOT_FINITE;
  return `${(n / 1e9).toFixed(n < 1e10 ? 1 : 0)}B`;
}
