// `llm-pick fit`: memory breakdown, fit verdict, largest context and best quantization that fit,
// and the expected speed when the GPU is known. Gathers inputs (flags, catalog, GGUF header,
// hardware plan), calls the pure estimator, returns the document; rendering is src/render/fit.ts.
import { shellQuote } from '../../util/shell.js';
import type { EmbeddingModel, LocalModel, Model } from '../../catalog/schema.js';
import { bestQuantThatFits, checkFit, maxContextThatFits, type FitVerdict } from '../../estimate/fit.js';
import { GPU_CONTEXT_BYTES } from '../../estimate/overhead.js';
import { isGgufQuant, resolveQuant, type QuantId } from '../../estimate/quants.js';
import { shapeFromModel, shapeFromParams } from '../../estimate/shape.js';
import type { KvCacheType, ModelShape, SpeedEstimate, SpeedHardware, SpeedInput } from '../../estimate/types.js';
import type { WeightsDetail } from '../../estimate/weights.js';
import type { HardwareFlags, HardwarePlan } from '../../hardware/types.js';
import type { FitDocument } from '../../render/fit-schema.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';
import { groupDigits } from '../../util/numbers.js';

export interface FitOptions extends HardwareFlags {
  params?: number;
  model?: string;
  gguf?: string;
  quant?: string;
  ctx?: number;
  kvQuant?: KvCacheType;
  /** --no-flash-attn sets this to false (commander). */
  flashAttn?: boolean;
  nodes?: number;
  requireFit?: boolean;
}

const DEFAULT_CTX = 8192;
const GIB = 2 ** 30;

interface ModelInput {
  source: FitDocument['model']['source'];
  id: string | null;
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

function closestIds(models: readonly Model[], query: string): string[] {
  const q = query.toLowerCase();
  const parts = q.split(/[^a-z0-9.]+/).filter((p) => p.length > 1);
  return models
    .filter((m) => m.type !== 'api')
    .map((m) => ({ id: m.id, score: parts.filter((p) => m.id.includes(p)).length }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((x) => x.id);
}

async function modelInput(options: FitOptions, models: () => Promise<readonly Model[]>): Promise<ModelInput> {
  const given = [options.params !== undefined, options.model !== undefined, options.gguf !== undefined].filter(Boolean).length;
  if (given !== 1) {
    throw new UsageError(
      given === 0
        ? 'fit needs a model: give exactly one of --params B (billions), --model ID (see `llm-pick models`) or --gguf FILE'
        : 'give exactly one of --params, --model or --gguf, not several',
    );
  }
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
  const quant = pickQuant(options);
  if (options.params !== undefined) {
    const shape = shapeFromParams(options.params);
    return {
      source: 'params',
      id: null,
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
  const wanted = options.model!.toLowerCase();
  const found = all.find((m) => m.id.toLowerCase() === wanted);
  if (!found) {
    const close = closestIds(all, wanted);
    throw new UsageError(
      `--model "${options.model}" is not in the catalog${close.length ? `; close ids: ${close.join(', ')}` : ''} (all: \`llm-pick models\`)`,
    );
  }
  if (found.type === 'api') {
    throw new UsageError(`--model "${options.model}" is an API model; fit sizes local models (see \`llm-pick models --type local\`)`);
  }
  const local = found as LocalModel | EmbeddingModel;
  return {
    source: 'catalog',
    id: local.id,
    name: local.name,
    path: null,
    architecture: null,
    shape: shapeFromModel(local),
    quant,
    quantLabel: quant,
    quantSource: 'flag',
    hf: { repo: local.hf.repo, ggufRepo: local.hf.ggufRepo, ggufQuants: local.hf.ggufQuants },
    warnings: [],
  };
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
  if (input.source === 'gguf') {
    lines.push(`weights ${gib(m.weightsBytes)}: the sum of the ${m.weights.tensors.length} tensors in the file header, each at its stored type (${types})`);
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
  lines.push(`overhead ${gib(m.overheadBytes)}: ${m.overhead.explanation}`);
  lines.push(`total ${gib(m.totalBytes)}: weights + KV cache + overhead at ${groupDigits(opts.ctx)} tokens`);
  return lines;
}

function verdictLines(v: FitVerdict): string[] {
  if (v.mode === 'none' || v.fits === null) return [];
  const lines: string[] = [];
  if (v.mode === 'gpu' && v.split && v.split.length > 1) {
    lines.push(`split: ${v.split.map((s) => `GPU ${s.gpu} ${s.layers} layers ${gib(s.bytes)} of ${gib(s.budgetBytes)}`).join('; ')} (whole layers per card, llama.cpp --split-mode layer; each card has its own compute buffer and context)`);
  }
  if (v.mode === 'gpu' && v.offload && !v.offload.outputOnGpu) {
    lines.push(
      `offload: ${v.offload.gpuLayers} of ${v.offload.totalLayers} layers fit on the GPU${v.split && v.split.length > 1 ? 's' : ''} (-ngl ${v.offload.gpuLayers}); the other layers, their KV cache and the output head stay in RAM: ${gib(v.offload.ramBytes)}`,
    );
  }
  return lines;
}

type SpeedFn = (input: SpeedInput) => SpeedEstimate;

/** Speed when the hardware's bandwidth is known and the model runs (whole, or offloaded with RAM to hold the rest). */
function speedOf(input: ModelInput, v: FitVerdict, speedHw: SpeedHardware | null, estimateSpeed: SpeedFn, ctx: number): SpeedEstimate | null {
  if (!speedHw) return null;
  if (v.mode === 'gpu' && v.offload && v.offload.ramFits === false) return null;
  if ((v.mode === 'cpu' || v.mode === 'unified') && v.fits === false) return null;
  const gpuLayers = v.mode === 'cpu' ? 0 : v.mode === 'gpu' ? (v.offload?.gpuLayers ?? 0) : input.shape.layers;
  return estimateSpeed({
    hardware: speedHw,
    weights: v.memory.weights,
    kvCacheBytes: v.memory.kvCacheBytes,
    contextLength: ctx,
    activeParams: input.shape.activeParams,
    quant: input.quant,
    gpuLayers,
    totalLayers: input.shape.layers,
    multiGpu: isGgufQuant(input.quant) ? 'layer-split' : 'tensor-parallel',
  });
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
  const deviceName = plan.origin === 'flags' || !card ? `${(budget.vramBytesPerGpu / GIB).toFixed(1)} GiB GPU` : card.name;
  // SXM boards sit on NVLink baseboards (HGX); other cards talk over PCIe.
  const interconnect = card?.catalogId?.includes('sxm') ? ('nvlink' as const) : ('pcie' as const);
  const device = speedHardwareOf(plan);
  const base = {
    memory: { weightsBytes: one.weightsBytes, kvCacheBytes: one.kvCacheBytes, overheadBytes: one.overheadBytes, totalBytes: one.totalBytes },
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
    ...(requested ? { gpus: options.gpus, nodes: options.nodes ?? 1 } : {}),
  };
  const plans = device ? planScale({ ...base, device }) : planScaleMemoryOnly(base);
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

export async function run(options: FitOptions, ctx: CommandContext): Promise<FitDocument> {
  const catalogP = async () => (await import('../../catalog/load.js')).loadCatalog(ctx.catalogFiles);
  const input = await modelInput(options, async () => (await catalogP()).models);
  const shape = input.shape;
  const warnings = [...input.warnings];

  const kvType: KvCacheType = options.kvQuant ?? 'f16';
  const flashAttn = options.flashAttn !== false;
  // Default context: 8192, or the model's maximum if lower; never the maximum by default.
  const contextLength = options.ctx ?? Math.min(DEFAULT_CTX, shape.maxContext);
  if (options.ctx !== undefined && options.ctx > shape.maxContext) {
    warnings.push(`--ctx ${options.ctx} is beyond the model's maximum context of ${shape.maxContext} tokens`);
  }
  if (kvType !== 'f16' && !flashAttn) {
    warnings.push(`llama.cpp needs flash attention for a quantized V cache: --kv-quant ${kvType} with --no-flash-attn does not run as sized here`);
  }

  // The GPU catalog matters for --gpu NAME and for naming detected cards; `--params --vram`
  // needs no catalog at all (a one-shot answer should not pay for loading it).
  const needGpus = options.gpu !== undefined || (options.vram === undefined && !options.cpuOnly) || ctx.catalogFiles.length > 0;
  const catalogGpus = needGpus ? (await catalogP()).gpus : [];
  const { getHardwarePlan, speedHardwareOf } = await import('../../hardware/index.js');
  const plan = await getHardwarePlan(
    { vram: options.vram, gpu: options.gpu, gpus: options.gpus, ram: options.ram, cpuOnly: options.cpuOnly },
    catalogGpus,
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
  const maxContext = maxContextThatFits(req);
  const { weights: _exact, ...forQuants } = req;
  const bestQuant = bestQuantThatFits(forQuants);

  const { estimateSpeed } = await import('../../estimate/speed.js');
  const speed = speedOf(input, v, speedHardwareOf(plan), estimateSpeed, contextLength);

  const explanation = [...explanationLines(input, v, { ctx: contextLength, kvType, flashAttn }), ...verdictLines(v)];
  if (v.mode !== 'none') explanation.push(`budget: ${plan.budgetExplanation}`);
  else explanation.push(`budget: none known (${plan.budgetExplanation || 'no GPU found'}); give --vram GiB, --gpu NAME or --cpu-only --ram GiB`);
  if (gpuContext && v.mode === 'gpu' && isGgufQuant(input.quant)) {
    explanation.push(
      `llama.cpp keeps the token embedding (${gib(v.memory.weights.tokenEmbeddingBytes)}) in RAM with CUDA; it is counted on the GPU here, so real use is that much lower; the ${(GPU_CONTEXT_BYTES / 2 ** 20).toFixed(0)} MiB CUDA context is an allowance`,
    );
  }
  if (speed) explanation.push(`speed: ${speed.explanation}`);

  const scale = await scaleSection(options, input, v, plan, { contextLength, kvType, flashAttn, gpuContext }, warnings);

  const s = shape;
  return {
    schemaVersion: 1,
    kind: 'fit',
    model: {
      source: input.source,
      id: input.id,
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
    quant: { name: input.quantLabel, format: quantFormat(input.quant), bitsPerWeight: Number(v.memory.weights.bitsPerWeight.toFixed(4)), source: input.quantSource },
    contextLength,
    kvCacheType: kvType,
    flashAttention: flashAttn,
    memory: {
      weightsBytes: v.memory.weightsBytes,
      kvCacheBytes: v.memory.kvCacheBytes,
      overheadBytes: v.memory.overheadBytes,
      totalBytes: v.memory.totalBytes,
    },
    budget: budgetDoc(plan, v),
    fits: v.fits,
    headroomBytes: v.headroomBytes === null ? null : Math.round(v.headroomBytes),
    offload:
      v.mode === 'gpu' && v.offload
        ? { gpuLayers: v.offload.gpuLayers, totalLayers: v.offload.totalLayers, ramBytes: v.offload.ramBytes, ramFits: v.offload.ramFits }
        : null,
    gpuSplit: v.mode === 'gpu' && v.split ? v.split.map((x) => ({ gpu: x.gpu, layers: x.layers, bytes: x.bytes, budgetBytes: Math.round(x.budgetBytes) })) : null,
    maxContext,
    bestQuant,
    speed,
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
