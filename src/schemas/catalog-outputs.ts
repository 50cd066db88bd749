// zod schemas of the --json documents of models, quants, engines and catalog validate.
import { CatalogAsOf } from './common.js';
import { z } from 'zod';
import {
  ApiModelSchema,
  BenchmarkResultSchema,
  EmbeddingModelSchema,
  EngineSchema,
  LocalModelSchema,
  QuantSchema,
  UseCase,
} from '../catalog/schema.js';
import { TaskScoreJson } from '../decide/output-schema.js';

/** Quality added to each model of `models --json`: its benchmark results and its task scores (measured or estimated). */
const QualityFields = {
  benchmarks: z.array(BenchmarkResultSchema),
  tasks: z.array(TaskScoreJson),
  /** With --use-case: the use case's score (what the list is sorted by). */
  useCaseScore: z.strictObject({ useCase: z.string(), score: z.number(), estimated: z.boolean(), uncertainty: z.number().nonnegative() }).optional(),
};
export const ModelWithQualitySchema = z.discriminatedUnion('type', [
  LocalModelSchema.extend(QualityFields),
  EmbeddingModelSchema.extend(QualityFields),
  ApiModelSchema.extend(QualityFields),
]);

export const ModelsDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('models'),
  catalogAsOf: CatalogAsOf,
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
  models: z.array(ModelWithQualitySchema),
});

export const QuantsDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('quants'),
  catalogAsOf: CatalogAsOf,
  count: z.number().int().nonnegative(),
  quants: z.array(QuantSchema),
});

export const EnginesDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('engines'),
  catalogAsOf: CatalogAsOf,
  count: z.number().int().nonnegative(),
  engines: z.array(EngineSchema),
});

const Count = z.number().int().nonnegative();

export const CatalogValidateDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('catalog-validate'),
  catalogAsOf: CatalogAsOf,
  file: z.string(),
  valid: z.boolean(),
  counts: z.strictObject({ models: Count, gpus: Count, quants: Count, engines: Count }).nullable(),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
});
