// Serving many users (pure): which engine can run a quantization, the batched decode roofline
// (aggregate and per-user tokens/s at N concurrent sequences), the batch where it saturates, time
// to first token, and llama-server's parallel slots.
//
// The roofline: one decode step of B sequences reads the weights once (shared by the batch) and
// each sequence's own KV cache, and does 2 × active parameters FLOPs per sequence. The step takes
// the longer of the two (memory or compute) plus the fixed per-layer costs:
//   step(B) = max(weightMs + B × kvMs, B × computeMs) + overheadMs
// weightMs, kvMs and overheadMs come from the single-stream model (speed.ts, calibrated on
// llama-bench runs); computeMs per token is the prompt-processing rate's (pp512 is compute-bound),
// an upper bound on what decode reaches at large batch. MoE: more sequences route to more experts,
// so the weights read grow with B towards all experts (1 − (1 − k/E)^B of them).
import { isGgufQuant, type QuantId } from './quants.js';
import type { SpeedDetail } from './speed.js';
import type { ModelShape } from './types.js';

import type { ServingEngine } from './serving-engines.js';

export { SERVING_ENGINES, type ServingEngine } from './serving-engines.js';

/** Sixteen-bit GGUF types are the checkpoint itself, which vLLM/SGLang load as safetensors. */
const SIXTEEN_BIT = new Set(['F16', 'BF16', 'F32']);

/**
 * Why `engine` cannot run `quant`, or null when it can. vLLM and SGLang serve safetensors checkpoints
 * (16-bit, AWQ, GPTQ, FP8, bitsandbytes): GGUF K-, I- and legacy quants are llama.cpp's (vLLM's GGUF
 * path is experimental and single-file only). llama.cpp and Ollama load GGUF only.
 */
export function engineQuantError(engine: ServingEngine, quant: QuantId): string | null {
  const gguf = isGgufQuant(quant);
  if ((engine === 'vllm' || engine === 'sglang') && gguf && !SIXTEEN_BIT.has(quant)) {
    return `--engine ${engine} cannot run the GGUF quantization ${quant} (GGUF quants are llama.cpp's); use --quant awq, gptq, fp8, bnb-nf4 or bf16, or --engine llama.cpp`;
  }
  if ((engine === 'llama.cpp' || engine === 'ollama') && !gguf) {
    return `--engine ${engine} loads GGUF files, not ${quant}; use a GGUF quantization (q4, Q4_K_M, q8, fp16, ...) or --engine vllm`;
  }
  return null;
}

/** The single-stream parts a batched step is built from, in milliseconds. */
export interface StepParts {
  /** Reading the weights once (one sequence's experts for MoE). */
  weightMs: number;
  /** Reading one sequence's KV cache at the full requested context. */
  kvMsAtContext: number;
  /** Fixed per-step costs (per-layer launches, tensor-parallel all-reduces). */
  overheadMs: number;
  /** Matrix math per sequence per step at the calibrated compute rate. */
  computeMsPerToken: number;
  /** MoE: routed experts per token and in all; null for dense models. */
  experts: { active: number; total: number; expertShare: number } | null;
}

/** Step parts from the single-stream speed model at depth 0 and at the full context. */
export function stepPartsFromDetail(atDepth0: SpeedDetail, atContext: SpeedDetail, shape: Pick<ModelShape, 'moe' | 'totalParams' | 'activeParams'>): StepParts {
  const weightMs = atDepth0.decode.gpuMs + atDepth0.decode.ramMs;
  const full = atContext.decode.gpuMs + atContext.decode.ramMs;
  return {
    weightMs,
    kvMsAtContext: Math.max(0, full - weightMs),
    overheadMs: atDepth0.decode.overheadMs + atDepth0.decode.communicationMs,
    computeMsPerToken: atDepth0.prompt.computeMs,
    experts: moeExperts(shape),
  };
}

/** Share of the stored parameters that are routed experts, and k of E (null for dense models). */
export function moeExperts(shape: Pick<ModelShape, 'moe' | 'totalParams' | 'activeParams'>): StepParts['experts'] {
  const m = shape.moe;
  if (!m || m.experts <= 0 || shape.totalParams <= 0) return null;
  // Active = shared + k/E × experts; total = shared + experts → experts = (total − active) ÷ (1 − k/E).
  const f = m.activeExperts / m.experts;
  const expertParams = f < 1 ? (shape.totalParams - shape.activeParams) / (1 - f) : 0;
  return { active: m.activeExperts, total: m.experts, expertShare: Math.min(1, Math.max(0, expertParams / shape.totalParams)) };
}

/** Weight-read time of a step of `b` sequences: MoE batches touch more experts. */
function weightMsAt(p: StepParts, b: number): number {
  const e = p.experts;
  if (!e || b <= 1) return p.weightMs;
  const k = e.active / e.total;
  const touched = 1 - (1 - k) ** b; // fraction of experts hit by at least one sequence
  // weightMs covers the non-expert part plus k of the experts; scale the expert part up to `touched`.
  const activeExpertPart = e.expertShare * k;
  const nonExpert = 1 - e.expertShare;
  const perToken = nonExpert + activeExpertPart;
  return perToken > 0 ? (p.weightMs * (nonExpert + e.expertShare * touched)) / perToken : p.weightMs;
}

export interface BatchedSpeed {
  users: number;
  /** Mean KV depth of a sequence as a fraction of the context (0.5: halfway through, on average). */
  depthFraction: number;
  stepMs: number;
  aggregateDecodeTokensPerSecond: number;
  perUserDecodeTokensPerSecond: number;
  bound: 'memory' | 'compute';
  /** Smallest batch at which compute takes over from memory reads; null when it never does (KV-bound). */
  saturatingBatch: number | null;
}

const MAX_BATCH = 4096;

export function batchedDecode(p: StepParts, users: number, depthFraction = 0.5): BatchedSpeed {
  const b = Math.max(1, Math.round(users));
  const step = (n: number) => {
    const memory = weightMsAt(p, n) + n * p.kvMsAtContext * depthFraction;
    const compute = n * p.computeMsPerToken;
    return { ms: Math.max(memory, compute) + p.overheadMs, bound: compute > memory ? ('compute' as const) : ('memory' as const) };
  };
  const s = step(b);
  let saturatingBatch: number | null = null;
  for (let n = 1; n <= MAX_BATCH; n = n < 64 ? n + 1 : Math.ceil(n * 1.05)) {
    if (step(n).bound === 'compute') {
      saturatingBatch = n;
      break;
    }
  }
  return {
    users: b,
    depthFraction,
    stepMs: s.ms,
    aggregateDecodeTokensPerSecond: (b * 1000) / s.ms,
    perUserDecodeTokensPerSecond: 1000 / s.ms,
    bound: s.bound,
    saturatingBatch,
  };
}

/** Seconds until the first token of a prompt: prefill at the prompt rate plus one decode step. */
export function timeToFirstToken(promptTokens: number, promptTokensPerSecond: number, firstStepMs: number): number {
  if (!(promptTokensPerSecond > 0)) return Number.POSITIVE_INFINITY;
  return promptTokens / promptTokensPerSecond + firstStepMs / 1000;
}

/**
 * llama-server with `-np N` parallel slots: the context `-c` is shared, each slot gets `-c / N`
 * tokens (tools/server/README.md: "-np, --parallel N number of parallel sequences to decode";
 * `--kv-unified` lets slots share one buffer). Serving N users at L tokens each needs -c N × L.
 */
export function llamaServerSlots(users: number, contextLength: number): { slots: number; contextTotal: number; perSlot: number } {
  const slots = Math.max(1, Math.round(users));
  return { slots, contextTotal: slots * contextLength, perSlot: contextLength };
}
