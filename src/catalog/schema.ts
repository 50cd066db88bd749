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
  /** Tokens a sliding-window layer attends to (and caches). config.json: sliding_window. */
  window: PositiveInt,
  /** How many of the model's layers use the window; the rest are full attention. */
  slidingLayers: NonNegInt,
  /**
   * Layers per repeating group whose last layer is full attention (config.json sliding_window_pattern,
   * or read off layer_types: Gemma 3/4 use 6, "5 sliding : 1 full"). llama.cpp set_swa_pattern(n, false):
   * layer il slides when il % n < n - 1. Absent: the first `slidingLayers` layers are taken as sliding,
   * which sizes the cache the same unless layers share KV (kvSharedLayers).
   */
  period: PositiveInt.optional(),
});

/**
 * Full-attention ("global") layers that differ from the sliding ones (Gemma 4: global_head_dim 512,
 * num_global_key_value_heads, attention_k_eq_v). The top-level kvHeads/headDim then describe the
 * sliding layers.
 */
export const GlobalAttentionSchema = z.strictObject({
  /** config.json global_head_dim. */
  headDim: PositiveInt,
  /** config.json num_global_key_value_heads (defaults to num_key_value_heads when the config has none). */
  kvHeads: PositiveInt,
  /**
   * config.json attention_k_eq_v: keys are reused as values, so the layer has no attn_v weight.
   * llama.cpp still allocates a V row per cell (llama-kv-cache.cpp sizes V from n_embd_v_gqa), so the cache is unchanged.
   */
  kEqV: z.boolean().default(false),
});

export const RECURRENT_KINDS = ['gated-deltanet', 'mamba2', 'shortconv'] as const;

/**
 * Layers that keep a fixed-size recurrent state per sequence instead of a KV cache. llama.cpp sizes
 * it per recurrent layer as n_embd_r() + n_embd_s() f32 values per sequence (src/llama-hparams.cpp):
 *   mamba2 / gated-deltanet: r = (convKernel - 1) × (innerSize + 2 × groups × stateSize), s = stateSize × innerSize
 *   shortconv (LFM2):        r = hiddenSize × (convKernel - 1), s = 0
 * Which layers are recurrent: exactly one of fullAttentionInterval, attentionLayers or pattern.
 */
export const RecurrentSchema = z
  .strictObject({
    /** gated-deltanet: Qwen3-Next / Qwen3.5 / 3.6 / 3.8; mamba2: Granite 4 H, Nemotron-H; shortconv: LFM2. */
    kind: z.enum(RECURRENT_KINDS),
    /** config.json full_attention_interval (Qwen3-Next/3.5): layer il is full attention when (il + 1) % n == 0, else recurrent. */
    fullAttentionInterval: PositiveInt.optional(),
    /**
     * 0-based indices of the attention layers, every other layer recurrent. config.json: the indices of
     * "attention"/"full_attention" in layer_types (Granite 4 H, LFM2 full_attn_idxs).
     */
    attentionLayers: z.array(NonNegInt).optional(),
    /**
     * config.json hybrid_override_pattern (Nemotron-H), one character per layer: M Mamba2, * attention,
     * - MLP, E MoE. MLP and MoE layers keep neither cache nor state.
     */
    pattern: z.string().regex(/^[M*E-]+$/, 'M, *, - and E, one per layer').optional(),
    /** ssm_d_conv. config.json: conv_kernel / mamba_d_conv (Mamba2), linear_conv_kernel_dim (Gated DeltaNet), conv_L_cache (LFM2). */
    convKernel: PositiveInt,
    /** ssm_d_state. config.json: ssm_state_size / mamba_d_state (Mamba2), linear_key_head_dim (Gated DeltaNet); 0 for shortconv. */
    stateSize: NonNegInt.default(0),
    /** ssm_d_inner. Mamba2: mamba_n_heads × mamba_d_head; Gated DeltaNet: linear_num_value_heads × linear_value_head_dim; 0 for shortconv. */
    innerSize: NonNegInt.default(0),
    /** ssm_n_group. config.json: n_groups / mamba_n_groups (Mamba2), linear_num_key_heads (Gated DeltaNet). */
    groups: NonNegInt.default(0),
    /** ssm_dt_rank, the recurrent heads. config.json: mamba_n_heads (Mamba2), linear_num_value_heads (Gated DeltaNet). */
    heads: NonNegInt.default(0),
    /**
     * The dtype vLLM keeps the SSM / delta-rule state in (llama.cpp: always f32). config.json mamba_ssm_dtype "float32"
     * (Qwen3.5/3.6/3.8, read by vLLM's Qwen3_5 config hook) or the model dtype ("model", vLLM's "auto": Qwen3-Next,
     * Granite 4 H). Absent: float32 for gated-deltanet, the model dtype for mamba2 (src/estimate/vllm-memory.ts).
     */
    ssmStateDtype: z.enum(['float32', 'model']).optional(),
  })
  .refine(
    (r) => [r.fullAttentionInterval, r.attentionLayers, r.pattern].filter((x) => x !== undefined).length === 1,
    'give exactly one of fullAttentionInterval, attentionLayers or pattern',
  )
  .refine((r) => r.kind === 'shortconv' || (r.stateSize > 0 && r.innerSize > 0 && r.groups > 0 && r.heads > 0), 'mamba2 and gated-deltanet need stateSize, innerSize, groups and heads');

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
  /** Every MoE layer also runs a dense FFN of width ffnSize beside the experts (Gemma 4 26B-A4B enable_moe_block). */
  denseFfnAlongside: z.boolean().optional(),
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
  /** Full-attention layers with their own head size / KV heads (Gemma 4); null when all layers share kvHeads/headDim. */
  globalAttention: GlobalAttentionSchema.nullable().optional(),
  /**
   * config.json num_kv_shared_layers (Gemma 3n, Gemma 4 E2B/E4B): the last N layers reuse the KV of
   * earlier layers and keep no cache (llama.cpp n_layer_kv_from_start = n_layer - N).
   */
  kvSharedLayers: NonNegInt.optional(),
  /**
   * config.json hidden_size_per_layer_input (Gemma 3n, Gemma 4 E2B/E4B): per-layer embeddings, a second
   * token table of layers × this width (llama.cpp per_layer_token_embd) plus a projection per layer. 0: none.
   */
  perLayerInputSize: NonNegInt.optional(),
  /** config.json altup_num_inputs (Gemma 3n): AltUp keeps this many copies of the hidden state; adds small per-layer and two n_embd² × (n − 1) tensors. */
  altupInputs: NonNegInt.optional(),
  /** config.json laurel_rank (Gemma 3n): a low-rank residual (laurel_l, laurel_r) in every layer. */
  laurelRank: NonNegInt.optional(),
  /**
   * config.json use_attn_output_gate (Muse Glimmer): a sigmoid gate on the attention output, its own
   * attn_gate tensor {hidden, heads × head_dim} in every attention layer (llama.cpp muse-glimmer).
   */
  attentionOutputGate: z.boolean().optional(),
  /** Hybrid models: the recurrent layers (Gated DeltaNet, Mamba2, short convolution); null for plain attention. */
  recurrent: RecurrentSchema.nullable().optional(),
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

/** One benchmark result of one model, as published (data/quality/*.yaml, user catalogs). */
export const BenchmarkResultSchema = z.strictObject({
  /** The benchmark's name as src/decide/benchmarks.ts knows it: SWE-bench Verified, LMArena text, GPQA Diamond, ... */
  benchmark: z.string().min(1),
  /** Which run: scaffold, snapshot, subset, length (results of different variants are not comparable). */
  variant: z.string().min(1),
  value: z.number().finite(),
  asOf: IsoDate,
  source: Source,
  /** true: the benchmark's own uniform run (its leaderboard data) or the maker's README; false: relayed by others. */
  primary: z.boolean(),
  /** Reasoning effort or mode when the source names one. */
  setting: z.string().min(1).optional(),
});

/**
 * Benchmark results keyed by model, not inside the model's row, so that results
 * and models can be added independently: the key is an HF repo id (local models)
 * or a catalog / litellm id (API models); aliases are other ids of the same model.
 * Keys are resolved to catalog models when the catalog is used (src/catalog/scores.ts).
 */
export const ScoreEntrySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][\w.:/-]*$/, 'a model key: an HF repo id (owner/name) or a catalog id'),
  aliases: z.array(z.string().min(1)).default([]),
  results: z.array(BenchmarkResultSchema).min(1),
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

/**
 * The vision projector (mmproj) a model ships for image input, as llama.cpp's mtmd loads it
 * (`llama-server --mmproj FILE`, or fetched by `-hf`). Sizes from llama.cpp's own log lines
 * ("load_hparams: model size", "alloc_compute_meta: ... compute buffer size"); derived figures say so in source.
 */
export const VisionSchema = z.strictObject({
  /** The projector's tensors as loaded ("load_hparams: model size"), bytes. */
  projectorBytes: PositiveInt,
  /** The clip compute buffer on the GPU with flash attention on (llama.cpp's default), bytes. */
  computeBufferBytes: PositiveInt,
  /** The same buffer with flash attention off, when published. */
  computeBufferBytesNoFlashAttn: PositiveInt.optional(),
  /** Context tokens one image takes (the largest image for dynamic-resolution projectors). */
  tokensPerImage: PositiveInt,
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
  /** Image input: the projector (mmproj) and its costs; absent for text-only models. */
  vision: VisionSchema.nullable().optional(),
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
export const API_LINEUPS = ['flagship', 'value'] as const;

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
  /** Output vector size of an embedding API model (its default; Matryoshka models may offer smaller). */
  dimensions: PositiveInt.optional(),
  /** Coarse quality tier with the basis for it in tierSource. */
  tier: z.enum(API_TIERS),
  tierSource: Source,
  /** Date the prices were read. */
  asOf: IsoDate,
  deprecated: z.boolean().default(false),
  retired: z.boolean().default(false),
  /** Where deprecated/retired comes from (a provider page, litellm's deprecation_date, models.dev status). */
  statusSource: Source.optional(),
  priceSource: Source,
  /** Other names the provider serves it under: dated snapshots, `-latest` aliases (resolved by --api-model). */
  aliases: z.array(z.string().min(1)).default([]),
  /** Its place in the provider's current line-up: flagship (best model) or value (the cheap workhorse); null: neither. */
  lineup: z.enum(API_LINEUPS).nullable().default(null),
  lineupSource: Source.optional(),
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
  /** GB/s. null only in user catalogs (a GPU there needs only name and memory): then speed is not estimated. */
  memoryBandwidthGBps: PositiveNumber.nullable(),
  /** Dense FP16 throughput with tensor/matrix units where the card has them, else shader FP16. */
  fp16Tflops: PositiveNumber.nullable(),
  tdpWatts: PositiveNumber.nullable(),
  /** GPU boost clock, MHz, and where it comes from: scales the per-layer decode cost (speed-calibration.ts LAYER_OVERHEAD_CLOCK). */
  boostClockMHz: PositiveNumber.optional(),
  boostClockSource: Source.optional(),
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
  scores: z.array(ScoreEntrySchema).optional(),
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
export type BenchmarkResult = z.infer<typeof BenchmarkResultSchema>;
export type ScoreEntry = z.infer<typeof ScoreEntrySchema>;

export interface Catalog {
  models: Model[];
  gpus: Gpu[];
  quants: Quant[];
  engines: Engine[];
  /** Benchmark results keyed by model (data/quality/*.yaml). */
  scores: ScoreEntry[];
}
