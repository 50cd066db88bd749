import { describe, expect, it } from 'vitest';
import { assignTypes, fallbackType } from '../../src/estimate/quant-mix.js';
import { tensorsOf } from '../../src/estimate/tensors.js';
import type { ModelShape } from '../../src/estimate/types.js';
import { estimateWeights } from '../../src/estimate/weights.js';
import type { GgufQuant } from '../../src/estimate/quants.js';
import { GPT_OSS_20B, LLAMA_1B, LLAMA_70B, LLAMA_8B, MIXTRAL } from './shapes.js';

/** Type of each tensor by name. */
function typesOf(shape: ModelShape, quant: GgufQuant, opts = {}): Map<string, string> {
  const tensors = tensorsOf(shape);
  const types = assignTypes(shape, tensors, quant, opts);
  return new Map(tensors.map((t, i) => [t.name, types[i]!]));
}

const layersWith = (types: Map<string, string>, tensor: string, type: string, layers: number) =>
  Array.from({ length: layers }, (_, i) => i).filter((i) => types.get(`blk.${i}.${tensor}`) === type);

describe('llama.cpp per-tensor types (llama_tensor_get_type)', () => {
  it('matches the bits per weight llama.cpp publishes for Llama 3.1 8B, every file type', () => {
    // reference/bpw.json effective_file_bpw_llama31_8b (llama.cpp tools/quantize/README.md @ 311c2c9f).
    const published: Record<string, number> = {
      IQ1_S: 2.0042, IQ1_M: 2.146, IQ2_XXS: 2.3824, IQ2_XS: 2.5882, IQ2_S: 2.7403, IQ2_M: 2.9294,
      IQ3_XXS: 3.2548, IQ3_XS: 3.4977, IQ3_S: 3.6606, IQ3_M: 3.7628, IQ4_XS: 4.4597, IQ4_NL: 4.6818,
      Q2_K_S: 2.9697, Q2_K: 3.1593, Q3_K_S: 3.6429, Q3_K_L: 4.2979, Q4_K_S: 4.6672, Q4_K_M: 4.8944,
      Q5_K_S: 5.5704, Q5_K_M: 5.7036, Q6_K: 6.5633, Q8_0: 8.5008, F16: 16.0005,
    };
    for (const [quant, bpw] of Object.entries(published)) {
      const w = estimateWeights(LLAMA_8B, quant as GgufQuant);
      expect(w.bitsPerWeight, quant).toBeCloseTo(bpw, 3);
    }
  });

  it('Q4_K_M: output Q6_K, token_embd Q4_K, attn_v and ffn_down Q6_K on the use_more_bits layers', () => {
    const t = typesOf(LLAMA_8B, 'Q4_K_M');
    expect(t.get('output')).toBe('Q6_K');
    expect(t.get('token_embd')).toBe('Q4_K');
    expect(t.get('output_norm')).toBe('F32');
    // use_more_bits(i, 32): i < 4, i >= 28, or (i - 4) % 3 == 2.
    const more = [0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31];
    expect(layersWith(t, 'attn_v', 'Q6_K', 32)).toEqual(more);
    expect(layersWith(t, 'ffn_down', 'Q6_K', 32)).toEqual(more);
    expect(t.get('blk.6.attn_q')).toBe('Q4_K');
    expect(t.get('blk.6.ffn_gate')).toBe('Q4_K');
    expect(t.get('blk.5.ffn_down')).toBe('Q4_K');
  });

  it('tied embeddings: token_embd is the output and gets its type', () => {
    const t = typesOf(LLAMA_1B, 'Q4_K_M');
    expect(t.has('output')).toBe(false);
    expect(t.get('token_embd')).toBe('Q6_K');
  });

  it('Q3_K_M: attn_v Q5_K in the first two layers then Q4_K, ffn_down Q5_K in the first n/16 then Q4_K, attn_output Q4_K', () => {
    const t = typesOf(LLAMA_8B, 'Q3_K_M');
    expect(layersWith(t, 'attn_v', 'Q5_K', 32)).toEqual([0, 1]);
    expect(layersWith(t, 'attn_v', 'Q4_K', 32)).toHaveLength(30);
    expect(layersWith(t, 'ffn_down', 'Q5_K', 32)).toEqual([0, 1]);
    expect(t.get('blk.10.attn_output')).toBe('Q4_K');
    expect(t.get('blk.10.attn_q')).toBe('Q3_K');
  });

  it('Q3_K_L: attn_v, ffn_down and attn_output Q5_K', () => {
    const t = typesOf(LLAMA_8B, 'Q3_K_L');
    expect(layersWith(t, 'attn_v', 'Q5_K', 32)).toHaveLength(32);
    expect(layersWith(t, 'ffn_down', 'Q5_K', 32)).toHaveLength(32);
    expect(t.get('blk.3.attn_output')).toBe('Q5_K');
  });

  it('Q2_K: attn_v Q4_K with GQA ≥ 4, Q3_K without; ffn_down and attn_output Q3_K', () => {
    expect(typesOf(LLAMA_8B, 'Q2_K').get('blk.0.attn_v')).toBe('Q4_K');
    const mha = { ...LLAMA_8B, kvHeads: 32 };
    const t = typesOf(mha, 'Q2_K');
    expect(t.get('blk.0.attn_v')).toBe('Q3_K');
    expect(t.get('blk.0.ffn_down')).toBe('Q3_K');
    expect(t.get('blk.0.attn_output')).toBe('Q3_K');
    expect(t.get('blk.0.ffn_up')).toBe('Q2_K');
  });

  it('Q4_K_S: attn_v Q5_K in the first four layers, ffn_down Q5_K in the first n/8', () => {
    const t = typesOf(LLAMA_8B, 'Q4_K_S');
    expect(layersWith(t, 'attn_v', 'Q5_K', 32)).toEqual([0, 1, 2, 3]);
    expect(layersWith(t, 'ffn_down', 'Q5_K', 32)).toEqual([0, 1, 2, 3]);
  });

  it('70B (80 layers, GQA): Q3_K/Q4_K attn_v become Q5_K', () => {
    const t = typesOf(LLAMA_70B, 'Q4_K_S');
    expect(layersWith(t, 'attn_v', 'Q5_K', 80)).toHaveLength(80);
    expect(typesOf(LLAMA_70B, 'Q4_K_M').get('blk.11.attn_v')).toBe('Q5_K');
    expect(typesOf(LLAMA_70B, 'Q4_K_M').get('blk.12.attn_v')).toBe('Q6_K');
  });

  it('8 experts (Mixtral): attn_v and attn_k Q8_0, attn_output Q5_K', () => {
    const t = typesOf(MIXTRAL, 'Q4_K_M');
    expect(t.get('blk.5.attn_v')).toBe('Q8_0');
    expect(t.get('blk.5.attn_k')).toBe('Q8_0');
    expect(t.get('blk.5.attn_output')).toBe('Q5_K');
    expect(t.get('blk.5.ffn_gate_inp')).toBe('F32');
    expect(t.get('blk.0.ffn_down_exps')).toBe('Q6_K');
  });

  it('IQ2_XXS: token_embd Q2_K, output Q5_K, attn_v Q4_K (GQA), first n/8 ffn_down Q2_K', () => {
    const t = typesOf(LLAMA_8B, 'IQ2_XXS');
    expect(t.get('token_embd')).toBe('Q2_K');
    expect(t.get('output')).toBe('Q5_K');
    expect(t.get('blk.9.attn_v')).toBe('Q4_K');
    expect(layersWith(t, 'ffn_down', 'Q2_K', 32)).toEqual([0, 1, 2, 3]);
    expect(t.get('blk.9.ffn_down')).toBe('IQ2_XXS');
  });

  it('IQ3_XS: attn_q/attn_k IQ3_XXS, middle ffn_gate/ffn_up IQ3_XXS, the rest IQ3_S', () => {
    const t = typesOf(LLAMA_8B, 'IQ3_XS');
    expect(t.get('blk.0.attn_q')).toBe('IQ3_XXS');
    expect(t.get('blk.0.attn_k')).toBe('IQ3_XXS');
    expect(t.get('blk.0.ffn_gate')).toBe('IQ3_S');
    expect(t.get('blk.10.ffn_gate')).toBe('IQ3_XXS');
    expect(t.get('blk.31.ffn_up')).toBe('IQ3_S');
    expect(t.get('blk.0.attn_v')).toBe('Q4_K');
  });

  it('IQ4_XS: attn_v Q5_K with GQA; first n/8 ffn_down Q5_K only without an imatrix', () => {
    expect(typesOf(LLAMA_8B, 'IQ4_XS').get('blk.0.attn_v')).toBe('Q5_K');
    expect(typesOf(LLAMA_8B, 'IQ4_XS').get('blk.0.ffn_down')).toBe('Q5_K');
    expect(typesOf(LLAMA_8B, 'IQ4_XS', { imatrix: true }).get('blk.0.ffn_down')).toBe('IQ4_XS');
  });

  it('MXFP4 (MXFP4_MOE): experts MXFP4, everything else Q8_0', () => {
    const t = typesOf(MIXTRAL, 'MXFP4');
    expect(t.get('blk.0.ffn_up_exps')).toBe('MXFP4');
    expect(t.get('blk.0.attn_q')).toBe('Q8_0');
    expect(t.get('output')).toBe('Q8_0');
    expect(t.get('token_embd')).toBe('Q8_0');
  });

  it('rows that are not a multiple of the block size fall back (gpt-oss hidden 2880)', () => {
    expect(fallbackType(2880, 'Q4_K')).toBe('Q5_0');
    expect(fallbackType(2880, 'Q6_K')).toBe('Q8_0');
    expect(fallbackType(2880, 'Q5_K')).toBe('Q5_1');
    expect(fallbackType(2880, 'Q3_K')).toBe('Q4_0');
    expect(fallbackType(2880, 'IQ2_XS')).toBe('IQ4_NL');
    expect(fallbackType(100, 'Q4_K')).toBe('F16');
    expect(fallbackType(4096, 'Q4_K')).toBe('Q4_K');
    const t = typesOf(GPT_OSS_20B, 'Q4_K_M');
    expect(t.get('blk.0.attn_q')).toBe('Q5_0');
    expect(t.get('output')).toBe('Q8_0');
  });

  it('experts released in MXFP4 stay MXFP4 in every file type (gpt-oss)', () => {
    for (const q of ['F16', 'Q4_K_M', 'Q2_K'] as const) expect(typesOf(GPT_OSS_20B, q).get('blk.3.ffn_down_exps')).toBe('MXFP4');
    expect(typesOf(GPT_OSS_20B, 'Q8_0', { requantizeExperts: true }).get('blk.3.ffn_down_exps')).toBe('Q8_0');
  });

  it('--output-tensor-type / --token-embedding-type overrides (bartowski _L files)', () => {
    const t = typesOf(LLAMA_8B, 'Q4_K_M', { outputType: 'Q8_0', tokenEmbeddingType: 'Q8_0' });
    expect(t.get('output')).toBe('Q8_0');
    expect(t.get('token_embd')).toBe('Q8_0');
  });
});
