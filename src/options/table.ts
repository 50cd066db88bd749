// Every option, declared once. Adding a flag is one entry here and one line in
// the command list below it (see the README's contributor section); commander's
// flags and help, the parsers, the wizard, each command's JSON Schema of options,
// MCP tool inputs and shell completion all read this table.
import { PRIORITIES, RECOMMEND_USE_CASES } from '../decide/types.js';
import { USE_CASE_ALIASES, useCaseHelp } from '../decide/use-case-names.js';
import { SERVING_ENGINES } from '../estimate/serving-engines.js';
import { MAX_CTX, MAX_GIB, MAX_GPUS, MAX_PARAMS_B, MAX_TOKENS_PER_DAY } from '../core/limits.js';
import type { BooleanOption, ChoiceOption, ChoiceSpec, CommandSpec, NumberOption, OptionSpec, OptionUse, StringOption } from './types.js';

const USE_CASE_LABELS: Record<(typeof RECOMMEND_USE_CASES)[number], Omit<ChoiceSpec, 'value'>> = {
  chat: { label: 'Chat / assistant', description: 'general questions, writing, help' },
  code: { label: 'Code', description: 'completion, review, coding agents' },
  rag: { label: 'RAG', description: 'answers grounded in your documents' },
  extraction: { label: 'Extraction / classification', description: 'structured output from text' },
  summarization: { label: 'Summarization', description: 'shorter versions of long texts' },
  embedding: { label: 'Embeddings', description: 'vectors for search and clustering' },
  'long-context': { label: 'Long documents', description: 'whole books, contracts, code bases in one prompt' },
};

const PRIORITY_LABELS: Record<(typeof PRIORITIES)[number], Omit<ChoiceSpec, 'value'>> = {
  quality: { label: 'Quality', description: 'the best answers the hardware or budget allows' },
  balanced: { label: 'Balanced', description: 'good answers at a comfortable speed' },
  speed: { label: 'Speed', description: 'fast answers; smaller models are fine' },
};

const choices = <V extends string>(values: readonly V[], labels?: Record<V, Omit<ChoiceSpec, 'value'>>): ChoiceSpec[] =>
  values.map((value) => ({ value, ...(labels?.[value] ?? { label: value }) }));

// ---- hardware -------------------------------------------------------------

export const vram: NumberOption = {
  type: 'number', flag: '--vram', key: 'vram', valueName: '<GiB>', unit: 'gib', what: 'GiB of GPU memory',
  help: 'plan for this much GPU memory per card (GiB; "24GB" as cards are sold)', min: 0, minExclusive: true, max: MAX_GIB, integer: false,
};
export const gpu: StringOption = {
  type: 'string', flag: '--gpu', key: 'gpu', valueName: '<name>', what: 'a GPU name from `llm-pick hardware --list`',
  help: 'plan for a GPU from the catalog (e.g. 3090, "RTX 4090", h100-sxm)', complete: 'gpu',
};
export const gpus: NumberOption = {
  type: 'number', flag: '--gpus', key: 'gpus', valueName: '<n>', unit: 'plain', what: 'a number of GPUs',
  help: 'number of identical GPUs', min: 1, minExclusive: false, max: MAX_GPUS, integer: true,
};
export const ram: NumberOption = {
  type: 'number', flag: '--ram', key: 'ram', valueName: '<GiB>', unit: 'gib', what: 'GiB of system RAM',
  help: 'plan for this much system RAM (GiB)', min: 0, minExclusive: true, max: MAX_GIB, integer: false,
};
export const cpuOnly: BooleanOption = { type: 'boolean', flag: '--cpu-only', key: 'cpuOnly', help: 'plan for CPU inference only (no GPU)' };

export const BUDGET_FROM = ['free', 'total'] as const;
export const budgetFrom: ChoiceOption = {
  type: 'choice', flag: '--budget-from', key: 'budgetFrom', valueName: '<which>',
  help: 'detected cards: budget from the memory free now (free, default) or the total, as if idle (total)',
  // No default value: absent means free (src/hardware/detected.ts), so the flag only appears when given.
  choices: choices(BUDGET_FROM),
};

const HARDWARE: OptionUse[] = [vram, gpu, gpus, ram, cpuOnly, budgetFrom].map((option) => ({ option }));

// ---- model and memory -----------------------------------------------------

export const params: NumberOption = {
  type: 'number', flag: '--params', key: 'params', valueName: '<B>', unit: 'billions', what: 'billions of parameters',
  help: 'model size in billions of parameters (70, 8B, 1.5B)', min: 0, minExclusive: true, max: MAX_PARAMS_B, integer: false,
};
export const model: StringOption = {
  type: 'string', flag: '--model', key: 'model', valueName: '<name>', what: 'a model name from `llm-pick models`',
  help: 'a catalog model: id, name, Ollama tag (llama3.1:8b) or HF repo (see `llm-pick models`)', complete: 'local-model',
};
export const gguf: StringOption = {
  type: 'string', flag: '--gguf', key: 'gguf', valueName: '<file>', what: 'a path to a .gguf file',
  help: 'read shape and quantization from a local GGUF file header', complete: 'file',
};
export const hf: StringOption = {
  type: 'string', flag: '--hf', key: 'hf', valueName: '<dir>', what: 'a model folder with config.json and *.safetensors', complete: 'file',
  help: 'a local model folder or HF cache snapshot: shape from config.json, exact weights from the safetensors headers',
};
export const config: StringOption = {
  type: 'string', flag: '--config', key: 'config', valueName: '<file>', what: 'a path to a config.json', complete: 'file',
  help: 'a Transformers config.json: the shape alone (needs --quant)',
};
export const installedOnly: BooleanOption = { type: 'boolean', flag: '--installed-only', key: 'installedOnly', help: 'only models already on disk (see `llm-pick installed`)' };
export const show: BooleanOption = { type: 'boolean', flag: '--show', key: 'show', help: 'list the stored measurements' };
export const reset: BooleanOption = { type: 'boolean', flag: '--reset', key: 'reset', help: 'remove them: speed estimates are generic again' };
export const quant: StringOption = {
  type: 'string', flag: '--quant', key: 'quant', valueName: '<name>', what: 'a quantization name',
  help: 'quantization: q3, q4, q5, q6, q8, fp16 or a GGUF type (Q4_K_M, IQ4_XS, ...); default with --params/--model: the best that fits the memory budget (required when no budget is known)', complete: 'quant',
};
export const ctx: NumberOption = {
  type: 'number', flag: '--ctx', key: 'ctx', valueName: '<tokens>', unit: 'context', what: 'a context length in tokens',
  help: 'context length in tokens (32768, 32k, 128K)', min: 1, minExclusive: false, max: MAX_CTX, integer: true,
};
export const KV_QUANTS = ['f16', 'q8_0', 'q4_0'] as const;
export const kvQuant: ChoiceOption = {
  type: 'choice', flag: '--kv-quant', key: 'kvQuant', valueName: '<type>', help: 'KV cache type',
  choices: choices(KV_QUANTS), aliases: { fp16: 'f16', q8: 'q8_0', q4: 'q4_0' }, default: 'f16',
};
export const flashAttn: BooleanOption = {
  type: 'boolean', flag: '--no-flash-attn', key: 'flashAttn', negated: true,
  help: 'assume flash attention is off (compute buffers grow with context)',
};
export const nodes: NumberOption = {
  type: 'number', flag: '--nodes', key: 'nodes', valueName: '<n>', unit: 'plain', what: 'a number of machines',
  help: 'plan across several machines', min: 1, minExclusive: false, max: MAX_GPUS, integer: true,
};
/** Largest --n-cpu-moe: llama.cpp takes any count (layers past the model's match nothing). */
export const MAX_CPU_MOE_LAYERS = 1000;
export const nCpuMoe: NumberOption = {
  type: 'number', flag: '--n-cpu-moe', key: 'nCpuMoe', valueName: '<N>', unit: 'plain', what: 'a number of layers',
  help: 'MoE: keep the experts of the first N layers in system RAM, the rest on the GPU (llama.cpp --n-cpu-moe)', min: 0, minExclusive: false, max: MAX_CPU_MOE_LAYERS, integer: true,
};
export const cpuMoe: BooleanOption = { type: 'boolean', flag: '--cpu-moe', key: 'cpuMoe', help: 'MoE: keep the experts of every layer in system RAM (llama.cpp --cpu-moe)' };
export const vision: BooleanOption = { type: 'boolean', flag: '--vision', key: 'vision', help: 'count the vision projector (mmproj) and image tokens' };
/** Most images --images takes in one request. */
export const MAX_IMAGES = 64;
export const images: NumberOption = {
  type: 'number', flag: '--images', key: 'images', valueName: '<n>', unit: 'plain', what: 'a number of images',
  help: 'with --vision: images in the context (default 1)', min: 1, minExclusive: false, max: MAX_IMAGES, integer: true,
};
/** Most system RAM bandwidth --ram-bandwidth takes, GB/s (a 12-channel DDR5-8800 server is about 845). */
export const MAX_RAM_BANDWIDTH_GBPS = 10_000;
export const ramBandwidth: NumberOption = {
  type: 'number', flag: '--ram-bandwidth', key: 'ramBandwidth', valueName: '<GBps>', unit: 'plain', what: 'GB/s of system RAM bandwidth',
  help: 'system RAM bandwidth in GB/s, for layers and experts kept in RAM (default: detected, else 51.2)', min: 0, minExclusive: true, max: MAX_RAM_BANDWIDTH_GBPS, integer: false,
};
export const allowRopeScaling: BooleanOption = {
  type: 'boolean', flag: '--allow-rope-scaling', key: 'allowRopeScaling',
  help: "size a --ctx beyond the model's maximum as RoPE/YaRN scaling would run it (otherwise refused)",
};
export const requireFit: BooleanOption = { type: 'boolean', flag: '--require-fit', key: 'requireFit', help: 'exit 3 when it does not fit' };

// ---- serving many users (src/estimate/serving.ts) ------------------------

/** Most concurrent requests --users takes. */
export const MAX_USERS = 100_000;
const MAX_WATTS = 100_000;
export const engine: ChoiceOption = {
  type: 'choice', flag: '--engine', key: 'engine', valueName: '<name>',
  help: 'inference engine to plan for (default: llama.cpp for GGUF quants, vLLM for AWQ/GPTQ/FP8)',
  choices: choices(SERVING_ENGINES), aliases: { llamacpp: 'llama.cpp', 'llama-cpp': 'llama.cpp', 'llama-server': 'llama.cpp' },
};
export const users: NumberOption = {
  type: 'number', flag: '--users', key: 'users', valueName: '<n>', unit: 'plain', what: 'a number of concurrent requests',
  help: 'concurrent requests to serve (batched; default 1)', min: 1, minExclusive: false, max: MAX_USERS, integer: true,
  wizard: { message: 'How many people use it at the same time?' },
};
export const gpuMemoryUtilization: NumberOption = {
  type: 'number', flag: '--gpu-memory-utilization', key: 'gpuMemoryUtilization', valueName: '<f>', unit: 'plain', what: 'a share of GPU memory',
  help: 'vLLM/SGLang share of GPU memory to take (default 0.9)', min: 0, minExclusive: true, max: 1, integer: false,
};
export const promptTokens: NumberOption = {
  type: 'number', flag: '--prompt-tokens', key: 'promptTokens', valueName: '<n>', unit: 'context', what: 'a number of prompt tokens',
  help: 'prompt length for time to first token (default 1024)', min: 1, minExclusive: false, max: MAX_CTX, integer: true,
};
export const kvCacheDtype: ChoiceOption = {
  type: 'choice', flag: '--kv-cache-dtype', key: 'kvCacheDtype', valueName: '<type>',
  help: 'vLLM/SGLang KV cache type: auto (the model dtype) or fp8', choices: choices(['auto', 'fp8'] as const),
};
export const gpuPower: NumberOption = {
  type: 'number', flag: '--gpu-power', key: 'gpuPower', valueName: '<W>', unit: 'plain', what: 'watts',
  help: 'power of one GPU under load, watts (default: the catalog TDP)', min: 0, minExclusive: true, max: MAX_WATTS, integer: false,
};
export const idlePower: NumberOption = {
  type: 'number', flag: '--idle-power', key: 'idlePower', valueName: '<W>', unit: 'plain', what: 'watts',
  help: 'power of one idle GPU, watts (default: 10% of the rated power)', min: 0, minExclusive: false, max: MAX_WATTS, integer: false,
};
const SERVING: OptionUse[] = [engine, users].map((option) => ({ option }));

// ---- the job --------------------------------------------------------------

export const useCase: ChoiceOption = {
  type: 'choice', flag: '--use-case', key: 'useCase', valueName: '<name>', help: 'what the model is for',
  choices: choices(RECOMMEND_USE_CASES, USE_CASE_LABELS), default: 'chat',
  aliases: Object.fromEntries(RECOMMEND_USE_CASES.flatMap((u) => USE_CASE_ALIASES[u].map((a) => [a, u]))),
  wizard: { message: 'What is the model for?' },
};
export const priority: ChoiceOption = {
  type: 'choice', flag: '--priority', key: 'priority', valueName: '<name>', help: 'what matters most',
  choices: choices(PRIORITIES, PRIORITY_LABELS), default: 'balanced',
  wizard: { message: 'What matters most?' },
};
export const privacy: BooleanOption = { type: 'boolean', flag: '--privacy', key: 'privacy', help: 'data must not leave the machine' };
export const offline: BooleanOption = { type: 'boolean', flag: '--offline', key: 'offline', help: 'must work without a network' };
export const latencyCritical: BooleanOption = { type: 'boolean', flag: '--latency-critical', key: 'latencyCritical', help: 'latency matters more than anything' };
export const predictableCost: BooleanOption = {
  type: 'boolean', flag: '--predictable-cost', key: 'predictableCost', help: 'a fixed monthly cost is preferred to paying per token',
};
export const prototype: BooleanOption = { type: 'boolean', flag: '--prototype', key: 'prototype', help: 'quick prototyping: nothing to set up' };
export const managed: BooleanOption = {
  type: 'boolean', flag: '--managed', key: 'managed', help: 'nobody will run or maintain servers: a managed API is preferred',
};
export const tokensPerDay: NumberOption = {
  type: 'number', flag: '--tokens-per-day', key: 'tokensPerDay', valueName: '<n>', unit: 'volume', what: 'a number of tokens per day',
  help: 'expected volume, tokens per day, input + output (5000000, 500k, 5M)', min: 0, minExclusive: false, max: MAX_TOKENS_PER_DAY, integer: false,
};
export const inputShare: NumberOption = {
  type: 'number', flag: '--input-share', key: 'inputShare', valueName: '<f>', unit: 'plain', what: 'the input share of tokens',
  help: 'share of tokens that are input (default 0.75)', min: 0, minExclusive: false, max: 1, integer: false,
};
export const budget: NumberOption = {
  type: 'number', flag: '--budget', key: 'budget', valueName: '<usd>', unit: 'usd', what: 'a monthly budget in USD',
  help: 'money: monthly spending limit in USD', min: 0, minExclusive: false, max: 1e9, integer: false,
};
export const localOnly: BooleanOption = { type: 'boolean', flag: '--local-only', key: 'localOnly', help: 'only local models' };
export const apiOnly: BooleanOption = { type: 'boolean', flag: '--api-only', key: 'apiOnly', help: 'only API models' };
export const commercial: BooleanOption = {
  type: 'boolean', flag: '--commercial', key: 'commercial', help: 'only models whose licence allows commercial use',
  wizard: { message: 'Is it for commercial use? (only models whose licence allows it)' },
};
export const allowOffload: BooleanOption = {
  type: 'boolean', flag: '--allow-offload', key: 'allowOffload', help: 'allow models that only run with layers in system RAM (slow)',
};
export const explain: BooleanOption = {
  type: 'boolean', flag: '--explain', key: 'explain', help: 'also list the models left out and why, grouped (--json always has them: "excluded")',
};
export const top: NumberOption = {
  type: 'number', flag: '--top', key: 'top', valueName: '<n>', unit: 'plain', what: 'a number of picks',
  help: 'how many picks per list (default 5)', min: 1, minExclusive: false, max: 100, integer: true,
};

// ---- catalog listing ------------------------------------------------------

export const MODEL_TYPES = ['local', 'embedding', 'api'] as const;
export const modelType: ChoiceOption = {
  type: 'choice', flag: '--type', key: 'type', valueName: '<type>', help: 'model type', choices: choices(MODEL_TYPES),
};
export const provider: StringOption = {
  type: 'string', flag: '--provider', key: 'provider', valueName: '<name>', what: 'a provider name',
  help: 'API provider (openai, anthropic, ...)', complete: 'provider',
};
export const maxParams: NumberOption = { ...params, flag: '--max-params', key: 'maxParams', help: 'at most this many billions of parameters' };
export const list: BooleanOption = { type: 'boolean', flag: '--list', key: 'list', help: 'list the GPU catalog instead of probing' };

// ---- cost -----------------------------------------------------------------

export const apiModel: StringOption = {
  type: 'string', flag: '--api-model', key: 'apiModel', valueName: '<name>', what: 'an API model name', repeatable: true,
  help: "API model(s) to price: id, name, litellm key or dated snapshot (repeatable; default: each provider's current flagship and value model)", complete: 'api-model',
};
export const all: BooleanOption = {
  type: 'boolean', flag: '--all', key: 'all', help: "every API model not retired, not only each provider's current flagship and value model",
};
export const kwhPrice: NumberOption = {
  type: 'number', flag: '--kwh-price', key: 'kwhPrice', valueName: '<usd>', unit: 'usd', what: 'USD per kWh',
  help: 'electricity price, USD per kWh (default 0.15)', min: 0, minExclusive: false, max: 100, integer: false,
};
export const hoursPerDay: NumberOption = {
  type: 'number', flag: '--hours-per-day', key: 'hoursPerDay', valueName: '<h>', unit: 'plain', what: 'hours per day',
  help: 'hours per day the machine runs (default 24)', min: 0, minExclusive: true, max: 24, integer: false,
};
export const hardwareCost: NumberOption = {
  type: 'number', flag: '--hardware-cost', key: 'hardwareCost', valueName: '<usd>', unit: 'usd', what: 'USD',
  help: 'hardware price to amortize, USD (default 0: already owned)', min: 0, minExclusive: false, max: 1e9, integer: false,
};
export const months: NumberOption = {
  type: 'number', flag: '--months', key: 'months', valueName: '<n>', unit: 'plain', what: 'a number of months',
  help: 'months to amortize the hardware over (default 36)', min: 1, minExclusive: false, max: 600, integer: true,
};

// ---- global ---------------------------------------------------------------

export const json: BooleanOption = { type: 'boolean', flag: '--json', key: 'json', help: 'print one JSON document on stdout (see `llm-pick schema`)' };
export const catalog: StringOption = {
  type: 'string', flag: '--catalog', key: 'catalog', valueName: '<file>', what: 'a catalog file path', repeatable: true,
  help: 'merge a user catalog (YAML or JSON) over the built-in one; repeatable', complete: 'file',
};
export const color: BooleanOption = { type: 'boolean', flag: '--no-color', key: 'color', negated: true, help: 'no colour in the output (also NO_COLOR=1)' };
export const debug: BooleanOption = { type: 'boolean', flag: '--debug', key: 'debug', help: 'show internal details of unexpected errors' };

export const configFile: StringOption = {
  type: 'string', flag: '--config-file', key: 'configFile', valueName: '<path>', what: 'a path to a config.yaml', complete: 'file',
  help: 'the defaults file to read (default: LLM_PICK_CONFIG, else config.yaml in the per-user config folder; see `llm-pick config path`)',
};

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [json, catalog, color, debug, configFile];

const use = (option: OptionSpec, over: Omit<OptionUse, 'option'> = {}): OptionUse => ({ option, ...over });

// ---- commands -------------------------------------------------------------

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'fit',
    description: 'memory breakdown, fit verdict, largest context and best quantization that fit, expected speed',
    options: [
      use(params), use(model), use(gguf), use(hf), use(config), use(quant),
      use(ctx, { help: 'context length in tokens (default 8192, or the model maximum if lower; 32k, 128K)' }),
      use(kvQuant), use(flashAttn), use(nodes), use(nCpuMoe), use(cpuMoe), use(vision), use(images), use(ramBandwidth), use(allowRopeScaling), use(requireFit), use(kvCacheDtype),
      ...SERVING, use(gpuMemoryUtilization), use(promptTokens), ...HARDWARE,
    ],
    examples: ['llm-pick fit --params 70 --quant q4 --vram 48', 'llm-pick fit --model llama-3.1-8b --quant q4 --gpu "RTX 3090"'],
  },
  {
    name: 'recommend',
    description: "the wizard's answer, non-interactively, from flags",
    options: [
      use(useCase), use(priority), use(ctx, { help: 'context length needed, in tokens (32768, 32k, 128K)' }),
      use(privacy), use(offline), use(latencyCritical), use(predictableCost), use(prototype), use(managed),
      use(tokensPerDay), use(inputShare), use(budget), use(localOnly), use(apiOnly), use(commercial), use(allowOffload), use(ramBandwidth), use(installedOnly), use(top), use(explain),
      use(all, { help: "rank every API model not retired, not only each provider's current flagship and value model" }),
      ...SERVING, ...HARDWARE,
    ],
    epilog: () => `Use cases (--use-case), with other names accepted for each:\n  ${useCaseHelp().split('; ').join('\n  ')}`,
    examples: ['llm-pick recommend --use-case code --vram 24', 'llm-pick recommend --use-case rag --privacy --gpu "RTX 4090" --json', 'llm-pick recommend --vram 12 --explain'],
  },
  {
    name: 'hardware',
    description: 'what was detected: GPUs, memory, bandwidth, RAM, CPU',
    options: [use(list), ...HARDWARE],
    examples: ['llm-pick hardware', 'llm-pick hardware --list'],
  },
  {
    name: 'models',
    description: 'the model catalog, filterable',
    options: [
      use(modelType), use(useCase, { help: 'models suited to a use case', noDefault: true }),
      use(provider), use(maxParams), use(commercial),
    ],
    examples: ['llm-pick models --type local --max-params 14', 'llm-pick models --type api --provider anthropic', 'llm-pick models llama3.1:8b'],
    arguments: [{ syntax: '[name]', description: 'one model by any of its names: id, display name, Ollama tag, HF repo, litellm key' }],
  },
  { name: 'quants', description: 'the quantization guide: formats, engines, bits per weight, quality', options: [], examples: ['llm-pick quants'] },
  { name: 'engines', description: 'inference engines, what each is for, what runs where', options: [], examples: ['llm-pick engines'] },
  {
    name: 'cost',
    description: 'API cost at a volume vs running locally, and the break-even volume',
    options: [
      use(tokensPerDay, { help: 'tokens per day, input + output (default 1000000; 500k, 5M)' }), use(inputShare), use(apiModel),
      use(all, { help: 'price every API model not retired (superseded and deprecated ones too)' }),
      use(model, { help: 'local model to run: id, name, Ollama tag or HF repo (default: the best that fits)' }),
      use(kwhPrice), use(hoursPerDay), use(hardwareCost), use(months), use(ramBandwidth), use(gpuPower), use(idlePower), ...SERVING, ...HARDWARE,
    ],
    examples: ['llm-pick cost --gpu "RTX 3090" --tokens-per-day 5M', 'llm-pick cost --api-model gpt-4.1-mini --tokens-per-day 2M'],
  },
  {
    name: 'installed',
    description: 'models already on this machine (Ollama, HF hub cache, LM Studio, llama.cpp cache): size, quantization, catalog match, fit',
    options: [use(ctx, { help: 'context length to fit (default 8192, or the model maximum if lower; 32k, 128K)' }), use(kvQuant), ...HARDWARE],
    examples: ['llm-pick installed', 'llm-pick installed --gpu "RTX 3090" --json'],
  },
  {
    name: 'calibrate',
    description: 'import a llama-bench run (-o json, -o jsonl or its markdown table) so speed estimates on that GPU use it; --show, --reset',
    arguments: [{ syntax: '[file]', description: 'llama-bench output file' }],
    options: [use(show), use(reset), use(gpu, { help: 'the GPU the run measured, when the file does not name it (markdown tables)' })],
    examples: ['llm-pick calibrate --show'],
  },
];

export function commandSpec(name: string): CommandSpec {
  const found = COMMANDS.find((c) => c.name === name);
  if (!found) throw new Error(`no command spec named ${name}`);
  return found;
}

/** Every option a command takes, with its own help and default applied. */
export function optionsOf(name: string): OptionSpec[] {
  return commandSpec(name).options.map(({ option, help, default: def, noDefault }) => {
    const o = { ...option } as OptionSpec & { default?: unknown };
    if (help !== undefined) o.help = help;
    if (def !== undefined) o.default = def;
    if (noDefault) delete o.default;
    return o;
  });
}
