// zod schema of `llm-pick fit --json` (DESIGN.md contract), for `llm-pick schema fit`
// (z.toJSONSchema) and tests. The command imports only the type, so --json never loads zod.
import { CatalogAsOf } from '../schemas/common.js';
import { z } from 'zod';

const Bytes = z.number().int().nonnegative();

/** One plan beyond one GPU or one machine (src/estimate/scale.ts ScalePlan). */
export const ScalePlanSchema = z.strictObject({
  /** single-gpu, tensor-parallel (vLLM), pipeline-parallel (vLLM, when TP does not divide the heads), layer-split (llama.cpp), multi-node-vllm (Ray), multi-node-rpc (llama.cpp RPC). */
  kind: z.enum(['single-gpu', 'tensor-parallel', 'pipeline-parallel', 'layer-split', 'multi-node-vllm', 'multi-node-rpc']),
  engine: z.enum(['vllm', 'llama.cpp']),
  /**
   * The format the commands load, which memory and speed are computed for: the GGUF quant for llama.cpp;
   * for vLLM the catalog's checkpoint as stored (BF16) or quantized while loading (FP8 via --quantization fp8,
   * BNB-NF4 via --quantization bitsandbytes), or AWQ-INT4/GPTQ-INT4 from a placeholder repo.
   */
  quant: z.string(),
  nodes: z.number().int().positive(),
  gpusPerNode: z.number().int().positive(),
  /** nodes × gpusPerNode. */
  devices: z.number().int().positive(),
  tensorParallelSize: z.number().int().positive(),
  pipelineParallelSize: z.number().int().positive(),
  /** Memory on each device (the fullest one), against the usable memory of one card. */
  perDevice: z.strictObject({
    weightsBytes: Bytes,
    kvCacheBytes: Bytes,
    overheadBytes: Bytes,
    totalBytes: Bytes,
    budgetBytes: Bytes,
  }),
  fits: z.boolean(),
  /** Null when the card's memory bandwidth is unknown (--vram without --gpu). */
  decodeTokensPerSecond: z.number().nonnegative().nullable(),
  promptTokensPerSecond: z.number().nonnegative().nullable(),
  /** One line: the split, memory per device and how the speed was estimated. */
  explanation: z.string(),
  /** Shell commands, in order; lines starting with "#" say where to run the next ones. llm-pick never runs them. */
  commands: z.array(z.string()),
  notes: z.array(z.string()),
});

/** fit's serving section: the engine's KV pool and batched speed at --users N. */
export const ServingSchema = z.strictObject({
  engine: z.enum(['llama.cpp', 'vllm', 'sglang', 'ollama']),
  users: z.number().int().positive(),
  /** vLLM/SGLang share of each GPU's memory the engine takes (null for llama.cpp/Ollama). */
  gpuMemoryUtilization: z.number().positive().max(1).nullable(),
  kvCacheDtype: z.string(),
  /** KV cache the engine allocates on one GPU (each tensor-parallel rank holds its share of every token): vLLM's pool, or llama.cpp's -c users × ctx. */
  kvCacheBytes: Bytes,
  /** Tokens the KV cache holds ("GPU KV cache size: N tokens"; llama.cpp: -c). */
  kvCacheTokens: z.number().int().nonnegative(),
  /** KV cache of one request at contextLength. */
  kvCacheBytesPerSlot: Bytes,
  /** Requests of contextLength tokens the cache holds at once ("Maximum concurrency ... X.XXx"; llama.cpp: whole slots that fit). */
  maxConcurrency: z.number().nonnegative(),
  /** Longest --max-model-len that starts (llama.cpp: per slot at --users); null when unknown. */
  maxModelLen: z.number().int().nonnegative().nullable(),
  /** Whether the engine starts with this plan; null when no budget decides it. */
  starts: z.boolean().nullable(),
  aggregateDecodeTokensPerSecond: z.number().nonnegative().nullable(),
  perUserDecodeTokensPerSecond: z.number().nonnegative().nullable(),
  /** Batch size from which compute, not memory reads, bounds decode; null when it never does. */
  saturatingBatch: z.number().int().positive().nullable(),
  promptTokens: z.number().int().positive(),
  timeToFirstTokenSeconds: z.number().nonnegative().nullable(),
  tensorParallelSize: z.number().int().positive(),
  /** The engine's start-up lines about its KV pool as it would print them (vLLM, SGLang; empty for llama.cpp/Ollama). */
  logLines: z.array(z.string()),
  /** The server command with the plan's numbers; null when the engine would not start at any context length. */
  command: z.string().nullable(),
  explanation: z.array(z.string()),
});

export const FitDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('fit'),
  catalogAsOf: CatalogAsOf,
  model: z.strictObject({
    /** How the model was given: --params, --model (catalog), --gguf (file header), --hf (config.json + safetensors headers) or --config (config.json). */
    source: z.enum(['params', 'catalog', 'gguf', 'hf', 'config']),
    id: z.string().nullable(),
    /** --model as typed (an Ollama tag, HF repo, display name, ...), resolved to `id`; null without --model. */
    typed: z.string().nullable(),
    name: z.string(),
    path: z.string().nullable(),
    architecture: z.string().nullable(),
    /** Parameter count (all experts). */
    params: z.number().nonnegative(),
    activeParams: z.number().nonnegative(),
    layers: z.number().int().positive(),
    hiddenSize: z.number().int().positive(),
    attentionHeads: z.number().int().positive(),
    kvHeads: z.number().int().positive(),
    headDim: z.number().int().positive(),
    vocabSize: z.number().int().nonnegative(),
    maxContext: z.number().int().positive(),
    moe: z.strictObject({ experts: z.number().int(), activeExperts: z.number().int() }).nullable(),
    /** catalog: config.json facts; gguf: the file's header; synthesized: scaled from --params. */
    shapeOrigin: z.enum(['catalog', 'gguf', 'synthesized']),
  }),
  quant: z.strictObject({
    name: z.string(),
    /** safetensors: --hf as stored (BF16, FP8, ...), bytes from the headers. */
    format: z.enum(['gguf', 'awq', 'gptq', 'bitsandbytes', 'fp8', 'safetensors']),
    /** Effective bits per weight of the whole model (per-tensor mix). */
    bitsPerWeight: z.number().positive(),
    /**
     * flag: --quant (or the format a model is released in, gpt-oss's MXFP4); file: the file's own tensor
     * types (GGUF, or safetensors with --hf); fit: --quant left out, so fit chose the best GGUF type that
     * fits the budget whole (the smallest when none does).
     */
    source: z.enum(['flag', 'file', 'fit']),
  }),
  contextLength: z.number().int().positive(),
  kvCacheType: z.enum(['f16', 'q8_0', 'q4_0']),
  flashAttention: z.boolean(),
  memory: z.strictObject({
    weightsBytes: Bytes,
    /** KV cache of the layers that keep one (hybrid models: attention layers only). */
    kvCacheBytes: Bytes,
    /** Recurrent state of hybrid models (Gated DeltaNet, Mamba2, short convolutions), one sequence, f32 as llama.cpp keeps it; 0 for plain attention. */
    recurrentStateBytes: Bytes,
    overheadBytes: Bytes,
    /** --vision: the projector (mmproj) and its compute buffer, on the first GPU; 0 when not asked. */
    visionBytes: Bytes,
    totalBytes: Bytes,
  }),
  /** --vision: the projector and the images counted inside the context; null when not asked. */
  vision: z
    .strictObject({
      images: z.number().int().positive(),
      tokensPerImage: z.number().int().positive(),
      /** images × tokensPerImage, part of contextLength. */
      imageTokens: z.number().int().positive(),
      projectorBytes: Bytes,
      computeBufferBytes: Bytes,
    })
    .nullable(),
  budget: z
    .strictObject({
      /** cuda/rocm/...: one budget per card; unified: Apple memory the GPU may use; cpu: RAM only. */
      mode: z.enum(['gpu', 'unified', 'cpu']),
      vramBytesPerGpu: Bytes,
      gpus: z.number().int().nonnegative(),
      /** What `fits` is measured against: per-card VRAM × cards, the unified budget, or RAM (CPU only). */
      totalBytes: Bytes.nullable(),
      ramBytes: Bytes.nullable(),
      unifiedMemory: z.boolean(),
      explanation: z.string(),
    })
    .nullable(),
  fits: z.boolean().nullable(),
  /**
   * Detected cards with memory held by other processes (the budget is what is free now): the
   * verdict on the idle cards, e.g. "fits once the 6.0 GiB held by ollama is freed". Absent or null
   * when nothing beyond an idle desktop holds memory. Added by the hardware helper.
   */
  whenIdle: z
    .strictObject({
      fits: z.boolean().nullable(),
      budgetBytes: Bytes.nullable(),
      /** "6.0 GiB held by ollama" or "6.5 GiB in use on GPU 0". */
      heldBy: z.string(),
    })
    .nullable()
    .optional(),
  /** Memory left (the smallest over the cards); negative when it does not fit; null without a budget. */
  headroomBytes: z.number().int().nullable(),
  /** GPU budgets only: where the weights go. Null for CPU-only, unified memory or no budget. */
  offload: z
    .strictObject({
      /** none: all on the GPU(s); layers: the first layers whole in RAM (-ngl N); experts: the routed experts of the first N layers in RAM (--n-cpu-moe N). */
      strategy: z.enum(['none', 'layers', 'experts']),
      /** Repeating layers on the GPU(s) (-ngl); all of them with experts in RAM. */
      gpuLayers: z.number().int().nonnegative(),
      totalLayers: z.number().int().positive(),
      /** N of --n-cpu-moe (0 unless strategy is experts). */
      cpuMoeLayers: z.number().int().nonnegative(),
      /** Memory on the GPU(s), all cards together. */
      gpuBytes: Bytes,
      /** What stays in system RAM. */
      ramBytes: Bytes,
      /** null when the RAM size is unknown. */
      ramFits: z.boolean().nullable(),
      /** The llama-server command for this placement (GGUF only; llm-pick never runs it). */
      command: z.string().nullable(),
      /** Why this strategy (and, when both offload plans run, which is faster). */
      reason: z.string(),
    })
    .nullable(),
  gpuSplit: z
    .array(z.strictObject({ gpu: z.number().int().nonnegative(), layers: z.number().int().nonnegative(), bytes: Bytes, budgetBytes: Bytes }))
    .nullable(),
  /** Largest context (multiple of 256, up to the model's maximum) that fits whole; null without a budget or when none does. */
  maxContext: z.number().int().positive().nullable(),
  /** Highest-quality GGUF type that fits whole at contextLength; null without a budget or when none does. */
  bestQuant: z.string().nullable(),
  speed: z
    .strictObject({
      /** At contextLength: every token reads the KV cache of the full requested context. */
      decodeTokensPerSecond: z.number().nonnegative(),
      /** With an empty context, as llama-bench tg128 reports it. */
      decodeTokensPerSecondAtDepth0: z.number().nonnegative(),
      promptTokensPerSecond: z.number().nonnegative(),
      explanation: z.string(),
      /** true: scaled by the user's llama-bench run on this GPU (`llm-pick calibrate`); false: the generic model. */
      calibrated: z.boolean(),
      /** "generic: ..." or "llama-bench FILE". */
      source: z.string(),
      /** The measurement used and the efficiency it gave; null when generic. */
      calibration: z
        .strictObject({
          modelType: z.string(),
          quant: z.string().nullable(),
          depth: z.number().int().nonnegative(),
          measuredDecodeTokensPerSecond: z.number().positive().nullable(),
          measuredPromptTokensPerSecond: z.number().positive().nullable(),
          /** Measured ÷ generic estimate of the measured model. */
          decodeFactor: z.number().positive(),
          promptFactor: z.number().positive(),
          /** The estimated model is the measured one (same quant, parameters within 3%). */
          sameModel: z.boolean(),
          source: z.string(),
          /** The catalog model whose shape stood for the measured one; null when synthesized from its parameter count (or sameModel). */
          referenceModelId: z.string().nullable(),
        })
        .nullable(),
    })
    .nullable(),
  /** Serving --users concurrent requests with --engine (src/estimate/serving.ts); null without a budget. */
  serving: ServingSchema.nullable(),
  /**
   * Plans on several GPUs or machines of the budget's kind: when asked (--gpus N > 1, --nodes M) or
   * when the model does not fit one card of a known kind (detected or --gpu); null otherwise.
   */
  scale: z
    .strictObject({
      /** requested: --gpus / --nodes; does-not-fit: proposed because the model does not fit the budget. */
      reason: z.enum(['requested', 'does-not-fit']),
      /** The kind of card planned (one of them), e.g. "NVIDIA GeForce RTX 4090", or "24 GiB GPU" for --vram. */
      device: z.string(),
      /** What was asked: --gpus (GPUs per machine) and --nodes; null when searched. */
      gpusPerNode: z.number().int().positive().nullable(),
      nodes: z.number().int().positive().nullable(),
      /** Fitting plans first; then fewer machines, fewer GPUs, faster decode. */
      plans: z.array(ScalePlanSchema),
    })
    .nullable(),
  /** One line per number: how it was computed. */
  explanation: z.array(z.string()),
  warnings: z.array(z.string()),
});

export type FitDocument = z.infer<typeof FitDocumentSchema>;
export type FitScalePlan = z.infer<typeof ScalePlanSchema>;
export type FitServing = z.infer<typeof ServingSchema>;
