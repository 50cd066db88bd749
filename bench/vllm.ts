// vLLM KV-pool accuracy: src/estimate/vllm-memory.ts against published start-up logs
// (test/serving/vllm-logs.ts, each with its source).
//   node --import tsx bench/vllm.ts
import { pathToFileURL } from 'node:url';
import { evaluateVllmLogs, medianAbs } from '../test/serving/evaluate-vllm.js';

const TARGET = 0.1;
const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export async function runVllmBench(): Promise<string> {
  const rows = await evaluateVllmLogs();
  const body = rows.map((r) => [
    r.id,
    r.split,
    `${r.modelId} ${r.quant}${r.tensorParallel > 1 ? ` TP${r.tensorParallel}` : ''}`,
    `${r.totalGiB.toFixed(2)} GiB × ${r.utilization}`,
    String(r.maxModelLen),
    r.logged.kvCacheTokens.toLocaleString('en-US'),
    r.predicted.kvCacheTokens.toLocaleString('en-US'),
    pct(r.error),
    `${r.logged.maxConcurrency === null ? '—' : r.logged.maxConcurrency.toFixed(2)} / ${r.predicted.maxConcurrency.toFixed(2)}`,
    `${r.logged.starts ? 'yes' : 'no'} / ${r.predicted.starts ? 'yes' : 'no'}`,
  ]);
  const out = [
    table(['log', 'split', 'model', 'GPU memory × util', 'max-model-len', 'logged tokens', 'predicted', 'error', 'concurrency logged/pred', 'starts logged/pred'], body),
    '',
  ];
  for (const split of ['fit', 'held-out'] as const) {
    const errs = rows.filter((r) => r.split === split && r.error !== null).map((r) => r.error!);
    const startsOk = rows.filter((r) => r.split === split && r.logged.starts === r.predicted.starts).length;
    const n = rows.filter((r) => r.split === split).length;
    out.push(`${split.padEnd(9)} pool median |error| ${(medianAbs(errs) * 100).toFixed(1)}% (n=${errs.length}); start verdict right in ${startsOk} of ${n}`);
  }
  const all = rows.filter((r) => r.error !== null).map((r) => r.error!);
  out.push(`target: pool within ${TARGET * 100}% median → ${medianAbs(all) <= TARGET ? 'met' : 'NOT met'} (all logs with a pool)`);
  out.push('', 'sources:');
  for (const r of rows) out.push(`  ${r.id}: ${r.source}; ${r.notes}`);
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runVllmBench());
}
