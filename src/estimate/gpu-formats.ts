// Bytes per weight of the GPU-engine formats (vLLM, Transformers), per quantized linear layer.
// Embeddings, the LM head and norms stay 16-bit in all of them (AWQ/GPTQ quantize the decoder's
// Linear layers only; bitsandbytes skips lm_head and embeddings are not Linear; FP8 checkpoints
// from llm-compressor ignore lm_head).
import type { GpuQuant } from './quants.js';
import type { TensorSpec } from './tensors.js';

const GROUP = 128;

/** Bits per weight of one quantized matrix with `cols` inputs and `rows` outputs. */
export function gpuFormatBits(quant: GpuQuant, cols: number, rows: number): number {
  switch (quant) {
    // AWQ (vllm-project/vllm vllm/model_executor/layers/quantization/awq.py @ 92d756e9,
    // create_weights): qweight int32 [in, out/8] = 4 bits, qzeros int32 [in/128, out/8] = 4 bits
    // per group, scales fp16 [in/128, out] = 16 bits per group of 128 inputs.
    case 'AWQ-INT4':
      return 4 + (16 + 4) / GROUP;
    // GPTQ (vllm gptq.py create_weights): qweight [in/8, out], scales [in/128, out] fp16,
    // qzeros [in/128, out/8], g_idx int32 [in] (32 bits per input row, shared by all outputs).
    case 'GPTQ-INT4':
      return 4 + (16 + 4) / GROUP + 32 / rows;
    // bitsandbytes 4-bit (bitsandbytes functional.quantize_4bit, blocksize=64, absmax float32;
    // double quantization off by default: vLLM/Transformers BitsAndBytesConfig
    // bnb_4bit_use_double_quant=False).
    case 'BNB-NF4':
      return 4 + 32 / 64;
    // LLM.int8(): int8 weights and one float32 scale per output row (SCB).
    case 'BNB-INT8':
      return 8 + 32 / cols;
    // FP8 e4m3 with one scale per tensor.
    case 'FP8':
      return 8;
  }
}

/** Bytes of one tensor in a GPU format: quantized if it is a decoder matrix, else 16-bit. */
export function gpuFormatTensorBytes(quant: GpuQuant, t: TensorSpec): number {
  const elements = t.cols * t.rows * t.experts;
  if (!t.quantizable) return elements * 2;
  if (t.category === 'token_embd' || t.category === 'output') return elements * 2;
  return (elements * gpuFormatBits(quant, t.cols, t.rows)) / 8;
}
