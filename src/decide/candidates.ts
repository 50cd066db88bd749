// Candidates for one model: (model, quant, engine) triples built from what the
// catalog lists for the model and what the estimator says about its memory.
// Per engine, the best quantization that fits the budget at the context needed.
import { equalShareBudget } from '../estimate/fit.js';
import type { Engine, Quant } from '../catalog/schema.js';
import type { KvCacheType, MemoryBudget, SpeedEstimate } from '../estimate/types.js';
import type { HardwarePlan } from '../hardware/types.js';
import { cardBytes, engineRunsHere, gpuCount, isCpuOnly, hardwareKind } from './hardware-view.js';
import type { EstimatorPort, PlacementPlan, RunnableModel } from './port.js';
import { fetchableGgufQuants, ggufLadder, ggufQuantsOf, type QuantTable } from './quants.js';
import { ggufRepoQuant, ollamaTagFor, type EngineId, vllmUtilization } from './setup.js';
import type { Priority } from './types.js';

export interface Candidate {
  model: RunnableModel;
  quant: Quant;
  engine: EngineId;
  contextLength: number;
  plan: PlacementPlan;
  /** null when the budget is unknown: memory is known, fit is not. */
  fits: boolean | null;
  /** The next better quantization tried and what it would need (for the reason). */
  rejected: { quant: Quant; totalBytes: number } | null;
  speed: SpeedEstimate | null;
}

export interface CandidateEnv {
  estimator: EstimatorPort;
  table: QuantTable;
  engines: readonly Engine[];
  hardware: HardwarePlan;
  budget: MemoryBudget | null;
  priority: Priority;
  kvCacheType: KvCacheType;
  allowOffload: boolean;
  /** Several GPUs or high volume: vLLM's batching is worth its setup. */
  throughputWanted: boolean;
}

/** Catalog engine ids vary in spelling (llama.cpp, llama-cpp); compare letters and digits only. */
function engineKey(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function catalogEngineId(engines: readonly Engine[], id: EngineId): string | null {
  return engines.find((e) => engineKey(e.id) === engineKey(id))?.id ?? null;
}

function runs(env: CandidateEnv, id: EngineId): boolean {
  const catalogId = catalogEngineId(env.engines, id);
  return catalogId !== null && engineRunsHere(env.engines, catalogId, env.hardware);
}

function ggufEngine(model: RunnableModel, quant: Quant, plan: PlacementPlan, env: CandidateEnv): EngineId | null {
  const ollama = runs(env, 'ollama') && ollamaTagFor(model, quant.id, env.table) !== null;
  const llama = runs(env, 'llama.cpp') && ggufRepoQuant(model, quant.id, env.table) !== null;
  // Experts in RAM need llama.cpp's --n-cpu-moe: Ollama places whole layers by its own estimate.
  if (plan.experts) return llama ? 'llama.cpp' : null;
  // A partial offload is planned layer by layer: llama.cpp takes the count (-ngl); Ollama guesses its own.
  if (plan.placement === 'offload') return llama ? 'llama.cpp' : ollama ? 'ollama' : null;
  return ollama ? 'ollama' : llama ? 'llama.cpp' : null;
}

function fullyPlaced(plan: PlacementPlan): boolean {
  return plan.placement === 'gpu' || plan.placement === 'cpu';
}

/** The best GGUF candidate: the first quant of the ladder that fits (or offloads, when allowed). */
export function ggufCandidate(model: RunnableModel, contextLength: number, env: CandidateEnv): Candidate | null {
  const ladder = ggufLadder(fetchableGgufQuants(model, env.table), model.type === 'embedding' ? 'none' : env.priority, env.table);
  if (ladder.length === 0) return null;
  // Plans are computed lazily: the per-tensor estimate is the costly part, and the ladder stops at the first fit.
  const memo: ({ quant: Quant; plan: PlacementPlan } | undefined)[] = [];
  const planAt = (i: number) => {
    const quant = ladder[i];
    if (!quant) return undefined;
    memo[i] ??= { quant, plan: env.estimator.place(model, quant.id, contextLength, env.kvCacheType, env.budget) };
    return memo[i];
  };
  const build = (i: number, fits: boolean | null): Candidate | null => {
    const chosen = planAt(i);
    if (!chosen) return null;
    const engine = ggufEngine(model, chosen.quant, chosen.plan, env);
    if (!engine) return null;
    const prev = i > 0 ? planAt(i - 1) : undefined;
    return {
      model,
      quant: chosen.quant,
      engine,
      contextLength,
      plan: chosen.plan,
      fits,
      rejected: prev ? { quant: prev.quant, totalBytes: prev.plan.memory.totalBytes } : null,
      speed: null,
    };
  };
  if (env.budget === null) return build(0, null);
  // Memory falls as bits per weight fall, so "fits" is monotone along the ladder: a binary
  // search finds the first quant that fits with a handful of estimates instead of all of them.
  const first = (ok: (p: PlacementPlan) => boolean): number => {
    const last = ladder.length - 1;
    if (!ok(planAt(last)!.plan)) return -1;
    let lo = -1;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ok(planAt(mid)!.plan)) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  const full = first(fullyPlaced);
  if (full >= 0) {
    for (let i = full; i < ladder.length; i += 1) {
      const c = build(i, true);
      if (c) return c;
    }
  }
  // MoE experts in RAM (-ngl 999 --n-cpu-moe N) run without --allow-offload: it is how people run
  // these models on one card, attention and KV stay on the GPU, and the CPU reads only the active
  // experts (the estimator offers it only when the RAM is known to hold them). Tried after every
  // whole fit, so a model that fits whole keeps its full-GPU plan. fits stays false (it does not fit
  // the GPU whole); the ranking takes it by its speed (local.ts fitOrder).
  const experts = first((p) => fullyPlaced(p) || p.experts !== undefined);
  if (experts >= 0) {
    for (let i = experts; i < ladder.length; i += 1) {
      if (planAt(i)!.plan.experts === undefined) continue;
      const c = build(i, false);
      if (c) return c;
    }
  }
  if (!env.allowOffload) return null;
  const partial = first((p) => p.placement === 'offload' || fullyPlaced(p));
  if (partial < 0) return null;
  for (let i = partial; i < ladder.length; i += 1) {
    if (planAt(i)!.plan.placement !== 'offload') continue;
    const c = build(i, false);
    if (c) return c;
  }
  return null;
}

/** BF16 when the catalog does not list it: the official weights as published (hf.repo). */
const NATIVE_BF16: Quant = {
  id: 'BF16',
  format: 'safetensors',
  aliases: [],
  bitsPerWeight: 16,
  bitsPerWeightSource: 'bfloat16 is 16 bits per weight by definition',
  quality: 'lossless',
  qualityNote: 'the weights as published',
  qualitySource: 'the model is released in BF16 (config.json torch_dtype)',
  engines: ['vllm'],
  recommended: false,
  description: 'official weights',
};

/**
 * The vLLM candidate, only when throughput matters (several GPUs or high volume):
 * the official weights (BF16) or FP8 quantized at load (when the catalog lists
 * FP8 for vLLM), on NVIDIA or AMD GPUs, only when it fits entirely and the KV cache is f16 (vLLM's KV cache types differ from
 * llama.cpp's). Quality tries BF16 first; the other priorities FP8 first.
 */
export function vllmCandidate(model: RunnableModel, contextLength: number, env: CandidateEnv): Candidate | null {
  if (model.type !== 'local' || env.budget === null || env.kvCacheType !== 'f16' || !env.throughputWanted) return null;
  if (isCpuOnly(env.hardware) || env.hardware.unifiedMemory) return null;
  const kind = hardwareKind(env.hardware);
  if (kind !== 'nvidia' && kind !== 'amd') return null;
  const vllmId = catalogEngineId(env.engines, 'vllm');
  if (vllmId === null || !runs(env, 'vllm')) return null;
  const fp8 = env.table.resolve('FP8');
  const native = env.table.resolve('BF16') ?? NATIVE_BF16;
  // Weights already published quantized (gpt-oss: MXFP4 experts) are served as they are.
  const prequantized = (env.estimator.nativeExpertType?.(model) ?? null) !== null;
  const options = [native, ...(fp8 && fp8.engines.includes(vllmId) && !prequantized ? [fp8] : [])];
  if (env.priority !== 'quality') options.reverse();
  let rejected: Candidate['rejected'] = null;
  // vLLM tensor parallel gives every card an equal share: unequal cards are planned on the smallest's.
  const budget = equalShareBudget(env.budget);
  for (const quant of options) {
    const plan = env.estimator.place(model, quant.id, contextLength, env.kvCacheType, budget);
    const util = vllmUtilization(plan.memory.totalBytes, gpuCount(env.hardware), cardBytes(env.hardware));
    if (plan.placement === 'gpu' && util !== null) {
      return { model, quant, engine: 'vllm', contextLength, plan, fits: true, rejected, speed: null };
    }
    rejected = { quant, totalBytes: plan.memory.totalBytes };
  }
  return null;
}

/** Memory at the smallest acceptable quant, to say why a model does not fit. */
export function smallestNeed(model: RunnableModel, contextLength: number, env: CandidateEnv): { quant: Quant; plan: PlacementPlan } | null {
  const all = ggufQuantsOf(model, env.table);
  const acceptable = ggufLadder(all, 'quality', env.table);
  const pool = acceptable.length > 0 ? acceptable : all;
  const smallest = [...pool].sort((a, b) => a.bitsPerWeight - b.bitsPerWeight)[0];
  if (!smallest) return null;
  return { quant: smallest, plan: env.estimator.place(model, smallest.id, contextLength, env.kvCacheType, env.budget) };
}
