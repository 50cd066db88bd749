// zod schema of `llm-pick installed --json`, for `llm-pick schema installed` and tests.
import { CatalogAsOf } from '../schemas/common.js';
import { z } from 'zod';

const Bytes = z.number().int().nonnegative();
const Store = z.enum(['ollama', 'hf', 'lmstudio', 'llama.cpp']);

export const InstalledModelJson = z.strictObject({
  store: Store,
  /** As the store names it: Ollama tag, HF repo id (plus the file for GGUF repos), path under the store. */
  name: z.string(),
  /** The GGUF file (an Ollama blob included) or the safetensors snapshot folder. */
  path: z.string(),
  format: z.enum(['gguf', 'safetensors']),
  /** Bytes on disk of the weights file(s). */
  sizeBytes: Bytes,
  /** GGUF file type (Q4_K_M, ...) or the checkpoint's dtype / quantization method (BF16, FP8, AWQ-INT4, ...). */
  quant: z.string(),
  architecture: z.string().nullable(),
  /** GGUF general.name. */
  ggufName: z.string().nullable(),
  repo: z.string().nullable(),
  /** Counted from the tensors in the header. */
  params: z.number().nonnegative(),
  activeParams: z.number().nonnegative(),
  layers: z.number().int().positive(),
  maxContext: z.number().int().positive(),
  /** The catalog model it is, and how that was decided; null when the catalog does not know it. */
  match: z.strictObject({ modelId: z.string(), by: z.enum(['ollama-tag', 'hf-repo', 'gguf-name']) }).nullable(),
  /** Exact fit on the detected or planned hardware at contextLength (weights from the header). */
  fit: z.strictObject({
    contextLength: z.number().int().positive(),
    weightsBytes: Bytes,
    kvCacheBytes: Bytes,
    overheadBytes: Bytes,
    totalBytes: Bytes,
    /** null when no memory budget is known. */
    fits: z.boolean().nullable(),
    /** Layers on the GPU when only part of the model fits; null when it fits whole or there is no GPU budget. */
    gpuLayers: z.number().int().nonnegative().nullable(),
  }),
});

export const InstalledDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('installed'),
  catalogAsOf: CatalogAsOf,
  /** Every folder looked at, and why (an env var or the default). */
  stores: z.array(z.strictObject({ store: Store, dir: z.string(), from: z.string(), exists: z.boolean() })),
  models: z.array(InstalledModelJson),
  /** Files that could not be read as a model: one line each; the scan went on. */
  problems: z.array(z.strictObject({ store: Store, path: z.string(), problem: z.string() })),
  budget: z.strictObject({ explanation: z.string(), totalBytes: Bytes.nullable() }),
  warnings: z.array(z.string()),
});

export type InstalledDocument = z.infer<typeof InstalledDocumentSchema>;
export type InstalledModelEntry = z.infer<typeof InstalledModelJson>;
