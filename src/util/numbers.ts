// Digit grouping without Intl: toLocaleString() loads ICU data on first use
// (about 17 ms at start-up), too much for one-shot commands.

/** 1234567 → "1,234,567" (rounded to a whole number). */
export function groupDigits(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 && grouped !== '0' ? `-${grouped}` : grouped;
}

const GIB = 2 ** 30;

/** 23.5 GiB: bytes in GiB with one decimal, for sentences. */
export function gib(bytes: number): string {
  return `${(bytes / GIB).toFixed(1)} GiB`;
}

/** Parameter counts: 7.6e9 → "7.6B", 33e9 → "33B". */
export function billions(n: number): string {
  return `${(n / 1e9).toFixed(n < 1e10 ? 1 : 0)}B`;
}
