// A plain command line read from the option table (src/options/table.ts) without commander:
// `llm-pick fit --params 70 --quant q4 --json` is a table command followed by long flags the
// command or the program takes, each valued flag with its value in the next word or after `=`. Building
// commander's program and parsing with it cost about 5 M instructions at every start (callgrind),
// a tenth of a `fit` after loading. Anything else (help, the version, an unknown or repeated flag,
// a value in the next word that starts with `-`, a value its parser refuses, an argument, a global
// flag before the command, `--`) is left to commander, which prints the same help and errors as
// always: this reader never prints anything. What it returns is what commander gives the command's
// action for the same line (src/cli/index.ts parsedOf): test/startup/plain-line.test.ts pins both
// over every flag of every command.
import { COMMANDS, GLOBAL_OPTIONS, optionsOf } from '../options/table.js';
import { parseValue } from '../options/parse.js';
import type { OptionSpec } from '../options/types.js';

/** A parsed command line, as the command's action receives it. */
export interface ParsedLine {
  /** The command's name, and its parent's (the program's, llm-pick, for a table command). */
  command: string;
  parent: string;
  /** The command's options as commander's opts() holds them: defaults in the table's order, then the flags typed, in their order. */
  options: Record<string, unknown>;
  /** The program's options (--json, --catalog, --no-color, --debug, --config-file), the same way (commander: optsWithGlobals()). */
  globals: Record<string, unknown>;
  /** Positional arguments. */
  args: string[];
  /** Whether the command takes this option (by key). */
  has(key: string): boolean;
  /** Whether this option of the command was typed on the command line (commander's value source 'cli'). */
  typed(key: string): boolean;
}

/** The defaults commander sets when an option is added: a negated boolean (`--no-x`) is true, a valued option its default. */
function defaults(specs: readonly OptionSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of specs) {
    const def = o.type === 'boolean' ? (o.negated ? true : undefined) : (o as { default?: unknown }).default;
    if (def !== undefined) out[o.key] = def;
  }
  return out;
}

/** The parsed line when it is plain (see above), else null: commander parses it. argv as process.argv (node, script, ...). */
export function plainLine(argv: readonly string[]): ParsedLine | null {
  const name = argv[2];
  if (name === undefined || !COMMANDS.some((c) => c.name === name)) return null;
  const own = optionsOf(name);
  const options = defaults(own);
  const globals = defaults(GLOBAL_OPTIONS);
  const typed = new Set<string>();
  const seen = new Set<OptionSpec>();
  for (let i = 3; i < argv.length; i++) {
    const word = argv[i]!;
    // `--flag=value`, as commander reads it: the value is all after the first `=`, whatever it starts with.
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const flag = eq > 2 ? word.slice(0, eq) : word;
    let o = own.find((s) => s.flag === flag);
    const into = o ? options : globals;
    o ??= GLOBAL_OPTIONS.find((s) => s.flag === flag);
    // A repeated flag, even a repeatable one (--catalog), is left to commander.
    if (o === undefined || seen.has(o)) return null;
    seen.add(o);
    if (o.type === 'boolean') {
      if (eq > 2) return null;
      into[o.key] = !o.negated;
    } else {
      const raw = eq > 2 ? word.slice(eq + 1) : argv[++i];
      if (raw === undefined || (eq <= 2 && raw.startsWith('-'))) return null;
      let value: number | string;
      try {
        value = parseValue(o, raw);
      } catch {
        return null;
      }
      into[o.key] = o.type === 'string' && o.repeatable ? [value] : value;
    }
    if (into === options) typed.add(o.key);
  }
  return {
    command: name,
    parent: 'llm-pick',
    options,
    globals,
    args: [],
    has: (key) => own.some((s) => s.key === key),
    typed: (key) => typed.has(key),
  };
}
