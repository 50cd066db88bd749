// `llm-pick fit`: memory breakdown, fit verdict, largest context and best quantization that fit,
// and the expected speed when the GPU is known. Gathers inputs (flags, catalog, GGUF header,
// hardware plan), calls the pure estimator, returns the document; rendering is src/render/fit.ts.
import { shellQuote } from '../../util/shell.js';
import type { EmbeddingModel, LocalModel, Model } from '../../catalog/schema.js';
import { bestQuantThatFits, checkFit, maxContextThatFits, type FitVerdict, type GpuShare } from '../../estimate/fit.js';
import { GPU_CONTEXT_BYTES } from '../../estimate/overhead.js';
import { isGgufQuant, resolveQuant, type QuantId } from '../../estimate/quants.js';
import { shapeFromModel, shapeFromParams } from '../../estimate/shape.js';
import type { KvCacheType, ModelShape, SpeedEstimate, SpeedHardware, SpeedInput } from '../../estimate/types.js';
import type { WeightsDetail } from '../../estimate/weights.js';
import { GENERIC_SOURCE, type CalibratedSpeed } from '../../estimate/calibrated-speed.js';
import type { HardwareFlags, HardwarePlan } from '../../hardware/types.js';
import type { FitDocument } from '../../render/fit-schema.js';
import type { CommandContext } from '../context.js';
import { withRamBandwidth } from '../ram-bandwidth.js';
import { UsageError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';
import { groupDigits } from '../../util/numbers.js';
import type { ServingFlags } from './fit-serving.js';

export interface FitOptions extends HardwareFlags {
  params?: number;
  model?: string;
  gguf?: string;
  /** --hf DIR: a local Transformers folder or HF cache snapshot (config.json + safetensors headers). */
  hf?: string;
  /** --config FILE: a config.json alone (shape only; needs --quant). */
  config?: string;
  quant?: string;
  ctx?: number;
  kvQuant?: KvCacheType;
  /** --no-flash-attn sets this to false (commander). */
  flashAttn?: boolean;
  nodes?: number;
  /** --n-cpu-moe N / --cpu-moe: a placement of MoE experts in RAM the user names. */
  nCpuMoe?: number;
  cpuMoe?: boolean;
  /** --ram-bandwidth GB/s: replaces the plan's RAM bandwidth. */
  ramBandwidth?: number;
  requireFit?: boolean;
  /** --allow-rope-scaling: a --ctx beyond the model maximum is sized, not refused. */
  allowRopeScaling?: boolean;
  /** Serving flags (--engine, --users, --gpu-memory-utilization, --prompt-tokens, --kv-cache-dtype): fit-serving.ts. */
  engine?: ServingFlags['engine'];
  users?: number;
  gpuMemoryUtilization?: number;
  promptTokens?: number;
  kvCacheDtype?: ServingFlags['kvCacheDtype'];
}

const DEFAULT_CTX = 8192;
const GIB = 2 ** 30;

interface ModelInput {
  source: FitDocument['model']['source'];
  id: string | null;
  /** --model as typed, resolved to id. */
  typed: string | null;
  name: string;
  path: string | null;
  architecture: string | null;
  shape: ModelShape;
  quant: QuantId;
  quantLabel: string;
  quantSource: 'flag' | 'file';
  weights?: WeightsDetail;
  /** Catalog models: repos for the vLLM and llama.cpp commands of scale plans. */
  hf?: { repo: string; ggufRepo: string | null; ggufQuants: string[] };
  warnings: string[];
}

function pickQuant(options: FitOptions): QuantId {
  if (options.quant === undefined) {
    throw new UsageError(`--quant is required with ${options.params !== undefined ? '--params' : '--model'}: q3, q4, q5, q6, q8, fp16 or a GGUF type (Q4_K_M, IQ4_XS, ...)`);
  }
  const r = resolveQuant(options.quant);
  if ('error' in r) throw new UsageError(r.error);
  return r.id;
}

async function modelInput(options: FitOptions, models: () => Promise<readonly Model[]>): Promise<ModelInput> {
  const given = [options.params, options.model, options.gguf, options.hf, options.config].filter((x) => x !== undefined).length;
  if (given !== 1) {
    throw new UsageError(
      given === 0
        ? 'fit needs a model: give exactly one of --params B (billions), --model ID (see `llm-pick models`), --gguf FILE, --hf DIR or --config FILE'
        : 'give exactly one of --params, --model, --gguf, --hf or --config, not several',
    );
  }
  if (options.hf !== undefined || options.config !== undefined) return localFolderInput(options);
  if (options.gguf !== undefined) {
    if (options.quant !== undefined) {
      throw new UsageError('--quant cannot be combined with --gguf: the file\'s own tensor types are used (drop --quant, or use --model ID --quant X)');
    }
    const { readGgufFile, GgufReadError } = await import('../../gguf/read.js');
    try {
      const file = await readGgufFile(options.gguf);
      return {
        source: 'gguf',
        id: null,
        typed: null,
        name: file.name ?? file.path,
        path: file.path,
        architecture: file.architecture,
        shape: file.shape,
        quant: file.quant ?? 'F16',
        quantLabel: file.quantLabel,
        quantSource: 'file',
        weights: file.weights,
        warnings: file.warnings,
      };
    } catch (e) {
      if (e instanceof GgufReadError) throw new UsageError(`--gguf ${e.message}`);
      throw e;
    }
  }
  if (options.params !== undefined) {
    const quant = pickQuant(options);
    const shape = shapeFromParams(options.params);
    return {
      source: 'params',
      id: null,
      typed: null,
      name: `${options.params} B-parameter dense model`,
      path: null,
      architecture: null,
      shape,
      quant,
      quantLabel: quant,
      quantSource: 'flag',
      warnings: [],
    };
  }
  const all = await models();
  const { resolveFor, isLocalOrEmbedding } = await import('../../catalog/resolve-model.js');
  const r = resolveFor(all, options.model!, { flag: '--model', accept: isLocalOrEmbedding, what: 'a local model', list: 'llm-pick models --type local' });
  if ('error' in r) throw new UsageError(r.error);
  const found = r.model;
  const local = found as LocalModel | EmbeddingModel;
  const shape = shapeFromModel(local);
  // Experts released in MXFP4 (gpt-oss) are what every GGUF of the model keeps: that is the default.
  const quant = options.quant === undefined && shape.nativeExpertType === 'MXFP4' ? 'MXFP4' : pickQuant(options);
  return {
    source: 'catalog',
    id: local.id,
    typed: r.typed,
    name: local.name,
    path: null,
    architecture: null,
    shape,
    quant,
    quantLabel: quant,
    quantSource: 'flag',
    hf: { repo: local.hf.repo, ggufRepo: local.hf.ggufRepo, ggufQuants: local.hf.ggufQuants },
    warnings: r.note ? [r.note] : [],
  };
}

/** --hf DIR (exact tensors from the safetensors headers, or --quant for another format) and --config FILE (shape only). */
async function localFolderInput(options: FitOptions): Promise<ModelInput> {
  const { readHfFolder, readHfConfig, HfFolderError } = await import('../../installed/hf-folder.js');
  const { basename, join } = await import('node:path');
  const flag = options.hf !== undefined ? '--hf' : '--config';
  try {
    if (options.config !== undefined) {
      if (options.quant === undefined) throw new UsageError('--quant is required with --config (a config.json has the shape, not the weights): q4, q8, fp16, Q4_K_M, ...');
      const quant = pickQuant(options);
      const { raw, shape } = await readHfConfig(options.config);
      return folderModel('config', options.config, raw, shape, quant, quant, 'flag');
    }
    const dir = options.hf!;
    if (options.quant !== undefined) {
      // Another format of the same model: the shape from config.json, the weights estimated at --quant.
      const quant = pickQuant(options);
      const { raw, shape } = await readHfConfig(join(dir, 'config.json'));
      return folderModel('hf', dir, raw, shape, quant, quant, 'flag');
    }
    const m = await readHfFolder(dir);
    const input = folderModel('hf', dir, { architectures: [m.architecture] }, m.shape, storedQuantId(m.quantLabel), m.quantLabel, 'file');
    // An HF cache snapshot (models--org--name/snapshots/<rev>) is named by its repo id.
    const trimmed = dir.replace(/[\\/]+$/, '');
    const cached = /models--([^\\/]+?)--([^\\/]+)[\\/]snapshots[\\/][^\\/]+$/.exec(trimmed);
    return { ...input, name: cached ? `${cached[1]}/${cached[2]}` : basename(trimmed), weights: m.weights };
  } catch (e) {
    if (e instanceof HfFolderError) throw new UsageError(`${flag} ${e.message}`);
    throw e;
  }
}

function folderModel(source: 'hf' | 'config', path: string, raw: unknown, shape: ModelShape, quant: QuantId, quantLabel: string, quantSource: 'flag' | 'file'): ModelInput {
  const archs = (raw as { architectures?: unknown[] }).architectures;
  const name = (raw as { _name_or_path?: unknown })._name_or_path;
  return {
    source,
    id: null,
    typed: null,
    name: typeof name === 'string' && name ? name : path,
    path,
    architecture: Array.isArray(archs) && typeof archs[0] === 'string' ? archs[0] : null,
    shape,
    quant,
    quantLabel,
    quantSource,
    warnings: [],
  };
}

/** A checkpoint's stored format as the estimator's quant id (the exact bytes come from the headers anyway). */
function storedQuantId(label: string): QuantId {
  const r = resolveQuant(label);
  return 'id' in r ? r.id : 'BF16';
}

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
    lines.push(`weights ${gib(m.weightsBytes)}: the sum of the ${m.weights.tensors.length} tensors in the ${input.source === 'hf' ? 'safetensors headers' : 'file header'}, each at its stored type (${types})`);
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
  lines.push(`total ${gib(m.totalBytes)}: weights + KV cache${m.recurrentStateBytes > 0 ? ' + recurrent state' : ''} + overhead at ${groupDigits(opts.ctx)} tokens`);
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

type SpeedFn = (input: SpeedInput) => SpeedEstimate;

/** Speed when the hardware's bandwidth is known and the model runs (whole, or offloaded with RAM to hold the rest). */
function speedOf(input: ModelInput, v: FitVerdict, speedHw: SpeedHardware | null, estimateSpeed: SpeedFn, ctx: number): { input: SpeedInput; speed: SpeedEstimate } | null {
  if (!speedHw) return null;
  if (v.mode === 'gpu' && v.offload && v.offload.ramFits === false) return null;
  if ((v.mode === 'cpu' || v.mode === 'unified') && v.fits === false) return null;
  const gpuLayers = v.mode === 'cpu' ? 0 : v.mode === 'gpu' ? (v.offload?.gpuLayers ?? 0) : input.shape.layers;
  const speedInput: SpeedInput = {
    hardware: speedHw,
    weights: v.memory.weights,
    // The recurrent state (hybrid models) is read and written every token, like the KV cache.
    kvCacheBytes: v.memory.kvCacheBytes + v.memory.recurrentStateBytes,
    contextLength: ctx,
    activeParams: input.shape.activeParams,
    quant: input.quant,
    gpuLayers,
    totalLayers: input.shape.layers,
    multiGpu: isGgufQuant(input.quant) ? 'layer-split' : 'tensor-parallel',
  };
  return { input: speedInput, speed: estimateSpeed(speedInput) };
}

/** A word-safe shell argument: as is when plain, else single-quoted. */

/** What llama-server loads: `-hf REPO:QUANT` when the catalog lists that quant in its GGUF repo, the --gguf file, else null (a placeholder). */
function ggufReference(input: ModelInput): string | null {
  if (input.source === 'gguf' && input.path) return shellQuote(input.path);
  const hf = input.hf;
  if (!hf?.ggufRepo) return null;
  const norm = (q: string) => q.trim().toUpperCase().replace(/-/g, '_');
  const spelled = hf.ggufQuants.find((q) => norm(q) === norm(input.quant));
  return spelled ? `-hf ${shellQuote(`${hf.ggufRepo}:${spelled}`)}` : null;
}

/** The `llama-server` command of an offload plan: what loads, -ngl, --n-cpu-moe / --cpu-moe, context, KV type. */
export function llamaServerCommand(
  model: string | null,
  o: { gpuLayers: number | 'all'; cpuMoe?: number | 'all'; ctx: number; kvType: KvCacheType; flashAttn: boolean },
): string {
  const parts = ['llama-server', model ?? '-m MODEL.gguf', '-ngl', o.gpuLayers === 'all' ? '999' : String(o.gpuLayers)];
  if (o.cpuMoe === 'all') parts.push('--cpu-moe');
  else if (o.cpuMoe !== undefined) parts.push('--n-cpu-moe', String(o.cpuMoe));
  // One slot, as the plan counts (llama-server's default is 4 slots: see src/decide/setup.ts).
  parts.push('-c', String(o.ctx), '-np', '1');
  if (o.kvType !== 'f16') parts.push('-ctk', o.kvType, '-ctv', o.kvType);
  if (!o.flashAttn) parts.push('-fa', 'off');
  return parts.join(' ');
}

interface OffloadChoice {
  doc: FitDocument['offload'];
  /** Per card, when the experts plan is chosen (its split differs from the whole-layer one). */
  split?: GpuShare[];
  speed: SpeedEstimate | null;
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
async function offloadChoice(
  options: FitOptions,
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
  const cmdOpts = { ctx: opts.contextLength, kvType: opts.kvType, flashAttn: opts.flashAttn };
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
    lines,
  };
}

/**
 * Plans beyond one GPU or one machine (src/estimate/scale.ts): when asked (--gpus N > 1, --nodes M)
 * or when the model does not fit one card of a known kind (detected or --gpu). Needs a GPU budget.
 */
async function scaleSection(
  options: FitOptions,
  input: ModelInput,
  v: FitVerdict,
  plan: HardwarePlan,
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
  const { speedHardwareOf } = await import('../../hardware/index.js');
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
  const device = speedHardwareOf(plan);
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

/** The generic speed, or the user's llama-bench calibration of this GPU applied to it (src/estimate/calibrated-speed.ts). */
async function withCalibration(
  generic: { input: SpeedInput; speed: SpeedEstimate },
  plan: HardwarePlan,
  params: number,
  catalogFiles: readonly string[],
): Promise<CalibratedSpeed> {
  const { calibrationForPlan } = await import('../../calibrate/for-plan.js');
  const { CalibrationFileError } = await import('../../calibrate/store.js');
  const { calibrateSpeed } = await import('../../estimate/calibrated-speed.js');
  try {
    const entries = await calibrationForPlan(plan);
    if (entries.length === 0) return calibrateSpeed(generic.input, generic.speed, entries, params);
    const { withReferenceShapes } = await import('../../calibrate/reference.js');
    const { models } = await (await import('../../catalog/load.js')).loadCatalog(catalogFiles);
    const locals = models.filter((m): m is LocalModel | EmbeddingModel => m.type !== 'api');
    return calibrateSpeed(generic.input, generic.speed, withReferenceShapes(entries, locals), params);
  } catch (e) {
    if (e instanceof CalibrationFileError) throw new UsageError(e.message);
    throw e;
  }
}

export async function run(options: FitOptions, ctx: CommandContext): Promise<FitDocument> {
  const catalogP = async () => (await import('../../catalog/load.js')).loadCatalog(ctx.catalogFiles);
  const input = await modelInput(options, async () => (await catalogP()).models);
  const shape = input.shape;
  const serving = await import('./fit-serving.js');
  const engine = serving.servingEngine(options, input.quant);
  const warnings = [...input.warnings];

  const kvType: KvCacheType = options.kvQuant ?? 'f16';
  const flashAttn = options.flashAttn !== false;
  // Default context: 8192, or the model's maximum if lower; never the maximum by default.
  const contextLength = options.ctx ?? Math.min(DEFAULT_CTX, shape.maxContext);
  if (options.ctx !== undefined && options.ctx > shape.maxContext) {
    const factor = (options.ctx / shape.maxContext).toFixed(2);
    // A model's own maximum (catalog, GGUF, config.json) is refused past: no serve command it cannot run.
    // A synthesized shape (--params) has no real maximum to hold to.
    if (input.source !== 'params' && !options.allowRopeScaling) {
      throw new UsageError(
        `--ctx ${options.ctx} is beyond ${input.id ?? input.name}'s maximum context of ${shape.maxContext} tokens; give --ctx ${shape.maxContext} or less, or add --allow-rope-scaling to size it with RoPE/YaRN scaling (factor ${factor})`,
      );
    }
    warnings.push(
      options.allowRopeScaling
        ? `--ctx ${options.ctx} is beyond the model's maximum context of ${shape.maxContext} tokens: sized with RoPE/YaRN scaling by a factor of ${factor} (llama.cpp --rope-scaling yarn --rope-scale ${factor}; vLLM --hf-overrides rope_scaling); quality past the trained length is not guaranteed`
        : `--ctx ${options.ctx} is beyond the model's maximum context of ${shape.maxContext} tokens`,
    );
  }
  if (kvType !== 'f16' && !flashAttn) {
    warnings.push(`llama.cpp needs flash attention for a quantized V cache: --kv-quant ${kvType} with --no-flash-attn does not run as sized here`);
  }

  // The GPU catalog matters for --gpu NAME and for naming detected cards; `--params --vram`
  // needs no catalog at all (a one-shot answer should not pay for loading it).
  const needGpus = options.gpu !== undefined || (options.vram === undefined && !options.cpuOnly) || ctx.catalogFiles.length > 0;
  const catalogGpus = needGpus ? (await catalogP()).gpus : [];
  const { getHardwarePlan, speedHardwareOf } = await import('../../hardware/index.js');
  const plan = withRamBandwidth(
    await getHardwarePlan(
      { vram: options.vram, gpu: options.gpu, gpus: options.gpus, ram: options.ram, cpuOnly: options.cpuOnly, budgetFrom: options.budgetFrom },
      catalogGpus,
    ),
    options.ramBandwidth,
  );
  warnings.push(...plan.warnings);
  const budget = plan.budget;
  // Apple (Metal) and CPU carry no CUDA context; detected or planned ROCm/CUDA cards do.
  const backend = plan.gpus[0]?.backend;
  const gpuContext = backend !== 'metal' && backend !== 'cpu';
  const req = {
    shape,
    quant: input.quant,
    contextLength,
    kvType,
    flashAttn,
    budget,
    gpuContext,
    ...(input.weights ? { weights: input.weights } : {}),
  };
  const v = checkFit(req);
  // Memory held by other processes: the verdict on the idle cards beside the one for what is free now.
  const idleVerdict = plan.idleBudget ? checkFit({ ...req, budget: plan.idleBudget }) : null;
  const whenIdle =
    idleVerdict && plan.heldSummary
      ? { fits: idleVerdict.fits, budgetBytes: idleVerdict.budgetBytes === null ? null : Math.round(idleVerdict.budgetBytes), heldBy: plan.heldSummary }
      : null;
  const maxContext = maxContextThatFits(req);
  const { weights: _exact, ...forQuants } = req;
  const bestQuant = bestQuantThatFits(forQuants);

  const { estimateSpeed } = await import('../../estimate/speed.js');
  const speedHw = speedHardwareOf(plan);
  const generic = speedOf(input, v, speedHw, estimateSpeed, contextLength);
  const choice = await offloadChoice(options, input, v, plan, speedHw, generic?.speed ?? null, { contextLength, kvType, flashAttn }, warnings);
  // A llama-bench run the user imported (calibrate) replaces the generic estimate on that GPU;
  // it applies to the layer placement it measured, not to experts kept in RAM.
  const speed: CalibratedSpeed | null =
    generic && choice.speed === generic.speed
      ? await withCalibration(generic, plan, shape.totalParams, ctx.catalogFiles)
      : choice.speed
        ? { ...choice.speed, calibrated: false, source: GENERIC_SOURCE, calibration: null }
        : null;

  const explanation = [...explanationLines(input, v, { ctx: contextLength, kvType, flashAttn }), ...verdictLines(v, choice.doc, choice.split), ...choice.lines];
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

  const scale = await scaleSection(options, input, v, plan, { contextLength, kvType, flashAttn, gpuContext }, warnings);
  const servingCtx = {
    shape,
    quant: input.quant,
    contextLength,
    req,
    verdict: v,
    plan,
    speedHw: speed ? speedHardwareOf(plan) : null,
    maxContext,
    modelRef: { hfRepo: input.hf?.repo ?? null, gguf: ggufReference(input) },
  };
  const servingDoc = serving.servingSection(options, engine, servingCtx, warnings);
  const depth0 = speed ? serving.decodeAtDepth0(servingCtx) : null;

  const s = shape;
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
      totalBytes: v.memory.totalBytes,
    },
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

export async function render(result: FitDocument, ui: Ui): Promise<string> {
  const { renderFit } = await import('../../render/fit.js');
  return renderFit(result, ui);
}

/** --require-fit: exit 3 unless the model is known to fit (no budget known counts as not known to fit). */
export function exitCode(result: FitDocument, options: FitOptions): number {
  return options.requireFit && result.fits !== true ? 3 : 0;
}
