// A terminal chart of `cost`'s curve: monthly cost (log scale) against tokens a day (log scale) for
// the local plan and the main API picks, the break-even volume marked. Pure text; the same series
// are in `cost --json` (local.curve).
import type { Ui } from '../core/ui.js';
import type { CostResult } from '../decide/output-schema.js';
import { tokens as tokensText, usd as usdText } from '../decide/words.js';

/** The widest plot, in columns; a narrower terminal gets a narrower plot. */
const PLOT = 50;
/** Columns left of the plot: the price labels and the axis. */
const LABELS = 12;
const HEIGHT = 12;
const MARKS = 'abcdefghijkmnpqrstuvwxyz';

export function renderCostChart(r: CostResult, ui: Ui, maxApis = 4): string[] {
  const curve = r.local.curve;
  if (curve.length < 2) return [];
  const plotWidth = Math.max(20, Math.min(PLOT, ui.width - LABELS));
  const apiIds = r.api.slice(0, maxApis).map((a) => a.modelId);
  const series: { mark: string; label: string; values: (number | null)[] }[] = [
    { mark: 'L', label: `local (${r.local.modelId ?? 'this machine'})`, values: curve.map((p) => p.localMonthlyUsd) },
    ...apiIds.map((id, i) => ({ mark: MARKS[i]!, label: id, values: curve.map((p) => p.api[id] ?? null) })),
  ];
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null && v > 0);
  if (all.length === 0) return [];
  const yLo = Math.log10(Math.min(...all));
  const yHi = Math.log10(Math.max(...all));
  const xLo = Math.log10(Math.max(1, curve[0]!.tokensPerDay));
  const xHi = Math.log10(curve[curve.length - 1]!.tokensPerDay);
  const col = (t: number) => Math.round(((Math.log10(Math.max(1, t)) - xLo) / (xHi - xLo || 1)) * (plotWidth - 1));
  const row = (v: number) => HEIGHT - 1 - Math.round(((Math.log10(v) - yLo) / (yHi - yLo || 1)) * (HEIGHT - 1));
  const grid = Array.from({ length: HEIGHT }, () => Array.from({ length: plotWidth }, () => ' '));
  const be = r.breakEvenTokensPerDay;
  if (be !== null && be > 0 && be >= curve[0]!.tokensPerDay && be <= curve[curve.length - 1]!.tokensPerDay) {
    const x = col(be);
    for (let y = 0; y < HEIGHT; y += 1) grid[y]![x] = '|';
  }
  // APIs first, local last, so the local line stays visible where they cross.
  for (const s of [...series.slice(1), series[0]!]) {
    curve.forEach((p, i) => {
      const v = s.values[i];
      if (v === null || v === undefined || v <= 0) return;
      grid[row(v)]![col(p.tokensPerDay)] = s.mark;
    });
  }
  const yLabel = (y: number) => usdText(10 ** (yLo + ((HEIGHT - 1 - y) / (HEIGHT - 1 || 1)) * (yHi - yLo))).padStart(10);
  const lines = grid.map((cells, y) => `${y % 3 === 0 || y === HEIGHT - 1 ? yLabel(y) : ' '.repeat(10)} ┤${cells.join('')}`);
  lines.push(`${' '.repeat(10)} └${'─'.repeat(plotWidth)}`);
  const left = tokensText(curve[0]!.tokensPerDay);
  const right = tokensText(curve[curve.length - 1]!.tokensPerDay);
  const axis = `${' '.repeat(LABELS)}${left}${' '.repeat(Math.max(1, plotWidth - left.length - right.length))}${right}`;
  const unit = 'tokens/day (log)';
  if (axis.length + 2 + unit.length <= ui.width) lines.push(`${axis}  ${unit}`);
  else lines.push(axis, `${' '.repeat(LABELS)}${unit}`);
  lines.push(ui.c.dim(`  ${series.map((s) => `${s.mark} = ${s.label}`).join(', ')}${be !== null ? `; | = break-even ${tokensText(be)} tokens/day` : ''}`));
  return lines;
}
