// MoE experts in system RAM: the placement llama.cpp users run a large MoE with on one card
// (`llama-server -ngl 999 --n-cpu-moe N`, `--cpu-moe`, `-ot "exps=CPU"`). Pure.
//
// What llama.cpp does (ggml-org/llama.cpp@001d906a6d86e2490e394361e7cc6f478b100088,
// common/common.h "FFN offload utils"): `--n-cpu-moe N` calls llm_add_n_cpu_ffn_overrides(N,
// LLM_FFN_EXPS_REGEX, ...), which for i = 0 .. N-1 adds the buffer-type override
// `blk\.<i>\.ffn_(up|down|gate|gate_up)_(ch|)exps` → CPU buffer; `--cpu-moe` adds the unanchored
// `\.ffn_(up|down|gate|gate_up)_(ch|)exps` → CPU, i.e. every layer. So the routed-expert tensors of
// the FIRST N layers live in RAM (layers past the count, or leading dense layers without experts,
// match nothing); with -ngl 999 everything else (attention, router, shared experts, norms, the
// KV cache, the output head) is on the GPU(s).
//
// Decode (one token): the CPU computes the CPU layers' expert matmuls from RAM, reading only the
// active experts; the GPU reads everything else. The two run one after the other, so the times add.
// Prompt (large batches): the CUDA backend takes any op whose batch is at least 32 tokens
// (ggml/src/ggml-cuda/ggml-cuda.cu ggml_backend_cuda_device_offload_op, op_offload_min_batch_size,
// default 32 / GGML_OP_OFFLOAD_MIN_BATCH), so the scheduler copies a CPU-resident expert tensor to
// the GPU for each micro-batch, copying "only the experts that are used" (ggml/src/ggml-backend.cpp,
// ggml_backend_sched_compute_splits, ggml-org/llama.cpp@5bc7a7409fc39d2801b3eeddc9e22fdd4bda718d).
// With hundreds of tokens per micro-batch nearly every expert is used: the copy is the whole
// tensor, over PCIe, once per micro-batch.
import { gpuBudgets, splitLayersWith, sharesFit, type GpuShare } from './fit.js';
import type { MemoryDetail } from './memory.js';
import {
  BACKEND_CALIBRATION,
  FALLBACK_TFLOPS_PER_GBPS,
  PCIE_GBPS,
  PROMPT_UBATCH_TOKENS,
  QUANT_FAMILY_FACTOR,
  type Sourced,
} from './speed-calibration.js';
import { calibrationFor, formatTokensPerSecond, layerClockScale, quantFamily, splitReads } from './speed.js';
import type { MemoryBudget, ModelShape, SpeedEstimate, SpeedHardware, WeightsEstimate } from './types.js';
import type { WeightsDetail } from './weights.js';

/**
 * Decode: what each layer whose experts are in RAM adds per token besides the reads, ms. The GPU
 * graph is split around the layer's expert computation, so llama.cpp's scheduler synchronizes the
 * GPU stream and copies the layer's input to the host, the CPU thread pool runs the expert nodes
 * (up, gate, activation, down: one barrier each), and the output goes back to the GPU, where the
 * next split is launched: one device→host round trip, one launch, and four barriers. Built from
 * measurements, not fitted on any run with experts in RAM.
 */
export const EXPERT_LAYER_HANDOFF_MS: Sourced = {
  value: (26.11 + 9.02 + 4 * 3.04) / 1000,
  source:
    'device→host round trip 26.11 µs and kernel launch 9.02 µs measured on bare-metal Linux with RTX 3090s (jingyaogong/minimind#837, "sync-probe"); ggml thread-pool barrier 3039 ns per graph node at 8 threads (ggml-org/llama.cpp#9598, test-barrier on EPYC); four CPU nodes per layer: ffn_moe_up, ffn_moe_gate, the GLU and ffn_moe_down of build_moe_ffn (src/llama-graph.cpp), assuming the weighting and the sum of the experts that follow run on the GPU (the scheduler extends the GPU from the residual add upward; not verified in a log — on the CPU they would add 1 + (experts used − 1) barriers)',
};

export interface ExpertOffloadPlan {
  /** N of `--n-cpu-moe N`: the routed experts of layers 0 .. N-1 stay in system RAM. */
  cpuMoeLayers: number;
  /** Of those N layers, how many have expert tensors (leading dense layers have none). */
  moeLayersInRam: number;
  /** Every repeating layer's other weights are on the GPU(s): -ngl 999. */
  gpuLayers: number;
  totalLayers: number;
  /** Bytes of the expert tensors kept in RAM. */
  expertBytesInRam: number;
  /**
   * GPU room for the copy of one CPU layer's expert tensors while a prompt micro-batch runs them
   * on the GPU (the scheduler's copies of CPU weights are inputs of a GPU split, allocated with
   * the GPU's compute buffer): the largest CPU layer's experts; 0 when N is 0.
   */
  copyBufferBytes: number;
  /** All cards together: the model's total less the experts in RAM, plus copyBufferBytes. */
  gpuBytes: number;
  /** System RAM: the experts of the first N layers. */
  ramBytes: number;
  gpuFits: boolean;
  /** null when the RAM size is unknown. */
  ramFits: boolean | null;
  /** Per card (whole layers per card as llama.cpp's layer split places them). */
  split: GpuShare[];
}

/** Bytes of the routed-expert tensors (ffn_*_exps) of each repeating layer (the weights' own array: do not mutate it). */
export function expertBytesByLayer(weights: WeightsDetail, layers: number): number[] {
  const own = weights.expertLayerBytes;
  return own.length === layers ? own : Array.from({ length: layers }, (_, il) => own[il] ?? 0);
}

/** Whether the model stores routed experts at all (a dense model never gets an experts plan). */
export function hasRoutedExperts(shape: ModelShape, weights: WeightsDetail): boolean {
  return shape.moe !== null && weights.expertLayerBytes.some((b) => b > 0);
}

/** What `--n-cpu-moe n` moves: the experts of the first `count` layers, and the split of what is left. */
function expertSplit(mem: MemoryDetail, layers: number, count: number, budget: MemoryBudget) {
  const experts = expertBytesByLayer(mem.weights, layers);
  let inRam = 0;
  let moeLayersInRam = 0;
  let largest = 0;
  for (let il = 0; il < count; il += 1) {
    const e = experts[il] ?? 0;
    inRam += e;
    if (e > 0) moeLayersInRam += 1;
    largest = Math.max(largest, e);
  }
  const copyBufferBytes = Math.round(largest);
  // The same layer split as whole-layer plans, with the first N layers lighter by their experts
  // and each card's compute buffer holding room for one layer's copied experts.
  const layerBytes = mem.weights.layerBytes.map((b, il) => (il < count ? b - (experts[il] ?? 0) : b));
  const split = splitLayersWith(mem, layerBytes, mem.overhead.computeBufferBytes + copyBufferBytes, layers, layers, budget, true);
  return { inRam, moeLayersInRam, copyBufferBytes, split };
}

/** The placement `-ngl 999 --n-cpu-moe n` gives (n is clamped to 0 .. layers; --cpu-moe is n = layers). */
export function expertPlanAt(mem: MemoryDetail, shape: ModelShape, budget: MemoryBudget, n: number): ExpertOffloadPlan {
  const layers = shape.layers;
  const count = Math.max(0, Math.min(layers, Math.floor(n)));
  return planOf(count, layers, budget, expertSplit(mem, layers, count, budget));
}

function planOf(count: number, layers: number, budget: MemoryBudget, parts: ReturnType<typeof expertSplit>): ExpertOffloadPlan {
  const { inRam, moeLayersInRam, copyBufferBytes, split } = parts;
  const gpuBytes = split.reduce((a, s) => a + s.bytes, 0);
  const ramBytes = Math.round(inRam);
  return {
    cpuMoeLayers: count,
    moeLayersInRam,
    gpuLayers: layers,
    totalLayers: layers,
    expertBytesInRam: ramBytes,
    copyBufferBytes,
    gpuBytes: Math.round(gpuBytes),
    ramBytes,
    gpuFits: sharesFit(split),
    ramFits: budget.ramBytes === null ? null : ramBytes <= budget.ramBytes,
    split,
  };
}

/**
 * One card: the smallest N whose GPU side fits, from one pass over the layers. What the card holds
 * falls by each layer's experts and rises by the copy buffer's growth, which is never more (so it
 * only falls as N grows); summed in another order than splitLayersWith's, so the caller checks the
 * answer and its neighbour exactly. null: several cards, or none fits.
 */
function oneCardGuess(mem: MemoryDetail, layers: number, budget: MemoryBudget): number | null {
  const budgets = gpuBudgets(budget);
  if (budgets.length !== 1) return null;
  const experts = expertBytesByLayer(mem.weights, layers);
  const kvPerLayer = layers > 0 ? (mem.kvCacheBytes + mem.recurrentStateBytes) / layers : 0;
  let whole = mem.overhead.computeBufferBytes + mem.overhead.contextBytes + (mem.visionBytes ?? 0) + mem.weights.nonLayerBytes + mem.overhead.outputBufferBytes;
  for (let il = 0; il < layers; il += 1) whole += (mem.weights.layerBytes[il] ?? 0) + kvPerLayer;
  let moved = 0;
  let largest = 0;
  for (let n = 0; n <= layers; n += 1) {
    if (n > 0) {
      const e = experts[n - 1] ?? 0;
      moved += e;
      largest = Math.max(largest, e);
    }
    if (Math.round(whole - moved + Math.round(largest)) <= budgets[0]!) return n;
  }
  return null;
}

/**
 * The smallest N for which `--n-cpu-moe N` fits the GPU budget (GPU memory falls as N grows, so
 * the first that fits is found by bisection); null for a dense model, or when even every layer's
 * experts in RAM leave too much on the GPU. RAM is not part of the search (a larger N only needs
 * more of it): check ramFits on the result. On one card a single pass guesses N, and two exact
 * splits (N fits, N - 1 does not) confirm it in place of the bisection's six or seven.
 */
export function minimalExpertPlan(mem: MemoryDetail, shape: ModelShape, budget: MemoryBudget): ExpertOffloadPlan | null {
  if (!hasRoutedExperts(shape, mem.weights) || budget.gpus <= 0 || budget.vramBytesPerGpu <= 0) return null;
  const layers = shape.layers;
  const all = expertPlanAt(mem, shape, budget, layers);
  if (!all.gpuFits) return null;
  const guess = oneCardGuess(mem, layers, budget);
  if (guess !== null && guess < layers) {
    const at = expertSplit(mem, layers, guess, budget);
    if (sharesFit(at.split) && (guess === 0 || !sharesFit(expertSplit(mem, layers, guess - 1, budget).split))) return planOf(guess, layers, budget, at);
  } else if (guess === layers && !sharesFit(expertSplit(mem, layers, layers - 1, budget).split)) return all;
  let lo = -1; // largest N known not to fit
  let hi = layers; // smallest N known to fit
  // Each step needs only whether the GPU side fits (expertPlanAt(mid).gpuFits).
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sharesFit(expertSplit(mem, layers, mid, budget).split)) hi = mid;
    else lo = mid;
  }
  return hi === layers ? all : expertPlanAt(mem, shape, budget, hi);
}

/** What a speed estimate needs of an experts plan (the decision engine carries this in its placement). */
export interface ExpertsInRam {
  cpuMoeLayers: number;
  moeLayersInRam: number;
  totalLayers: number;
  expertBytesInRam: number;
  /** All cards together, and system RAM (ExpertOffloadPlan.gpuBytes / ramBytes). */
  gpuBytes: number;
  ramBytes: number;
  /** Routed experts per layer and active per token. */
  experts: number;
  activeExperts: number;
}

export function expertsInRam(plan: ExpertOffloadPlan, shape: ModelShape): ExpertsInRam {
  return {
    cpuMoeLayers: plan.cpuMoeLayers,
    moeLayersInRam: plan.moeLayersInRam,
    totalLayers: plan.totalLayers,
    expertBytesInRam: plan.expertBytesInRam,
    gpuBytes: plan.gpuBytes,
    ramBytes: plan.ramBytes,
    experts: shape.moe?.experts ?? 0,
    activeExperts: shape.moe?.activeExperts ?? 0,
  };
}

/**
 * Bytes read from RAM per token by each offload plan, the slow side of both: whole layers in RAM
 * (-ngl gpuLayers: the layers below it, their KV cache, and the output head) against the active
 * experts of an experts plan. Fewer is faster on any machine, so this orders the two plans when
 * no bandwidth is known.
 */
export function ramReadsPerToken(
  weights: WeightsEstimate,
  kvCacheBytes: number,
  layers: number,
  gpuLayers: number,
  experts: ExpertsInRam,
): { layers: number; experts: number } {
  const { perLayer, nonLayer } = splitReads(weights, Math.max(1, layers));
  const ramLayers = Math.max(0, layers - gpuLayers);
  const layerPlan = ramLayers * (perLayer + kvCacheBytes / Math.max(1, layers)) + (ramLayers > 0 ? nonLayer : 0);
  const ratio = experts.experts > 0 ? experts.activeExperts / experts.experts : 1;
  return { layers: layerPlan, experts: experts.expertBytesInRam * ratio };
}

export interface ExpertSpeedInput {
  hardware: SpeedHardware;
  plan: ExpertsInRam;
  weights: WeightsEstimate;
  /** Parameters read per token (MoE: active only), for the prompt FLOPs. */
  activeParams: number;
  kvCacheBytes: number;
  contextLength: number;
  quant: string;
  /**
   * Prompt length the prompt speed is for (default: one full micro-batch, as llama-bench pp512).
   * The RAM experts are copied once per micro-batch however few tokens it holds, so a prompt
   * shorter than a micro-batch, or one that leaves a short last micro-batch, pays more per token.
   */
  promptTokens?: number;
}

export interface ExpertSpeedDetail extends SpeedEstimate {
  decode: { gpuBytes: number; ramBytes: number; gpuMs: number; ramMs: number; overheadMs: number; handoffMs: number; totalMs: number };
  prompt: { computeMs: number; weightReadMs: number; transferMs: number; totalMs: number; microBatches: number; promptTokens: number };
}

const positive = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(bytes >= 1e10 ? 0 : bytes >= 1e9 ? 1 : 2)} GB`;
const ms = (x: number): string => `${x >= 10 ? x.toFixed(0) : x.toFixed(1)} ms`;

/**
 * The micro-batches llama.cpp splits a prompt into (n_ubatch tokens each, the last one shorter):
 * how many, and the size of the largest (which sets the share of experts used).
 */
export function microBatches(promptTokens: number, ubatch: number): { count: number; largest: number } {
  const tokens = Math.max(1, Math.round(promptTokens));
  const size = Math.max(1, Math.round(ubatch));
  return { count: Math.ceil(tokens / size), largest: Math.min(tokens, size) };
}

/**
 * Share of a layer's experts that a micro-batch of `tokens` uses when each token picks `active`
 * of `experts` (uniform routing): 1 − (1 − active/experts)^tokens.
 */
export function expertsUsedShare(active: number, experts: number, tokens: number): number {
  if (experts <= 0 || active <= 0) return 0;
  return 1 - (1 - Math.min(1, active / experts)) ** Math.max(1, tokens);
}

/**
 * Decode and prompt speed of an experts-in-RAM plan, with the calibration of speed.ts: GPU reads
 * at the GPU backend's efficiency, the active experts of the CPU layers at the CPU's, summed as
 * times; prompt = compute + GPU weight reads + the per-micro-batch PCIe copy of the used experts.
 */
export function estimateExpertOffloadSpeed(input: ExpertSpeedInput): ExpertSpeedDetail {
  const hw = input.hardware;
  const cal = calibrationFor(hw);
  const cpuCal = BACKEND_CALIBRATION.cpu;
  const family = quantFamily(input.quant);
  const ff = QUANT_FAMILY_FACTOR[family].factor;
  const p = input.plan;
  const moe = p.experts > 0 ? { experts: p.experts, activeExperts: p.activeExperts } : null;
  const ratio = moe ? moe.activeExperts / moe.experts : 1;
  const layers = Math.max(1, input.plan.totalLayers);
  const ramGBps = positive(hw.ramBandwidthGBps) ? hw.ramBandwidthGBps : hw.memoryBandwidthGBps;

  // --- decode ---
  const ramRead = input.plan.expertBytesInRam * ratio;
  const gpuWeights = Math.max(0, input.weights.bytesReadPerToken - ramRead);
  const kv = Math.max(0, input.kvCacheBytes);
  const gpuRate = hw.memoryBandwidthGBps * 1e9 * cal.decodeEfficiency;
  const ramRate = ramGBps * 1e9 * cpuCal.decodeEfficiency;
  const gpuMs = ((gpuWeights / ff + kv) / gpuRate) * 1000;
  const ramMs = ramRead > 0 ? (ramRead / ff / ramRate) * 1000 : 0;
  const layerMs = cal.layerOverheadMs * layerClockScale(hw);
  const overheadMs = layers * layerMs;
  const handoffMs = p.moeLayersInRam * EXPERT_LAYER_HANDOFF_MS.value;
  const decodeMs = gpuMs + ramMs + overheadMs + handoffMs;

  // --- prompt ---
  const tflopsFromSpec = positive(hw.fp16Tflops);
  const tflops = tflopsFromSpec ? (hw.fp16Tflops as number) : FALLBACK_TFLOPS_PER_GBPS[hw.backend].value * hw.memoryBandwidthGBps;
  const computeMs = ((2 * Math.max(0, input.activeParams)) / (cal.promptEfficiency * tflops * 1e12)) * 1000;
  const ubatch = PROMPT_UBATCH_TOKENS.value;
  const promptTokens = Math.max(1, Math.round(input.promptTokens ?? ubatch));
  const batches = microBatches(promptTokens, ubatch);
  // Weights read and experts copied once per micro-batch, spread over the prompt's tokens.
  const perToken = (1000 * batches.count) / promptTokens;
  const storedGpu = Math.max(0, input.weights.totalBytes - input.plan.expertBytesInRam);
  const weightReadMs = (storedGpu / ff / gpuRate) * perToken;
  const used = moe ? expertsUsedShare(moe.activeExperts, moe.experts, batches.largest) : 0;
  const copies = hw.backend !== 'metal' && hw.backend !== 'cpu';
  const transferMs = copies ? ((input.plan.expertBytesInRam * used) / (PCIE_GBPS.value * 1e9)) * perToken : 0;
  const promptMs = computeMs + weightReadMs + transferMs;

  const decodeTokensPerSecond = 1000 / decodeMs;
  const promptTokensPerSecond = 1000 / promptMs;
  const decode =
    `decode ≈ 1 / (${gb(gpuWeights + kv)} on the GPU ÷ (${(cal.decodeEfficiency * ff).toFixed(2)} × ${hw.memoryBandwidthGBps} GB/s) = ${ms(gpuMs)}` +
    ` + ${gb(ramRead)} of active experts in RAM (${moe ? `${moe.activeExperts} of ${moe.experts}` : 'all'} experts in each of ${p.moeLayersInRam} layers) ÷ (${(cpuCal.decodeEfficiency * ff).toFixed(2)} × ${Math.round(ramGBps)} GB/s) = ${ms(ramMs)}` +
    ` + ${layers} layers × ${layerMs.toFixed(3)} ms` +
    (handoffMs > 0 ? ` + ${p.moeLayersInRam} hand-offs to the CPU and back × ${EXPERT_LAYER_HANDOFF_MS.value.toFixed(3)} ms` : '') +
    `) ≈ ${formatTokensPerSecond(decodeTokensPerSecond)}`;
  const prompt =
    `prompt ≈ ${cal.promptEfficiency.toFixed(2)} × ${tflops.toFixed(tflops >= 10 ? 0 : 1)} TFLOPS${tflopsFromSpec ? '' : ' (estimated from bandwidth)'} ÷ (2 × ${(input.activeParams / 1e9).toFixed(1)} B params)` +
    (transferMs > 0
      ? ` + ${gb(p.expertBytesInRam * used)} of RAM experts copied to the GPU over PCIe (${PCIE_GBPS.value} GB/s) per micro-batch (${batches.count === 1 && promptTokens >= ubatch ? `${ubatch} tokens` : `${batches.count} for ${promptTokens} tokens`})`
      : '') +
    ` ≈ ${formatTokensPerSecond(promptTokensPerSecond)}`;
  return {
    decodeTokensPerSecond,
    promptTokensPerSecond,
    explanation: `${decode}; ${prompt} (experts of the first ${p.cpuMoeLayers} layers in RAM, --n-cpu-moe ${p.cpuMoeLayers})`,
    decode: { gpuBytes: gpuWeights + kv, ramBytes: ramRead, gpuMs, ramMs, overheadMs, handoffMs, totalMs: decodeMs },
    prompt: { computeMs, weightReadMs, transferMs, totalMs: promptMs, microBatches: batches.count, promptTokens },
  };
}
