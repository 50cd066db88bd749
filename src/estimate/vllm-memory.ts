// The KV-cache pool vLLM (and SGLang, which sizes its pool the same way) allocates at start-up,
// as the engine computes it (pure). Sources, read at these commits:
// - vllm-project/vllm vllm/v1/worker/gpu_worker.py @ 0012cf691b7e69423244d2b1405f4b6832156e19,
//   determine_available_memory: available KV memory = total GPU memory × gpu_memory_utilization
//   − peak memory of a profiling forward pass (weights + activation peak) − memory held outside
//   torch (CUDA context, NCCL buffers).
// - vllm/v1/core/kv_cache_utils.py @ 001cabc1be16a59a70d720ed61a13b678c060a18: get_num_blocks
//   = available // page_size // num_layers, a page holding block_size (16) tokens of one layer's
//   K and V; get_max_concurrency_for_kv_cache_config = num_blocks ÷ cdiv(max_model_len, block_size)
//   blocks per request; estimate_max_model_len binary-searches the longest max_model_len whose
//   request fits in the available memory; the engine refuses to start when one request at
//   max_model_len does not fit ("To serve at least one request with the models's max seq len ...").
//   It logs "GPU KV cache size: N tokens" and "Maximum concurrency for L tokens per request: X.XXx".
// - The profiled pass runs max_num_batched_tokens tokens (chunked prefill, always on in V1);
//   the server default is 2048, or 8192 on cards of 70 GiB and more other than the A100
//   (vllm/engine/arg_utils.py EngineArgs.get_batch_defaults; max_num_seqs 256 / 1024).
// - The profiling peak (see VllmEngineGeneration): the larger of the forward pass at max_num_batched_tokens
//   and the sampler warm-up on max_num_seqs full-vocabulary rows with top-k/top-p on, which dominates on
//   large cards (max_num_seqs 1024); what sits outside torch depends on the engine generation. Checked against 17 public
//   start-up logs in test/serving/vllm-logs.ts (bench/vllm.ts prints the table, fit and held-out apart).
// - CUDA graphs: from v0.19 their memory is estimated and taken from the pool before it is sized
//   (VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=1 by default; log lines quoted in vllm-project/vllm#39559).
import type { ModelShape } from './types.js';

const GIB = 2 ** 30;

/** vLLM's default block size, in tokens (CacheConfig.block_size = 16 on CUDA). */
export const VLLM_BLOCK_TOKENS = 16;
export const DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;

/**
 * Fraction of a card's marketed memory that CUDA reports as total (what utilization multiplies):
 * an RTX 3090 (24 GiB) logs total_gpu_memory=23.58GiB (vllm-project/vllm#10517) → 0.9825. Derived.
 */
export const CUDA_VISIBLE_FRACTION = 23.58 / 24;

/**
 * Which generation of vLLM's engine sized the pool. V0 (vllm/worker/worker.py and model_runner.py, up to
 * v0.10) and V1 (vllm/v1/worker/gpu_model_runner.py, the only engine from v0.11) both profile one forward
 * pass of max_num_batched_tokens tokens (V0 without chunked prefill: max(max_model_len, 2048)) and warm
 * the sampler on max_num_seqs sequences with top-k and top-p on (V0 profile_run: "Enable top-k sampling to
 * reflect the accurate memory usage. sampling_params = SamplingParams(top_p=0.99, top_k=self.vocab_size
 * - 1)", vllm/worker/model_runner.py as of v0.6.6.post1; V1 _dummy_sampler_run). The forward pass's
 * activations are gone when the sampler runs, so the peak is the larger of the two. In V0 only the driver
 * worker (rank 0) samples ("Only perform sampling in the driver worker"); the engine sizes the pool from
 * the rank with the least memory left, which is the driver. They differ in what sits outside torch.
 */
export type VllmEngineGeneration = 'v0' | 'v1';

/**
 * Memory outside torch during profiling (CUDA context, cuBLAS workspace; NCCL and custom all-reduce
 * buffers with tensor parallelism). Set from the "fit" logs only (test/serving/vllm-logs.ts):
 * V0: 0.35 GiB on an RTX 3090 (vllm-project/vllm#10517, "non_torch_memory=0.35GiB").
 * V1: 0.13–0.14 GiB at TP 1 and 0.55 GiB at TP 2 on H100, vLLM 0.11.0 (llm-d/llm-d-benchmark
 * config_explorer/empirical-vllm-memory-results.md @ 87ab01bebc78107815ea3bc2eccad3eb168003b0, rows
 * gpt-oss-20b, Qwen3-32B TP 1, Llama-3.3-70B-FP8 TP 2): 0.14 GiB plus 0.41 GiB of communication buffers
 * per rank when the model is split. Derived.
 */
export const NON_TORCH_BYTES_V0 = 0.35 * GIB;
export const NON_TORCH_BYTES_V1 = 0.14 * GIB;
export const NON_TORCH_TP_BYTES_V1 = 0.41 * GIB;
/** The V1 single-card figure (kept for callers that show one number). */
export const NON_TORCH_BYTES = NON_TORCH_BYTES_V1;

/**
 * Activation peak of the profiling forward pass, bytes per profiled token per FFN width (per tensor-parallel
 * rank) per byte of bf16: the gate/up output (2 × FFN × 2 bytes) and the activation (FFN × 2 bytes) live
 * together, plus the residual stream. From the fit rows of vllm-project/vllm#10517 (V0, Llama-3.1-8B,
 * FFN 14336, where the forward pass outgrows the sampler): the peak is 2.07 GiB above the weights at 20,000
 * profiled tokens and 2.99 GiB at 29,000: 2.07 GiB ÷ (20,000 × 14,336 × 2) = 3.88 and 3.86. Derived.
 */
export const ACTIVATION_PER_TOKEN_FFN = 3.87;

/**
 * Sampler warm-up (V0 profile_run, V1 _dummy_sampler_run): max_num_seqs rows of full-vocabulary logits
 * (gathered over tensor-parallel ranks, so not split) go through top-k and top-p: the float32 logits, the
 * sorted copy and its int64 indices, softmax, cumulative sum, the scattered result and the sampling
 * probabilities are alive together. Bytes per logit from the "fit" logs with a logged activation peak
 * where the sampler dominates (llm-d-benchmark @ 87ab01be, vLLM 0.11.0 on H100, max_num_seqs 1024):
 * gpt-oss-20b 7.38 GiB ÷ (1024 × 201,088) = 38.5, Qwen3-32B 5.64 GiB ÷ (1024 × 151,936) = 38.9,
 * Llama-3.3-70B-FP8 TP 2 4.84 GiB ÷ (1024 × 128,256) = 39.6: 39 is used, for V0 too (the same
 * sort-based top-k/top-p in torch). Derived.
 */
export const SAMPLER_BYTES_PER_LOGIT_V1 = 39;

/**
 * CUDA graph memory when vLLM counts it (v0.19 and later): 0.47 GiB logged for a 16 B MoE at TP 8
 * ("Graph capturing finished in 5 secs, took 0.47 GiB") to 1.62 GiB ("Estimated CUDA graph memory:
 * 1.62 GiB total", vllm-project/vllm#39559); 0.5 GiB is used. Before v0.19 graphs were captured after the
 * pool was sized (llm-d-benchmark @ 87ab01be logs −0.88 to +1.03 GiB of "CUDA Graph" memory change that the
 * pool did not see). Derived, least certain.
 */
export const CUDA_GRAPH_BYTES = 0.5 * GIB;

export type KvCacheDtype = 'auto' | 'fp8';

export interface VllmPoolInput {
  shape: Pick<ModelShape, 'layers' | 'kvHeads' | 'headDim' | 'ffnSize' | 'vocabSize' | 'mla' | 'moe' | 'encoderOnly' | 'maxContext'> & {
    slidingWindow?: ModelShape['slidingWindow'] | undefined;
    /** Hybrid models: which layers keep a fixed state (Gated DeltaNet, Mamba2, short convolution). */
    recurrent?: ModelShape['recurrent'];
    hiddenSize?: number | undefined;
  };
  /** Weight bytes on one device (after the tensor-parallel split). */
  weightsBytesPerDevice: number;
  /** Total memory of one card as CUDA reports it (use cudaTotalBytes for a marketed size). */
  totalBytesPerDevice: number;
  gpuMemoryUtilization: number;
  maxModelLen: number;
  kvCacheDtype: KvCacheDtype;
  tensorParallel: number;
  /** The card's name, for the server defaults: an A100 keeps the small ones (vllmBatchDefaults). */
  deviceName?: string | undefined;
  /** Profiled tokens (max_num_batched_tokens; V0 engines profiled max_model_len). */
  profileTokens?: number | undefined;
  maxNumSeqs?: number | undefined;
  /** Subtract CUDA graph memory before sizing the pool (vLLM 0.19+); default true. */
  cudaGraphsCounted?: boolean | undefined;
  /** Engine generation (default V1, the only engine from v0.11). */
  engine?: VllmEngineGeneration | undefined;
  /** --block-size (default 16). */
  blockSize?: number | undefined;
  /**
   * Hybrid recurrent models: blocks a state group holds per request. 'none' (1; prefix caching off, the
   * default for Qwen3.5 in vllm-project/vllm#40691, v0.19.0) or 'align' (2; --enable-prefix-caching).
   */
  mambaCacheMode?: MambaCacheMode | undefined;
  /**
   * How "GPU KV cache size" is printed for a model with several KV cache groups: 'concurrency' (int(max concurrency ×
   * max_model_len), v0.24, noonghunna/club-3090#612) or 'per-group' (num_blocks // groups × block size,
   * kv_cache_utils.py @ 001cabc1 _report_kv_cache_config, v0.17–v0.19). Default 'concurrency'.
   */
  tokensLine?: 'concurrency' | 'per-group' | undefined;
}

export type MambaCacheMode = 'none' | 'align';

export interface VllmPool {
  /** Bytes of K and V per token on one device (the layers that keep a KV cache). */
  kvBytesPerToken: number;
  /** Hybrid recurrent models: bytes of fixed state per sequence on one device, as vLLM pads it (0 otherwise). */
  stateBytesPerSequence: number;
  /** Tokens per block (16, or larger for recurrent hybrids: the attention page grows to hold a state page). */
  blockTokens: number;
  usableBytes: number;
  activationBytes: number;
  nonTorchBytes: number;
  cudaGraphBytes: number;
  /** Memory left for the KV cache on one device; negative when the weights and activations do not fit. */
  availableKvBytes: number;
  blocks: number;
  /** "GPU KV cache size: N tokens". */
  kvCacheTokens: number;
  kvCacheBytes: number;
  /** "Maximum concurrency for L tokens per request: X.XXx". */
  maxConcurrency: number;
  /** The longest --max-model-len that starts (a whole number of tokens; 0 when none). */
  maxModelLen: number;
  /** Whether vLLM starts with the requested max-model-len. */
  starts: boolean;
  explanation: string;
}

/** Total memory CUDA reports for a card sold as `marketedBytes`. */
export function cudaTotalBytes(marketedBytes: number): number {
  return marketedBytes * CUDA_VISIBLE_FRACTION;
}

/** Server defaults of max_num_batched_tokens and max_num_seqs for a card of this total memory. */
export function vllmBatchDefaults(totalBytes: number, isA100 = false): { maxNumBatchedTokens: number; maxNumSeqs: number } {
  const big = totalBytes >= 70 * GIB && !isA100;
  return big ? { maxNumBatchedTokens: 8192, maxNumSeqs: 1024 } : { maxNumBatchedTokens: 2048, maxNumSeqs: 256 };
}

/** K+V bytes per token per device: KV heads are split across tensor-parallel ranks (replicated when fewer). */
export function vllmKvBytesPerToken(shape: VllmPoolInput['shape'], dtype: KvCacheDtype, tensorParallel: number): number {
  if (shape.encoderOnly) return 0;
  const bytes = dtype === 'fp8' ? 1 : 2;
  // MLA caches one latent per token, not split by tensor parallelism.
  if (shape.mla) return shape.layers * (shape.mla.kvLoraRank + shape.mla.qkRopeHeadDim) * bytes;
  const headsPerRank = Math.max(1, Math.ceil(shape.kvHeads / Math.max(1, tensorParallel)));
  return 2 * attentionLayers(shape) * headsPerRank * shape.headDim * bytes;
}

/** Layers that keep a KV cache: all of them, less the recurrent and FFN-only layers of a hybrid. */
function attentionLayers(shape: VllmPoolInput['shape']): number {
  const kinds = shape.recurrent?.layerKinds;
  if (!kinds || kinds.length === 0) return shape.layers;
  return kinds.filter((k) => k === 'attention' || k === 'parallel').length;
}

/** Peak of the profiling forward pass at `profileTokens` tokens (per tensor-parallel rank). */
export function vllmForwardActivationBytes(shape: VllmPoolInput['shape'], profileTokens: number, tensorParallel: number): number {
  const ffn = shape.moe ? shape.moe.activeExperts * shape.moe.expertFfnSize + shape.moe.sharedExperts * (shape.moe.expertFfnSize || 0) : shape.ffnSize;
  return ACTIVATION_PER_TOKEN_FFN * profileTokens * (ffn / Math.max(1, tensorParallel)) * 2;
}

/** Peak of the sampler warm-up on max_num_seqs rows of full-vocabulary logits. */
export function vllmSamplerWarmupBytes(vocabSize: number, maxNumSeqs: number): number {
  return SAMPLER_BYTES_PER_LOGIT_V1 * maxNumSeqs * vocabSize;
}

function activationBytes(input: VllmPoolInput, profileTokens: number, maxNumSeqs: number): number {
  // The forward pass is freed before the sampler warms up: the peak is the larger of the two (both engines).
  // The dummy batch has min(max_num_batched_tokens, max_num_seqs) requests (V1 _dummy_run:
  // num_reqs = min(num_tokens, max_num_reqs)), one sampled row each.
  const rows = Math.min(maxNumSeqs, profileTokens);
  return Math.max(vllmForwardActivationBytes(input.shape, profileTokens, input.tensorParallel), vllmSamplerWarmupBytes(input.shape.vocabSize, rows));
}

function nonTorchBytes(engine: VllmEngineGeneration, tensorParallel: number): number {
  if (engine === 'v0') return NON_TORCH_BYTES_V0;
  return NON_TORCH_BYTES_V1 + (tensorParallel > 1 ? NON_TORCH_TP_BYTES_V1 : 0);
}

export function vllmKvPool(input: VllmPoolInput): VllmPool {
  const defaults = vllmBatchDefaults(input.totalBytesPerDevice, /\bA100\b/i.test(input.deviceName ?? ''));
  const profileTokens = input.profileTokens ?? defaults.maxNumBatchedTokens;
  const maxNumSeqs = input.maxNumSeqs ?? defaults.maxNumSeqs;
  const usableBytes = input.totalBytesPerDevice * input.gpuMemoryUtilization;
  const engine = input.engine ?? 'v1';
  const blockTokens = input.blockSize ?? VLLM_BLOCK_TOKENS;
  const activation = activationBytes(input, profileTokens, maxNumSeqs);
  const nonTorch = nonTorchBytes(engine, input.tensorParallel);
  const graphs = input.cudaGraphsCounted === false ? 0 : CUDA_GRAPH_BYTES;
  const availableKvBytes = usableBytes - input.weightsBytesPerDevice - activation - nonTorch - graphs;
  const perToken = vllmKvBytesPerToken(input.shape, input.kvCacheDtype, input.tensorParallel);
  const hybrid = recurrentLayout(input, input.blockSize ?? VLLM_BLOCK_TOKENS);
  if (hybrid) return recurrentPool(input, hybrid, { usableBytes, activation, nonTorch, graphs, availableKvBytes, perToken, profileTokens, maxNumSeqs });
  const layout = kvLayout(input.shape, profileTokens, blockTokens);
  // One block holds 16 tokens of K and V for one layer of every group ("page"), × the layers per group.
  const blockBytes = (perToken / Math.max(1, input.shape.layers)) * blockTokens * layout.layersPerGroup;
  const blocks = perToken > 0 && availableKvBytes > 0 ? Math.floor(availableKvBytes / blockBytes) : 0;
  const perRequestBlocks = layout.blocksPerRequest(input.maxModelLen);
  const maxConcurrency = perRequestBlocks > 0 ? blocks / perRequestBlocks : 0;
  // vLLM logs int(max_concurrency × max_model_len): the block count × 16 for full attention.
  const kvCacheTokens = layout.hybrid ? Math.floor(maxConcurrency * input.maxModelLen) : blocks * blockTokens;
  const maxModelLen = Math.min(layout.longestFitting(blocks, input.shape.maxContext), input.shape.maxContext);
  const starts = availableKvBytes > 0 && perRequestBlocks <= blocks;
  const g = (b: number) => `${(b / GIB).toFixed(2)} GiB`;
  const explanation =
    `${input.gpuMemoryUtilization} × ${g(input.totalBytesPerDevice)} = ${g(usableBytes)} − weights ${g(input.weightsBytesPerDevice)}` +
    ` − activation peak ${g(activation)} (the larger of ${profileTokens} profiled tokens and the sampler on ${maxNumSeqs} sequences) − outside torch ${g(nonTorch)}` +
    `${graphs > 0 ? ` − CUDA graphs ${g(graphs)}` : ''} = ${g(availableKvBytes)} for the KV cache; ` +
    `${perToken} bytes per token (${input.kvCacheDtype === 'fp8' ? 'fp8' : '16-bit'} K and V${input.tensorParallel > 1 ? `, TP ${input.tensorParallel}` : ''}) → ${blocks} blocks of ${blockTokens} tokens` +
    (layout.hybrid ? `; hybrid KV manager: ${layout.fullGroups} full-attention and ${layout.slidingGroups} sliding-window groups of ${layout.layersPerGroup} layers, a sliding group keeps only its window` : '');
  return {
    kvBytesPerToken: perToken,
    stateBytesPerSequence: 0,
    blockTokens,
    usableBytes,
    activationBytes: activation,
    nonTorchBytes: nonTorch,
    cudaGraphBytes: graphs,
    availableKvBytes,
    blocks,
    kvCacheTokens,
    kvCacheBytes: blocks * blockBytes,
    maxConcurrency,
    maxModelLen,
    starts,
    explanation,
  };
}

/**
 * How vLLM's hybrid KV-cache manager lays out a model with full and sliding-window attention layers
 * (kv_cache_utils.py @ 001cabc1, _get_kv_cache_groups_uniform_page_size): layers are grouped by type
 * into groups of the smaller count (or the larger when it is under 1.5 × the smaller), one block
 * holds a page of one layer of each group, and a request needs cdiv(max_model_len, 16) blocks per
 * full-attention group and cdiv(min(window − 1 + max_num_batched_tokens, max_model_len), 16) + 1 per
 * sliding-window group (SlidingWindowSpec.max_memory_usage_bytes). Full attention only: one group.
 */
export function kvLayout(shape: VllmPoolInput['shape'], maxNumBatchedTokens: number, blockTokens = VLLM_BLOCK_TOKENS) {
  const layers = Math.max(1, shape.layers);
  const sw = shape.slidingWindow;
  const sliding = sw && !shape.mla ? Math.min(sw.slidingLayers, layers) : 0;
  const full = layers - sliding;
  const cdiv = (a: number, b: number) => Math.ceil(a / b);
  if (sliding === 0 || full === 0 || !sw) {
    const perReq = (len: number) => cdiv(len, blockTokens);
    return {
      hybrid: false,
      layersPerGroup: layers,
      fullGroups: 1,
      slidingGroups: 0,
      blocksPerRequest: perReq,
      longestFitting: (blocks: number, _cap: number) => blocks * blockTokens,
    };
  }
  const lo = Math.min(full, sliding);
  const hi = Math.max(full, sliding);
  const layersPerGroup = hi < lo * 1.5 ? hi : lo;
  const fullGroups = cdiv(full, layersPerGroup);
  const slidingGroups = cdiv(sliding, layersPerGroup);
  const perReq = (len: number) =>
    fullGroups * cdiv(len, blockTokens) + slidingGroups * (cdiv(Math.min(sw.window - 1 + maxNumBatchedTokens, len), blockTokens) + 1);
  // Blocks per request grow with the length: the longest that fits is found by bisection.
  const longestFitting = (blocks: number, cap: number) => {
    if (perReq(1) > blocks) return 0;
    let a = 1;
    let b = Math.max(1, cap);
    if (perReq(b) <= blocks) return b;
    while (b - a > 1) {
      const m = Math.floor((a + b) / 2);
      if (perReq(m) <= blocks) a = m;
      else b = m;
    }
    return a;
  };
  return { hybrid: true, layersPerGroup, fullGroups, slidingGroups, blocksPerRequest: perReq, longestFitting };
}

/**
 * How vLLM V1 lays out the cache of a hybrid model whose other layers keep a fixed state (Gated DeltaNet in
 * Qwen3-Next/3.5/3.6, Mamba2 in Granite 4.0 H and Nemotron-H, LFM2's short convolutions), read at
 * vllm-project/vllm @ 001cabc1be16a59a70d720ed61a13b678c060a18 unless said otherwise:
 * - Each recurrent layer has a MambaSpec whose page is its whole state: the conv state and the SSM / delta-rule
 *   state (kv_cache_interface.py MambaSpec.page_size_bytes = Σ prod(shape) × dtype size). Shapes
 *   (vllm/model_executor/layers/mamba/mamba_utils.py MambaStateShapeCalculator): Gated DeltaNet conv
 *   (conv_kernel − 1, (2 × key heads × key dim + value heads × value dim) / TP) and state (value heads / TP, key dim,
 *   value dim); Mamba2 conv (conv_kernel − 1, (intermediate + 2 × groups × state) / TP) and state (heads / TP,
 *   head dim, state); short conv (conv_kernel − 1, hidden / TP). These are llama.cpp's n_embd_r and n_embd_s
 *   values (src/estimate/recurrent.ts). The conv state is in the model dtype (16-bit, also with an fp8 KV cache);
 *   the SSM state in mamba_ssm_cache_dtype, float32 for Qwen3.5/3.6/3.8 (their config's mamba_ssm_dtype, which vLLM's
 *   Qwen3_5 config hook copies), the model dtype otherwise ("auto"; MambaStateDtypeCalculator): Qwen3-Next's 544-token
 *   block at TP 2 (vLLM 0.10.2 log) needs a bf16 state; the catalog says which (recurrent.ssmStateDtype).
 * - The attention block grows until its page holds a state page, and the state page is padded to it
 *   (HybridAttentionMambaModelConfig.verify_and_update_config, vllm/model_executor/models/config.py @ 0144dd5b;
 *   vllm/platforms/interface.py _align_hybrid_block_size in later versions): block = a × cdiv(state page,
 *   a × attention bytes per token), a = max(16, --block-size), "Setting attention block size to N tokens".
 * - Layers are grouped by spec into groups of the smaller layer count (the larger when under 1.5 × the smaller)
 *   (_get_kv_cache_groups_uniform_page_size); num_blocks = available // page // layers per group (get_num_blocks).
 * - A request takes cdiv(max_model_len, block) blocks per attention group and 1 block per state group
 *   (MambaSpec.max_memory_usage_bytes, mamba_cache_mode "none"), 2 with prefix caching ("align");
 *   max concurrency = num_blocks ÷ that (get_max_concurrency_for_kv_cache_config).
 * Checked against three public logs (test/serving/vllm-hybrid.test.ts): Qwen3.5-27B (vllm-project/vllm#40691),
 * Qwen3.6-35B-A3B NVFP4 (noonghunna/club-3090#612) and Qwen3.5/3.6-35B-A3B with an fp8 cache (a blog post quoting
 * "Setting attention block size to 2096 tokens").
 */
export interface RecurrentVllmLayout {
  attentionLayers: number;
  stateLayers: number;
  /** Bytes of one recurrent layer's state on one device, before padding. */
  statePageBytes: number;
  /** K and V bytes of one attention layer per token on one device. */
  attentionBytesPerToken: number;
  blockTokens: number;
  pageBytes: number;
  layersPerGroup: number;
  attentionGroups: number;
  stateGroups: number;
}

/** 16-bit model dtype for conv states and "auto" SSM states. */
const MODEL_DTYPE_BYTES = 2;

export function recurrentLayout(input: Pick<VllmPoolInput, 'shape' | 'kvCacheDtype' | 'tensorParallel'>, blockSize = VLLM_BLOCK_TOKENS): RecurrentVllmLayout | null {
  const { shape } = input;
  const rec = shape.recurrent;
  if (!rec || shape.mla || shape.encoderOnly) return null;
  const stateLayers = rec.layerKinds.filter((k) => k === 'recurrent' || k === 'parallel').length;
  const attention = attentionLayers(shape);
  if (stateLayers === 0 || attention === 0) return null;
  const tp = Math.max(1, input.tensorParallel);
  const kvBytes = input.kvCacheDtype === 'fp8' ? 1 : 2;
  const attentionBytesPerToken = 2 * Math.max(1, Math.ceil(shape.kvHeads / tp)) * shape.headDim * kvBytes;
  const conv = rec.kind === 'shortconv' ? (rec.convKernel - 1) * (shape.hiddenSize ?? 0) : Math.max(0, rec.convKernel - 1) * (rec.innerSize + 2 * rec.groups * rec.stateSize);
  const ssm = rec.kind === 'shortconv' ? 0 : rec.stateSize * rec.innerSize;
  const ssmBytes = (rec.ssmStateDtype ?? (rec.kind === 'gated-deltanet' ? 'float32' : 'model')) === 'float32' ? 4 : MODEL_DTYPE_BYTES;
  const statePageBytes = Math.ceil(conv / tp) * MODEL_DTYPE_BYTES + Math.ceil(ssm / tp) * ssmBytes;
  const align = Math.max(VLLM_BLOCK_TOKENS, blockSize);
  const blockTokens = Math.max(blockSize, align * Math.ceil(statePageBytes / (align * attentionBytesPerToken)));
  const lo = Math.min(attention, stateLayers);
  const hi = Math.max(attention, stateLayers);
  const layersPerGroup = hi < lo * 1.5 ? hi : lo;
  return {
    attentionLayers: attention,
    stateLayers,
    statePageBytes,
    attentionBytesPerToken,
    blockTokens,
    pageBytes: blockTokens * attentionBytesPerToken,
    layersPerGroup,
    attentionGroups: Math.ceil(attention / layersPerGroup),
    stateGroups: Math.ceil(stateLayers / layersPerGroup),
  };
}

/** Blocks one request of `len` tokens takes in a recurrent hybrid's pool. */
export function recurrentBlocksPerRequest(l: RecurrentVllmLayout, len: number, mode: MambaCacheMode = 'none'): number {
  return l.attentionGroups * Math.ceil(len / l.blockTokens) + l.stateGroups * (mode === 'align' ? 2 : 1);
}

/** The pool from the memory left for it: blocks, concurrency, the logged token count and the longest length that starts. */
export function recurrentPoolFromMemory(
  l: RecurrentVllmLayout,
  availableKvBytes: number,
  maxModelLen: number,
  maxContext: number,
  mode: MambaCacheMode = 'none',
  tokensLine: 'concurrency' | 'per-group' = 'concurrency',
) {
  const blocks = availableKvBytes > 0 ? Math.floor(Math.floor(availableKvBytes / l.pageBytes) / l.layersPerGroup) : 0;
  const perRequest = recurrentBlocksPerRequest(l, maxModelLen, mode);
  const maxConcurrency = blocks / perRequest;
  const kvCacheTokens =
    tokensLine === 'per-group' ? Math.floor(blocks / (l.attentionGroups + l.stateGroups)) * l.blockTokens : Math.floor(maxConcurrency * maxModelLen);
  const stateBlocks = l.stateGroups * (mode === 'align' ? 2 : 1);
  const longest = blocks - stateBlocks >= l.attentionGroups ? Math.floor((blocks - stateBlocks) / l.attentionGroups) * l.blockTokens : 0;
  return {
    blocks,
    maxConcurrency,
    kvCacheTokens,
    maxModelLen: Math.min(longest, maxContext),
    starts: availableKvBytes > 0 && perRequest <= blocks,
    kvCacheBytes: blocks * l.pageBytes * l.layersPerGroup,
    stateBytesPerSequence: stateBlocks * l.pageBytes * l.layersPerGroup,
  };
}

function recurrentPool(
  input: VllmPoolInput,
  l: RecurrentVllmLayout,
  m: { usableBytes: number; activation: number; nonTorch: number; graphs: number; availableKvBytes: number; perToken: number; profileTokens: number; maxNumSeqs: number },
): VllmPool {
  const mode = input.mambaCacheMode ?? 'none';
  const p = recurrentPoolFromMemory(l, m.availableKvBytes, input.maxModelLen, input.shape.maxContext, mode, input.tokensLine ?? 'concurrency');
  const g = (b: number) => `${(b / GIB).toFixed(2)} GiB`;
  const explanation =
    `${input.gpuMemoryUtilization} × ${g(input.totalBytesPerDevice)} = ${g(m.usableBytes)} − weights ${g(input.weightsBytesPerDevice)}` +
    ` − activation peak ${g(m.activation)} (the larger of ${m.profileTokens} profiled tokens and the sampler on ${m.maxNumSeqs} sequences) − outside torch ${g(m.nonTorch)}` +
    `${m.graphs > 0 ? ` − CUDA graphs ${g(m.graphs)}` : ''} = ${g(m.availableKvBytes)} for the KV cache; ` +
    `hybrid: ${l.attentionLayers} attention layers (${l.attentionBytesPerToken} bytes per token each) and ${l.stateLayers} recurrent layers (a ${l.statePageBytes}-byte state each); ` +
    `the attention block grows to ${l.blockTokens} tokens so its page (${l.pageBytes} bytes) holds a state page; ` +
    `${l.attentionGroups} attention and ${l.stateGroups} state groups of ${l.layersPerGroup} layers → ${p.blocks} blocks; ` +
    `a request takes ${l.attentionGroups} × ⌈${input.maxModelLen} ÷ ${l.blockTokens}⌉ + ${l.stateGroups} × ${mode === 'align' ? 2 : 1} blocks`;
  return {
    kvBytesPerToken: m.perToken,
    stateBytesPerSequence: p.stateBytesPerSequence,
    blockTokens: l.blockTokens,
    usableBytes: m.usableBytes,
    activationBytes: m.activation,
    nonTorchBytes: m.nonTorch,
    cudaGraphBytes: m.graphs,
    availableKvBytes: m.availableKvBytes,
    blocks: p.blocks,
    kvCacheTokens: p.kvCacheTokens,
    kvCacheBytes: p.kvCacheBytes,
    maxConcurrency: p.maxConcurrency,
    maxModelLen: p.maxModelLen,
    starts: p.starts,
    explanation,
  };
}

/** vLLM's log lines for a pool, as it prints them. */
export function vllmLogLines(pool: VllmPool, maxModelLen: number): string[] {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return [`GPU KV cache size: ${n(pool.kvCacheTokens)} tokens`, `Maximum concurrency for ${n(maxModelLen)} tokens per request: ${pool.maxConcurrency.toFixed(2)}x`];
}
