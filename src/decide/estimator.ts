// The real EstimatorPort: src/estimate/ (memory, fit and offload in fit.ts, speed
// in speed.ts) behind the interface the decision engine was written against.
// No math here: only the mapping of the estimator's verdicts to placements.
import { estimateExpertOffloadSpeed, expertsInRam, minimalExpertPlan, ramReadsPerToken } from '../estimate/expert-offload.js';
import { checkFit } from '../estimate/fit.js';
import { resolveQuant, type QuantId } from '../estimate/quants.js';
import { shapeFromModel } from '../estimate/shape.js';
import { estimateSpeed } from '../estimate/speed.js';
import type { KvCacheType, MemoryBudget, ModelShape } from '../estimate/types.js';
import type { EstimatorPort, PlacementPlan, RunnableModel } from './port.js';

/**
 * Flash attention on, as llama.cpp's default `-fa auto` turns it on where the
 * backend supports it (ggml-org/llama.cpp tools/server/README.md @
 * 00dc8057ab28c9cb4c79a6dd6dfce07fe779f63b), and Ollama uses it automatically
 * when supported (ollama/ollama docs/faq.mdx, "How can I enable Flash Attention?").
 */
const FLASH_ATTN = true;

export function realEstimator(): EstimatorPort {
  const shapes = new Map<string, ModelShape>();
  const shapeOf = (model: RunnableModel): ModelShape => {
    let s = shapes.get(model.id);
    if (!s) {
      s = shapeFromModel(model);
      shapes.set(model.id, s);
    }
    return s;
  };
  // Ranking names a handful of quants over and over: each is resolved once.
  const quantIds = new Map<string, QuantId>();
  const quantId = (quant: string): QuantId => {
    let id = quantIds.get(quant);
    if (id === undefined) {
      const resolved = resolveQuant(quant);
      if ('error' in resolved) throw new Error(`the estimator does not know quantization ${quant}: ${resolved.error}`);
      id = resolved.id;
      quantIds.set(quant, id);
    }
    return id;
  };
  const placeOnce = (model: RunnableModel, quant: string, contextLength: number, kvCacheType: KvCacheType, budget: MemoryBudget | null): PlacementPlan => {
    const shape = shapeOf(model);
    const v = checkFit({
      shape,
      quant: quantId(quant),
      contextLength,
      kvType: kvCacheType,
      flashAttn: FLASH_ATTN,
      budget,
    });
    const base = {
      memory: {
        weightsBytes: v.memory.weightsBytes,
        kvCacheBytes: v.memory.kvCacheBytes,
        overheadBytes: v.memory.overheadBytes,
        totalBytes: v.memory.totalBytes,
      },
      weights: v.memory.weights,
      totalLayers: shape.layers,
    };
    if (v.mode === 'none' || v.fits === null) return { ...base, placement: 'none', gpuLayers: 0 };
    if (v.mode === 'cpu') return { ...base, placement: v.fits ? 'cpu' : 'none', gpuLayers: 0 };
    if (v.mode === 'unified') return { ...base, placement: v.fits ? 'gpu' : 'none', gpuLayers: v.fits ? shape.layers : 0 };
    if (v.fits) return { ...base, placement: 'gpu', gpuLayers: shape.layers };
    const off = v.offload;
    // MoE: the experts of the first N layers in RAM (--n-cpu-moe N) when RAM is known to hold
    // them, and it reads fewer bytes from RAM per token than whole layers in RAM would.
    const ep = budget ? minimalExpertPlan(v.memory, shape, budget) : null;
    if (ep && ep.gpuFits && ep.ramFits === true) {
      const experts = expertsInRam(ep, shape);
      const layersRun = off !== null && off.gpuLayers > 0 && off.ramFits !== false;
      const reads = ramReadsPerToken(v.memory.weights, v.memory.kvCacheBytes, shape.layers, off?.gpuLayers ?? 0, experts);
      if (!layersRun || reads.experts <= reads.layers) return { ...base, placement: 'offload', gpuLayers: shape.layers, experts };
    }
    if (!off || off.ramFits === false) return { ...base, placement: 'none', gpuLayers: 0 };
    return { ...base, placement: 'offload', gpuLayers: off.gpuLayers };
  };
  // Ranking asks for some placements twice (the ladder's smallest quant, then why a model does not
  // fit): one answer per model, quant, context and cache type, per budget object. Do not mutate it.
  const placed = new WeakMap<MemoryBudget, Map<string, PlacementPlan>>();
  const unbudgeted = new Map<string, PlacementPlan>();
  return {
    place(model: RunnableModel, quant: string, contextLength: number, kvCacheType: KvCacheType, budget: MemoryBudget | null): PlacementPlan {
      let byKey = budget ? placed.get(budget) : unbudgeted;
      if (!byKey) placed.set(budget!, (byKey = new Map()));
      const key = `${model.id}|${quant}|${contextLength}|${kvCacheType}`;
      let plan = byKey.get(key);
      if (!plan) {
        plan = placeOnce(model, quant, contextLength, kvCacheType, budget);
        byKey.set(key, plan);
      }
      return plan;
    },
    speed: (input) => {
      // Without experts in RAM the input goes as it is (estimateSpeed reads no `experts`): no copy per candidate.
      const experts = input.experts;
      if (!experts) return estimateSpeed(input);
      const d = estimateExpertOffloadSpeed({
        hardware: input.hardware,
        plan: experts,
        weights: input.weights,
        activeParams: input.activeParams,
        kvCacheBytes: input.kvCacheBytes,
        contextLength: input.contextLength,
        quant: input.quant,
      });
      return { decodeTokensPerSecond: d.decodeTokensPerSecond, promptTokensPerSecond: d.promptTokensPerSecond, explanation: d.explanation };
    },
    activeParams: (model) => shapeOf(model).activeParams,
    nativeExpertType: (model) => shapeOf(model).nativeExpertType ?? null,
  };
}
