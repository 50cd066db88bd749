// Bad input, everywhere (issue 8): every command and flag with values it must refuse, through
// the built binary (`npm run build` first), each with and without --json. Every case must:
// exit 2, print nothing on stdout, and print exactly one line on stderr that names the flag,
// file, line or field and what is allowed (a per-case regex), with no stack trace and no
// "unexpected error". Adding a case is one line in a table below.
//
// Also here: what an unexpected error (a bug) looks like (exit 1, a short message and a hint to
// report it, internals only with --debug), end to end on a damaged install and unit-tested on
// reportError(); and a write failure on stdout (a full disk).
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError, UsageError } from '../../src/core/errors.js';
import { reportError } from '../../src/cli/main.js';
import { BIN, ROOT, runNodeAsync, type BinResult } from '../helpers/bin.js';
import { makeGguf, tinyLlama } from '../fixtures/gguf/make-gguf.js';

// ---------------------------------------------------------------------------------------------
// Running the binary: asynchronously, a few at a time (2 cores shared with other work).

function run(args: string[], opts: { bin?: string; stdoutFd?: number } = {}): Promise<BinResult> {
  return runNodeAsync([opts.bin ?? BIN, ...args], opts.stdoutFd !== undefined ? { stdoutFd: opts.stdoutFd } : {});
}

// ---------------------------------------------------------------------------------------------
// Files: static ones in test/fixtures/bad/, generated ones (GGUF variants) in a temporary folder.

const BAD = join(ROOT, 'test/fixtures/bad');
const bad = (name: string) => join(BAD, name);
const MINI = join(ROOT, 'test/fixtures/catalog/mini.yaml');
const TMP = mkdtempSync(join(tmpdir(), 'llm-pick-bad-input-'));
const tmp = (name: string) => join(TMP, name);
const IS_ROOT = process.getuid?.() === 0;
const NO_DEVICES = !existsSync('/dev/zero');

const tiny = tinyLlama().file;
writeFileSync(tmp('tiny.gguf'), tiny);
writeFileSync(tmp('empty.gguf'), '');
writeFileSync(tmp('magic-only.gguf'), 'GGUF');
// Header cut short (inside the metadata, inside the token list) and tensor data cut short.
writeFileSync(tmp('cut-100.gguf'), tiny.subarray(0, 100));
writeFileSync(tmp('cut-2000.gguf'), tiny.subarray(0, 2000));
writeFileSync(tmp('cut-data.gguf'), tiny.subarray(0, tiny.length - 100));
{
  const v = Buffer.from(tiny);
  v.writeUInt32LE(99, 4); // GGUF version 99
  writeFileSync(tmp('version-99.gguf'), v);
  const n = Buffer.from(tiny);
  n.writeBigUInt64LE(2n ** 62n, 8); // tensor count
  writeFileSync(tmp('tensor-count.gguf'), n);
}
writeFileSync(tmp('no-arch.gguf'), makeGguf({ 'general.name': { str: 'no architecture' } }, []));
writeFileSync(tmp('split-00001-of-00002.gguf'), tiny); // its second shard does not exist
mkdirSync(tmp('a-dir.gguf'));
mkdirSync(tmp('a-dir.yaml'));
copyFileSync(MINI, tmp('unreadable.yaml'));
copyFileSync(tmp('tiny.gguf'), tmp('unreadable.gguf'));
writeFileSync(tmp('huge.yaml'), '');
truncateSync(tmp('huge.yaml'), 17 * 1024 * 1024); // sparse: 17 MiB of zeros, nothing on disk
chmodSync(tmp('unreadable.yaml'), 0o000);
chmodSync(tmp('unreadable.gguf'), 0o000);

// ---------------------------------------------------------------------------------------------
// The tables.

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A regex from literal text: the path or message as printed. */
const lit = (s: string) => new RegExp(esc(s));
const ALLOWED_QUANTS = /--quant must be one of q3, q4, q5, q6, q8, fp16.*Q4_K_M.*IQ4_XS.* \(case-insensitive\); got /;
const COMMANDS = /commands: fit, recommend, hardware, models, quants, engines, cost, installed, calibrate, catalog, schema, completion, mcp, config/;
const GPU_UNKNOWN = /--gpu "no-such-gpu" is not in the GPU catalog.*\(all: `llm-pick hardware --list`\)/;
const CPU_ONLY = /--cpu-only plans for no GPU: it cannot be combined with --gpu, --vram or --gpus/;
const CATALOG_MISSING = (p: string) => lit(`--catalog ${p}: no such file`);

interface Options {
  /** Put --json first (the case ends with a flag that lacks its value). */
  jsonFirst?: boolean;
  skip?: boolean;
}
type Case = [name: string, args: string[], message: RegExp, options?: Options];

/**
 * Numeric flags: [command, flag, kind, min, max], as declared in src/cli/index.ts. The first
 * flag of each kind gets every bad value; the others (same parser, other wiring) a few each.
 */
type Kind = 'positive' | 'nonNegative' | 'integer' | 'fraction';
const NUMERIC_FULL: [string[], string, Kind, number, number][] = [
  [['fit'], '--params', 'positive', 0, 10000],
  [['fit'], '--ctx', 'integer', 1, 16_777_216],
  [['recommend'], '--tokens-per-day', 'nonNegative', 0, 1e13],
  [['recommend'], '--input-share', 'fraction', 0, 1],
];
const NUMERIC: [string[], string, Kind, number, number][] = [
  [['fit'], '--nodes', 'integer', 1, 64],
  [['fit'], '--vram', 'positive', 0, 16384],
  [['fit'], '--gpus', 'integer', 1, 64],
  [['fit'], '--ram', 'positive', 0, 16384],
  [['recommend'], '--ctx', 'integer', 1, 16_777_216],
  [['recommend'], '--budget', 'nonNegative', 0, 1e9],
  [['recommend'], '--top', 'integer', 1, 100],
  [['models'], '--max-params', 'positive', 0, 10000],
  [['cost'], '--kwh-price', 'nonNegative', 0, 100],
  [['cost'], '--hours-per-day', 'positive', 0, 24],
  [['cost'], '--hardware-cost', 'nonNegative', 0, 1e9],
  [['cost'], '--months', 'integer', 1, 600],
];
/** The same parsers wired to other commands: a shorter list of values each. */
const NUMERIC_ELSEWHERE: [string[], string, Kind, number, number][] = [
  ...['recommend', 'hardware', 'cost'].flatMap((cmd): [string[], string, Kind, number, number][] => [
    [[cmd], '--vram', 'positive', 0, 16384],
    [[cmd], '--gpus', 'integer', 1, 64],
    [[cmd], '--ram', 'positive', 0, 16384],
  ]),
  [['cost'], '--tokens-per-day', 'nonNegative', 0, 1e13],
  [['cost'], '--input-share', 'fraction', 0, 1],
];

const NOT_NUMBERS = ['abc', 'NaN', 'Infinity', '1e400', '', ' ', '12GB', '0x10'];

function badValues(kind: Kind, min: number, max: number): string[] {
  const tooBig = String(max * 10);
  switch (kind) {
    case 'positive':
      return ['-1', '0', '-0', tooBig, ...(99999999999 > max ? ['99999999999'] : [])];
    case 'nonNegative':
      return ['-1', '-0.5', tooBig];
    case 'integer':
      return ['-1', ...(min > 0 ? [String(min - 1)] : []), '1.5', String(max + 1), '99999999999'];
    case 'fraction':
      return ['-0.1', '1.5', '2'];
  }
}

function allowed(kind: Kind, min: number, max: number): string {
  switch (kind) {
    case 'positive':
      return `a number greater than 0 and at most ${max}`;
    case 'nonNegative':
      return `a number from 0 to ${max}`;
    case 'integer':
      return `a whole number from ${min} to ${max}`;
    case 'fraction':
      return 'a number from 0 to 1';
  }
}

function numericCase(cmd: string[], flag: string, kind: Kind, min: number, max: number, value: string): Case {
  const message = new RegExp(`^llm-pick: ${esc(flag)} takes [^;]+: ${esc(allowed(kind, min, max))}; got ${esc(JSON.stringify(value))}$`);
  return [`${cmd.join(' ')} ${flag} ${JSON.stringify(value)}`, [...cmd, flag, value], message];
}

const NUMERIC_CASES: Case[] = [
  ...NUMERIC_FULL.flatMap(([cmd, flag, kind, min, max]) =>
    [...NOT_NUMBERS, ...badValues(kind, min, max)].map((v) => numericCase(cmd, flag, kind, min, max, v)),
  ),
  ...NUMERIC.flatMap(([cmd, flag, kind, min, max]) => {
    const values = badValues(kind, min, max);
    return ['abc', values[0]!, values[values.length - 1]!].map((v) => numericCase(cmd, flag, kind, min, max, v));
  }),
  ...NUMERIC_ELSEWHERE.map(([cmd, flag, kind, min, max], i) =>
    numericCase(cmd, flag, kind, min, max, i % 2 === 0 ? 'abc' : badValues(kind, min, max)[0]!),
  ),
  // Zero where a count must be at least 1.
  numericCase(['recommend'], '--top', 'integer', 1, 100, '0'),
  numericCase(['recommend'], '--ctx', 'integer', 1, 16_777_216, '0'),
  numericCase(['fit'], '--gpus', 'integer', 1, 64, '0'),
  numericCase(['fit'], '--nodes', 'integer', 1, 64, '0'),
  numericCase(['cost'], '--months', 'integer', 1, 600, '0'),
  numericCase(['fit'], '--vram', 'positive', 0, 16384, '0'),
  numericCase(['models'], '--max-params', 'positive', 0, 10000, '0'),
];

const USAGE_CASES: Case[] = [
  // Unknown enum values and empty strings.
  ['--quant q9', ['fit', '--params', '8', '--quant', 'q9'], ALLOWED_QUANTS],
  ['--quant Q4_K_XXL', ['fit', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_XXL'], ALLOWED_QUANTS],
  ['--quant ""', ['fit', '--params', '8', '--quant', ''], /--quant takes a quantization name; got an empty value/],
  ['--kv-quant f8', ['fit', '--params', '8', '--quant', 'q4', '--kv-quant', 'f8'], /--kv-quant must be one of f16, q8_0, q4_0; got "f8" \(did you mean q8, f16 or q8_0\?\)$/],
  ['--kv-quant ""', ['fit', '--params', '8', '--quant', 'q4', '--kv-quant', ''], /--kv-quant must be one of f16, q8_0, q4_0; got ""$/],
  ['recommend --use-case poetry', ['recommend', '--use-case', 'poetry'], /--use-case must be one of chat, code, rag, extraction, summarization, embedding, long-context; got "poetry"$/],
  ['models --use-case poetry', ['models', '--use-case', 'poetry'], /--use-case must be one of chat, code, .*long-context; got "poetry"$/],
  ['--priority fast', ['recommend', '--priority', 'fast'], /--priority must be one of quality, balanced, speed; got "fast"$/],
  ['--type foo', ['models', '--type', 'foo'], /--type must be one of local, embedding, api; got "foo"$/],
  ['--model ""', ['fit', '--model', '', '--quant', 'q4'], /--model takes a model name from `llm-pick models`; got an empty value/],
  ['--gguf ""', ['fit', '--gguf', ''], /--gguf takes a path to a \.gguf file; got an empty value/],
  ['fit --gpu ""', ['fit', '--params', '8', '--quant', 'q4', '--gpu', ''], /--gpu takes a GPU name from `llm-pick hardware --list`; got an empty value/],
  ['hardware --gpu " "', ['hardware', '--gpu', ' '], /--gpu takes a GPU name .*; got an empty value/],
  ['--provider ""', ['models', '--provider', ''], /--provider takes a provider name; got an empty value/],
  ['--api-model ""', ['cost', '--api-model', ''], /--api-model takes an API model name; got an empty value/],
  ['cost --model ""', ['cost', '--model', ''], /--model takes a model name from `llm-pick models`; got an empty value/],
  ['--catalog ""', ['--catalog', '', 'models'], /--catalog takes a catalog file path; got an empty value/],
  ['a newline in a number', ['fit', '--params', '1\n2', '--quant', 'q4'], /--params takes .*; got "1\\n2"$/],
  ['a newline in a command', ['a\nb'], /unknown command "a\\nb"; commands: fit, /],
  ['a newline in a model id', ['fit', '--model', 'a\nb', '--quant', 'q4'], /--model "a\\nb" is not in the catalog/],
  ['a newline in a file name', ['fit', '--gguf', '/no/such\n.gguf'], /--gguf \/no\/such\\n\.gguf: no such file/],
  ['a newline in a quant', ['fit', '--params', '8', '--quant', 'q4\nq5'], /--quant must be one of .*; got "q4\\nq5"$/],

  // Unknown commands and flags, extra arguments, missing values.
  ['unknown command', ['bogus'], new RegExp(`unknown command "bogus"; ${COMMANDS.source} \\(see llm-pick --help\\)`)],
  ['a typo of a command', ['recomend', '--vram', '24'], /unknown command "recomend" \(did you mean recommend\?\); commands: fit, recommend/],
  ['catalog alone', ['catalog'], /catalog needs a command; commands: validate \(see llm-pick catalog --help\)/],
  ['catalog bogus', ['catalog', 'bogus'], /unknown command "catalog bogus"; commands: validate/],
  ['unknown root option', ['--bogus'], /unknown option "--bogus" for llm-pick; options: --version, --json, --catalog, --no-color, --debug, --config-file, --help/],
  ['unknown fit option', ['fit', '--bogus'], /unknown option "--bogus" for fit; options: --params, --model, --gguf, --hf, --config, --quant, --ctx, .*--help \(see llm-pick fit --help\)/],
  ['a typo of a flag', ['fit', '--parms', '8', '--quant', 'q4'], /unknown option "--parms" for fit \(did you mean --params\?\); options: --params/],
  ['a short flag', ['fit', '-x'], /unknown option "-x" for fit; options: --params/],
  ['a value on a boolean flag', ['fit', '--params', '8', '--quant', 'q4', '--require-fit=yes'], /unknown option "--require-fit=yes" for fit.*options: .*--require-fit/],
  ["another command's flag", ['models', '--vram', '24'], /unknown option "--vram" for models; options: --type, --use-case, --provider, --max-params, --commercial/],
  ['catalog validate -q', ['catalog', 'validate', MINI, '-q'], /unknown option "-q" for catalog validate; options: /],
  ['extra argument to quants', ['quants', 'extra'], /quants takes no arguments; got extra "extra" \(see llm-pick quants --help\)/],
  ['extra argument to engines', ['engines', 'a', 'b'], /engines takes no arguments; got extra "a" "b"/],
  ['extra argument to fit', ['fit', 'llama', '--params', '8', '--quant', 'q4'], /fit takes no arguments; got extra "llama"/],
  ['extra argument to recommend', ['recommend', 'chat'], /recommend takes no arguments; got extra "chat"/],
  ['extra argument to hardware', ['hardware', 'now'], /hardware takes no arguments; got extra "now"/],
  ['extra argument to models', ['models', 'llama', 'extra'], /models takes at most \[name\]; got extra "extra"/],
  ['unknown model name to models', ['models', 'zzzz'], /models "zzzz" is not in the catalog \(all: `llm-pick models`\)/],
  ['ambiguous model name to models', ['models', 'llama3.1'], /models "llama3.1" names several models: llama-3.1-8b, llama-3.1-70b; give one of these ids/],
  ['extra argument to cost', ['cost', '1000'], /cost takes no arguments; got extra "1000"/],
  ['two schema kinds', ['schema', 'fit', 'cost'], /schema takes at most \[kind\]; got extra "cost"/],
  ['two catalog files', ['catalog', 'validate', MINI, MINI], /catalog validate takes at most <file>; got extra /],
  ['--params without a value', ['fit', '--params'], /--params needs a value: model size in billions of parameters \(70, 8B, 1\.5B\) \(see llm-pick fit --help\)/, { jsonFirst: true }],
  ['--quant without a value', ['fit', '--params', '8', '--quant'], /--quant needs a value: quantization: q3, q4, q5, q6, q8, fp16 or a GGUF type/, { jsonFirst: true }],
  ['--gguf without a value', ['fit', '--gguf'], /--gguf needs a value: read shape and quantization from a local GGUF file header/, { jsonFirst: true }],
  ['--use-case without a value', ['recommend', '--use-case'], /--use-case needs a value: what the model is for/, { jsonFirst: true }],
  ['--gpu without a value', ['hardware', '--gpu'], /--gpu needs a value: plan for a GPU from the catalog/, { jsonFirst: true }],
  ['--catalog without a value', ['models', '--catalog'], /--catalog needs a value: merge a user catalog \(YAML or JSON\)/, { jsonFirst: true }],
  ['--api-model without a value', ['cost', '--api-model'], /--api-model needs a value: API model\(s\) to price/, { jsonFirst: true }],
  ['schema foo', ['schema', 'foo'], /schema: unknown kind "foo"; kinds: fit, hardware, models, quants, engines, recommend, cost, installed, calibrate, config, catalog-validate, fit-options, recommend-options, hardware-options, models-options, cost-options, installed-options, calibrate-options$/],
  ['schema ""', ['schema', ''], /schema: unknown kind ""; kinds: fit, /],
  ['catalog validate without a file', ['catalog', 'validate'], /catalog validate needs <file>: a user catalog file, YAML or JSON \(usage: llm-pick catalog validate <file>/],
  ['catalog validate ""', ['catalog', 'validate', ''], /catalog validate needs a FILE \(YAML or JSON\)/],
  ['no command without a terminal', [], /`llm-pick recommend/],

  // Missing or conflicting required flags.
  ['fit without a model', ['fit'], /fit needs a model: give exactly one of --params B \(billions\), --model ID \(see `llm-pick models`\), --gguf FILE, --hf DIR or --config FILE/],
  ['fit with only --quant', ['fit', '--quant', 'q4', '--vram', '24'], /fit needs a model: give exactly one of --params B/],
  ['--params and --model', ['fit', '--params', '8', '--model', 'llama-3.1-8b', '--quant', 'q4'], /give exactly one of --params, --model, --gguf, --hf or --config, not several/],
  ['--params and --gguf', ['fit', '--params', '8', '--gguf', tmp('tiny.gguf')], /give exactly one of --params, --model, --gguf, --hf or --config, not several/],
  ['--model and --gguf', ['fit', '--model', 'llama-3.1-8b', '--gguf', tmp('tiny.gguf')], /give exactly one of --params, --model, --gguf, --hf or --config, not several/],
  // With a budget fit chooses the quantization (test/fit/quant-default.test.ts); these still need --quant.
  ['--config without --quant', ['fit', '--config', join(ROOT, 'test/fixtures/hf-config/qwen3-8b.config.json'), '--vram', '24'], /--quant is required with --config \(a config.json has the shape, not the weights\)/],
  ['--params --engine vllm without --quant', ['fit', '--params', '8', '--vram', '24', '--engine', 'vllm'], /--quant is required with --engine vllm: .*awq, gptq, fp8, bnb-nf4 or bf16/],
  ['--gguf with --quant', ['fit', '--gguf', tmp('tiny.gguf'), '--quant', 'q4'], /--quant cannot be combined with --gguf: the file's own tensor types are used/],
  ['fit --cpu-only --vram', ['fit', '--params', '8', '--quant', 'q4', '--cpu-only', '--vram', '24'], CPU_ONLY],
  ['recommend --cpu-only --gpu', ['recommend', '--cpu-only', '--gpu', '3090'], CPU_ONLY],
  ['hardware --cpu-only --gpus', ['hardware', '--cpu-only', '--gpus', '2'], CPU_ONLY],
  ['cost --cpu-only --gpu', ['cost', '--cpu-only', '--gpu', '4090'], CPU_ONLY],
  ['--local-only and --api-only', ['recommend', '--local-only', '--api-only'], /--local-only and --api-only cannot be used together; choose one/],
  ['--api-only and --privacy', ['recommend', '--api-only', '--privacy'], /--api-only cannot be used with --privacy: --privacy allows local models only/],
  ['--api-only and --offline', ['recommend', '--api-only', '--offline'], /--api-only cannot be used with --offline/],

  // Unknown catalog ids and GPU names.
  ['unknown --model', ['fit', '--model', 'llama-9-900b', '--quant', 'q4'], /--model "llama-9-900b" is not in the catalog; did you mean .*\? \(all: `llm-pick models --type local`\)/],
  ['unknown --model, nothing close', ['fit', '--model', 'zzz', '--quant', 'q4'], /--model "zzz" is not in the catalog \(all: `llm-pick models --type local`\)/],
  ['an API model to fit', ['fit', '--model', 'gpt-4o', '--quant', 'q4'], /--model "gpt-4o" is gpt-4o, an API model; --model takes a local model \(see `llm-pick models --type local`\)/],
  ['unknown cost --model', ['cost', '--model', 'nope'], /--model "nope" is not in the catalog.* \(all: `llm-pick models --type local`\)/],
  ['an API model as cost --model', ['cost', '--model', 'gpt-4o'], /--model "gpt-4o" is gpt-4o, an API model; --model takes a local model/],
  ['unknown --api-model', ['cost', '--api-model', 'gpt-99'], /--api-model "gpt-99" is not in the catalog; did you mean .*\(all: `llm-pick models --type api`\)/],
  ['a local model as --api-model', ['cost', '--api-model', 'llama-3.1-8b'], /--api-model "llama-3.1-8b" is llama-3.1-8b, a local model; --api-model takes an API model/],
  ['fit unknown --gpu', ['fit', '--params', '8', '--quant', 'q4', '--gpu', 'no-such-gpu'], GPU_UNKNOWN],
  ['recommend unknown --gpu', ['recommend', '--gpu', 'no-such-gpu'], GPU_UNKNOWN],
  ['hardware unknown --gpu', ['hardware', '--gpu', 'no-such-gpu'], GPU_UNKNOWN],
  ['cost unknown --gpu', ['cost', '--gpu', 'no-such-gpu'], GPU_UNKNOWN],
  ['an ambiguous --gpu', ['fit', '--params', '8', '--quant', 'q4', '--gpu', 'rtx'], /--gpu "rtx" matches several GPUs: .*\(rtx-3090\).*; give one of those ids$/],
  ['--debug with an unknown option', ['fit', '--bogus', '--debug'], /unknown option "--bogus" for fit; options: /],
  ['--debug does not add a stack to bad input', ['fit', '--params', '-1', '--quant', 'q4', '--debug'], /--params takes billions of parameters \(e\.g\. 70, 8B or 1\.5B\): /],
];

const CATALOG_CASES: Case[] = [
  ['--catalog missing', ['--catalog', tmp('missing.yaml'), 'models'], CATALOG_MISSING(tmp('missing.yaml'))],
  ['--catalog a directory', ['--catalog', tmp('a-dir.yaml'), 'models'], lit(`--catalog ${tmp('a-dir.yaml')}: is a directory; give a YAML or JSON file`)],
  ['--catalog unreadable', ['--catalog', tmp('unreadable.yaml'), 'models'], lit(`--catalog ${tmp('unreadable.yaml')}: cannot be read (EACCES)`), { skip: IS_ROOT }],
  ['--catalog empty', ['--catalog', bad('empty.yaml'), 'models'], lit(`${bad('empty.yaml')}: the file is empty; a catalog is YAML or JSON with models, gpus, quants or engines`)],
  ['--catalog blank', ['--catalog', bad('blank.yaml'), 'models'], lit(`${bad('blank.yaml')}: the file is empty; a catalog is YAML or JSON`)],
  ['--catalog binary', ['--catalog', bad('binary.dat'), 'models'], lit(`${bad('binary.dat')}: not a text file (it holds NUL bytes); a catalog is YAML or JSON`)],
  ['--catalog a GGUF file', ['--catalog', tmp('tiny.gguf'), 'models'], lit(`${tmp('tiny.gguf')}: not a text file (it holds NUL bytes)`)],
  ['--catalog YAML syntax', ['--catalog', bad('syntax.yaml'), 'models'], new RegExp(`${esc(bad('syntax.yaml'))}:\\d+: Flow map .*\\(and 1 more: run \`llm-pick catalog validate `)],
  ['--catalog JSON syntax', ['--catalog', bad('syntax.json'), 'models'], new RegExp(`${esc(bad('syntax.json'))}:5: Flow map must end with a \\}`)],
  ['--catalog duplicate key', ['--catalog', bad('duplicate-key.yaml'), 'models'], lit(`${bad('duplicate-key.yaml')}:3: Map keys must be unique`)],
  ['--catalog alias bomb', ['--catalog', bad('alias-bomb.yaml'), 'models'], lit(`${bad('alias-bomb.yaml')}: Excessive alias count`)],
  ['--catalog nested too deeply', ['--catalog', bad('deep.json'), 'models'], lit(`${bad('deep.json')}:1: nested too deeply`)],
  ['--catalog a list', ['--catalog', bad('list.yaml'), 'models'], lit(`${bad('list.yaml')}:1: a catalog is a mapping with any of: models, gpus, quants, engines, scores`)],
  ['--catalog a number', ['--catalog', bad('scalar.json'), 'models'], lit(`${bad('scalar.json')}:1: a catalog is a mapping with any of: models, gpus, quants, engines, scores`)],
  ['--catalog text', ['--catalog', bad('not-gguf.gguf'), 'models'], lit(`${bad('not-gguf.gguf')}:1: a catalog is a mapping with any of: models, gpus, quants, engines, scores`)],
  ['--catalog unknown section', ['--catalog', bad('unknown-section.yaml'), 'models'], lit(`${bad('unknown-section.yaml')}:2 prompts: unknown section; allowed: models, gpus, quants, engines, scores`)],
  ['--catalog section not a list', ['--catalog', bad('section-not-list.yaml'), 'models'], lit(`${bad('section-not-list.yaml')}:2 models: must be a list`)],
  ['--catalog invalid model', ['--catalog', bad('invalid-model.yaml'), 'models'], new RegExp(`${esc(bad('invalid-model.yaml'))}:10 models\\[0\\]\\.architecture\\.layers: Too small: expected number to be >0 \\(and 1 more: run \`llm-pick catalog validate `)],
  ['--catalog invalid GPU (JSON)', ['--catalog', bad('invalid-gpu.json'), 'models'], new RegExp(`${esc(bad('invalid-gpu.json'))}:\\d+ gpus\\[0\\]\\.vramGiB: .*expected number, received string`)],
  ['--catalog unknown field', ['--catalog', bad('unknown-field.yaml'), 'models'], new RegExp(`${esc(bad('unknown-field.yaml'))}:\\d+ gpus\\[0\\]: unknown field "vramGB" \\(did you mean vramGiB\\?\\)`)],
  ['--catalog too large', ['--catalog', tmp('huge.yaml'), 'models'], lit(`--catalog ${tmp('huge.yaml')}: too large (17825792 bytes; at most 16777216)`)],
  ['--catalog a device that never ends', ['--catalog', '/dev/zero', 'models'], lit('--catalog /dev/zero: too large (more than 16777216 bytes)'), { skip: NO_DEVICES }],
  ['--catalog an empty device', ['--catalog', '/dev/null', 'models'], lit('/dev/null: the file is empty; a catalog is YAML or JSON'), { skip: NO_DEVICES }],
  ['the second --catalog is bad', ['--catalog', MINI, '--catalog', tmp('missing.yaml'), 'models'], CATALOG_MISSING(tmp('missing.yaml'))],
  ['--catalog after the command', ['models', '--catalog', tmp('missing.yaml')], CATALOG_MISSING(tmp('missing.yaml'))],
  ['fit with a missing --catalog', ['fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--catalog', tmp('missing.yaml')], CATALOG_MISSING(tmp('missing.yaml'))],
  ['fit --model with a bad --catalog', ['--catalog', bad('syntax.yaml'), 'fit', '--model', 'llama-3.1-8b', '--quant', 'q4'], lit(bad('syntax.yaml'))],
  ['recommend with a bad --catalog', ['--catalog', bad('list.yaml'), 'recommend', '--vram', '24'], lit(`${bad('list.yaml')}:1: a catalog is a mapping`)],
  ['hardware with a bad --catalog', ['--catalog', bad('empty.yaml'), 'hardware', '--list'], lit(`${bad('empty.yaml')}: the file is empty`)],
  ['cost with a bad --catalog', ['--catalog', tmp('missing.yaml'), 'cost', '--gpu', '4090'], CATALOG_MISSING(tmp('missing.yaml'))],
  ['quants with a bad --catalog', ['--catalog', tmp('missing.yaml'), 'quants'], CATALOG_MISSING(tmp('missing.yaml'))],
  ['engines with a bad --catalog', ['--catalog', tmp('a-dir.yaml'), 'engines'], lit('is a directory; give a YAML or JSON file')],
  ['catalog validate with a bad --catalog', ['--catalog', tmp('missing.yaml'), 'catalog', 'validate', MINI], CATALOG_MISSING(tmp('missing.yaml'))],

  // catalog validate FILE: a file that cannot be read or parsed is exit 2 (a parsed file with
  // schema errors is the command's answer, exit 1: see the table after this one).
  ['validate missing', ['catalog', 'validate', tmp('missing.yaml')], lit(`catalog validate ${tmp('missing.yaml')}: no such file`)],
  ['validate a directory', ['catalog', 'validate', tmp('a-dir.yaml')], lit(`catalog validate ${tmp('a-dir.yaml')}: is a directory; give a YAML or JSON file`)],
  ['validate unreadable', ['catalog', 'validate', tmp('unreadable.yaml')], lit(`catalog validate ${tmp('unreadable.yaml')}: cannot be read (EACCES)`), { skip: IS_ROOT }],
  ['validate too large', ['catalog', 'validate', tmp('huge.yaml')], lit(`catalog validate ${tmp('huge.yaml')}: too large (17825792 bytes; at most 16777216)`)],
  ['validate a device that never ends', ['catalog', 'validate', '/dev/zero'], lit('catalog validate /dev/zero: too large (more than 16777216 bytes)'), { skip: NO_DEVICES }],
  ['validate empty', ['catalog', 'validate', bad('empty.yaml')], lit(`cannot parse ${bad('empty.yaml')}: the file is empty; a catalog is YAML or JSON`)],
  ['validate blank', ['catalog', 'validate', bad('blank.yaml')], lit(`cannot parse ${bad('blank.yaml')}: the file is empty`)],
  ['validate binary', ['catalog', 'validate', bad('binary.dat')], lit(`cannot parse ${bad('binary.dat')}: not a text file (it holds NUL bytes); a catalog is YAML or JSON`)],
  ['validate a GGUF file', ['catalog', 'validate', tmp('tiny.gguf')], lit(`cannot parse ${tmp('tiny.gguf')}: not a text file`)],
  ['validate YAML syntax', ['catalog', 'validate', bad('syntax.yaml')], new RegExp(`cannot parse ${esc(bad('syntax.yaml'))}:\\d+: Flow map`)],
  ['validate JSON syntax', ['catalog', 'validate', bad('syntax.json')], lit(`cannot parse ${bad('syntax.json')}:5: Flow map must end with a }`)],
  ['validate duplicate key', ['catalog', 'validate', bad('duplicate-key.yaml')], lit(`cannot parse ${bad('duplicate-key.yaml')}:3: Map keys must be unique`)],
  ['validate alias bomb', ['catalog', 'validate', bad('alias-bomb.yaml')], lit(`cannot parse ${bad('alias-bomb.yaml')}: Excessive alias count`)],
  ['validate nested too deeply', ['catalog', 'validate', bad('deep.json')], lit(`cannot parse ${bad('deep.json')}:1: nested too deeply`)],
];

const GGUF = (p: string, m: string) => lit(`--gguf ${p}: ${m}`);
const GGUF_CASES: Case[] = [
  ['--gguf missing', ['fit', '--gguf', tmp('missing.gguf')], GGUF(tmp('missing.gguf'), 'no such file')],
  ['--gguf a directory', ['fit', '--gguf', tmp('a-dir.gguf')], GGUF(tmp('a-dir.gguf'), 'is a directory; give a .gguf file')],
  ['--gguf the temp directory', ['fit', '--gguf', TMP], GGUF(TMP, 'is a directory; give a .gguf file')],
  ['--gguf unreadable', ['fit', '--gguf', tmp('unreadable.gguf')], GGUF(tmp('unreadable.gguf'), 'cannot be read (EACCES)'), { skip: IS_ROOT }],
  ['--gguf a device', ['fit', '--gguf', '/dev/zero'], GGUF('/dev/zero', 'not a regular file'), { skip: NO_DEVICES }],
  ['--gguf 17 MiB of zeros', ['fit', '--gguf', tmp('huge.yaml')], GGUF(tmp('huge.yaml'), 'not a GGUF file (no GGUF magic number at the start)')],
  ['--gguf empty', ['fit', '--gguf', tmp('empty.gguf')], GGUF(tmp('empty.gguf'), 'not a GGUF file (too short)')],
  ['--gguf only the magic', ['fit', '--gguf', tmp('magic-only.gguf')], GGUF(tmp('magic-only.gguf'), 'not a GGUF file (too short)')],
  ['--gguf text', ['fit', '--gguf', bad('not-gguf.gguf')], GGUF(bad('not-gguf.gguf'), 'not a GGUF file (no GGUF magic number at the start)')],
  ['--gguf binary', ['fit', '--gguf', bad('binary.dat')], GGUF(bad('binary.dat'), 'not a GGUF file (no GGUF magic number at the start)')],
  ['--gguf a catalog', ['fit', '--gguf', MINI, '--vram', '24'], GGUF(MINI, 'not a GGUF file (no GGUF magic number at the start)')],
  ['--gguf header cut at 100 bytes', ['fit', '--gguf', tmp('cut-100.gguf')], new RegExp(`${esc(`--gguf ${tmp('cut-100.gguf')}: truncated`)} \\(the header describes \\d+ bytes, the file has 100\\); an incomplete download\\? Give a complete \\.gguf file`)],
  ['--gguf header cut at 2000 bytes', ['fit', '--gguf', tmp('cut-2000.gguf'), '--vram', '8'], GGUF(tmp('cut-2000.gguf'), 'truncated')],
  ['--gguf tensor data cut', ['fit', '--gguf', tmp('cut-data.gguf'), '--vram', '8'], GGUF(tmp('cut-data.gguf'), `truncated (the header describes ${tiny.length} bytes, the file has ${tiny.length - 100})`)],
  ['--gguf version 99', ['fit', '--gguf', tmp('version-99.gguf')], new RegExp(`${esc(`--gguf ${tmp('version-99.gguf')}: not a readable GGUF file (`)}.*version`)],
  ['--gguf absurd tensor count', ['fit', '--gguf', tmp('tensor-count.gguf')], new RegExp(`${esc(`--gguf ${tmp('tensor-count.gguf')}: not a readable GGUF file (`)}the header declares \\d+ tensors`)],
  ['--gguf without an architecture', ['fit', '--gguf', tmp('no-arch.gguf')], GGUF(tmp('no-arch.gguf'), 'no general.architecture in the header')],
  ['--gguf a missing shard', ['fit', '--gguf', tmp('split-00001-of-00002.gguf')], GGUF(tmp('split-00002-of-00002.gguf'), 'no such file')],
  ['--gguf a URL', ['fit', '--gguf', 'https://huggingface.co/x/y/resolve/main/y.gguf'], /--gguf https:\/\/huggingface\.co\/x\/y\/resolve\/main\/y\.gguf: a local file path is needed; llm-pick never downloads/],
];

const ALL_CASES: Case[] = [...NUMERIC_CASES, ...USAGE_CASES, ...CATALOG_CASES, ...GGUF_CASES];

// ---------------------------------------------------------------------------------------------

function expectOneLine(r: BinResult, message: RegExp, label: string): void {
  const detail = `${label}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.status, detail).toBe(2);
  expect(r.stdout, detail).toBe('');
  expect(r.stderr, detail).toMatch(/^llm-pick: [^\n]*\S[^\n]*\n$/);
  expect(r.stderr.slice(0, -1), detail).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/unexpected error|This is a bug/i);
}

describe('every table holds what it says', () => {
  it('has a few hundred cases', () => {
    expect(ALL_CASES.length).toBeGreaterThan(200);
    expect(new Set(ALL_CASES.map((c) => c[0])).size).toBe(ALL_CASES.length);
  });
});

describe.concurrent('bad input: exit 2, one line on stderr naming what is wrong and what is allowed, nothing on stdout', () => {
  for (const [name, args, message, options = {}] of ALL_CASES) {
    const withJson = options.jsonFirst ? ['--json', ...args] : [...args, '--json'];
    it.skipIf(options.skip === true)(`${name}`, async () => {
      expectOneLine(await run(args), message, `llm-pick ${JSON.stringify(args)}`);
    });
    it.skipIf(options.skip === true)(`${name} (--json)`, async () => {
      expectOneLine(await run(withJson), message, `llm-pick ${JSON.stringify(withJson)}`);
    });
  }
});

describe.concurrent('catalog validate: a file that parses but breaks the schema is the answer (exit 1), every error listed', () => {
  const INVALID: [file: string, errors: RegExp[]][] = [
    [bad('invalid-model.yaml'), [/invalid-model\.yaml:10 models\[0\]\.architecture\.layers: /, /invalid-model\.yaml:\d+ models\[0\]\.useCases\[0\]: /]],
    [bad('invalid-gpu.json'), [/invalid-gpu\.json:9 gpus\[0\]\.vramGiB: .*expected number/]],
    [bad('unknown-field.yaml'), [/unknown-field\.yaml:\d+ gpus\[0\]: unknown field "vramGB"/]],
    [bad('list.yaml'), [/list\.yaml:1: a catalog is a mapping with any of: models, gpus, quants, engines/]],
    [bad('unknown-section.yaml'), [/unknown-section\.yaml:2 prompts: unknown section; allowed: models, gpus, quants, engines/]],
    [bad('section-not-list.yaml'), [/section-not-list\.yaml:2 models: must be a list/]],
  ];
  for (const [file, errors] of INVALID) {
    it(`${file.slice(BAD.length + 1)} --json`, async () => {
      const r = await run(['catalog', 'validate', file, '--json']);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toBe('');
      const doc = JSON.parse(r.stdout) as { kind: string; valid: boolean; errors: string[] };
      expect(doc).toMatchObject({ kind: 'catalog-validate', valid: false });
      for (const e of errors) expect(doc.errors.join('\n')).toMatch(e);
    });
    it(`${file.slice(BAD.length + 1)}`, async () => {
      const r = await run(['catalog', 'validate', file]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toBe('');
      for (const e of errors) expect(r.stdout).toMatch(e);
      expect(r.stdout).toMatch(/✗ .*: \d+ error\(s\)\./);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Unexpected errors (bugs): exit 1, a short message and a hint to report it; internals only
// with --debug. Triggered honestly, without test hooks in the product: a copy of the installed
// package whose built-in catalog (dist/catalog.json) was cut short, as an interrupted install
// or a disk error would leave it; the loader does not expect that.

describe('an unexpected error', () => {
  let damagedBin: string;
  beforeAll(() => {
    const pkg = join(TMP, 'damaged-install');
    mkdirSync(join(pkg, 'bin'), { recursive: true });
    mkdirSync(join(pkg, 'dist/bin'), { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
    copyFileSync(BIN, join(pkg, 'bin/llm-pick.cjs'));
    copyFileSync(join(ROOT, 'dist/bin/llm-pick.cjs'), join(pkg, 'dist/bin/llm-pick.cjs'));
    const catalog = readFileSync(join(ROOT, 'dist/catalog.json'), 'utf8');
    writeFileSync(join(pkg, 'dist/catalog.json'), catalog.slice(0, Math.floor(catalog.length / 2)));
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    damagedBin = join(pkg, 'bin/llm-pick.cjs');
  });

  const HINT = /^This is a bug in llm-pick; please report it with the command you ran \(add --debug for details\)\.$/;

  for (const args of [['models'], ['models', '--json'], ['recommend', '--vram', '24', '--json']]) {
    it(`${args.join(' ')}: exit 1, the message and a hint to report it, no internals, nothing on stdout`, async () => {
      const r = await run(args, { bin: damagedBin });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^llm-pick: unexpected error: \S.*$/);
      expect(lines[1]).toMatch(HINT);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('--debug adds the stack trace', async () => {
    const r = await run(['models', '--json', '--debug'], { bin: damagedBin });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^llm-pick: unexpected error: \S.*\n/);
    expect(r.stderr).toMatch(/\n\s+at .*loadBuiltinCatalog/);
    expect(r.stderr).not.toMatch(/This is a bug/);
  });

  it('commands that do not need the catalog still answer', async () => {
    const r = await run(['fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--json'], { bin: damagedBin });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'fit' });
  });
});

describe('reportError (src/cli/main.ts)', () => {
  let written: string;
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  function capture(error: unknown, debug: boolean): { text: string; code: typeof process.exitCode } {
    written = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    });
    process.exitCode = undefined;
    reportError(error, debug);
    const code = process.exitCode;
    vi.restoreAllMocks();
    process.exitCode = undefined;
    return { text: written, code };
  }

  it('bad input: the message alone, exit 2, with or without --debug', () => {
    for (const debug of [false, true]) {
      const r = capture(new UsageError('--vram takes GiB of GPU memory: a number greater than 0 and at most 16384; got "-1"'), debug);
      expect(r.code).toBe(2);
      expect(r.text).toBe('llm-pick: --vram takes GiB of GPU memory: a number greater than 0 and at most 16384; got "-1"\n');
    }
  });

  it('a CliError keeps its own exit code', () => {
    const r = capture(new CliError('the built-in catalog (dist/catalog.json) is missing: run `npm run build`', 1), false);
    expect(r).toEqual({ text: 'llm-pick: the built-in catalog (dist/catalog.json) is missing: run `npm run build`\n', code: 1 });
  });

  it('a bug: exit 1, the first line of its message and a hint; no stack', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'layers')\nsecond line of detail");
    const r = capture(bug, false);
    expect(r.code).toBe(1);
    const lines = r.text.trimEnd().split('\n');
    expect(lines).toEqual([
      "llm-pick: unexpected error: Cannot read properties of undefined (reading 'layers')",
      'This is a bug in llm-pick; please report it with the command you ran (add --debug for details).',
    ]);
  });

  it('a bug with --debug: the stack instead of the hint', () => {
    const bug = new RangeError('Invalid array length');
    const r = capture(bug, true);
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/^llm-pick: unexpected error: Invalid array length\nRangeError: Invalid array length\n\s+at /);
    expect(r.text).not.toMatch(/This is a bug/);
  });

  it('a thrown non-Error value', () => {
    const r = capture('something odd', false);
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/^llm-pick: unexpected error: something odd\nThis is a bug/);
  });
});

describe.skipIf(!existsSync('/dev/full'))('stdout that cannot be written (a full disk)', () => {
  for (const args of [['models', '--json'], ['quants']]) {
    it(`${args.join(' ')} > /dev/full: exit 1, one line, no stack trace`, async () => {
      const fd = openSync('/dev/full', 'w');
      try {
        const r = await run(args, { stdoutFd: fd });
        expect(r.status).toBe(1);
        expect(r.stderr).toMatch(/^llm-pick: cannot write the output to stdout \(ENOSPC: no space left on device, write\)\n$/);
      } finally {
        closeSync(fd);
      }
    });
  }
});
