// One plan's figures (pure): memory per device for a tensor/pipeline split, the decode and prompt
// speed of that split (network hops included), and the plan's one-line explanation.
import { NETWORK_HOP_MS } from './speed-calibration.js';
import { estimateSpeedDetail } from './speed.js';
import type { Inputs, Load, MemoryOnlyScalePlan, ScalePlan, Split } from './scale-types.js';

const GIB = 2 ** 30;
const gib = (b: number): string => `${(b / GIB).toFixed(1)} GiB`;
const tps = (x: number): string => (x >= 100 ? Math.round(x).toString() : x >= 10 ? x.toFixed(0) : x.toFixed(1));

export const ggufLoad = (input: Inputs): Load => ({ quant: input.quant, label: input.quant, memory: input.memory, weights: input.weights });
export const vllmLoad = (input: Inputs): Load => ({
  quant: input.vllm.format.quant,
  label: input.vllm.format.label,
  memory: input.vllm.memory,
  weights: input.vllm.weights,
});

export function perDevice(input: Inputs, load: Load, s: Split): Pick<ScalePlan, 'weightsBytesPerDevice' | 'kvCacheBytesPerDevice' | 'overheadBytesPerDevice' | 'bytesPerDevice'> {
  const weights = load.memory.weightsBytes / s.devices;
  // Tensor parallelism splits KV heads across ranks, but a rank always holds at least one head.
  const kvShare = s.tp > 1 ? Math.min(s.tp, Math.max(1, input.shape.kvHeads)) * s.pp : s.devices;
  const kv = load.memory.kvCacheBytes / kvShare;
  // Each device has its own runtime context and buffers.
  const overhead = load.memory.overheadBytes;
  return {
    weightsBytesPerDevice: Math.ceil(weights),
    kvCacheBytesPerDevice: Math.ceil(kv),
    overheadBytesPerDevice: Math.ceil(overhead),
    bytesPerDevice: Math.ceil(weights + kv + overhead),
  };
}

export interface PlanSpeed {
  decode: number;
  prompt: number;
  decodeMs: number;
  hopMs: number;
}

export function speed(input: Inputs, load: Load, s: { cards: number; mode: 'tensor-parallel' | 'layer-split'; hops: number }): PlanSpeed | null {
  if (input.device === null) return null;
  const d = estimateSpeedDetail(
    {
      hardware: { ...input.device, gpus: s.cards },
      weights: load.weights,
      kvCacheBytes: load.memory.kvCacheBytes,
      contextLength: input.contextLength,
      activeParams: input.shape.activeParams,
      quant: load.quant,
      gpuLayers: input.shape.layers,
      totalLayers: input.shape.layers,
      multiGpu: s.mode,
    },
    { interconnect: input.interconnect },
  );
  // Pipeline stages and RPC servers on other machines run one after another, each adding a network hop.
  const hopMs = s.hops * NETWORK_HOP_MS.value;
  return {
    decode: 1000 / (d.decode.totalMs + hopMs),
    prompt: d.promptTokensPerSecond,
    decodeMs: d.decode.totalMs,
    hopMs,
  };
}

export function plan(
  input: Inputs,
  load: Load,
  base: Omit<ScalePlan, keyof ReturnType<typeof perDevice> | 'quant' | 'fits' | 'deviceBudgetBytes' | 'decodeTokensPerSecond' | 'promptTokensPerSecond' | 'explanation'>,
  sp: PlanSpeed | null,
  what: string,
): MemoryOnlyScalePlan {
  const mem = perDevice(input, load, { tp: base.tensorParallelSize, pp: base.pipelineParallelSize, devices: base.devices });
  const sumFits = mem.bytesPerDevice <= input.deviceBudgetBytes;
  // vLLM reserves only --gpu-memory-utilization of each card and profiles an activation peak first.
  const vllmStops = sumFits && base.engine === 'vllm' && input.vllmStarts !== undefined && !input.vllmStarts(mem.weightsBytesPerDevice, base.tensorParallelSize);
  const fits = sumFits && !vllmStops;
  let speedText = 'speed unknown (no memory bandwidth for this device: name it with --gpu)';
  if (sp) {
    const hop = sp.hopMs > 0 ? ` + ${base.nodes - 1} network hop${base.nodes > 2 ? 's' : ''} × ${NETWORK_HOP_MS.value} ms` : '';
    speedText = `decode ≈ 1000 / (${sp.decodeMs.toFixed(1)} ms${hop}) ≈ ${tps(sp.decode)} tok/s, prompt ≈ ${tps(sp.prompt)} tok/s`;
  }
  const explanation =
    `${what}, ${load.label}: ${gib(mem.bytesPerDevice)} per device (weights ${gib(mem.weightsBytesPerDevice)} + KV ${gib(mem.kvCacheBytesPerDevice)} + overhead ${gib(mem.overheadBytesPerDevice)}) ` +
    `of ${gib(input.deviceBudgetBytes)}${sumFits ? (vllmStops ? ' — vLLM would not start: its --gpu-memory-utilization share leaves no room for the KV cache after the profiled peak' : '') : ' — does not fit'}; ${speedText}`;
  return {
    ...base,
    quant: load.label,
    ...mem,
    deviceBudgetBytes: input.deviceBudgetBytes,
    fits,
    decodeTokensPerSecond: sp ? sp.decode : null,
    promptTokensPerSecond: sp ? sp.prompt : null,
    explanation,
  };
}
