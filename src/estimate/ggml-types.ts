// ggml tensor storage types: bytes per block and weights per block.
// Source: ggml-org/llama.cpp ggml/src/ggml-common.h @ 01243c587feceaa5d6a6c2305535ef2f549c48b8
// (copied in reference/bpw.json block_types). Q4_K/Q5_K/Q6_K... are block types; Q4_K_M
// and friends are file types (mixes), see quant-mix.ts.

export const GGML_TYPES = {
  F32: { bytes: 4, block: 1 },
  F16: { bytes: 2, block: 1 },
  BF16: { bytes: 2, block: 1 },
  Q8_0: { bytes: 34, block: 32 },
  Q4_0: { bytes: 18, block: 32 },
  Q4_1: { bytes: 20, block: 32 },
  Q5_0: { bytes: 22, block: 32 },
  Q5_1: { bytes: 24, block: 32 },
  Q2_K: { bytes: 84, block: 256 },
  Q3_K: { bytes: 110, block: 256 },
  Q4_K: { bytes: 144, block: 256 },
  Q5_K: { bytes: 176, block: 256 },
  Q6_K: { bytes: 210, block: 256 },
  IQ1_S: { bytes: 50, block: 256 },
  IQ1_M: { bytes: 56, block: 256 },
  IQ2_XXS: { bytes: 66, block: 256 },
  IQ2_XS: { bytes: 74, block: 256 },
  IQ2_S: { bytes: 82, block: 256 },
  IQ3_XXS: { bytes: 98, block: 256 },
  IQ3_S: { bytes: 110, block: 256 },
  IQ4_NL: { bytes: 18, block: 32 },
  IQ4_XS: { bytes: 136, block: 256 },
  TQ1_0: { bytes: 54, block: 256 },
  TQ2_0: { bytes: 66, block: 256 },
  MXFP4: { bytes: 17, block: 32 },
} as const satisfies Record<string, { bytes: number; block: number }>;

export type GgmlType = keyof typeof GGML_TYPES;

export function isGgmlType(name: string): name is GgmlType {
  return Object.prototype.hasOwnProperty.call(GGML_TYPES, name);
}

/** Bits per weight of a block type (e.g. Q4_K 4.5). */
export function typeBits(type: GgmlType): number {
  const t = GGML_TYPES[type];
  return (t.bytes * 8) / t.block;
}

/** ggml_row_size: bytes of one row of `cols` weights. Assumes cols is a multiple of the block size. */
export function rowBytes(type: GgmlType, cols: number): number {
  const t = GGML_TYPES[type];
  return (cols / t.block) * t.bytes;
}

/** Bytes of a tensor of `elements` weights whose rows are `cols` long. */
export function tensorBytes(type: GgmlType, cols: number, elements: number): number {
  return rowBytes(type, cols) * (elements / cols);
}

export function isQuantized(type: GgmlType): boolean {
  return type !== 'F32' && type !== 'F16' && type !== 'BF16';
}

/**
 * Numeric ids of ggml types in a GGUF file (enum ggml_type, ggml/include/ggml.h; the same
 * table as @huggingface/tasks GGMLQuantizationType). Used to read tensor types from a header.
 */
export const GGML_TYPE_BY_ID: Readonly<Record<number, GgmlType>> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  6: 'Q5_0',
  7: 'Q5_1',
  8: 'Q8_0',
  10: 'Q2_K',
  11: 'Q3_K',
  12: 'Q4_K',
  13: 'Q5_K',
  14: 'Q6_K',
  16: 'IQ2_XXS',
  17: 'IQ2_XS',
  18: 'IQ3_XXS',
  19: 'IQ1_S',
  20: 'IQ4_NL',
  21: 'IQ3_S',
  22: 'IQ2_S',
  23: 'IQ4_XS',
  29: 'IQ1_M',
  30: 'BF16',
  34: 'TQ1_0',
  35: 'TQ2_0',
  39: 'MXFP4',
};
