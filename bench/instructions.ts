// Start-up cost in instructions: the main thread's instructions of each command of bench/startup.ts
// (and `node -e 0`), counted by valgrind's callgrind. Unlike wall time, the count does not move with
// the machine's load: two builds can be compared on a busy machine, to a million instructions.
// Two things make a count repeatable: only the main thread is counted (the GC and compiler
// threads run concurrently, as much or as little as the scheduler lets them), and V8's hash-seed
// set-up is left out (HashSeed::InitializeRoots searches for primes from a random start: its
// detail::sprp calls cost 6 to 10 M instructions, a different number at each start).
// Run: node --import tsx bench/instructions.ts (needs valgrind; ROUNDS=3 by default, lowest kept).
// LLM_PICK_BIN=/other/bin/llm-pick.cjs counts another build (a before/after comparison).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES } from './startup.js';

const ROUNDS = Number(process.env.ROUNDS ?? 3);

/** Instructions of one run's main thread, less V8's hash-seed prime search; null without valgrind. */
export function mainThreadInstructions(args: string[]): number | null {
  const dir = mkdtempSync(join(tmpdir(), 'llm-pick-callgrind-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.NODE_EXTRA_CA_CERTS; // see bench/startup.ts: a setting of some machines, not of the command
    const r = spawnSync('valgrind', ['--tool=callgrind', '--separate-threads=yes', `--callgrind-out-file=${join(dir, 'cg.%p')}`, process.execPath, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
      timeout: 300_000,
    });
    if (r.error) return null;
    const main = readdirSync(dir).find((f) => f.endsWith('-01'));
    if (!main) return null;
    const annotated = spawnSync('callgrind_annotate', ['--threshold=100', join(dir, main)], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
    let total = 0;
    let seed = 0;
    for (const line of annotated.stdout.split('\n')) {
      const m = /^\s*([\d,]+) .*?(PROGRAM TOTALS|detail::sprp)/.exec(line);
      if (!m) continue;
      const n = Number(m[1]!.replaceAll(',', ''));
      if (m[2] === 'PROGRAM TOTALS') total = n;
      else seed += n;
    }
    return total > 0 ? total - seed : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lowest = (args: string[]) => {
  const counts = Array.from({ length: ROUNDS }, () => mainThreadInstructions(args)).filter((n): n is number => n !== null);
  return counts.length ? Math.min(...counts) : null;
};

export function runInstructionsBench(): string {
  const base = lowest(['-e', '0']);
  if (base === null) return 'instructions: valgrind (callgrind) is not installed here';
  const lines = [
    `Main-thread instructions, lowest of ${ROUNDS} (callgrind; V8's hash-seed prime search left out; node ${process.version}):`,
    '| command | M instructions | × node -e 0 |',
    '| --- | ---: | ---: |',
    `| node -e 0 (baseline) | ${(base / 1e6).toFixed(1)} | 1.00 |`,
  ];
  for (const c of CASES) {
    const n = lowest(c.args);
    lines.push(`| ${c.label} | ${n === null ? 'n/a' : (n / 1e6).toFixed(1)} | ${n === null ? 'n/a' : (n / base).toFixed(2)} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(runInstructionsBench());
}
