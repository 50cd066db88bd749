// The quantizations the estimator knows, how names resolve to them, and their quality order.
// GGUF file types are mixes computed per tensor (quant-mix.ts); GPU-engine formats
// (AWQ, GPTQ, bitsandbytes, FP8) are computed in gpu-formats.ts.
import type { GgmlType } from './ggml-types.js';

export const GGUF_QUANTS = [
  'F32',
  'F16',
  'BF16',
  'Q8_0',
  'Q6_K',
  'Q5_K_M',
  'Q5_K_S',
  'Q5_1',
  'Q5_0',
  'Q4_K_M',
  'Q4_K_S',
  'Q4_1',
  'Q4_0',
  'IQ4_XS',
  'IQ4_NL',
  'Q3_K_L',
  'Q3_K_M',
  'Q3_K_S',
  'IQ3_M',
  'IQ3_S',
  'IQ3_XS',
  'IQ3_XXS',
  'Q2_K',
  'Q2_K_S',
  'IQ2_M',
  'IQ2_S',
  'IQ2_XS',
  'IQ2_XXS',
  'IQ1_M',
  'IQ1_S',
  'MXFP4',
] as const;
export type GgufQuant = (typeof GGUF_QUANTS)[number];

export const GPU_QUANTS = ['AWQ-INT4', 'GPTQ-INT4', 'BNB-NF4', 'BNB-INT8', 'FP8'] as const;
export type GpuQuant = (typeof GPU_QUANTS)[number];

export type QuantId = GgufQuant | GpuQuant;

export function isGgufQuant(id: string): id is GgufQuant {
  return (GGUF_QUANTS as readonly string[]).includes(id);
}

export function isGpuQuant(id: string): id is GpuQuant {
  return (GPU_QUANTS as readonly string[]).includes(id);
}

/**
 * The tensor type a file type starts from before the per-tensor rules: llama_ftype_get_default_type
 * in ggml-org/llama.cpp src/llama-quant.cpp @ 007dbbf3fd17eefe9b47fee45f48f7ba5e62b714.
 * MXFP4 is the MXFP4_MOE file type (experts MXFP4, everything else Q8_0).
 */
export const DEFAULT_TYPE: Record<GgufQuant, GgmlType> = {
  F32: 'F32',
  F16: 'F16',
  BF16: 'BF16',
  Q8_0: 'Q8_0',
  Q6_K: 'Q6_K',
  Q5_K_M: 'Q5_K',
  Q5_K_S: 'Q5_K',
  Q5_1: 'Q5_1',
  Q5_0: 'Q5_0',
  Q4_K_M: 'Q4_K',
  Q4_K_S: 'Q4_K',
  Q4_1: 'Q4_1',
  Q4_0: 'Q4_0',
  IQ4_XS: 'IQ4_XS',
  IQ4_NL: 'IQ4_NL',
  Q3_K_L: 'Q3_K',
  Q3_K_M: 'Q3_K',
  Q3_K_S: 'Q3_K',
  IQ3_M: 'IQ3_S',
  IQ3_S: 'IQ3_S',
  IQ3_XS: 'IQ3_S',
  IQ3_XXS: 'IQ3_XXS',
  Q2_K: 'Q2_K',
  Q2_K_S: 'Q2_K',
  IQ2_M: 'IQ2_S',
  IQ2_S: 'IQ2_XS',
  IQ2_XS: 'IQ2_XS',
  IQ2_XXS: 'IQ2_XXS',
  IQ1_M: 'IQ1_M',
  IQ1_S: 'IQ1_S',
  MXFP4: 'MXFP4',
};

/** The guide's short forms map to the common file of that size (DESIGN.md: q4 → Q4_K_M). */
const SHORT_FORMS: Record<string, QuantId> = {
  q2: 'Q2_K',
  q3: 'Q3_K_M',
  q4: 'Q4_K_M',
  q5: 'Q5_K_M',
  q6: 'Q6_K',
  q8: 'Q8_0',
  fp16: 'F16',
  f16: 'F16',
  half: 'F16',
  bf16: 'BF16',
  fp32: 'F32',
  f32: 'F32',
  mxfp4_moe: 'MXFP4',
  awq: 'AWQ-INT4',
  'awq-int4': 'AWQ-INT4',
  awq4: 'AWQ-INT4',
  gptq: 'GPTQ-INT4',
  'gptq-int4': 'GPTQ-INT4',
  gptq4: 'GPTQ-INT4',
  nf4: 'BNB-NF4',
  'bnb-nf4': 'BNB-NF4',
  bnb4: 'BNB-NF4',
  int8: 'BNB-INT8',
  'bnb-int8': 'BNB-INT8',
  bnb8: 'BNB-INT8',
  'llm.int8': 'BNB-INT8',
  fp8: 'FP8',
};

/** Every name --quant accepts, for error messages. */
export function allowedQuantNames(): string {
  return `q3, q4, q5, q6, q8, fp16, bf16, ${GGUF_QUANTS.join(', ')}, ${GPU_QUANTS.join(', ')}`;
}

/** Case-insensitive name → canonical id, or a one-line error naming what is allowed. */
export function resolveQuant(name: string): { id: QuantId } | { error: string } {
  const raw = name.trim();
  const lower = raw.toLowerCase();
  const short = SHORT_FORMS[lower];
  if (short) return { id: short };
  const upper = raw.toUpperCase().replace(/-/g, '_');
  const gguf = GGUF_QUANTS.find((q) => q === upper);
  if (gguf) return { id: gguf };
  const gpu = GPU_QUANTS.find((q) => q.toLowerCase() === lower);
  if (gpu) return { id: gpu };
  return { error: `--quant must be one of ${allowedQuantNames()} (case-insensitive); got "${name}"` };
}

/**
 * Quality order, best first, for "the best quantization that fits": ordered by mean KL divergence
 * against F16 on Llama 3 8B in llama.cpp's perplexity scoreboard (reference/bpw.json
 * llama3_8b_perplexity_scoreboard: Q8_0 0.0014, Q6_K 0.0055, Q5_K_M 0.0108, Q5_K_S 0.0166,
 * Q4_K_M 0.0313, IQ4_XS 0.0363, Q4_K_S 0.0431, Q3_K_L 0.0872, Q3_K_M 0.1019, IQ3_M 0.1025,
 * IQ3_S 0.1113, IQ3_XS 0.1387, IQ3_XXS 0.1836, Q3_K_S 0.2282, IQ2_M 0.3260, IQ2_S 0.4392,
 * Q2_K 0.4451, IQ2_XS 0.5463, IQ2_XXS 0.8120, IQ1_M 1.3931, IQ1_S 2.2113).
 * Legacy Q4_0/Q4_1/Q5_0/Q5_1 and IQ4_NL are left out: each is larger than a K- or IQ-quant
 * of better quality in the same table, so it is never the best choice.
 */
export const QUALITY_ORDER: readonly GgufQuant[] = [
  'F16',
  'Q8_0',
  'Q6_K',
  'Q5_K_M',
  'Q5_K_S',
  'Q4_K_M',
  'IQ4_XS',
  'Q4_K_S',
  'Q3_K_L',
  'Q3_K_M',
  'IQ3_M',
  'IQ3_S',
  'IQ3_XS',
  'IQ3_XXS',
  'Q3_K_S',
  'IQ2_M',
  'IQ2_S',
  'Q2_K',
  'IQ2_XS',
  'IQ2_XXS',
  'IQ1_M',
  'IQ1_S',
];

/** Map a GGUF general.file_type number (enum llama_ftype, include/llama.h) to a quant id. */
export const FTYPE_BY_ID: Readonly<Record<number, GgufQuant>> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16',
  38: 'MXFP4',
};
