// Startup benchmark: wall time of one-shot commands against a bare `node -e 0`,
// median of paired runs (each round runs the baseline and every command once,
// so machine noise hits all alike), then the time of each phase (load, catalog,
// probe, compute, render: src/core/phases.ts, LLM_PICK_PHASES=1) from separate runs.
// Run: npm run bench:startup (ROUNDS=15 for fewer rounds).
// LLM_PICK_BIN=/other/bin/llm-pick.cjs times another build (a before/after comparison);
// FITLLM=/path/to/fitllm.mjs (npm install --prefix /tmp/fitllm fitllm) adds fitllm's
// own fit --json, detected and with a GPU named, measured the same way.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = process.env.LLM_PICK_BIN ?? `${ROOT}bin/llm-pick.cjs`;
const ROUNDS = Number(process.env.ROUNDS ?? 21);
const FITLLM = process.env.FITLLM;

interface Case {
  label: string;
  args: string[];
  /** Target: ratio to bare node, or absolute seconds. */
  target: { ratio?: number; seconds?: number };
  /** Exit codes that still count as an answer (fitllm exits 2 when it cannot detect a GPU). */
  exits?: number[];
  /** llm-pick's own (phase timings are printed for these). */
  phases?: boolean;
  /** Must be faster than this case (by label), when that case runs. */
  fasterThan?: string;
}

const pick = (label: string, args: string[], ratio: number, fasterThan?: string): Case => ({
  label: `llm-pick ${label}`,
  args: [BIN, ...args],
  target: { ratio },
  phases: true,
  ...(fasterThan ? { fasterThan } : {}),
});

/** No target and no phases: a floor row (see CASES). */
const floor = (label: string, args: string[]): Case => ({ label: `floor: ${label}`, args, target: {} });

/** The bundle of `command` loaded as bin/llm-pick.cjs loads it (with its code cache), its top level run, main() not called. */
const loadOnly = (command: string): string[] => [
  '-e',
  `const b = require(${JSON.stringify(BIN)}); b.loadBundle({ bundle: b.bundleFor([${JSON.stringify(command)}]) });`,
];

const FITLLM_DETECT = 'fitllm Llama-3.1-8B-Instruct --detect --json';
const FITLLM_GPU = 'fitllm Llama-3.1-8B-Instruct --gpu "RTX 4090" --json';

export const CASES: Case[] = [
  // Issue #12's cases: hardware detected (on a machine without nvidia-smi, detection must fail fast).
  pick('fit --params 70 --quant q4 --json (detected)', ['fit', '--params', '70', '--quant', 'q4', '--json'], 1.3, FITLLM_DETECT),
  pick('recommend --json (detected)', ['recommend', '--json'], 1.6, FITLLM_DETECT),
  pick('--help', ['--help'], 1.2, FITLLM_DETECT),
  // Hardware given: nothing is probed.
  pick('fit --params 8 --quant q4 --vram 24 --json', ['fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--json'], 1.3, FITLLM_GPU),
  pick('fit --model llama-3.1-8b --quant q4 --vram 24 --json', ['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--vram', '24', '--json'], 1.3, FITLLM_GPU),
  pick('recommend --vram 24 --json', ['recommend', '--vram', '24', '--json'], 1.6),
  // Floors: a part of what the command above must do, timed alone. A command cannot be faster than
  // its floor, so a floor over a target says the target is out of reach without a change of design.
  floor('fit bundle loaded, nothing run', loadOnly('fit')),
  floor('recommend bundle loaded, nothing run', loadOnly('recommend')),
  floor('recommend --api-only --json (recommend less the local ranking)', [BIN, 'recommend', '--api-only', '--json']),
  ...(FITLLM
    ? [
        { label: FITLLM_DETECT, args: [FITLLM, 'Llama-3.1-8B-Instruct', '--detect', '--json'], target: {}, exits: [0, 1, 2] },
        { label: FITLLM_GPU, args: [FITLLM, 'Llama-3.1-8B-Instruct', '--gpu', 'RTX 4090', '--json'], target: {}, exits: [0, 1] },
      ]
    : []),
];

interface Run {
  ms: number;
  stderr: string;
}

/**
 * NODE_EXTRA_CA_CERTS makes every Node start parse a certificate bundle before any script runs
 * (node::crypto::UseExtraCaCerts: on this project's VM, 80 % of the instructions of `node -e 0`,
 * 120 ms instead of 30 ms). It is a setting of some machines, not of the command: it hides the
 * ratio a user without it sees, so every run here goes without it (KEEP_EXTRA_CA=1 keeps it).
 */
const KEEP_EXTRA_CA = process.env.KEEP_EXTRA_CA === '1';
const BASE_ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
if (!KEEP_EXTRA_CA) delete BASE_ENV.NODE_EXTRA_CA_CERTS;

/** `node ...args` timed (wall ms) in the benchmarks' environment; an exit code not in `exits` is an error. Not named run*: bench/index.ts calls a module's first run* export. */
export function timeNode(args: string[], exits: readonly number[] = [0], env: NodeJS.ProcessEnv = {}): Run {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...BASE_ENV, ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!exits.includes(r.status ?? -1)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().trim()}`);
  return { ms, stderr: r.stderr.toString() };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const PHASES = ['load', 'catalog', 'probe', 'compute', 'render', 'total'] as const;

/** The `phases: load=… total=…` line a run with LLM_PICK_PHASES=1 writes on stderr. */
export function parsePhases(stderr: string): Record<string, number> | null {
  const line = stderr.split('\n').find((l) => l.startsWith('phases: '));
  if (!line) return null;
  return Object.fromEntries(line.slice('phases: '.length).split(' ').map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])]));
}

export function runStartupBench(rounds = ROUNDS): string {
  const base: number[] = [];
  const times = CASES.map(() => [] as number[]);
  const ratios = CASES.map(() => [] as number[]);
  for (let i = 0; i < rounds + 1; i += 1) {
    const b = timeNode(['-e', '0']).ms;
    const t = CASES.map((c) => timeNode(c.args, c.exits).ms);
    if (i === 0) continue; // warm-up round (file cache)
    base.push(b);
    t.forEach((ms, k) => {
      times[k]!.push(ms);
      ratios[k]!.push(ms / b);
    });
  }
  const medianOf = (label: string) => {
    const k = CASES.findIndex((c) => c.label === label);
    return k < 0 ? null : median(times[k]!);
  };
  const lines = [
    `Startup, median of ${rounds} paired runs (node ${process.version}, ${BIN}${process.env.NODE_EXTRA_CA_CERTS ? (KEEP_EXTRA_CA ? ', NODE_EXTRA_CA_CERTS kept' : ', NODE_EXTRA_CA_CERTS unset for every run') : ''}):`,
    `| command | median ms | × bare node | target | ok |`,
    `| --- | ---: | ---: | --- | --- |`,
    `| node -e 0 (baseline) | ${median(base).toFixed(1)} | 1.00 | | |`,
  ];
  CASES.forEach((c, k) => {
    const ms = median(times[k]!);
    const ratio = median(ratios[k]!);
    const checks: string[] = [];
    let ok = true;
    if (c.target.ratio !== undefined) {
      checks.push(`≤ ${c.target.ratio}×`);
      ok &&= ratio <= c.target.ratio;
    } else if (c.target.seconds !== undefined) {
      checks.push(`< ${c.target.seconds} s`);
      ok &&= ms / 1000 <= c.target.seconds;
    }
    const rival = c.fasterThan ? medianOf(c.fasterThan) : null;
    if (rival !== null) {
      checks.push(`< fitllm ${rival.toFixed(0)} ms`);
      ok &&= ms < rival;
    }
    lines.push(`| ${c.label} | ${ms.toFixed(1)} | ${ratio.toFixed(2)} | ${checks.join(', ')} | ${checks.length ? (ok ? 'yes' : 'NO') : ''} |`);
  });

  // Phases: separate runs with LLM_PICK_PHASES=1, so the timed runs above carry no instrumentation.
  const phaseRounds = Math.max(3, Math.ceil(rounds / 3));
  lines.push('', `Phases, ms since the process started, median of ${phaseRounds} runs (LLM_PICK_PHASES=1; load includes Node's own start):`);
  lines.push(`| command | ${PHASES.join(' | ')} |`, `| --- |${PHASES.map(() => ' ---: |').join('')}`);
  for (const c of CASES.filter((x) => x.phases)) {
    const samples = Array.from({ length: phaseRounds }, () => parsePhases(timeNode(c.args, c.exits, { LLM_PICK_PHASES: '1' }).stderr));
    const got = samples.filter((s): s is Record<string, number> => s !== null);
    if (got.length === 0) {
      lines.push(`| ${c.label} | ${PHASES.map(() => 'n/a').join(' | ')} |`);
      continue;
    }
    lines.push(`| ${c.label} | ${PHASES.map((p) => median(got.map((g) => g[p] ?? 0)).toFixed(1)).join(' | ')} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(runStartupBench());
}
