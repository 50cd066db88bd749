// One way to draw tables: cli-table3, plain borders, colour only through ui.c,
// columns shrunk (and wrapped) to fit the terminal width.
import Table from 'cli-table3';
import type { Ui } from '../cli/ui.js';

export type Align = 'left' | 'right' | 'center';

const ANSI = /\u001b\[[0-9;]*m/g;
const MIN_COLUMN = 6;

function visibleWidth(text: string): number {
  return Math.max(0, ...text.replace(ANSI, '').split('\n').map((line) => [...line].length));
}

/**
 * Column widths that fit `total` characters: the widest columns give way first
 * (water-filling), never below MIN_COLUMN. Widths include cli-table3's padding of 2.
 */
export function fitColumns(natural: number[], total: number, keep: readonly number[] = []): number[] {
  const borders = natural.length + 1;
  const budget = total - borders;
  const widths = natural.map((w) => w + 2);
  const shrinkable = (k: number): boolean => !keep.includes(k);
  let sum = widths.reduce((a, b) => a + b, 0);
  while (sum > budget) {
    const candidates = widths.filter((_, k) => shrinkable(k));
    if (candidates.length === 0) break;
    const widest = Math.max(...candidates);
    if (widest <= MIN_COLUMN + 2) break;
    const i = widths.findIndex((w, k) => w === widest && shrinkable(k));
    const second = Math.max(MIN_COLUMN + 2, ...widths.filter((_, k) => k !== i && shrinkable(k)));
    const cut = Math.min(widest - Math.max(second - 1, MIN_COLUMN + 2), sum - budget) || 1;
    widths[i] = widest - cut;
    sum -= cut;
  }
  return widths;
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
  const table = new Table({
    head: head.map((h) => ui.c.bold(h)),
    style: { head: [], border: [], compact: false },
    colWidths: fitColumns(natural, ui.width, keep),
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
