// Every --json document's zod schema, by kind. `llm-pick schema` prints them as
// JSON Schema (z.toJSONSchema); tests validate real outputs against them and pin
// the generated files in schemas/ so a change to the contract is deliberate.
import type { z } from 'zod';

type Loader = () => Promise<z.ZodType>;

export const OUTPUT_SCHEMAS: Record<string, Loader> = {
  fit: async () => (await import('../render/fit-schema.js')).FitDocumentSchema,
  hardware: async () => (await import('../hardware/document-schema.js')).HardwareDocumentSchema,
  models: async () => (await import('./catalog-outputs.js')).ModelsDocumentSchema,
  quants: async () => (await import('./catalog-outputs.js')).QuantsDocumentSchema,
  engines: async () => (await import('./catalog-outputs.js')).EnginesDocumentSchema,
  recommend: async () => (await import('../decide/output-schema.js')).RecommendJson,
  cost: async () => (await import('../decide/output-schema.js')).CostJson,
  installed: async () => (await import('../installed/output-schema.js')).InstalledDocumentSchema,
  calibrate: async () => (await import('../calibrate/output-schema.js')).CalibrateDocumentSchema,
  config: async () => (await import('../config/output-schema.js')).ConfigDocumentSchema,
  'catalog-validate': async () => (await import('./catalog-outputs.js')).CatalogValidateDocumentSchema,
};

export const OUTPUT_KINDS = Object.keys(OUTPUT_SCHEMAS);

/** Commands whose options are published as `<command>-options` (from the option table). */
export const OPTION_COMMANDS = ['fit', 'recommend', 'hardware', 'models', 'cost', 'installed', 'calibrate'];
export const OPTION_KINDS = OPTION_COMMANDS.map((c) => `${c}-options`);

/** Every kind `llm-pick schema` knows: the --json documents, then each command's options. */
export const SCHEMA_KINDS = [...OUTPUT_KINDS, ...OPTION_KINDS];

/** The JSON Schema of one kind: an output document, or a command's options (`fit-options`). */
export async function jsonSchemaOf(kind: string): Promise<Record<string, unknown>> {
  const { z } = await import('zod');
  if (OPTION_KINDS.includes(kind)) {
    const command = kind.slice(0, -'-options'.length);
    const { optionsSchema } = await import('../options/zod.js');
    return {
      ...z.toJSONSchema(optionsSchema(command), { io: 'input', unrepresentable: 'any' }),
      title: `llm-pick ${command} options`,
    };
  }
  const schema = await OUTPUT_SCHEMAS[kind]!();
  return {
    ...z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }),
    title: `llm-pick ${kind} --json`,
  };
}
