// "How each number was computed" for fit (pure): the weights, shape, KV cache, recurrent state and
// overhead lines, the GPU split and layer offload, the budget, the speed, and memory held by others.
import type { CalibratedSpeed } from '../../estimate/calibrated-speed.js';
import type { FitVerdict, GpuShare } from '../../estimate/fit.js';
import { GPU_CONTEXT_BYTES } from '../../estimate/overhead.js';
import { isGgufQuant } from '../../estimate/quants.js';
import type { KvCacheType } from '../../estimate/types.js';
import type { HardwarePlan } from '../../hardware/types.js';
import type { FitDocument } from '../../render/fit-schema.js';
import { groupDigits } from '../../util/numbers.js';
import type { FitContext } from './context.js';
import type { ModelInput } from './model-input.js';
import type { OffloadChoice } from './offload.js';

const GIB = 2 ** 30;
const gib = (bytes: number) => `${(bytes / GIB).toFixed(2)} GiB`;

function explanationLines(input: ModelInput, v: FitVerdict, opts: { ctx: number; kvType: KvCacheType; flashAttn: boolean }): string[] {
  const m = v.memory;
  const s = input.shape;
  const lines: string[] = [];
  const types = Object.entries(m.weights.paramsByType)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([t, n]) => {
      const share = (100 * n) / Math.max(1, m.weights.params);
      return `${t} ${share < 1 ? '<1' : share.toFixed(0)}%`;
    })
    .join(', ');
  if (input.source === 'gguf' || (input.source === 'hf' && input.quantSource === 'file')) {
    lines.push(`weights ${gib(m.weightsBytes)}: the sum of the ${m.weights.tensorCount} tensors in the ${input.source === 'hf' ? 'safetensors headers' : 'file header'}, each at its stored type (${types})`);
  } else if (isGgufQuant(input.quant)) {
    lines.push(
      `weights ${gib(m.weightsBytes)}: ${(m.weights.params / 1e9).toFixed(2)} B parameters, each tensor at the type llama.cpp's ${input.quant} mix gives it (${types}) = ${m.weights.bitsPerWeight.toFixed(2)} bits per weight`,
    );
  } else {
    lines.push(`weights ${gib(m.weightsBytes)}: decoder matrices in ${input.quant} (${m.weights.bitsPerWeight.toFixed(2)} bits per weight overall), embeddings, head and norms in 16-bit`);
    lines.push(
      'vLLM reserves --gpu-memory-utilization (0.9) of each card up front and fills what the weights leave with KV cache; the KV cache here is what the requested context needs',
    );
  }
  if (s.origin === 'synthesized') {
    lines.push(
      `shape: synthesized for ${(s.totalParams / 1e9).toFixed(2)} B parameters (${s.layers} layers, hidden ${s.hiddenSize}, ${s.kvHeads} KV heads of ${s.headDim}; scaled from published Llama/Qwen shapes); use --model or --gguf for an exact one`,
    );
  }
  lines.push(`KV cache ${gib(m.kvCacheBytes)}: ${m.kv.explanation}`);
  // A few MiB or less for small hybrids: shown in MiB so it does not read as 0.00 GiB.
  if (m.recurrentStateBytes > 0) lines.push(`recurrent state ${m.recurrentStateBytes < GIB / 10 ? `${(m.recurrentStateBytes / 2 ** 20).toFixed(2)} MiB` : gib(m.recurrentStateBytes)}: ${m.recurrent.explanation}`);
  lines.push(`overhead ${gib(m.overheadBytes)}: ${m.overhead.explanation}`);
  if (m.vision) lines.push(`vision ${gib(m.visionBytes)}: ${m.vision.explanation}`);
  lines.push(`total ${gib(m.totalBytes)}: weights + KV cache${m.recurrentStateBytes > 0 ? ' + recurrent state' : ''} + overhead${m.vision ? ' + vision' : ''} at ${groupDigits(opts.ctx)} tokens`);
  return lines;
}

function verdictLines(v: FitVerdict, offload: FitDocument['offload'], expertSplit?: GpuShare[]): string[] {
  if (v.mode === 'none' || v.fits === null) return [];
  const lines: string[] = [];
  const split = expertSplit ?? v.split;
  if (v.mode === 'gpu' && split && split.length > 1) {
    const unequal = split.some((s) => s.budgetBytes !== split[0]!.budgetBytes);
    const how = unequal
      ? `whole layers per card in proportion to the memory each card has left after its compute buffer, context and (last card) output head: llama-server -ngl ${v.offload?.outputOnGpu === false ? v.offload.gpuLayers : 99} --split-mode layer --tensor-split ${split.map((s) => s.layers).join(',')} (layers per card; without it llama.cpp splits by free memory alone)`
      : 'whole layers per card, llama.cpp --split-mode layer';
    lines.push(`split: ${split.map((s) => `GPU ${s.gpu} ${s.layers} layers ${gib(s.bytes)} of ${gib(s.budgetBytes)}`).join('; ')} (${how}; each card has its own compute buffer and context)`);
  }
  if (v.mode === 'gpu' && v.offload && !v.offload.outputOnGpu && offload?.strategy !== 'experts') {
    lines.push(
      `offload: ${v.offload.gpuLayers} of ${v.offload.totalLayers} layers fit on the GPU${v.split && v.split.length > 1 ? 's' : ''} (-ngl ${v.offload.gpuLayers}); the other layers, their KV cache and the output head stay in RAM: ${gib(v.offload.ramBytes)}`,
    );
  }
  return lines;
}

/** Every explanation line of the document, in order; a model that fits once other processes free their memory also gets a warning. */
export function fitExplanation(
  a: { input: ModelInput; verdict: FitVerdict; ctx: FitContext; choice: OffloadChoice; plan: HardwarePlan; gpuContext: boolean; speed: CalibratedSpeed | null; whenIdle: FitDocument['whenIdle'] },
  warnings: string[],
): string[] {
  const { input, verdict: v, ctx, choice, plan, gpuContext, speed, whenIdle } = a;
  const chosen =
    input.quantSource !== 'fit'
      ? []
      : v.fits === true
        ? [`quantization: ${input.quant}, chosen by fit (--quant not given): the best GGUF type that fits whole at ${groupDigits(ctx.contextLength)} tokens`]
        : [`quantization: ${input.quant}, chosen by fit (--quant not given): no GGUF type fits whole at ${groupDigits(ctx.contextLength)} tokens, so the smallest is sized`];
  const explanation = [...chosen, ...explanationLines(input, v, { ctx: ctx.contextLength, kvType: ctx.kvType, flashAttn: ctx.flashAttn }), ...verdictLines(v, choice.doc, choice.split), ...choice.lines];
  if (v.mode !== 'none') explanation.push(`memory available: ${plan.budgetExplanation}`);
  else explanation.push(`memory available: not known (${plan.budgetExplanation || 'no GPU found'}); give --vram GiB, --gpu NAME or --cpu-only --ram GiB`);
  if (gpuContext && v.mode === 'gpu' && isGgufQuant(input.quant)) {
    explanation.push(
      `llama.cpp keeps the token embedding (${gib(v.memory.weights.tokenEmbeddingBytes)}) in RAM with CUDA; it is counted on the GPU here, so real use is that much lower; the ${(GPU_CONTEXT_BYTES / 2 ** 20).toFixed(0)} MiB CUDA context is an allowance`,
    );
  }
  if (speed) explanation.push(`speed: ${speed.explanation}`);
  if (whenIdle && v.fits !== true) {
    explanation.push(
      whenIdle.fits
        ? `idle card: fits once the ${whenIdle.heldBy} is freed (${gib(whenIdle.budgetBytes ?? 0)} usable on the idle card${plan.budget && plan.budget.gpus > 1 ? 's' : ''}; --budget-from total plans for that)`
        : `idle card: does not fit even when the ${whenIdle.heldBy} is freed`,
    );
    if (whenIdle.fits) warnings.push(`fits once the ${whenIdle.heldBy} is freed`);
  } else if (whenIdle) {
    explanation.push(`in use now: ${whenIdle.heldBy}; the budget above is what is free`);
  }
  return explanation;
}
