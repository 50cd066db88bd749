// vLLM KV-pool accuracy: src/estimate/vllm-memory.ts against published start-up logs
// (test/serving/vllm-logs.ts, each with its source; the fit/held-out rule is written there).
//   node --import tsx bench/vllm.ts
import { pathToFileURL } from 'node:url';
import { evaluateVllmLogs, medianAbs, worstAbs, type VllmEvaluated } from '../test/serving/evaluate-vllm.js';

const TARGET = 0.1;
const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
const gib = (x: number | null) => (x === null ? '—' : x.toFixed(2));

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function summary(rows: VllmEvaluated[], label: string): string {
  const withPool = rows.filter((r) => r.error !== null);
  const errs = withPool.map((r) => r.error!);
  const mech = rows.filter((r) => r.errorGivenWeights !== null).map((r) => r.errorGivenWeights!);
  const worst = withPool.reduce<VllmEvaluated | null>((w, r) => (w === null || Math.abs(r.error!) > Math.abs(w.error!) ? r : w), null);
  const startsOk = rows.filter((r) => r.logged.starts === r.predicted.starts).length;
  return (
    `${label.padEnd(9)} pool median |error| ${(medianAbs(errs) * 100).toFixed(1)}%, worst ${(worstAbs(errs) * 100).toFixed(1)}%` +
    `${worst ? ` (${worst.id})` : ''} (n=${errs.length}); with the logged weights: median ${(medianAbs(mech) * 100).toFixed(1)}%, worst ${(worstAbs(mech) * 100).toFixed(1)}%;` +
    ` start verdict right in ${startsOk} of ${rows.length}`
  );
}

export async function runVllmBench(): Promise<string> {
  const rows = await evaluateVllmLogs();
  const body = rows.map((r) => [
    r.id,
    r.split,
    `${r.modelId} ${r.quant}${r.tensorParallel > 1 ? ` TP${r.tensorParallel}` : ''} ${r.engine.toUpperCase()}`,
    `${r.totalGiB.toFixed(2)} × ${r.utilization}`,
    String(r.maxModelLen),
    `${gib(r.logged.weightsGiB)} / ${gib(r.predicted.weightsGiB)}`,
    r.logged.kvCacheTokens === null ? '—' : r.logged.kvCacheTokens.toLocaleString('en-US'),
    r.predicted.kvCacheTokens.toLocaleString('en-US'),
    `${gib(r.logged.availableKvGiB)} / ${gib(r.predicted.availableKvGiB)}`,
    `${pct(r.error)}${r.measure === 'memory' ? ' (mem)' : ''}`,
    pct(r.errorGivenWeights),
    `${r.logged.maxConcurrency === null ? '—' : r.logged.maxConcurrency.toFixed(2)} / ${r.predicted.maxConcurrency.toFixed(2)}`,
    `${r.logged.starts ? 'yes' : 'no'} / ${r.predicted.starts ? 'yes' : 'no'}`,
  ]);
  const out = [
    table(
      ['log', 'split', 'model', 'GiB × util', 'max-model-len', 'weights GiB log/pred', 'logged tokens', 'predicted', 'KV GiB log/pred', 'error', 'given weights', 'concurrency log/pred', 'starts log/pred'],
      body,
    ),
    '',
    'error: the pool in tokens where the log gives tokens or blocks, else (mem) the "Available KV cache memory" it logs;',
    '"given weights": the same with the weights the log reports in place of the estimate (the memory mechanism alone).',
    '',
  ];
  out.push(summary(rows.filter((r) => r.split === 'fit'), 'fit'));
  out.push(summary(rows.filter((r) => r.split === 'held-out'), 'held-out'));
  const all = rows.filter((r) => r.error !== null).map((r) => r.error!);
  out.push(`target: pool within ${TARGET * 100}% median → ${medianAbs(all) <= TARGET ? 'met' : 'NOT met'} on all logs with a pool (median ${(medianAbs(all) * 100).toFixed(1)}%, n=${all.length})`);
  out.push('', 'sources:');
  for (const r of rows) out.push(`  ${r.id}: ${r.source}; ${r.notes}`);
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runVllmBench());
}
