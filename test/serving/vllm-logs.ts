// Published vLLM start-up logs: what the engine was given (GPU memory as CUDA reported it, model,
// weights format, utilization, max-model-len, tensor parallelism, the tokens its profiling pass ran)
// and what it logged (KV cache blocks/tokens or "Available KV cache memory", maximum concurrency,
// whether it started, the weights it loaded). Each row quotes its source.
//
// Split rule, fixed before any comparison: the first five rows were split when they were collected
// (the two #10517 rows fit, the others held out). Rows added after them alternate in the order they
// were found, the first of them "fit": fit, held-out, fit, held-out, ... Only a "fit" row may set a
// constant in src/estimate/vllm-memory.ts; held-out rows are reported separately (bench/vllm.ts).
// Rows found but not usable (model not in the catalog, GPU or settings not stated) are listed at the end
// in a comment and take no place in the alternation.
export type VllmLogQuant = 'BF16' | 'AWQ-INT4' | 'GPTQ-INT4' | 'FP8';

export interface VllmLog {
  id: string;
  split: 'fit' | 'held-out';
  source: string;
  /** Catalog model id (the shape) and the format its weights load in (BF16 keeps natively quantized experts, e.g. gpt-oss MXFP4). */
  modelId: string;
  quant: VllmLogQuant;
  /** V0 (vllm/worker, up to v0.10) or V1 (vllm/v1, the only engine from v0.11). */
  engine: 'v0' | 'v1';
  /** total_gpu_memory as the log prints it, GiB (per card). */
  totalGiB: number;
  utilization: number;
  maxModelLen: number;
  tensorParallel: number;
  /** Tokens of the profiling forward pass (max_num_batched_tokens; V0 without chunked prefill: max(max_model_len, 2048)). */
  profileTokens: number;
  maxNumSeqs: number;
  /** --block-size when not 16. */
  blockSize?: number;
  /** CUDA graph memory taken before the pool was sized (vLLM 0.19+ only, not with --enforce-eager). */
  cudaGraphsCounted: boolean;
  /** Recurrent hybrids: how this version printed "GPU KV cache size" (vllm-memory.ts VllmPoolInput.tokensLine). */
  tokensLine?: 'concurrency' | 'per-group';
  logged: {
    /** "GPU KV cache size: N tokens" or "# GPU blocks: B" × block size; null when the log gives only memory. */
    kvCacheTokens: number | null;
    /** "Available KV cache memory: X GiB" (or V0's "the rest of the memory reserved for KV Cache"); null when not logged. */
    availableKvGiB: number | null;
    maxConcurrency: number | null;
    starts: boolean;
    /** "Model loading took X GiB" per rank (vLLM divides by 2^30 even where it prints "GB"). */
    weightsGiB: number | null;
  };
  notes: string;
}

export const VLLM_LOGS: VllmLog[] = [
  {
    id: 'rtx3090-llama8b-20k',
    split: 'fit',
    source: 'https://github.com/vllm-project/vllm/issues/10517 (comment by kaspersiminski, 2024-12-02): "20k - OK"',
    modelId: 'llama-3.1-8b',
    quant: 'BF16',
    engine: 'v0',
    totalGiB: 23.58,
    utilization: 0.9,
    maxModelLen: 20000,
    tensorParallel: 1,
    profileTokens: 20000,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 1952 * 16, availableKvGiB: 3.81, maxConcurrency: 1.56, starts: true, weightsGiB: 14.9888 },
    notes: 'V0 engine: "# GPU blocks: 1952", "Maximum concurrency for 20000 tokens per request: 1.56x"; weights 14.9888 GB',
  },
  {
    id: 'rtx3090-llama8b-29k',
    split: 'fit',
    source: 'https://github.com/vllm-project/vllm/issues/10517 (comment by kaspersiminski, 2024-12-02): "29k - BAD"',
    modelId: 'llama-3.1-8b',
    quant: 'BF16',
    engine: 'v0',
    totalGiB: 23.58,
    utilization: 0.9,
    maxModelLen: 29000,
    tensorParallel: 1,
    profileTokens: 29000,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 23648, availableKvGiB: 2.89, maxConcurrency: 0.82, starts: false, weightsGiB: 14.9888 },
    notes: 'V0 engine: "# GPU blocks: 1478", "maximum number of tokens that can be stored in KV cache (23648)": refused to start',
  },
  {
    id: '2x4090-r1-qwen14b-131k',
    split: 'held-out',
    source: 'https://github.com/vllm-project/vllm/issues/13061 (description, 2025-02-11)',
    modelId: 'deepseek-r1-distill-qwen-14b',
    quant: 'BF16',
    engine: 'v0',
    totalGiB: 23.08 / 0.98,
    utilization: 0.98,
    maxModelLen: 131072,
    tensorParallel: 2,
    profileTokens: 2048,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 81536, availableKvGiB: 8.69, maxConcurrency: null, starts: false, weightsGiB: 13.9476 },
    notes: 'TP 2 on two RTX 4090; "maximum number of tokens that can be stored in KV cache (81536)"; the user quotes 23.08 GiB usable per card at 0.98 and the lines of the worker process (VllmWorkerProcess, rank 1): weights 13.9476, non-torch 0.25, activation 0.19, KV 8.69 GiB, which would hold 94,920 tokens at 96 KiB per token per rank (48 layers × 4 KV heads × 128 × 2 × 2 bytes). In V0 only the driver worker (rank 0) runs the sampler warm-up, and the pool is sized from the rank with the least memory left: 81,536 tokens = 7.46 GiB on rank 0 (the 2048 profiled tokens assume V0\'s chunked prefill above 32K)',
  },
  {
    id: 'h100-phi4-gptq-2k',
    split: 'held-out',
    source: 'xinyuwei-david/david-share Deep-Learning/Phi4/readme.md @ 0dec901ada99de7453499a08e035848ab0367b30 ("Inference Result")',
    modelId: 'phi-4-14b',
    quant: 'GPTQ-INT4',
    engine: 'v0',
    totalGiB: 79.25,
    utilization: 0.15,
    maxModelLen: 2048,
    tensorParallel: 1,
    profileTokens: 2048,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 715 * 16, availableKvGiB: null, maxConcurrency: 5.59, starts: true, weightsGiB: 8.5107 },
    notes: 'kaitchup/Phi-4-AutoRound-GPTQ-4bit, V0: "# GPU blocks: 715", "Maximum concurrency for 2048 tokens per request: 5.59x"; weights 8.5107 GB',
  },
  {
    id: 'rtx4060-qwen2.5-7b-4k',
    split: 'held-out',
    source: 'https://github.com/vllm-project/vllm/issues/13882 (description, 2025-02-26)',
    modelId: 'qwen-2.5-7b',
    quant: 'AWQ-INT4',
    engine: 'v0',
    totalGiB: 8,
    utilization: 0.7,
    maxModelLen: 4096,
    tensorParallel: 1,
    profileTokens: 4096,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 0, availableKvGiB: -1.05, maxConcurrency: 0, starts: false, weightsGiB: 5.2032 },
    notes: 'Qwen2.5-7B on an 8 GB RTX 4060 (V0): "total_gpu_memory (8.00GiB) x gpu_memory_utilization (0.70) = 5.60GiB", "model weights take 5.20GiB; non_torch_memory takes 0.03GiB; PyTorch activation peak memory takes 1.42GiB; the rest of the memory reserved for KV Cache is -1.05GiB", "# cuda blocks: 0" (a 4-bit checkpoint: AWQ assumed). The 1.42 GiB peak is the sampler warm-up: 256 × 152,064 logits × 39 bytes = 1.41 GiB',
  },
  {
    id: '80gb-llama70b-w8a8-2k',
    split: 'fit',
    source: 'https://github.com/vllm-project/vllm/pull/12569 (description, 2025-01-30)',
    modelId: 'llama-3.1-70b',
    quant: 'FP8',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.98,
    maxModelLen: 2048,
    tensorParallel: 1,
    profileTokens: 2048,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 1381 * 16, availableKvGiB: null, maxConcurrency: 10.79, starts: true, weightsGiB: 67.7229 },
    notes: 'neuralmagic/Meta-Llama-3.1-70B-Instruct-quantized.w8a8 (INT8 weights: the same bytes as FP8), VLLM_USE_V1=1 of January 2025 (its profile_run computed logits for all max_num_tokens rows with no sampler, and torch.compile ran inside the profiling pass: about 2.5 GiB more than this model counts went outside the pool, not modelled): "# GPU blocks: 1381", "Maximum concurrency for 2048 tokens per request: 10.79x", "Loading model weights took 67.7229 GB". The card is not named: one 80 GB card (the weights fill 67.7 GiB of it at 0.98); its total is taken as the H100\'s logged 79.18 GiB. V1 defaults then: max_num_batched_tokens 2048, max_num_seqs 256',
  },
  {
    id: 'h100-llama3-8b-8k',
    split: 'held-out',
    source: 'https://github.com/vllm-project/vllm/pull/10511 (comment by youkaichao, 2024-12-14: "vllm serve meta-llama/Meta-Llama-3-8B")',
    modelId: 'llama-3.1-8b',
    quant: 'BF16',
    engine: 'v0',
    totalGiB: 79.22,
    utilization: 0.9,
    maxModelLen: 8192,
    tensorParallel: 1,
    profileTokens: 8192,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: null, availableKvGiB: 53.29, maxConcurrency: null, starts: true, weightsGiB: 14.96 },
    notes: 'V0: "total_gpu_memory 79.22GiB", "model weights take 14.96GiB", "non_torch_memory 1.79GiB", "PyTorch activation peak memory 1.26GiB", "available_kv_cache_memory 53.29GiB". Meta-Llama-3-8B has Llama-3.1-8B\'s shape (32 layers, 8 KV heads, FFN 14336, vocab 128256) and max_model_len 8192 (the default here)',
  },
  {
    id: 'h100-gpt-oss-20b-16k',
    split: 'fit',
    source: 'llm-d/llm-d-benchmark config_explorer/empirical-vllm-memory-results.md @ 87ab01bebc78107815ea3bc2eccad3eb168003b0 (row gpt-oss-20b)',
    modelId: 'gpt-oss-20b',
    quant: 'BF16',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.9,
    maxModelLen: 16000,
    tensorParallel: 1,
    profileTokens: 8192,
    maxNumSeqs: 1024,
    blockSize: 128,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: null, availableKvGiB: 50.28, maxConcurrency: null, starts: true, weightsGiB: 13.47 },
    notes: 'vLLM 0.11.0 (V1) on one or two H100 (total 79.18 GiB logged: "Free memory on device 78.57/79.18 GiB"), --block-size 128 --enable-prefix-caching, max_num_batched_tokens 8192 and max_num_seqs 1024 (the server defaults on a card of 70 GiB and more); "Model loading took 13.47 GiB", activation 7.38, non-torch 0.13, CUDA graph 0.39 (after sizing), "Available KV cache memory: 50.28 GiB"; MXFP4 experts, 16-bit rest',
  },
  {
    id: 'h100-gpt-oss-120b-16k',
    split: 'held-out',
    source: 'llm-d/llm-d-benchmark config_explorer/empirical-vllm-memory-results.md @ 87ab01bebc78107815ea3bc2eccad3eb168003b0 (row gpt-oss-120b)',
    modelId: 'gpt-oss-120b',
    quant: 'BF16',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.9,
    maxModelLen: 16000,
    tensorParallel: 1,
    profileTokens: 8192,
    maxNumSeqs: 1024,
    blockSize: 128,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: null, availableKvGiB: 3.33, maxConcurrency: null, starts: true, weightsGiB: 64.38 },
    notes: 'vLLM 0.11.0 (V1) on one or two H100 (total 79.18 GiB logged: "Free memory on device 78.57/79.18 GiB"), --block-size 128 --enable-prefix-caching, max_num_batched_tokens 8192 and max_num_seqs 1024 (the server defaults on a card of 70 GiB and more); weights 64.38, activation 7.38, non-torch 0.13, available 3.33 GiB. The row disagrees with itself: 71.26 − 64.38 − 7.38 − 0.13 = −0.63 GiB, not 3.33 (the weights figure may include load-time buffers freed before profiling), so the "given weights" column fails on it',
  },
  {
    id: '2xh100-llama3.3-70b-fp8-16k',
    split: 'fit',
    source: 'llm-d/llm-d-benchmark config_explorer/empirical-vllm-memory-results.md @ 87ab01bebc78107815ea3bc2eccad3eb168003b0 (row Llama-3.3-70B-FP8, TP 2)',
    modelId: 'llama-3.3-70b',
    quant: 'FP8',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.9,
    maxModelLen: 16000,
    tensorParallel: 2,
    profileTokens: 8192,
    maxNumSeqs: 1024,
    blockSize: 128,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: null, availableKvGiB: 32.0, maxConcurrency: null, starts: true, weightsGiB: 33.88 },
    notes: 'vLLM 0.11.0 (V1) on one or two H100 (total 79.18 GiB logged: "Free memory on device 78.57/79.18 GiB"), --block-size 128 --enable-prefix-caching, max_num_batched_tokens 8192 and max_num_seqs 1024 (the server defaults on a card of 70 GiB and more); RedHatAI/Llama-3.3-70B-Instruct-FP8-dynamic TP 2: weights 33.88 per rank, activation 4.84, non-torch 0.55, available 32.0 GiB',
  },
  {
    id: 'h100-llama3.1-8b-16k',
    split: 'held-out',
    source: 'llm-d/llm-d-benchmark config_explorer/empirical-vllm-memory-results.md @ 87ab01bebc78107815ea3bc2eccad3eb168003b0 (row Llama-3.1-8B)',
    modelId: 'llama-3.1-8b',
    quant: 'BF16',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.9,
    maxModelLen: 16000,
    tensorParallel: 1,
    profileTokens: 8192,
    maxNumSeqs: 1024,
    blockSize: 128,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: null, availableKvGiB: 51.38, maxConcurrency: null, starts: true, weightsGiB: 14.99 },
    notes: 'vLLM 0.11.0 (V1) on one or two H100 (total 79.18 GiB logged: "Free memory on device 78.57/79.18 GiB"), --block-size 128 --enable-prefix-caching, max_num_batched_tokens 8192 and max_num_seqs 1024 (the server defaults on a card of 70 GiB and more); weights 14.99, activation 4.76, non-torch 0.13, available 51.38 GiB',
  },
  {
    id: 'h100-qwen3-32b-16k',
    split: 'fit',
    source: 'llm-d/llm-d-benchmark config_explorer/empirical-vllm-memory-results.md @ 87ab01bebc78107815ea3bc2eccad3eb168003b0 (row Qwen3-32B, TP 1)',
    modelId: 'qwen-3-32b',
    quant: 'BF16',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.9,
    maxModelLen: 16000,
    tensorParallel: 1,
    profileTokens: 8192,
    maxNumSeqs: 1024,
    blockSize: 128,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: null, availableKvGiB: 4.45, maxConcurrency: null, starts: true, weightsGiB: 61.03 },
    notes: 'vLLM 0.11.0 (V1) on one or two H100 (total 79.18 GiB logged: "Free memory on device 78.57/79.18 GiB"), --block-size 128 --enable-prefix-caching, max_num_batched_tokens 8192 and max_num_seqs 1024 (the server defaults on a card of 70 GiB and more); weights 61.03, activation 5.64, non-torch 0.14, available 4.45 GiB',
  },
  {
    id: '2xh100-qwen3-32b-16k',
    split: 'held-out',
    source: 'llm-d/llm-d-benchmark config_explorer/empirical-vllm-memory-results.md @ 87ab01bebc78107815ea3bc2eccad3eb168003b0 (row Qwen3-32B, TP 2)',
    modelId: 'qwen-3-32b',
    quant: 'BF16',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.9,
    maxModelLen: 16000,
    tensorParallel: 2,
    profileTokens: 8192,
    maxNumSeqs: 1024,
    blockSize: 128,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: null, availableKvGiB: 34.49, maxConcurrency: null, starts: true, weightsGiB: 30.59 },
    notes: 'vLLM 0.11.0 (V1) on one or two H100 (total 79.18 GiB logged: "Free memory on device 78.57/79.18 GiB"), --block-size 128 --enable-prefix-caching, max_num_batched_tokens 8192 and max_num_seqs 1024 (the server defaults on a card of 70 GiB and more); weights 30.59 per rank, activation 5.64, non-torch 0.54, available 34.49 GiB',
  },
  {
    id: 'h100-mistral-small-3.2-16k',
    split: 'fit',
    source: 'llm-d/llm-d-benchmark config_explorer/empirical-vllm-memory-results.md @ 87ab01bebc78107815ea3bc2eccad3eb168003b0 (row Mistral-Small-3.2-24B)',
    modelId: 'mistral-small-3.2-24b',
    quant: 'BF16',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.95,
    maxModelLen: 16000,
    tensorParallel: 1,
    profileTokens: 8192,
    maxNumSeqs: 1024,
    blockSize: 128,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: 184832, availableKvGiB: 28.2, maxConcurrency: 11.55, starts: true, weightsGiB: 44.76 },
    notes: 'vLLM 0.11.0 (V1) on one or two H100 (total 79.18 GiB logged: "Free memory on device 78.57/79.18 GiB"), --block-size 128 --enable-prefix-caching, max_num_batched_tokens 8192 and max_num_seqs 1024 (the server defaults on a card of 70 GiB and more); --gpu-memory-utilization 0.95, a vision-language checkpoint (Mistral3ForConditionalGeneration): weights 44.76, activation 2.12, available 28.20 GiB = 184,832 tokens, "Max concurrent @16K" 11.55x',
  },
  {
    id: 'h100-llama3.3-70b-fp8-16k-oom',
    split: 'held-out',
    source: 'llm-d/llm-d-benchmark config_explorer/empirical-vllm-memory-results.md @ 87ab01bebc78107815ea3bc2eccad3eb168003b0 (failed configuration Llama-3.3-70B-FP8, TP 1)',
    modelId: 'llama-3.3-70b',
    quant: 'FP8',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.9,
    maxModelLen: 16000,
    tensorParallel: 1,
    profileTokens: 8192,
    maxNumSeqs: 1024,
    blockSize: 128,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: null, availableKvGiB: -1.44, maxConcurrency: null, starts: false, weightsGiB: 67.72 },
    notes: 'vLLM 0.11.0 (V1) on one or two H100 (total 79.18 GiB logged: "Free memory on device 78.57/79.18 GiB"), --block-size 128 --enable-prefix-caching, max_num_batched_tokens 8192 and max_num_seqs 1024 (the server defaults on a card of 70 GiB and more); weights 67.72 GiB, "Available KV cache memory: -1.44 GiB", "No available memory for the cache blocks"',
  },
  {
    id: 'a100-gpt-oss-20b-131k',
    split: 'fit',
    source: 'https://myoceane.fr/index.php/ai-vllm-a100-gemma-4/ (2026-04-18)',
    modelId: 'gpt-oss-20b',
    quant: 'BF16',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.65,
    maxModelLen: 131072,
    tensorParallel: 1,
    profileTokens: 2048,
    maxNumSeqs: 256,
    cudaGraphsCounted: true,
    logged: { kvCacheTokens: null, availableKvGiB: 36.56, maxConcurrency: null, starts: true, weightsGiB: 13.72 },
    notes: 'vLLM 0.19.0 on an A100 (80 GB: 13.72 + 36.56 GiB at 0.65 needs more than 77 GiB; its total is taken as the H100\'s logged 79.18 GiB), "vllm serve openai/gpt-oss-20b --max-model-len 131072 --gpu-memory-utilization 0.65": "Model loading took 13.72 GiB", "Available KV cache memory: 36.56 GiB"; A100 defaults max_num_batched_tokens 2048, max_num_seqs 256; CUDA graphs counted (0.19)',
  },
  {
    id: 'a100-gemma4-26b-131k',
    split: 'held-out',
    source: 'https://myoceane.fr/index.php/ai-vllm-a100-gemma-4/ (2026-04-18)',
    modelId: 'gemma-4-26b-a4b',
    quant: 'BF16',
    engine: 'v1',
    totalGiB: 79.18,
    utilization: 0.9,
    maxModelLen: 131072,
    tensorParallel: 1,
    profileTokens: 2048,
    maxNumSeqs: 256,
    cudaGraphsCounted: false,
    logged: { kvCacheTokens: null, availableKvGiB: 21.5, maxConcurrency: null, starts: true, weightsGiB: 48.5 },
    notes: 'vLLM 0.19 on the same A100: "vllm serve google/gemma-4-26B-A4B --max-model-len 131072 --enforce-eager --enable-chunked-prefill --gpu-memory-utilization 0.9": "Model loading took 48.5 GiB", "Available KV cache memory: 21.5 GiB"; --enforce-eager: no CUDA graphs',
  },
  {
    // The first recurrent hybrid (Gated DeltaNet). No constant was set from it: the hybrid layout comes from vLLM's
    // source (src/estimate/vllm-memory.ts recurrentLayout) and the memory constants stay as the rows above set them.
    id: '2xh200-qwen3-next-80b-262k',
    split: 'fit',
    source: 'public start-up log, find_string id 7292846353 ("vLLM API server version 0.10.2", "python -m vllm.entrypoints.openai.api_server --model /data/models/Qwen3-Next-80B-A3B-Instruct ... --tensor-parallel-size 2", 2025-10-23)',
    modelId: 'qwen-3-next-80b-a3b',
    quant: 'BF16',
    engine: 'v1',
    totalGiB: 139.81,
    utilization: 0.9,
    maxModelLen: 262144,
    tensorParallel: 2,
    profileTokens: 8192,
    maxNumSeqs: 1024,
    cudaGraphsCounted: false,
    tokensLine: 'per-group',
    logged: { kvCacheTokens: 973760, availableKvGiB: 44.59, maxConcurrency: 14.77, starts: true, weightsGiB: 74.2812 },
    notes: 'vLLM 0.10.2 (V1) on two H200 (fused_moe config device_name=NVIDIA_H200; "Free memory on device (139.21/139.81 GiB)"), TP 2, defaults otherwise (max model len 262144, max_num_batched_tokens 8192, prefix caching disabled for hybrids): "Setting attention block size to 544 tokens", "Padding mamba page size by 1.49%", "Model loading took 74.2812 GiB", "Available KV cache memory: 44.59 GiB", "GPU KV cache size: 973,760 tokens", "Maximum concurrency for 262,144 tokens per request: 14.77x", "num_gpu_blocks is: 7162"; peak activation 5.58 GiB, non-torch 1.38 GiB (its own memory report)',
  },
];

// Found but not usable (no place in the alternation):
// - llm-d-benchmark @ 87ab01be rows Qwen3-0.6B (max-model-len 16000 and 32000: the same 64.45 GiB): not in the catalog.
// - vllm-project/vllm#21348 Qwen3-235B-A22B-FP8 TP 4 on H100 ("Available KV cache memory: 8.11 GiB",
//   "GPU KV cache size: 178,880 tokens"): not in the catalog, and an LMCache connector was loaded.
// - LMCache/LMCache#1739 Qwen3-14B ("Available KV cache memory: 6.51 GiB", "GPU KV cache size: 42,656 tokens",
//   32,768 tokens → 1.30x): GPU and utilization not stated. Its page size checks: 42,656 × 160 KiB = 6.51 GiB.
// - vllm-project/vllm#14452 dual RTX 5090 (58,384 tokens at 60,000): model not stated in the excerpt.
