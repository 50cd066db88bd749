// New 2025-26 shapes (issue 18): parameter counts and weights against published figures, each quoted
// with its source. llama-bench "size" is the tensor bytes (no GGUF header); file sizes add the header.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LocalModelSchema, type LocalModel } from '../../src/catalog/schema.js';
import { estimateKvCache } from '../../src/estimate/kv-cache.js';
import { layerInfos } from '../../src/estimate/layers.js';
import { estimateRecurrentState } from '../../src/estimate/recurrent.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import { paramsOf, tensorsOf } from '../../src/estimate/tensors.js';
import type { QuantId } from '../../src/estimate/quants.js';
import type { ModelShape } from '../../src/estimate/types.js';
import type { MixOptions } from '../../src/estimate/quant-mix.js';
import { estimateWeights, placedTensors } from '../../src/estimate/weights.js';
import { ggufHeaderBytesEstimate } from '../../src/gguf/header-size.js';
import { catalogModel } from '../helpers/llama-logs.js';

const MiB = 2 ** 20;
const GiB = 2 ** 30;


/** A GGUF file's size as estimated: the weights plus the header (bytes). */
function fileBytes(shape: ModelShape, quant: QuantId, options?: MixOptions): number {
  return estimateWeights(shape, quant, options).totalBytes + ggufHeaderBytesEstimate(shape.vocabSize);
}

describe('LFM2 dense hybrids (short convolutions)', () => {
  it('LFM2 1.2B: the tensor list is the published 1,170,340,608 parameters and Q4_K_M is llama-bench\'s 694.76 MiB to the printed digit', () => {
    // llama-bench "| lfm2 1.2B Q4_K - Medium | 694.76 MiB | 1.17 B |" (public GitHub files, find_string ids 59951881625, 60172802085).
    const shape = shapeFromModel(catalogModel('lfm2-1.2b'));
    expect(paramsOf(shape)).toBe(1_170_340_608);
    expect((estimateWeights(shape, 'Q4_K_M').totalBytes / MiB).toFixed(2)).toBe('694.76');
  });

  it('LFM2 700M and 2.6B: the derived shapes sum to the published 742,489,344 and 2,569,272,320 parameters', () => {
    expect(paramsOf(shapeFromModel(catalogModel('lfm2-700m')))).toBe(742_489_344);
    expect(paramsOf(shapeFromModel(catalogModel('lfm2-2.6b')))).toBe(2_569_272_320);
  });

  it('LFM2 2.6B Q4_K_M file: 1,563,668,704 bytes (public file list with SHA-256), estimate within 0.2 %', () => {
    const m = catalogModel('lfm2-2.6b');
    const shape = shapeFromModel(m);
    const file = m.ggufFiles.find((f) => f.quant === 'Q4_K_M')!;
    expect(file.bytes).toBe(1_563_668_704);
    const est = fileBytes(shape, 'Q4_K_M');
    expect(Math.abs(est / file.bytes - 1)).toBeLessThan(0.002);
  });

  it('the LFM2.5-2.6B backbone (vocabulary 128,000) gives llama-bench\'s "2.70 B" and Q8_0 2.67 GiB, Q4_K_M 1.55 GiB, Q4_0 1.48 GiB', () => {
    // llama-bench lines: "lfm2 2.6B Q8_0 | 2.67 GiB | 2.70 B" (find_string id 69340721280), "lfm2 2.6B Q4_0 | 1.48 GiB | 2.70 B"
    // (id 58506141606), "lfm2 2.6B Q4_K - Medium | 1.55GiB | 2.7B" (id 63446956018); 128,000 from the official LFM2.5-2.6B config (id 60802108935).
    const shape = { ...shapeFromModel(catalogModel('lfm2-2.6b')), vocabSize: 128_000 };
    expect((paramsOf(shape) / 1e9).toFixed(2)).toBe('2.70');
    expect((estimateWeights(shape, 'Q8_0').totalBytes / GiB).toFixed(2)).toBe('2.67');
    expect((estimateWeights(shape, 'Q4_K_M').totalBytes / GiB).toFixed(2)).toBe('1.55');
    expect((estimateWeights(shape, 'Q4_0').totalBytes / GiB).toFixed(2)).toBe('1.48');
  });

  it('LFM2 2.6B keeps KV in 8 of 30 layers and a short-conv state of 22 × 2048 × 2 f32 values', () => {
    const shape = shapeFromModel(catalogModel('lfm2-2.6b'));
    expect(layerInfos(shape).filter((l) => l.hasKv)).toHaveLength(8);
    expect(estimateRecurrentState(shape).bytes).toBe(22 * 2048 * 2 * 4);
    expect(estimateKvCache(shape, 32768).bytes).toBe(8 * 32768 * 2 * 8 * 64 * 2);
  });
});

describe('LFM2 24B-A2B (short convolutions + 64-expert MoE)', () => {
  it('tensors give llama-bench\'s "23.84 B" and Q4_0 "12.54 GiB" to the printed digit; the Q4_K_M file of 14,415,473,952 bytes within 0.2 %', () => {
    // "lfm2moe 24B.A2B Q4_0 | 12.54 GiB | 23.84 B" (https://github.com/ggml-org/llama.cpp/pull/19848);
    // EXPECTED_SIZE="14415473952" for LFM2-24B-A2B-Q4_K_M.gguf (find_string id 56435351763).
    const m = catalogModel('lfm2-24b-a2b');
    const shape = shapeFromModel(m);
    expect((paramsOf(shape) / 1e9).toFixed(2)).toBe('23.84');
    expect((estimateWeights(shape, 'Q4_0').totalBytes / GiB).toFixed(2)).toBe('12.54');
    const file = m.ggufFiles.find((f) => f.quant === 'Q4_K_M')!;
    expect(file.bytes).toBe(14_415_473_952);
    const est = fileBytes(shape, 'Q4_K_M');
    expect(Math.abs(est / file.bytes - 1)).toBeLessThan(0.002);
  });

  it('KV in the 10 attention layers (2, 6, ..., 38), a short-conv state of 30 × 2048 × 2 f32 values', () => {
    const shape = shapeFromModel(catalogModel('lfm2-24b-a2b'));
    expect(layerInfos(shape).flatMap((l, il) => (l.hasKv ? [il] : []))).toEqual([2, 6, 10, 14, 18, 22, 26, 30, 34, 38]);
    expect(estimateRecurrentState(shape).bytes).toBe(30 * 2048 * 2 * 4);
    expect(estimateKvCache(shape, 32768).bytes).toBe(10 * 32768 * 2 * 8 * 64 * 2);
  });
});

describe('Qwen3.5 2B (Gated DeltaNet hybrid)', () => {
  it('tensors give llama-bench\'s "1.88 B" and Q8_0 "1.86 GiB" to the printed digit; unsloth\'s Q4_K_M file of 1,280,835,840 bytes within 0.5 %', () => {
    // "qwen35 2B Q8_0 | 1.86 GiB | 1.88 B" (find_string id 69843983011); unsloth/Qwen3.5-2B-GGUF @ f6d5376b (id 63393116899).
    const m = catalogModel('qwen-3.5-2b');
    const shape = shapeFromModel(m);
    expect((paramsOf(shape) / 1e9).toFixed(2)).toBe('1.88');
    expect((estimateWeights(shape, 'Q8_0').totalBytes / GiB).toFixed(2)).toBe('1.86');
    const est = fileBytes(shape, 'Q4_K_M');
    expect(Math.abs(est / 1_280_835_840 - 1)).toBeLessThan(0.005);
  });

  it('KV in the 6 full-attention layers (3, 7, ..., 23), a Gated DeltaNet state in 18: (3 × (2048 + 2 × 16 × 128) + 128 × 2048) f32 each', () => {
    const shape = shapeFromModel(catalogModel('qwen-3.5-2b'));
    expect(layerInfos(shape).flatMap((l, il) => (l.hasKv ? [il] : []))).toEqual([3, 7, 11, 15, 19, 23]);
    expect(estimateRecurrentState(shape).bytes).toBe(18 * (3 * (2048 + 2 * 16 * 128) + 128 * 2048) * 4);
    expect(estimateKvCache(shape, 262144).bytes).toBe(6 * 262144 * 2 * 2 * 256 * 2);
  });
});

describe('Nemotron Nano 9B v2 (Mamba2 hybrid)', () => {
  it('tensors give llama-bench\'s "8.89 B", Q4_K_M "6.07 GiB" and Q6_K "8.50 GiB" to the printed digit', () => {
    // "nemotron_h 9B Q4_K - Medium | 6.07 GiB | 8.89 B" (find_string ids 56029580622, 55913994130);
    // "nemotron_h 9B Q6_K | 8.50 GiB | 8.89 B" (id 68574410739).
    const shape = shapeFromModel(catalogModel('nemotron-nano-9b-v2'));
    expect((paramsOf(shape) / 1e9).toFixed(2)).toBe('8.89');
    expect((estimateWeights(shape, 'Q4_K_M').totalBytes / GiB).toFixed(2)).toBe('6.07');
    expect((estimateWeights(shape, 'Q6_K').totalBytes / GiB).toFixed(2)).toBe('8.50');
  });

  it('KV in the 4 attention layers, Mamba2 state in 27: (3 × (10240 + 2 × 8 × 128) + 128 × 10240) f32 each', () => {
    const shape = shapeFromModel(catalogModel('nemotron-nano-9b-v2'));
    expect(layerInfos(shape).filter((l) => l.hasKv)).toHaveLength(4);
    const rs = estimateRecurrentState(shape);
    expect(rs.layers).toBe(27);
    expect(rs.bytes).toBe(27 * (3 * (10240 + 2 * 8 * 128) + 128 * 10240) * 4);
    expect(estimateKvCache(shape, 131072).bytes).toBe(4 * 131072 * 2 * 8 * 128 * 2);
  });
});

describe('Granite 4.0 H Micro (dense Mamba2 hybrid) and Granite 4.0 Micro (its plain-attention sibling)', () => {
  it('H Micro: tensors give llama-bench\'s "3.19 B" and Q4_K_M "1.81 GiB" to the printed digit', () => {
    // "granitehybrid 3B Q4_K - Medium | 1.81 GiB | 3.19 B" for granite-4.0-h-micro-Q4_K_M.gguf (find_string id 58506141606).
    const shape = shapeFromModel(catalogModel('granite-4.0-h-micro'));
    expect((paramsOf(shape) / 1e9).toFixed(2)).toBe('3.19');
    expect((estimateWeights(shape, 'Q4_K_M').totalBytes / GiB).toFixed(2)).toBe('1.81');
  });

  it('H Micro: the five official IBM files (Q2_K to Q8_0, pinned with SHA-256) are each within 0.2 %', () => {
    // ibm-granite/granite-4.0-h-micro-GGUF @ 51ce07a9 (find_string id 69673684166).
    const m = catalogModel('granite-4.0-h-micro');
    const shape = shapeFromModel(m);
    expect(m.ggufFiles.map((f) => [f.quant, f.bytes])).toEqual([
      ['Q2_K', 1_226_247_840], ['Q3_K_M', 1_555_472_032], ['Q4_K_M', 1_942_564_512], ['Q5_K_M', 2_273_455_776], ['Q8_0', 3_397_676_704],
    ]);
    for (const f of m.ggufFiles) {
      const est = fileBytes(shape, f.quant as QuantId);
      expect(Math.abs(est / f.bytes - 1)).toBeLessThan(0.002);
    }
  });

  it('H Micro: KV in the 4 attention layers, Mamba2 state in 36: (3 × (4096 + 2 × 1 × 128) + 128 × 4096) f32 each', () => {
    const shape = shapeFromModel(catalogModel('granite-4.0-h-micro'));
    expect(layerInfos(shape).flatMap((l, il) => (l.hasKv ? [il] : []))).toEqual([5, 15, 25, 35]);
    const rs = estimateRecurrentState(shape);
    expect(rs.layers).toBe(36);
    expect(rs.bytes).toBe(36 * (3 * (4096 + 2 * 128) + 128 * 4096) * 4);
    expect(estimateKvCache(shape, 131072).bytes).toBe(4 * 131072 * 2 * 8 * 64 * 2);
  });

  it('Micro: the official Q4_K_M file of 2,099,502,528 bytes within 0.2 %; KV in all 40 layers, no recurrent state', () => {
    // "granite-4.0-micro-Q4_K_M.gguf ... Published size 2,099,502,528 bytes" (find_string id 61539718381).
    const m = catalogModel('granite-4.0-micro');
    const shape = shapeFromModel(m);
    const est = fileBytes(shape, 'Q4_K_M');
    expect(Math.abs(est / 2_099_502_528 - 1)).toBeLessThan(0.002);
    expect(estimateRecurrentState(shape).bytes).toBe(0);
    expect(estimateKvCache(shape, 4096).bytes).toBe(40 * 4096 * 2 * 8 * 64 * 2);
  });
});

// Rows held back from the built-in catalog (docs/held-back/<id>.yaml; each file's header says why).
function heldBack(id: string): LocalModel {
  const doc = parse(readFileSync(new URL(`../../docs/held-back/${id}.yaml`, import.meta.url), 'utf8')) as { models: unknown[] };
  return LocalModelSchema.parse(doc.models.find((m) => (m as { id: string }).id === id));
}

describe('LFM2.5 2.6B (docs/held-back): the official config with the 128,000-token vocabulary', () => {
  it('tensors give llama-bench\'s "2.70 B", Q8_0 2.67 GiB and Q4_0 1.48 GiB; the official files (1.59, 1.67, 2.22, 2.87 GB) to the 10 MB they are rounded to', () => {
    // llama-bench: "lfm2 2.6B Q8_0 | 2.67 GiB | 2.70 B" (find_string id 69340721280), "lfm2 2.6B Q4_0 | 1.48 GiB | 2.70 B" (id 58506141606).
    const m = heldBack('lfm2.5-2.6b');
    const shape = shapeFromModel(m);
    expect(paramsOf(shape)).toBe(2_697_198_592);
    expect((estimateWeights(shape, 'Q8_0').totalBytes / GiB).toFixed(2)).toBe('2.67');
    expect((estimateWeights(shape, 'Q4_0').totalBytes / GiB).toFixed(2)).toBe('1.48');
    expect(m.ggufFiles).toHaveLength(4);
    for (const f of m.ggufFiles) {
      const est = fileBytes(shape, f.quant as QuantId);
      expect((est / 1e9).toFixed(2)).toBe((f.bytes / 1e9).toFixed(2));
    }
  });
});

describe('Muse Glimmer 30B (sliding window 3:1, attention output gate; docs/held-back)', () => {
  it('the attn_gate tensor ({6656, 32 × 128} per layer) brings the tensors to the published 27.9 B; without it they are 26.4 B', () => {
    // "27.9B params" (Ollama /api/tags, https://github.com/nosana-ci/pipeline-templates/pull/162).
    const shape = shapeFromModel(heldBack('muse-glimmer-30b'));
    expect((paramsOf(shape) / 1e9).toFixed(1)).toBe('27.9');
    expect((paramsOf({ ...shape, attentionOutputGate: undefined }) / 1e9).toFixed(1)).toBe('26.4');
    const gate = tensorsOf(shape).find((t) => t.name === 'blk.0.attn_gate')!;
    expect(gate.rows * gate.cols).toBe(6656 * 32 * 128);
    // The official K-quant GGUF is "15.61 GiB" (https://github.com/AlexsJones/llmfit/pull/870, type not stated): Q4_K_M is within 1 %.
    expect(Math.abs(estimateWeights(shape, 'Q4_K_M').totalBytes / GiB / 15.61 - 1)).toBeLessThan(0.01);
  });

  it('KV: 13 full-attention layers for the whole context, 39 sliding layers for the 2048 window (plus a ubatch)', () => {
    const shape = shapeFromModel(heldBack('muse-glimmer-30b'));
    const kept = layerInfos(shape).filter((l) => l.hasKv);
    expect(kept.filter((l) => !l.sliding)).toHaveLength(13);
    expect(layerInfos(shape)[3]!.sliding).toBe(false);
    expect(layerInfos(shape)[0]!.sliding).toBe(true);
    const perToken = 2 * 2 * 128 * 2;
    expect(estimateKvCache(shape, 131072).bytes).toBeGreaterThanOrEqual(13 * 131072 * perToken + 39 * 2048 * perToken);
  });
});

describe('Gemma 3n (per-layer embeddings, AltUp, LAuReL)', () => {
  it('E4B: the tensor list carries AltUp and LAuReL, kept 16-bit as llama-quant leaves them', () => {
    const shape = shapeFromModel(catalogModel('gemma-3n-e4b'));
    const names = tensorsOf(shape).map((t) => t.name);
    for (const n of ['altup_proj', 'altup_unembd_proj', 'per_layer_token_embd', 'blk.0.altup_router', 'blk.0.laurel_l', 'blk.34.laurel_r']) expect(names).toContain(n);
    for (const t of placedTensors(shape, 'Q4_K_M').filter((x) => /altup|laurel/.test(x.name) && x.rows > 1)) expect(t.type).toBe('F16');
  });

  it('E4B Q4_K_M file of 4,237,063,776 bytes (a 2025 file: per_layer_token_embd at the file type) within 0.3 %', () => {
    // "gemma-3n-e4b-it-q4_k_m.gguf | 4,237,063,776" with its SHA-256 (public GitHub file, find_string id 66533497291).
    const shape = shapeFromModel(catalogModel('gemma-3n-e4b'));
    const est = fileBytes(shape, 'Q4_K_M', { legacyTokenEmbdMatch: true });
    expect(Math.abs(est / 4_237_063_776 - 1)).toBeLessThan(0.003);
  });

  it('current llama-quant gives per_layer_token_embd the tied head\'s Q6_K (TOKEN_EMBD category); older builds matched token_embd.weight by name only', () => {
    const shape = shapeFromModel(catalogModel('gemma-3n-e4b'));
    const type = (legacy: boolean) => placedTensors(shape, 'Q4_K_M', { legacyTokenEmbdMatch: legacy }).find((t) => t.name === 'per_layer_token_embd')!.type;
    expect(type(false)).toBe('Q6_K');
    expect(type(true)).toBe('Q4_K');
    // token_embd itself is the tied output head either way.
    expect(placedTensors(shape, 'Q4_K_M', { legacyTokenEmbdMatch: true }).find((t) => t.name === 'token_embd')!.type).toBe('Q6_K');
  });

  it('E4B keeps KV in the first 20 of 35 layers (num_kv_shared_layers 15), sliding 512 except every 5th layer', () => {
    const shape = shapeFromModel(catalogModel('gemma-3n-e4b'));
    const kept = layerInfos(shape).filter((l) => l.hasKv);
    expect(kept).toHaveLength(20);
    expect(kept.filter((l) => !l.sliding)).toHaveLength(4);
    // The per-layer table is a lookup: it is not read whole per token like a tied head.
    const w = estimateWeights(shape, 'Q4_K_M');
    const head = placedTensors(shape, 'Q4_K_M').find((t) => t.name === 'token_embd')!.bytes;
    expect(w.outputBytes).toBe(head);
  });
});
