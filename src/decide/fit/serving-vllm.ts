// fit's vLLM and SGLang serving plan (pure): the format vLLM loads, the KV pool left after weights and
// activations at --gpu-memory-utilization, concurrency, batched decode and time to first token, and
// the `vllm serve` / `sglang.launch_server` command.
import { batchedDecode, timeToFirstToken } from '../../estimate/serving.js';
import { validTensorParallel } from '../../estimate/tensor-parallel.js';
import { vllmFormatFor } from '../../estimate/vllm-format.js';
import { cudaTotalBytes, DEFAULT_GPU_MEMORY_UTILIZATION, vllmKvBytesPerToken, vllmKvPool, vllmLogLines, type KvCacheDtype } from '../../estimate/vllm-memory.js';
import { estimateWeights } from '../../estimate/weights.js';
import type { FitDocument } from '../../render/fit-schema.js';
import { round, speedParts, type ServingContext, type ServingFlags } from './serving-context.js';

export function vllmServing(flags: ServingFlags, engine: 'vllm' | 'sglang', c: ServingContext, users: number, promptTokens: number, warnings: string[]): FitDocument['serving'] {
  const budget = c.plan.budget!;
  if (budget.gpus <= 0 || budget.unifiedMemory) {
    warnings.push(`--engine ${engine}: plans here need a discrete GPU (give --gpu NAME or --vram GiB)`);
    return null;
  }
  const utilization = flags.gpuMemoryUtilization ?? DEFAULT_GPU_MEMORY_UTILIZATION;
  const dtype: KvCacheDtype = flags.kvCacheDtype ?? 'auto';
  const format = vllmFormatFor(c.quant, c.shape);
  const weights = estimateWeights(c.shape, format.quant);
  const gpus = budget.gpus;
  let tp = gpus;
  if (gpus > 1 && !validTensorParallel(gpus, c.shape.attentionHeads, c.shape.kvHeads)) {
    warnings.push(`--gpus ${gpus}: vLLM needs the attention heads (${c.shape.attentionHeads}) and KV heads (${c.shape.kvHeads}) to divide by the tensor-parallel size; planned on one GPU`);
    tp = 1;
  }
  const card = c.plan.gpus[0];
  const marketed = card?.vramBytes ?? budget.vramBytesPerGpu;
  const total = cudaTotalBytes(marketed);
  // The command below sets --max-num-seqs to the users, so the sampler warm-up profiles that many
  // rows; the batched-token default is vLLM's own for this card.
  const maxNumSeqs = Math.max(users, 1);
  const pool = vllmKvPool({
    maxNumSeqs,
    deviceName: card?.name,
    shape: c.shape,
    weightsBytesPerDevice: weights.totalBytes / tp,
    totalBytesPerDevice: total,
    gpuMemoryUtilization: utilization,
    maxModelLen: c.contextLength,
    kvCacheDtype: dtype,
    tensorParallel: tp,
  });
  if (!pool.starts) {
    warnings.push(
      pool.availableKvBytes <= 0
        ? `${engine} would not start: the weights and activations leave no memory for the KV cache at --gpu-memory-utilization ${utilization}`
        : `${engine} would not start with --max-model-len ${c.contextLength}: the KV pool holds ${pool.kvCacheTokens} tokens; the largest that starts is ${pool.maxModelLen}`,
    );
  }
  if (pool.starts && users > pool.maxConcurrency) {
    warnings.push(`--users ${users}: the KV pool holds ${pool.maxConcurrency.toFixed(2)} requests at ${c.contextLength} tokens; more wait or are preempted when all run to full length`);
  }
  let aggregate: number | null = null;
  let perUser: number | null = null;
  let saturating: number | null = null;
  let ttft: number | null = null;
  if (c.speedHw && pool.starts) {
    const kvAtContext = vllmKvBytesPerToken(c.shape, dtype, 1) * c.contextLength;
    const multi = tp > 1 ? 'tensor-parallel' : 'layer-split';
    const { d0, parts } = speedParts(c, { ...c.speedHw, gpus: tp }, weights, format.quant, kvAtContext, c.shape.layers, multi);
    const b = batchedDecode(parts, users);
    aggregate = round(b.aggregateDecodeTokensPerSecond, 1);
    perUser = round(b.perUserDecodeTokensPerSecond, 1);
    saturating = b.saturatingBatch;
    ttft = round(timeToFirstToken(promptTokens, d0.promptTokensPerSecond, d0.decode.totalMs), 3);
  }
  const repo = format.placeholderSuffix ? `ORG/MODEL${format.placeholderSuffix}` : (c.modelRef.hfRepo ?? 'ORG/MODEL');
  const maxLen = pool.starts ? c.contextLength : pool.maxModelLen;
  // A plan that cannot start at any length gets no command: a `--max-model-len 0` would not run.
  const command = maxLen <= 0 ? null :
    engine === 'vllm'
      ? [
          `vllm serve ${repo}`,
          `--max-model-len ${maxLen}`,
          `--gpu-memory-utilization ${utilization}`,
          `--max-num-seqs ${maxNumSeqs}`,
          ...(tp > 1 ? [`--tensor-parallel-size ${tp}`] : []),
          ...(dtype === 'fp8' ? ['--kv-cache-dtype fp8'] : []),
          ...(format.flag ? [`--quantization ${format.flag}`] : []),
        ].join(' ')
      : [
          `python -m sglang.launch_server --model-path ${repo}`,
          `--context-length ${maxLen}`,
          `--mem-fraction-static ${utilization}`,
          `--max-running-requests ${maxNumSeqs}`,
          ...(tp > 1 ? [`--tp ${tp}`] : []),
          ...(dtype === 'fp8' ? ['--kv-cache-dtype fp8_e4m3'] : []),
          ...(format.flag ? [`--quantization ${format.flag}`] : []),
        ].join(' ');
  return {
    engine,
    users,
    gpuMemoryUtilization: utilization,
    kvCacheDtype: dtype,
    kvCacheBytes: Math.round(pool.kvCacheBytes),
    kvCacheTokens: pool.kvCacheTokens,
    // A hybrid recurrent model's slot also holds its fixed state (0 for plain attention).
    kvCacheBytesPerSlot: pool.kvBytesPerToken * c.contextLength + pool.stateBytesPerSequence,
    maxConcurrency: round(pool.maxConcurrency),
    maxModelLen: pool.maxModelLen,
    starts: pool.starts,
    aggregateDecodeTokensPerSecond: aggregate,
    perUserDecodeTokensPerSecond: perUser,
    saturatingBatch: saturating,
    promptTokens,
    timeToFirstTokenSeconds: ttft,
    tensorParallelSize: tp,
    // SGLang prints its pool as "KV Cache is allocated. #tokens: N" (quoted in vllm-project/vllm#21348).
    logLines: engine === 'vllm' ? vllmLogLines(pool, c.contextLength) : [`KV Cache is allocated. #tokens: ${pool.kvCacheTokens}`],
    command,
    explanation: [
      `${engine === 'sglang' ? 'SGLang sizes its pool like vLLM (--mem-fraction-static); ' : ''}${format.label} weights; KV pool per GPU: ${pool.explanation}`,
      ...format.notes,
      'batched decode: each step reads the weights once for all sequences plus every sequence\'s KV cache (halfway through its context on average), and is bounded by compute at large batch',
    ],
  };
}
