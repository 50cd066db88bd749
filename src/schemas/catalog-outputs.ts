// zod schemas of the --json documents of models, quants, engines and catalog validate.
import { z } from 'zod';
import { EngineSchema, ModelSchema, QuantSchema, UseCase } from '../catalog/schema.js';

export const ModelsDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('models'),
  filters: z.strictObject({
    type: z.enum(['local', 'embedding', 'api']).optional(),
    useCase: UseCase.optional(),
    provider: z.string().optional(),
    maxParams: z.number().positive().optional(),
    commercial: z.boolean().optional(),
  }),
  /** `models NAME`: the name as typed and the catalog id it resolved to; null when listing. */
  query: z.strictObject({ typed: z.string(), modelId: z.string() }).nullable(),
  count: z.number().int().nonnegative(),
  models: z.array(ModelSchema),
});

export const QuantsDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('quants'),
  count: z.number().int().nonnegative(),
  quants: z.array(QuantSchema),
});

export const EnginesDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('engines'),
  count: z.number().int().nonnegative(),
  engines: z.array(EngineSchema),
});

const Count = z.number().int().nonnegative();

export const CatalogValidateDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('catalog-validate'),
  file: z.string(),
  valid: z.boolean(),
  counts: z.strictObject({ models: Count, gpus: Count, quants: Count, engines: Count }).nullable(),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
});
