// Catalog schemas: the single place where the shape of data/*.yaml (and of a
// user catalog) is defined. Types come from z.infer; objects are strict so a
// typo in a user catalog is an error, not silence.
import { z } from 'zod';

/** Where a figure came from: a URL, or "repo path @ commit", or a file in reference/. */
export const Source = z.string().min(8, 'a source must say where the figure came from');

const PositiveInt = z.number().int().positive();
const NonNegInt = z.number().int().nonnegative();
const PositiveNumber = z.number().positive();
const IsoDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a date as YYYY-MM or YYYY-MM-DD');

export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const Id = z.string().regex(ID_PATTERN, 'lowercase letters, digits, ".", "_" and "-"');
/** Model ids may hold a "/" (litellm ids such as gemini/gemini-2.5-pro). */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9._/-]*$/;
const ModelId = z.string().regex(MODEL_ID_PATTERN, 'lowercase letters, digits, ".", "_", "-" and "/"');

export const USE_CASES = [
  'chat',
  'code',
  'rag',
  'extraction',
  'summarization',
  'embedding',
  'long-context',
  'reasoning',
  'vision',
] as const;
export const UseCase = z.enum(USE_CASES);
export type UseCase = z.infer<typeof UseCase>;

export const COMMERCIAL = ['yes', 'restricted', 'no'] as const;

export const LicenseSchema = z.strictObject({
  /** SPDX id or the licence's own short name: apache-2.0, mit, llama3.1, gemma, ... */
  id: z.string().min(1),
  /** yes: unrestricted; restricted: allowed with conditions (MAU caps, AUP); no: non-commercial. */
  commercial: z.enum(COMMERCIAL),
  terms: z.string().min(1),
  source: Source,
});

export const SlidingWindowSchema = z.strictObject({
  /** Tokens a sliding-window layer attends to (and caches). */
  window: PositiveInt,
  /** How many of the model's layers use the window; the rest are full attention. */
  slidingLayers: NonNegInt,
});

export const MoeSchema = z.strictObject({
  /** Routed experts per MoE layer. */
  experts: PositiveInt,
  /** Routed experts used per token. */
  activeExperts: PositiveInt,
  /** FFN width of one routed expert. */
  expertFfnSize: PositiveInt,
  /** Shared (always-on) experts per MoE layer, DeepSeek style. */
  sharedExperts: NonNegInt.default(0),
  /** FFN width of one shared expert (defaults to expertFfnSize). */
  sharedExpertFfnSize: PositiveInt.optional(),
  /** Leading layers that are dense (use ffnSize), e.g. DeepSeek first_k_dense_replace. */
  denseLayers: NonNegInt.default(0),
  /** Every Nth layer is MoE, the others dense with ffnSize (Llama 4 interleave_moe_layer_step; layers N-1, 2N-1, ...). */
  layerStep: PositiveInt.optional(),
});

/** Multi-head latent attention (DeepSeek-V2/V3): the cache holds the compressed latent. */
export const MlaSchema = z.strictObject({
  kvLoraRank: PositiveInt,
  qLoraRank: PositiveInt.nullable(),
  qkNopeHeadDim: PositiveInt,
  qkRopeHeadDim: PositiveInt,
  vHeadDim: PositiveInt,
});

export const ArchitectureSchema = z.strictObject({
  layers: PositiveInt,
  hiddenSize: PositiveInt,
  attentionHeads: PositiveInt,
  /** Key/value heads (GQA); equals attentionHeads for plain multi-head attention. */
  kvHeads: PositiveInt,
  /** Per-head size from config.json (not always hidden / heads: Gemma 2, Qwen3 differ). */
  headDim: PositiveInt,
  vocabSize: PositiveInt,
  /** Dense FFN intermediate size (for MoE models: the width of dense layers, if any). */
  ffnSize: PositiveInt,
  /** Largest context the model supports (max_position_embeddings or the documented limit). */
  maxContext: PositiveInt,
  tiedEmbeddings: z.boolean(),
  /** Gated FFN (gate + up + down: SwiGLU/GeGLU, most decoders) or plain MLP (up + down: GPT-2/BERT/StarCoder2 GELU). */
  gatedFfn: z.boolean().default(true),
  slidingWindow: SlidingWindowSchema.nullable().default(null),
  moe: MoeSchema.nullable().default(null),
  mla: MlaSchema.nullable().default(null),
  /** Encoder-only models (BERT-style embeddings) have no KV cache at inference. */
  encoderOnly: z.boolean().default(false),
  /** Multi-token-prediction (NextN) blocks the GGUF keeps after the last layer (GLM-4.5: 1); weights only, llama.cpp does not run them. */
  mtpLayers: NonNegInt.optional(),
  source: Source,
  notes: z.string().optional(),
});

export const ParamsSchema = z.strictObject({
  /** Total parameters, a count (8.03e9), all experts included. */
  total: PositiveNumber,
  /** Parameters used per token (MoE only). */
  active: PositiveNumber.nullable().default(null),
  source: Source,
});

export const QualitySignalSchema = z.strictObject({
  /** e.g. lmarena_text_score, oll_v2_average, mteb_average, vendor_mmlu. Values of different metrics are not comparable. */
  metric: z.string().min(1),
  value: z.number(),
  asOf: IsoDate.optional(),
  source: Source,
});

export const OllamaTagSchema = z.strictObject({
  tag: z.string().regex(/^[a-z0-9._-]+(:[A-Za-z0-9._-]+)?$/, 'an Ollama tag like llama3.1:8b'),
  quant: z.string().min(1),
  /** Download size shown by ollama.com, in bytes (decimal GB × 1e9). */
  sizeBytes: PositiveInt,
  /** Context window shown on ollama.com (GGUF metadata), not Ollama's runtime num_ctx. */
  contextWindow: PositiveInt.optional(),
  source: Source,
});

export const GgufFileSchema = z.strictObject({
  quant: z.string().min(1),
  bytes: PositiveInt,
  exact: z.boolean().default(false),
  source: Source,
});

export const HfSchema = z.strictObject({
  /** Official weights (safetensors), used by vLLM / Transformers. */
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'an HF repo as owner/name'),
  /** A GGUF repo usable with `llama-server -hf REPO:QUANT`. */
  ggufRepo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'an HF repo as owner/name').nullable().default(null),
  /** Quant names present in ggufRepo (for valid -hf REPO:QUANT commands). */
  ggufQuants: z.array(z.string().regex(/^[A-Za-z0-9._-]+$/, 'a quant name as the repo spells it: letters, digits and . _ -')).default([]),
  /** Gated repos need `huggingface-cli login` and an accepted licence. */
  gated: z.boolean().default(false),
  source: Source,
});

const ModelBase = {
  id: ModelId,
  name: z.string().min(1),
  family: z.string().min(1),
  released: IsoDate,
  description: z.string().min(1).optional(),
  supersededBy: ModelId.nullable().default(null),
  quality: z.array(QualitySignalSchema).default([]),
  sources: z.array(Source).default([]),
};

export const LocalModelSchema = z.strictObject({
  ...ModelBase,
  type: z.literal('local'),
  params: ParamsSchema,
  architecture: ArchitectureSchema,
  license: LicenseSchema,
  useCases: z.array(UseCase).min(1),
  strengths: z.string().min(1),
  ollama: z.array(OllamaTagSchema).default([]),
  hf: HfSchema,
  ggufFiles: z.array(GgufFileSchema).default([]),
});

export const EmbeddingModelSchema = z.strictObject({
  ...ModelBase,
  type: z.literal('embedding'),
  params: ParamsSchema,
  architecture: ArchitectureSchema,
  license: LicenseSchema,
  useCases: z.array(UseCase).min(1),
  strengths: z.string().min(1),
  /** Output vector size. */
  dimensions: PositiveInt,
  /** embedding (absent = embedding): returns vectors; reranker: scores (query, document) pairs, a cross-encoder. */
  role: z.enum(['embedding', 'reranker']).optional(),
  /** Longest input the model takes, tokens (documented max_tokens, often below maxContext). */
  maxTokens: PositiveInt.optional(),
  /** Languages it was trained for: ISO codes, or one entry such as "100+ languages" / "multilingual". */
  languages: z.array(z.string().min(2)).optional(),
  ollama: z.array(OllamaTagSchema).default([]),
  hf: HfSchema,
  ggufFiles: z.array(GgufFileSchema).default([]),
});

export const API_TIERS = ['frontier', 'high', 'mid', 'budget'] as const;

export const ApiModelSchema = z.strictObject({
  ...ModelBase,
  type: z.literal('api'),
  /** litellm's id is the catalog id's source: `id` is the litellm key, lowercased. */
  litellmId: z.string().regex(/^[A-Za-z0-9._:/@+-]+$/, 'a LiteLLM model key: letters, digits and . _ : / @ + -'),
  provider: z.string().regex(ID_PATTERN),
  /** Environment variable the provider's SDK / LiteLLM reads. */
  envVar: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  usdPerMillionInput: z.number().nonnegative(),
  usdPerMillionOutput: z.number().nonnegative(),
  usdPerMillionCachedInput: z.number().nonnegative().nullable().default(null),
  contextWindow: PositiveInt,
  maxOutputTokens: PositiveInt.nullable().default(null),
  capabilities: z.strictObject({
    vision: z.boolean(),
    tools: z.boolean(),
    reasoning: z.boolean(),
  }),
  useCases: z.array(UseCase).min(1),
  /** Coarse quality tier with the basis for it in tierSource. */
  tier: z.enum(API_TIERS),
  tierSource: Source,
  /** Date the prices were read. */
  asOf: IsoDate,
  deprecated: z.boolean().default(false),
  retired: z.boolean().default(false),
  priceSource: Source,
});

export const ModelSchema = z.discriminatedUnion('type', [
  LocalModelSchema,
  EmbeddingModelSchema,
  ApiModelSchema,
]);

export const GPU_VENDORS = ['nvidia', 'amd', 'intel', 'apple'] as const;
export const GPU_SEGMENTS = ['consumer', 'workstation', 'datacenter', 'apple'] as const;
export const BACKENDS = ['cuda', 'rocm', 'metal', 'vulkan', 'sycl', 'cpu'] as const;

export const GpuSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /** Other names it goes by: `3090`, `RTX 3090`, `NVIDIA GeForce RTX 3090`. Matching is loose (case, spaces, dashes). */
  aliases: z.array(z.string().min(1)).default([]),
  vendor: z.enum(GPU_VENDORS),
  segment: z.enum(GPU_SEGMENTS),
  backend: z.enum(BACKENDS),
  /** Memory as sold, GiB. Apple: the largest unified memory configuration (see memoryOptionsGiB). */
  vramGiB: PositiveNumber,
  /** Apple: the unified memory sizes the chip was sold with. */
  memoryOptionsGiB: z.array(PositiveNumber).default([]),
  unifiedMemory: z.boolean().default(false),
  memoryBandwidthGBps: PositiveNumber,
  /** Dense FP16 throughput with tensor/matrix units where the card has them, else shader FP16. */
  fp16Tflops: PositiveNumber.nullable(),
  tdpWatts: PositiveNumber.nullable(),
  released: IsoDate.optional(),
  source: Source,
  notes: z.string().optional(),
});

export const QUANT_FORMATS = ['gguf', 'awq', 'gptq', 'bitsandbytes', 'fp8', 'safetensors', 'mlx'] as const;

export const QuantSchema = z.strictObject({
  /** Canonical name: Q4_K_M, IQ4_XS, F16, AWQ-INT4, FP8, ... */
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  format: z.enum(QUANT_FORMATS),
  /** Short forms and spellings that resolve to this quant (`q4` → Q4_K_M). */
  aliases: z.array(z.string()).default([]),
  /** Effective bits per weight of a whole file (published figure), for people; the estimator computes per tensor. */
  bitsPerWeight: PositiveNumber,
  bitsPerWeightSource: Source,
  /** Quality relative to F16: one of lossless, excellent, good, fair, poor, very-poor. */
  quality: z.enum(['lossless', 'excellent', 'good', 'fair', 'poor', 'very-poor']),
  /** A measured quality loss, e.g. perplexity increase vs F16 on a named model. */
  qualityNote: z.string().min(1),
  qualitySource: Source,
  engines: z.array(Id).min(1),
  recommended: z.boolean().default(false),
  description: z.string().min(1),
});

export const HARDWARE_KINDS = ['nvidia', 'amd', 'intel', 'apple', 'cpu'] as const;

export const EngineSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  formats: z.array(z.enum(QUANT_FORMATS)).min(1),
  hardware: z.array(z.enum(HARDWARE_KINDS)).min(1),
  multiGpu: z.string().min(1),
  multiNode: z.string().min(1),
  strengths: z.string().min(1),
  bestFor: z.string().min(1),
  install: z.string().min(1),
  url: z.string().url(),
  source: Source,
});

/** Every catalog file (built-in or user) has this shape; every list is optional. */
export const CatalogFileSchema = z.strictObject({
  models: z.array(ModelSchema).optional(),
  gpus: z.array(GpuSchema).optional(),
  quants: z.array(QuantSchema).optional(),
  engines: z.array(EngineSchema).optional(),
});

export type License = z.infer<typeof LicenseSchema>;
export type Architecture = z.infer<typeof ArchitectureSchema>;
export type LocalModel = z.infer<typeof LocalModelSchema>;
export type EmbeddingModel = z.infer<typeof EmbeddingModelSchema>;
export type ApiModel = z.infer<typeof ApiModelSchema>;
export type Model = z.infer<typeof ModelSchema>;
export type Gpu = z.infer<typeof GpuSchema>;
export type Quant = z.infer<typeof QuantSchema>;
export type Engine = z.infer<typeof EngineSchema>;
export type CatalogFile = z.infer<typeof CatalogFileSchema>;

export interface Catalog {
  models: Model[];
  gpus: Gpu[];
  quants: Quant[];
  engines: Engine[];
}
