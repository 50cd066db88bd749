// The quality cost of a quantization, as a fraction of the task score lost,
// from the published perplexity increase vs the 16-bit model, as a function of
// the quant and the model's size (reference/quant_quality.json).
//
// Rule (policy, checked against the one accuracy figure there is): the relative
// perplexity increase is charged one-to-one as a relative loss of task score.
// Check: NVIDIA's NVFP4 (≈4-bit) Nemotron 3 Nano 30B-A3.5B loses 0.8-1.1 points on
// MMLU-Pro / GPQA / IFBench (≈1.3-1.6 % relative; quant_quality.json rows
// "Nemotron 3 Nano ... accuracy_delta_points"), where the tables below give a
// 4-bit k-quant of a 30B model +1.5-2 % perplexity.
// Size: the tables give an ~8B model (Llama-3-8B, the upper end: newer, heavily
// trained models lose more) and a 70B one (Llama-2-70B); between them the cost is
// interpolated on log(parameters), below 8B extrapolated (capped at 1.5× the 8B
// figure), above 70B held. Total parameters count (every expert is quantized).

interface Cost {
  /** PPL increase, % vs F16, at ~8B. */
  at8B: number;
  /** at ~70B; null: 8B × SIZE_RATIO. */
  at70B: number | null;
  source: string;
}

const L3 = "quant_quality.json, Llama-3-8B (base), llama.cpp tools/perplexity/README.md 'LLaMA 3 8b Scoreboard'";
const L3I = `${L3} (imatrix WT 10m row)`;
const L70 = "Llama-2-70B (base), same README, 'Old Numbers' > 'Llama 2 70B Scoreboard' (2023 k-quants)";

/**
 * Derived: median ratio of the 70B to the 8B figure over the quants both tables
 * list (Q6_K 0.50, Q5_K_M 0.45, Q4_K_M 0.43, Q4_K_S 0.37, Q4_0 0.48, Q3_K_L 0.43,
 * Q3_K_M 0.45, Q3_K_S 0.30, Q2_K 0.16, Q5_0 0.60) = 0.45.
 */
export const SIZE_RATIO = 0.45;

export const QUANT_COST: Record<string, Cost> = {
  F32: { at8B: 0, at70B: 0, source: 'no quantization' },
  F16: { at8B: 0, at70B: 0, source: 'the baseline of the tables' },
  BF16: { at8B: 0, at70B: 0, source: 'the published weights' },
  FP8: { at8B: 0, at70B: 0, source: "arXiv 2411.02355 (quoted in quant_quality.json notes): 'FP8 (W8A8-FP) is effectively lossless across all model scales'" },
  Q8_0: { at8B: 0.02, at70B: null, source: L3 },
  Q6_K: { at8B: 0.32, at70B: 0.16, source: `${L3}; ${L70}` },
  Q5_K_M: { at8B: 0.89, at70B: 0.4, source: `${L3}; ${L70}` },
  Q5_K_S: { at8B: 1.66, at70B: 0.5, source: `${L3}; ${L70}` },
  Q5_1: { at8B: 1.68, at70B: null, source: L3 },
  Q5_0: { at8B: 2.09, at70B: 1.26, source: `${L3}; ${L70}` },
  Q4_K_M: { at8B: 2.79, at70B: 1.2, source: `${L3}; ${L70}` },
  Q4_K_S: { at8B: 4.29, at70B: 1.57, source: `${L3}; ${L70}` },
  Q4_1: { at8B: 7.21, at70B: 2.37, source: `${L3}; ${L70}` },
  Q4_0: { at8B: 7.49, at70B: 3.61, source: `${L3}; ${L70}` },
  IQ4_XS: { at8B: 3.63, at70B: null, source: L3I },
  IQ4_NL: { at8B: 3.57, at70B: null, source: L3I },
  Q3_K_L: { at8B: 8.9, at70B: 3.8, source: `${L3}; ${L70}` },
  Q3_K_M: { at8B: 10.51, at70B: 4.72, source: `${L3}; ${L70}` },
  Q3_K_S: { at8B: 26.16, at70B: 7.89, source: `${L3}; ${L70}` },
  IQ3_M: { at8B: 10.67, at70B: null, source: L3I },
  IQ3_S: { at8B: 11.75, at70B: null, source: L3I },
  IQ3_XS: { at8B: 14.92, at70B: null, source: L3I },
  IQ3_XXS: { at8B: 19.66, at70B: null, source: L3I },
  Q2_K: { at8B: 56.45, at70B: 8.82, source: `${L3}; ${L70}` },
  IQ2_M: { at8B: 37.98, at70B: null, source: L3I },
  IQ2_S: { at8B: 54.83, at70B: null, source: L3I },
  IQ2_XS: { at8B: 72.65, at70B: null, source: L3I },
  IQ2_XXS: { at8B: 126.08, at70B: null, source: L3I },
  'AWQ-INT4': { at8B: 2.4, at70B: 2.7, source: 'quant_quality.json, AWQ INT4-g128 Llama-2-7B / Llama-2-70B (third-party reproduction)' },
  'GPTQ-INT4': { at8B: 7.3, at70B: 6.0, source: 'quant_quality.json, GPTQ INT4-g128 Llama-2-7B / Llama-2-70B (third-party reproduction)' },
  // No published figure: the nearest format with one (stated in the reason).
  'GPTQ-INT8': { at8B: 0.02, at70B: null, source: 'no figure; taken as Q8_0 (8-bit, per-group scales)' },
  'BNB-INT8': { at8B: 0.02, at70B: null, source: 'no figure; taken as Q8_0 (8-bit)' },
  'BNB-NF4': { at8B: 7.49, at70B: 3.61, source: 'no figure; taken as Q4_0 (4-bit blocks without k-quant mixing)' },
  MXFP4: { at8B: 7.49, at70B: 3.61, source: 'no figure; taken as Q4_0 (4-bit blocks); none when the model was published in MXFP4' },
};

/** Where no figure exists at all for a quant name (a user catalog's own quant): this, as a fraction. */
export const UNKNOWN_QUANT_COST = 0.05;

export interface QuantLoss {
  /** Fraction of the task score lost (0.028 = 2.8 %). */
  fraction: number;
  basis: string;
}

/**
 * Quality lost to a quantization. `nativeQuant`: the format the model was
 * published in (gpt-oss: MXFP4), which costs nothing against its own benchmarks.
 */
export function quantLoss(quantId: string, paramsTotal: number, nativeQuant: string | null = null): QuantLoss {
  const id = quantId.toUpperCase();
  if (nativeQuant && id === nativeQuant.toUpperCase()) return { fraction: 0, basis: `${quantId} is the format the model was published in` };
  const cost = QUANT_COST[id] ?? QUANT_COST[quantId];
  if (!cost) return { fraction: UNKNOWN_QUANT_COST, basis: `no published figure for ${quantId}: ${UNKNOWN_QUANT_COST * 100} % assumed` };
  const small = cost.at8B;
  const large = cost.at70B ?? cost.at8B * SIZE_RATIO;
  const b = paramsTotal / 1e9;
  const t = (Math.log10(Math.max(b, 0.1)) - Math.log10(8)) / (Math.log10(70) - Math.log10(8));
  const pct = t >= 1 ? large : t >= 0 ? small + (large - small) * t : Math.min(small * 1.5, small + (large - small) * t);
  const fraction = Math.max(0, pct) / 100;
  return {
    fraction,
    basis: `${quantId} costs ≈${(fraction * 100).toFixed(1)} % of the score at ${b.toFixed(0)}B (perplexity increase vs 16-bit; ${cost.source})`,
  };
}
