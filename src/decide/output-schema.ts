// The --json documents of `recommend` and `cost` (DESIGN.md): one zod schema each,
// types from z.infer, so the contract is pinned in one place and `llm-pick schema`
// can print it (z.toJSONSchema).
import { z } from 'zod';

const Bytes = z.number().int().nonnegative();

export const SpeedJson = z.strictObject({
  decodeTokensPerSecond: z.number().nonnegative(),
  promptTokensPerSecond: z.number().nonnegative(),
  explanation: z.string(),
});

export const MemoryJson = z.strictObject({
  weightsBytes: Bytes,
  kvCacheBytes: Bytes,
  overheadBytes: Bytes,
  totalBytes: Bytes,
  /** What the pick is measured against: usable GPU memory of all cards, or RAM on CPU-only plans; null when unknown. */
  budgetBytes: Bytes.nullable(),
});

export const SetupAlternativeJson = z.strictObject({
  engine: z.string(),
  quant: z.string(),
  setup: z.array(z.string()),
});

export const LocalPickJson = z.strictObject({
  rank: z.number().int().positive(),
  modelId: z.string(),
  name: z.string(),
  type: z.enum(['local', 'embedding']),
  quant: z.string(),
  engine: z.string(),
  contextLength: z.number().int().positive(),
  memory: MemoryJson,
  /** true: all in GPU memory (or RAM on CPU-only plans); false: partial offload; null: no budget known. */
  fits: z.boolean().nullable(),
  placement: z.enum(['gpu', 'cpu', 'offload', 'unknown']),
  offload: z.strictObject({ gpuLayers: z.number().int().nonnegative(), totalLayers: z.number().int().positive() }).nullable(),
  speed: SpeedJson.nullable(),
  license: z.strictObject({ id: z.string(), commercial: z.enum(['yes', 'restricted', 'no']) }),
  quality: z.strictObject({ score: z.number(), basis: z.string() }),
  score: z.number(),
  setup: z.array(z.string()),
  setupNotes: z.array(z.string()),
  alternatives: z.array(SetupAlternativeJson),
  supersededBy: z.string().nullable(),
  reasons: z.array(z.string()),
});

export const ApiPickJson = z.strictObject({
  rank: z.number().int().positive(),
  modelId: z.string(),
  name: z.string(),
  provider: z.string(),
  tier: z.string(),
  usdPerMillionInput: z.number().nonnegative(),
  usdPerMillionOutput: z.number().nonnegative(),
  /** Present only when a volume is known (--tokens-per-day). */
  monthlyUsd: z.number().nonnegative().optional(),
  contextWindow: z.number().int().positive(),
  envVar: z.string(),
  pricesAsOf: z.string(),
  deprecated: z.boolean(),
  score: z.number(),
  setup: z.array(z.string()),
  reasons: z.array(z.string()),
});

export const RuleHitJson = z.strictObject({
  id: z.string(),
  side: z.enum(['local', 'api']),
  weight: z.number(),
  hard: z.boolean(),
  reason: z.string(),
});

export const HardwareSummaryJson = z.strictObject({
  origin: z.enum(['flags', 'catalog', 'detected', 'none']),
  summary: z.string(),
  gpus: z.array(
    z.strictObject({
      name: z.string(),
      vramBytes: Bytes,
      memoryBandwidthGBps: z.number().nullable(),
    }),
  ),
  cpuOnly: z.boolean(),
  unifiedMemory: z.boolean(),
  /** Usable memory for a model: GPU memory of all cards, or RAM on CPU-only plans. */
  budgetBytes: Bytes.nullable(),
  ramBytes: Bytes.nullable(),
  explanation: z.string(),
});

/** The top local pick's monthly cost at the volume, by the same model as `cost` (economics.ts). */
export const LocalCostSummaryJson = z.strictObject({
  modelId: z.string(),
  users: z.number().int().positive(),
  monthlyUsd: z.number().nonnegative().nullable(),
  busyHoursPerDay: z.number().nonnegative().nullable(),
  gpusNeeded: z.number().int().positive(),
  energyKwhPerDay: z.number().nonnegative().nullable(),
  breakEvenTokensPerDay: z.number().nonnegative().nullable(),
  breakEvenAgainst: z.string().nullable(),
});

export const RecommendJson = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('recommend'),
  inputs: z.strictObject({
    useCase: z.string(),
    priority: z.enum(['quality', 'balanced', 'speed']),
    contextLength: z.number().int().positive(),
    contextSource: z.string(),
    tokensPerDay: z.number().nonnegative().nullable(),
    inputShare: z.number().min(0).max(1),
    budgetUsd: z.number().nonnegative().nullable(),
    privacy: z.boolean(),
    offline: z.boolean(),
    latencyCritical: z.boolean(),
    predictableCost: z.boolean(),
    prototyping: z.boolean(),
    noInfrastructure: z.boolean(),
    commercial: z.boolean(),
    allowOffload: z.boolean(),
    localOnly: z.boolean(),
    apiOnly: z.boolean(),
    top: z.number().int().positive(),
    kvCacheType: z.enum(['f16', 'q8_0', 'q4_0']),
  }),
  hardware: HardwareSummaryJson,
  deployment: z.strictObject({
    choice: z.enum(['local', 'api', 'either']),
    reasons: z.array(z.string()),
    /** Sum of local weights minus sum of API weights (hard constraints excepted). */
    score: z.number(),
    rules: z.array(RuleHitJson),
  }),
  local: z.array(LocalPickJson),
  api: z.array(ApiPickJson),
  excluded: z.array(z.strictObject({ modelId: z.string(), reason: z.string() })),
  /** null when no volume is given or no local pick fits. */
  localCost: LocalCostSummaryJson.nullable(),
  notes: z.array(z.string()),
});

export const CostApiRowJson = z.strictObject({
  modelId: z.string(),
  provider: z.string(),
  tier: z.string(),
  usdPerMillionInput: z.number().nonnegative(),
  usdPerMillionOutput: z.number().nonnegative(),
  monthlyUsd: z.number().nonnegative(),
  /** Tokens/day at which running locally costs the same as this API (null: local cost unknown). */
  breakEvenTokensPerDay: z.number().nonnegative().nullable(),
  asOf: z.string(),
});

export const CostJson = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('cost'),
  volume: z.strictObject({
    tokensPerDay: z.number().nonnegative(),
    inputShare: z.number().min(0).max(1),
    inputTokensPerDay: z.number().nonnegative(),
    outputTokensPerDay: z.number().nonnegative(),
    daysPerMonth: z.number().positive(),
  }),
  api: z.array(CostApiRowJson),
  local: z.strictObject({
    modelId: z.string().nullable(),
    quant: z.string().nullable(),
    hardware: z.string(),
    watts: z.number().nonnegative().nullable(),
    /** Idle power of the GPUs (--idle-power, or a default share of the rated power), W. */
    idleWatts: z.number().nonnegative().nullable(),
    /** Concurrent requests served (--users). */
    users: z.number().int().positive(),
    hoursPerDay: z.number().positive(),
    kwhPrice: z.number().nonnegative(),
    /** Machine-hours a day the volume keeps the GPUs busy (null: speed unknown). */
    busyHoursPerDay: z.number().nonnegative().nullable(),
    /** GPUs the volume needs (machines × GPUs per machine). */
    gpusNeeded: z.number().int().positive(),
    machinesNeeded: z.number().int().positive(),
    /** Busy hours at load power + the other running hours at idle power, all machines. */
    energyKwhPerDay: z.number().nonnegative().nullable(),
    electricityUsd: z.number().nonnegative().nullable(),
    hardwareCostUsd: z.number().nonnegative(),
    months: z.number().int().positive(),
    amortizationUsd: z.number().nonnegative(),
    /** Electricity + amortization per month; null when the power draw is unknown. */
    monthlyUsd: z.number().nonnegative().nullable(),
    capacity: z
      .strictObject({
        decodeTokensPerSecond: z.number().nonnegative(),
        promptTokensPerSecond: z.number().nonnegative(),
        /** Tokens/day one stream can serve at the input share, in hoursPerDay. */
        maxTokensPerDay: z.number().nonnegative(),
        canServe: z.boolean(),
      })
      .nullable(),
    /** Monthly cost against volume: the local plan and each API priced (same functions as the headline figures). */
    curve: z.array(
      z.strictObject({
        tokensPerDay: z.number().nonnegative(),
        localMonthlyUsd: z.number().nonnegative().nullable(),
        api: z.record(z.string(), z.number().nonnegative()),
      }),
    ),
    assumptions: z.array(z.string()),
  }),
  breakEvenTokensPerDay: z.number().nonnegative().nullable(),
  breakEvenAgainst: z.string().nullable(),
  pricesAsOf: z.string().nullable(),
  notes: z.array(z.string()),
});

export type SpeedJson = z.infer<typeof SpeedJson>;
export type LocalPick = z.infer<typeof LocalPickJson>;
export type ApiPick = z.infer<typeof ApiPickJson>;
export type RuleHit = z.infer<typeof RuleHitJson>;
export type HardwareSummary = z.infer<typeof HardwareSummaryJson>;
export type RecommendResult = z.infer<typeof RecommendJson>;
export type CostApiRow = z.infer<typeof CostApiRowJson>;
export type CostResult = z.infer<typeof CostJson>;
export type LocalCostSummary = z.infer<typeof LocalCostSummaryJson>;
