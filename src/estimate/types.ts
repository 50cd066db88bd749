// Shared types of the pure estimator (no I/O anywhere under src/estimate/).
// Implementations: weights.ts, kv-cache.ts, overhead.ts, memory.ts, fit.ts (memory),
// speed.ts (tokens/s), scale.ts (multi-GPU / multi-node plans).

export type KvCacheType = 'f16' | 'q8_0' | 'q4_0';

export type RecurrentKind = 'gated-deltanet' | 'mamba2' | 'shortconv';
/**
 * What one layer is: attention (KV cache), recurrent (fixed state), FFN only (Nemotron-H MLP/MoE layers),
 * or parallel: attention and Mamba2 side by side in the same layer, so it keeps both a KV cache and a
 * recurrent state (Falcon-H1: llama-model.cpp create_memory sets filter_attn and filter_recr to true for
 * every layer of LLM_ARCH_FALCON_H1).
 */
export type LayerKind = 'attention' | 'recurrent' | 'ffn' | 'parallel';

export interface RecurrentShape {
  kind: RecurrentKind;
  /** One entry per layer. */
  layerKinds: LayerKind[];
  /** Per layer: whether it has an FFN block (false for Nemotron-H Mamba2 and attention layers). */
  layerHasFfn: boolean[];
  /** Per layer: the FFN is MoE (Nemotron-H 'E'); otherwise as the model's moe/denseLayers say. */
  layerMoe?: boolean[] | undefined;
  /** llama.cpp ssm_d_conv, ssm_d_state, ssm_d_inner, ssm_n_group, ssm_dt_rank. */
  convKernel: number;
  stateSize: number;
  innerSize: number;
  groups: number;
  heads: number;
  /** The dtype vLLM keeps the SSM state in (catalog recurrent.ssmStateDtype); llama.cpp always uses f32. */
  ssmStateDtype?: 'float32' | 'model' | undefined;
}

/** The shape facts the estimator needs; from the catalog, a GGUF header, or synthesized from --params. */
export interface ModelShape {
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  ffnSize: number;
  maxContext: number;
  tiedEmbeddings: boolean;
  slidingWindow: {
    window: number;
    slidingLayers: number;
    period?: number | undefined;
    /** Per layer, whether it slides (a GGUF's sliding_window_pattern array); overrides period. */
    mask?: boolean[] | undefined;
  } | null;
  moe: {
    experts: number;
    activeExperts: number;
    expertFfnSize: number;
    sharedExperts: number;
    sharedExpertFfnSize?: number | undefined;
    denseLayers: number;
    /** Every Nth layer is MoE (Llama 4 interleave); 1 or absent = every layer after denseLayers. */
    layerStep?: number | undefined;
    /** A dense FFN of ffnSize runs beside the experts in every MoE layer (Gemma 4 26B-A4B). */
    denseFfnAlongside?: boolean | undefined;
  } | null;
  /** Full-attention layers with their own head size / KV heads (Gemma 4); absent when uniform. */
  globalAttention?: { headDim: number; kvHeads: number; kEqV: boolean } | null | undefined;
  /** The last N layers reuse earlier layers' KV and keep no cache (Gemma 3n / Gemma 4 E2B, E4B). */
  kvSharedLayers?: number | undefined;
  /** Per-layer embedding width (Gemma 3n / Gemma 4 E models), 0 or absent for none. */
  perLayerInputSize?: number | undefined;
  /** Gemma 3n AltUp inputs (altup_num_inputs) and LAuReL rank (laurel_rank); 0 or absent for none. */
  altupInputs?: number | undefined;
  laurelRank?: number | undefined;
  /** A separate attention-output gate tensor (attn_gate {hidden, heads × head_dim}) in every attention layer (Muse Glimmer). */
  attentionOutputGate?: boolean | undefined;
  /** Hybrid models: recurrent layers and the dimensions llama.cpp sizes their state with. */
  recurrent?: RecurrentShape | null | undefined;
  mla: {
    kvLoraRank: number;
    qLoraRank: number | null;
    qkNopeHeadDim: number;
    qkRopeHeadDim: number;
    vHeadDim: number;
  } | null;
  encoderOnly: boolean;
  /**
   * Gated FFN (gate + up + down, SwiGLU/GeGLU: Llama, Qwen, Gemma, Mistral); false for a plain
   * two-matrix MLP (StarCoder2, Phi-2, BERT). Absent means gated; catalog: architecture.gatedFfn.
   * Added by the fit helper.
   */
  ffnGated?: boolean | undefined;
  /** Q, K and V stored as one attn_qkv tensor (Phi-3, Phi-2); absent means separate. Added by the fit helper. */
  fusedQkv?: boolean | undefined;
  /**
   * Routed experts released already quantized (gpt-oss: MXFP4). llama-quantize does not requantize a
   * quantized tensor unless --allow-requantize, so GGUF files of every type keep them. Added by the fit helper.
   */
  nativeExpertType?: 'MXFP4' | undefined;
  /** NextN / multi-token-prediction blocks stored after the last layer (GLM-4.5 family); weights only. */
  mtpLayers?: number | undefined;
  /** Total parameters (count). */
  totalParams: number;
  /** Parameters read per token (MoE: active experts only); equals totalParams for dense models. */
  activeParams: number;
  /** Where the shape came from, for the one-line explanation. */
  origin: 'catalog' | 'gguf' | 'synthesized';
}

export interface WeightsEstimate {
  /** Bytes of all weights as stored (what the file / VRAM holds). */
  totalBytes: number;
  /** Bytes read from memory to produce one token (MoE: active experts only; embeddings are a lookup). */
  bytesReadPerToken: number;
  /** Bytes of one repeating layer (average), for partial offload. */
  perLayerBytes: number;
  /** Bytes outside the repeating layers (token embedding, output head, norms). */
  nonLayerBytes: number;
  /** Effective bits per weight of the whole model. */
  bitsPerWeight: number;
}

/** WeightsEstimate with the per-layer and per-type detail (src/estimate/weights.ts computes it). */
export interface WeightsDetail extends WeightsEstimate {
  /** Parameter count of the tensors. */
  params: number;
  /** Bytes of each repeating layer (layer 0 first). */
  layerBytes: number[];
  /** Bytes of the routed-expert tensors (ffn_*_exps) of each repeating layer: 0 for a dense layer (not rounded). */
  expertLayerBytes: number[];
  /** Bytes of the token embedding (a lookup; llama.cpp keeps it in host memory with CUDA). */
  tokenEmbeddingBytes: number;
  /** Bytes of the output head (token_embd again when tied). */
  outputBytes: number;
  /** How many tensors were summed. */
  tensorCount: number;
  /** Parameters per ggml type, for "how it was computed" lines. */
  paramsByType: Record<string, number>;
}

export interface MemoryEstimate {
  weightsBytes: number;
  kvCacheBytes: number;
  overheadBytes: number;
  totalBytes: number;
}

/** Memory available to the model. */
export interface MemoryBudget {
  /** Usable GPU memory per card, bytes (0 for CPU-only); with unequal cards, the smallest (the equal share vLLM tensor parallel can use). */
  vramBytesPerGpu: number;
  gpus: number;
  /**
   * Unequal cards (a 5090 + a 5080): usable bytes of each card, in order, one entry per card
   * (length = gpus). llama.cpp's layer split gives each card layers in proportion to these.
   * Absent: every card has vramBytesPerGpu. Added by the hardware helper.
   */
  vramBytesByGpu?: number[] | undefined;
  /** System RAM usable for offloaded layers, bytes (null when unknown). */
  ramBytes: number | null;
  /** Whether GPU memory is unified with system RAM (Apple). */
  unifiedMemory: boolean;
}

/** What a speed estimate needs to know about the hardware. */
export interface SpeedHardware {
  /** GB/s (1e9 bytes/s). */
  memoryBandwidthGBps: number;
  /** Dense FP16 TFLOPS (tensor cores where available), null when unknown. */
  fp16Tflops: number | null;
  backend: 'cuda' | 'rocm' | 'metal' | 'vulkan' | 'sycl' | 'cpu';
  gpus: number;
  /** System RAM bandwidth GB/s for layers offloaded to the CPU. */
  ramBandwidthGBps: number;
  /**
   * CUDA only: false where llama.cpp launches each kernel on its own instead of one CUDA graph per
   * token (Pascal and older cards; builds before May 2024). Absent: graphs (current builds, Volta+).
   */
  cudaGraphs?: boolean | undefined;
  /**
   * GPU boost clock, MHz. The per-layer cost of decode (the small norm, rope, softmax and copy
   * kernels) runs in GPU cycles, so it scales with 1 ÷ clock on the discrete-kernel backends
   * (speed-calibration.ts LAYER_OVERHEAD_CLOCK). Absent: the reference clock the constants are quoted at.
   */
  gpuClockMHz?: number | undefined;
}

export interface SpeedEstimate {
  decodeTokensPerSecond: number;
  promptTokensPerSecond: number;
  /** One line saying how the figure was computed. */
  explanation: string;
  /** Set by calibrated-speed.ts when a llama-bench measurement of this GPU scaled the figure. */
  calibrated?: boolean | undefined;
}

/** Input of estimateSpeed (src/estimate/speed.ts). */
export interface SpeedInput {
  hardware: SpeedHardware;
  weights: WeightsEstimate;
  /** KV cache bytes at the context the speed is quoted for. */
  kvCacheBytes: number;
  contextLength: number;
  /** For prompt processing: about 2 × activeParams FLOPs per token. */
  activeParams: number;
  /** Canonical quant id (Q4_K_M, IQ4_XS, F16, AWQ-INT4, ...). */
  quant: string;
  /** Partial offload: repeating layers on the GPU(s) out of totalLayers (the rest run from RAM on the CPU). */
  gpuLayers: number;
  totalLayers: number;
  /** How several GPUs are used: llama.cpp layer split or tensor parallelism (vLLM). */
  multiGpu?: 'layer-split' | 'tensor-parallel';
  /**
   * false: prompt attention runs without flash attention (llama.cpp -fa 0): the KQ score matrix of
   * every head is written to memory, soft-maxed and read back (speed-calibration.ts FA_OFF_SCORE_BYTES).
   * Absent or true: flash attention (scores stay on chip), the llama.cpp default since FA "auto".
   */
  flashAttention?: boolean | undefined;
  /** Query heads per layer: sizes the score matrix when flash attention is off. */
  attentionHeads?: number | undefined;
}
