// The --json documents of `recommend` and `cost` (DESIGN.md): one zod schema each,
// types from z.infer, so the contract is pinned in one place and `llm-pick schema`
// can print it (z.toJSONSchema).
import { CatalogAsOf } from '../schemas/common.js';
import { z } from 'zod';

const Bytes = z.number().int().nonnegative();

export const SpeedJson = z.strictObject({
  decodeTokensPerSecond: z.number().nonnegative(),
  promptTokensPerSecond: z.number().nonnegative(),
  explanation: z.string(),
  /** true: scaled by the user's llama-bench run on this GPU (`llm-pick calibrate`); false: the generic model. */
  calibrated: z.boolean(),
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

/** One task score of a model: measured (the deciding result, its source and date) or estimated (with its uncertainty). */
export const TaskScoreJson = z.strictObject({
  task: z.string(),
  /** Weight of the task in the use case's mix (absent outside a use case). */
  weight: z.number().optional(),
  /** 0-1 on the task's anchor benchmark scale (docs/notes/quality.md). */
  value: z.number(),
  estimated: z.boolean(),
  /** One standard error on the same scale; 0 for the anchor benchmark's own result. */
  uncertainty: z.number().nonnegative(),
  benchmark: z.string().nullable(),
  variant: z.string().nullable(),
  /** The published figure, in the benchmark's unit (%, or LMArena points). */
  result: z.number().nullable(),
  asOf: z.string().nullable(),
  source: z.string().nullable(),
  /** true: the benchmark's own uniform run or the maker's README; false: a vendor figure relayed by others. */
  primary: z.boolean().nullable(),
  basis: z.string(),
});

export const PickQualityJson = z.strictObject({
  /** What the score is built on: (use-case quality − 0.5 × uncertainty) × (1 − quantization cost). */
  score: z.number(),
  /** Before the quantization cost. */
  useCaseScore: z.number(),
  /** Fraction of the score lost to the quantization (perplexity-based, docs/notes/quality.md). */
  quantCost: z.number().nonnegative(),
  estimated: z.boolean(),
  /** Share of the mix's weight from estimated task scores. */
  estimatedShare: z.number().min(0).max(1),
  uncertainty: z.number().nonnegative(),
  basis: z.string(),
  tasks: z.array(TaskScoreJson),
});

export const VariantJson = z.strictObject({
  modelId: z.string(),
  quant: z.string(),
  score: z.number(),
  /** Why it is shown under the pick instead of ranked: superseded by it, or a variant of the same model. */
  why: z.string(),
});

export const PipelineJson = z.strictObject({
  embedding: z.strictObject({
    modelId: z.string(),
    quant: z.string(),
    engine: z.string(),
    dimensions: z.number().int().positive(),
    totalBytes: Bytes,
    quality: z.strictObject({ score: z.number(), estimated: z.boolean(), basis: z.string() }),
    setup: z.array(z.string()),
    reason: z.string(),
  }),
  /** null: none pays here (a budget under 12 GiB) or none is in the catalog. */
  reranker: z
    .strictObject({
      modelId: z.string(),
      quant: z.string(),
      engine: z.string(),
      totalBytes: Bytes,
      setup: z.array(z.string()),
      reason: z.string(),
    })
    .nullable(),
  /** Generator + embedding model (+ reranker), bytes. */
  totalBytes: Bytes,
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
  offload: z
    .strictObject({
      gpuLayers: z.number().int().nonnegative(),
      totalLayers: z.number().int().positive(),
      /** MoE experts in RAM: N of llama.cpp --n-cpu-moe (every layer on the GPU but the first N layers' experts); absent for whole-layer offload. */
      cpuMoeLayers: z.number().int().positive().optional(),
      /** With cpuMoeLayers: bytes on the GPU(s) (all but the experts in RAM, plus one layer's copy buffer) and in system RAM. */
      gpuBytes: Bytes.optional(),
      ramBytes: Bytes.optional(),
    })
    .nullable(),
  speed: SpeedJson.nullable(),
  license: z.strictObject({ id: z.string(), commercial: z.enum(['yes', 'restricted', 'no']) }),
  quality: PickQualityJson,
  /** What orders the list (docs/notes/quality.md): rank follows it. */
  score: z.number(),
  setup: z.array(z.string()),
  setupNotes: z.array(z.string()),
  alternatives: z.array(SetupAlternativeJson),
  supersededBy: z.string().nullable(),
  /** Superseded models and same-model variants shown under this pick, not ranked. */
  variants: z.array(VariantJson),
  /** rag: the embedding model that runs beside this generator; null otherwise. */
  pipeline: PipelineJson.nullable(),
  reasons: z.array(z.string()),
  /** Already on disk (llm-pick installed): the store, the weights' path and the store's name for it; null when not found. */
  installed: z.strictObject({ store: z.string(), path: z.string(), name: z.string() }).nullable(),
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
  /** Use-case quality (same task scores as local picks). */
  quality: z.strictObject({ score: z.number(), estimated: z.boolean(), uncertainty: z.number().nonnegative(), basis: z.string() }),
  /** Embedding models: output vector size. */
  dimensions: z.number().int().positive().optional(),
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

/**
 * Why a model was left out: memory (needs more than the memory available), runtime (nothing the
 * catalog lists runs here), context (window under the context needed), licence (--commercial),
 * retired (by the provider), spending (over --budget at the volume).
 */
export const EXCLUDED_KINDS = ['memory', 'runtime', 'context', 'licence', 'retired', 'spending'] as const;
export const ExcludedJson = z.strictObject({
  modelId: z.string(),
  reason: z.string(),
  kind: z.enum(EXCLUDED_KINDS),
  /** kind memory: the smallest need found, its quantization, and whether --allow-offload would run it partly from RAM. */
  needBytes: Bytes.optional(),
  quant: z.string().optional(),
  offloadPossible: z.boolean().optional(),
});
export type Excluded = z.infer<typeof ExcludedJson>;

/** Which option a reason comes from (src/decide/origin.ts). */
export const ORIGIN_OPTIONS = [
  'privacy', 'offline', 'tokensPerDay', 'budget', 'latencyCritical', 'priority', 'localOnly', 'apiOnly', 'predictableCost', 'prototype', 'managed', 'commercial',
] as const;
export const ReasonOriginJson = z.strictObject({ option: z.enum(ORIGIN_OPTIONS), value: z.string().nullable(), given: z.boolean() });

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
  catalogAsOf: CatalogAsOf,
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
    /** --all: every API model not retired was ranked, not only each provider's current flagship and value model. */
    allApi: z.boolean(),
  }),
  hardware: HardwareSummaryJson,
  deployment: z.strictObject({
    choice: z.enum(['local', 'api', 'either']),
    reasons: z.array(z.string()),
    /**
     * The same reasons in the same order, each as its text and its origin: the option it comes from
     * (`option` is the option's key, `value` the value given, `given: false` for an option left out);
     * null for a reason of no option. `reasons[i]` is `--flag value: text` (src/decide/origin.ts).
     */
    reasonDetails: z.array(z.strictObject({ origin: ReasonOriginJson.nullable(), text: z.string() })),
    /** Sum of local weights minus sum of API weights (hard constraints excepted). */
    score: z.number(),
    rules: z.array(RuleHitJson),
  }),
  local: z.array(LocalPickJson),
  api: z.array(ApiPickJson),
  /** Models left out, with why; `kind` groups them (`recommend --explain` lists them by kind). */
  excluded: z.array(ExcludedJson),
  /** null when no volume is given or no local pick fits. */
  localCost: LocalCostSummaryJson.nullable(),
  notes: z.array(z.string()),
});

export const CostApiRowJson = z.strictObject({
  modelId: z.string(),
  /** --api-model as typed (a name, litellm key or snapshot), resolved to modelId; null for the default set. */
  typed: z.string().nullable(),
  name: z.string(),
  provider: z.string(),
  tier: z.string(),
  /** The model's place in its provider's line-up (flagship, value), null when neither. */
  lineup: z.enum(['flagship', 'value']).nullable(),
  status: z.enum(['current', 'superseded', 'deprecated', 'retired']),
  /** Whether its quality is comparable to the local pick's (the break-even is against these); null without a local pick. */
  comparableToLocal: z.boolean().nullable(),
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
  catalogAsOf: CatalogAsOf,
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
    /** --model as typed, resolved to modelId; null when the pick was automatic. */
    typed: z.string().nullable(),
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
export type TaskScoreJson = z.infer<typeof TaskScoreJson>;
export type PipelineJson = z.infer<typeof PipelineJson>;
export type ApiPick = z.infer<typeof ApiPickJson>;
export type RuleHit = z.infer<typeof RuleHitJson>;
export type HardwareSummary = z.infer<typeof HardwareSummaryJson>;
export type RecommendResult = z.infer<typeof RecommendJson>;
export type CostApiRow = z.infer<typeof CostApiRowJson>;
export type CostResult = z.infer<typeof CostJson>;
export type LocalCostSummary = z.infer<typeof LocalCostSummaryJson>;
