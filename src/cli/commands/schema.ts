// `llm-pick schema [kind]`: the JSON Schema of each --json output and of each command's options.
import type { CommandContext } from '../context.js';
import { UsageError } from '../../core/errors.js';
import { SCHEMA_KINDS, jsonSchemaOf } from '../../schemas/index.js';

export interface SchemaOptions {
  args: string[];
}

export interface SchemaResult {
  schemaVersion: 1;
  kind: 'schema';
  schemas: Record<string, Record<string, unknown>>;
}

export async function run(options: SchemaOptions, _ctx: CommandContext): Promise<SchemaResult> {
  const wanted = options.args[0];
  if (wanted !== undefined && !SCHEMA_KINDS.includes(wanted)) {
    throw new UsageError(`schema: unknown kind "${wanted}"; kinds: ${SCHEMA_KINDS.join(', ')}`);
  }
  const kinds = wanted ? [wanted] : SCHEMA_KINDS;
  const schemas: Record<string, Record<string, unknown>> = {};
  for (const kind of kinds) schemas[kind] = await jsonSchemaOf(kind);
  return { schemaVersion: 1, kind: 'schema', schemas };
}

/** A JSON Schema is JSON: the human form is the schema itself (one kind) or all of them. */
export function render(result: SchemaResult): string {
  const kinds = Object.keys(result.schemas);
  return JSON.stringify(kinds.length === 1 ? result.schemas[kinds[0]!] : result.schemas, null, 2);
}
