// The fit document (pure): the model, quantization, memory, budget and verdict, placement, speed,
// serving and scale sections put together in the order of src/render/fit-schema.ts.
import { visionDoc } from './vision.js';
import type { CalibratedSpeed } from '../../estimate/calibrated-speed.js';
import type { FitVerdict } from '../../estimate/fit.js';
import { isGgufQuant, type QuantId } from '../../estimate/quants.js';
import type { HardwarePlan } from '../../hardware/types.js';
import type { FitDocument } from '../../render/fit-schema.js';
import type { FitContext } from './context.js';
import type { ModelInput } from './model-input.js';
import type { OffloadChoice } from './offload.js';
import type { FitVerdicts } from './verdict.js';

function quantFormat(q: QuantId): FitDocument['quant']['format'] {
  if (isGgufQuant(q)) return 'gguf';
  if (q === 'AWQ-INT4') return 'awq';
  if (q === 'GPTQ-INT4') return 'gptq';
  if (q === 'FP8') return 'fp8';
  return 'bitsandbytes';
}

function budgetDoc(plan: HardwarePlan, v: FitVerdict): FitDocument['budget'] {
  const b = plan.budget;
  if (!b) return null;
  const mode = v.mode === 'none' ? 'gpu' : v.mode;
  return {
    mode,
    vramBytesPerGpu: Math.round(b.vramBytesPerGpu),
    gpus: b.gpus,
    totalBytes: v.budgetBytes === null ? null : Math.round(v.budgetBytes),
    ramBytes: b.ramBytes === null ? null : Math.round(b.ramBytes),
    unifiedMemory: b.unifiedMemory,
    explanation: plan.budgetExplanation,
  };
}

export interface FitParts {
  input: ModelInput;
  ctx: FitContext;
  plan: HardwarePlan;
  verdicts: FitVerdicts;
  choice: OffloadChoice;
  speed: CalibratedSpeed | null;
  /** Decode at depth 0 (llama-bench tg128); null: the speed's own figure. */
  depth0: number | null;
  serving: FitDocument['serving'];
  scale: FitDocument['scale'];
  explanation: string[];
  warnings: string[];
}

export function fitDocument(parts: FitParts): FitDocument {
  const { input, ctx, plan, choice, speed, depth0, scale, explanation, warnings } = parts;
  const { verdict: v, whenIdle, maxContext, bestQuant } = parts.verdicts;
  const servingDoc = parts.serving;
  const s = input.shape;
  const { contextLength, kvType, flashAttn } = ctx;
  return {
    schemaVersion: 1,
    kind: 'fit',
    model: {
      source: input.source,
      id: input.id,
      typed: input.typed,
      name: input.name,
      path: input.path,
      architecture: input.architecture,
      params: Math.round(s.totalParams),
      activeParams: Math.round(s.activeParams),
      layers: s.layers,
      hiddenSize: s.hiddenSize,
      attentionHeads: s.attentionHeads,
      kvHeads: s.kvHeads,
      headDim: s.headDim,
      vocabSize: s.vocabSize,
      maxContext: s.maxContext,
      moe: s.moe ? { experts: s.moe.experts, activeExperts: s.moe.activeExperts } : null,
      shapeOrigin: s.origin,
    },
    quant: { name: input.quantLabel, format: input.source === 'hf' && input.quantSource === 'file' ? 'safetensors' : quantFormat(input.quant), bitsPerWeight: Number(v.memory.weights.bitsPerWeight.toFixed(4)), source: input.quantSource },
    contextLength,
    kvCacheType: kvType,
    flashAttention: flashAttn,
    memory: {
      weightsBytes: v.memory.weightsBytes,
      kvCacheBytes: v.memory.kvCacheBytes,
      recurrentStateBytes: v.memory.recurrentStateBytes,
      overheadBytes: v.memory.overheadBytes,
      visionBytes: v.memory.visionBytes,
      totalBytes: v.memory.totalBytes,
    },
    vision: visionDoc(v),
    budget: budgetDoc(plan, v),
    fits: v.fits,
    whenIdle,
    headroomBytes: v.headroomBytes === null ? null : Math.round(v.headroomBytes),
    offload: choice.doc,
    gpuSplit: v.mode === 'gpu' && v.split ? (choice.split ?? v.split).map((x) => ({ gpu: x.gpu, layers: x.layers, bytes: x.bytes, budgetBytes: Math.round(x.budgetBytes) })) : null,
    maxContext,
    bestQuant,
    speed: speed ? { ...speed, decodeTokensPerSecondAtDepth0: depth0 ?? speed.decodeTokensPerSecond } : null,
    serving: servingDoc,
    scale,
    explanation,
    warnings,
  };
}
