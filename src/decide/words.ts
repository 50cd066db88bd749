// Numbers as they appear inside reasons ("50M tokens/day", "21.4 GiB", "$1,234/month").
// Pure string formatting, shared by the reasons and the renderers.
import { groupDigits } from '../util/numbers.js';

function trim(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
}

/** 50000000 → "50M", 1500 → "1.5K", 2.5e9 → "2.5B". */
export function tokens(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${trim(n / 1e9, 1)}B`;
  if (abs >= 1e6) return `${trim(n / 1e6, 1)}M`;
  if (abs >= 1e3) return `${trim(n / 1e3, 1)}K`;
  return trim(n, 0);
}

export { gib } from '../util/numbers.js';

/** $0.42, $12.34, $1,234. */
export function usd(n: number): string {
  if (n >= 1000) return `$${groupDigits(n)}`;
  if (n >= 100) return `$${n.toFixed(0)}`;
  return `$${n.toFixed(2)}`;
}

/** Per-million prices: $0.075, $0.15, $2.50. */
export function price(n: number): string {
  return `$${n < 1 ? n.toFixed(3).replace(/0$/, '') : n.toFixed(2)}`;
}

export function tps(n: number): string {
  return n >= 100 ? `${groupDigits(n)} tok/s` : `${n.toFixed(1)} tok/s`;
}

export function percent(f: number): string {
  return `${Math.round(f * 100)}%`;
}

/** 8192 → "8K", 131072 → "128K", 1000 → "1000". */
export function contextWords(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024}K` : groupDigits(n);
}
