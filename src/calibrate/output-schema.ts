// zod schema of `llm-pick calibrate --json`, for `llm-pick schema calibrate` and tests.
import { CatalogAsOf } from '../schemas/common.js';
import { z } from 'zod';
import { CalibrationEntrySchema } from './file-schema.js';

export const CalibrateDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('calibrate'),
  catalogAsOf: CatalogAsOf,
  /** import: FILE was read; show: --show; reset: --reset. */
  action: z.enum(['import', 'show', 'reset']),
  /** The per-user calibration file. */
  file: z.string(),
  /** import: the entries this run added or replaced (per GPU, backend, model and depth). */
  imported: z.array(CalibrationEntrySchema),
  /** Every stored entry after the action. */
  entries: z.array(CalibrationEntrySchema),
  /** import: rows not used, one line each (partial offload, CPU backend). */
  skipped: z.array(z.string()),
  /** reset: whether there was a file to remove. */
  removed: z.boolean(),
  warnings: z.array(z.string()),
});

export type CalibrateDocument = z.infer<typeof CalibrateDocumentSchema>;
