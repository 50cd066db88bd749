// Accuracy benchmark of the memory estimator against published facts (reference/*.json):
// weights vs every published GGUF size (by model shape and by --params alone), KV cache and
// compute buffers vs llama.cpp's printed buffers. Run: node --import tsx bench/memory.ts
//
// Units: HF pages show decimal GB (1e9) and file sizes include the GGUF header (tokenizer,
// metadata); llama.cpp tables print GiB (2^30) of tensor data only. Both are compared as such.
import { readFileSync } from 'node:fs';
import type { EmbeddingModel, LocalModel } from '../src/catalog/schema.js';
import { computeBufferBytes } from '../src/estimate/overhead.js';
import { estimateKvCache } from '../src/estimate/kv-cache.js';
import type { MixOptions } from '../src/estimate/quant-mix.js';
import { resolveQuant, isGgufQuant, type GgufQuant } from '../src/estimate/quants.js';
import { shapeFromArchitecture, shapeFromModel, shapeFromParams } from '../src/estimate/shape.js';
import { paramsOf } from '../src/estimate/tensors.js';
import type { ModelShape } from '../src/estimate/types.js';
import { estimateWeights } from '../src/estimate/weights.js';
import { ggufHeaderBytesEstimate } from '../src/gguf/header-size.js';

const REF = new URL('../reference/', import.meta.url);
const readRef = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, REF), 'utf8')) as T;

interface ArchRow {
  model: string;
  total_params: { value: number | null } | null;
  num_hidden_layers: number | null;
  hidden_size: number | null;
  num_attention_heads: number | null;
  num_key_value_heads: number | null;
  head_dim: number | null;
  vocab_size: number | { value: number } | null;
  max_position_embeddings: number | Record<string, number> | null;
  intermediate_size: number | null;
  sliding_window: number | { window: number } | null;
  moe: Record<string, number> | null;
  tie_word_embeddings: boolean | null;
}
interface SizeRow {
  model: string;
  quant: string;
  size: number;
  unit: string;
  bytes_approx: number | null;
  notes: string | null;
  source: string;
}

// ---------------------------------------------------------------- shapes

type Spec = {
  /** Reference rows whose model name matches. */
  match: RegExp;
  label: string;
  /** Catalog ids tried first (data/ may hold the model). */
  catalogIds: string[];
  /** architectures.json row name, or a supplementary shape with its source. */
  arch?: string;
  supplement?: { shape: Omit<ModelShape, 'totalParams' | 'activeParams' | 'origin'>; source: string };
  /** Published parameter count, when the reference has one (else counted from the shape). */
  params?: number;
  /** Tensor bytes the shape misses (llama.cpp rope_freqs etc. are tiny; none so far). */
};

const dense = (s: Partial<ModelShape> & Pick<ModelShape, 'layers' | 'hiddenSize' | 'attentionHeads' | 'kvHeads' | 'headDim' | 'vocabSize' | 'ffnSize' | 'tiedEmbeddings'>) => ({
  maxContext: 32768,
  slidingWindow: null,
  moe: null,
  mla: null,
  encoderOnly: false,
  ...s,
});

const SPECS: Spec[] = [
  { match: /^(Meta-)?Llama-3(\.1)?-8B|^Meta-Llama-3(\.1)?-8B/i, label: 'Llama 3.x 8B', catalogIds: ['llama-3.1-8b'], arch: 'Llama 3.1 8B', params: 8.03e9 },
  { match: /Llama-3\.1-70B/i, label: 'Llama 3.1 70B', catalogIds: ['llama-3.1-70b'], arch: 'Llama 3.1 70B', params: 70.55e9 },
  { match: /^Llama-3\.2-1B/i, label: 'Llama 3.2 1B', catalogIds: ['llama-3.2-1b'], arch: 'Llama 3.2 1B', params: 1.24e9 },
  { match: /^Llama-3\.2-3B/i, label: 'Llama 3.2 3B', catalogIds: ['llama-3.2-3b'], arch: 'Llama 3.2 3B', params: 3.21e9 },
  { match: /^Qwen2(\.5)?-(Coder-)?7B/i, label: 'Qwen2/2.5 7B', catalogIds: ['qwen-2.5-7b'], arch: 'Qwen2.5 7B', params: 7.61e9 },
  { match: /^Qwen2\.5-Coder-32B/i, label: 'Qwen2.5 32B', catalogIds: ['qwen-2.5-coder-32b'], arch: 'Qwen2.5 32B' },
  {
    match: /^Qwen2\.5-3B/i,
    label: 'Qwen2.5 3B',
    catalogIds: [],
    supplement: {
      shape: dense({ layers: 36, hiddenSize: 2048, attentionHeads: 16, kvHeads: 2, headDim: 128, vocabSize: 151936, ffnSize: 11008, tiedEmbeddings: true }),
      source: 'citsjtu2020/LLM-Prof sglang/Model_Config.md @ 8434c8d1 (Qwen2.5-3B config.json copy)',
    },
  },
  {
    match: /^Qwen2\.5-1\.5B/i,
    label: 'Qwen2.5 1.5B',
    catalogIds: [],
    supplement: {
      shape: dense({ layers: 28, hiddenSize: 1536, attentionHeads: 12, kvHeads: 2, headDim: 128, vocabSize: 151936, ffnSize: 8960, tiedEmbeddings: true }),
      source: 'code-corpus model registry excerpt (Qwen/Qwen2.5-1.5B-Instruct: 28 layers, 1536, 12 heads, 2 KV, 8960, 151936); tied like Qwen2.5-3B',
    },
  },
  { match: /^Qwen3-8B/i, label: 'Qwen3 8B', catalogIds: ['qwen-3-8b'], arch: 'Qwen3 8B' },
  {
    match: /^Mistral-7B-Instruct-v0\.3/i,
    label: 'Mistral 7B v0.3',
    catalogIds: ['mistral-7b-v0.3'],
    arch: 'Mistral 7B v0.3',
  },
  {
    match: /^Mistral-7B-v0\.1/i,
    label: 'Mistral 7B v0.1',
    catalogIds: [],
    supplement: {
      shape: dense({ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, vocabSize: 32000, ffnSize: 14336, tiedEmbeddings: false }),
      source: 'reference/architectures.json Mistral 7B v0.3 notes (v0.1: vocab 32000, otherwise the same shape)',
    },
  },
  {
    match: /^gemma-2-9b/i,
    label: 'Gemma 2 9B',
    catalogIds: ['gemma-2-9b'],
    arch: 'Gemma 2 9B',
  },
  { match: /^gemma-2-27b/i, label: 'Gemma 2 27B', catalogIds: ['gemma-2-27b'], arch: 'Gemma 2 27B', params: 27.2e9 },
  { match: /^gpt-oss/i, label: 'gpt-oss 20B', catalogIds: ['gpt-oss-20b'], arch: 'gpt-oss-20b (MoE)' },
  {
    match: /^LLaMA-1\/2 7B/i,
    label: 'LLaMA 2 7B',
    catalogIds: [],
    supplement: {
      shape: dense({ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 32, headDim: 128, vocabSize: 32000, ffnSize: 11008, tiedEmbeddings: false, maxContext: 4096 }),
      source: 'code-corpus copy of https://huggingface.co/meta-llama/Llama-2-7b/blob/main/config.json (4096, 11008, 32 heads, 32 KV, vocab 32000; 32 layers)',
    },
    params: 6.74e9,
  },
];

/** Gemma 2 facts missing from architectures.json: vocab 256000, tied embeddings (Gemma2Config defaults; Tower-Plus-2B config mirror). */
const GEMMA2_VOCAB = 256000;

function num(v: number | { value: number } | Record<string, number> | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if ('value' in v && typeof v.value === 'number') return v.value;
  const vals = Object.values(v).filter((x): x is number => typeof x === 'number');
  return vals.length ? Math.min(...vals) : null;
}

function shapeFromReference(a: ArchRow): ModelShape {
  const isGemma2 = /^Gemma 2/.test(a.model);
  const layers = a.num_hidden_layers!;
  const hidden = a.hidden_size!;
  const heads = a.num_attention_heads!;
  const sliding = a.sliding_window;
  let slidingWindow: ModelShape['slidingWindow'] = null;
  if (typeof sliding === 'number' && isGemma2) slidingWindow = { window: sliding, slidingLayers: Math.floor(layers / 2) };
  else if (sliding && typeof sliding === 'object') slidingWindow = { window: sliding.window, slidingLayers: Math.floor(layers / 2) };
  const moe = a.moe
    ? {
        experts: a.moe.experts_total ?? a.moe.n_routed_experts ?? 0,
        activeExperts: a.moe.experts_active_per_token ?? 0,
        expertFfnSize: a.moe.moe_intermediate_size ?? a.intermediate_size!,
        sharedExperts: a.moe.n_shared_experts ?? 0,
        denseLayers: a.moe.first_k_dense_replace ?? 0,
      }
    : null;
  const arch = {
    layers,
    hiddenSize: hidden,
    attentionHeads: heads,
    kvHeads: a.num_key_value_heads!,
    headDim: a.head_dim ?? hidden / heads,
    vocabSize: num(a.vocab_size) ?? (isGemma2 ? GEMMA2_VOCAB : 0),
    ffnSize: a.intermediate_size!,
    maxContext: num(a.max_position_embeddings) ?? 8192,
    tiedEmbeddings: a.tie_word_embeddings ?? isGemma2,
    gatedFfn: true,
    slidingWindow,
    moe,
    mla: null,
    encoderOnly: false,
    source: 'reference/architectures.json',
  };
  // Without a published count, count the (gated) tensors; the gated/plain choice then follows.
  const family = /gpt-oss/i.test(a.model) ? 'gpt-oss' : '';
  const provisional = shapeFromArchitecture(arch, 1, null, family);
  const total = num(a.total_params?.value ?? null) ?? paramsOf(provisional);
  return shapeFromArchitecture(arch, total, null, family);
}

function loadCatalogModels(): (LocalModel | EmbeddingModel)[] {
  try {
    // The built-in catalog's models (scripts/build-catalog.mjs writes them apart from GPUs and quants).
    const text = readFileSync(new URL('../dist/catalog-models.json', import.meta.url), 'utf8');
    const models = JSON.parse(text) as { type: string }[];
    return models.filter((m): m is LocalModel | EmbeddingModel => m.type === 'local' || m.type === 'embedding');
  } catch (error) {
    // Without the built catalog the held-out rows would silently be none.
    throw new Error(`bench/memory.ts needs the built catalog (npm run build): ${(error as Error).message}`);
  }
}

interface ResolvedShape {
  shape: ModelShape;
  from: string;
  params: number;
}

function resolveShape(spec: Spec, archRows: ArchRow[], catalog: (LocalModel | EmbeddingModel)[]): ResolvedShape | null {
  const cat = catalog.find((m) => spec.catalogIds.includes(m.id));
  if (cat) {
    const shape = shapeFromModel(cat);
    return { shape, from: `catalog ${cat.id}`, params: cat.params.total };
  }
  if (spec.arch) {
    const row = archRows.find((r) => r.model === spec.arch);
    if (!row) return null;
    const shape = shapeFromReference(row);
    return { shape, from: 'architectures.json', params: spec.params ?? shape.totalParams };
  }
  if (spec.supplement) {
    const base = { ...spec.supplement.shape, totalParams: 0, activeParams: 0, origin: 'catalog' as const };
    const count = paramsOf(base);
    return { shape: { ...base, totalParams: spec.params ?? count, activeParams: spec.params ?? count }, from: 'supplement', params: spec.params ?? count };
  }
  return null;
}

// ---------------------------------------------------------------- quant names of the rows

interface RowQuant {
  quant: GgufQuant;
  mix: MixOptions;
  label: string;
}

function rowQuant(name: string, f16Embed: boolean): RowQuant | null {
  const q = name.trim();
  const direct = resolveQuant(q);
  if ('id' in direct && isGgufQuant(direct.id)) return { quant: direct.id, mix: {}, label: direct.id };
  if (/^original \(F32/i.test(q)) return { quant: 'F32', mix: {}, label: 'F32' };
  if (q === 'MXFP4_MOE') return { quant: 'MXFP4', mix: {}, label: 'MXFP4' };
  if (/^Q4_0_\d_\d$/.test(q)) return { quant: 'Q4_0', mix: {}, label: `${q} (=Q4_0 repacked)` };
  if (q === 'Q8_0-f16') return { quant: 'Q8_0', mix: { outputType: 'F16', tokenEmbeddingType: 'F16' }, label: q };
  // bartowski's _L / _XL: the base mix with Q8_0 (or f16, when noted) embedding and output.
  const l = /^(Q\d_K)_(L|XL)$/.exec(q);
  if (l) {
    const base = l[2] === 'XL' ? `${l[1]}_L` : l[1] === 'Q6_K' ? 'Q6_K' : `${l[1]}_M`;
    const resolved = resolveQuant(base === 'Q2_K_M' ? 'Q2_K' : base);
    if (!('id' in resolved) || !isGgufQuant(resolved.id)) return null;
    const t = f16Embed ? 'F16' : 'Q8_0';
    return { quant: resolved.id, mix: { outputType: t, tokenEmbeddingType: t }, label: q };
  }
  const r = resolveQuant(q.replace(/\s*\(.*\)$/, ''));
  if ('id' in r && isGgufQuant(r.id)) return { quant: r.id, mix: {}, label: r.id };
  return null;
}

// ---------------------------------------------------------------- rows

export interface WeightRow {
  model: string;
  /** A 2025-26 catalog model (issue 18): no calibration constant (GGUF header bytes, --params fit) was fitted on it. */
  heldOut?: boolean;
  /** Ollama sizes are rounded on ollama.com: the half-width of the last digit shown, as a fraction of the size. */
  rounding?: number;
  /** An Ollama blob of a vision model: it also holds the vision tower, so it is not a text-weights figure. */
  vision?: boolean;
  quant: string;
  /** What the published figure measures. */
  kind: 'file' | 'tensors';
  actualBytes: number;
  byShapeBytes: number;
  byParamsBytes: number;
  errShape: number;
  errParams: number;
  shapeFrom: string;
  source: string;
}

function actualOf(row: SizeRow): { bytes: number; kind: 'file' | 'tensors' } | null {
  switch (row.unit) {
    case 'bytes':
      return { bytes: row.size, kind: 'file' };
    case 'GB':
      return { bytes: row.size * 1e9, kind: 'file' };
    case 'MB':
      return { bytes: row.size * 1e6, kind: 'file' };
    case 'GiB':
      return { bytes: row.size * 2 ** 30, kind: 'tensors' };
    default:
      return null; // GGML-era "G": not GGUF, unit unknown
  }
}

/** Extra published weights figures: llama.cpp-printed model sizes (tensor data, GiB). */
const EXTRA: { model: string; quant: string; gib: number; source: string; params?: number }[] = [
  { model: 'Qwen2.5-7B-Instruct', quant: 'Q3_K_M', gib: 3.54, source: 'reference/bpw.json llama_cpp_logged_bpw (qwen2.5-7b-instruct)' },
  { model: 'Qwen2-7B-Instruct', quant: 'Q8_0', gib: 7.54, source: 'reference/bpw.json llama_cpp_logged_bpw (qwen2-7b-instruct)' },
  { model: 'Qwen2.5-7B (DeepSeek R1 Distill Qwen 7B)', quant: 'Q4_K_M', gib: 4.36, source: 'reference/bpw.json llama_cpp_logged_bpw' },
  { model: 'Meta-Llama-3-8B (finetune)', quant: 'Q4_K_M', gib: (281.81 + 4403.49) / 1024, source: 'reference/measured_vram.json row 1 (CPU + CUDA0 model buffers)' },
  { model: 'Qwen2-7B-Instruct', quant: 'Q8_0', gib: 7717.68 / 1024, source: 'reference/measured_vram.json row 11 (CPU model buffer, 0/29 offloaded)' },
  { model: 'Reflection-Llama-3.1-70B', quant: 'Q4_K_S', gib: (19142.56 + 563.65 + 18764.46) / 1024, source: 'reference/measured_vram.json row 8 (RPC + CPU + CUDA0 model buffers)' },
  // Outside reference/: a llama.cpp log in an Ollama PR ("model size = 37.22 GiB (4.53 BPW)", 70.55 B params).
  { model: 'Meta-Llama-3.1-70B-Instruct', quant: 'Q4_0', gib: 37.22, source: 'https://github.com/ollama/ollama/pull/6279 (log in a comment)' },
];

/** Reference rows that are not about a supported model shape or a GGUF size. */
function skipReason(row: SizeRow): string | null {
  if (actualOf(row) === null) return 'GGML-era size, unit not stated';
  return null;
}

export interface MemoryBenchResult {
  rows: WeightRow[];
  /** Ollama library sizes of the held-out models (rounded on ollama.com). */
  ollama: WeightRow[];
  skipped: { model: string; quant: string; why: string }[];
  kv: { what: string; predictedMiB: number; measuredMiB: number }[];
  compute: { what: string; predictedMiB: number; measuredMiB: number; note: string }[];
}

/**
 * The 2025-26 models added for issue 18. Their published sizes are held out: the estimator's two fitted
 * constants (GGUF header bytes per vocabulary entry, src/gguf/header-size.ts; the --params shape fit,
 * src/estimate/shape.ts SYNTH) were fitted before these rows existed and are not refitted on them.
 */
export const HELD_OUT_IDS: ReadonlySet<string> = new Set([
  'glm-4.5-air', 'glm-4.5', 'glm-4.6', 'glm-4.7', 'glm-4.7-flash', 'minimax-m2', 'minimax-m2.5', 'deepseek-v3.1', 'deepseek-v3.2',
  'kimi-k2-thinking', 'llama-4-scout', 'llama-4-maverick', 'devstral-small-2-24b', 'mistral-small-3.2-24b', 'magistral-small-2509',
  'gpt-oss-safeguard-20b', 'gpt-oss-safeguard-120b', 'seed-oss-36b', 'ernie-4.5-21b-a3b', 'phi-4-mini-instruct', 'phi-4-reasoning-plus',
  'qwen3-embedding-0.6b', 'qwen3-embedding-4b', 'qwen3-embedding-8b', 'qwen3-reranker-0.6b', 'qwen3-reranker-4b', 'qwen3-reranker-8b',
  'embeddinggemma-300m', 'snowflake-arctic-embed-l-v2.0', 'jina-embeddings-v3', 'granite-embedding-english-r2',
  'granite-embedding-small-english-r2', 'mxbai-rerank-large-v2', 'olmo-3-7b', 'olmo-3-32b', 'glm-5', 'minimax-m2.1', 'minimax-m2.7',
  'kimi-k2-instruct-0905', 'lfm2-1.2b', 'lfm2-700m', 'lfm2-2.6b', 'lfm2.5-1.2b-instruct', 'gemma-3n-e4b', 'gemma-3n-e2b',
  'nemotron-nano-9b-v2', 'granite-4.0-h-micro', 'granite-4.0-micro', 'lfm2-24b-a2b', 'qwen-3.5-2b',
  'mistral-small-4-119b',
]);

/** 2025-26 rows whose missing shape facts (FFN width, tied head, vocabulary) were chosen to reproduce their published file: a fit, not a test. */
export const SHAPE_FITTED_IDS: ReadonlySet<string> = new Set(['ministral-3-3b', 'ministral-3-8b', 'ministral-3-14b', 'devstral-2-123b']);

/** ollama.com shows sizes with 2-3 significant digits ("15GB", "2.5GB", "639MB"): half of the last digit shown, relative. */
export function ollamaRounding(bytes: number): number {
  let unit = 1e6;
  while (unit * 10 <= bytes / 10 && bytes % (unit * 10) === 0) unit *= 10;
  return unit / 2 / bytes;
}

const MODEL_70B_SHAPE = (archRows: ArchRow[]) => shapeFromReference(archRows.find((r) => r.model === 'Llama 3.1 70B')!);

export function collectMemoryBench(): MemoryBenchResult {
  const archRows = readRef<{ models: ArchRow[] }>('architectures.json').models;
  const sizes = readRef<{ sizes: SizeRow[] }>('gguf_sizes.json').sizes;
  const catalog = loadCatalogModels();
  const rows: WeightRow[] = [];
  const skipped: MemoryBenchResult['skipped'] = [];

  // bartowski's early gemma-2-27b README notes "f16 embed/output" for its _L files (one row carries the note).
  const f16Sources = new Set(sizes.filter((r) => r.notes && /f16 embed/i.test(r.notes)).map((r) => r.source));
  const add = (model: string, quantName: string, f16Embed: boolean, actual: { bytes: number; kind: 'file' | 'tensors' }, source: string) => {
    const spec = SPECS.find((s) => s.match.test(model));
    if (!spec) return skipped.push({ model, quant: quantName, why: 'no shape for this model in the catalog or reference files' });
    const resolved = resolveShape(spec, archRows, catalog);
    if (!resolved) return skipped.push({ model, quant: quantName, why: 'shape incomplete' });
    const q = rowQuant(quantName, f16Embed);
    if (!q) return skipped.push({ model, quant: quantName, why: 'not a quantization the estimator models' });
    const header = actual.kind === 'file' ? ggufHeaderBytesEstimate(resolved.shape.vocabSize) : 0;
    const byShape = estimateWeights(resolved.shape, q.quant, q.mix).totalBytes + header;
    const pShape = shapeFromParams(resolved.params / 1e9);
    const byParams = estimateWeights(pShape, q.quant, q.mix).totalBytes + (actual.kind === 'file' ? ggufHeaderBytesEstimate(pShape.vocabSize) : 0);
    rows.push({
      model,
      quant: q.label,
      kind: actual.kind,
      actualBytes: actual.bytes,
      byShapeBytes: byShape,
      byParamsBytes: byParams,
      errShape: byShape / actual.bytes - 1,
      errParams: byParams / actual.bytes - 1,
      shapeFrom: `${spec.label} (${resolved.from})`,
      source,
    });
    return undefined;
  };

  for (const row of sizes) {
    const why = skipReason(row);
    if (why) {
      skipped.push({ model: row.model, quant: row.quant, why });
      continue;
    }
    add(row.model, row.quant, f16Sources.has(row.source), actualOf(row)!, row.source);
  }
  // Published files recorded in the catalog (data/models/*.yaml ggufFiles) that the reference rows do not already hold.
  const seen = new Set(sizes.map((r) => `${r.quant}|${Math.round(actualOf(r)?.bytes ?? 0)}`));
  for (const m of catalog) {
    for (const f of m.ggufFiles) {
      if (seen.has(`${f.quant}|${f.bytes}`)) continue;
      const q = rowQuant(f.quant, false);
      if (!q) {
        skipped.push({ model: m.id, quant: f.quant, why: 'not a quantization the estimator models' });
        continue;
      }
      const shape = shapeFromModel(m);
      const header = ggufHeaderBytesEstimate(shape.vocabSize);
      const byShape = estimateWeights(shape, q.quant, q.mix).totalBytes + header;
      const pShape = shapeFromParams(m.params.total / 1e9);
      const byParams = estimateWeights(pShape, q.quant, q.mix).totalBytes + ggufHeaderBytesEstimate(pShape.vocabSize);
      rows.push({
        heldOut: HELD_OUT_IDS.has(m.id),
        model: `${m.id} (catalog)`,
        quant: q.label,
        kind: 'file',
        actualBytes: f.bytes,
        byShapeBytes: byShape,
        byParamsBytes: byParams,
        errShape: byShape / f.bytes - 1,
        errParams: byParams / f.bytes - 1,
        shapeFrom: `catalog ${m.id}${SHAPE_FITTED_IDS.has(m.id) ? ' (shape fitted to this file)' : ''}`,
        source: f.source,
      });
    }
  }
  for (const e of EXTRA) add(e.model, e.quant, false, { bytes: e.gib * 2 ** 30, kind: 'tensors' }, e.source);
  // Ollama library download sizes of the held-out models (text weights; vision models' blobs also hold the projector).
  const ollama: WeightRow[] = [];
  for (const m of catalog) {
    if (!HELD_OUT_IDS.has(m.id)) continue;
    const seenTag = new Set<string>();
    for (const t of m.ollama) {
      const key = `${t.quant}|${t.sizeBytes}`;
      if (seenTag.has(key)) continue; // aliases (name:latest) of the same blob
      seenTag.add(key);
      const q = rowQuant(t.quant, false);
      if (!q) continue;
      // A vision model's blob, or a tag whose source says its blob holds the vision tower (natively multimodal models).
      const visionBlob = m.useCases.includes('vision') || /vision tower/.test(t.source);
      const shape = shapeFromModel(m);
      const byShape = estimateWeights(shape, q.quant, q.mix).totalBytes + ggufHeaderBytesEstimate(shape.vocabSize);
      const pShape = shapeFromParams(m.params.total / 1e9);
      const byParams = estimateWeights(pShape, q.quant, q.mix).totalBytes + ggufHeaderBytesEstimate(pShape.vocabSize);
      ollama.push({
        heldOut: true,
        rounding: ollamaRounding(t.sizeBytes),
        model: t.tag,
        vision: visionBlob,
        quant: q.label,
        kind: 'file',
        actualBytes: t.sizeBytes,
        byShapeBytes: byShape,
        byParamsBytes: byParams,
        errShape: byShape / t.sizeBytes - 1,
        errParams: byParams / t.sizeBytes - 1,
        shapeFrom: `catalog ${m.id}${visionBlob ? '; blob holds the vision tower too' : ''}`,
        source: t.source,
      });
    }
  }
  // KV cache vs llama.cpp's printed KV buffers.
  const llama8 = shapeFromReference(archRows.find((r) => r.model === 'Llama 3.1 8B')!);
  const MiB = 2 ** 20;
  const phi2: ModelShape = {
    // Phi-2 shape as stated in the measured_vram.json row notes (32 layers, 2560 wide, multi-head, 32 heads of 80).
    ...dense({ layers: 32, hiddenSize: 2560, attentionHeads: 32, kvHeads: 32, headDim: 80, vocabSize: 51200, ffnSize: 10240, tiedEmbeddings: false }),
    totalParams: 2.7e9,
    activeParams: 2.7e9,
    origin: 'catalog',
  };
  const kv = [
    { what: 'Llama 3 8B, ctx 512', shape: llama8, ctx: 512, measured: 64 },
    { what: 'Llama 3.1 8B, ctx 8192', shape: llama8, ctx: 8192, measured: 1024 },
    { what: 'Llama 3.1 8B, ctx 131072 (CPU)', shape: llama8, ctx: 131072, measured: 16384 },
    { what: 'Llama 3.1 8B, ctx 131072 (Metal)', shape: llama8, ctx: 131072, measured: 16384 },
    { what: 'Phi-2, ctx 8192', shape: phi2, ctx: 8192, measured: 2560 },
  ].map((k) => ({ what: k.what, predictedMiB: estimateKvCache(k.shape, k.ctx, 'f16').bytes / MiB, measuredMiB: k.measured }));

  const llama70 = MODEL_70B_SHAPE(archRows);
  const compute = [
    { what: 'Llama 3 8B, ctx 512, no FA (CUDA)', shape: llama8, ctx: 512, measured: 258.5, note: 'logits peak' },
    { what: 'Llama 3.1 8B, ctx 131072, no FA (CPU)', shape: llama8, ctx: 131072, measured: 8480.01, note: 'K·Q peak' },
    { what: 'Llama 3.1 8B, ctx 131072, no FA (Metal)', shape: llama8, ctx: 131072, measured: 8480.0, note: 'K·Q peak' },
    { what: 'Llama 3.x 70B, ctx 8192 (per device)', shape: llama70, ctx: 8192, measured: 1104.0, note: 'K·Q peak; flash_attn not printed, taken as off' },
    { what: 'Phi-2, ctx 8192, no FA', shape: phi2, ctx: 8192, measured: 563.0, note: 'Ollama, 4 slots sharing 8192 cells' },
  ].map((c) => {
    const kvc = estimateKvCache(c.shape, c.ctx, 'f16');
    return { what: c.what, predictedMiB: computeBufferBytes(c.shape, kvc, { flashAttn: false, kvType: 'f16' }) / MiB, measuredMiB: c.measured, note: c.note };
  });
  return { rows, ollama, skipped, kv, compute };
}

// ---------------------------------------------------------------- report

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
const abs = (x: number) => `${(x * 100).toFixed(2)}%`;
const gb = (b: number) => (b / 1e9).toFixed(3);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

export function summarize(rows: WeightRow[]) {
  const shape = rows.map((r) => Math.abs(r.errShape));
  const params = rows.map((r) => Math.abs(r.errParams));
  return {
    n: rows.length,
    shapeMedian: quantile(shape, 0.5),
    shapeP90: quantile(shape, 0.9),
    paramsMedian: quantile(params, 0.5),
    paramsP90: quantile(params, 0.9),
  };
}

function weightTable(out: string[], rows: WeightRow[], withRounding = false): void {
  out.push(`${pad('model', 40)} ${pad('quant', 22)} ${pad('kind', 7)} ${lpad('actual GB', 10)} ${lpad('shape GB', 10)} ${lpad('err', 8)} ${lpad('params GB', 10)} ${lpad('err', 8)}  ${withRounding ? `${lpad('shown ±', 8)}  ` : ''}shape from`);
  for (const r of rows) {
    out.push(
      `${pad(r.model.slice(0, 40), 40)} ${pad(r.quant.slice(0, 22), 22)} ${pad(r.kind, 7)} ${lpad(gb(r.actualBytes), 10)} ${lpad(gb(r.byShapeBytes), 10)} ${lpad(pct(r.errShape), 8)} ${lpad(gb(r.byParamsBytes), 10)} ${lpad(pct(r.errParams), 8)}  ${withRounding ? `${lpad(abs(r.rounding ?? 0), 8)}  ` : ''}${r.shapeFrom}`,
    );
  }
}

/** |error| beyond the rounding of the published figure (0 when the estimate lies within what the page could mean). */
export function errorBeyondRounding(r: WeightRow): number {
  return Math.max(0, Math.abs(r.errShape) - (r.rounding ?? 0));
}

export function runMemoryBench(): string {
  const { rows: all, ollama, skipped, kv, compute } = collectMemoryBench();
  const rows = all.filter((r) => !r.heldOut);
  const heldOut = all.filter((r) => r.heldOut);
  const out: string[] = [];
  out.push('Weights: estimate vs published size (file = HF size incl. GGUF header; tensors = llama.cpp-printed model size)');
  out.push('Calibration rows (the GGUF header constant and the --params fit were fitted on these; "shape fitted" rows chose a missing FFN width / head / vocabulary):');
  weightTable(out, rows);
  out.push('');
  out.push('Per quant type (median |error|):');
  const byQuant = new Map<string, WeightRow[]>();
  for (const r of rows) {
    const key = r.quant.split(' ')[0]!;
    byQuant.set(key, [...(byQuant.get(key) ?? []), r]);
  }
  out.push(`${pad('quant', 12)} ${lpad('rows', 5)} ${lpad('by shape', 10)} ${lpad('by params', 10)}`);
  for (const [q, rs] of [...byQuant.entries()].sort()) {
    const s = summarize(rs);
    out.push(`${pad(q, 12)} ${lpad(String(s.n), 5)} ${lpad(abs(s.shapeMedian), 10)} ${lpad(abs(s.paramsMedian), 10)}`);
  }
  out.push('');
  const s = summarize(rows);
  out.push(`Calibration summary over ${s.n} rows (|error|): by shape median ${abs(s.shapeMedian)}, p90 ${abs(s.shapeP90)} (targets 1.5%, 3%); by --params median ${abs(s.paramsMedian)}, p90 ${abs(s.paramsP90)} (target median 3%)`);
  out.push('');
  out.push('Held out: 2025-26 models (issue 18), exact or near-exact published files; no constant was fitted on them');
  weightTable(out, heldOut);
  const h = summarize(heldOut);
  out.push(`Held-out summary over ${h.n} rows (|error|): by shape median ${abs(h.shapeMedian)}, p90 ${abs(h.shapeP90)}, max ${abs(Math.max(...heldOut.map((r) => Math.abs(r.errShape))))}; within 1%: ${heldOut.filter((r) => Math.abs(r.errShape) <= 0.01).length} of ${h.n}`);
  out.push('');
  out.push('Held out: Ollama library sizes of the same models (ollama.com rounds to 2-3 digits: "shown ±" is half the last digit). Ollama quantizes with its own tool, so its mix can differ from llama-quantize');
  weightTable(out, ollama, true);
  const text = ollama.filter((r) => !r.vision);
  const beyond = text.map(errorBeyondRounding);
  out.push(`Ollama summary over ${text.length} text-only rows: |error| beyond the rounding median ${abs(quantile(beyond, 0.5))}, p90 ${abs(quantile(beyond, 0.9))}; within rounding + 1%: ${beyond.filter((e) => e <= 0.01).length} of ${text.length}`);
  out.push(`Skipped ${skipped.length} rows:`);
  const reasons = new Map<string, string[]>();
  for (const k of skipped) reasons.set(k.why, [...(reasons.get(k.why) ?? []), `${k.model} ${k.quant}`]);
  for (const [why, items] of reasons) out.push(`  ${items.length} × ${why}: ${items.slice(0, 6).join('; ')}${items.length > 6 ? '; …' : ''}`);
  out.push('');
  out.push('KV cache: estimate vs llama.cpp KV buffer (reference/measured_vram.json)');
  for (const k of kv) out.push(`  ${pad(k.what, 40)} predicted ${lpad(k.predictedMiB.toFixed(2), 9)} MiB  measured ${lpad(k.measuredMiB.toFixed(2), 9)} MiB  ${pct(k.predictedMiB / k.measuredMiB - 1)}`);
  out.push('');
  out.push('Compute buffer: model vs llama.cpp compute buffer (reference/measured_vram.json)');
  for (const c of compute) out.push(`  ${pad(c.what, 40)} predicted ${lpad(c.predictedMiB.toFixed(2), 9)} MiB  measured ${lpad(c.measuredMiB.toFixed(2), 9)} MiB  ${pct(c.predictedMiB / c.measuredMiB - 1)}  (${c.note})`);
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${runMemoryBench()}\n`);
}
