// The shipped catalog (data/**/*.yaml): valid, complete, sourced.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import { findGpu } from '../../src/catalog/gpu-match.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import { paramsOf, tensorsOf } from '../../src/estimate/tensors.js';
import { estimateWeights } from '../../src/estimate/weights.js';
import { ggufHeaderBytesEstimate } from '../../src/gguf/header-size.js';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const result = buildCatalog(DATA);
const catalog = result.value!;

describe('shipped catalog', () => {
  it('validates with no errors', () => {
    expect(result.errors).toEqual([]);
  });

  // Every model the guide names must be present (issue 3).
  it.each([
    'llama-3.1-8b', 'llama-3.1-70b', 'mistral-7b-v0.3', 'mixtral-8x7b', 'qwen-2.5-7b', 'qwen-2.5-14b', 'qwen-2.5-72b',
    'phi-3-medium-14b', 'deepseek-coder-v2-lite', 'qwen-2.5-coder-14b', 'codellama-34b', 'starcoder2-15b', 'yi-34b-200k',
    'bge-large-en-v1.5', 'bge-m3', 'nomic-embed-text-v1.5', 'mxbai-embed-large-v1',
  ])('has the guide model %s', (id) => {
    expect(catalog.models.map((m) => m.id)).toContain(id);
  });

  it.each([
    ['Claude 3.5 Sonnet', /claude-3-5-sonnet/], ['GPT-4o', /^gpt-4o$/], ['Gemini 1.5 Pro', /gemini-1\.5-pro/],
    ['Claude 3 Opus', /claude-3-opus/], ['GPT-4o-mini', /^gpt-4o-mini$/], ['Claude 3 Haiku', /claude-3-haiku/],
    ['Gemini 1.5 Flash', /gemini-1\.5-flash/], ['DeepSeek chat', /deepseek-chat/], ['o1', /(^|\/)o1($|-)/], ['Command R+', /command-r-plus/],
  ])('has the guide API model %s', (_name, pattern) => {
    expect(catalog.models.some((m) => m.type === 'api' && pattern.test(m.id))).toBe(true);
  });

  it('has 40 or more GPUs, and every guide card resolves by loose name', () => {
    expect(catalog.gpus.length).toBeGreaterThanOrEqual(40);
    for (const name of ['3060', '3080', '3090', 'RTX 4090', 'NVIDIA GeForce RTX 5090', 'rtx-3090', 'A6000', 'L40S', 'H100', 'H200', 'MI300X', '7900 XTX', 'M3 Max', 'M4 Pro']) {
      const m = findGpu(catalog.gpus, name);
      expect(m && 'gpu' in m, `${name} resolves to one GPU`).toBe(true);
    }
  });

  it.each([
    ['4060', 'rtx-4060'], ['4060 Ti 8GB', 'rtx-4060-ti-8gb'], ['3070', 'rtx-3070'], ['RTX 4070 Super', 'rtx-4070-super'],
    ['7900 XT', 'rx-7900-xt'], ['7900 XTX', 'rx-7900-xtx'], ['NVIDIA H100 PCIe', 'h100-pcie'], ['Arc A770', 'arc-a770-16gb'],
  ])('"%s" is %s, not a look-alike', (name, id) => {
    const m = findGpu(catalog.gpus, name);
    expect(m && 'gpu' in m ? m.gpu.id : m).toBe(id);
  });

  it('knows every GGUF type people download and the guide short forms', () => {
    const ids = new Set(catalog.quants.map((q) => q.id));
    for (const q of ['F32', 'F16', 'BF16', 'Q8_0', 'Q6_K', 'Q5_K_M', 'Q5_K_S', 'Q5_0', 'Q5_1', 'Q4_K_M', 'Q4_K_S', 'Q4_0', 'Q4_1', 'Q3_K_L', 'Q3_K_M', 'Q3_K_S', 'Q2_K', 'IQ4_XS', 'IQ4_NL', 'IQ3_M', 'IQ3_S', 'IQ3_XS', 'IQ3_XXS', 'IQ2_M', 'IQ2_S', 'IQ2_XS', 'IQ2_XXS', 'IQ1_M', 'IQ1_S', 'MXFP4']) {
      expect(ids.has(q), q).toBe(true);
    }
    const alias = (a: string) => catalog.quants.find((q) => q.aliases.map((x) => x.toLowerCase()).includes(a))?.id;
    expect(alias('q4')).toBe('Q4_K_M');
    expect(alias('q8')).toBe('Q8_0');
  });

  it('has the engines the setup commands use', () => {
    const ids = catalog.engines.map((e) => e.id);
    for (const id of ['ollama', 'llama.cpp', 'vllm', 'tgi', 'transformers']) expect(ids).toContain(id);
  });

  it('gives every numeric fact a source', () => {
    for (const m of catalog.models) {
      if (m.type === 'api') {
        expect(m.priceSource.length, m.id).toBeGreaterThan(8);
        continue;
      }
      expect(m.params.source, m.id).toBeTruthy();
      expect(m.architecture.source, m.id).toBeTruthy();
      for (const t of m.ollama) expect(t.source, `${m.id} ${t.tag}`).toBeTruthy();
      for (const q of m.quality) expect(q.source, `${m.id} ${q.metric}`).toBeTruthy();
    }
    for (const g of catalog.gpus) expect(g.source, g.id).toBeTruthy();
  });

  it('marks superseded models with a successor in the catalog', () => {
    const ids = new Set(catalog.models.map((m) => m.id));
    const superseded = catalog.models.filter((m) => m.supersededBy);
    expect(superseded.length).toBeGreaterThan(0);
    for (const m of superseded) expect(ids.has(m.supersededBy!)).toBe(true);
  });

  it('has MoE models with active parameters below the total', () => {
    const moe = catalog.models.filter((m) => m.type !== 'api' && m.architecture.moe);
    expect(moe.length).toBeGreaterThanOrEqual(3);
    for (const m of moe) if (m.type !== 'api') expect(m.params.active!).toBeLessThan(m.params.total);
  });
});

// Issue 18: the non-hybrid 2025-26 families, embeddings and rerankers (data/models/*-2026.yaml and
// the per-vendor files zhipu, minimax, moonshot, bytedance, baidu).
describe('shipped catalog, 2025-26 non-hybrid families', () => {
  const byId = new Map(catalog.models.map((m) => [m.id, m]));
  const local = (id: string) => {
    const m = byId.get(id);
    if (!m || m.type === 'api') throw new Error(`${id} is not a local model`);
    return m;
  };

  it.each([
    'glm-4.5-air', 'glm-4.5', 'glm-4.6', 'glm-4.7', 'glm-4.7-flash', 'minimax-m2', 'minimax-m2.5', 'deepseek-v3.1', 'deepseek-v3.2',
    'kimi-k2-thinking', 'llama-4-scout', 'llama-4-maverick', 'devstral-small-2-24b', 'mistral-small-3.2-24b', 'magistral-small-2509',
    'gpt-oss-safeguard-20b', 'gpt-oss-safeguard-120b', 'seed-oss-36b', 'ernie-4.5-21b-a3b', 'phi-4-mini-instruct', 'phi-4-reasoning-plus',
    'ministral-3-3b', 'ministral-3-8b', 'ministral-3-14b', 'devstral-2-123b', 'olmo-3-7b', 'olmo-3-32b', 'glm-5', 'minimax-m2.1', 'minimax-m2.7',
    'kimi-k2-instruct-0905', 'granite-4.0-h-micro', 'granite-4.0-micro', 'lfm2-24b-a2b', 'qwen-3.5-2b', 'mistral-small-4-119b',
  ])('has %s, released 2025 or later, with its licence, repo and sources', (id) => {
    const m = local(id);
    expect(m.type).toBe('local');
    expect(m.released >= '2025').toBe(true);
    expect(m.license.source.length).toBeGreaterThan(8);
    expect(m.hf.repo).toMatch(/\//);
    expect(m.sources.length).toBeGreaterThan(0);
  });

  it('points the older rows to their successors', () => {
    const next = (id: string) => byId.get(id)?.supersededBy;
    expect(next('glm-4.5')).toBe('glm-4.6');
    expect(next('glm-4.6')).toBe('glm-4.7');
    expect(next('minimax-m2')).toBe('minimax-m2.1');
    expect(next('minimax-m2.1')).toBe('minimax-m2.5');
    expect(next('minimax-m2.5')).toBe('minimax-m2.7');
    expect(next('deepseek-v3.1')).toBe('deepseek-v3.2');
    expect(next('mistral-small-3.1-24b')).toBe('mistral-small-3.2-24b');
  });

  it('tells rerankers from embedding models, with input length and languages', () => {
    const rerankers = ['qwen3-reranker-0.6b', 'qwen3-reranker-4b', 'qwen3-reranker-8b', 'mxbai-rerank-large-v2'];
    const embedders = ['qwen3-embedding-0.6b', 'qwen3-embedding-4b', 'qwen3-embedding-8b', 'embeddinggemma-300m',
      'snowflake-arctic-embed-l-v2.0', 'jina-embeddings-v3', 'granite-embedding-english-r2', 'granite-embedding-small-english-r2'];
    for (const id of [...rerankers, ...embedders]) {
      const m = byId.get(id);
      expect(m?.type, id).toBe('embedding');
      if (m?.type !== 'embedding') continue;
      expect(m.role, id).toBe(rerankers.includes(id) ? 'reranker' : 'embedding');
      expect(m.maxTokens, id).toBeGreaterThan(0);
      if (m.role === 'reranker') expect(m.dimensions, id).toBe(1);
    }
    const q8 = byId.get('qwen3-embedding-8b');
    expect(q8?.type === 'embedding' && q8.languages).toEqual(['100+ languages']);
    // Rows written before the field existed stay valid and read as embedding models.
    const old = byId.get('bge-m3');
    expect(old?.type === 'embedding' && old.role).toBeUndefined();
  });

  it('Llama 4 Maverick: MoE on every second layer (interleave_moe_layer_step 2), about 400 B parameters', () => {
    const shape = shapeFromModel(local('llama-4-maverick'));
    const tensors = tensorsOf(shape);
    expect(tensors.filter((t) => t.name.endsWith('ffn_up_exps')).map((t) => t.layer)).toEqual(Array.from({ length: 24 }, (_, i) => 2 * i + 1));
    expect(tensors.find((t) => t.name === 'blk.0.ffn_up')).toMatchObject({ rows: 16384 });
    expect(paramsOf(shape) / 400e9).toBeCloseTo(1, 2);
  });

  it('GLM-4.5: the GGUF keeps the NextN block after the last layer (block_count = layers + 1)', () => {
    const air = shapeFromModel(local('glm-4.5-air'));
    const tensors = tensorsOf(air);
    expect(Math.max(...tensors.map((t) => t.layer ?? 0))).toBe(46);
    expect(tensors.some((t) => t.name === 'blk.46.nextn.eh_proj')).toBe(true);
    expect(tensors.some((t) => t.name === 'blk.46.ffn_up_exps')).toBe(true);
  });

  // Published files, exact byte counts (sources in the rows' ggufFiles); weights + the GGUF header estimate.
  it.each([
    ['seed-oss-36b', 'Q4_K_M'], ['phi-4-mini-instruct', 'Q4_K_M'], ['mistral-small-3.2-24b', 'Q4_K_M'],
    ['ernie-4.5-21b-a3b', 'Q4_K_M'], ['embeddinggemma-300m', 'Q8_0'],
    // Shape facts chosen to match these files (FFN width, tied head, vocabulary): they must keep matching.
    ['ministral-3-3b', 'Q4_K_M'], ['ministral-3-8b', 'Q4_K_M'], ['ministral-3-14b', 'Q4_K_M'], ['devstral-2-123b', 'Q4_K_M'],
  ] as const)('%s %s: the estimate is within 1%% of the published file', (id, quant) => {
    const m = byId.get(id)!;
    if (m.type === 'api') throw new Error('local model expected');
    const file = m.ggufFiles.find((f) => f.quant === quant && f.exact)!;
    const shape = shapeFromModel(m);
    const estimate = estimateWeights(shape, quant).totalBytes + ggufHeaderBytesEstimate(shape.vocabSize);
    expect(Math.abs(estimate / file.bytes - 1)).toBeLessThan(0.01);
  });
});
