// Hybrid models: recurrent state and KV cache against llama.cpp's own log lines (quoted with their
// source), and against llama.cpp's formulas where no public log was found (said so in the test name).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LocalModelSchema, type LocalModel } from '../../src/catalog/schema.js';
import { estimateKvCache } from '../../src/estimate/kv-cache.js';
import { layerInfos } from '../../src/estimate/layers.js';
import { estimateMemory } from '../../src/estimate/memory.js';
import { estimateRecurrentState } from '../../src/estimate/recurrent.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import { paramsOf } from '../../src/estimate/tensors.js';
import { estimateWeights } from '../../src/estimate/weights.js';
import { LLAMA_8B } from './shapes.js';

const MiB = 2 ** 20;
const ROOT = new URL('../../data/models/', import.meta.url);

function model(file: string, id: string): LocalModel {
  const doc = parse(readFileSync(new URL(file, ROOT), 'utf8')) as { models: unknown[] };
  const raw = doc.models.find((m) => (m as { id: string }).id === id);
  if (!raw) throw new Error(`${id} not in ${file}`);
  return LocalModelSchema.parse(raw);
}

/** llama.cpp prints sizes with %.2f MiB. */
const mib2 = (bytes: number) => (bytes / MiB).toFixed(2);

describe('Gated DeltaNet hybrids (Qwen3.5 / 3.6): recurrent state as llama.cpp allocates it', () => {
  it('Qwen3.5 4B/9B shape, 1 sequence: RS 50.25 MiB = R 2.25 + S 48.00 (real llama.cpp log)', () => {
    // https://github.com/JamePeng/llama-cpp-python/issues/78 (Qwen3.5, 32 layers, every 4th skipped):
    // "llama_memory_recurrent:      CUDA0 RS buffer size =    50.25 MiB"
    // "llama_memory_recurrent: size =   50.25 MiB (     1 cells,  32 layers,  1 seqs), R (f32):    2.25 MiB, S (f32):   48.00 MiB"
    for (const id of ['qwen-3.5-9b', 'qwen-3.5-4b']) {
      const rs = estimateRecurrentState(shapeFromModel(model('qwen-2026.yaml', id)), 1);
      expect(rs.layers).toBe(24);
      expect(mib2(rs.bytes)).toBe('50.25');
      expect(mib2(rs.layers * rs.convValues * 4)).toBe('2.25');
      expect(mib2(rs.layers * rs.stateValues * 4)).toBe('48.00');
    }
  });

  it('Qwen3.5/3.6 27B shape, 3 and 2 sequences: 448.88 MiB and 299.25 MiB (real llama.cpp logs)', () => {
    // https://github.com/ggml-org/llama.cpp/pull/23792 (65-layer GGUF: 64 + 1 MTP layer, skipped):
    // "llama_memory_recurrent: size =  448.88 MiB (     3 cells,  65 layers,  3 seqs  0 rs_seq), R (f32):   16.88 MiB, S (f32):  432.00 MiB"
    // "llama_memory_recurrent: size =  299.25 MiB (     2 cells,  64 layers,  2 seqs  0 rs_seq), R (f32):   11.25 MiB, S (f32):  288.00 MiB"
    const shape = shapeFromModel(model('qwen-2026.yaml', 'qwen-3.6-27b'));
    const three = estimateRecurrentState(shape, 3);
    expect(mib2(three.bytes)).toBe('448.88');
    expect(mib2(three.layers * three.convValues * 4 * 3)).toBe('16.88');
    expect(mib2(three.layers * three.stateValues * 4 * 3)).toBe('432.00');
    const two = estimateRecurrentState(shape, 2);
    expect(mib2(two.bytes)).toBe('299.25');
    expect(mib2(two.layers * two.stateValues * 4 * 2)).toBe('288.00');
  });

  it('KV cache only for the 16 full-attention layers of 64, at 32,768 and 262,144 tokens (llama.cpp formula; no public log found)', () => {
    // llama-kv-cache.cpp: per kept layer K and V rows of n_head_kv(il) × n_embd_head = 4 × 256 f16 per cell.
    const shape = shapeFromModel(model('qwen-2026.yaml', 'qwen-3.6-27b'));
    expect(layerInfos(shape).filter((l) => l.hasKv)).toHaveLength(16);
    expect(estimateKvCache(shape, 32768).bytes / MiB).toBe(2048);
    expect(estimateKvCache(shape, 262144).bytes / MiB).toBe(16384);
    // A plain-attention formula over all 64 layers would say four times as much.
    expect(estimateKvCache(shape, 32768).bytes * 4).toBe(2 * 64 * 32768 * 4 * 256 * 2);
  });

  it('Qwen3-Next 80B: 12 attention layers of 48 and state sized by ssm_d_inner 4096, ssm_d_state 128, ssm_n_group 16 (print_info in llama.cpp#17578)', () => {
    const shape = shapeFromModel(model('qwen-2026.yaml', 'qwen-3-next-80b-a3b'));
    expect(estimateKvCache(shape, 262144).bytes / MiB).toBe(6144);
    expect(estimateRecurrentState(shape).bytes).toBe(36 * (3 * (4096 + 2 * 16 * 128) + 128 * 4096) * 4);
  });

  it('memory totals add the recurrent state, and plain attention models have none', () => {
    const shape = shapeFromModel(model('qwen-2026.yaml', 'qwen-3.6-35b-a3b'));
    const mem = estimateMemory(shape, 'Q4_K_M', { contextLength: 32768, kvType: 'f16', flashAttn: true, gpus: 1, gpuContext: true });
    expect(mem.recurrentStateBytes).toBe(estimateRecurrentState(shape).bytes);
    expect(mem.totalBytes).toBe(mem.weightsBytes + mem.kvCacheBytes + mem.recurrentStateBytes + mem.overheadBytes);
    const plain = estimateMemory(LLAMA_8B, 'Q4_K_M', { contextLength: 8192, kvType: 'f16', flashAttn: true, gpus: 1, gpuContext: true });
    expect(plain.recurrentStateBytes).toBe(0);
  });
});

describe('Mamba2 hybrids (Granite 4.0 H, Nemotron-H)', () => {
  it('Granite 4.0 H Small: 36 Mamba2 layers of (3 × (8192 + 2 × 128) + 128 × 8192) f32 = 147.48 MiB per sequence (llama.cpp formula over the print_info sizes of ollama#12982; no public RS log found)', () => {
    const shape = shapeFromModel(model('ibm.yaml', 'granite-4.0-h-small'));
    const rs = estimateRecurrentState(shape);
    expect(rs.layers).toBe(36);
    expect(rs.bytes).toBe(36 * (3 * (8192 + 2 * 1 * 128) + 128 * 8192) * 4);
    expect(mib2(rs.bytes)).toBe('147.48');
  });

  it('Granite 4.0 H Small KV cache: 4 attention layers × 8 KV heads × 128 at 4,096 and 131,072 tokens (llama.cpp formula; no public log found)', () => {
    const shape = shapeFromModel(model('ibm.yaml', 'granite-4.0-h-small'));
    expect(estimateKvCache(shape, 4096).bytes / MiB).toBe(64);
    expect(estimateKvCache(shape, 131072).bytes / MiB).toBe(2048);
  });

  it('Nemotron 3 Nano 4B: 21 Mamba2 layers (d_inner 7680, 8 groups) = 85,026,816 bytes and 64 MiB of KV at 4,096 tokens (llama.cpp formula; matches an independent derivation from the GGUF header, find_string id 59966118806)', () => {
    const shape = shapeFromModel(model('nvidia.yaml', 'nemotron-3-nano-4b'));
    expect(estimateRecurrentState(shape).bytes).toBe(85026816);
    expect(estimateKvCache(shape, 4096).bytes / MiB).toBe(64);
    expect(estimateKvCache(shape, 131072).bytes / MiB).toBe(2048);
  });

  it('Nemotron 3 Nano: the hybrid_override_pattern keeps KV in 6 layers and state in 23; MoE layers keep neither (llama.cpp formula)', () => {
    const shape = shapeFromModel(model('nvidia.yaml', 'nemotron-3-nano-30b-a3b'));
    const infos = layerInfos(shape);
    expect(infos.filter((l) => l.hasKv)).toHaveLength(6);
    expect(infos.filter((l) => l.kind === 'recurrent')).toHaveLength(23);
    expect(infos.filter((l) => l.kind === 'ffn')).toHaveLength(23);
    expect(estimateKvCache(shape, 8192).bytes / MiB).toBe(48);
    expect(estimateKvCache(shape, 262144).bytes / MiB).toBe(1536);
    expect(estimateRecurrentState(shape).bytes).toBe(23 * (3 * (4096 + 2 * 8 * 128) + 128 * 4096) * 4);
  });
});

describe('Short-convolution hybrids (LFM2)', () => {
  it('LFM2 350M: 10 conv layers × 1024 × (3 - 1) f32 of state, KV in the 6 attention layers; the tensor list sums to the published 354,483,968 parameters', () => {
    const shape = shapeFromModel(model('liquid.yaml', 'lfm2-350m'));
    expect(estimateRecurrentState(shape).bytes).toBe(10 * 1024 * 2 * 4);
    expect(estimateKvCache(shape, 32768).bytes).toBe(6 * 32768 * 2 * 8 * 64 * 2);
    expect(paramsOf(shape)).toBe(354483968);
  });
});

describe('Per-layer attention (Gemma 4)', () => {
  it('SWA cache cells follow llama.cpp: pad(n_swa × n_seq + n_ubatch, 256) = 6144 cells with 4 unified slots and -ub 2048 (real llama.cpp log)', () => {
    // Gemma 4 12B load log with --ctx-size 8192 --ubatch-size 2048, n_parallel = 4 and kv_unified = true
    // (public GitHub file, find_string id 67609160505; the repository is not named by the index):
    // "llama_kv_cache_iswa: creating non-SWA KV cache, size = 8192 cells"
    // "llama_kv_cache_iswa: creating     SWA KV cache, size = 6144 cells"
    const shape = shapeFromModel(model('google-2026.yaml', 'gemma-4-31b'));
    const kv = estimateKvCache(shape, 8192, 'f16', 2048, 4);
    expect(kv.cells).toBe(8192);
    expect(kv.swaCells).toBe(6144);
  });

  it('Gemma 4 31B: 50 sliding layers (16 KV heads × 256) and 10 global layers (4 KV heads × 512) at 32,768 and 131,072 tokens (llama.cpp formula; no public log found)', () => {
    const shape = shapeFromModel(model('google-2026.yaml', 'gemma-4-31b'));
    const infos = layerInfos(shape);
    expect(infos.filter((l) => l.sliding)).toHaveLength(50);
    expect(infos.filter((l) => !l.sliding).every((l) => l.kvHeads === 4 && l.headDim === 512)).toBe(true);
    const swa = 1536 * 50 * 2 * 16 * 256 * 2; // pad(1024 + 512) cells
    expect(estimateKvCache(shape, 32768).bytes).toBe(10 * 32768 * 2 * 4 * 512 * 2 + swa);
    expect(estimateKvCache(shape, 131072).bytes).toBe(10 * 131072 * 2 * 4 * 512 * 2 + swa);
    // llama.cpp#21277: the SWA part stays f16 when the cache is quantized.
    expect(estimateKvCache(shape, 32768, 'q8_0').bytes).toBe((10 * 32768 * 2 * 4 * 512 * 34) / 32 + swa);
  });

  it('Gemma 4 E4B: the last 18 layers reuse earlier KV and keep none (num_kv_shared_layers)', () => {
    const shape = shapeFromModel(model('google-2026.yaml', 'gemma-4-e4b'));
    const infos = layerInfos(shape);
    expect(infos.filter((l) => l.hasKv)).toHaveLength(24);
    expect(infos.slice(24).some((l) => l.hasKv)).toBe(false);
  });

  it('tensor lists match published parameter counts: Gemma 4 31B 30.7 B, 26B-A4B 25.2 B, Granite 4.0 H Small 32.21 B (within 0.2 %)', () => {
    const cases: [string, string, number][] = [
      ['google-2026.yaml', 'gemma-4-31b', 30.7e9],
      ['google-2026.yaml', 'gemma-4-26b-a4b', 25.2e9],
      ['ibm.yaml', 'granite-4.0-h-small', 32.21e9],
      ['qwen-2026.yaml', 'qwen-3.6-35b-a3b', 35e9],
    ];
    for (const [file, id, published] of cases) {
      const p = paramsOf(shapeFromModel(model(file, id)));
      expect(Math.abs(p - published) / published, id).toBeLessThan(0.01);
    }
  });

  it('weights match published GGUF sizes within 1 %: Qwen3.5 35B-A3B Q4_K_M 21.2 GB, Q3_K_M 16.8 GB; Gemma 4 26B-A4B Q4_K_M 16.8 GB; Nemotron 3 Nano 4B Q4_K_M 2,837,072,864 bytes', () => {
    const cases: [string, string, 'Q4_K_M' | 'Q3_K_M', number][] = [
      ['qwen-2026.yaml', 'qwen-3.5-35b-a3b', 'Q4_K_M', 21.2e9],
      ['qwen-2026.yaml', 'qwen-3.5-35b-a3b', 'Q3_K_M', 16.8e9],
      ['google-2026.yaml', 'gemma-4-26b-a4b', 'Q4_K_M', 16.8e9],
      // Exact file size from a GGUF header dump: "NVIDIA-Nemotron3-Nano-4B-Q4_K_M.gguf, 2,837,072,864 bytes".
      ['nvidia.yaml', 'nemotron-3-nano-4b', 'Q4_K_M', 2837072864],
    ];
    for (const [file, id, quant, published] of cases) {
      const w = estimateWeights(shapeFromModel(model(file, id)), quant).totalBytes;
      expect(Math.abs(w - published) / published, `${id} ${quant}`).toBeLessThan(0.01);
    }
  });
});
