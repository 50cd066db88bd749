// The shape of an option declaration. Each option is declared once, as data
// (src/options/table.ts); commander's flags, the flag parsers, the wizard's
// questions and checks, the published JSON Schema of each command's options,
// MCP tool inputs and shell completion are all generated from it.
import type { QuantityUnit } from './quantity.js';

export interface ChoiceSpec {
  value: string;
  /** How the wizard names it. */
  label: string;
  description?: string;
}

/** The wizard asks this option itself (the other options it never asks, or asks in a composite step). */
export interface WizardSpec {
  message: string;
}

interface Base {
  /** Long flag as typed: "--vram". */
  flag: string;
  /** The key commands read (commander camelCases the flag): "vram". */
  key: string;
  /** One line for --help. */
  help: string;
  /** Value placeholder in --help: "<GiB>". */
  valueName?: string;
  wizard?: WizardSpec;
}

export interface BooleanOption extends Base {
  type: 'boolean';
  /** `--no-flash-attn`: the key is true unless the flag is given. */
  negated?: boolean;
}

export interface NumberOption extends Base {
  type: 'number';
  /** What the number is, for errors: "GiB of GPU memory". */
  what: string;
  unit: QuantityUnit;
  min: number;
  /** true: the value must be greater than min (a size); false: at least min. */
  minExclusive: boolean;
  max: number;
  integer: boolean;
  default?: number;
}

export interface ChoiceOption extends Base {
  type: 'choice';
  choices: readonly ChoiceSpec[];
  /** Other words people type for a value ("classification" → "extraction"). */
  aliases?: Readonly<Record<string, string>>;
  default?: string;
}

export interface StringOption extends Base {
  type: 'string';
  what: string;
  /** Repeatable: the key holds a list. */
  repeatable?: boolean;
  /** Where completion takes its values from (the installed catalog). */
  complete?: 'model' | 'local-model' | 'api-model' | 'gpu' | 'quant' | 'file' | 'provider';
}

export type OptionSpec = BooleanOption | NumberOption | ChoiceOption | StringOption;

/** A command's use of an option, with what differs for that command (help, default). */
export interface OptionUse {
  option: OptionSpec;
  help?: string;
  default?: number | string;
  /** This command takes the option without its default (a filter that is off unless given). */
  noDefault?: boolean;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: readonly OptionUse[];
  /** Runnable examples for --help (each one is run by a test). */
  examples: readonly string[];
  /** Positional arguments: `[name]` optional, `<name>` required. */
  arguments?: readonly { syntax: string; description: string }[];
  /** More help after the options (e.g. the other names a choice takes). */
  epilog?: () => string;
}
