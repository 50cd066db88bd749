// commander's flags, generated from the option table (src/options/table.ts):
// the parsers, help lines (with allowed values and defaults) and negations all
// come from one declaration per option.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from '../core/errors.js';
import { parseValue } from '../options/parse.js';
import type { OptionSpec } from '../options/types.js';

/** commander wants its own error type from a parser; the message is the option table's one line. */
function parserOf(o: OptionSpec) {
  const one = (raw: string) => {
    try {
      return parseValue(o, raw);
    } catch (error) {
      if (error instanceof CliError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
  if (o.type === 'string' && o.repeatable) return (raw: string, previous: unknown) => [...((previous as string[] | undefined) ?? []), one(raw)];
  return (raw: string) => one(raw);
}

/** The help line: the option's words, then what it allows. */
export function helpLine(o: OptionSpec): string {
  if (o.type !== 'choice') return o.help;
  const aliases = Object.keys(o.aliases ?? {});
  const also = aliases.length > 4 ? `${aliases.slice(0, 4).join(', ')}, ...` : aliases.join(', ');
  return `${o.help}: ${o.choices.map((c) => c.value).join(', ')}${aliases.length ? ` (also ${also})` : ''}`;
}

export function commanderOption(o: OptionSpec): Option {
  if (o.type === 'boolean') return new Option(o.flag, o.help);
  const option = new Option(`${o.flag} ${o.valueName ?? '<value>'}`, helpLine(o)).argParser(parserOf(o));
  const def = (o as { default?: unknown }).default;
  if (def !== undefined) option.default(def);
  return option;
}

export function addOptions(cmd: Command, options: readonly OptionSpec[]): Command {
  for (const o of options) cmd.addOption(commanderOption(o));
  return cmd;
}
