// One way to draw tables: cli-table3, plain borders, colour only through ui.c, one line per
// row (a cell never wraps). When a table is wider than the terminal it first takes its short
// forms (short headers, compact cells), then drops its lowest-priority columns and says which
// under the table; an id or name column is never dropped nor cut.
import Table from 'cli-table3';
import type { Ui } from '../core/ui.js';
import { visibleLength, wrap } from './wrap.js';

export type Align = 'left' | 'right' | 'center';

export interface Column {
  head: string;
  /** The header when the table must be narrower ("Qual" for "Quality"). */
  short?: string;
  align?: Align;
  /**
   * Columns with the lowest priority take their short form first and are dropped first; by
   * default a column's priority falls from left to right, and a kept column's is the highest.
   */
  priority?: number;
  /** Never dropped (ids and names). */
  keep?: boolean;
}

/** A cell: its text, or its text with a compact form used when the table must be narrower. */
export type Cell = string | number | { text: string; short: string };

/** The narrowest a table may be made before it is printed as one block of lines per row. */
const BORDER = 3; // "│ " before a cell and " " after it

function cellText(cell: Cell | undefined, short: boolean): string {
  if (cell === undefined) return '';
  if (typeof cell === 'object') return short ? cell.short : cell.text;
  return String(cell);
}

function widest(text: string): number {
  return Math.max(0, ...text.split('\n').map(visibleLength));
}

interface Plan {
  shown: number[];
  /** Per column: whether it takes its short form. */
  short: boolean[];
}

/** Width of the table that shows `shown` columns: one border more than columns, a space each side of a cell. */
function tableWidth(full: number[], short: number[], abbreviated: boolean[], shown: number[]): number {
  return 1 + shown.reduce((sum, i) => sum + (abbreviated[i] ? short[i]! : full[i]!) + BORDER, 0);
}

/**
 * Which columns and which forms fit `total` columns: everything as is; else the short forms,
 * column by column from the lowest priority up; else the short forms without the
 * lowest-priority columns, one at a time (then full forms again where the room allows). Null
 * when even the kept columns do not fit.
 */
export function planColumns(full: number[], short: number[], priority: number[], keep: boolean[], total: number): Plan | null {
  const all = full.map((_, i) => i);
  const abbreviated = full.map(() => false);
  const byPriority = [...all].sort((a, b) => priority[a]! - priority[b]! || a - b);
  for (const i of [-1, ...byPriority]) {
    if (i >= 0) abbreviated[i] = true;
    if (tableWidth(full, short, abbreviated, all) <= total) return { shown: all, short: abbreviated };
  }
  const shown = [...all];
  for (;;) {
    if (tableWidth(full, short, abbreviated, shown) <= total) {
      // Room freed by the dropped columns goes back to full forms, the highest priority first.
      for (const i of [...shown].sort((a, b) => priority[b]! - priority[a]! || a - b)) {
        abbreviated[i] = false;
        if (tableWidth(full, short, abbreviated, shown) > total) abbreviated[i] = true;
      }
      return { shown, short: abbreviated };
    }
    const open = shown.filter((i) => !keep[i]);
    if (open.length === 0) return null;
    const drop = open.reduce((low, i) => (priority[i]! < priority[low]! ? i : low));
    shown.splice(shown.indexOf(drop), 1);
  }
}

/**
 * A table that fits `ui.width` with each row on its own line(s) (a cell holds several lines
 * only where its text has newlines). `head` entries are header texts or Columns; `align` and
 * `keep` (indices never dropped) serve plain header texts. When even the kept columns are too
 * wide, each row is printed as a block: its first kept cell, then one "header: value" line per column.
 */
export function makeTable(
  head: (string | Column)[],
  rows: Cell[][],
  ui: Ui,
  align?: Align[],
  keep: readonly number[] = [0],
): string {
  const n = head.length;
  const kept = (c: Column, i: number) => c.keep ?? (typeof head[i] === 'string' ? keep.includes(i) : false);
  const cols: Required<Column>[] = head.map((h, i) => {
    const c = typeof h === 'string' ? { head: h } : h;
    return {
      head: c.head,
      short: c.short ?? c.head,
      align: c.align ?? align?.[i] ?? 'left',
      priority: c.priority ?? (kept(c, i) ? Infinity : n - i),
      keep: kept(c, i),
    };
  });
  const measure = (short: boolean) =>
    cols.map((c, i) => Math.max(widest(short ? c.short : c.head), ...rows.map((r) => widest(cellText(r[i], short)))));
  const full = measure(false);
  const short = measure(true);
  const plan = planColumns(
    full,
    short,
    cols.map((c) => c.priority),
    cols.map((c) => c.keep),
    ui.width,
  );
  if (!plan) return blocks(cols, rows, ui);
  const widths = full.map((w, i) => (plan.short[i] ? short[i]! : w));
  const table = new Table({
    head: plan.shown.map((i) => ui.c.bold(plan.short[i] ? cols[i]!.short : cols[i]!.head)),
    style: { head: [], border: [], compact: false },
    colWidths: plan.shown.map((i) => widths[i]! + 2),
    colAligns: plan.shown.map((i) => cols[i]!.align),
    wordWrap: false,
  });
  for (const row of rows) table.push(plan.shown.map((i) => cellText(row[i], plan.short[i]!)));
  const hidden = cols.filter((_, i) => !plan.shown.includes(i)).map((c) => c.head);
  if (hidden.length === 0) return table.toString();
  const note = `hidden at ${ui.width} columns: ${hidden.join(', ')} — widen the terminal or use --json`;
  return [table.toString(), ...wrap(note, ui.width, '  ').map((l) => ui.c.dim(l))].join('\n');
}

/** Rows as blocks of lines, for a terminal too narrow for even the kept columns side by side. */
function blocks(cols: Required<Column>[], rows: Cell[][], ui: Ui): string {
  const first = Math.max(0, cols.findIndex((c) => c.keep));
  const out: string[] = [];
  for (const row of rows) {
    out.push(...cellText(row[first], false).split('\n').map((l, k) => (k === 0 ? ui.c.bold(l) : l)));
    cols.forEach((c, i) => {
      if (i === first) return;
      const text = cellText(row[i], true).split('\n').join(' ');
      if (text.trim() !== '') out.push(...wrap(`  ${c.short}: ${text}`, ui.width, '    '));
    });
  }
  return out.join('\n');
}

/** A heading line for a section of human output. */
export function heading(text: string, ui: Ui): string {
  return ui.c.bold.underline(text);
}
