// What a vLLM plan loads for a quant (pure): vLLM serves safetensors checkpoints, not GGUF files, so
// each llama.cpp quant maps to the 16-bit checkpoint as stored, FP8 or NF4 quantized while loading,
// or an AWQ/GPTQ checkpoint. Used by the multi-GPU plans (scale.ts) and fit's serving section.
//
// Sources, as checked:
// vLLM serves safetensors checkpoints, not GGUF files (its GGUF support is experimental), and the
// catalog's hf.repo is the 16-bit release. So a vLLM plan loads that repo
// as is (16-bit), or quantizes it while loading, and its memory and speed are computed for that format:
//   · `--quantization fp8`: "Dynamic quantization of an original precision BF16/FP16 model to FP8 ...
//     without any calibration data"; all Linear modules except lm_head get FP8 E4M3 weights with a
//     per-tensor scale. FP8 W8A8 needs compute capability >= 8.9 (Ada, Hopper); Ampere (>= 8.0; >= 7.5
//     Turing in newer docs) runs it weight-only (W8A16) through FP8 Marlin (vllm-project/vllm
//     docs/features/quantization/fp8.md @ 0244607697939bcf5e9bbb4b9976cf8c2b710982, "Online Dynamic
//     Quantization"; docs.vllm.ai/en/v0.5.5/quantization/fp8.html). The same page warns it loads the
//     model at original precision first; vllm-project/vllm#31914 (merged 2026-01) creates the weights
//     on `meta` and quantizes them as they stream in, and #37851 updated that doc accordingly.
//   · `--quantization bitsandbytes`: "Inflight quantization: load as 4bit quantization" of a 16-bit
//     checkpoint (docs/features/quantization/bnb.md @ 03c1ab5320abc4acd19c2ed16c4fc6aa4b129e8d, "OpenAI
//     Compatible Server"). vllm/model_executor/model_loader/bitsandbytes_loader.py @ 0406fb9f
//     (_unquantized_generator) slices each rank's tensor-parallel shard and calls
//     quantize_4bit(..., quant_type="nf4") tensor by tensor, and dequantize_dq keeps absmax in float32:
//     4 + 32/64 bits per weight, the BNB-NF4 of gpu-formats.ts. In-flight quantization is 4-bit only, and
//     "Prequant BitsAndBytes models with tensor parallelism is not supported" (same file), so an 8-bit
//     bitsandbytes plan is made FP8 instead. vLLM's hardware table lists bitsandbytes for NVIDIA only
//     (docs/features/quantization/supported_hardware.md @ 01129ffb).
//   · AWQ / GPTQ need a checkpoint quantized ahead of time, which the catalog does not list: the command
//     names a placeholder repo (ORG/<name>-AWQ). 4-6-bit GGUF quants map to in-flight NF4 instead, so
//     that the command runs from the catalog's repo; the notes give the trade-off.
//   · gpt-oss ships its experts in MXFP4 (shape.nativeExpertType): served as stored, like the decision
//     engine does (src/decide/candidates.ts vllmCandidate), with no --quantization flag.
import { isGgufQuant, type QuantId } from './quants.js';
import type { ModelShape } from './types.js';

/** What `vllm serve` loads for a quant (vllmFormatFor). */
export interface VllmFormat {
  /** The quant the vLLM command loads: vLLM plans' memory and speed are computed for it. */
  quant: QuantId;
  /** How plans name it: the quant, or what a natively quantized checkpoint holds ("MXFP4+BF16"). */
  label: string;
  /** `--quantization X`: the 16-bit checkpoint is quantized while loading; null: loaded as stored. */
  flag: 'fp8' | 'bitsandbytes' | null;
  /** Set when the catalog's (16-bit) repo is not what loads: the placeholder repo's suffix, e.g. "-AWQ". */
  placeholderSuffix: string | null;
  /** Why this format, what it needs and what it costs. */
  notes: string[];
}

/** 16-bit GGUF types: the checkpoint itself. */
const SIXTEEN_BIT = new Set(['F32', 'F16', 'BF16']);
/** 8- and 6-bit GGUF types: FP8 is the nearest vLLM format that loses no more than they do. */
const EIGHT_BIT = new Set(['Q8_0', 'Q6_K']);

const NOT_GGUF = "vLLM serves safetensors checkpoints, not this GGUF (its GGUF support is experimental)";

/**
 * What a vLLM plan loads for `quant`, from the catalog's repo (the 16-bit release): the checkpoint as
 * stored for 16-bit quants and natively quantized experts (gpt-oss), FP8 quantized while loading for
 * 8- and 6-bit ones (and BNB-INT8), NF4 quantized while loading (bitsandbytes) for 5 bits and below,
 * and an AWQ/GPTQ checkpoint (placeholder repo) for those formats. Sources in the header comment of this file.
 */
export function vllmFormatFor(quant: QuantId, shape: Pick<ModelShape, 'nativeExpertType'> = {}): VllmFormat {
  const fp8Hardware =
    'FP8 runs W8A8 on compute capability >= 8.9 (Ada, Hopper: RTX 40xx, L40S, H100) and weight-only through FP8 Marlin on Ampere; ' +
    'vLLM releases before vllm-project/vllm#31914 (2026) load the 16-bit weights before quantizing and need room for them at start-up';
  const fp8 = (why: string): VllmFormat => ({
    quant: 'FP8',
    label: 'FP8',
    flag: 'fp8',
    placeholderSuffix: null,
    notes: [`${why}: the 16-bit checkpoint is quantized to FP8 while loading (--quantization fp8, no calibration data); ${fp8Hardware}`],
  });
  if (shape.nativeExpertType) {
    // estimateWeights(shape, 'BF16') keeps native experts at their type (quant-mix.ts): the checkpoint as stored.
    return {
      quant: 'BF16',
      label: `${shape.nativeExpertType}+BF16`,
      flag: null,
      placeholderSuffix: null,
      notes: [`the checkpoint ships its experts in ${shape.nativeExpertType} and the rest in 16-bit: vLLM serves it as stored, with no --quantization flag`],
    };
  }
  if (SIXTEEN_BIT.has(quant)) {
    return { quant: 'BF16', label: 'BF16', flag: null, placeholderSuffix: null, notes: ['vLLM serves the 16-bit checkpoint as stored'] };
  }
  if (EIGHT_BIT.has(quant)) return fp8(`${NOT_GGUF}; for ${quant}`);
  if (quant === 'FP8') return fp8('FP8');
  if (quant === 'BNB-INT8') {
    return fp8(
      "BNB-INT8: vLLM quantizes in flight with bitsandbytes to 4 bits only, and pre-quantized bitsandbytes checkpoints do not run with tensor parallelism, so this 8-bit plan uses FP8 (about the same size)",
    );
  }
  if (quant === 'AWQ-INT4' || quant === 'GPTQ-INT4') {
    const suffix = quant === 'AWQ-INT4' ? '-AWQ' : '-GPTQ-Int4';
    return {
      quant,
      label: quant,
      flag: null,
      placeholderSuffix: suffix,
      notes: [
        `the catalog lists only the 16-bit checkpoint: ORG/…${suffix} is a placeholder for a published ${quant} checkpoint of this model (vLLM reads its quantization from its config.json)`,
      ],
    };
  }
  // 5 bits and below (K-, I- and legacy quants, MXFP4 of a model not released in it) and BNB-NF4.
  const why = isGgufQuant(quant) ? `${NOT_GGUF}; for ${quant}` : 'BNB-NF4';
  return {
    quant: 'BNB-NF4',
    label: 'BNB-NF4',
    flag: 'bitsandbytes',
    placeholderSuffix: null,
    notes: [
      `${why}: the 16-bit checkpoint is quantized to 4-bit NF4 with bitsandbytes while loading (--quantization bitsandbytes; pip install bitsandbytes; NVIDIA GPUs)`,
      'trade-off: this runs from the catalog\'s repo with nothing else to find, but bitsandbytes kernels are slower than AWQ/GPTQ (Marlin) ones and the speed here assumes a bandwidth-bound 4-bit kernel (no bitsandbytes measurement), so expect less; with a published AWQ checkpoint of the model, plan it with --quant awq',
    ],
  };
}
