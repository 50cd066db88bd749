// llama.cpp's --tensor-split for unequal cards (src/hardware/detected.ts budgets them).
import { GIB } from './constants.js';

/** --tensor-split for cards of these usable sizes: whole GiB, in proportion (32,16 for a 5090 + 5080). */
export function tensorSplitOf(bytes: readonly number[]): string {
  return bytes.map((b) => Math.max(1, Math.round(b / GIB))).join(',');
}
