// Model shapes used by the estimator tests (config.json facts from reference/architectures.json).
import type { ModelShape } from '../../src/estimate/types.js';

const base = {
  slidingWindow: null,
  moe: null,
  mla: null,
  encoderOnly: false,
  origin: 'catalog' as const,
};

/** Llama 3.1 8B: 32 layers, 4096, 32 heads, 8 KV heads of 128, FFN 14336, vocab 128256, untied. */
export const LLAMA_8B: ModelShape = {
  ...base,
  layers: 32,
  hiddenSize: 4096,
  attentionHeads: 32,
  kvHeads: 8,
  headDim: 128,
  vocabSize: 128256,
  ffnSize: 14336,
  maxContext: 131072,
  tiedEmbeddings: false,
  totalParams: 8.03e9,
  activeParams: 8.03e9,
};

/** Llama 3.1 70B: 80 layers, 8192, 64 heads, 8 KV heads, FFN 28672. */
export const LLAMA_70B: ModelShape = {
  ...LLAMA_8B,
  layers: 80,
  hiddenSize: 8192,
  attentionHeads: 64,
  ffnSize: 28672,
  totalParams: 70.55e9,
  activeParams: 70.55e9,
};

/** Llama 3.2 1B: tied embeddings, head 64. */
export const LLAMA_1B: ModelShape = {
  ...LLAMA_8B,
  layers: 16,
  hiddenSize: 2048,
  attentionHeads: 32,
  headDim: 64,
  ffnSize: 8192,
  tiedEmbeddings: true,
  totalParams: 1.24e9,
  activeParams: 1.24e9,
};

/** Mixtral 8x7B: Mistral 7B layers with 8 experts, 2 active. */
export const MIXTRAL: ModelShape = {
  ...LLAMA_8B,
  vocabSize: 32000,
  moe: { experts: 8, activeExperts: 2, expertFfnSize: 14336, sharedExperts: 0, denseLayers: 0 },
  totalParams: 46.7e9,
  activeParams: 12.9e9,
};

/** gpt-oss-20b: 24 layers of 2880 (not a multiple of 256), 32 experts (4 active) in MXFP4, alternating 128-token window. */
export const GPT_OSS_20B: ModelShape = {
  ...base,
  layers: 24,
  hiddenSize: 2880,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 64,
  vocabSize: 201088,
  ffnSize: 2880,
  maxContext: 131072,
  tiedEmbeddings: false,
  slidingWindow: { window: 128, slidingLayers: 12 },
  moe: { experts: 32, activeExperts: 4, expertFfnSize: 2880, sharedExperts: 0, denseLayers: 0 },
  nativeExpertType: 'MXFP4',
  totalParams: 20.9e9,
  activeParams: 3.6e9,
};

/** DeepSeek-Coder-V2-Lite: MLA (kv_lora_rank 512, rope 64), 64 experts + 2 shared, first layer dense. */
export const DEEPSEEK_V2_LITE: ModelShape = {
  ...base,
  layers: 27,
  hiddenSize: 2048,
  attentionHeads: 16,
  kvHeads: 16,
  headDim: 192,
  vocabSize: 102400,
  ffnSize: 10944,
  maxContext: 163840,
  tiedEmbeddings: false,
  moe: { experts: 64, activeExperts: 6, expertFfnSize: 1408, sharedExperts: 2, denseLayers: 1 },
  mla: { kvLoraRank: 512, qLoraRank: null, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
  totalParams: 15.7e9,
  activeParams: 2.4e9,
};

/** Gemma 2 9B: head 256, 4096-token window on half of 42 layers, tied 256k vocabulary. */
export const GEMMA2_9B: ModelShape = {
  ...base,
  layers: 42,
  hiddenSize: 3584,
  attentionHeads: 16,
  kvHeads: 8,
  headDim: 256,
  vocabSize: 256000,
  ffnSize: 14336,
  maxContext: 8192,
  tiedEmbeddings: true,
  slidingWindow: { window: 4096, slidingLayers: 21 },
  totalParams: 9.24e9,
  activeParams: 9.24e9,
};
