// Bytes of a GGUF file that are not tensor data: the header with the tokenizer (token strings,
// types, BPE merges), the chat template, and tensor infos. llama.cpp does not load it into GPU
// memory; it only matters when comparing with download sizes.
//
// Calibrated on the exact files in reference/gguf_sizes.json (file bytes minus the tensor bytes
// the estimator computes, which agree to the byte across quant types of one model):
// Llama 3.x 8B 7.84 MB (61 B per vocabulary entry), Qwen2.5 7B 6.47 MB (43 B), Qwen2.5 3B
// 6.33 MB (42 B), Qwen2.5-Coder 32B 7.81 MB (51 B): about 50 bytes per vocabulary entry.
export const HEADER_BYTES_PER_VOCAB_ENTRY = 50;

export function ggufHeaderBytesEstimate(vocabSize: number): number {
  return Math.round(vocabSize * HEADER_BYTES_PER_VOCAB_ENTRY);
}
