// Shared types of the pure estimator (no I/O anywhere under src/estimate/).
// Implementations: weights.ts, kv-cache.ts, overhead.ts, memory.ts, fit.ts (memory),
// speed.ts (tokens/s), scale.ts (multi-GPU / multi-node plans).

export type KvCacheType = 'f16' | 'q8_0' | 'q4_0';

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
  slidingWindow: { window: number; slidingLayers: number } | null;
  moe: {
    experts: number;
    activeExperts: number;
    expertFfnSize: number;
    sharedExperts: number;
    sharedExpertFfnSize?: number | undefined;
    denseLayers: number;
  } | null;
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

export interface MemoryEstimate {
  weightsBytes: number;
  kvCacheBytes: number;
  overheadBytes: number;
  totalBytes: number;
}

/** Memory available to the model. */
export interface MemoryBudget {
  /** Usable GPU memory per card, bytes (0 for CPU-only). */
  vramBytesPerGpu: number;
  gpus: number;
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
}
