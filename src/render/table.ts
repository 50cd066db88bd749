// One way to draw tables: cli-table3, plain borders, colour only through ui.c.
import Table from 'cli-table3';
import type { Ui } from '../cli/output.js';

export type Align = 'left' | 'right' | 'center';

export function makeTable(head: string[], rows: (string | number)[][], ui: Ui, align?: Align[]): string {
  const table = new Table({
    head: head.map((h) => ui.c.bold(h)),
    style: { head: [], border: [], compact: false },
    colAligns: align,
    wordWrap: true,
  });
  for (const row of rows) table.push(row.map((cell) => String(cell)));
  return table.toString();
}

/** A heading line for a section of human output. */
export function heading(text: string, ui: Ui): string {
  return ui.c.bold.underline(text);
}
