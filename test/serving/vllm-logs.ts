// Published vLLM start-up logs: what the engine was given (GPU memory as CUDA reported it, model,
// weights format, utilization, max-model-len, tensor parallelism, the tokens its profiling pass ran)
// and what it logged (KV cache blocks/tokens, maximum concurrency, whether it started). The "fit"
// rows set the activation constant of src/estimate/vllm-memory.ts; the held-out rows were not used
// for any constant. Each row quotes its source.
export interface VllmLog {
  id: string;
  split: 'fit' | 'held-out';
  source: string;
  /** Catalog model id (the shape) and the format its weights load in. */
  modelId: string;
  quant: 'BF16' | 'AWQ-INT4' | 'GPTQ-INT4' | 'FP8';
  /** total_gpu_memory as the log prints it, GiB (per card). */
  totalGiB: number;
  utilization: number;
  maxModelLen: number;
  tensorParallel: number;
  /** Tokens of the profiling pass: V0 engines ran max_model_len (no chunked prefill), V1 max_num_batched_tokens. */
  profileTokens: number;
  maxNumSeqs: number;
  /** CUDA graph memory taken before the pool was sized (vLLM 0.19+ only). */
  cudaGraphsCounted: boolean;
  logged: { kvCacheTokens: number; maxConcurrency: number | null; starts: boolean };
  notes: string;
}

export const VLLM_LOGS: VllmLog[] = [
  {
    id: 'rtx3090-llama8b-20k',
    split: 'fit',
    source: 'https://github.com/vllm-project/vllm/issues/10517 (comment by kaspersiminski, 2024-12-02): "20k - OK"',
    modelId: 'llama-3.1-8b',
    quant: 'BF16',
    totalGiB: 23.58,
    utilization: 0.9,
    maxModelLen: 20000,
    tensorParallel: 1,
    profileTokens: 20000,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 1952 * 16, maxConcurrency: 1.56, starts: true },
    notes: 'V0 engine: "# GPU blocks: 1952", "Maximum concurrency for 20000 tokens per request: 1.56x"; weights 14.9888 GB',
  },
  {
    id: 'rtx3090-llama8b-29k',
    split: 'fit',
    source: 'https://github.com/vllm-project/vllm/issues/10517 (comment by kaspersiminski, 2024-12-02): "29k - BAD"',
    modelId: 'llama-3.1-8b',
    quant: 'BF16',
    totalGiB: 23.58,
    utilization: 0.9,
    maxModelLen: 29000,
    tensorParallel: 1,
    profileTokens: 29000,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 23648, maxConcurrency: 0.82, starts: false },
    notes: 'V0 engine: "# GPU blocks: 1478", "maximum number of tokens that can be stored in KV cache (23648)": refused to start',
  },
  {
    id: '2x4090-r1-qwen14b-131k',
    split: 'held-out',
    source: 'https://github.com/vllm-project/vllm/issues/13061 (description, 2025-02-11)',
    modelId: 'deepseek-r1-distill-qwen-14b',
    quant: 'BF16',
    totalGiB: 23.08 / 0.98,
    utilization: 0.98,
    maxModelLen: 131072,
    tensorParallel: 2,
    profileTokens: 2048,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 81536, maxConcurrency: null, starts: false },
    notes: 'TP 2 on two RTX 4090; "maximum number of tokens that can be stored in KV cache (81536)"; the user quotes 23.08 GiB usable per card at 0.98; activation 0.19 GiB (chunked prefill: 2048 profiled tokens assumed). The log disagrees with itself: the 8.69 GiB of KV cache it reports holds 94,920 tokens at 96 KiB per token per rank (48 layers × 4 KV heads × 128 × 2 × 2 bytes), not 81,536 (the other rank may have had less free)',
  },
  {
    id: 'h100-phi4-gptq-2k',
    split: 'held-out',
    source: 'xinyuwei-david/david-share Deep-Learning/Phi4/readme.md @ 0dec901ada99de7453499a08e035848ab0367b30 ("Inference Result")',
    modelId: 'phi-4-14b',
    quant: 'GPTQ-INT4',
    totalGiB: 79.25,
    utilization: 0.15,
    maxModelLen: 2048,
    tensorParallel: 1,
    profileTokens: 2048,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 715 * 16, maxConcurrency: 5.59, starts: true },
    notes: 'kaitchup/Phi-4-AutoRound-GPTQ-4bit, V0: "# GPU blocks: 715", "Maximum concurrency for 2048 tokens per request: 5.59x"; weights 8.5107 GB',
  },
  {
    id: 'rtx4060-qwen2.5-7b-4k',
    split: 'held-out',
    source: 'https://github.com/vllm-project/vllm/issues/13882 (description, 2025-02-26)',
    modelId: 'qwen-2.5-7b',
    quant: 'AWQ-INT4',
    totalGiB: 8,
    utilization: 0.7,
    maxModelLen: 4096,
    tensorParallel: 1,
    profileTokens: 4096,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 0, maxConcurrency: 0, starts: false },
    notes: 'Qwen2.5-7B on an 8 GB RTX 4060; weights 5.2032 GB (a 4-bit checkpoint: AWQ assumed); "the rest of the memory reserved for KV Cache is -1.05GiB", "# cuda blocks: 0"',
  },
];
