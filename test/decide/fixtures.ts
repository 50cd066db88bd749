// A small catalog, fake estimator and hardware plans for the decision engine's
// tests, so they do not depend on the shipped data or on the real estimator.
// The fake's formulas are simple on purpose (weights = params × bpw / 8,
// f16 KV cache, 0.5 GiB overhead): tests check the engine's logic, not the math.
import type { ApiModel, Catalog, EmbeddingModel, Engine, LocalModel, Model, Quant, ScoreEntry } from '../../src/catalog/schema.js';
import type { EstimatorPort, PlacementPlan, RunnableModel } from '../../src/decide/port.js';
import type { KvCacheType, MemoryBudget, SpeedInput } from '../../src/estimate/types.js';
import type { GpuInfo, HardwarePlan } from '../../src/hardware/types.js';

export const GIB = 1024 ** 3;
const SRC = 'test fixture, not a real figure';

function quant(id: string, bpw: number, quality: Quant['quality'], engines: string[], format: Quant['format'] = 'gguf', aliases: string[] = []): Quant {
  return {
    id,
    format,
    aliases,
    bitsPerWeight: bpw,
    bitsPerWeightSource: SRC,
    quality,
    qualityNote: SRC,
    qualitySource: SRC,
    engines,
    recommended: id === 'Q4_K_M',
    description: id,
  };
}

export const QUANTS: Quant[] = [
  quant('F16', 16, 'lossless', ['llama.cpp', 'ollama'], 'gguf', ['fp16']),
  quant('BF16', 16, 'lossless', ['llama.cpp', 'vllm'], 'gguf'),
  quant('Q8_0', 8.5, 'excellent', ['llama.cpp', 'ollama'], 'gguf', ['q8']),
  quant('Q6_K', 6.56, 'excellent', ['llama.cpp', 'ollama'], 'gguf', ['q6']),
  quant('Q5_K_M', 5.69, 'excellent', ['llama.cpp', 'ollama'], 'gguf', ['q5']),
  quant('Q4_K_M', 4.89, 'good', ['llama.cpp', 'ollama'], 'gguf', ['q4']),
  quant('Q3_K_M', 3.91, 'fair', ['llama.cpp', 'ollama'], 'gguf', ['q3']),
  quant('Q2_K', 2.96, 'poor', ['llama.cpp', 'ollama'], 'gguf', ['q2']),
  quant('FP8', 8, 'excellent', ['vllm'], 'fp8'),
];

function engine(id: string, hardware: Engine['hardware'], formats: Engine['formats']): Engine {
  return {
    id,
    name: id,
    formats,
    hardware,
    multiGpu: 'yes',
    multiNode: 'no',
    strengths: 'fixture',
    bestFor: 'fixture',
    install: 'fixture',
    url: 'https://example.com',
    source: SRC,
  };
}

export const ENGINES: Engine[] = [
  engine('ollama', ['nvidia', 'amd', 'apple', 'cpu', 'intel'], ['gguf']),
  engine('llama.cpp', ['nvidia', 'amd', 'apple', 'cpu', 'intel'], ['gguf']),
  engine('vllm', ['nvidia', 'amd'], ['safetensors', 'fp8', 'awq', 'gptq']),
];

interface LocalSpec {
  id: string;
  params: number;
  active?: number;
  layers: number;
  kvHeads: number;
  headDim?: number;
  maxContext?: number;
  useCases: LocalModel['useCases'];
  commercial?: 'yes' | 'restricted' | 'no';
  quality?: { metric: string; value: number }[];
  supersededBy?: string;
  /** Ollama tags: quant → tag. */
  tags?: Record<string, string>;
  ggufQuants?: string[];
  ggufRepo?: string | null;
}

export function local(spec: LocalSpec): LocalModel {
  const hidden = 4096;
  return {
    id: spec.id,
    name: spec.id.toUpperCase(),
    family: spec.id.split('-')[0]!,
    released: '2025-01',
    supersededBy: spec.supersededBy ?? null,
    quality: (spec.quality ?? []).map((q) => ({ ...q, source: SRC })),
    sources: [],
    type: 'local',
    params: { total: spec.params, active: spec.active ?? null, source: SRC },
    architecture: {
      layers: spec.layers,
      hiddenSize: hidden,
      attentionHeads: 32,
      kvHeads: spec.kvHeads,
      headDim: spec.headDim ?? 128,
      vocabSize: 128000,
      ffnSize: 14336,
      maxContext: spec.maxContext ?? 131072,
      tiedEmbeddings: false,
      gatedFfn: true,
      slidingWindow: null,
      moe: spec.active ? { experts: 128, activeExperts: 8, expertFfnSize: 768, sharedExperts: 0, denseLayers: 0 } : null,
      mla: null,
      encoderOnly: false,
      source: SRC,
    },
    license: {
      id: spec.commercial === 'no' ? 'cc-by-nc-4.0' : spec.commercial === 'restricted' ? 'llama3.1' : 'apache-2.0',
      commercial: spec.commercial ?? 'yes',
      terms: spec.commercial === 'restricted' ? 'over 700M monthly users need a licence' : 'see licence',
      source: SRC,
    },
    useCases: spec.useCases,
    strengths: 'fixture',
    ollama: Object.entries(spec.tags ?? {}).map(([q, tag]) => ({ tag, quant: q, sizeBytes: 1_000_000_000, source: SRC })),
    hf: {
      repo: `org/${spec.id}`,
      ggufRepo: spec.ggufRepo === undefined ? `gguf-org/${spec.id}-GGUF` : spec.ggufRepo,
      ggufQuants: spec.ggufQuants ?? ['Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M', 'Q2_K'],
      gated: spec.commercial === 'restricted',
      source: SRC,
    },
    ggufFiles: [],
  };
}

export function embedding(id: string, params: number, maxContext: number, mteb: number, tag: string): EmbeddingModel {
  return {
    id,
    name: id,
    family: id.split('-')[0]!,
    released: '2024-01',
    supersededBy: null,
    quality: [{ metric: 'mteb_average', value: mteb, source: SRC }],
    sources: [],
    type: 'embedding',
    params: { total: params, active: null, source: SRC },
    architecture: {
      layers: 24,
      hiddenSize: 1024,
      attentionHeads: 16,
      kvHeads: 16,
      headDim: 64,
      vocabSize: 30522,
      ffnSize: 4096,
      maxContext,
      tiedEmbeddings: true,
      gatedFfn: false,
      slidingWindow: null,
      moe: null,
      mla: null,
      encoderOnly: true,
      source: SRC,
    },
    license: { id: 'mit', commercial: 'yes', terms: 'MIT', source: SRC },
    useCases: ['embedding', 'rag'],
    strengths: 'fixture',
    dimensions: 1024,
    ollama: [{ tag, quant: 'F16', sizeBytes: 670_000_000, source: SRC }],
    hf: { repo: `org/${id}`, ggufRepo: `gguf-org/${id}-GGUF`, ggufQuants: ['F16', 'Q8_0'], gated: false, source: SRC },
    ggufFiles: [],
  };
}

function api(
  id: string,
  provider: string,
  tier: ApiModel['tier'],
  inUsd: number,
  outUsd: number,
  contextWindow: number,
  useCases: ApiModel['useCases'],
  extra: Partial<ApiModel> = {},
): ApiModel {
  return {
    id,
    name: id,
    family: provider,
    released: '2025-01',
    supersededBy: null,
    quality: [],
    sources: [],
    type: 'api',
    litellmId: id,
    provider,
    envVar: `${provider.toUpperCase()}_API_KEY`,
    usdPerMillionInput: inUsd,
    usdPerMillionOutput: outUsd,
    usdPerMillionCachedInput: null,
    contextWindow,
    maxOutputTokens: null,
    capabilities: { vision: false, tools: true, reasoning: false },
    useCases,
    tier,
    tierSource: SRC,
    asOf: '2026-07-18',
    deprecated: false,
    retired: false,
    priceSource: SRC,
    aliases: [],
    lineup: null,
    ...extra,
  };
}

const ALL_TEXT: LocalModel['useCases'] = ['chat', 'rag', 'extraction', 'summarization'];

export const LOCAL_MODELS: LocalModel[] = [
  local({ id: 'tiny-1b', params: 1.2e9, layers: 16, kvHeads: 8, useCases: ['chat'], tags: { Q8_0: 'tiny:1b-q8_0', Q4_K_M: 'tiny:1b' } }),
  local({
    id: 'small-8b',
    params: 8e9,
    layers: 32,
    kvHeads: 8,
    useCases: ALL_TEXT,
    commercial: 'restricted',
    quality: [
      { metric: 'arena', value: 1200 },
      { metric: 'oll', value: 25 },
    ],
    tags: { Q4_K_M: 'small:8b', Q8_0: 'small:8b-q8_0' },
  }),
  local({
    id: 'small-8b-old',
    params: 8e9,
    layers: 32,
    kvHeads: 8,
    useCases: ALL_TEXT,
    supersededBy: 'small-8b',
    // Scores above its successor on purpose: the successor must still rank first.
    quality: [
      { metric: 'arena', value: 1210 },
      { metric: 'oll', value: 26 },
    ],
    tags: { Q4_K_M: 'small:8b-old' },
  }),
  local({
    id: 'mid-14b',
    params: 14.7e9,
    layers: 48,
    kvHeads: 8,
    useCases: [...ALL_TEXT, 'code'],
    quality: [
      { metric: 'arena', value: 1250 },
      { metric: 'oll', value: 38 },
    ],
    tags: { Q4_K_M: 'mid:14b', Q8_0: 'mid:14b-q8_0' },
  }),
  local({ id: 'coder-7b', params: 7.6e9, layers: 28, kvHeads: 4, useCases: ['code'], tags: { Q4_K_M: 'coder:7b' } }),
  local({ id: 'coder-32b', params: 32.8e9, layers: 64, kvHeads: 8, useCases: ['code'], tags: { Q4_K_M: 'coder:32b' } }),
  local({
    id: 'big-70b',
    params: 70.6e9,
    layers: 80,
    kvHeads: 8,
    useCases: ALL_TEXT,
    commercial: 'restricted',
    quality: [
      { metric: 'arena', value: 1290 },
      { metric: 'oll', value: 45 },
    ],
    tags: { Q4_K_M: 'big:70b' },
  }),
  local({
    id: 'nc-12b',
    params: 12e9,
    layers: 40,
    kvHeads: 8,
    useCases: ALL_TEXT,
    commercial: 'no',
    quality: [{ metric: 'arena', value: 1280 }],
    tags: { Q4_K_M: 'nc:12b' },
  }),
  local({
    id: 'long-8b',
    params: 7.6e9,
    layers: 28,
    kvHeads: 4,
    maxContext: 1_000_000,
    useCases: ['chat', 'long-context', 'summarization'],
    ggufRepo: 'gguf-org/long-8b-GGUF',
    ggufQuants: ['Q4_K_M', 'Q6_K'],
  }),
  local({
    id: 'short-7b',
    params: 7e9,
    layers: 32,
    kvHeads: 8,
    maxContext: 4096,
    useCases: ['chat'],
    quality: [{ metric: 'oll', value: 20 }],
    tags: { Q4_K_M: 'short:7b' },
  }),
  local({ id: 'moe-30b', params: 30.5e9, active: 3.3e9, layers: 48, kvHeads: 4, useCases: ['chat', 'code', 'rag'], tags: { Q4_K_M: 'moe:30b' } }),
];

export const EMBEDDING_MODELS: EmbeddingModel[] = [
  embedding('embed-large', 335e6, 512, 64.2, 'embed-large'),
  embedding('embed-m3', 568e6, 8192, 62, 'embed-m3'),
  embedding('embed-nomic', 137e6, 8192, 62.4, 'embed-nomic'),
];

export const API_MODELS: ApiModel[] = [
  api('gpt-x', 'openai', 'frontier', 2.5, 10, 128000, ['chat', 'code', 'rag', 'extraction', 'summarization']),
  api('claude-x', 'anthropic', 'frontier', 3, 15, 200000, ['chat', 'code', 'rag', 'extraction', 'summarization', 'long-context']),
  api('mini-x', 'openai', 'budget', 0.15, 0.6, 128000, ['chat', 'rag', 'extraction', 'summarization']),
  api('gemini/long-x', 'gemini', 'high', 1.25, 10, 2_000_000, ['chat', 'long-context', 'summarization', 'rag']),
  api('old-x', 'openai', 'high', 10, 30, 8192, ['chat'], { retired: true }),
  api('dep-x', 'anthropic', 'mid', 0.8, 4, 200000, ['chat', 'code'], { deprecated: true }),
  api('embed-api', 'openai', 'mid', 0.02, 0, 8191, ['embedding']),
];

/**
 * The fixtures' quality signals as benchmark results (the catalog's `scores`):
 * arena → LMArena text (2026-03-29 snapshot), oll → Open LLM Leaderboard v2,
 * mteb_average → MTEB(eng, v2) Retrieval; API models get an arena score here.
 */
const METRIC_AS: Record<string, { benchmark: string; variant: string }> = {
  arena: { benchmark: 'LMArena text', variant: 'text overall' },
  oll: { benchmark: 'Open LLM Leaderboard v2', variant: 'average' },
  mteb_average: { benchmark: 'MTEB(eng, v2)', variant: 'Retrieval mean' },
};
const API_ARENA: Record<string, number> = { 'gpt-x': 1450, 'claude-x': 1460, 'mini-x': 1300, 'gemini/long-x': 1400, 'dep-x': 1320, 'old-x': 1280 };

export function fixtureScores(models: readonly Model[]): ScoreEntry[] {
  return models.flatMap((m) => {
    const results = m.quality.flatMap((q) => {
      const as = METRIC_AS[q.metric];
      return as ? [{ ...as, value: q.value, asOf: '2026-03-29', source: SRC, primary: true }] : [];
    });
    const arena = API_ARENA[m.id];
    if (arena !== undefined) results.push({ ...METRIC_AS.arena!, value: arena, asOf: '2026-03-29', source: SRC, primary: true });
    if (m.id === 'embed-api') results.push({ ...METRIC_AS.mteb_average!, value: 60, asOf: '2026-03-29', source: SRC, primary: true });
    return results.length > 0 ? [{ id: m.id, aliases: [], results }] : [];
  });
}

export function fixtureCatalog(extra: Partial<Catalog> = {}): Catalog {
  const models = [...LOCAL_MODELS, ...EMBEDDING_MODELS, ...API_MODELS, ...(extra.models ?? [])];
  return {
    models,
    gpus: extra.gpus ?? [],
    quants: extra.quants ?? QUANTS,
    engines: extra.engines ?? ENGINES,
    scores: extra.scores ?? fixtureScores(models),
  };
}

const OVERHEAD = 0.5 * GIB;

export function fakeBpw(quantId: string): number {
  const q = QUANTS.find((x) => x.id === quantId);
  if (!q) throw new Error(`fake estimator: unknown quant ${quantId}`);
  return q.bitsPerWeight;
}

/** weights = params × bpw / 8; KV = 2 × layers × ctx × kvHeads × headDim × bytes; 0.5 GiB overhead. */
export const fakeEstimator: EstimatorPort = {
  place(model: RunnableModel, quantId: string, ctx: number, kv: KvCacheType, budget: MemoryBudget | null): PlacementPlan {
    const a = model.architecture;
    const weightsBytes = (model.params.total * fakeBpw(quantId)) / 8;
    const kvBytesPer = kv === 'f16' ? 2 : kv === 'q8_0' ? 34 / 32 : 18 / 32;
    const kvCacheBytes = a.encoderOnly ? 0 : 2 * a.layers * ctx * a.kvHeads * a.headDim * kvBytesPer;
    const totalBytes = weightsBytes + kvCacheBytes + OVERHEAD;
    const nonLayerBytes = weightsBytes * 0.05;
    const perLayerBytes = (weightsBytes - nonLayerBytes) / a.layers;
    const active = model.params.active ?? model.params.total;
    const weights = {
      totalBytes: weightsBytes,
      bytesReadPerToken: (weightsBytes * active) / model.params.total,
      perLayerBytes,
      nonLayerBytes,
      bitsPerWeight: fakeBpw(quantId),
    };
    const memory = { weightsBytes, kvCacheBytes, overheadBytes: OVERHEAD, totalBytes };
    const base = { memory, weights, totalLayers: a.layers };
    if (!budget) return { ...base, placement: 'gpu', gpuLayers: a.layers };
    const vram = budget.vramBytesPerGpu * budget.gpus;
    if (vram === 0) {
      return budget.ramBytes !== null && totalBytes <= budget.ramBytes
        ? { ...base, placement: 'cpu', gpuLayers: 0 }
        : { ...base, placement: 'none', gpuLayers: 0 };
    }
    if (totalBytes <= vram) return { ...base, placement: 'gpu', gpuLayers: a.layers };
    if (budget.ramBytes !== null && totalBytes <= vram + budget.ramBytes) {
      const free = vram - nonLayerBytes - kvCacheBytes - OVERHEAD;
      const gpuLayers = Math.max(0, Math.min(a.layers - 1, Math.floor(free / perLayerBytes)));
      return { ...base, placement: 'offload', gpuLayers };
    }
    return { ...base, placement: 'none', gpuLayers: 0 };
  },
  speed(input: SpeedInput) {
    const gpuRate = (0.7 * input.hardware.memoryBandwidthGBps * 1e9) / input.weights.bytesReadPerToken;
    const cpuRate = (0.7 * input.hardware.ramBandwidthGBps * 1e9) / input.weights.bytesReadPerToken;
    const f = input.totalLayers > 0 ? input.gpuLayers / input.totalLayers : 0;
    const decode = input.hardware.backend === 'cpu' ? cpuRate : 1 / (f / gpuRate + (1 - f) / cpuRate);
    return { decodeTokensPerSecond: decode, promptTokensPerSecond: decode * 20, explanation: 'fake: 70% of bandwidth / bytes per token' };
  },
  activeParams(model: RunnableModel) {
    return model.params.active ?? model.params.total;
  },
};

function gpuInfo(name: string, vramGiB: number, bandwidth: number | null, vendor: GpuInfo['vendor'] = 'nvidia', index = 0): GpuInfo {
  return {
    index,
    name,
    vendor,
    vramBytes: vramGiB * GIB,
    freeVramBytes: null,
    memoryBandwidthGBps: bandwidth,
    fp16Tflops: bandwidth ? 70 : null,
    backend: vendor === 'apple' ? 'metal' : vendor === 'amd' ? 'rocm' : 'cuda',
    catalogId: null,
    tdpWatts: bandwidth ? 350 : null,
    source: 'fixture',
  };
}

/** A planned card: usable = memory − 1 GiB reserve, 64 GiB RAM at 50 GB/s. */
export function gpuPlan(vramGiB: number, opts: { bandwidth?: number | null; gpus?: number; ramGiB?: number; name?: string; vendor?: GpuInfo['vendor'] } = {}): HardwarePlan {
  const gpus = opts.gpus ?? 1;
  const bandwidth = opts.bandwidth === undefined ? 900 : opts.bandwidth;
  const ram = (opts.ramGiB ?? 64) * GIB;
  return {
    origin: 'catalog',
    gpus: Array.from({ length: gpus }, (_, i) => gpuInfo(opts.name ?? `Test GPU ${vramGiB} GB`, vramGiB, bandwidth, opts.vendor ?? 'nvidia', i)),
    ram: { totalBytes: ram, freeBytes: ram, bandwidthGBps: 50 },
    cpu: { model: 'test cpu', cores: 8 },
    unifiedMemory: opts.vendor === 'apple',
    budget: { vramBytesPerGpu: (vramGiB - 1) * GIB, gpus, ramBytes: ram - 8 * GIB, unifiedMemory: opts.vendor === 'apple' },
    budgetExplanation: 'fixture: card memory minus 1 GiB',
    warnings: [],
  };
}

export function cpuPlan(ramGiB: number): HardwarePlan {
  const ram = ramGiB * GIB;
  return {
    origin: 'flags',
    gpus: [],
    ram: { totalBytes: ram, freeBytes: ram, bandwidthGBps: 50 },
    cpu: { model: 'test cpu', cores: 8 },
    unifiedMemory: false,
    budget: { vramBytesPerGpu: 0, gpus: 0, ramBytes: ram - 4 * GIB, unifiedMemory: false },
    budgetExplanation: 'fixture: RAM minus 4 GiB',
    warnings: [],
  };
}

export function unknownPlan(): HardwarePlan {
  return {
    origin: 'none',
    gpus: [],
    ram: { totalBytes: null, freeBytes: null, bandwidthGBps: 50 },
    cpu: null,
    unifiedMemory: false,
    budget: null,
    budgetExplanation: 'nothing known',
    warnings: [],
  };
}
