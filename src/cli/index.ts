// The commander program: every command and flag, generated from the option table
// (src/options/table.ts). Each command's module is imported inside its action so
// `--help`, `--version` and `fit` load nothing they do not use.
import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { CommandContext, CommandModule, JsonDocument } from './context.js';
import { quoted } from '../options/parse.js';
import { oneLineErrors, visibleCommands } from './commander-errors.js';
import { UsageError } from '../core/errors.js';
import { reportError, runCommand } from './main.js';
import { applyConfigDefaults } from './config-hook.js';
import { plainLine, type ParsedLine } from './plain-line.js';
import { writeErr } from './output.js';
import { COMMANDS, GLOBAL_OPTIONS, optionsOf } from '../options/table.js';
import { addOptions, commanderOption } from './program-options.js';
import { COMMAND_MODULES } from './modules.js';
import { PROGRAM_MODULES } from './program-modules.js';
import { catalogAsOf } from '../catalog/as-of.js';
import { didYouMean } from '../util/suggest.js';
import { startPhases } from '../core/phases.js';
import { readBuiltWeights } from '../catalog/load.js';
import { useWeightsTable } from '../estimate/weights-table.js';
import { configFilePath } from '../config/paths.js';

// The bundle (scripts/bundle.mjs) has the version written in at build time: no file to read at start.
declare const __LLM_PICK_VERSION__: string;
const pkg = {
  version:
    typeof __LLM_PICK_VERSION__ === 'string'
      ? __LLM_PICK_VERSION__
      : (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
};

function ctxOf(cmd: Command): CommandContext {
  return lineInputs(parsedOf(cmd)).ctx;
}

/** The line as commander parsed it, in the form src/cli/plain-line.ts reads a plain line without commander. */
export function parsedOf(cmd: Command): ParsedLine {
  return {
    command: cmd.name(),
    parent: cmd.parent?.name() ?? '',
    options: cmd.opts(),
    globals: cmd.optsWithGlobals(),
    args: cmd.args,
    has: (key) => cmd.options.some((o) => o.attributeName() === key),
    typed: (key) => cmd.getOptionValueSource(key) === 'cli',
  };
}

/** What a command runs with, from a parsed line: its options (with `args` and --config-file) and context. */
export function lineInputs<O>(line: ParsedLine): { options: O; ctx: CommandContext; configFile: string | undefined } {
  const g = line.globals as { json?: boolean; debug?: boolean; catalog?: string[]; configFile?: string };
  const configFile = g.configFile;
  const options = { ...(line.options as O), args: line.args, ...(configFile !== undefined ? { configFile } : {}) } as O;
  return { options, ctx: { json: Boolean(g.json), debug: Boolean(g.debug), catalogFiles: g.catalog ?? [] }, configFile };
}

/** Runs a command's module on a parsed line: the per-user defaults applied, then the command. */
async function runLine<O, R extends JsonDocument>(load: () => Promise<CommandModule<O, R>>, line: ParsedLine): Promise<void> {
  const { options, ctx, configFile } = lineInputs<O>(line);
  try {
    // Defaults from the per-user config file (src/cli/config-hook.ts): flags win over the file.
    await applyConfigDefaults({ ...line, configFile }, options as Record<string, unknown>, ctx);
  } catch (error) {
    reportError(error, ctx.debug);
    return;
  }
  await runCommand(load, options, ctx);
}

function action<O, R extends JsonDocument>(load: () => Promise<CommandModule<O, R>>) {
  return async (...args: unknown[]) => runLine(load, parsedOf(args[args.length - 1] as Command));
}

/**
 * The program. Given the command line, a table command named first (`llm-pick fit ...`) is the
 * only command built: its options and help text are what commander parses and prints, and
 * building every command's costs about as much as loading the bundle. Any other command line
 * (`--help`, `help fit`, a global option first) and no argv (tests, the wizard): every command.
 */
export function buildProgram(argv?: readonly string[]): Command {
  const first = argv?.[2];
  const only = first !== undefined && COMMANDS.some((c) => c.name === first) ? first : null;
  const program = new Command('llm-pick')
    .description('Which LLM to use, whether it fits your hardware, how fast it runs, or whether an API is the better deal.')
    .version(`${pkg.version} (catalog facts as of ${catalogAsOf() ?? 'unknown: run npm run build'})`, '-V, --version');
  for (const o of GLOBAL_OPTIONS) program.addOption(commanderOption(o));
  program.showSuggestionAfterError(true).exitOverride();

  program.action(async (_opts: unknown, cmd: Command) => {
    // `llm-pick help [command]`, as git and npm take it.
    if (cmd.args[0] === 'help') {
      const wanted = cmd.args[1];
      const sub = program.commands.find((c) => c.name() === wanted);
      if (wanted !== undefined && !sub) {
        const names = visibleCommands(program);
        throw new UsageError(`help: unknown command ${quoted(wanted)}${didYouMean(wanted, names)}; commands: ${names.join(', ')}`);
      }
      (sub ?? program).outputHelp();
      return;
    }
    if (cmd.args.length > 0) {
      const names = visibleCommands(program);
      process.exitCode = 2;
      writeErr(`llm-pick: unknown command ${quoted(cmd.args[0]!)}${didYouMean(cmd.args[0]!, names)}; commands: ${names.join(', ')} (see llm-pick --help)`);
      return;
    }
    await action(PROGRAM_MODULES.wizard)(cmd);
  });

  program.addHelpText(
    'after',
    `\nWith no command, on a terminal, llm-pick starts the wizard: it detects your GPUs, asks about the job\nand prints ranked local and API picks with the commands to set them up.\n\nExamples:\n${COMMANDS.slice(0, 3)
      .map((c) => `  $ ${c.examples[0]}`)
      .join('\n')}\n\nEvery command takes --json (one JSON document on stdout), --catalog FILE and --no-color.`,
  );
  for (const spec of COMMANDS) {
    // The command named first is the one that runs: the root dispatches to it and never to another.
    if (only !== null && spec.name !== only) continue;
    const sub = program.command(spec.name).description(spec.description);
    for (const a of spec.arguments ?? []) sub.argument(a.syntax, a.description);
    addOptions(sub, optionsOf(spec.name));
    const epilog = spec.epilog ? `\n${spec.epilog()}\n` : '';
    sub.addHelpText('after', `${epilog}\nGlobal options: --json, --catalog <file>, --no-color, --debug (see llm-pick --help)\n\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}`);
    sub.action(action(COMMAND_MODULES[spec.name]!));
  }
  // Only that command: the others, catalog, schema, completion, mcp and config are never reached
  // from this command line (building them costs 4 M instructions, callgrind).
  if (only !== null) return finish(program);

  const catalog = program.command('catalog').description('user catalogs');
  catalog
    .command('validate')
    .description('check a user catalog file (YAML or JSON)')
    .argument('<file>', 'a user catalog file, YAML or JSON')
    .action(action(PROGRAM_MODULES.catalogValidate));
  // `catalog` alone or `catalog bogus`: one line naming the subcommands, not the help page on stderr.
  catalog.allowExcessArguments(true).action((_opts: unknown, cmd: Command) => {
    const names = cmd.commands.map((c) => c.name()).join(', ');
    const what = cmd.args.length > 0 ? `unknown command ${quoted(`catalog ${cmd.args[0]}`)}` : 'catalog needs a command';
    throw new UsageError(`${what}; commands: ${names} (see llm-pick catalog --help)`);
  });

  program
    .command('schema')
    .description("JSON Schema of each --json output and of each command's options")
    .argument('[kind]', "one kind: an output (fit, recommend, hardware, models, quants, engines, cost, catalog-validate, installed, calibrate, config) or a command's options (fit-options, recommend-options, ...)")
    .action(action(PROGRAM_MODULES.schema));

  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish); values come from the installed catalog')
    .argument('<shell>', 'bash, zsh or fish')
    .action(async (shell: string) => {
      const { SHELLS, completionScript } = await PROGRAM_MODULES.completion();
      const known = SHELLS.find((s) => s === shell);
      if (!known) throw new UsageError(`completion takes one of ${SHELLS.join(', ')}; got ${quoted(shell)}`);
      process.stdout.write(completionScript(known));
    });
  // What the completion scripts call at each TAB: candidates, one per line. Hidden from --help.
  program
    .command('__complete', { hidden: true })
    .argument('[words...]')
    .allowUnknownOption(true)
    .helpOption(false)
    .action(async () => {
      // The raw words: commander would drop a lone `--` being typed.
      const words = process.argv.slice(process.argv.indexOf('__complete') + 1);
      const [{ candidates }, { loadBuiltinCatalog }] = await Promise.all([PROGRAM_MODULES.completion(), PROGRAM_MODULES.catalog()]);
      const out = candidates(words.length ? words : [''], loadBuiltinCatalog());
      if (out.length) process.stdout.write(`${out.join('\n')}\n`);
    });

  program
    .command('mcp')
    .description('serve the commands as tools to agents over the Model Context Protocol (stdio)')
    .action(async (_opts: unknown, cmd: Command) => {
      const { serveMcp } = await PROGRAM_MODULES.mcp();
      await serveMcp(pkg.version, ctxOf(cmd).catalogFiles);
    });

  const config = program.command('config').description('the per-user defaults file: show, path, set KEY VALUE');
  const configAction = (name: 'show' | 'path' | 'set') => action(async () => (await PROGRAM_MODULES.config()).forAction(name));
  config.command('show').description('the defaults file and its values').action(configAction('show'));
  config.command('path').description('where the defaults file is').action(configAction('path'));
  config
    .command('set')
    .description('set a default (gpu, vram, gpus, ram, cpu-only, kwh-price, currency, use-case, priority, catalogs, engine)')
    .argument('<key>', 'a key (see `llm-pick config show`)')
    .argument('<value...>', 'its value')
    .action(configAction('set'));
  config.allowExcessArguments(true).action((_opts: unknown, cmd: Command) => {
    const names = cmd.commands.map((c) => c.name()).join(', ');
    const what = cmd.args.length > 0 ? `unknown command ${quoted(`config ${cmd.args[0]}`)}` : 'config needs a command';
    throw new UsageError(`${what}; commands: ${names} (see llm-pick config --help)`);
  });

  return finish(program);
}

/** The last settings, once every subcommand exists. */
function finish(program: Command): Command {
  // Set after the subcommands exist so they keep rejecting extra arguments; the
  // root takes them only to name an unknown command in its error.
  program.allowExcessArguments(true);
  oneLineErrors(program);
  return program;
}

/** Commands that detect the hardware unless it is given (--gpu, --vram, --cpu-only). */
const DETECTING = new Set(['fit', 'recommend', 'hardware']);
/** Flags after which nothing is probed: hardware given, no hardware asked for, or only help. */
const NO_PROBE = /^(--(gpu|vram|cpu-only|api-only|list|help|version|config-file)(=.*)?|-h|-V)$/;

/** Whether these arguments (after `node llm-pick`) run a command that detects the hardware, by the command line alone. */
export function surelyDetects(args: readonly string[]): boolean {
  return DETECTING.has(args[0] ?? '') && !args.some((a) => NO_PROBE.test(a));
}

/**
 * Starts the GPU probe (nvidia-smi first, src/hardware/probe/) before the command is parsed, its
 * module loaded and the catalog read, so that its child processes run meanwhile: the command's own
 * probe gets the same promise (defaultProbe probes once per process). Only where the command will
 * surely detect: a detecting command named first, no flag that plans or skips the hardware, and no
 * defaults file (which may give the hardware).
 */
export function startProbeEarly(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (!surelyDetects(argv.slice(2))) return false;
  if (existsSync(configFilePath(env, env.HOME || homedir(), process.platform))) return false;
  // A failure here is the command's own to report, when it asks for the same promise.
  void import('../hardware/probe/index.js').then((m) => m.defaultProbe.gpus()).catch(() => undefined);
  return true;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  startPhases();
  startProbeEarly(argv);
  // Weights of the catalog's models computed at build time (read on the first estimate that needs them).
  useWeightsTable(readBuiltWeights);
  // A plain line (a table command and its flags, src/cli/plain-line.ts) runs without commander.
  const plain = plainLine(argv);
  if (plain !== null) {
    try {
      await runLine(COMMAND_MODULES[plain.command]!, plain);
    } catch (error) {
      reportError(error, argv.includes('--debug'));
    }
    return;
  }
  const program = buildProgram(argv);
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
