// Typed numbers in the wizard: "24", "1.5M", "32k". Checked against the same
// limits as recommend's flags (src/cli/limits.ts), so the command line the wizard
// prints always parses.

import { MAX_CTX, MAX_GIB, MAX_GPUS, MAX_TOKENS_PER_DAY } from '../core/limits.js';

const NUMBER = /^(\d+(?:\.\d*)?|\.\d+)\s*([kmb])?$/i;

/**
 * "1.5M" → 1500000. `unit` is what K stands for: 1000 for volumes, 1024 for
 * context lengths (model windows are powers of two: "128K" is 131072).
 * null when the text is not a number.
 */
export function parseAmount(text: string, unit: 1000 | 1024): number | null {
  const m = NUMBER.exec(text.trim().replace(/[,_]/g, ''));
  if (!m) return null;
  const scale = { k: unit, m: unit ** 2, b: unit ** 3 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 1;
  const n = Number(m[1]) * scale;
  return Number.isFinite(n) ? n : null;
}

export type Check = (text: string) => true | string;

export function checkGiB(what: string): Check {
  return (text) => {
    const n = parseAmount(text, 1000);
    if (n === null || /[kmb]/i.test(text)) return `type ${what} in GiB, e.g. 24`;
    if (n <= 0 || n > MAX_GIB) return `${what} must be more than 0 and at most ${MAX_GIB} GiB`;
    return true;
  };
}

export const checkGpuCount: Check = (text) => {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_GPUS) return `type a whole number from 1 to ${MAX_GPUS}`;
  return true;
};

export const checkTokensPerDay: Check = (text) => {
  const n = parseAmount(text, 1000);
  if (n === null) return 'type tokens per day, e.g. 2000000 or 2M';
  if (!Number.isInteger(n) || n > MAX_TOKENS_PER_DAY) return `a whole number of tokens from 0 to ${MAX_TOKENS_PER_DAY.toExponential()}`;
  return true;
};

export const checkContext: Check = (text) => {
  const n = parseAmount(text, 1024);
  if (n === null) return 'type a context length in tokens, e.g. 65536 or 64K';
  if (!Number.isInteger(n) || n < 1 || n > MAX_CTX) return `a whole number of tokens from 1 to ${MAX_CTX}`;
  return true;
};
