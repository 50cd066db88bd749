// Verdicts: does it fit, how many layers go on the GPU(s), the largest context and the best
// quantization that fit. Pure: the budget comes in as a MemoryBudget.
//
// How memory is placed (llama.cpp, default layer split):
// - GPUs: the repeating layers are split in contiguous runs of whole layers, in proportion to
//   each card's memory (equal runs for identical cards; MemoryBudget.vramBytesByGpu for unequal ones); each layer's KV cache lives with it;
//   every GPU has its own compute buffer and CUDA context; the output head (and, counted here
//   to be safe, the token embedding, which llama.cpp keeps in RAM with CUDA) goes on the last.
// - Partial offload (-ngl N): the last N layers go on the GPU(s), the rest and the output head
//   stay in RAM and run on the CPU.
// - Apple unified memory: one pool; the budget is what the GPU may use of it.
// - CPU only: everything in RAM.
import { estimateMemory, memoryBesideWeights, type MemoryDetail, type MemoryOptions } from './memory.js';
import type { MixOptions } from './quant-mix.js';
import { QUALITY_ORDER, type GgufQuant, type QuantId } from './quants.js';
import { CTX_PAD } from './kv-cache.js';
import type { KvCacheType, MemoryBudget, ModelShape } from './types.js';
import type { VisionSpec } from './vision.js';
import { estimateWeights, weightsTotalBytes, type WeightsDetail } from './weights.js';
import { weightsFloorBytes } from './weights-floor.js';

export interface FitRequest {
  shape: ModelShape;
  quant: QuantId;
  contextLength: number;
  kvType: KvCacheType;
  flashAttn: boolean;
  budget: MemoryBudget | null;
  /** Whether GPUs carry a CUDA/ROCm context allowance (default: yes unless unified memory). */
  gpuContext?: boolean;
  /** Exact weights (GGUF header); else computed from the shape. */
  weights?: WeightsDetail;
  mix?: MixOptions;
  /** --vision: the projector and images; its memory is counted on the first GPU (or in RAM on CPU). */
  vision?: { spec: VisionSpec; images: number };
  /** -ub of an encoder-only model when it is not the whole context (llama-server -np N: each slot's input); see overhead.ts. */
  ubatch?: number;
}

export type FitMode = 'none' | 'gpu' | 'unified' | 'cpu';

export interface GpuShare {
  gpu: number;
  /** Repeating layers on this card. */
  layers: number;
  firstLayer: number;
  bytes: number;
  budgetBytes: number;
}

export interface OffloadPlan {
  /** Repeating layers on the GPU(s). */
  gpuLayers: number;
  totalLayers: number;
  /** The output head goes to the GPU only when every layer does (-ngl above the layer count). */
  outputOnGpu: boolean;
  gpuBytes: number;
  /** What stays in system RAM: CPU layers, their KV cache, the embeddings (and the head when not offloaded). */
  ramBytes: number;
  /** null when the RAM size is unknown. */
  ramFits: boolean | null;
}

export interface FitVerdict {
  mode: FitMode;
  memory: MemoryDetail;
  fits: boolean | null;
  /** Usable memory in all: per-card VRAM × cards (GPU), unified budget, or RAM (CPU only). */
  budgetBytes: number | null;
  /** Room left: the smallest over the cards (GPU mode). Negative when it does not fit. */
  headroomBytes: number | null;
  /** GPU mode: one entry per card. */
  split: GpuShare[] | null;
  /** GPU mode: layers on the GPU(s) (all of them when it fits). */
  offload: OffloadPlan | null;
}

export function fitMode(budget: MemoryBudget | null): FitMode {
  if (!budget) return 'none';
  if (budget.unifiedMemory) return 'unified';
  if (budget.gpus <= 0 || budget.vramBytesPerGpu <= 0) return 'cpu';
  return 'gpu';
}

function memoryOptions(req: FitRequest, mode: FitMode): MemoryOptions {
  const gpus = mode === 'cpu' ? 0 : mode === 'gpu' ? req.budget!.gpus : 1;
  const gpuContext = mode === 'unified' || mode === 'cpu' ? false : (req.gpuContext ?? true);
  return { contextLength: req.contextLength, kvType: req.kvType, flashAttn: req.flashAttn, gpus, gpuContext, ...(req.mix ? { mix: req.mix } : {}), ...(req.vision ? { vision: req.vision } : {}), ...(req.ubatch ? { ubatch: req.ubatch } : {}) };
}

/** Usable bytes of each card of a GPU budget, in order (equal cards: vramBytesPerGpu each). */
export function gpuBudgets(budget: MemoryBudget): number[] {
  const list = budget.vramBytesByGpu;
  if (list && list.length === budget.gpus) return list;
  return new Array<number>(Math.max(0, budget.gpus)).fill(budget.vramBytesPerGpu);
}

/** The budget as vLLM tensor parallel sees it: every card at the smallest card's share (vramBytesPerGpu). */
export function equalShareBudget(budget: MemoryBudget): MemoryBudget {
  if (!budget.vramBytesByGpu) return budget;
  const { vramBytesByGpu: _unequal, ...equal } = budget;
  return equal;
}

/** All the GPU memory of a budget: the sum over its cards. */
export function gpuBudgetTotal(budget: MemoryBudget): number {
  return gpuBudgets(budget).reduce((a, b) => a + b, 0);
}

/**
 * First layer (of n) of each card, and the end: llama.cpp's layer split. With no --tensor-split
 * llama.cpp splits "by free memory" of each device (src/llama-model.cpp load_tensors, "default
 * split, by free memory"): the split points are the cumulative shares, and layer j goes to the first
 * card whose cumulative share exceeds j / n (std::upper_bound). Equal cards: ceil(d·n/g), the same.
 */
function splitPoints(n: number, budgets: number[]): number[] {
  const g = budgets.length;
  const equal = budgets.every((b) => b === budgets[0]);
  if (equal) return Array.from({ length: g + 1 }, (_, d) => Math.ceil((d * n) / g));
  const sum = budgets.reduce((a, b) => a + b, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const b of budgets) cum.push((acc += b) / sum);
  const points = [0];
  for (let d = 0; d < g; d += 1) {
    // Layers j with j / n < cum[d] sit on cards 0..d.
    let count = 0;
    while (count < n && count / n < cum[d]!) count += 1;
    points.push(d === g - 1 ? n : Math.max(points[d]!, count));
  }
  return points;
}

/**
 * Split the last `n` layers over the budget's cards as llama.cpp's layer split does. Equal cards:
 * equal runs (llama.cpp's default). Unequal cards: in proportion to the memory each card has left
 * for layers after its own compute buffer and context (and, on the last card, the output head), so
 * the headroom is even; the fit command prints that split as --tensor-split (layers per card), which
 * reproduces it exactly. llama.cpp's default (by free memory alone) would fill the last card first.
 */
export function splitLayers(mem: MemoryDetail, layers: number, n: number, budget: MemoryBudget, withOutput: boolean): GpuShare[] {
  return splitLayersWith(mem, mem.weights.layerBytes, mem.overhead.computeBufferBytes, layers, n, budget, withOutput);
}

/**
 * splitLayers with the layers' bytes and each card's compute buffer given apart from `mem` (the rest
 * is read from it): an experts-in-RAM plan (expert-offload.ts) splits the layers less their experts,
 * with a larger compute buffer, without copying the memory detail for each count it tries.
 */
export function splitLayersWith(
  mem: MemoryDetail,
  layerBytes: readonly number[],
  computeBufferBytes: number,
  layers: number,
  n: number,
  budget: MemoryBudget,
  withOutput: boolean,
): GpuShare[] {
  const budgets = gpuBudgets(budget);
  const g = budgets.length;
  const kvPerLayer = layers > 0 ? (mem.kvCacheBytes + mem.recurrentStateBytes) / layers : 0; // KV and recurrent state live with their layers
  const perCardFixed = computeBufferBytes + mem.overhead.contextBytes / Math.max(1, g);
  const start = layers - n;
  const outputBytes = mem.weights.nonLayerBytes + mem.overhead.outputBufferBytes;
  const room = budgets.map((b, d) => Math.max(0, b - perCardFixed - (withOutput && d === g - 1 ? outputBytes : 0)));
  const unequal = budgets.some((b) => b !== budgets[0]);
  const points = splitPoints(n, unequal && room.some((r) => r > 0) ? room : budgets);
  const shares: GpuShare[] = [];
  for (let d = 0; d < g; d += 1) {
    const from = points[d]!;
    const to = points[d + 1]!;
    // llama.cpp's mtmd puts the projector and its compute buffer on the main (first) GPU.
    let bytes = perCardFixed + (d === 0 ? (mem.visionBytes ?? 0) : 0);
    for (let j = from; j < to; j += 1) bytes += (layerBytes[start + j] ?? 0) + kvPerLayer;
    if (withOutput && d === g - 1) bytes += mem.weights.nonLayerBytes + mem.overhead.outputBufferBytes;
    shares.push({ gpu: d, layers: to - from, firstLayer: start + from, bytes: Math.round(bytes), budgetBytes: budgets[d]! });
  }
  return shares;
}

export const sharesFit = (shares: GpuShare[]) => shares.every((s) => s.bytes <= s.budgetBytes);

/**
 * sharesFit(splitLayers(mem, layers, k, budget, false)) for a budget of one card of `cardBytes`,
 * without building the split (gpuVerdict's bisection asks it ~6 times per model that does not fit
 * whole): the same sum in the same order, so the same bits.
 */
export function lastLayersFitOneCard(mem: MemoryDetail, layers: number, k: number, cardBytes: number): boolean {
  const kvPerLayer = layers > 0 ? (mem.kvCacheBytes + mem.recurrentStateBytes) / layers : 0;
  const layerBytes = mem.weights.layerBytes;
  const start = layers - k;
  // splitLayersWith's perCardFixed for one card (its context bytes divided by 1 are the same number).
  let bytes = mem.overhead.computeBufferBytes + mem.overhead.contextBytes + (mem.visionBytes ?? 0);
  for (let j = 0; j < k; j += 1) bytes += (layerBytes[start + j] ?? 0) + kvPerLayer;
  return Math.round(bytes) <= cardBytes;
}

function gpuVerdict(req: FitRequest, mem: MemoryDetail, budget: MemoryBudget): FitVerdict {
  const layers = req.shape.layers;
  const full = splitLayers(mem, layers, layers, budget, true);
  const budgetBytes = gpuBudgetTotal(budget);
  const headroom = Math.min(...full.map((s) => s.budgetBytes - s.bytes));
  let n = layers;
  let shares = full;
  let outputOnGpu = true;
  if (!sharesFit(full)) {
    outputOnGpu = false;
    // Fewer layers never need more memory per card, so the most that fit is found by bisection.
    const card = budget.gpus === 1 ? gpuBudgets(budget)[0] : undefined;
    const fitsWith = (k: number) => (card !== undefined ? lastLayersFitOneCard(mem, layers, k, card) : sharesFit(splitLayers(mem, layers, k, budget, false)));
    let lo = 0;
    let hi = layers;
    if (fitsWith(hi)) lo = hi;
    else {
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (fitsWith(mid)) lo = mid;
        else hi = mid;
      }
    }
    n = lo;
    shares = splitLayers(mem, layers, n, budget, false);
  }
  const gpuBytes = shares.reduce((a, s) => a + s.bytes, 0);
  const kvPerLayer = layers > 0 ? (mem.kvCacheBytes + mem.recurrentStateBytes) / layers : 0; // KV and recurrent state live with their layers
  let ramBytes = 0;
  if (!outputOnGpu) {
    for (let il = 0; il < layers - n; il += 1) ramBytes += (mem.weights.layerBytes[il] ?? 0) + kvPerLayer;
    ramBytes += mem.weights.nonLayerBytes + mem.overhead.outputBufferBytes;
  }
  const ramFits = outputOnGpu ? true : budget.ramBytes === null ? null : ramBytes <= budget.ramBytes;
  return {
    mode: 'gpu',
    memory: mem,
    fits: outputOnGpu,
    budgetBytes,
    headroomBytes: Math.round(headroom),
    split: shares,
    offload: { gpuLayers: n, totalLayers: layers, outputOnGpu, gpuBytes: Math.round(gpuBytes), ramBytes: Math.round(ramBytes), ramFits },
  };
}

/** The verdict for one quantization and context against a budget (null budget: fits is null). */
export function checkFit(req: FitRequest): FitVerdict {
  const mode = fitMode(req.budget);
  const mem = estimateMemory(req.shape, req.quant, memoryOptions(req, mode), req.weights);
  const budget = req.budget;
  if (mode === 'none' || !budget) {
    return { mode, memory: mem, fits: null, budgetBytes: null, headroomBytes: null, split: null, offload: null };
  }
  if (mode === 'gpu') return gpuVerdict(req, mem, budget);
  const budgetBytes = mode === 'unified' ? budget.vramBytesPerGpu : budget.ramBytes;
  if (budgetBytes === null) {
    return { mode, memory: mem, fits: null, budgetBytes: null, headroomBytes: null, split: null, offload: null };
  }
  return {
    mode,
    memory: mem,
    fits: mem.totalBytes <= budgetBytes,
    budgetBytes,
    headroomBytes: budgetBytes - mem.totalBytes,
    split: null,
    offload: null,
  };
}

/**
 * The largest context (a multiple of 256, at most the model's maximum) at which the whole model
 * fits; null when no budget is known or not even 256 tokens fit. Memory grows with context, so
 * a binary search finds it.
 */
export function maxContextThatFits(req: FitRequest): number | null {
  if (fitMode(req.budget) === 'none') return null;
  const weights = req.weights ?? estimateWeights(req.shape, req.quant, req.mix);
  const fitsAt = (ctx: number) => checkFit({ ...req, weights, contextLength: ctx }).fits === true;
  const maxSteps = Math.max(1, Math.floor(req.shape.maxContext / CTX_PAD));
  // --vision: a context no larger than the image tokens holds no text; the smallest worth naming is above them.
  const minSteps = req.vision ? Math.floor((req.vision.images * req.vision.spec.tokensPerImage) / CTX_PAD) + 1 : 1;
  if (minSteps > maxSteps || !fitsAt(minSteps * CTX_PAD)) return null;
  if (fitsAt(maxSteps * CTX_PAD)) return Math.max(CTX_PAD, Math.min(req.shape.maxContext, maxSteps * CTX_PAD));
  let lo = minSteps;
  let hi = maxSteps;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fitsAt(mid * CTX_PAD)) lo = mid;
    else hi = mid;
  }
  return lo * CTX_PAD;
}

/** The highest-quality GGUF quantization (QUALITY_ORDER) that fits whole at the requested context. */
export function bestQuantThatFits(req: FitRequest, order: readonly GgufQuant[] = QUALITY_ORDER): GgufQuant | null {
  const mode = fitMode(req.budget);
  if (mode === 'none') return null;
  // Linear, not a binary search: llama.cpp's mixes (fallback types for rows that are not a multiple of
  // the block, the rules per file type) do not make the weights strictly fall along QUALITY_ORDER for
  // every shape. The weights are what changes from one quant to the next (KV cache and overhead do not):
  // a quant whose weights alone exceed the room they have is skipped before the memory and split are
  // computed, and one whose weights' floor does (weights-floor.ts) before the weights are.
  const room = weightsRoom(req, mode);
  const { weights: _exact, ...rest } = req;
  for (const quant of order) {
    if (room !== null && (weightsFloorBytes(req.shape, quant, req.mix) > room || weightsTotalBytes(req.shape, quant, req.mix) > room)) continue;
    // CPU and unified memory: the room is checkFit's own test (whole bytes), so weights within it fit.
    if (room !== null && mode !== 'gpu') return quant;
    if (checkFit({ ...rest, quant }).fits === true) return quant;
  }
  return null;
}

/**
 * Bytes of weights above which checkFit cannot say "fits"; what memory holds beside the weights (KV
 * cache, recurrent state, overhead, projector) is the same at every quant. CPU and unified memory: the
 * budget less that, exactly, as checkFit adds whole bytes. GPU mode: the cards' shares (splitLayersWith,
 * every layer and the output on the cards) hold the weights' layers and non-layer bytes, each rounded,
 * beside each card's compute buffer, the contexts, the KV cache and state, the output buffer and the
 * projector; all of it fits only if its sum does, so the weights get the cards' total less those, with
 * one byte of slack per layer and per card for the roundings. null: the budget's size is unknown
 * (checkFit says fits: null).
 */
function weightsRoom(req: FitRequest, mode: FitMode): number | null {
  const budget = req.budget!;
  const beside = memoryBesideWeights(req.shape, memoryOptions(req, mode));
  if (mode === 'gpu') {
    const cards = gpuBudgets(budget).length;
    const { computeBufferBytes, contextBytes, outputBufferBytes } = beside.overhead;
    const perLayer = req.shape.layers > 0 ? beside.kvCacheBytes + beside.recurrentStateBytes : 0;
    const onCards = cards * computeBufferBytes + contextBytes + outputBufferBytes + perLayer + beside.visionBytes;
    return gpuBudgetTotal(budget) + req.shape.layers + budget.gpus + 2 - onCards;
  }
  const bytes = mode === 'unified' ? budget.vramBytesPerGpu : budget.ramBytes;
  return bytes === null ? null : bytes - beside.bytes;
}
