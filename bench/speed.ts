// Speed accuracy: the error of src/estimate/speed.ts against every row of
// reference/llamacpp_speed.json (and a few public llama-bench rows for other backends).
//   node --import tsx bench/speed.ts          the table and the medians
//   node --import tsx bench/speed.ts --fit    also refit the calibration and compare with the constants
import { pathToFileURL } from 'node:url';
import { BACKEND_CALIBRATION, FA_OFF_SCORE_BYTES, FALLBACK_TFLOPS_PER_GBPS, METAL_TWO_DIE, MOE_PROMPT_EFFICIENCY, QUANT_FAMILY_FACTOR } from '../src/estimate/speed-calibration.js';
import { benchData, evaluate, fitCalibration, medianAbsError, type EvaluatedRow } from '../test/speed/evaluate.js';
import { HARDWARE, MODELS } from '../test/speed/facts.js';
import { evaluateExpertRuns } from './speed-experts.js';
import { depthAndLlamaBenchSection, isExtraHeldOut } from '../test/speed/depth.js';

const TARGET = { decode: 0.2, prompt: 0.35 };

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`;
const num = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function summary(rows: EvaluatedRow[]): string {
  const out: string[] = [];
  const sets: [string, (r: EvaluatedRow) => boolean][] = [
    ['fit subset', (r) => r.split === 'fit' && !r.flag && !r.notFitted],
    ['held-out', (r) => r.split === 'held-out' && !r.flag && !isExtraHeldOut(r)],
    ['extra held-out (other GPUs, Dec 2023)', (r) => isExtraHeldOut(r)],
    ['reference file (all mapped rows)', (r) => r.source.startsWith('reference/') && !r.flag],
    ['everything', (r) => !r.flag],
    ['everything, flagged rows included', () => true],
  ];
  for (const [label, filter] of sets) {
    const d = medianAbsError(rows, 'decode', filter);
    const p = medianAbsError(rows, 'prompt', filter);
    out.push(
      `${label.padEnd(36)} decode median |error| ${(d.median * 100).toFixed(1)}% (n=${d.n})   prompt ${(p.median * 100).toFixed(1)}% (n=${p.n})`,
    );
  }
  const ref = (t: 'decode' | 'prompt') => medianAbsError(rows, t, (r) => r.source.startsWith('reference/') && !r.flag).median;
  out.push(
    `targets: decode ≤ ${TARGET.decode * 100}% → ${ref('decode') <= TARGET.decode ? 'met' : 'NOT met'}; prompt ≤ ${TARGET.prompt * 100}% → ${ref('prompt') <= TARGET.prompt ? 'met' : 'NOT met'} (reference rows)`,
  );
  return out.join('\n');
}

export function runSpeedBench(): string {
  const data = benchData();
  const { evaluated, failed } = evaluate(data.rows);
  const rows = evaluated.map((r) => [
    r.id,
    r.split + (r.flag ? ' (flagged)' : r.notFitted ? ' (not fitted)' : ''),
    r.test,
    HARDWARE[r.hardware]?.name ?? r.hardware,
    `${MODELS[r.model]?.name ?? r.model} ${r.quant}`,
    num(r.measured),
    num(r.predicted),
    pct(r.error),
  ]);
  const skipped = [...data.skipped, ...failed].map((s) => [s.id, 'skipped', s.test, '—', '—', s.measured, '—', s.reason]);
  const flagged = evaluated.filter((r) => r.flag || r.notFitted).map((r) => `${r.id}: ${r.flag ?? `not fitted: ${r.notFitted}`}`);
  const notes = evaluated.filter((r) => r.note).map((r) => `${r.id}: ${r.note}`);
  return [
    table(['row', 'split', 'test', 'hardware', 'model', 'measured tok/s', 'predicted', 'error'], [...rows, ...skipped]),
    '',
    summary(evaluated),
    '',
    flagged.length ? `flagged:\n  ${[...new Set(flagged)].join('\n  ')}` : '',
    notes.length ? `assumptions:\n  ${[...new Set(notes)].join('\n  ')}` : '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

/** Published runs with MoE experts in RAM, held out of every calibration, next to the full-GPU medians. */
export function runExpertBench(full: EvaluatedRow[]): string {
  const results = evaluateExpertRuns();
  const rows = results.map((r) => [
    r.run.id + (r.run.flag ? ' (flagged)' : ''),
    r.run.test,
    r.run.setup.split(';')[0]!,
    `${r.run.model} ${r.run.quant}`,
    String(r.run.cpuMoeLayers),
    r.run.ram.gbps === null ? '—' : `${r.run.ram.gbps}`,
    num(r.run.measured),
    r.predicted === null ? '—' : num(r.predicted),
    r.error === null ? (r.reason ?? '—') : pct(r.error),
  ]);
  const med = (t: 'decode' | 'prompt') => {
    const errs = results.filter((r) => r.run.test === t && r.error !== null && !r.run.flag).map((r) => Math.abs(r.error!)).sort((a, b) => a - b);
    if (errs.length === 0) return { m: NaN, n: 0 };
    const mid = errs.length >> 1;
    return { m: errs.length % 2 ? errs[mid]! : (errs[mid - 1]! + errs[mid]!) / 2, n: errs.length };
  };
  const fullRef = (t: 'decode' | 'prompt') => medianAbsError(full, t, (r) => r.source.startsWith('reference/') && !r.flag);
  const line = (t: 'decode' | 'prompt') => {
    const e = med(t);
    const f = fullRef(t);
    return `${t.padEnd(6)} experts in RAM median |error| ${e.n ? `${(e.m * 100).toFixed(1)}%` : '—'} (n=${e.n})   full-GPU reference rows ${(f.median * 100).toFixed(1)}% (n=${f.n})`;
  };
  const notes = results.flatMap((r) => [
    `${r.run.id}: ${r.run.url}; ${r.run.setup}; RAM ${r.run.ram.gbps ?? '?'} GB/s (${r.run.ram.source}); GPU ${r.run.gpu.name} ${r.run.gpu.bandwidthGBps || '?'} GB/s (${r.run.gpu.source})`,
    ...(r.run.flag ? [`  flagged: ${r.run.flag}`] : []),
    ...(r.run.note ? [`  note: ${r.run.note}`] : []),
  ]);
  return [
    'Experts in RAM (--n-cpu-moe), published runs; none used in any calibration:',
    table(['run', 'test', 'hardware', 'model', 'N', 'RAM GB/s', 'measured tok/s', 'predicted', 'error'], rows),
    '',
    line('decode'),
    line('prompt'),
    '',
    'sources:',
    ...notes.map((n) => `  ${n}`),
  ].join('\n');
}

export function runSpeedFit(): string {
  const fit = fitCalibration();
  const lines: string[] = ['fitted calibration (current constant in brackets):'];
  for (const [backend, c] of Object.entries(fit.backends)) {
    const cur = BACKEND_CALIBRATION[backend as keyof typeof BACKEND_CALIBRATION];
    lines.push(
      `  ${backend.padEnd(7)} decodeEfficiency ${c.decodeEfficiency} [${cur.decodeEfficiency}]  layerOverheadMs ${c.layerOverheadMs} [${cur.layerOverheadMs}]${c.layerOverheadNoGraphsMs !== undefined ? `  layerOverheadNoGraphsMs ${c.layerOverheadNoGraphsMs} [${cur.layerOverheadNoGraphsMs ?? '—'}]` : ''}  promptEfficiency ${c.promptEfficiency} [${cur.promptEfficiency}]`,
      `          decode rows: ${c.decodeRows.join(', ') || '—'}`,
      `          prompt rows: ${c.promptRows.join(', ') || '—'}`,
    );
  }
  lines.push(
    `  metal two-die: decodeEfficiency ${fit.metalTwoDie.decodeEfficiency} [${METAL_TWO_DIE.decodeEfficiency}]  layerOverheadMs ${fit.metalTwoDie.layerOverheadMs} [${METAL_TWO_DIE.layerOverheadMs}]`,
    `          decode rows: ${fit.metalTwoDie.decodeRows.join(', ')}`,
  );
  lines.push('  quant families:');
  for (const [family, f] of Object.entries(fit.families))
    lines.push(`    ${family.padEnd(9)} ${f} [${QUANT_FAMILY_FACTOR[family as keyof typeof QUANT_FAMILY_FACTOR].factor}]`);
  lines.push(`    per README row: ${Object.entries(fit.familyRows).map(([q, f]) => `${q} ${f.toFixed(2)}`).join(', ')}`);
  lines.push('  MoE prompt efficiency:');
  for (const [b, m] of Object.entries(fit.moePrompt))
    lines.push(`    ${b.padEnd(7)} ${m.value} [${MOE_PROMPT_EFFICIENCY[b as keyof typeof MOE_PROMPT_EFFICIENCY].value}] (rows ${m.rows.join(', ')})`);
  lines.push(`  bytes per attention score without flash attention: ${fit.faOff.value} [${FA_OFF_SCORE_BYTES.value}] (rows ${fit.faOff.rows.join(', ')})`);
  lines.push('  fallback TFLOPS per GB/s:');
  for (const [b, r] of Object.entries(fit.fallbackTflopsPerGBps))
    lines.push(`    ${b.padEnd(7)} ${r} [${FALLBACK_TFLOPS_PER_GBPS[b as keyof typeof FALLBACK_TFLOPS_PER_GBPS].value}]`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(runSpeedBench());
  console.log(`\n${runExpertBench(evaluate(benchData().rows).evaluated)}`);
  console.log(`\n${depthAndLlamaBenchSection()}`);
  if (process.argv.includes('--fit')) console.log(`\n${runSpeedFit()}`);
}
