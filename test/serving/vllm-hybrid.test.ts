// vLLM's cache for hybrid models whose other layers keep a fixed state (src/estimate/vllm-memory.ts
// recurrentLayout / recurrentPoolFromMemory), against four public start-up logs. Each gives the memory (or the
// block count) and what vLLM printed from it; the layout (block size, groups, blocks per request) is checked
// given that memory. Three do not state the GPU's total and the weights together; the fourth (Qwen3-Next on two
// H200) does and is also a full-pool row of test/serving/vllm-logs.ts (bench/vllm.ts).
// The last block runs the built CLI (`npm run build` first).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { LocalModel } from '../../src/catalog/schema.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import { FitDocumentSchema } from '../../src/render/fit-schema.js';
import { readGgufFile } from '../../src/gguf/read.js';
import { makeGguf, type FixtureTensor } from '../fixtures/gguf/make-gguf.js';
import { runBin } from '../helpers/bin.js';
import { recurrentBlocksPerRequest, recurrentLayout, recurrentPoolFromMemory, vllmKvBytesPerToken, vllmKvPool, vllmLogLines } from '../../src/estimate/vllm-memory.js';

const GIB = 2 ** 30;
const catalog = await loadCatalog();
const shape = (id: string) => shapeFromModel(catalog.models.find((m) => m.id === id) as LocalModel);

describe('vLLM hybrid (Gated DeltaNet + attention) layout against public logs', () => {
  it('Qwen3.5/3.6-35B-A3B, fp8 KV cache, prefix caching, vLLM v0.17.0: block 2096, 304 blocks, 159,296 tokens, 8.00x at 65,536', () => {
    // Blog post "vLLM 로그의 KV cache size 는 용량이 아니다" (2026-08-30, vLLM v0.17.0; find_string id 57769339834):
    // "Setting attention block size to 2096 tokens", "KV 6.08 GiB", "GPU KV cache size: 159,296 tokens",
    // "Maximum concurrency for 65,536 tokens per request: 8.00x"; 40 layers, 2 KV heads of 256, fp8.
    const l = recurrentLayout({ shape: shape('qwen-3.6-35b-a3b'), kvCacheDtype: 'fp8', tensorParallel: 1 })!;
    // State page: conv 3 × (2 × 16 × 128 + 32 × 128) × 2 bytes + state 32 × 128 × 128 × 4 bytes (float32).
    expect(l.statePageBytes).toBe(3 * 8192 * 2 + 32 * 128 * 128 * 4);
    expect(l).toMatchObject({ attentionLayers: 10, stateLayers: 30, attentionBytesPerToken: 1024, blockTokens: 2096, layersPerGroup: 10, attentionGroups: 1, stateGroups: 3 });
    const p = recurrentPoolFromMemory(l, 6.08 * GIB, 65536, 262144, 'align', 'per-group');
    expect(p.blocks).toBe(304);
    expect(p.kvCacheTokens).toBe(159296);
    expect(p.maxConcurrency.toFixed(2)).toBe('8.00');
    // Without prefix caching a state group takes one block: 304 ÷ 35 (the post: "1로 잡으면 8.69").
    expect(recurrentPoolFromMemory(l, 6.08 * GIB, 65536, 262144, 'none').maxConcurrency.toFixed(2)).toBe('8.69');
  });

  it('Qwen3.6-35B-A3B NVFP4, fp8 KV, prefix caching, vLLM v0.24.0: 5.98 GiB → 567,978 tokens, 4.33x at 131,072', () => {
    // noonghunna/club-3090#612 (RTX 5090): "Available KV cache memory: 5.98 GiB", "GPU KV cache size: 567,978 tokens",
    // "Maximum concurrency for 131,072 tokens per request: 4.33x"; non-default args kv_cache_dtype fp8,
    // enable_prefix_caching True, max_model_len 131072. From v0.2x the token line is int(concurrency × max_model_len).
    const l = recurrentLayout({ shape: shape('qwen-3.6-35b-a3b'), kvCacheDtype: 'fp8', tensorParallel: 1 })!;
    const p = recurrentPoolFromMemory(l, 5.98 * GIB, 131072, 262144, 'align', 'concurrency');
    expect(p.blocks).toBe(299);
    expect(recurrentBlocksPerRequest(l, 131072, 'align')).toBe(63 + 3 * 2);
    expect(p.kvCacheTokens).toBe(567978);
    expect(p.maxConcurrency.toFixed(2)).toBe('4.33');
  });

  it('Qwen3-Next-80B-A3B, TP 2, vLLM 0.10.2 defaults: block 544 (bf16 state, 1.49 % padding), 7,162 blocks, 973,760 tokens, 14.77x at 262,144', () => {
    // Public start-up log (find_string id 7292846353; the full-pool row 2xh200-qwen3-next-80b-262k in vllm-logs.ts):
    // "Setting attention block size to 544 tokens", "Padding mamba page size by 1.49%", "Available KV cache memory:
    // 44.59 GiB", "GPU KV cache size: 973,760 tokens", "Maximum concurrency for 262,144 tokens per request: 14.77x",
    // "num_gpu_blocks is: 7162". Prefix caching was disabled for hybrids then: one block per state group.
    const l = recurrentLayout({ shape: shape('qwen-3-next-80b-a3b'), kvCacheDtype: 'auto', tensorParallel: 2 })!;
    // Per rank: conv 3 × 8192 / 2 × 2 bytes + state 32 / 2 × 128 × 128 × 2 bytes (bf16: no mamba_ssm_dtype).
    expect(l.statePageBytes).toBe(3 * 4096 * 2 + 16 * 128 * 128 * 2);
    expect(l).toMatchObject({ attentionLayers: 12, stateLayers: 36, attentionBytesPerToken: 1024, blockTokens: 544, layersPerGroup: 12, attentionGroups: 1, stateGroups: 3 });
    expect(((l.pageBytes / l.statePageBytes - 1) * 100).toFixed(2)).toBe('1.49');
    const p = recurrentPoolFromMemory(l, 44.59 * GIB, 262144, 262144, 'none', 'per-group');
    expect(p.blocks).toBe(7162);
    expect(p.kvCacheTokens).toBe(973760);
    expect(p.maxConcurrency.toFixed(2)).toBe('14.77');
  });

  it('Qwen3.5-27B, 16-bit KV, vLLM v0.19.0 defaults: block 784, 290,864 tokens and 33.04x at 32,768 (1,487 blocks)', () => {
    // vllm-project/vllm#40691: "vllm serve Qwen3.5-27B ... --max-model-len 32768", "GPU KV cache size: 290,864 tokens",
    // "Maximum concurrency for 32,768 tokens per request: 33.04x". 290,864 = 371 × 784 (blocks // 4 groups × block)
    // and 33.04 = 1,487 ÷ 45: one block per state group, so prefix caching was off for the state (mode "none").
    const l = recurrentLayout({ shape: shape('qwen-3.5-27b'), kvCacheDtype: 'auto', tensorParallel: 1 })!;
    expect(l).toMatchObject({ attentionLayers: 16, stateLayers: 48, attentionBytesPerToken: 4096, blockTokens: 784, layersPerGroup: 16, attentionGroups: 1, stateGroups: 3 });
    const p = recurrentPoolFromMemory(l, 1487 * l.pageBytes * l.layersPerGroup, 32768, 262144, 'none', 'per-group');
    expect(p.kvCacheTokens).toBe(290864);
    expect(p.maxConcurrency.toFixed(2)).toBe('33.04');
  });
});

describe('vLLM hybrid pool in vllmKvPool', () => {
  const base = {
    shape: shape('qwen-3.6-35b-a3b'),
    weightsBytesPerDevice: 35 * GIB,
    totalBytesPerDevice: 79.18 * GIB,
    gpuMemoryUtilization: 0.9,
    maxModelLen: 32768,
    kvCacheDtype: 'fp8' as const,
    tensorParallel: 1,
  };

  it('K and V per token count the 10 attention layers only, not all 40', () => {
    expect(vllmKvBytesPerToken(base.shape, 'fp8', 1)).toBe(10 * 2 * 2 * 256);
    expect(vllmKvBytesPerToken(base.shape, 'auto', 1)).toBe(10 * 2 * 2 * 256 * 2);
  });

  it('the pool is blocks of 2096 tokens shared by 4 groups; the log lines follow vLLM', () => {
    const pool = vllmKvPool(base);
    const page = 2096 * 1024;
    expect(pool.blockTokens).toBe(2096);
    expect(pool.blocks).toBe(Math.floor(Math.floor(pool.availableKvBytes / page) / 10));
    expect(pool.maxConcurrency).toBeCloseTo(pool.blocks / (Math.ceil(32768 / 2096) + 3), 10);
    expect(pool.kvCacheTokens).toBe(Math.floor(pool.maxConcurrency * 32768));
    expect(pool.kvCacheBytes).toBe(pool.blocks * page * 10);
    expect(pool.stateBytesPerSequence).toBe(3 * page * 10);
    expect(pool.starts).toBe(true);
    expect(vllmLogLines(pool, 32768)[1]).toBe(`Maximum concurrency for 32,768 tokens per request: ${pool.maxConcurrency.toFixed(2)}x`);
    // The plain-attention count (all 40 layers) would hold about a quarter of the requests.
    const plain = vllmKvPool({ ...base, shape: { ...base.shape, recurrent: null } });
    expect(pool.maxConcurrency).toBeGreaterThan(3 * plain.maxConcurrency);
    // Prefix caching ("align") takes a second block per state group.
    expect(vllmKvPool({ ...base, mambaCacheMode: 'align' }).maxConcurrency).toBeCloseTo(pool.blocks / (16 + 6), 10);
  });

  it('the longest max-model-len that starts: whole attention blocks after the state blocks', () => {
    const pool = vllmKvPool({ ...base, weightsBytesPerDevice: 60 * GIB });
    const longest = (pool.blocks - 3) * 2096;
    expect(longest).toBeLessThan(262144);
    expect(pool.maxModelLen).toBe(longest);
    expect(vllmKvPool({ ...base, weightsBytesPerDevice: 60 * GIB, maxModelLen: longest }).starts).toBe(true);
    expect(vllmKvPool({ ...base, weightsBytesPerDevice: 60 * GIB, maxModelLen: longest + 1 }).starts).toBe(false);
  });

  it('Mamba2 (Granite 4.0 H) and short-conv (LFM2) hybrids get a state page in the model dtype', () => {
    for (const id of ['granite-4.0-h-small', 'granite-4.0-h-tiny', 'nemotron-nano-9b-v2', 'lfm2-1.2b', 'lfm2-8b-a1b']) {
      const s = shape(id);
      const r = s.recurrent!;
      expect(r.kind, id).not.toBe('gated-deltanet');
      const l = recurrentLayout({ shape: s, kvCacheDtype: 'auto', tensorParallel: 1 })!;
      const conv = r.kind === 'shortconv' ? (r.convKernel - 1) * s.hiddenSize : (r.convKernel - 1) * (r.innerSize + 2 * r.groups * r.stateSize);
      const ssm = r.kind === 'shortconv' ? 0 : r.stateSize * r.innerSize;
      expect(l.statePageBytes, id).toBe((conv + ssm) * 2);
      expect(l.pageBytes, id).toBeGreaterThanOrEqual(l.statePageBytes);
      expect(l.blockTokens % 16, id).toBe(0);
    }
  });
});

describe('vLLM hybrid layout from a GGUF header', () => {
  // A qwen3next file keeps its delta-rule state in bf16 under vLLM, a qwen35 file in float32 (mamba_ssm_dtype).
  async function layoutOf(arch: string) {
    const D = 256;
    const tensors: FixtureTensor[] = [
      { name: 'token_embd.weight', dims: [D, 1000], type: 'Q8_0' },
      { name: 'output_norm.weight', dims: [D], type: 'F32' },
    ];
    for (let il = 0; il < 8; il += 1) {
      if ((il + 1) % 4 === 0) {
        tensors.push({ name: `blk.${il}.attn_q.weight`, dims: [D, 256], type: 'Q8_0' }, { name: `blk.${il}.attn_k.weight`, dims: [D, 128], type: 'Q8_0' }, { name: `blk.${il}.attn_v.weight`, dims: [D, 128], type: 'Q8_0' }, { name: `blk.${il}.attn_output.weight`, dims: [256, D], type: 'Q8_0' });
      } else tensors.push({ name: `blk.${il}.ssm_in.weight`, dims: [D, 1024], type: 'Q8_0' }, { name: `blk.${il}.ssm_out.weight`, dims: [512, D], type: 'Q8_0' });
    }
    const kv = {
      'general.architecture': { str: arch },
      'general.file_type': { u32: 7 },
      [`${arch}.block_count`]: { u32: 8 },
      [`${arch}.context_length`]: { u32: 32768 },
      [`${arch}.embedding_length`]: { u32: D },
      [`${arch}.attention.head_count`]: { u32: 4 },
      [`${arch}.attention.head_count_kv`]: { u32: 2 },
      [`${arch}.attention.key_length`]: { u32: 64 },
      [`${arch}.full_attention_interval`]: { u32: 4 },
      [`${arch}.ssm.conv_kernel`]: { u32: 4 },
      [`${arch}.ssm.state_size`]: { u32: 128 },
      [`${arch}.ssm.inner_size`]: { u32: 512 },
      [`${arch}.ssm.group_count`]: { u32: 2 },
      [`${arch}.ssm.time_step_rank`]: { u32: 4 },
    };
    const path = join(mkdtempSync(join(tmpdir(), 'llm-pick-vllm-hybrid-')), `${arch}.gguf`);
    writeFileSync(path, makeGguf(kv, tensors));
    return recurrentLayout({ shape: (await readGgufFile(path)).shape, kvCacheDtype: 'auto', tensorParallel: 1 })!;
  }

  it('qwen3next: bf16 state; qwen35: float32 state; 2 attention and 6 state layers in groups of 2', async () => {
    const conv = 3 * (512 + 2 * 2 * 128) * 2;
    const next = await layoutOf('qwen3next');
    const q35 = await layoutOf('qwen35');
    expect(next.statePageBytes).toBe(conv + 128 * 512 * 2);
    expect(q35.statePageBytes).toBe(conv + 128 * 512 * 4);
    expect(next).toMatchObject({ attentionLayers: 2, stateLayers: 6, layersPerGroup: 2, attentionGroups: 1, stateGroups: 3, attentionBytesPerToken: 2 * 2 * 64 * 2 });
    expect(next.blockTokens).toBe(16 * Math.ceil(next.statePageBytes / (16 * 512)));
  });
});

describe('fit --engine vllm of a Gated DeltaNet hybrid (built CLI)', () => {
  const args = ['fit', '--model', 'qwen-3.6-35b-a3b', '--quant', 'fp8', '--engine', 'vllm', '--gpu', 'H100', '--ctx', '32768'];

  it('sizes the pool from the 10 attention layers and the 30 state pages, not 40 layers of K and V', () => {
    const r = runBin([...args, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = FitDocumentSchema.parse(JSON.parse(r.stdout)).serving!;
    // 16-bit KV: 10 layers × 2 × 2 heads × 256 × 2 bytes per token; block 16 × ⌈2,146,304 ÷ (16 × 2048)⌉ = 1056 tokens;
    // a request takes ⌈32768 ÷ 1056⌉ = 32 attention blocks + 3 state blocks of 10 pages of 2,162,688 bytes.
    const page = 1056 * 2048;
    const blocks = Math.round(s.kvCacheBytes / (page * 10));
    expect(s.kvCacheBytes).toBe(blocks * page * 10);
    expect(s.maxConcurrency).toBeCloseTo(blocks / 35, 2);
    expect(s.kvCacheTokens).toBe(Math.floor((blocks / 35) * 32768));
    expect(s.kvCacheBytesPerSlot).toBe(10 * 2048 * 32768 + 3 * page * 10);
    // The plain count (40 layers × 2 × 2 × 256 × 2 = 81,920 bytes a token) gave 479,456 tokens, 14.63 requests.
    expect(s.maxConcurrency).toBeGreaterThan(50);
    expect(s.logLines).toEqual([
      `GPU KV cache size: ${s.kvCacheTokens.toLocaleString('en-US')} tokens`,
      `Maximum concurrency for 32,768 tokens per request: ${s.maxConcurrency.toFixed(2)}x`,
    ]);
  });

  it('prints the pool and vLLM\'s log lines in the human output', () => {
    const r = runBin(args, { env: { NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/KV cache pool: [\d,]+ tokens \(\d+\.\d\d GiB\) at --gpu-memory-utilization 0\.9; 5\d\.\d\d requests of 32,768 tokens at once/);
    expect(r.stdout).toMatch(/as vLLM logs it: Maximum concurrency for 32,768 tokens per request: 5\d\.\d\dx/);
  });
});
