// Values of options, parsed and checked against their declaration (table.ts).
// Every error names the flag and what is allowed, on one line; the value is
// quoted as JSON so a newline or control character in it cannot split the line.
import { UsageError } from '../core/errors.js';
import { didYouMean } from '../util/suggest.js';
import { parseQuantity, UNIT_EXAMPLES } from './quantity.js';
import type { ChoiceOption, NumberOption, OptionSpec, StringOption } from './types.js';

/** The value as typed, quoted on one line (control characters escaped), shortened when long. */
export function quoted(raw: string): string {
  const text = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
  return JSON.stringify(text);
}

/** Allowed range of a number option, in words: "a number greater than 0 and at most 16384". */
export function rangeWords(o: NumberOption): string {
  const kind = o.integer ? 'a whole number' : 'a number';
  if (o.minExclusive) return `${kind} greater than ${o.min} and at most ${o.max}`;
  return `${kind} from ${o.min} to ${o.max}`;
}

export function parseNumber(o: NumberOption, raw: string): number {
  const n = parseQuantity(raw, o.unit);
  const inRange = Number.isFinite(n) && (o.minExclusive ? n > o.min : n >= o.min) && n <= o.max;
  // "32k" of 1024 is whole; "1.5k" tokens of context is not, and is refused rather than rounded.
  if (!inRange || (o.integer && !Number.isInteger(n))) {
    const examples = o.unit === 'plain' ? '' : ` (${UNIT_EXAMPLES[o.unit]})`;
    throw new UsageError(`${o.flag} takes ${o.what}${examples}: ${rangeWords(o)}; got ${quoted(raw)}`);
  }
  return n;
}

/** Canonical spelling of a choice; aliases and case are forgiven; a near miss is suggested. */
export function parseChoice(o: ChoiceOption, raw: string): string {
  // Case, spaces and the usual separators are forgiven: "Long Context" is long-context, "Q8_0" is q8_0;
  // anything else (a control or bidi character) still has to match, so it never does.
  const key = (s: string) => s.toLowerCase().replace(/&/g, 'and').replace(/[\s\-_/.,]+/g, '');
  const text = key(raw.slice(0, 200));
  const found = o.choices.find((c) => key(c.value) === text);
  if (found) return found.value;
  const alias = Object.entries(o.aliases ?? {}).find(([k]) => key(k) === text);
  if (alias) return alias[1];
  const values = o.choices.map((c) => c.value);
  const hint = didYouMean(raw, [...values, ...Object.keys(o.aliases ?? {})]);
  throw new UsageError(`${o.flag} must be one of ${values.join(', ')}; got ${quoted(raw)}${hint}`);
}

export function parseString(o: StringOption, raw: string): string {
  if (raw.trim() === '') throw new UsageError(`${o.flag} takes ${o.what}; got an empty value`);
  return raw.trim();
}

/** One typed value of an option (booleans take none). */
export function parseValue(o: OptionSpec, raw: string): number | string {
  switch (o.type) {
    case 'number':
      return parseNumber(o, raw);
    case 'choice':
      return parseChoice(o, raw);
    case 'string':
      return parseString(o, raw);
    case 'boolean':
      throw new UsageError(`${o.flag} takes no value`);
  }
}
