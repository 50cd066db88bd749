// How well the quality estimates predict measured task scores: every (model, task)
// with a measured score in the shipped catalog is held out (its results for that
// task hidden) and estimated from the rest, as a model without results would be.
// Prints, per task, the mean absolute error, the share within the stated
// uncertainty, and Spearman's rank correlation between estimate and measurement.
// Run: node --import tsx bench/quality.ts
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../src/catalog/build.js';
import { TASKS } from '../src/decide/benchmarks.js';
import { qualityTable } from '../src/decide/task-fit.js';

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const r = new Array<number>(xs.length);
  for (let k = 0; k < order.length; ) {
    let j = k;
    while (j + 1 < order.length && order[j + 1]!.x === order[k]!.x) j += 1;
    for (let t = k; t <= j; t += 1) r[order[t]!.i] = (k + j) / 2 + 1;
    k = j + 1;
  }
  return r;
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i += 1) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

export function runQuality(): string {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const built = buildCatalog(`${root}data`, root);
  if (!built.value) throw new Error(built.errors.slice(0, 3).join('; '));
  const table = qualityTable(built.value);
  const lines = ['| task | held out | MAE | within ±1σ | Spearman ρ |', '| --- | ---: | ---: | ---: | ---: |'];
  const all: { est: number; meas: number }[] = [];
  for (const task of TASKS) {
    const pairs: { est: number; meas: number; sd: number }[] = [];
    for (const [id, scores] of table.scores) {
      const s = scores.get(task);
      if (!s || s.estimated) continue;
      const e = table.estimate(id, task);
      if (e) pairs.push({ est: e.value, meas: s.value, sd: e.uncertainty });
    }
    if (pairs.length < 3) {
      lines.push(`| ${task} | ${pairs.length} | – | – | – |`);
      continue;
    }
    const mae = pairs.reduce((s, p) => s + Math.abs(p.est - p.meas), 0) / pairs.length;
    const within = pairs.filter((p) => Math.abs(p.est - p.meas) <= p.sd).length / pairs.length;
    const rho = spearman(pairs.map((p) => p.est), pairs.map((p) => p.meas));
    lines.push(`| ${task} | ${pairs.length} | ${mae.toFixed(3)} | ${Math.round(within * 100)} % | ${rho.toFixed(2)} |`);
    all.push(...pairs);
  }
  const mae = all.reduce((s, p) => s + Math.abs(p.est - p.meas), 0) / all.length;
  lines.push(`| all | ${all.length} | ${mae.toFixed(3)} | | ${spearman(all.map((p) => p.est), all.map((p) => p.meas)).toFixed(2)} |`);
  lines.push('', 'Scores are 0-1 on each task\'s anchor benchmark scale (docs/notes/quality.md). A held-out score is estimated from the model\'s other tasks and its size and release date, as for a model without results.');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runQuality());
