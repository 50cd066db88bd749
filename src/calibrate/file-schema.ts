// The calibration file's schema (src/calibrate/store.ts reads it; `llm-pick schema calibrate` publishes
// its entries). Apart from the store, so that the zod runtime loads only when a file exists.
import { z } from 'zod';

const Speed = z.strictObject({ tokensPerSecond: z.number().positive(), tokens: z.number().int().positive() }).nullable();

export const CalibrationEntrySchema = z.strictObject({
  gpuId: z.string(),
  gpuName: z.string(),
  backend: z.enum(['cuda', 'rocm', 'metal', 'vulkan', 'sycl', 'cpu']),
  modelType: z.string(),
  modelFile: z.string().nullable(),
  quant: z.string().nullable(),
  params: z.number().nonnegative(),
  activeParams: z.number().nonnegative().nullable(),
  sizeBytes: z.number().nonnegative(),
  depth: z.number().int().nonnegative(),
  decode: Speed,
  prompt: Speed,
  source: z.string(),
  build: z.string().nullable(),
  importedAt: z.string(),
});

export const CalibrationFileSchema = z.strictObject({ version: z.literal(1), entries: z.array(CalibrationEntrySchema) });
