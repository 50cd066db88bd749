// Each command's options as a zod object, generated from the option table: the
// published JSON Schema of a command's options (`llm-pick schema fit-options`)
// and MCP tool inputs are made from it. Numbers are numbers here (a program
// sends 32768, not "32k"); the limits, choices and defaults are the flags' own.
import { z } from 'zod';
import { optionsOf } from './table.js';
import type { OptionSpec } from './types.js';

function zodOf(o: OptionSpec): z.ZodType {
  switch (o.type) {
    case 'boolean':
      return z.boolean().describe(o.negated ? `${o.help} (false = ${o.flag})` : o.help);
    case 'number': {
      let n = o.integer ? z.number().int() : z.number();
      n = o.minExclusive ? n.gt(o.min) : n.min(o.min);
      return n.max(o.max).describe(o.help);
    }
    case 'choice': {
      const values = o.choices.map((c) => c.value) as [string, ...string[]];
      return z.enum(values).describe(o.help);
    }
    case 'string':
      return o.repeatable ? z.array(z.string().min(1)).describe(o.help) : z.string().min(1).describe(o.help);
  }
}

/** The options of one command, every one optional (defaults are the command's own). */
export function optionsSchema(command: string): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const o of optionsOf(command)) {
    const def = (o as { default?: unknown }).default;
    shape[o.key] = def === undefined ? zodOf(o).optional() : zodOf(o).default(def as never);
  }
  return z.strictObject(shape);
}
