// Shared formatting for human output: memory in GiB (as cards are sold), and a memory bar.
import { groupDigits, NOT_FINITE } from '../util/numbers.js';

const GIB = 2 ** 30;

/** "21.4 GiB" (one decimal; two below 1 GiB, so small numbers do not read as 0.0). */
export function formatGiB(bytes: number, withUnit = true): string {
  if (!Number.isFinite(bytes)) return NOT_FINITE;
  const g = bytes / GIB;
  const text = Math.abs(g) < 1 && g !== 0 ? g.toFixed(2) : g.toFixed(1);
  return withUnit ? `${text} GiB` : text;
}

/** "1.5 MiB" / "340 MiB" / "2.3 GiB": the natural unit for a byte count. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return NOT_FINITE;
  const abs = Math.abs(bytes);
  if (abs >= GIB) return formatGiB(bytes);
  if (abs >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(abs >= 100 * 2 ** 20 ? 0 : 1)} MiB`;
  if (abs >= 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${bytes} B`;
}

/**
 * `█████████░░ 21.4 / 24.0 GiB`: filled cells for `used`, empty for what is left of `budget`.
 * When used exceeds the budget the bar is full and ends with `▶` (it overflows).
 */
export function memoryBar(used: number, budget: number, width = 20): string {
  const cells = Math.max(1, Math.round(width));
  const ratio = budget > 0 ? used / budget : used > 0 ? Infinity : 0;
  const label = `${formatGiB(used, false)} / ${formatGiB(budget)}`;
  if (ratio > 1) return `${'█'.repeat(cells - 1)}▶ ${label}`;
  const filled = Math.min(cells, Math.max(used > 0 ? 1 : 0, Math.round(ratio * cells)));
  return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)} ${label}`;
}

/** 8192 → "8,192". */
export function formatCount(n: number): string {
  return groupDigits(n);
}

/** 70.55e9 → "70.6 B"; 1.24e9 → "1.24 B"; 350e6 → "350 M". */
export function formatParams(count: number): string {
  if (!Number.isFinite(count)) return NOT_FINITE;
  if (count >= 1e9) return `${(count / 1e9).toFixed(count >= 1e10 ? 1 : 2)} B`;
  return `${Math.round(count / 1e6)} M`;
}
