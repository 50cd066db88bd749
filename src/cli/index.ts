// The commander program: every command and flag, generated from the option table
// (src/options/table.ts). Each command's module is imported inside its action so
// `--help`, `--version` and `fit` load nothing they do not use.
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import type { CommandContext, CommandModule, JsonDocument } from './context.js';
import { quoted } from '../options/parse.js';
import { oneLineErrors } from './commander-errors.js';
import { UsageError } from '../core/errors.js';
import { reportError, runCommand } from './main.js';
import { COMMANDS, GLOBAL_OPTIONS, optionsOf } from '../options/table.js';
import { addOptions, commanderOption } from './program-options.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

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

/** Each command's module, imported only when it runs. */
const MODULES: Record<string, () => Promise<CommandModule<never, JsonDocument>>> = {
  fit: () => import('./commands/fit.js') as never,
  recommend: () => import('./commands/recommend.js') as never,
  hardware: () => import('./commands/hardware.js') as never,
  models: () => import('./commands/models.js') as never,
  quants: () => import('./commands/quants.js') as never,
  engines: () => import('./commands/engines.js') as never,
  cost: () => import('./commands/cost.js') as never,
};

export function buildProgram(): Command {
  const program = new Command('llm-pick')
    .description('Which LLM to use, whether it fits your hardware, how fast it runs, or whether an API is the better deal.')
    .version(pkg.version, '-V, --version');
  for (const o of GLOBAL_OPTIONS) program.addOption(commanderOption(o));
  program.showSuggestionAfterError(true).exitOverride();

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

  for (const spec of COMMANDS) {
    addOptions(program.command(spec.name).description(spec.description), optionsOf(spec.name)).action(action(MODULES[spec.name]!));
  }

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
    .description("JSON Schema of each --json output and of each command's options")
    .argument('[kind]', "one kind: an output (fit, recommend, hardware, models, quants, engines, cost, catalog-validate) or a command's options (fit-options, recommend-options, ...)")
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
