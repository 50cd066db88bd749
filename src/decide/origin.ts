// Where a reason comes from: the option the user set (or left out). A reason is
// its text plus that origin, so each front end names the origin in its own words:
// the command line as the flag (`--privacy`, `--priority quality`), the wizard as
// the answer the user picked. The flags are read from the option table.
import {
  apiOnly,
  budget,
  commercial,
  latencyCritical,
  localOnly,
  managed,
  offline,
  predictableCost,
  priority,
  privacy,
  prototype,
  tokensPerDay,
} from '../options/table.js';
import type { BooleanOption, ChoiceOption, NumberOption } from '../options/types.js';
import type { ORIGIN_OPTIONS } from './output-schema.js';

export type OriginOption = (typeof ORIGIN_OPTIONS)[number];

const SPECS: Record<OriginOption, BooleanOption | ChoiceOption | NumberOption> = {
  privacy,
  offline,
  tokensPerDay,
  budget,
  latencyCritical,
  priority,
  localOnly,
  apiOnly,
  predictableCost,
  prototype,
  managed,
  commercial,
};

export interface Origin {
  /** The option's key in src/options/table.ts. */
  option: OriginOption;
  /** The value as typed on the command line (`quality` for --priority quality); null for a switch. */
  value: string | null;
  /** false: the option was left out (no --tokens-per-day), which is what the reason is about. */
  given: boolean;
}

export interface Reason {
  origin: Origin | null;
  text: string;
}

export const because = (option: OriginOption, text: string, value: string | null = null): Reason => ({
  origin: { option, value, given: true },
  text,
});

export const becauseMissing = (option: OriginOption, text: string): Reason => ({ origin: { option, value: null, given: false }, text });

export const plain = (text: string): Reason => ({ origin: null, text });

/** `--privacy`, `--priority quality`, `no --tokens-per-day`. */
export function flagWords(o: Origin): string {
  const flag = SPECS[o.option].flag;
  if (!o.given) return `no ${flag}`;
  return o.value === null ? flag : `${flag} ${o.value}`;
}

/** A reason as the command line says it: `--privacy: data must not leave this machine`. */
export function reasonText(r: Reason, words: (o: Origin) => string = flagWords): string {
  return r.origin ? `${words(r.origin)}: ${r.text}` : r.text;
}
