// Experts or layers in RAM (pure): where the weights go on a GPU budget when the model does not fit
// whole (-ngl N, or --n-cpu-moe N for MoE experts), the faster of the two, or the placement named
// with --n-cpu-moe / --cpu-moe; and the llama-server command that runs it.
import { UsageError } from '../../core/errors.js';
import type { FitVerdict, GpuShare } from '../../estimate/fit.js';
import { isGgufQuant } from '../../estimate/quants.js';
import type { KvCacheType, SpeedEstimate, SpeedHardware } from '../../estimate/types.js';
import type { HardwarePlan } from '../../hardware/types.js';
import type { FitDocument } from '../../render/fit-schema.js';
import { ggufReference, type ModelInput } from './model-input.js';

/** --n-cpu-moe N / --cpu-moe: a placement of MoE experts in RAM the user names. */
export interface OffloadFlags {
  nCpuMoe?: number | undefined;
  cpuMoe?: boolean | undefined;
}

const GIB = 2 ** 30;
const gib = (bytes: number) => `${(bytes / GIB).toFixed(2)} GiB`;

/** The `llama-server` command of an offload plan: what loads, -ngl, --n-cpu-moe / --cpu-moe, context, KV type. */
export function llamaServerCommand(
  model: string | null,
  o: { gpuLayers: number | 'all'; cpuMoe?: number | 'all'; ctx: number; kvType: KvCacheType; flashAttn: boolean; mmproj?: boolean },
): string {
  const parts = ['llama-server', model ?? '-m MODEL.gguf', '-ngl', o.gpuLayers === 'all' ? '999' : String(o.gpuLayers)];
  // --vision: -m needs the projector named; -hf REPO:QUANT downloads the repo's mmproj by itself.
  if (o.mmproj && !model?.startsWith('-hf ')) parts.push('--mmproj', 'MMPROJ.gguf');
  if (o.cpuMoe === 'all') parts.push('--cpu-moe');
  else if (o.cpuMoe !== undefined) parts.push('--n-cpu-moe', String(o.cpuMoe));
  // One slot, as the plan counts (llama-server's default is 4 slots: see src/decide/setup.ts).
  parts.push('-c', String(o.ctx), '-np', '1');
  if (o.kvType !== 'f16') parts.push('-ctk', o.kvType, '-ctv', o.kvType);
  if (!o.flashAttn) parts.push('-fa', 'off');
  return parts.join(' ');
}

export interface OffloadChoice {
  doc: FitDocument['offload'];
  /** Per card, when the experts plan is chosen (its split differs from the whole-layer one). */
  split?: GpuShare[];
  speed: SpeedEstimate | null;
  /** Experts in RAM: decode with an empty context (as llama-bench tg128), for the speed line; else absent. */
  decodeAtDepth0?: number | null;
  /** "How it was computed" lines: the plan, both sides' memory, why this strategy. */
  lines: string[];
}

const tps = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(0) : x.toFixed(1));

/**
 * Where the weights go on a GPU budget: the whole model (strategy none), whole layers in RAM
 * (-ngl N, layers) or the experts of the first N layers in RAM (--n-cpu-moe N, experts). A
 * placement named with --n-cpu-moe / --cpu-moe is evaluated as given; otherwise a model that does
 * not fit whole gets the faster of the two offload plans that fit.
 */
export async function offloadChoice(
  options: OffloadFlags,
  input: ModelInput,
  v: FitVerdict,
  plan: HardwarePlan,
  speedHw: SpeedHardware | null,
  layerSpeed: SpeedEstimate | null,
  opts: { contextLength: number; kvType: KvCacheType; flashAttn: boolean },
  warnings: string[],
): Promise<OffloadChoice> {
  const named = options.cpuMoe ? 'all' : options.nCpuMoe;
  if (options.cpuMoe && options.nCpuMoe !== undefined) {
    throw new UsageError('--cpu-moe keeps the experts of every layer in RAM; --n-cpu-moe N of the first N: give one of them, not both');
  }
  const shape = input.shape;
  const { hasRoutedExperts } = await import('../../estimate/expert-offload.js');
  const moe = hasRoutedExperts(shape, v.memory.weights);
  if (named !== undefined && !moe) {
    const flag = named === 'all' ? '--cpu-moe' : '--n-cpu-moe';
    throw new UsageError(`${flag} places MoE expert tensors, and ${input.name} is a dense model with none: drop ${flag} (whole layers go to RAM by themselves when it does not fit)`);
  }
  const budget = plan.budget;
  if (v.mode !== 'gpu' || !v.offload || !budget) {
    if (named !== undefined) warnings.push(`${named === 'all' ? '--cpu-moe' : `--n-cpu-moe ${named}`}: experts in RAM need a GPU budget to plan against (give --gpu NAME or --vram GiB); ignored`);
    return { doc: null, speed: layerSpeed, lines: [] };
  }
  const ref = ggufReference(input);
  const cmdOpts = { ctx: opts.contextLength, kvType: opts.kvType, flashAttn: opts.flashAttn, mmproj: v.memory.visionBytes > 0 };
  const off = v.offload;
  const layersDoc = (strategy: 'none' | 'layers', reason: string): FitDocument['offload'] => ({
    strategy,
    gpuLayers: off.gpuLayers,
    totalLayers: off.totalLayers,
    cpuMoeLayers: 0,
    gpuBytes: off.gpuBytes,
    ramBytes: off.ramBytes,
    ramFits: off.ramFits,
    command: isGgufQuant(input.quant) && (strategy === 'none' || (off.gpuLayers > 0 && off.ramFits !== false)) ? llamaServerCommand(ref, { ...cmdOpts, gpuLayers: strategy === 'none' ? 'all' : off.gpuLayers }) : null,
    reason,
  });
  if (!moe || !isGgufQuant(input.quant)) {
    return { doc: layersDoc(v.fits ? 'none' : 'layers', v.fits ? 'the whole model fits the GPU budget' : moe ? 'experts in RAM are a llama.cpp (GGUF) placement' : 'a dense model has no expert tensors to keep in RAM: whole layers go'), speed: layerSpeed, lines: [] };
  }
  if (named === undefined && v.fits) return { doc: layersDoc('none', 'the whole model fits the GPU budget'), speed: layerSpeed, lines: [] };

  const { expertPlanAt, minimalExpertPlan, estimateExpertOffloadSpeed, expertsInRam } = await import('../../estimate/expert-offload.js');
  const ep = named !== undefined ? expertPlanAt(v.memory, shape, budget, named === 'all' ? shape.layers : named) : minimalExpertPlan(v.memory, shape, budget);
  const runs = ep !== null && ep.gpuFits && ep.ramFits !== false;
  const expertDetail =
    ep && runs && speedHw
      ? estimateExpertOffloadSpeed({ hardware: speedHw, plan: expertsInRam(ep, shape), weights: v.memory.weights, activeParams: shape.activeParams, kvCacheBytes: v.memory.kvCacheBytes, contextLength: opts.contextLength, quant: input.quant })
      : null;
  const expertSpeed: SpeedEstimate | null = expertDetail
    ? { decodeTokensPerSecond: expertDetail.decodeTokensPerSecond, promptTokensPerSecond: expertDetail.promptTokensPerSecond, explanation: expertDetail.explanation }
    : null;
  const lines: string[] = [];
  if (ep) {
    lines.push(
      `experts in RAM: --n-cpu-moe ${ep.cpuMoeLayers} keeps the ffn_*_exps tensors of layers 0-${Math.max(0, ep.cpuMoeLayers - 1)} (${ep.moeLayersInRam} with experts) in RAM: ${gib(ep.ramBytes)}; the GPU holds every layer's attention, router and shared weights, the other experts, the KV cache and the output: ${gib(ep.gpuBytes)} (with ${gib(ep.copyBufferBytes)} of room for one layer's experts copied in for prompt batches)`,
    );
  }
  const layersRun = off.gpuLayers > 0 && off.ramFits !== false;
  let reason: string;
  let useExperts: boolean;
  if (named !== undefined) {
    useExperts = true;
    reason = `the placement named with ${named === 'all' ? '--cpu-moe' : `--n-cpu-moe ${named}`}`;
    if (!ep!.gpuFits) {
      const least = minimalExpertPlan(v.memory, shape, budget);
      warnings.push(
        `${named === 'all' ? '--cpu-moe' : `--n-cpu-moe ${named}`} does not fit the GPU: ${gib(ep!.gpuBytes)} for ${gib(budget.vramBytesPerGpu * budget.gpus)}${least ? `; the smallest N that fits is ${least.cpuMoeLayers}` : '; not even every layer\'s experts in RAM make it fit'}`,
      );
    }
    if (ep!.ramFits === false) warnings.push(`the experts kept in RAM (${gib(ep!.ramBytes)}) do not fit the RAM budget (${gib(budget.ramBytes ?? 0)})`);
  } else if (!ep || !runs) {
    useExperts = false;
    reason = !ep
      ? 'even with every layer\'s experts in RAM the rest does not fit the GPU'
      : `the experts that must stay in RAM (${gib(ep.ramBytes)}) do not fit the RAM budget`;
  } else if (!layersRun) {
    useExperts = true;
    reason = 'whole-layer offload does not run here (no layer fits the GPU, or RAM cannot hold the rest)';
  } else if (expertSpeed && layerSpeed) {
    useExperts = expertSpeed.decodeTokensPerSecond >= layerSpeed.decodeTokensPerSecond;
    const e = `experts in RAM (--n-cpu-moe ${ep.cpuMoeLayers}) ≈ ${tps(expertSpeed.decodeTokensPerSecond)} tok/s`;
    const l = `whole layers in RAM (-ngl ${off.gpuLayers}) ≈ ${tps(layerSpeed.decodeTokensPerSecond)} tok/s`;
    reason = useExperts
      ? `${e} beats ${l}: the CPU reads only the active experts of ${ep.moeLayersInRam} layers, while attention, KV cache and shared weights of every layer stay on the GPU`
      : `${l} beats ${e}: the experts left on the GPU do not make up for the attention of every layer taking GPU room`;
  } else {
    // Without bandwidths the physics still orders them: per token the CPU reads only the active
    // experts of its layers instead of every weight of whole layers.
    useExperts = true;
    reason = 'the CPU reads only active experts while attention and the KV cache of every layer stay on the GPU (no speed to compare without the GPU\'s bandwidth)';
  }
  if (!useExperts || !ep) return { doc: layersDoc('layers', reason), speed: layerSpeed, lines };
  const command = llamaServerCommand(ref, { ...cmdOpts, gpuLayers: 'all', cpuMoe: named === 'all' ? 'all' : ep.cpuMoeLayers });
  return {
    doc: {
      strategy: 'experts',
      gpuLayers: ep.gpuLayers,
      totalLayers: ep.totalLayers,
      cpuMoeLayers: ep.cpuMoeLayers,
      gpuBytes: ep.gpuBytes,
      ramBytes: ep.ramBytes,
      ramFits: ep.ramFits,
      command,
      reason,
    },
    split: ep.split,
    speed: expertSpeed,
    decodeAtDepth0:
      expertDetail && speedHw
        ? estimateExpertOffloadSpeed({ hardware: speedHw, plan: expertsInRam(ep, shape), weights: v.memory.weights, activeParams: shape.activeParams, kvCacheBytes: 0, contextLength: 0, quant: input.quant }).decodeTokensPerSecond
        : null,
    lines,
  };
}
