// Digit grouping without Intl: toLocaleString() loads ICU data on first use
// (about 17 ms at start-up), too much for one-shot commands.

/** 1234567 → "1,234,567" (rounded to a whole number). */
export function groupDigits(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 && grouped !== '0' ? `-${grouped}` : grouped;
}
