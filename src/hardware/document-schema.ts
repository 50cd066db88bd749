// zod schema of `llm-pick hardware --json` (for `llm-pick schema hardware` via
// z.toJSONSchema, and for tests). Mirrors the types in document.ts.
import { CatalogAsOf } from '../schemas/common.js';
import { z } from 'zod';

const Vendor = z.enum(['nvidia', 'amd', 'intel', 'apple', 'unknown']);
const Backend = z.enum(['cuda', 'rocm', 'metal', 'vulkan', 'sycl', 'cpu']);
const Bytes = z.number().int().nonnegative();

export const HardwareGpuJsonSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  name: z.string(),
  vendor: Vendor,
  vramBytes: Bytes,
  freeVramBytes: Bytes.nullable(),
  usableBytes: Bytes.nullable(),
  memoryBandwidthGBps: z.number().positive().nullable(),
  fp16Tflops: z.number().positive().nullable(),
  tdpWatts: z.number().positive().nullable(),
  backend: Backend,
  catalogId: z.string().nullable(),
  driverVersion: z.string().nullable(),
  computeCapability: z.string().nullable(),
  unifiedMemory: z.boolean(),
  integrated: z.boolean(),
  mig: z.strictObject({ enabled: z.literal(true), instances: z.array(z.strictObject({ profile: z.string(), memoryBytes: Bytes })) }).nullable(),
  inBudget: z.boolean(),
  sources: z.strictObject({ memory: z.string(), freeMemory: z.string().nullable(), bandwidth: z.string().nullable() }),
  usableVramBytes: Bytes.nullable(),
  memorySource: z.string(),
  heldBy: z.array(z.strictObject({ pid: z.number().int().nonnegative(), name: z.string(), bytes: Bytes })),
});

export const HardwarePlanDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('hardware'),
  catalogAsOf: CatalogAsOf,
  list: z.literal(false),
  origin: z.enum(['flags', 'catalog', 'detected', 'none']),
  gpus: z.array(HardwareGpuJsonSchema),
  ram: z.strictObject({
    totalBytes: Bytes.nullable(),
    freeBytes: Bytes.nullable(),
    bandwidthGBps: z.number().positive(),
    source: z.string().nullable(),
    bandwidthSource: z.string().nullable(),
  }),
  cpu: z.strictObject({ model: z.string().nullable(), cores: z.number().int().positive().nullable(), physicalCores: z.number().int().positive().nullable() }).nullable(),
  unifiedMemory: z.boolean(),
  budget: z
    .strictObject({
      vramBytesPerGpu: Bytes,
      gpus: z.number().int().nonnegative(),
      ramBytes: Bytes.nullable(),
      unifiedMemory: z.boolean(),
      vramBytesByGpu: z.array(Bytes).nullable(),
      gpuIndexes: z.array(z.number().int().nonnegative()),
      explanation: z.string(),
    })
    .nullable(),
  warnings: z.array(z.string()),
  probes: z.array(z.string()),
});

export const HardwareListDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('hardware'),
  catalogAsOf: CatalogAsOf,
  list: z.literal(true),
  gpus: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      vendor: z.enum(['nvidia', 'amd', 'intel', 'apple']),
      segment: z.enum(['consumer', 'workstation', 'datacenter', 'apple']),
      backend: Backend,
      vramBytes: Bytes,
      freeVramBytes: z.null(),
      memoryBandwidthGBps: z.number().positive().nullable(),
      fp16Tflops: z.number().positive().nullable(),
      tdpWatts: z.number().positive().nullable(),
      unifiedMemory: z.boolean(),
      memoryOptionsGiB: z.array(z.number().positive()),
      aliases: z.array(z.string()),
      source: z.string(),
    }),
  ),
  warnings: z.array(z.string()),
});

/** `hardware --json` prints one of these: `list` tells which. */
export const HardwareDocumentSchema = z.discriminatedUnion('list', [HardwarePlanDocumentSchema, HardwareListDocumentSchema]);
