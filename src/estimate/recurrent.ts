// Recurrent state of hybrid models (Gated DeltaNet, Mamba2, LFM2 short convolutions), sized as
// llama.cpp sizes it. ggml-org/llama.cpp @ 01b77b5793989e0a1508a2fe3757d4e743a7bbd1
// src/llama-hparams.cpp:
//   n_embd_r() = (ssm_d_conv - 1) × (ssm_d_inner + 2 × ssm_n_group × ssm_d_state)   (conv state; LFM2: n_embd × (L_cache - 1))
//   n_embd_s() = ssm_d_state × ssm_d_inner                                            (SSM / delta-rule state; 0 for LFM2)
// src/llama-memory-recurrent.cpp (@ 0054ee8ca80bb64d4a56eec854f2753cab5b51be): for every layer the
// filter keeps (is_recurrent), r = ggml_new_tensor_2d(type_r, n_embd_r(), mem_size × (1 + n_rs_seq))
// and s likewise with n_embd_s(); llama-model.cpp create_memory passes type_r = type_s = F32 and
// mem_size = max(1, n_seq_max). So per sequence: recurrent layers × (n_embd_r + n_embd_s) × 4 bytes,
// independent of the context length. n_rs_seq (rollback snapshots for speculative decoding) is 0 by default.
import type { ModelShape } from './types.js';

export interface RecurrentStateEstimate {
  bytes: number;
  /** Layers that keep a recurrent state. */
  layers: number;
  /** f32 values per layer per sequence. */
  convValues: number;
  stateValues: number;
  sequences: number;
  explanation: string;
}

const F32 = 4;

export function recurrentValuesPerLayer(shape: ModelShape): { r: number; s: number } {
  const rec = shape.recurrent;
  if (!rec) return { r: 0, s: 0 };
  if (rec.kind === 'shortconv') return { r: shape.hiddenSize * (rec.convKernel - 1), s: 0 };
  return {
    r: (rec.convKernel > 0 ? rec.convKernel - 1 : 0) * (rec.innerSize + 2 * rec.groups * rec.stateSize),
    s: rec.stateSize * rec.innerSize,
  };
}

const KIND_NAME = { 'gated-deltanet': 'Gated DeltaNet', mamba2: 'Mamba2', shortconv: 'short-convolution' } as const;

/** Recurrent state for `sequences` parallel sequences (llama-server -np; 1 for one conversation). */
export function estimateRecurrentState(shape: ModelShape, sequences = 1): RecurrentStateEstimate {
  const rec = shape.recurrent;
  if (!rec) return { bytes: 0, layers: 0, convValues: 0, stateValues: 0, sequences, explanation: 'no recurrent layers' };
  // Falcon-H1's parallel layers keep a state too (llama_memory_recurrent counts every layer its filter keeps).
  const layers = rec.layerKinds.filter((k) => k === 'recurrent' || k === 'parallel').length;
  const { r, s } = recurrentValuesPerLayer(shape);
  const bytes = layers * (r + s) * F32 * Math.max(1, sequences);
  const how =
    rec.kind === 'shortconv'
      ? `conv ${shape.hiddenSize} × (${rec.convKernel} - 1)`
      : `conv (${rec.convKernel} - 1) × (${rec.innerSize} + 2 × ${rec.groups} × ${rec.stateSize}) + state ${rec.stateSize} × ${rec.innerSize}`;
  return {
    bytes,
    layers,
    convValues: r,
    stateValues: s,
    sequences,
    explanation: `${layers} ${KIND_NAME[rec.kind]} layers × (${how}) × 4 bytes (f32) per sequence, whatever the context`,
  };
}
