// Output that fits the terminal: at 60 and 120 columns (COLUMNS, and a real pty via tmux)
// every line fits, no table row wraps, no token (model id, quant, flag) is split across
// lines, and every setup command broken with ` \` reads back as the one-line command of --json.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runNodeAsync, type BinResult } from '../helpers/bin.js';
import { hasTmux, inPty } from '../helpers/pty.js';
import { addOllamaModel, storeEnv, tinyGguf } from '../fixtures/installed/make-stores.js';
import { shellWords } from '../../src/render/wrap.js';

const WIDTHS = [60, 120] as const;
const HW = ['--vram', '24', '--ram', '64'];

/** Every command that prints a table or prose, on planned hardware (nothing probed). */
const CASES: [string, string[]][] = [
  ['recommend', ['recommend', ...HW]],
  ['recommend with API costs', ['recommend', ...HW, '--tokens-per-day', '2000000']],
  ['recommend rag on an RTX 3090', ['recommend', '--gpu', 'RTX 3090', '--ram', '64', '--use-case', 'rag']],
  ['recommend --api-only', ['recommend', ...HW, '--api-only']],
  ['models', ['models']],
  ['models llama-3.1-8b', ['models', 'llama-3.1-8b']],
  ['models --use-case code', ['models', '--use-case', 'code']],
  ['hardware (planned)', ['hardware', '--gpu', '4090', '--gpus', '2', '--ram', '64']],
  ['hardware --list', ['hardware', '--list']],
  ['cost', ['cost', ...HW, '--tokens-per-day', '2000000']],
  ['fit --model', ['fit', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', ...HW]],
  ['fit --params (offload)', ['fit', '--params', '70', '--quant', 'Q4_K_M', ...HW]],
  ['fit --engine vllm on 2 GPUs', ['fit', '--model', 'llama-3.1-70b', '--quant', 'awq', '--gpu', '4090', '--gpus', '2', '--ram', '64', '--engine', 'vllm']],
  ['quants', ['quants']],
  ['engines', ['engines']],
  ['installed', ['installed', ...HW]],
];

let home: string;
let installedEnv: NodeJS.ProcessEnv;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'llm-pick-width-'));
  installedEnv = storeEnv(home);
  addOllamaModel(installedEnv.OLLAMA_MODELS!, 'qwen3', '8b', tinyGguf());
});

const envFor = (args: string[]) => (args[0] === 'installed' ? installedEnv : {});

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<BinResult> {
  return runNodeAsync([BIN, ...args], { env: { ...envFor(args), ...env }, timeoutMs: 60_000 });
}

const length = (line: string) => [...line].length;
const isTable = (line: string) => /^[┌│├└]/.test(line);

/** Every string value in a JSON document. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** Tokens that must never be split: ids, quant names, flags (words of the JSON with - _ . : or /). */
function knownTokens(json: unknown): Set<string> {
  const tokens = new Set<string>(['Q4_K_M', 'Q5_K_M', '--tensor-parallel-size', '--gpu-memory-utilization', '--max-model-len']);
  for (const s of strings(json)) {
    for (const word of s.split(/\s+/)) {
      const t = word.replace(/^[("'[`]+|[)"'\],.;:`]+$/g, '');
      if (t.length >= 5 && t.length <= 60 && /[-_.:/]/.test(t) && /[a-zA-Z]/.test(t)) tokens.add(t);
    }
  }
  return tokens;
}

/** Pairs of adjacent prose lines where a known token is cut in two. */
function splitTokens(lines: string[], tokens: Set<string>): string[] {
  const found: string[] = [];
  for (let i = 0; i + 1 < lines.length; i += 1) {
    const a = lines[i]!;
    const b = lines[i + 1]!;
    if (isTable(a) || isTable(b) || a.trim() === '' || b.trim() === '' || a.endsWith(' \\')) continue;
    const tail = a.trimEnd().split(/\s+/).pop()!;
    const head = b.trim().replace(/^(?:[-•#$] )/, '').split(/\s+/)[0]!;
    const joined = `${tail}${head}`;
    for (const t of tokens) {
      if (joined.includes(t) && !tail.includes(t) && !head.includes(t)) found.push(`${t}: "${a.trim()}" / "${b.trim()}"`);
    }
  }
  return found;
}

/** Second lines of a table row that are not one of the sub-lines a cell carries by design. */
const SUB_LINE = /^(?:└ |\+ |→ |ollama: |restricted$|non-commercial$|\d+ dim)/;

/** Problems with the tables: rows wider than the others, cells wrapped onto a second line, cut cells. */
function tableProblems(lines: string[]): string[] {
  const problems: string[] = [];
  let block: string[] = [];
  const check = () => {
    if (block.length === 0) return;
    const widths = new Set(block.map(length));
    if (widths.size > 1) problems.push(`ragged table: ${[...widths].join(', ')}`);
    let rowLines = 0;
    for (const line of block) {
      if (!line.startsWith('│')) {
        rowLines = 0;
        continue;
      }
      rowLines += 1;
      if (line.includes('…')) problems.push(`cut cell: ${line}`);
      if (rowLines === 1) continue;
      const cells = line.split('│').slice(1, -1).map((c) => c.trim()).filter((c) => c !== '');
      for (const c of cells) if (!SUB_LINE.test(c)) problems.push(`wrapped cell "${c}": ${line}`);
    }
    block = [];
  };
  for (const line of lines) {
    if (isTable(line)) block.push(line);
    else check();
  }
  check();
  return problems;
}

/** Commands printed on their own lines (after "$ ", "Run: " or alone), continuation lines joined. */
function commands(lines: string[]): string[] {
  const out: string[] = [];
  const start = /^\s*(?:\$ |Run: )?((?:[A-Z_]+=\S+ )*(?:ollama|llama-server|vllm|hf|pip|export|rpc-server|ray) .*)$/;
  for (let i = 0; i < lines.length; i += 1) {
    const m = start.exec(lines[i]!);
    if (!m) continue;
    let command = m[1]!;
    while (command.endsWith(' \\') && i + 1 < lines.length) {
      i += 1;
      command = `${command.slice(0, -2)} ${lines[i]!.trim()}`;
    }
    out.push(command);
  }
  return out;
}

/** Every check on one human output, against the --json document of the same command. */
function checkOutput(stdout: string, width: number, json: unknown): void {
  const lines = stdout.replace(/\n$/, '').split('\n');
  // The one exception: a single shell word wider than the terminal (a quoted JSON body), on its
  // own continuation line: breaking it would change the command.
  const oneWord = (l: string) => shellWords(l.replace(/ \\$/, '').trim()).length === 1;
  const over = lines.filter((l, i) => length(l) > width && !(i > 0 && lines[i - 1]!.endsWith(' \\') && oneWord(l)));
  expect(over, `lines over ${width} columns`).toEqual([]);
  expect(tableProblems(lines)).toEqual([]);
  expect(splitTokens(lines, knownTokens(json))).toEqual([]);
  const all = new Set(strings(json));
  for (const c of commands(lines)) expect(all.has(c) || [...all].some((s) => s.includes(c)), `command read back: ${c}`).toBe(true);
}

const jsonDocs = new Map<string, Promise<unknown>>();
function jsonOf(args: string[]): Promise<unknown> {
  const key = args.join(' ');
  if (!jsonDocs.has(key)) {
    jsonDocs.set(
      key,
      run([...args, '--json']).then((r) => {
        expect(r.status).toBe(0);
        return JSON.parse(r.stdout) as unknown;
      }),
    );
  }
  return jsonDocs.get(key)!;
}

describe.each(WIDTHS)('COLUMNS=%i', (width) => {
  it.each(CASES)('%s fits, rows on one line, no token split', async (_name, args) => {
    const [r, json] = await Promise.all([run(args, { COLUMNS: String(width) }), jsonOf(args)]);
    expect(r.status).toBe(0);
    checkOutput(r.stdout, width, json);
  }, 120_000);
});

describe('what the layout does at 60 columns', () => {
  it('names the columns a table hid, and breaks a long serve command with a continuation that reads back', async () => {
    const args = CASES.find(([name]) => name.startsWith('fit --engine vllm'))![1];
    const [r, json] = await Promise.all([run(args, { COLUMNS: '60' }), jsonOf(args)]);
    expect(r.stdout.replace(/\n +/g, ' ')).toMatch(/hidden at 60 columns: .+ — widen the terminal or use --json/);
    const lines = r.stdout.split('\n');
    expect(lines.some((l) => l.endsWith(' \\'))).toBe(true);
    const serving = (json as { serving: { command: string } }).serving.command;
    expect(commands(lines)).toContain(serving);
  }, 120_000);

  it('a pipe without COLUMNS keeps the 100-column tables and whole prose lines (for grep and the pager)', async () => {
    const [pipe, hundred] = await Promise.all([run(['recommend', ...HW]), run(['recommend', ...HW], { COLUMNS: '100' })]);
    const tables = (s: string) => s.split('\n').filter(isTable);
    expect(tables(pipe.stdout)).toEqual(tables(hundred.stdout));
    expect(Math.max(...tables(pipe.stdout).map(length))).toBeLessThanOrEqual(100);
    const reasons = pipe.stdout.split('\n').filter((l) => l.startsWith('  - '));
    expect(Math.max(...reasons.map(length))).toBeGreaterThan(100);
    expect(Math.max(...hundred.stdout.split('\n').map(length))).toBeLessThanOrEqual(100);
  }, 60_000);

  it('COLUMNS that is not a positive integer is ignored', async () => {
    const [bad, none] = await Promise.all([run(['quants'], { COLUMNS: 'wide' }), run(['quants'])]);
    expect(bad.stdout).toBe(none.stdout);
  }, 60_000);
});

const PTY_CASES = CASES.filter(([name]) => ['recommend with API costs', 'models --use-case code', 'fit --engine vllm on 2 GPUs', 'hardware --list', 'engines'].includes(name));

describe.skipIf(!hasTmux)('in a real pty (tmux), no COLUMNS', () => {
  describe.each(WIDTHS)('%i columns', (width) => {
    it.each(PTY_CASES)('%s', async (_name, args) => {
      const json = await jsonOf(args);
      const shown = inPty([BIN, ...args], width, envFor(args))
        .split('\n')
        .map((l) => l.replace(/\s+$/, ''))
        .join('\n');
      expect(shown.length).toBeGreaterThan(0);
      checkOutput(shown, width, json);
    }, 120_000);
  });
});

it.runIf(!hasTmux)('pty tests skipped: tmux is not installed (apt-get install tmux)', () => {
  expect(hasTmux).toBe(false);
});
