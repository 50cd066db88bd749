// First run against later runs: how much of a command's own work (after its bundle is loaded) is
// the cost of running its code for the first time in a process, not the work itself. Each command
// line runs in a process of its own: the bundle is loaded as bin/llm-pick.cjs loads it (loadBundle,
// with the code cache), then main() runs RUNS times in a row on the same line, output to /dev/null,
// and each run is timed. Later runs reuse what a process keeps (the parsed catalog, the probe's
// answer, V8's warmed code and type feedback); the weights table is read again at every run.
// The first run's phases (LLM_PICK_PHASES=1: catalog, probe) say how much of the difference is
// reading the catalog and probing; the rest is first execution: V8's inline caches and feedback,
// baseline compilation, regular expressions compiled on first use, the heap's first growth.
// Run: npm run bench:warm (RUNS=8 by default; PROCESSES=5 processes per line, medians).
import { fileURLToPath } from 'node:url';
import { BIN, median, parsePhases, timeNode } from './startup.js';

const RUNS = Number(process.env.RUNS ?? 8);
const PROCESSES = Number(process.env.PROCESSES ?? 5);

const LINES = [
  ['fit', '--params', '70', '--quant', 'q4', '--json'],
  ['fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--json'],
  ['recommend', '--json'],
  ['recommend', '--vram', '24', '--json'],
  // recommend less the local ranking: against `recommend --json`, what ranking the local models costs.
  ['recommend', '--api-only', '--json'],
];

/** The child: loads the line's bundle, runs main() BENCH_RUNS times, writes the runs' ms on stderr as `runs=<ms>,<ms>,...`. */
const CHILD = `
const bin = require(process.env.BENCH_BIN);
const args = JSON.parse(process.env.BENCH_ARGS);
const { exports: cli } = bin.loadBundle({ bundle: bin.bundleFor(args) });
(async () => {
  const times = [];
  for (let i = 0; i < Number(process.env.BENCH_RUNS); i += 1) {
    const start = process.hrtime.bigint();
    await cli.main(['node', 'llm-pick', ...args]);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  process.stderr.write('runs=' + times.map((t) => t.toFixed(3)).join(',') + '\\n');
})();
`;

/** One process: each run's ms, and the phases line of the whole process (its first run holds the catalog and probe spans). */
function oneProcess(args: string[]): { runs: number[]; phases: Record<string, number> | null } {
  // startup.ts's timeNode: the same environment (NO_COLOR, NODE_EXTRA_CA_CERTS unset unless KEEP_EXTRA_CA=1), stdout to /dev/null.
  const { stderr } = timeNode(['-e', CHILD], [0], { LLM_PICK_PHASES: '1', BENCH_BIN: BIN, BENCH_ARGS: JSON.stringify(args), BENCH_RUNS: String(RUNS) });
  const line = stderr.split('\n').find((l) => l.startsWith('runs='));
  if (!line) throw new Error(`${args.join(' ')}: no runs= line: ${stderr.trim().split('\n')[0]}`);
  return { runs: line.slice('runs='.length).split(',').map(Number), phases: parsePhases(stderr) };
}

export function runWarmBench(): string {
  const lines = [
    `First run against later runs of main() in one process (median of ${PROCESSES} processes, ${RUNS} runs each; node ${process.version}, ${BIN}):`,
    '| command | first run ms | later runs ms (median) | catalog + probe ms (first run) | first-execution ms |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const args of LINES) {
    const procs = Array.from({ length: PROCESSES }, () => oneProcess(args));
    const first = median(procs.map((p) => p.runs[0]!));
    const later = median(procs.flatMap((p) => p.runs.slice(1)));
    const io = median(procs.map((p) => (p.phases?.catalog ?? 0) + (p.phases?.probe ?? 0)));
    lines.push(`| llm-pick ${args.join(' ')} | ${first.toFixed(1)} | ${later.toFixed(1)} | ${io.toFixed(1)} | ${Math.max(0, first - later - io).toFixed(1)} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(runWarmBench());
