// The hostile-input matrix (issue #22): generated GGUF headers, catalogs, nvidia-smi
// listings and flag values, each run through the built binary (`npm run build` first).
// Every case: exit 0 (answered) or 2 (bad input, one line naming what is wrong), never 1
// ("unexpected error"); no raw control or bidi byte from the input on stdout or stderr;
// done within 5 s (the spawn is killed after that, and a killed run fails the case).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNodeAsync, BIN, ROOT } from '../helpers/bin.js';
import { fakeNvidiaSmi, gguf, HOSTILE_STRINGS, RAW_CONTROL, tinyKv, tinyTensors, writeFile, type Kv, type RawTensor } from './gen.js';

const posix = process.platform !== 'win32';
const DIR = mkdtempSync(join(tmpdir(), 'llm-pick-hostile-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const LIMIT_MS = 5000;

interface Case {
  name: string;
  args: string[];
  /** 0 answered, 2 refused; [0, 2] either (but never 1). */
  exit: number | number[];
  /** A part of stderr that must be there (the field or file named). */
  stderr?: RegExp;
  env?: NodeJS.ProcessEnv;
}

const cases: Case[] = [];
let n = 0;
const file = (name: string, data: Buffer | string) => writeFile(DIR, `${n++}-${name}`, data);
const hostile = Object.entries(HOSTILE_STRINGS);
const fit = (path: string, ...more: string[]) => ['fit', '--gguf', path, '--vram', '24', ...more];

// --- GGUF headers ---------------------------------------------------------------------
for (const [k, s] of hostile) {
  cases.push({ name: `gguf general.name ${k}`, args: fit(file('name.gguf', gguf(tinyKv({ 'general.name': { str: s } }), tinyTensors()))), exit: 0 });
}
for (const [k, s] of hostile.slice(0, 6)) {
  const tensors = tinyTensors().map((t) => (t.name === 'output_norm.weight' ? { ...t, name: `blk.0.${s}` } : t));
  cases.push({ name: `gguf tensor name ${k} (--json)`, args: fit(file('tensor.gguf', gguf(tinyKv(), tensors)), '--json'), exit: 0 });
}
for (const [k, s] of hostile.filter(([, s]) => !s.includes('\u0000') && !s.includes('/'))) {
  cases.push({ name: `gguf path with ${k}`, args: fit(writeFile(DIR, `p${n++}${s}.gguf`, gguf(tinyKv(), tinyTensors()))), exit: 0 });
}
const badShape: [string, Record<string, Kv>][] = [
  ['block_count 0', { 'llama.block_count': { u32: 0 } }],
  ['block_count -1', { 'llama.block_count': { i32: -1 } }],
  ['block_count 1e9', { 'llama.block_count': { u32: 1e9 } }],
  ['block_count 2^63', { 'llama.block_count': { u64: 2n ** 63n } }],
  ['block_count 1.5', { 'llama.block_count': { f32: 1.5 } }],
  ['block_count a string', { 'llama.block_count': { str: '32' } }],
  ['context_length 0', { 'llama.context_length': { u32: 0 } }],
  ['context_length -4096', { 'llama.context_length': { i32: -4096 } }],
  ['context_length 1.5', { 'llama.context_length': { f32: 1.5 } }],
  ['context_length 2^40', { 'llama.context_length': { u64: 2n ** 40n } }],
  ['head_count 0', { 'llama.attention.head_count': { u32: 0 } }],
  ['head_count_kv 0', { 'llama.attention.head_count_kv': { u32: 0 } }],
  ['head_count -2', { 'llama.attention.head_count': { i32: -2 } }],
  ['embedding_length 0', { 'llama.embedding_length': { u32: 0 } }],
  ['expert_count 1e6', { 'llama.expert_count': { u32: 1e6 } }],
  ['expert_used_count above expert_count', { 'llama.expert_count': { u32: 8 }, 'llama.expert_used_count': { u32: 9 } }],
  ['no architecture', { 'general.architecture': { u32: 1 } }],
];
for (const [name, kv] of badShape) {
  cases.push({ name: `gguf ${name}`, args: fit(file('shape.gguf', gguf(tinyKv(kv), tinyTensors()))), exit: 2, stderr: /--gguf .*(must be|no |whole number)/ });
}
cases.push({
  name: 'gguf per-layer head_count_kv array of a million entries (no stack overflow)',
  args: fit(file('array.gguf', gguf(tinyKv({ 'llama.attention.head_count_kv': { i32s: new Array<number>(1_000_000).fill(1) } }), tinyTensors()))),
  exit: [0, 2],
});
const badKv: [string, Record<string, Kv>][] = [
  ['array of 2^40 entries declared', { 'tokenizer.ggml.scores': { declared: 2n ** 40n, sub: 6 } }],
  ['array of 2^20+1 strings declared', { 'tokenizer.ggml.tokens': { declared: 2n ** 20n + 1n, sub: 8 } }],
  ['value of undefined type 99', { 'general.odd': { badType: 99 } }],
  ['nested arrays declared', { 'general.nested': { declared: 3n, sub: 9 } }],
  ['alignment 3', { 'general.alignment': { u32: 3 } }],
];
for (const [name, kv] of badKv) cases.push({ name: `gguf ${name}`, args: fit(file('kv.gguf', gguf(tinyKv(kv), tinyTensors()))), exit: 2, stderr: /^llm-pick: --gguf / });
cases.push({
  name: 'gguf 262,144-entry vocabulary and merges (a real size) answers in time',
  args: fit(file('vocab.gguf', gguf(tinyKv({ 'tokenizer.ggml.tokens': { strs: Array.from({ length: 262_144 }, (_, i) => `t${i}`) }, 'tokenizer.ggml.merges': { strs: Array.from({ length: 262_144 }, (_, i) => `a${i} b${i}`) } }), tinyTensors()))),
  exit: 0,
});
const withTensor = (change: (t: RawTensor[]) => RawTensor[]) => gguf(tinyKv(), change(tinyTensors()));
const badTensors: [string, Buffer][] = [
  ['zero dimension', withTensor((t) => [{ name: 'blk.0.zero.weight', dims: [0, 256], type: 0 }, ...t])],
  ['dimension 2^40', withTensor((t) => [...t, { name: 'blk.0.huge.weight', dims: [2 ** 40, 2 ** 20], type: 0 }])],
  ['overlapping offsets', withTensor((t) => t.map((x, i) => (i === 1 ? { ...x, offset: 0 } : x)))],
  ['offset beyond the file', withTensor((t) => [...t, { name: 'blk.1.far.weight', dims: [256], type: 0, offset: 2 ** 40 }])],
  ['unknown ggml type', withTensor((t) => [...t, { name: 'blk.1.odd.weight', dims: [256], type: 99 }])],
  ['tensor count 1e9 declared', gguf(tinyKv(), tinyTensors(), { tensorCount: 1_000_000_000n })],
  ['KV count 1e9 declared', gguf(tinyKv(), tinyTensors(), { kvCount: 1_000_000_000n })],
  ['tensor count 2^64-1 declared', gguf(tinyKv(), tinyTensors(), { tensorCount: 2n ** 64n - 1n })],
  ['header over the cap (one 25 MB string)', gguf(tinyKv({ 'tokenizer.chat_template': { str: 'x'.repeat(25 * 1024 * 1024) } }), tinyTensors())],
  ['no tensor data', gguf(tinyKv(), tinyTensors(), { dataBytes: 0 })],
  ['empty file', Buffer.alloc(0)],
  ['not GGUF', Buffer.from('PK\u0003\u0004 not a gguf file at all, just some bytes')],
];
const whole = gguf(tinyKv(), tinyTensors());
for (const cut of [4, 8, 16, 24, 40, 100, 300, 700, 1200, whole.length - 1]) badTensors.push([`cut at ${cut} bytes`, whole.subarray(0, cut)]);
for (const [name, data] of badTensors) cases.push({ name: `gguf ${name}`, args: fit(file('tensors.gguf', data)), exit: 2, stderr: /^llm-pick: --gguf / });
cases.push({ name: 'gguf missing path', args: fit(join(DIR, 'absent.gguf')), exit: 2, stderr: /no such file/ });
cases.push({ name: 'gguf missing shard path', args: fit(join(DIR, 'model-00001-of-00003.gguf')), exit: 2, stderr: /no such file/ });
writeFile(DIR, 'split-00001-of-00002.gguf', whole);
cases.push({ name: 'gguf second shard missing', args: fit(join(DIR, 'split-00001-of-00002.gguf')), exit: 2, stderr: /split-00002-of-00002\.gguf: no such file/ });
writeFile(DIR, 'bad-00002-of-00001.gguf', whole);
cases.push({ name: 'gguf shard 2 of 1', args: fit(join(DIR, 'bad-00002-of-00001.gguf')), exit: 2, stderr: /not a valid split file name/ });
cases.push({ name: 'gguf directory', args: fit(DIR), exit: 2 });
cases.push({ name: 'gguf /dev/zero', args: fit('/dev/zero'), exit: 2, stderr: /not a regular file/ });
const fifo = join(DIR, 'fifo.gguf');
if (posix) execFileSync('mkfifo', [fifo, join(DIR, 'fifo.yaml')]);
cases.push({ name: 'gguf FIFO without a writer', args: fit(fifo), exit: 2, stderr: /not a regular file/ });

// With colour on, llm-pick's own SGR colour sequences pass and nothing else does.
const COLOUR = { NO_COLOR: '', FORCE_COLOR: '1' };
for (const k of ['esc', 'osc52', 'c1csi', 'bidi'] as const) {
  cases.push({ name: `gguf general.name ${k}, colour on`, args: fit(file('colour.gguf', gguf(tinyKv({ 'general.name': { str: HOSTILE_STRINGS[k]! } }), tinyTensors()))), exit: 0, env: COLOUR });
}

// --- Catalogs ---------------------------------------------------------------------------
const localModel = (over: Record<string, unknown> = {}) => ({
  id: 'hostile-8b',
  name: 'Hostile 8B',
  type: 'local',
  family: 'hostile',
  released: '2025-01-01',
  params: { total: 8.03e9, source: 'generated by test/hostile' },
  architecture: { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, vocabSize: 128256, ffnSize: 14336, maxContext: 131072, tiedEmbeddings: false, source: 'generated by test/hostile' },
  license: { id: 'apache-2.0', commercial: 'yes', terms: 'generated', source: 'generated by test/hostile' },
  useCases: ['chat'],
  strengths: 'generated',
  ollama: [{ tag: 'hostile:8b', quant: 'Q4_K_M', sizeBytes: 4900000000, source: 'generated by test/hostile' }],
  hf: { repo: 'owner/hostile-8b', ggufRepo: 'owner/hostile-8b-GGUF', ggufQuants: ['Q4_K_M'], source: 'generated by test/hostile' },
  ...over,
});
const apiModel = (over: Record<string, unknown> = {}) => ({
  id: 'hostile/api', name: 'Hostile API', type: 'api', family: 'hostile', released: '2025-01-01', litellmId: 'hostile/api', provider: 'hostile', envVar: 'HOSTILE_API_KEY',
  usdPerMillionInput: 1, usdPerMillionOutput: 2, contextWindow: 128000, capabilities: { vision: false, tools: true, reasoning: false }, useCases: ['chat'],
  tier: 'mid', tierSource: 'generated by test/hostile', asOf: '2026-01-01', priceSource: 'generated by test/hostile', ...over,
});
const catalog = (models: unknown[], extra: Record<string, unknown> = {}) => file('catalog.json', JSON.stringify({ models, ...extra }, null, 1));
const models = (path: string, ...more: string[]) => ['models', '--catalog', path, ...more];

for (const [k, s] of hostile) cases.push({ name: `catalog model name ${k}`, args: models(catalog([localModel({ name: s })])), exit: 0 });
for (const [k, s] of hostile.slice(0, 5)) {
  cases.push({ name: `catalog licence id ${k} (--json)`, args: models(catalog([localModel({ license: { ...localModel().license, id: s } })]), '--json'), exit: 0 });
}
// `catalog validate` reports findings as a linter does: the list on stdout, exit 1 (its own contract, not a crash).
for (const [k, s] of hostile.slice(0, 4)) cases.push({ name: `catalog validate, id ${k}`, args: ['catalog', 'validate', catalog([localModel({ id: s })])], exit: 1 });
const injections = [`x"); import os; os.system("touch /tmp/pwned") #`, "x'; touch /tmp/pwned; '", 'x$(touch /tmp/pwned)', 'x`id`', 'x y', 'x\nimport os', 'x\u001b]52;c;AA==\u0007', 'x\u202ey'];
for (const v of injections) cases.push({ name: `catalog litellmId ${JSON.stringify(v)}`, args: models(catalog([apiModel({ litellmId: v })])), exit: 2, stderr: /litellmId/ });
for (const v of injections.slice(0, 4)) {
  cases.push({ name: `catalog ollama tag ${JSON.stringify(v)}`, args: models(catalog([localModel({ ollama: [{ ...localModel().ollama[0], tag: v }] })])), exit: 2, stderr: /ollama\.0\.tag|ollama\[0\]\.tag/ });
  cases.push({ name: `catalog hf repo ${JSON.stringify(v)}`, args: models(catalog([localModel({ hf: { ...localModel().hf, repo: v } })])), exit: 2, stderr: /repo/ });
  cases.push({ name: `catalog ggufQuants ${JSON.stringify(v)}`, args: models(catalog([localModel({ hf: { ...localModel().hf, ggufQuants: [v] } })])), exit: 2, stderr: /ggufQuants/ });
}
const arch = localModel().architecture;
const badNumbers: [string, unknown, RegExp][] = [
  ['layers 1e6', localModel({ architecture: { ...arch, layers: 1e6 } }), /layers/],
  ['layers 1.5', localModel({ architecture: { ...arch, layers: 1.5 } }), /layers/],
  ['layers 0', localModel({ architecture: { ...arch, layers: 0 } }), /layers/],
  ['maxContext 1e12', localModel({ architecture: { ...arch, maxContext: 1e12 } }), /maxContext/],
  ['vocabSize 1e300', localModel({ architecture: { ...arch, vocabSize: 1e300 } }), /vocabSize/],
  ['experts 1e5', localModel({ architecture: { ...arch, moe: { experts: 100000, activeExperts: 8, expertFfnSize: 1024 } } }), /experts/],
  ['params 1e300', localModel({ params: { total: 1e300, source: 'generated by test/hostile' } }), /params/],
  ['ollama size 1e300', localModel({ ollama: [{ ...localModel().ollama[0], sizeBytes: 1e300 }] }), /sizeBytes/],
  ['price 1e300', apiModel({ usdPerMillionInput: 1e300 }), /usdPerMillionInput/],
  ['context window 1e12', apiModel({ contextWindow: 1e12 }), /contextWindow/],
];
for (const [name, model, field] of badNumbers) cases.push({ name: `catalog ${name}`, args: models(catalog([model])), exit: 2, stderr: field });
const gpu = { id: 'hostile-gpu', name: 'Hostile GPU', vendor: 'nvidia', segment: 'consumer', backend: 'cuda', vramGiB: 24, memoryBandwidthGBps: 1000, fp16Tflops: 100, tdpWatts: 300, source: 'generated by test/hostile' };
cases.push({ name: 'catalog GPU vramGiB 1e300', args: models(catalog([], { gpus: [{ ...gpu, vramGiB: 1e300 }] })), exit: 2, stderr: /vramGiB/ });
for (const [k, s] of hostile.slice(0, 4)) cases.push({ name: `catalog GPU name ${k} (fit --gpu)`, args: ['fit', '--params', '7', '--quant', 'q4', '--gpu', 'hostile-gpu', '--catalog', catalog([], { gpus: [{ ...gpu, name: s }] })], exit: 0 });
cases.push({ name: 'catalog FIFO without a writer', args: models(join(DIR, 'fifo.yaml')), exit: 2 });
cases.push({ name: 'catalog /dev/zero', args: models('/dev/zero'), exit: 2 });
for (const [k, s] of hostile.slice(0, 3).filter(([, s]) => !s.includes('\u0000'))) cases.push({ name: `catalog missing, path with ${k}`, args: models(join(DIR, `absent${s}.yaml`)), exit: 2, stderr: /no such file/ });

// --- nvidia-smi ---------------------------------------------------------------------------
const CLEAN_PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir !== '' && !['nvidia-smi', 'rocm-smi'].some((tool) => existsSync(join(dir, tool))))
  .join(delimiter);
const HW_CATALOG = ['--catalog', `${ROOT}test/fixtures/hardware/catalog.yaml`];
const smi = (csv: string, ...more: string[]) => ({ args: ['hardware', ...HW_CATALOG, ...more], env: { PATH: `${fakeNvidiaSmi(join(DIR, `smi${n++}`), csv)}${delimiter}${CLEAN_PATH}` } });
const row = (i: number, name: string) => `${i}, ${name}, 24564, 24057, 550.163.01, 8.9, [N/A]\n`;
for (const [k, s] of hostile.filter(([, s]) => !s.includes(',') && !s.includes('\n'))) {
  cases.push({ name: `nvidia-smi GPU name ${k}`, ...smi(row(0, s)), exit: 0 });
}
cases.push({ name: 'nvidia-smi GPU name with ESC (--json)', ...smi(row(0, HOSTILE_STRINGS.esc!), '--json'), exit: 0 });
cases.push({ name: 'nvidia-smi listing 15,000 GPUs', ...smi(Array.from({ length: 15000 }, (_, i) => row(i, 'NVIDIA GeForce RTX 4090')).join('')), exit: [0, 2] });
cases.push({ name: 'nvidia-smi 15,000 lines of garbage', ...smi('garbage \u001b[2J line\n'.repeat(15000)), exit: [0, 2] });

// --- Flags ---------------------------------------------------------------------------------
for (const [k, s] of hostile.filter(([, s]) => !s.includes('\u0000'))) {
  cases.push({ name: `--gpu ${k}`, args: ['fit', '--params', '7', '--quant', 'q4', '--gpu', s], exit: 2, stderr: /--gpu/ });
}
cases.push({ name: '--gpu of 100 KB', args: ['fit', '--params', '7', '--quant', 'q4', '--gpu', 'x'.repeat(100_000)], exit: 2, stderr: /--gpu/ });
cases.push({ name: '--quant with ESC', args: ['fit', '--params', '7', '--quant', 'q4\u001b[2J'], exit: 2, stderr: /--quant/ });
cases.push({ name: '--use-case with bidi', args: ['recommend', '--use-case', 'chat\u202e'], exit: 2, stderr: /--use-case/ });

describe.skipIf(!posix)(`hostile input: ${cases.length} generated cases through the built binary`, () => {
  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const started = Date.now();
    const r = await runNodeAsync(['--max-old-space-size=256', BIN, ...c.args], { timeoutMs: LIMIT_MS, env: { NO_COLOR: '1', ...c.env } });
    const ms = Date.now() - started;
    const allowed = Array.isArray(c.exit) ? c.exit : [c.exit];
    expect(r.status, `exit ${r.status} in ${ms} ms; stderr: ${r.stderr.slice(0, 300)}`).not.toBeNull();
    expect(allowed, `exit ${r.status}; stderr: ${r.stderr.slice(0, 300)}`).toContain(r.status);
    expect(r.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/);
    if (r.status === 1) expect(r.stdout).toMatch(/models\[0\]\.id: /);
    const own = /\u001b\[[0-9;]*m/g; // SGR colour, only when colour is on
    const strip = (t: string) => (c.env?.FORCE_COLOR ? t.replace(own, '') : t);
    expect(strip(r.stdout)).not.toMatch(RAW_CONTROL);
    expect(strip(r.stderr)).not.toMatch(RAW_CONTROL);
    if (c.env?.FORCE_COLOR) expect(r.stdout).toMatch(own);
    if (r.status === 2) {
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    if (c.stderr) expect(r.stderr).toMatch(c.stderr);
    if (c.args.includes('--json') && r.status === 0) expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout).not.toMatch(/Infinity|NaN/);
  }, 30_000);
});
