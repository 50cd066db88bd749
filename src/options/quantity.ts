// One number grammar for flags and the wizard: "32k", "128K", "5M", "1.5B",
// "24GB", "24GiB", "16G", "8B", "$20". What a suffix means depends on what the
// number counts (its unit), and a suffix that makes no sense for it is refused.
//
// - gib: GPU/system memory in GiB. "GB" is taken as cards are sold: a card sold
//   as "24 GB" has 24 GiB (24,576 MiB), so GB and GiB mean the same here; M/MB/MiB
//   are MiB (1/1024 GiB), T/TB/TiB are 1024 GiB.
// - context: tokens of context. K = 1024 (model windows are powers of two:
//   "128K" is 131,072), M = 1024².
// - volume: tokens per day. K = 1000, M = 10⁶, B = 10⁹ (volumes are counts).
// - billions: parameters in billions. B = 1, M = 1/1000, T = 1000 ("8B", "500M").
// - usd: dollars; a leading "$" is allowed.
// - plain: a bare number.

export type QuantityUnit = 'gib' | 'context' | 'volume' | 'billions' | 'usd' | 'plain';

const SUFFIXES: Record<QuantityUnit, Record<string, number>> = {
  gib: { '': 1, g: 1, gb: 1, gib: 1, m: 1 / 1024, mb: 1 / 1024, mib: 1 / 1024, t: 1024, tb: 1024, tib: 1024 },
  context: { '': 1, k: 1024, m: 1024 ** 2 },
  volume: { '': 1, k: 1e3, m: 1e6, b: 1e9, g: 1e9 },
  billions: { '': 1, b: 1, m: 1e-3, t: 1e3 },
  usd: { '': 1 },
  plain: { '': 1 },
};

/** What each unit's suffixes are, for error messages ("e.g. 32k"). */
export const UNIT_EXAMPLES: Record<QuantityUnit, string> = {
  gib: 'e.g. 24, 24GB or 24GiB',
  context: 'e.g. 32768, 32k or 128K',
  volume: 'e.g. 5000000, 500k or 5M',
  billions: 'e.g. 70, 8B or 1.5B',
  usd: 'e.g. 20 or $20',
  plain: 'e.g. 0.75',
};

const NUMBER = /^([+-]?(?:\d[\d_,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-z]*)$/i;

/** The number a text stands for in `unit`, or NaN when it is not one (or the suffix does not belong). */
export function parseQuantity(raw: string, unit: QuantityUnit): number {
  let text = raw.trim();
  if (unit === 'usd' && text.startsWith('$')) text = text.slice(1).trim();
  const m = NUMBER.exec(text);
  if (!m) return Number.NaN;
  const digits = m[1]!;
  // Thousands separators only between digit groups ("1,000,000", "1_000"), never as a decimal mark.
  if (/[,_]/.test(digits) && !/^[+-]?\d{1,3}([,_]\d{3})*(\.\d*)?$/.test(digits)) return Number.NaN;
  const scale = SUFFIXES[unit][m[2]!.toLowerCase()];
  if (scale === undefined) return Number.NaN;
  const n = Number(digits.replace(/[,_]/g, '')) * scale;
  return Number.isFinite(n) ? n : Number.NaN;
}
