// One way to draw tables: cli-table3, plain borders, colour only through ui.c,
// columns shrunk (and wrapped) to fit the terminal width.
import Table from 'cli-table3';
import type { Ui } from '../core/ui.js';

export type Align = 'left' | 'right' | 'center';

const ANSI = /\u001b\[[0-9;]*m/g;
const MIN_COLUMN = 6;

function visibleWidth(text: string): number {
  return Math.max(0, ...text.replace(ANSI, '').split('\n').map((line) => [...line].length));
}

/**
 * Column widths that fit `total` characters. The widest columns give way first
 * (water-filling), never below their longest word (so words wrap rather than get
 * cut) unless nothing else can give, and never below MIN_COLUMN. Widths include
 * cli-table3's padding of 2; `keep` columns are never narrowed.
 */
export function fitColumns(natural: number[], total: number, keep: readonly number[] = [], words: number[] = []): number[] {
  const budget = total - (natural.length + 1);
  const widths = natural.map((w) => w + 2);
  const floorOf = (k: number, soft: boolean): number => Math.max(MIN_COLUMN, soft ? (words[k] ?? 0) : 0) + 2;
  let sum = widths.reduce((a, b) => a + b, 0);
  for (const soft of [true, false]) {
    while (sum > budget) {
      const open = widths.map((w, k) => (!keep.includes(k) && w > floorOf(k, soft) ? w : -1));
      const widest = Math.max(...open);
      if (widest < 0) break;
      const i = open.indexOf(widest);
      const second = Math.max(floorOf(i, soft), ...open.filter((_, k) => k !== i));
      const cut = Math.min(widest - Math.max(second - 1, floorOf(i, soft)), sum - budget) || 1;
      widths[i] = widest - cut;
      sum -= cut;
    }
  }
  return widths;
}

function longestWord(text: string): number {
  return Math.max(0, ...text.replace(ANSI, '').split(/\s+/).map((w) => [...w].length));
}

/** `keep`: columns never narrowed (ids, names that must not be cut). */
export function makeTable(
  head: string[],
  rows: (string | number)[][],
  ui: Ui,
  align?: Align[],
  keep: readonly number[] = [0],
): string {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const natural = head.map((h, i) => Math.max(visibleWidth(h), ...cells.map((r) => visibleWidth(r[i] ?? ''))));
  const words = head.map((h, i) => Math.max(longestWord(h), ...cells.map((r) => longestWord(r[i] ?? ''))));
  const table = new Table({
    head: head.map((h) => ui.c.bold(h)),
    style: { head: [], border: [], compact: false },
    colWidths: fitColumns(natural, ui.width, keep, words),
    wordWrap: true,
    wrapOnWordBoundary: true,
    ...(align ? { colAligns: align } : {}),
  });
  for (const row of cells) table.push(row);
  return table.toString();
}

/** A heading line for a section of human output. */
export function heading(text: string, ui: Ui): string {
  return ui.c.bold.underline(text);
}
