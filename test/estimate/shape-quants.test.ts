import { describe, expect, it } from 'vitest';
import { resolveQuant, QUALITY_ORDER, GGUF_QUANTS } from '../../src/estimate/quants.js';
import { shapeFromArchitecture, shapeFromParams } from '../../src/estimate/shape.js';
import { paramsOf, tensorsOf } from '../../src/estimate/tensors.js';
import { estimateWeights } from '../../src/estimate/weights.js';
import { DEEPSEEK_V2_LITE, LLAMA_8B, MIXTRAL } from './shapes.js';

describe('quantization names', () => {
  it('resolves the guide short forms to the common file', () => {
    expect(resolveQuant('q3')).toEqual({ id: 'Q3_K_M' });
    expect(resolveQuant('q4')).toEqual({ id: 'Q4_K_M' });
    expect(resolveQuant('q5')).toEqual({ id: 'Q5_K_M' });
    expect(resolveQuant('q6')).toEqual({ id: 'Q6_K' });
    expect(resolveQuant('q8')).toEqual({ id: 'Q8_0' });
    expect(resolveQuant('fp16')).toEqual({ id: 'F16' });
    expect(resolveQuant('f16')).toEqual({ id: 'F16' });
    expect(resolveQuant('bf16')).toEqual({ id: 'BF16' });
  });

  it('is case-insensitive for GGUF names and knows the GPU formats', () => {
    expect(resolveQuant('q4_k_m')).toEqual({ id: 'Q4_K_M' });
    expect(resolveQuant('Iq2_xs')).toEqual({ id: 'IQ2_XS' });
    expect(resolveQuant(' Q8_0 ')).toEqual({ id: 'Q8_0' });
    expect(resolveQuant('awq')).toEqual({ id: 'AWQ-INT4' });
    expect(resolveQuant('gptq-int4')).toEqual({ id: 'GPTQ-INT4' });
    expect(resolveQuant('nf4')).toEqual({ id: 'BNB-NF4' });
    expect(resolveQuant('fp8')).toEqual({ id: 'FP8' });
  });

  it('supports every type of issue 2', () => {
    for (const q of 'F32 F16 BF16 Q8_0 Q6_K Q5_K_M Q5_K_S Q5_0 Q5_1 Q4_K_M Q4_K_S Q4_0 Q4_1 Q3_K_L Q3_K_M Q3_K_S Q2_K IQ4_XS IQ4_NL IQ3_M IQ3_S IQ3_XS IQ3_XXS IQ2_M IQ2_S IQ2_XS IQ2_XXS IQ1_M IQ1_S MXFP4'.split(' ')) {
      expect(resolveQuant(q), q).toEqual({ id: q });
      expect((GGUF_QUANTS as readonly string[]).includes(q)).toBe(true);
    }
  });

  it('rejects unknown names with a message that lists the allowed ones', () => {
    const r = resolveQuant('q4_k_xl');
    expect('error' in r && r.error).toMatch(/^--quant must be one of q3, q4, .*Q4_K_M.*IQ2_XS.*; got "q4_k_xl"$/);
  });

  it('quality order starts with F16 and ends with IQ1_S', () => {
    expect(QUALITY_ORDER[0]).toBe('F16');
    expect(QUALITY_ORDER.at(-1)).toBe('IQ1_S');
  });
});

describe('shapes', () => {
  it('--params: a dense shape whose parameter count is the one asked for (±1%: the FFN width is rounded to 256)', () => {
    for (const b of [0.5, 1, 3, 7, 8, 14, 32, 70, 123, 405]) {
      const s = shapeFromParams(b);
      expect(Math.abs(paramsOf(s) / (b * 1e9) - 1), `${b}B`).toBeLessThan(0.01);
      expect(s.hiddenSize % 256).toBe(0);
      expect(s.kvHeads).toBe(8);
      expect(s.headDim).toBe(128);
      expect(s.origin).toBe('synthesized');
    }
    expect(shapeFromParams(1).tiedEmbeddings).toBe(true);
    expect(shapeFromParams(8).tiedEmbeddings).toBe(false);
    expect(shapeFromParams(70).layers).toBe(80);
  });

  it('catalog architecture → shape: GELU MLPs have two FFN matrices, phi stores fused QKV, gpt-oss keeps MXFP4 experts', () => {
    const arch = {
      layers: 40, hiddenSize: 6144, attentionHeads: 48, kvHeads: 4, headDim: 128, vocabSize: 49152, ffnSize: 24576,
      maxContext: 16384, tiedEmbeddings: false, gatedFfn: false, slidingWindow: null, moe: null, mla: null, encoderOnly: false, source: 'test',
    };
    const s = shapeFromArchitecture(arch, 15.96e9, null, 'starcoder2');
    expect(tensorsOf(s).some((t) => t.name === 'blk.0.ffn_gate')).toBe(false);
    // StarCoder2 15B: published 15.96 B (the count without biases is within 0.5%).
    expect(Math.abs(paramsOf(s) / 15.96e9 - 1)).toBeLessThan(0.005);
    expect(shapeFromArchitecture({ ...arch, gatedFfn: true }, 1, null, 'phi').fusedQkv).toBe(true);
    const moe = { experts: 32, activeExperts: 4, expertFfnSize: 2880, sharedExperts: 0, denseLayers: 0 };
    expect(shapeFromArchitecture({ ...arch, moe }, 1, null, 'gpt-oss').nativeExpertType).toBe('MXFP4');
  });

  it('counts Llama 3.1 8B at 8.03 B parameters and lays out MoE and MLA tensors', () => {
    expect(paramsOf(LLAMA_8B)).toBe(8030261248);
    const mix = tensorsOf(MIXTRAL);
    expect(mix.find((t) => t.name === 'blk.0.ffn_up_exps')).toMatchObject({ cols: 4096, rows: 14336, experts: 8, routed: true });
    const ds = tensorsOf(DEEPSEEK_V2_LITE);
    expect(ds.some((t) => t.name === 'blk.0.ffn_up_exps')).toBe(false); // first layer dense
    expect(ds.find((t) => t.name === 'blk.1.ffn_up_shexp')).toMatchObject({ rows: 2 * 1408 });
    // kv_b is split as convert_hf_to_gguf writes it: attn_k_b rows of qk_nope (128), attn_v_b rows of kv_lora (512).
    expect(ds.find((t) => t.name === 'blk.1.attn_k_b')).toMatchObject({ category: 'other', cols: 128, rows: 16 * 512 });
    expect(ds.find((t) => t.name === 'blk.1.attn_v_b')).toMatchObject({ category: 'other', cols: 512, rows: 16 * 128 });
  });
});

describe('weights', () => {
  it('MoE: memory counts every expert, reads per token only the active ones', () => {
    const w = estimateWeights(MIXTRAL, 'Q4_K_M');
    expect(w.bytesReadPerToken).toBeLessThan(w.totalBytes * 0.4);
    expect(w.bytesReadPerToken).toBeGreaterThan(w.totalBytes * 0.2);
  });

  it('dense: reads all but the token embedding (a lookup); tied: the shared matrix is read as the head', () => {
    const w = estimateWeights(LLAMA_8B, 'Q4_K_M');
    expect(w.bytesReadPerToken).toBe(w.totalBytes - w.tokenEmbeddingBytes);
    expect(w.perLayerBytes * 32 + w.nonLayerBytes).toBeCloseTo(w.totalBytes, -2);
  });

  it('GPU formats: 4-bit AWQ/GPTQ about 4.16 bits in the layers, embeddings and head at 16 bits', () => {
    const awq = estimateWeights(LLAMA_8B, 'AWQ-INT4');
    const f16 = estimateWeights(LLAMA_8B, 'F16');
    const layerParams = paramsOf(LLAMA_8B) - 2 * 128256 * 4096;
    expect(awq.totalBytes).toBeGreaterThan((layerParams * 4.15) / 8 + 2 * 128256 * 4096 * 2);
    expect(awq.totalBytes).toBeLessThan(f16.totalBytes / 2.5);
    expect(estimateWeights(LLAMA_8B, 'FP8').totalBytes).toBeGreaterThan(estimateWeights(LLAMA_8B, 'BNB-NF4').totalBytes);
    expect(estimateWeights(LLAMA_8B, 'BNB-INT8').totalBytes).toBeGreaterThan(estimateWeights(LLAMA_8B, 'GPTQ-INT4').totalBytes);
  });
});
