// Plans beyond one GPU or one machine (pure): how many cards of a kind hold the model with
// tensor parallelism (vLLM) or a layer split (llama.cpp), or how many machines with vLLM + Ray
// (tensor parallel inside a node, pipeline parallel across nodes) or llama.cpp's RPC backend;
// each with memory per device, expected speed and the commands. llm-pick never runs them.
// This file holds the entry points and the order of plans; the pieces, one job each:
//   scale-types.ts       ScaleInput, ScalePlan and the search's shared shapes
//   vllm-format.ts       what vLLM loads for a quant (16-bit, FP8 or NF4 while loading, AWQ/GPTQ)
//   tensor-parallel.ts   vLLM's rule for a valid tensor-parallel size
//   scale-per-device.ts  one plan's memory per device, speed and explanation
//   scale-commands.ts    the vllm serve / llama-server / ray / rpc-server lines and vLLM notes
//   scale-one-node.ts    one machine: vLLM tensor (or pipeline) parallel, llama.cpp layer split
//   scale-multi-node.ts  several machines: vLLM + Ray, llama.cpp RPC
import { perDevice, ggufLoad, vllmLoad } from './scale-per-device.js';
import { multiNodePlans } from './scale-multi-node.js';
import { oneNodeLlamaPlans, oneNodeVllmPlans } from './scale-one-node.js';
import type { Inputs, Load, MemoryOnlyScalePlan, ScaleInput, ScalePlan, Search, Split } from './scale-types.js';

export type { MemoryOnlyScalePlan, PlanKind, ScaleInput, ScalePlan, VllmLoad } from './scale-types.js';
export type { VllmFormat } from './vllm-format.js';
export { vllmFormatFor } from './vllm-format.js';
export { validTensorParallel } from './tensor-parallel.js';

/**
 * Plans that hold the model on several GPUs or machines of one kind. Without `gpus`/`nodes` it
 * searches the fewest devices that fit; with them it plans exactly that hardware (fitting or not).
 * Sorted: fitting plans first; within each group, fewer machines, then fewer GPUs, then faster decode
 * (one machine of 8 GPUs is simpler to run than 11 machines of one, whatever the speed).
 */
export function planScale(input: ScaleInput): ScalePlan[] {
  return plansFor(input) as ScalePlan[];
}

/**
 * planScale for a device of unknown bandwidth (`fit --vram` without `--gpu`): the same plans and
 * memory per device, with speeds null.
 */
export function planScaleMemoryOnly(input: Omit<ScaleInput, 'device'>): MemoryOnlyScalePlan[] {
  return plansFor({ ...input, device: null });
}

/** The order of planScale: fitting first, then fewer machines, fewer GPUs, faster decode (unknown last). */
export function comparePlans(a: MemoryOnlyScalePlan, b: MemoryOnlyScalePlan): number {
  return (
    Number(b.fits) - Number(a.fits) ||
    a.nodes - b.nodes ||
    a.devices - b.devices ||
    (b.decodeTokensPerSecond ?? 0) - (a.decodeTokensPerSecond ?? 0)
  );
}

function plansFor(input: Inputs): MemoryOnlyScalePlan[] {
  const explicitNodes = input.nodes !== undefined ? Math.max(1, Math.floor(input.nodes)) : undefined;
  const vllm = vllmLoad(input);
  const search: Search = {
    input,
    maxPerNode: Math.max(1, Math.floor(input.maxGpusPerNode ?? 8)),
    maxNodes: Math.max(1, Math.floor(input.maxNodes ?? 16)),
    heads: input.shape.attentionHeads,
    kvHeads: Math.max(1, input.shape.kvHeads),
    name: input.deviceName ?? 'GPU',
    vllm,
    gguf: ggufLoad(input),
    fitsWith: (load: Load, s: Split) => {
      const mem = perDevice(input, load, s);
      if (mem.bytesPerDevice > input.deviceBudgetBytes) return false;
      // A vLLM split must also start: its utilization share, profiled peak and a KV pool for the context.
      return load !== vllm || input.vllmStarts === undefined || input.vllmStarts(mem.weightsBytesPerDevice, s.tp);
    },
    explicitGpus: input.gpus !== undefined ? Math.max(1, Math.floor(input.gpus)) : undefined,
    explicitNodes,
  };
  const plans: MemoryOnlyScalePlan[] = [];
  if (explicitNodes === undefined || explicitNodes === 1) plans.push(...oneNodeVllmPlans(search), ...oneNodeLlamaPlans(search));
  if (explicitNodes === undefined || explicitNodes > 1) plans.push(...multiNodePlans(search, plans));
  return plans.sort(comparePlans);
}
