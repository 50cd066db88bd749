// The shapes of multi-GPU and multi-machine plans (pure types): what scale.ts takes (ScaleInput) and
// returns (ScalePlan), and the internal pieces its searches share (a split, one engine's load).
import type { Interconnect } from './speed.js';
import type { MemoryEstimate, ModelShape, SpeedHardware, WeightsEstimate } from './types.js';
import type { VllmFormat } from './vllm-format.js';

export type PlanKind = 'single-gpu' | 'tensor-parallel' | 'pipeline-parallel' | 'layer-split' | 'multi-node-vllm' | 'multi-node-rpc';

/** The vLLM plans' load: its format and the model's memory on one device in that format. */
export interface VllmLoad {
  format: VllmFormat;
  memory: MemoryEstimate;
  weights: WeightsEstimate;
}

export interface ScaleInput {
  /** The model's memory on one device as llama.cpp runs it (the quant below): weights + KV cache + runtime overhead. */
  memory: MemoryEstimate;
  weights: WeightsEstimate;
  shape: Pick<ModelShape, 'layers' | 'attentionHeads' | 'kvHeads' | 'activeParams'>;
  /** Canonical quant id (Q4_K_M, AWQ-INT4, BF16, ...). */
  quant: string;
  /** What vLLM plans load instead (vllmFormatFor(quant) and its memory): vLLM does not run GGUF files. */
  vllm: VllmLoad;
  contextLength: number;
  /** Usable bytes on one device (after the runtime reserve). */
  deviceBudgetBytes: number;
  /** One device of the kind planned (its `gpus` is ignored). */
  device: SpeedHardware;
  /** Shown in explanations, e.g. "RTX 4090". */
  deviceName?: string | undefined;
  /** HF repo for `vllm serve`; a placeholder is used when unknown. */
  hfRepo?: string | null | undefined;
  /** GGUF file (or `-hf REPO:QUANT`, passed as is) for llama-server; a placeholder is used when unknown. */
  ggufFile?: string | null | undefined;
  /** `fit --gpus N`: GPUs per machine to plan for (default: the fewest that fit, up to maxGpusPerNode). */
  gpus?: number | undefined;
  /** `fit --nodes M`: machines to plan for (default: the fewest that fit). */
  nodes?: number | undefined;
  /** Most GPUs one machine holds (default 8). */
  maxGpusPerNode?: number | undefined;
  /** Most machines the search tries (default 16). */
  maxNodes?: number | undefined;
  /** Link between the GPUs of one machine (default PCIe). */
  interconnect?: Interconnect | undefined;
  /**
   * Whether vLLM starts with this many weight bytes per device at this tensor-parallel size (its
   * profiled peak and KV pool at --gpu-memory-utilization, vllm-memory.ts); vLLM plans that do not
   * start do not fit. Absent: the memory sum alone decides.
   */
  vllmStarts?: ((weightsBytesPerDevice: number, tensorParallel: number) => boolean) | undefined;
}

export interface ScalePlan {
  kind: PlanKind;
  engine: 'vllm' | 'llama.cpp';
  /** The format the commands load: the GGUF quant for llama.cpp, vllmFormatFor's for vLLM. */
  quant: string;
  nodes: number;
  gpusPerNode: number;
  devices: number;
  tensorParallelSize: number;
  pipelineParallelSize: number;
  weightsBytesPerDevice: number;
  kvCacheBytesPerDevice: number;
  overheadBytesPerDevice: number;
  bytesPerDevice: number;
  deviceBudgetBytes: number;
  fits: boolean;
  decodeTokensPerSecond: number;
  promptTokensPerSecond: number;
  /** One line: the split, memory per device and how the speed was estimated. */
  explanation: string;
  commands: string[];
  notes: string[];
}

/** A plan for a device whose memory bandwidth is unknown (`fit --vram` without `--gpu`): memory per device, no speed. */
export type MemoryOnlyScalePlan = Omit<ScalePlan, 'decodeTokensPerSecond' | 'promptTokensPerSecond'> & {
  decodeTokensPerSecond: number | null;
  promptTokensPerSecond: number | null;
};

export interface Split {
  tp: number;
  pp: number;
  /** Devices that share the weights and the KV cache. */
  devices: number;
}

/** ScaleInput with the device's speed figures possibly unknown. */
export type Inputs = Omit<ScaleInput, 'device'> & { device: SpeedHardware | null };

/** What one engine loads: the GGUF for llama.cpp, input.vllm for vLLM. */
export interface Load {
  /** For the speed model (its dequantization family). */
  quant: string;
  /** For people and the plan's `quant`. */
  label: string;
  memory: MemoryEstimate;
  weights: WeightsEstimate;
}

/** What the plan searches of scale.ts share: the input, the limits, both engines' loads and the fit test. */
export interface Search {
  input: Inputs;
  maxPerNode: number;
  maxNodes: number;
  heads: number;
  kvHeads: number;
  /** The device as plans name it ("RTX 4090", "GPU"). */
  name: string;
  vllm: Load;
  gguf: Load;
  /** The split's memory per device fits one device's budget. */
  fitsWith: (load: Load, s: Split) => boolean;
  /** --gpus N, --nodes M as whole numbers of at least 1; undefined when not given. */
  explicitGpus: number | undefined;
  explicitNodes: number | undefined;
}
