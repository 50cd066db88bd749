// fit's plans beyond one GPU or one machine (pure): when to plan them, the model's memory on one
// device for llama.cpp and for what vLLM loads, the device's name and link, and the plans of
// src/estimate/scale.ts as the fit document carries them.
import type { FitVerdict } from '../../estimate/fit.js';
import type { KvCacheType, SpeedHardware } from '../../estimate/types.js';
import type { HardwarePlan } from '../../hardware/types.js';
import type { FitDocument } from '../../render/fit-schema.js';
import { ggufReference, type ModelInput } from './model-input.js';

/** --gpus N, --nodes M: the hardware to plan for. */
export interface ScaleFlags {
  gpus?: number | undefined;
  nodes?: number | undefined;
  gpuMemoryUtilization?: number | undefined;
}

const GIB = 2 ** 30;

/**
 * Plans beyond one GPU or one machine (src/estimate/scale.ts): when asked (--gpus N > 1, --nodes M)
 * or when the model does not fit one card of a known kind (detected or --gpu). Needs a GPU budget.
 */
export async function scaleSection(
  options: ScaleFlags,
  input: ModelInput,
  v: FitVerdict,
  plan: HardwarePlan,
  /** The planned card's bandwidth and compute (speedHardwareOf(plan)); null: plans without speeds. */
  device: SpeedHardware | null,
  opts: { contextLength: number; kvType: KvCacheType; flashAttn: boolean; gpuContext: boolean },
  warnings: string[],
): Promise<FitDocument['scale']> {
  const requested = (options.gpus !== undefined && options.gpus > 1) || options.nodes !== undefined;
  const knownKind = plan.origin === 'catalog' || plan.origin === 'detected';
  const budget = plan.budget;
  if (v.mode !== 'gpu' || !budget) {
    if (requested) {
      const asked = options.nodes !== undefined ? `--nodes ${options.nodes}` : `--gpus ${options.gpus}`;
      warnings.push(`${asked}: plans across GPUs or machines need GPU memory to plan for: give --gpu NAME (e.g. 4090) or --vram GiB`);
    }
    return null;
  }
  if (!requested && !(knownKind && v.fits === false)) return null;

  const { estimateMemory } = await import('../../estimate/memory.js');
  const { planScale, planScaleMemoryOnly, vllmFormatFor } = await import('../../estimate/scale.js');
  const { cudaTotalBytes, DEFAULT_GPU_MEMORY_UTILIZATION, vllmKvPool } = await import('../../estimate/vllm-memory.js');
  // One device's share is computed from the model on one device: one compute buffer and context each.
  const one = estimateMemory(
    input.shape,
    input.quant,
    { contextLength: opts.contextLength, kvType: opts.kvType, flashAttn: opts.flashAttn, gpus: 1, gpuContext: opts.gpuContext },
    v.memory.weights,
  );
  // vLLM plans load the catalog's checkpoint (16-bit, or quantized while loading), not the GGUF:
  // their memory is that format's. Its KV cache stays 16-bit (vLLM's default; --kv-quant is llama.cpp's).
  const format = vllmFormatFor(input.quant, input.shape);
  const vllmOne = estimateMemory(input.shape, format.quant, {
    contextLength: opts.contextLength,
    kvType: 'f16',
    flashAttn: opts.flashAttn,
    gpus: 1,
    gpuContext: opts.gpuContext,
  });
  const vllmNotes =
    opts.kvType === 'f16'
      ? format.notes
      : [...format.notes, `the KV cache is counted in 16-bit: --kv-quant ${opts.kvType} is llama.cpp's (vLLM's own option is --kv-cache-dtype fp8)`];
  const indexes = plan.budgetGpuIndexes ?? plan.gpus.map((g) => g.index);
  const card = plan.gpus.find((g) => indexes.includes(g.index)) ?? plan.gpus[0];
  // Unequal detected cards: the plans use the equal share every card can give (vLLM's tensor
  // parallel needs it), on exactly the cards detected, and say so; never copies of the largest.
  const unequal = budget.vramBytesByGpu !== undefined && plan.origin === 'detected';
  const counted = plan.gpus.filter((g) => indexes.includes(g.index));
  const deviceName = unequal
    ? `${(budget.vramBytesPerGpu / GIB).toFixed(1)} GiB share (${counted.map((g) => g.name).join(' + ')})`
    : plan.origin === 'flags' || !card
      ? `${(budget.vramBytesPerGpu / GIB).toFixed(1)} GiB GPU`
      : card.name;
  // SXM boards sit on NVLink baseboards (HGX); other cards talk over PCIe.
  const interconnect = card?.catalogId?.includes('sxm') ? ('nvlink' as const) : ('pcie' as const);
  const base = {
    // Multi-device plans place the recurrent state (hybrid models) with the KV cache.
    memory: { weightsBytes: one.weightsBytes, kvCacheBytes: one.kvCacheBytes + one.recurrentStateBytes, overheadBytes: one.overheadBytes, totalBytes: one.totalBytes },
    weights: v.memory.weights,
    shape: { layers: input.shape.layers, attentionHeads: input.shape.attentionHeads, kvHeads: input.shape.kvHeads, activeParams: input.shape.activeParams },
    quant: input.quant,
    vllm: {
      format: { ...format, notes: vllmNotes },
      memory: { weightsBytes: vllmOne.weightsBytes, kvCacheBytes: vllmOne.kvCacheBytes, overheadBytes: vllmOne.overheadBytes, totalBytes: vllmOne.totalBytes },
      weights: vllmOne.weights,
    },
    contextLength: opts.contextLength,
    deviceBudgetBytes: Math.floor(budget.vramBytesPerGpu),
    deviceName,
    hfRepo: input.hf?.repo ?? null,
    ggufFile: ggufReference(input),
    interconnect,
    vllmStarts: (weightsBytesPerDevice: number, tensorParallel: number) =>
      vllmKvPool({
        shape: input.shape,
        weightsBytesPerDevice,
        totalBytesPerDevice: cudaTotalBytes(card?.vramBytes ?? budget.vramBytesPerGpu),
        gpuMemoryUtilization: options.gpuMemoryUtilization ?? DEFAULT_GPU_MEMORY_UTILIZATION,
        maxModelLen: opts.contextLength,
        kvCacheDtype: 'auto',
        tensorParallel,
        // vLLM's batch defaults depend on the card (A100: smaller), as the single-card plan's do.
        deviceName: card?.name,
      }).starts,
    // --gpus N alone plans one machine of N cards; --nodes M plans M machines (of --gpus N each when given).
    ...(requested ? { gpus: options.gpus, nodes: options.nodes ?? 1 } : unequal ? { gpus: budget.gpus, nodes: 1 } : {}),
  };
  let plans = device ? planScale({ ...base, device }) : planScaleMemoryOnly(base);
  if (unequal && !requested) {
    // llama.cpp's proportional split is the verdict above; these are the equal-share (vLLM) plans.
    const share = `${(budget.vramBytesPerGpu / GIB).toFixed(1)} GiB`;
    plans = plans
      .filter((p) => p.engine === 'vllm')
      .map((p) => ({
        ...p,
        notes: [
          ...p.notes,
          `vLLM tensor parallel gives every card an equal share: planned on ${share} of each card (the smallest); the rest of the larger card${counted.length > 2 ? 's' : ''} stays unused${p.fits ? '' : ', so it does not fit where llama.cpp\'s proportional split might'}`,
        ],
      }));
  }
  return {
    reason: requested ? 'requested' : 'does-not-fit',
    device: deviceName,
    gpusPerNode: requested ? (options.gpus ?? null) : null,
    nodes: requested ? (options.nodes ?? null) : null,
    plans: plans.map((p) => ({
      kind: p.kind,
      engine: p.engine,
      quant: p.quant,
      nodes: p.nodes,
      gpusPerNode: p.gpusPerNode,
      devices: p.devices,
      tensorParallelSize: p.tensorParallelSize,
      pipelineParallelSize: p.pipelineParallelSize,
      perDevice: {
        weightsBytes: p.weightsBytesPerDevice,
        kvCacheBytes: p.kvCacheBytesPerDevice,
        overheadBytes: p.overheadBytesPerDevice,
        totalBytes: p.bytesPerDevice,
        budgetBytes: p.deviceBudgetBytes,
      },
      fits: p.fits,
      decodeTokensPerSecond: p.decodeTokensPerSecond,
      promptTokensPerSecond: p.promptTokensPerSecond,
      explanation: p.explanation,
      commands: p.commands,
      notes: p.notes,
    })),
  };
}
