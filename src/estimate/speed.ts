// Tokens per second from the physics of the hardware (pure; no I/O).
// Decode reads every weight used for a token (and the KV cache) once per token: it is bound by
// memory bandwidth, plus a fixed cost per layer. Prompt processing multiplies each weight by
// hundreds of tokens at once: it is bound by FP16 throughput. Constants: speed-calibration.ts.
import {
  ALLREDUCE_MS,
  BACKEND_CALIBRATION,
  FA_OFF_SCORE_BYTES,
  FALLBACK_TFLOPS_PER_GBPS,
  LAYER_OVERHEAD_CLOCK,
  METAL_TWO_DIE,
  METAL_TWO_DIE_MIN_GBPS,
  MOE_PROMPT_EFFICIENCY,
  PCIE_GBPS,
  PROMPT_UBATCH_TOKENS,
  QUANT_FAMILY_FACTOR,
  type Backend,
  type BackendCalibration,
  type DecodeCalibration,
  type QuantFamily,
} from './speed-calibration.js';
import type { SpeedEstimate, SpeedInput, WeightsEstimate } from './types.js';
import { groupDigits } from '../util/numbers.js';

export type Interconnect = 'pcie' | 'nvlink';

export interface SpeedOptions {
  /** Link between tensor-parallel GPUs; PCIe (the slower, common case) when unknown. */
  interconnect?: Interconnect | undefined;
  /** Replaces calibration constants (used by the calibration fit in bench/speed.ts; not by the CLI). */
  calibration?: CalibrationOverride | undefined;
}

export interface CalibrationOverride {
  backends?: Partial<Record<Backend, BackendCalibration>>;
  families?: Partial<Record<QuantFamily, number>>;
  fallbackTflopsPerGBps?: Partial<Record<Backend, number>>;
  moePromptEfficiency?: Partial<Record<Backend, number>>;
  faOffScoreBytes?: number;
  metalTwoDie?: Omit<DecodeCalibration, 'source'>;
}

/** The backend's constants for this hardware: two-die Apple chips decode with their own efficiency and per-layer cost. */
export function calibrationFor(hw: { backend: Backend; memoryBandwidthGBps: number }, over?: CalibrationOverride): BackendCalibration {
  const backendCal = over?.backends?.[hw.backend] ?? BACKEND_CALIBRATION[hw.backend];
  if (!isTwoDieApple(hw)) return backendCal;
  const die = over?.metalTwoDie ?? METAL_TWO_DIE;
  return { ...backendCal, decodeEfficiency: die.decodeEfficiency, layerOverheadMs: die.layerOverheadMs };
}

/** An Apple two-die (Ultra) GPU: Metal at 800 GB/s or more. */
export function isTwoDieApple(hw: { backend: Backend; memoryBandwidthGBps: number }): boolean {
  return hw.backend === 'metal' && hw.memoryBandwidthGBps >= METAL_TWO_DIE_MIN_GBPS.value;
}

/**
 * Factor on the per-layer decode cost for the GPU's clock: the small kernels of a layer run in GPU
 * cycles (LAYER_OVERHEAD_CLOCK). 1 when the clock is unknown or the backend keeps its own constants.
 */
export function layerClockScale(hw: { backend: Backend; gpuClockMHz?: number | undefined }): number {
  if (!LAYER_OVERHEAD_CLOCK.backends.includes(hw.backend) || !positive(hw.gpuClockMHz)) return 1;
  return LAYER_OVERHEAD_CLOCK.referenceMHz.value / hw.gpuClockMHz;
}

export interface DecodeBreakdown {
  /** Bytes read per token from GPU memory (all cards together) and from system RAM. */
  gpuBytes: number;
  ramBytes: number;
  /** Of which KV cache (the rest is weights). */
  kvBytes: number;
  /** Milliseconds per token: GPU reads, RAM reads, per-layer overhead, tensor-parallel all-reduces. */
  gpuMs: number;
  ramMs: number;
  overheadMs: number;
  communicationMs: number;
  totalMs: number;
}

export interface PromptBreakdown {
  /** FP16 TFLOPS used (per card) and whether it is the card's figure or estimated from bandwidth. */
  tflops: number;
  tflopsFrom: 'spec' | 'bandwidth';
  /** Milliseconds per prompt token: matrix math, weight reads per micro-batch, host→GPU copies, score matrix without flash attention. */
  computeMs: number;
  weightReadMs: number;
  transferMs: number;
  attentionMs: number;
  totalMs: number;
}

export interface SpeedDetail extends SpeedEstimate {
  family: QuantFamily;
  gpuLayers: number;
  totalLayers: number;
  decode: DecodeBreakdown;
  prompt: PromptBreakdown;
}

/** Which dequantization family a quant id belongs to (GGUF names and the GPU-engine formats). */
export function quantFamily(quant: string): QuantFamily {
  const q = quant.trim().toUpperCase();
  if (q.startsWith('IQ')) return 'iq';
  if (q.startsWith('MXFP4')) return 'mxfp4';
  if (/^Q\d_K/.test(q)) return 'k';
  if (['F16', 'BF16', 'F32', 'FP16', 'FP32'].includes(q)) return 'float';
  if (q === 'FP8' || q === 'BNB-INT8') return 'gpu-8bit';
  if (q.startsWith('AWQ') || q.startsWith('GPTQ') || q === 'BNB-NF4') return 'gpu-int4';
  return 'legacy';
}

/** Bytes read per token by one repeating layer, and by what sits outside the layers (the output head). */
/** A mixture of experts reads fewer bytes per token than its repeating layers store. */
export function isMixtureOfExperts(weights: WeightsEstimate, layers: number): boolean {
  return Math.max(0, weights.bytesReadPerToken) < Math.max(0, weights.perLayerBytes) * layers * 0.9;
}

export function splitReads(weights: WeightsEstimate, layers: number): { perLayer: number; nonLayer: number } {
  const read = Math.max(0, weights.bytesReadPerToken);
  const layerStored = Math.max(0, weights.perLayerBytes) * layers;
  const nonLayerStored = Math.max(0, weights.nonLayerBytes);
  // Dense: every layer is read whole; what is left is the output head (the embedding is a lookup).
  if (read >= layerStored) return { perLayer: layerStored / layers, nonLayer: read - layerStored };
  // MoE: only the routed experts are read; spread the reads in proportion to what is stored.
  const stored = layerStored + nonLayerStored;
  if (stored <= 0) return { perLayer: read / layers, nonLayer: 0 };
  return { perLayer: (read * layerStored) / stored / layers, nonLayer: (read * nonLayerStored) / stored };
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const positive = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** What explain() words beside the input and the detail. */
interface ExplainFacts {
  backend: Backend;
  efficiency: number;
  kvEfficiency: number;
  cpuEfficiency: number;
  ramGBps: number;
  cards: number;
  tensorParallel: boolean;
  promptEfficiency: number;
  layerOverheadMs: number;
  noGraphs: boolean;
  clockMHz?: number | undefined;
}

export function estimateSpeedDetail(input: SpeedInput, options: SpeedOptions = {}): SpeedDetail {
  const { detail, facts } = speedDetail(input, options);
  detail.explanation = explain(input, detail, facts);
  return detail;
}

/** The detail with its explanation left empty, and what explain() needs to word it. */
function speedDetail(input: SpeedInput, options: SpeedOptions): { detail: SpeedDetail; facts: ExplainFacts } {
  const hw = input.hardware;
  // Without a GPU bandwidth there is no GPU to speak of: everything runs from RAM.
  const cpuOnly = hw.backend === 'cpu' || !positive(hw.memoryBandwidthGBps);
  const over = options.calibration;
  const cal = calibrationFor(hw, over);
  const cpuCal = over?.backends?.cpu ?? BACKEND_CALIBRATION.cpu;
  const family = quantFamily(input.quant);
  const familyFactor = over?.families?.[family] ?? QUANT_FAMILY_FACTOR[family].factor;
  const layers = Math.max(1, Math.round(input.totalLayers));
  const gpuLayers = cpuOnly ? 0 : clamp(Math.round(input.gpuLayers), 0, layers);
  const ramLayers = layers - gpuLayers;
  const cards = Math.max(1, Math.round(hw.gpus));
  const tensorParallel = input.multiGpu === 'tensor-parallel' && cards > 1 && gpuLayers > 0;
  const ramGBps = positive(hw.ramBandwidthGBps) ? hw.ramBandwidthGBps : hw.memoryBandwidthGBps;

  // --- decode: bytes ÷ effective bandwidth, per memory, plus per-layer costs ---
  const { perLayer, nonLayer } = splitReads(input.weights, layers);
  const kvPerLayer = Math.max(0, input.kvCacheBytes) / layers;
  const outputOnGpu = gpuLayers === layers; // llama.cpp offloads the output layer only with every layer
  const gpuWeights = gpuLayers * perLayer + (outputOnGpu ? nonLayer : 0);
  const ramWeights = ramLayers * perLayer + (outputOnGpu ? 0 : nonLayer);
  const gpuKv = gpuLayers * kvPerLayer;
  const ramKv = ramLayers * kvPerLayer;
  const gpuBytes = gpuWeights + gpuKv;
  const ramBytes = ramWeights + ramKv;
  // Layer split runs the cards one after another, so their bandwidths do not add; tensor parallelism reads in parallel.
  const gpuRate = hw.memoryBandwidthGBps * 1e9 * cal.decodeEfficiency * (tensorParallel ? cards : 1);
  const ramRate = ramGBps * 1e9 * cpuCal.decodeEfficiency;
  // The family factor prices dequantizing weights; the KV cache (f16/q8_0) is read at the plain rate.
  const gpuMs = gpuBytes > 0 ? ((gpuWeights / familyFactor + gpuKv) / gpuRate) * 1000 : 0;
  const ramMs = ramBytes > 0 ? ((ramWeights / familyFactor + ramKv) / ramRate) * 1000 : 0;
  // Without CUDA graphs every kernel of a layer pays its own launch from the host (ggml-org/llama.cpp#6766).
  const noGraphs = hw.backend === 'cuda' && hw.cudaGraphs === false && cal.layerOverheadNoGraphsMs !== undefined;
  const clockScale = layerClockScale(hw);
  const layerOverheadMs = (noGraphs ? (cal.layerOverheadNoGraphsMs as number) : cal.layerOverheadMs) * clockScale;
  const overheadMs = gpuLayers * layerOverheadMs + ramLayers * cpuCal.layerOverheadMs;
  const allreduce = ALLREDUCE_MS[options.interconnect ?? 'pcie'].value;
  // Megatron-style tensor parallelism all-reduces twice per layer (after attention and after the MLP).
  const communicationMs = tensorParallel ? gpuLayers * 2 * allreduce : 0;
  const decodeMs = gpuMs + ramMs + overheadMs + communicationMs;

  // --- prompt: 2 FLOPs per active parameter per token at a calibrated share of FP16 throughput ---
  const promptCal = cpuOnly ? cpuCal : cal;
  const computeBackend: Backend = cpuOnly ? 'cpu' : hw.backend;
  const bandwidthForFallback = cpuOnly ? ramGBps : hw.memoryBandwidthGBps;
  const tflopsFrom: PromptBreakdown['tflopsFrom'] = !cpuOnly && positive(hw.fp16Tflops) ? 'spec' : 'bandwidth';
  const tflops =
    tflopsFrom === 'spec'
      ? (hw.fp16Tflops as number)
      : (over?.fallbackTflopsPerGBps?.[computeBackend] ?? FALLBACK_TFLOPS_PER_GBPS[computeBackend].value) * bandwidthForFallback;
  const computeDevices = tensorParallel ? cards : 1;
  const moe = isMixtureOfExperts(input.weights, layers);
  const moeFactor = moe ? (over?.moePromptEfficiency?.[computeBackend] ?? MOE_PROMPT_EFFICIENCY[computeBackend].value) : 1;
  const computeMs =
    ((2 * Math.max(0, input.activeParams)) / (promptCal.promptEfficiency * moeFactor * tflops * 1e12 * computeDevices)) * 1000;
  const ubatch = PROMPT_UBATCH_TOKENS.value;
  // The weights are read once per micro-batch (all experts get hit by hundreds of tokens).
  const storedGpu = input.weights.totalBytes * (cpuOnly ? 0 : gpuLayers / layers);
  const storedRam = input.weights.totalBytes - storedGpu;
  const weightReadMs =
    ((storedGpu > 0 ? storedGpu / familyFactor / gpuRate : 0) + (cpuOnly && storedRam > 0 ? storedRam / familyFactor / ramRate : 0)) *
    (1000 / ubatch);
  // A discrete GPU copies CPU-resident weights over PCIe for every large batch (unified memory does not).
  const copies = !cpuOnly && ramLayers > 0 && hw.backend !== 'metal';
  const transferMs = copies ? (storedRam / (PCIE_GBPS.value * 1e9)) * (1000 / ubatch) : 0;
  // Without flash attention every GPU layer writes and re-reads a score per head and KV position.
  const heads = positive(input.attentionHeads) ? input.attentionHeads : 0;
  const scoreBytes = over?.faOffScoreBytes ?? FA_OFF_SCORE_BYTES.value;
  const attentionMs =
    !cpuOnly && input.flashAttention === false && heads > 0 && gpuLayers > 0
      ? ((gpuLayers * heads * Math.max(0, input.contextLength) * scoreBytes) / gpuRate) * 1000
      : 0;
  const promptMs = computeMs + weightReadMs + transferMs + attentionMs;

  const decodeTokensPerSecond = 1000 / decodeMs;
  const promptTokensPerSecond = 1000 / promptMs;
  const detail: SpeedDetail = {
    decodeTokensPerSecond,
    promptTokensPerSecond,
    explanation: '',
    family,
    gpuLayers,
    totalLayers: layers,
    decode: { gpuBytes, ramBytes, kvBytes: gpuKv + ramKv, gpuMs, ramMs, overheadMs, communicationMs, totalMs: decodeMs },
    prompt: { tflops, tflopsFrom, computeMs, weightReadMs, transferMs, attentionMs, totalMs: promptMs },
  };
  const facts: ExplainFacts = {
    backend: computeBackend,
    efficiency: cal.decodeEfficiency * familyFactor,
    kvEfficiency: cal.decodeEfficiency,
    cpuEfficiency: cpuCal.decodeEfficiency * familyFactor,
    ramGBps,
    cards,
    tensorParallel,
    promptEfficiency: promptCal.promptEfficiency * moeFactor,
    layerOverheadMs,
    noGraphs,
    clockMHz: clockScale !== 1 ? hw.gpuClockMHz : undefined,
  };
  return { detail, facts };
}

/**
 * Decode and prompt tokens per second with a one-line explanation. Pure and fast. The explanation
 * is worded when first read (ranking estimates ~90 candidates and shows a few): the same text as
 * estimateSpeedDetail's, from the same input (do not mutate the input afterwards).
 */
export function estimateSpeed(input: SpeedInput, options: SpeedOptions = {}): SpeedEstimate {
  const { detail, facts } = speedDetail(input, options);
  let explanation: string | undefined;
  return {
    decodeTokensPerSecond: detail.decodeTokensPerSecond,
    promptTokensPerSecond: detail.promptTokensPerSecond,
    get explanation() {
      return (explanation ??= explain(input, detail, facts));
    },
  };
}

const BACKEND_LABEL: Record<Backend, string> = {
  cuda: 'CUDA',
  rocm: 'ROCm',
  metal: 'Metal',
  vulkan: 'Vulkan',
  sycl: 'SYCL',
  cpu: 'CPU',
};

const FAMILY_LABEL: Record<QuantFamily, string> = {
  legacy: 'legacy quant',
  k: 'k-quant',
  iq: 'i-quant',
  float: '16-bit',
  mxfp4: 'MXFP4',
  'gpu-int4': '4-bit GPU format',
  'gpu-8bit': '8-bit GPU format',
};

const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(bytes >= 1e10 ? 0 : bytes >= 1e9 ? 1 : 2)} GB`;
const ms = (x: number): string => `${x >= 10 ? x.toFixed(0) : x.toFixed(1)} ms`;
/** tok/s with sensible precision; exported for renderers. */
export function formatTokensPerSecond(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return `${x >= 100 ? groupDigits(x) : x >= 10 ? x.toFixed(0) : x.toFixed(1)} tok/s`;
}

function explain(
  input: SpeedInput,
  d: SpeedDetail,
  k: ExplainFacts,
): string {
  const hw = input.hardware;
  const where = `${BACKEND_LABEL[k.backend]}, ${FAMILY_LABEL[d.family]}`;
  const bw = k.tensorParallel ? `${k.cards} × ${hw.memoryBandwidthGBps} GB/s` : `${hw.memoryBandwidthGBps} GB/s`;
  const parts: string[] = [];
  const spilled = d.decode.ramBytes > 0;
  // A KV cache under 2% of the bytes is folded into the weights term; a large one gets its own term.
  const kvApart = !spilled && d.decode.kvBytes > 0.02 * d.decode.gpuBytes;
  if (kvApart) {
    parts.push(`${gb(d.decode.gpuBytes - d.decode.kvBytes)} weights ÷ (${k.efficiency.toFixed(2)} × ${bw})`);
    parts.push(`${gb(d.decode.kvBytes)} KV cache at ${input.contextLength} tokens ÷ (${k.kvEfficiency.toFixed(2)} × ${bw})`);
  } else if (d.decode.gpuBytes > 0)
    parts.push(`${gb(d.decode.gpuBytes)} ÷ (${k.efficiency.toFixed(2)} × ${bw})${spilled ? ` = ${ms(d.decode.gpuMs)}` : ''}`);
  if (spilled)
    parts.push(`${gb(d.decode.ramBytes)} in RAM ÷ (${k.cpuEfficiency.toFixed(2)} × ${Math.round(k.ramGBps)} GB/s) = ${ms(d.decode.ramMs)}`);
  if (d.gpuLayers > 0 && k.layerOverheadMs > 0)
    parts.push(
      `${d.gpuLayers} layers × ${k.layerOverheadMs.toFixed(k.layerOverheadMs < 0.1 ? 3 : 2)} ms${k.noGraphs ? ' (no CUDA graphs)' : ''}${k.clockMHz !== undefined ? ` at ${Math.round(k.clockMHz)} MHz` : ''}`,
    );
  if (d.decode.communicationMs > 0) parts.push(`${ms(d.decode.communicationMs)} all-reduce`);
  const spill =
    d.gpuLayers < d.totalLayers && k.backend !== 'cpu' ? ` (${d.totalLayers - d.gpuLayers} of ${d.totalLayers} layers in RAM)` : '';
  const split =
    hw.gpus > 1 && !k.tensorParallel && d.gpuLayers > 0 ? '; layer split runs the GPUs in turn: about one card\'s speed' : '';
  const decode = `decode ≈ 1 / (${parts.join(' + ')}) per token ≈ ${formatTokensPerSecond(d.decodeTokensPerSecond)}${spill}`;
  const flops = `${k.tensorParallel ? `${k.cards} × ` : ''}${d.prompt.tflops.toFixed(d.prompt.tflops >= 10 ? 0 : 1)} TFLOPS${d.prompt.tflopsFrom === 'bandwidth' ? ' (estimated from bandwidth)' : ''}`;
  const copies =
    (d.prompt.transferMs > 0 ? ` + RAM layers copied over PCIe` : '') +
    (d.prompt.attentionMs > 0 ? ` + ${ms(d.prompt.attentionMs)} of attention scores without flash attention` : '');
  const prompt = `prompt ≈ ${k.promptEfficiency.toFixed(2)} × ${flops} ÷ (2 × ${(input.activeParams / 1e9).toFixed(1)} B params)${copies} ≈ ${formatTokensPerSecond(d.promptTokensPerSecond)}`;
  return `${decode}; ${prompt} (${where}; calibrated on published llama.cpp runs${split})`;
}
