// Startup benchmark: wall time of one-shot commands against a bare `node -e 0`,
// median of paired runs (each round runs the baseline and every command once,
// so machine noise hits all alike). Run: npm run bench:startup
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT}bin/llm-pick.cjs`;
const ROUNDS = Number(process.env.ROUNDS ?? 21);

interface Case {
  label: string;
  args: string[];
  /** Target: ratio to bare node, or absolute seconds. */
  target: { ratio?: number; seconds?: number };
}

export const CASES: Case[] = [
  { label: 'llm-pick fit --params 8 --quant q4 --vram 24 --json', args: [BIN, 'fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--json'], target: { ratio: 1.3 } },
  { label: 'llm-pick fit --model llama-3.1-8b --quant q4 --vram 24 --json (loads the catalog)', args: [BIN, 'fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--vram', '24', '--json'], target: { ratio: 1.3 } },
  { label: 'llm-pick --help', args: [BIN, '--help'], target: { ratio: 1.3 } },
  { label: 'llm-pick recommend --vram 24 --json', args: [BIN, 'recommend', '--vram', '24', '--json'], target: { seconds: 0.3 } },
];

function time(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().trim()}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function runStartupBench(rounds = ROUNDS): string {
  const base: number[] = [];
  const times = CASES.map(() => [] as number[]);
  const ratios = CASES.map(() => [] as number[]);
  for (let i = 0; i < rounds + 1; i += 1) {
    const b = time(['-e', '0']);
    const t = CASES.map((c) => time(c.args));
    if (i === 0) continue; // warm-up round (file cache)
    base.push(b);
    t.forEach((ms, k) => {
      times[k]!.push(ms);
      ratios[k]!.push(ms / b);
    });
  }
  const lines = [
    `Startup, median of ${rounds} paired runs (node ${process.version}):`,
    `| command | median ms | × bare node | target | ok |`,
    `| --- | ---: | ---: | --- | --- |`,
    `| node -e 0 (baseline) | ${median(base).toFixed(1)} | 1.00 | | |`,
  ];
  CASES.forEach((c, k) => {
    const ms = median(times[k]!);
    const ratio = median(ratios[k]!);
    const ok = c.target.ratio !== undefined ? ratio <= c.target.ratio : ms / 1000 <= c.target.seconds!;
    const target = c.target.ratio !== undefined ? `≤ ${c.target.ratio}×` : `< ${c.target.seconds} s`;
    lines.push(`| ${c.label} | ${ms.toFixed(1)} | ${ratio.toFixed(2)} | ${target} | ${ok ? 'yes' : 'NO'} |`);
  });
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(runStartupBench());
}
