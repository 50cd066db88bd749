// The commander program: every command and flag, checked in one place
// (src/cli/flags.ts). Each command's module is imported inside its action so
// `--help`, `--version` and `fit` load nothing they do not use.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import type { CommandContext, CommandModule, JsonDocument } from './context.js';
import { choice, collect, fraction, integer, nonEmpty, nonNegativeNumber, positiveNumber, quoted } from './flags.js';
import { oneLineErrors } from './commander-errors.js';
import { UsageError } from '../core/errors.js';
import { reportError, runCommand } from './main.js';
import { PRIORITIES, RECOMMEND_USE_CASES } from '../decide/types.js';
import { MAX_CTX, MAX_GIB, MAX_GPUS, MAX_PARAMS_B, MAX_TOKENS_PER_DAY } from '../core/limits.js';
import { SERVING_ENGINES } from '../estimate/serving.js';

/** Most concurrent requests --users takes. */
const MAX_USERS = 100_000;
const MAX_WATTS = 100_000;

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The use cases recommend ranks for (the decision engine's list). */
export const USE_CASE_CHOICES = RECOMMEND_USE_CASES;
export const PRIORITY_CHOICES = PRIORITIES;
export const KV_QUANT_CHOICES = ['f16', 'q8_0', 'q4_0'] as const;
export const MODEL_TYPE_CHOICES = ['local', 'embedding', 'api'] as const;


function hardwareOptions(cmd: Command): Command {
  return cmd
    .option('--vram <GiB>', 'plan for this much GPU memory per card (GiB, as cards are sold)', positiveNumber('--vram', 'GiB of GPU memory', MAX_GIB))
    .option('--gpu <name>', 'plan for a GPU from the catalog (e.g. 3090, "RTX 4090", h100-sxm)', nonEmpty('--gpu', 'a GPU name from `llm-pick hardware --list`'))
    .option('--gpus <n>', 'number of identical GPUs', integer('--gpus', 'a number of GPUs', 1, MAX_GPUS))
    .option('--ram <GiB>', 'plan for this much system RAM (GiB)', positiveNumber('--ram', 'GiB of system RAM', MAX_GIB))
    .option('--cpu-only', 'plan for CPU inference only (no GPU)');
}

/** Serving many users (src/estimate/serving.ts): fit, recommend and cost take --engine and --users. */
function servingOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--engine <name>', 'inference engine to plan for (default: llama.cpp for GGUF quants, vLLM for AWQ/GPTQ/FP8)').argParser(choice('--engine', SERVING_ENGINES)))
    .option('--users <n>', 'concurrent requests to serve (batched; default 1)', integer('--users', 'a number of concurrent requests', 1, MAX_USERS));
}

/** fit's engine-exact sizing: vLLM/SGLang memory share and the prompt for time to first token. */
function engineSizingOptions(cmd: Command): Command {
  return cmd
    .option('--gpu-memory-utilization <f>', 'vLLM/SGLang share of GPU memory to take (default 0.9)', positiveNumber('--gpu-memory-utilization', 'a share of GPU memory', 1))
    .option('--prompt-tokens <n>', 'prompt length for time to first token (default 1024)', integer('--prompt-tokens', 'a number of prompt tokens', 1, MAX_CTX));
}

function ctxOf(cmd: Command): CommandContext {
  const g = cmd.optsWithGlobals() as { json?: boolean; debug?: boolean; catalog?: string[] };
  return { json: Boolean(g.json), debug: Boolean(g.debug), catalogFiles: g.catalog ?? [] };
}

function action<O, R extends JsonDocument>(load: () => Promise<CommandModule<O, R>>) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const positional = cmd.args;
    const options = { ...(cmd.opts() as O), args: positional } as O;
    await runCommand(load, options, ctxOf(cmd));
  };
}

export function buildProgram(): Command {
  const program = new Command('llm-pick')
    .description('Which LLM to use, whether it fits your hardware, how fast it runs, or whether an API is the better deal.')
    .version(pkg.version, '-V, --version')
    .option('--json', 'print one JSON document on stdout (see `llm-pick schema`)')
    .option('--catalog <file>', 'merge a user catalog (YAML or JSON) over the built-in one; repeatable', collect('--catalog', 'a catalog file path'))
    .option('--no-color', 'no colour in the output (also NO_COLOR=1)')
    .option('--debug', 'show internal details of unexpected errors')
    .showSuggestionAfterError(true)
    .exitOverride();

  program.action(async (_opts: unknown, cmd: Command) => {
    // `llm-pick help [command]`, as git and npm take it.
    if (cmd.args[0] === 'help') {
      const sub = program.commands.find((c) => c.name() === cmd.args[1]);
      (sub ?? program).outputHelp();
      return;
    }
    if (cmd.args.length > 0) {
      const names = program.commands.map((c) => c.name()).join(', ');
      process.exitCode = 2;
      process.stderr.write(`llm-pick: unknown command ${quoted(cmd.args[0]!)}; commands: ${names} (see llm-pick --help)\n`);
      return;
    }
    await action(() => import('./commands/wizard.js'))(cmd);
  });

  hardwareOptions(engineSizingOptions(servingOptions(
    program
      .command('fit')
      .description('memory breakdown, fit verdict, largest context and best quantization that fit, expected speed')
      .option('--params <B>', 'model size in billions of parameters', positiveNumber('--params', 'billions of parameters', MAX_PARAMS_B))
      .option('--model <id>', 'a model id from `llm-pick models`', nonEmpty('--model', 'a model id from `llm-pick models`'))
      .option('--gguf <file>', 'read shape and quantization from a local GGUF file header', nonEmpty('--gguf', 'a path to a .gguf file'))
      .option('--quant <name>', 'quantization: q3, q4, q5, q6, q8, fp16 or a GGUF type (Q4_K_M, IQ4_XS, ...)', nonEmpty('--quant', 'a quantization name'))
      .option('--ctx <tokens>', 'context length in tokens (default 8192, or the model maximum if lower)', integer('--ctx', 'a context length in tokens', 1, MAX_CTX))
      .addOption(new Option('--kv-quant <type>', 'KV cache type').argParser(choice('--kv-quant', KV_QUANT_CHOICES)).default('f16'))
      .option('--no-flash-attn', 'assume flash attention is off (compute buffers grow with context)')
      .option('--nodes <n>', 'plan across several machines', integer('--nodes', 'a number of machines', 1, MAX_GPUS))
      .option('--require-fit', 'exit 3 when it does not fit')
      .addOption(new Option('--kv-cache-dtype <type>', 'vLLM/SGLang KV cache type: auto (the model dtype) or fp8').argParser(choice('--kv-cache-dtype', ['auto', 'fp8'] as const))),
  ))).action(action(() => import('./commands/fit.js')));

  hardwareOptions(servingOptions(
    program
      .command('recommend')
      .description("the wizard's answer, non-interactively, from flags")
      .addOption(new Option('--use-case <name>', 'what the model is for').argParser(choice('--use-case', USE_CASE_CHOICES)).default('chat'))
      .addOption(new Option('--priority <name>', 'what matters most').argParser(choice('--priority', PRIORITY_CHOICES)).default('balanced'))
      .option('--ctx <tokens>', 'context length needed, in tokens', integer('--ctx', 'a context length in tokens', 1, MAX_CTX))
      .option('--privacy', 'data must not leave the machine')
      .option('--offline', 'must work without a network')
      .option('--latency-critical', 'latency matters more than anything')
      .option('--predictable-cost', 'a fixed monthly cost is preferred to paying per token')
      .option('--prototype', 'quick prototyping: nothing to set up')
      .option('--managed', 'nobody will run or maintain servers: a managed API is preferred')
      .option('--tokens-per-day <n>', 'expected volume, tokens per day (input + output)', nonNegativeNumber('--tokens-per-day', 'a number of tokens per day', MAX_TOKENS_PER_DAY))
      .option('--input-share <f>', 'share of tokens that are input (default 0.75)', fraction('--input-share', 'the input share of tokens'))
      .option('--budget <usd>', 'monthly budget in USD', nonNegativeNumber('--budget', 'a monthly budget in USD', 1e9))
      .option('--local-only', 'only local models')
      .option('--api-only', 'only API models')
      .option('--commercial', 'only models whose licence allows commercial use')
      .option('--allow-offload', 'allow models that only run with layers in system RAM (slow)')
      .option('--top <n>', 'how many picks per list (default 5)', integer('--top', 'a number of picks', 1, 100)),
  )).action(action(() => import('./commands/recommend.js')));

  hardwareOptions(
    program
      .command('hardware')
      .description('what was detected: GPUs, memory, bandwidth, RAM, CPU')
      .option('--list', 'list the GPU catalog instead of probing'),
  ).action(action(() => import('./commands/hardware.js')));

  program
    .command('models')
    .description('the model catalog, filterable')
    .addOption(new Option('--type <type>', 'local, embedding or api').argParser(choice('--type', MODEL_TYPE_CHOICES)))
    .addOption(new Option('--use-case <name>', 'models suited to a use case').argParser(choice('--use-case', USE_CASE_CHOICES)))
    .option('--provider <name>', 'API provider (openai, anthropic, ...)', nonEmpty('--provider', 'a provider name'))
    .option('--max-params <B>', 'at most this many billions of parameters', positiveNumber('--max-params', 'billions of parameters', MAX_PARAMS_B))
    .option('--commercial', 'only models whose licence allows commercial use')
    .action(action(() => import('./commands/models.js')));

  program
    .command('quants')
    .description('the quantization guide: formats, engines, bits per weight, quality')
    .action(action(() => import('./commands/quants.js')));

  program
    .command('engines')
    .description('inference engines, what each is for, what runs where')
    .action(action(() => import('./commands/engines.js')));

  hardwareOptions(servingOptions(
    program
      .command('cost')
      .description('API cost at a volume vs running locally, and the break-even volume')
      .option('--tokens-per-day <n>', 'tokens per day, input + output (default 1000000)', nonNegativeNumber('--tokens-per-day', 'a number of tokens per day', MAX_TOKENS_PER_DAY))
      .option('--input-share <f>', 'share of tokens that are input (default 0.75)', fraction('--input-share', 'the input share of tokens'))
      .option('--api-model <id>', 'API model(s) to price (repeatable; default: a representative set)', collect('--api-model', 'an API model id'))
      .option('--model <id>', 'local model to run (default: the best that fits)', nonEmpty('--model', 'a model id'))
      .option('--kwh-price <usd>', 'electricity price, USD per kWh (default 0.15)', nonNegativeNumber('--kwh-price', 'USD per kWh', 100))
      .option('--hours-per-day <h>', 'hours per day the machine runs (default 24)', positiveNumber('--hours-per-day', 'hours per day', 24))
      .option('--hardware-cost <usd>', 'hardware price to amortize, USD (default 0: already owned)', nonNegativeNumber('--hardware-cost', 'USD', 1e9))
      .option('--months <n>', 'months to amortize the hardware over (default 36)', integer('--months', 'a number of months', 1, 600))
      .option('--gpu-power <W>', 'power of one GPU under load, watts (default: the catalog TDP)', positiveNumber('--gpu-power', 'watts', MAX_WATTS))
      .option('--idle-power <W>', 'power of one idle GPU, watts (default: 10% of the rated power)', nonNegativeNumber('--idle-power', 'watts', MAX_WATTS)),
  )).action(action(() => import('./commands/cost.js')));

  const catalog = program.command('catalog').description('user catalogs');
  catalog
    .command('validate')
    .description('check a user catalog file (YAML or JSON)')
    .argument('<file>', 'a user catalog file, YAML or JSON')
    .action(action(() => import('./commands/catalog-validate.js')));
  // `catalog` alone or `catalog bogus`: one line naming the subcommands, not the help page on stderr.
  catalog.allowExcessArguments(true).action((_opts: unknown, cmd: Command) => {
    const names = cmd.commands.map((c) => c.name()).join(', ');
    const what = cmd.args.length > 0 ? `unknown command ${quoted(`catalog ${cmd.args[0]}`)}` : 'catalog needs a command';
    throw new UsageError(`${what}; commands: ${names} (see llm-pick catalog --help)`);
  });

  program
    .command('schema')
    .description('JSON Schema of each --json output')
    .argument('[kind]', 'one output kind (fit, recommend, hardware, models, quants, engines, cost, catalog-validate)')
    .action(action(() => import('./commands/schema.js')));

  // Set after the subcommands exist so they keep rejecting extra arguments; the
  // root takes them only to name an unknown command in its error.
  program.allowExcessArguments(true);
  oneLineErrors(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is bad usage (already printed, one line).
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
        process.exitCode = 0;
      } else {
        process.exitCode = 2;
      }
      return;
    }
    reportError(error, argv.includes('--debug'));
  }
}
