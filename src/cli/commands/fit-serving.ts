// `fit`'s serving section: the engine's KV pool, concurrency and batched speed for --users N
// (src/estimate/serving.ts, src/estimate/vllm-memory.ts). Kept apart from fit.ts, which only calls it.
import { checkFit, type FitRequest, type FitVerdict } from '../../estimate/fit.js';
import { isGgufQuant, type QuantId } from '../../estimate/quants.js';
import { validTensorParallel, vllmFormatFor } from '../../estimate/scale.js';
import {
  batchedDecode,
  engineQuantError,
  llamaServerSlots,
  stepPartsFromDetail,
  timeToFirstToken,
  type ServingEngine,
} from '../../estimate/serving.js';
import { estimateSpeedDetail } from '../../estimate/speed.js';
import type { ModelShape, SpeedHardware } from '../../estimate/types.js';
import {
  cudaTotalBytes,
  DEFAULT_GPU_MEMORY_UTILIZATION,
  vllmKvBytesPerToken,
  vllmKvPool,
  vllmLogLines,
  type KvCacheDtype,
} from '../../estimate/vllm-memory.js';
import { estimateWeights } from '../../estimate/weights.js';
import type { HardwarePlan } from '../../hardware/types.js';
import type { FitDocument } from '../../render/fit-schema.js';
import { UsageError } from '../../core/errors.js';

export interface ServingFlags {
  engine?: ServingEngine | undefined;
  users?: number | undefined;
  gpuMemoryUtilization?: number | undefined;
  promptTokens?: number | undefined;
  kvCacheDtype?: KvCacheDtype | undefined;
}

/** The engine the plan is for: --engine, else llama.cpp for GGUF quants and vLLM for GPU formats. */
export function servingEngine(flags: ServingFlags, quant: QuantId): ServingEngine {
  const engine = flags.engine ?? (isGgufQuant(quant) ? 'llama.cpp' : 'vllm');
  const error = engineQuantError(engine, quant);
  if (error) throw new UsageError(error);
  if (flags.gpuMemoryUtilization !== undefined && engine !== 'vllm' && engine !== 'sglang') {
    throw new UsageError(`--gpu-memory-utilization is a vLLM/SGLang setting; --engine ${engine} sizes its KV cache from -c (use --ctx and --users)`);
  }
  return engine;
}

/** Prompt length for time to first token: --prompt-tokens, else 1024 (or the context if shorter). */
const DEFAULT_PROMPT_TOKENS = 1024;

export interface ServingContext {
  shape: ModelShape;
  quant: QuantId;
  contextLength: number;
  req: FitRequest;
  verdict: FitVerdict;
  plan: HardwarePlan;
  speedHw: SpeedHardware | null;
  /** The single-context maximum fit found (llama.cpp); null when unknown. */
  maxContext: number | null;
  modelRef: { hfRepo: string | null; gguf: string | null };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Decode at depth 0 (as llama-bench tg128 reports it) for the fit's own speed. */
export function decodeAtDepth0(c: ServingContext, weights = c.verdict.memory.weights, multiGpu: 'layer-split' | 'tensor-parallel' = 'layer-split'): number | null {
  if (!c.speedHw) return null;
  const gpuLayers = c.verdict.mode === 'cpu' ? 0 : c.verdict.mode === 'gpu' ? (c.verdict.offload?.gpuLayers ?? 0) : c.shape.layers;
  const d = estimateSpeedDetail({
    hardware: c.speedHw,
    weights,
    kvCacheBytes: 0,
    contextLength: 0,
    activeParams: c.shape.activeParams,
    quant: c.quant,
    gpuLayers,
    totalLayers: c.shape.layers,
    multiGpu,
  });
  return d.decodeTokensPerSecond;
}

function speedParts(c: ServingContext, hw: SpeedHardware, weights: FitVerdict['memory']['weights'], quant: string, kvAtContext: number, gpuLayers: number, multiGpu: 'layer-split' | 'tensor-parallel') {
  const base = { hardware: hw, weights, activeParams: c.shape.activeParams, quant, gpuLayers, totalLayers: c.shape.layers, multiGpu };
  const d0 = estimateSpeedDetail({ ...base, kvCacheBytes: 0, contextLength: 0 });
  const dc = estimateSpeedDetail({ ...base, kvCacheBytes: kvAtContext, contextLength: c.contextLength });
  return { d0, dc, parts: stepPartsFromDetail(d0, dc, c.shape) };
}

export function servingSection(flags: ServingFlags, engine: ServingEngine, c: ServingContext, warnings: string[]): FitDocument['serving'] {
  const users = flags.users ?? 1;
  const promptTokens = flags.promptTokens ?? Math.min(DEFAULT_PROMPT_TOKENS, c.contextLength);
  const budget = c.plan.budget;
  if (!budget) return null;
  if (engine === 'vllm' || engine === 'sglang') return vllmServing(flags, engine, c, users, promptTokens, warnings);
  return llamaServing(engine, c, users, promptTokens, warnings);
}

function llamaServing(engine: 'llama.cpp' | 'ollama', c: ServingContext, users: number, promptTokens: number, warnings: string[]): FitDocument['serving'] {
  const slots = llamaServerSlots(users, c.contextLength);
  const shared = checkFit({ ...c.req, weights: c.verdict.memory.weights, contextLength: slots.contextTotal });
  const fitsSlots = (k: number) => checkFit({ ...c.req, weights: c.verdict.memory.weights, contextLength: k * c.contextLength }).fits === true;
  // The most slots of contextLength that fit whole (bisection: memory grows with slots).
  let maxSlots = 0;
  if (fitsSlots(1)) {
    let lo = 1;
    let hi = 2;
    while (hi <= 4096 && fitsSlots(hi)) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fitsSlots(mid)) lo = mid;
      else hi = mid;
    }
    maxSlots = lo;
  }
  // One user on a model that only runs with layers or experts in RAM: the offload plan already says so.
  if (shared.fits === false && (users > 1 || maxSlots > 0)) {
    warnings.push(`--users ${users}: ${users} slots of ${c.contextLength} tokens (-c ${slots.contextTotal}) do not fit whole; ${maxSlots} do`);
  }
  let aggregate: number | null = null;
  let perUser: number | null = null;
  let saturating: number | null = null;
  let ttft: number | null = null;
  if (c.speedHw && shared.fits !== null) {
    const gpuLayers = shared.mode === 'cpu' ? 0 : shared.mode === 'gpu' ? (shared.offload?.gpuLayers ?? 0) : c.shape.layers;
    const { d0, parts } = speedParts(c, c.speedHw, shared.memory.weights, c.quant, c.verdict.memory.kvCacheBytes, gpuLayers, 'layer-split');
    const b = batchedDecode(parts, users);
    aggregate = round(b.aggregateDecodeTokensPerSecond, 1);
    perUser = round(b.perUserDecodeTokensPerSecond, 1);
    saturating = b.saturatingBatch;
    ttft = round(timeToFirstToken(promptTokens, d0.promptTokensPerSecond, d0.decode.totalMs), 3);
  }
  const file = c.modelRef.gguf ?? 'MODEL.gguf';
  const command =
    engine === 'ollama'
      ? `OLLAMA_NUM_PARALLEL=${slots.slots} OLLAMA_CONTEXT_LENGTH=${c.contextLength} ollama serve`
      : `llama-server ${file.startsWith('-hf ') ? file : `-m ${file}${c.verdict.memory.visionBytes > 0 ? ' --mmproj MMPROJ.gguf' : ''}`} -c ${slots.contextTotal} -np ${slots.slots}${slots.slots > 1 ? ' --kv-unified' : ''} -ngl 99`;
  return {
    engine,
    users,
    gpuMemoryUtilization: null,
    kvCacheDtype: c.req.kvType,
    kvCacheBytes: shared.memory.kvCacheBytes,
    kvCacheTokens: shared.memory.kv.cells,
    kvCacheBytesPerSlot: Math.round(shared.memory.kvCacheBytes / slots.slots),
    maxConcurrency: maxSlots,
    maxModelLen: c.maxContext === null ? null : Math.floor(c.maxContext / users),
    starts: shared.fits,
    aggregateDecodeTokensPerSecond: aggregate,
    perUserDecodeTokensPerSecond: perUser,
    saturatingBatch: saturating,
    promptTokens,
    timeToFirstTokenSeconds: ttft,
    tensorParallelSize: 1,
    logLines: [],
    command,
    explanation: [
      `${engine === 'ollama' ? 'Ollama (llama.cpp)' : 'llama-server'}: ${slots.slots} slot${slots.slots > 1 ? 's' : ''} of ${c.contextLength} tokens share one KV cache of -c ${slots.contextTotal} tokens (--kv-unified); each slot holds ${((shared.memory.kvCacheBytes / slots.slots) / 2 ** 30).toFixed(2)} GiB; ${maxSlots} slot${maxSlots === 1 ? '' : 's'} of ${c.contextLength} tokens fit whole`,
      'batched decode: each step reads the weights once for all slots plus every slot\'s KV cache (halfway through its context on average), and is bounded by compute at large batch',
    ],
  };
}

function vllmServing(flags: ServingFlags, engine: 'vllm' | 'sglang', c: ServingContext, users: number, promptTokens: number, warnings: string[]): FitDocument['serving'] {
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
  const pool = vllmKvPool({
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
  const command =
    engine === 'vllm'
      ? [
          `vllm serve ${repo}`,
          `--max-model-len ${maxLen}`,
          `--gpu-memory-utilization ${utilization}`,
          `--max-num-seqs ${Math.max(users, 1)}`,
          ...(tp > 1 ? [`--tensor-parallel-size ${tp}`] : []),
          ...(dtype === 'fp8' ? ['--kv-cache-dtype fp8'] : []),
          ...(format.flag ? [`--quantization ${format.flag}`] : []),
        ].join(' ')
      : [
          `python -m sglang.launch_server --model-path ${repo}`,
          `--context-length ${maxLen}`,
          `--mem-fraction-static ${utilization}`,
          `--max-running-requests ${Math.max(users, 1)}`,
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
    kvCacheBytesPerSlot: pool.kvBytesPerToken * c.contextLength,
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
