// Serving helper's section of bench/speed.ts: how decode error depends on the KV depth the speed
// is quoted at, and the error on held-out llama-bench runs only (the issue #13 target: decode at
// depth 0 within 12 % median, prompt within 20 %, no case over 35 %).
import { readFileSync } from 'node:fs';
import { estimateSpeedDetail } from '../../src/estimate/speed.js';
import { evaluate, benchData, inputFor, type EvaluatedRow } from './evaluate.js';
import { MODELS } from './facts.js';

const REFERENCE = JSON.parse(readFileSync(new URL('../../reference/llamacpp_speed.json', import.meta.url), 'utf8')) as {
  rows: { test: string }[];
};

/** Rows outside the reference file that come from llama-bench (its pp/tg tests, as their sources say). */
const EXTRA_LLAMA_BENCH = new Set([
  'x vulkan-4090-tiny',
  'x vulkan-strix-8b',
  'x vulkan-2080ti-tiny',
  'x vulkan-framework-gpt-oss-20b',
  'x vulkan-5090-7b',
  'x vulkan-5090-gpt-oss-20b',
  'x rocm-7900xtx-8b',
  'x cuda-p40-7b',
  'x strix-radv-7b fa0',
  'x strix-radv-7b fa1',
  'x strix-radv-gpt-oss-120b fa0',
  'x strix-radv-gpt-oss-120b fa1',
  'x strix-radv-gpt-oss-20b fa0',
  'x strix-radv-gpt-oss-20b fa1',
]);

/** The extra held-out rows on other GPUs (rows.ts EXTRA_HELD_OUT_ROWS): reported apart, older builds. */
export function isExtraHeldOut(r: { id: string }): boolean {
  return r.id.startsWith('xd ');
}

/** llama-bench rows: reference rows whose test is ppN/tgN, and the extra rows listed above. */
export function isLlamaBench(r: EvaluatedRow): boolean {
  const ref = /^ref (\d+)/.exec(r.id);
  if (ref) return /^(pp|tg)\d+$/.test(REFERENCE.rows[Number(ref[1])]?.test ?? '');
  return EXTRA_LLAMA_BENCH.has(r.id);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** Decode error of `rows` when the KV cache is read at `depth` tokens instead of tg128's mean of 64. */
function decodeErrorsAtDepth(rows: EvaluatedRow[], depth: number): number[] {
  const out: number[] = [];
  for (const r of rows) {
    const input = inputFor(r);
    const model = MODELS[r.model];
    if (typeof input === 'string' || !model) continue;
    const kvPerToken = 2 * model.layers * model.kvHeads * model.headDim * 2;
    const d = estimateSpeedDetail({ ...input, kvCacheBytes: kvPerToken * depth, contextLength: depth });
    out.push(d.decodeTokensPerSecond / r.measured - 1);
  }
  return out;
}

export function depthAndLlamaBenchSection(): string {
  const { evaluated } = evaluate(benchData().rows);
  const heldOut = evaluated.filter((r) => r.split === 'held-out' && !r.flag && !isExtraHeldOut(r));
  const lines: string[] = ['serving (#13): decode depth and held-out llama-bench runs'];
  const decode = heldOut.filter((r) => r.test === 'decode');
  for (const depth of [64, 8192]) {
    const e = decodeErrorsAtDepth(decode, depth);
    lines.push(
      `  held-out decode quoted at ${String(depth).padStart(4)} tokens of KV: median error ${pct(median(e))} (signed), median |error| ${(median(e.map(Math.abs)) * 100).toFixed(1)}% (n=${e.length})`,
    );
  }
  const target = { decode: 0.12, prompt: 0.2 };
  lines.push('  issue #13 targets (llama-bench rows; decode is tg128, i.e. depth 0): median |error| ≤ 12% decode, ≤ 20% prompt, no case over 35%');
  for (const split of ['fit', 'held-out'] as const) {
    for (const test of ['decode', 'prompt'] as const) {
      const rows = evaluated.filter((r) => r.split === split && !r.flag && !r.notFitted && r.test === test && isLlamaBench(r));
      const abs = rows.map((r) => Math.abs(r.error));
      const med = median(abs);
      const max = abs.length ? Math.max(...abs) : Number.NaN;
      const ok = med <= target[test] && max <= 0.35;
      lines.push(
        `    ${split.padEnd(8)} ${test.padEnd(6)} median ${(med * 100).toFixed(1).padStart(5)}%  max ${(max * 100).toFixed(1).padStart(5)}%  (n=${String(rows.length).padStart(2)})  ${split === 'held-out' ? (ok ? 'met' : 'NOT met') : '(calibration)'}`,
      );
    }
  }
  for (const test of ['decode', 'prompt'] as const) {
    const abs = evaluated.filter((r) => isExtraHeldOut(r) && r.test === test).map((r) => Math.abs(r.error));
    lines.push(
      `    extra held-out, other GPUs (Dec 2023 builds) ${test.padEnd(6)} median ${(median(abs) * 100).toFixed(1)}%  max ${(Math.max(...abs) * 100).toFixed(1)}%  (n=${abs.length})`,
    );
  }
  const lb = heldOut.filter(isLlamaBench);
  for (const test of ['decode', 'prompt'] as const) {
    const rows = lb.filter((r) => r.test === test);
    const abs = rows.map((r) => Math.abs(r.error));
    const worst = rows.reduce<EvaluatedRow | null>((w, r) => (w === null || Math.abs(r.error) > Math.abs(w.error) ? r : w), null);
    const over = rows.filter((r) => Math.abs(r.error) > 0.35).map((r) => `${r.id} ${pct(r.error)}`);
    lines.push(
      `  held-out llama-bench ${test}: median |error| ${(median(abs) * 100).toFixed(1)}% (n=${rows.length}), worst ${worst ? `${worst.id} ${pct(worst.error)}` : '—'}; over 35%: ${over.join(', ') || 'none'}`,
    );
  }
  return lines.join('\n');
}
