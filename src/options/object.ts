// A command's options from an object (MCP tool arguments, a config file): each
// value is checked by the same parser as its flag, so a bad value gets the same
// one-line message as on the command line, and defaults are applied as
// commander applies them.
import { UsageError } from '../core/errors.js';
import { didYouMean } from '../util/suggest.js';
import { parseValue, quoted } from './parse.js';
import { optionsOf } from './table.js';
import type { OptionSpec } from './types.js';

function one(o: OptionSpec, value: unknown): unknown {
  if (o.type === 'boolean') {
    if (typeof value !== 'boolean') throw new UsageError(`${o.key} takes true or false; got ${quoted(JSON.stringify(value) ?? String(value))}`);
    return value;
  }
  if (o.type === 'string' && o.repeatable) {
    const list = Array.isArray(value) ? value : [value];
    return list.map((v) => one({ ...o, repeatable: false }, v));
  }
  if (typeof value === 'number' && o.type === 'number') return parseValue(o, String(value));
  if (typeof value !== 'string') {
    const kind = o.type === 'number' ? 'a number' : 'a string';
    throw new UsageError(`${o.flag} takes ${kind}; got ${quoted(JSON.stringify(value) ?? String(value))}`);
  }
  return parseValue(o, value);
}

/** The options object a command's `run` takes, from named values (keys as in the option table). */
export function optionsFromObject(command: string, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const specs = optionsOf(command);
  const out: Record<string, unknown> = {};
  for (const o of specs) {
    const def = o.type === 'boolean' ? (o.negated ? true : undefined) : (o as { default?: unknown }).default;
    if (def !== undefined) out[o.key] = def;
  }
  for (const [key, value] of Object.entries(values)) {
    const o = specs.find((s) => s.key === key);
    if (!o) {
      const keys = specs.map((s) => s.key);
      throw new UsageError(`unknown argument ${quoted(key)} for ${command}${didYouMean(key, keys)}; arguments: ${keys.join(', ') || 'none'}`);
    }
    if (value === undefined || value === null) continue;
    out[key] = one(o, value);
  }
  return out;
}
