// zod schema of `llm-pick config ... --json`, for `llm-pick schema config` and tests.
import { CatalogAsOf } from '../schemas/common.js';
import { z } from 'zod';

const Value = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const ConfigDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('config'),
  catalogAsOf: CatalogAsOf,
  action: z.enum(['show', 'path', 'set']),
  /** The defaults file (--config-file, else LLM_PICK_CONFIG, else config.yaml in the per-user config folder). */
  file: z.string(),
  /** How the path was chosen. */
  fileFrom: z.enum(['--config-file', 'LLM_PICK_CONFIG', 'default']),
  exists: z.boolean(),
  /** The file's values by key (after `set`, including the new one). */
  values: z.record(z.string(), Value),
  /** set: the key and the value written. */
  set: z.strictObject({ key: z.string(), value: Value }).nullable(),
  /** Every key the file takes: what it is the default of. */
  keys: z.array(z.strictObject({ key: z.string(), option: z.string().nullable(), description: z.string() })),
});

export type ConfigDocument = z.infer<typeof ConfigDocumentSchema>;
