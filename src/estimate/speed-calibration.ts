// Calibration of the speed model (speed.ts), as data. Every figure carries its source: a row
// set of reference/llamacpp_speed.json (fitted by `node --import tsx bench/speed.ts --fit`,
// which prints the same numbers), a public measurement (URL), or a derivation from them.
// The model is physical and has few parameters: per backend, the fraction of the memory
// bandwidth decode reaches, a fixed cost per layer per token, and the fraction of FP16
// throughput prompt processing reaches; per quantization family, a factor on the bandwidth term.
import type { SpeedHardware } from './types.js';

export type Backend = SpeedHardware['backend'];

export interface BackendCalibration {
  /** Fraction of the spec memory bandwidth that decode's weight/KV reads reach. */
  decodeEfficiency: number;
  /** Fixed time per repeating layer per generated token (kernel launches, synchronisation), ms. */
  layerOverheadMs: number;
  /** CUDA: the same cost when every kernel is launched on its own (no CUDA graph), ms. */
  layerOverheadNoGraphsMs?: number;
  /** Fraction of the spec dense FP16 throughput that prompt processing (pp512) reaches. */
  promptEfficiency: number;
  /** Rows (or measurements) the three numbers were fitted on, and how. */
  source: string;
}

/**
 * Decode: time per token = bytes read ÷ (decodeEfficiency × family factor × bandwidth)
 * + layers × layerOverheadMs. Prompt: tokens/s = promptEfficiency × FP16 FLOPS ÷ (2 × active params).
 * CUDA and Metal are least-squares fits (log error) on the `fit` rows of bench/speed.ts; the
 * other backends have one or two public llama-bench measurements each.
 */
export const BACKEND_CALIBRATION: Readonly<Record<Backend, BackendCalibration>> = {
  cuda: {
    decodeEfficiency: 0.88,
    layerOverheadMs: 0.045,
    layerOverheadNoGraphsMs: 0.065,
    promptEfficiency: 0.435,
    source:
      'least-squares fit on reference/llamacpp_speed.json CUDA rows: decode rows 1, 3, 7, 11, 103 (RTX PRO 6000, RTX 4090, A100, DGX Spark; CUDA graphs) and 42, 44 (RTX 4090, Jan 2024 build without CUDA graphs: layerOverheadNoGraphsMs), per-layer costs at 2500 MHz and scaled by each card\'s boost clock (LAYER_OVERHEAD_CLOCK); prompt rows 0, 2, 6, 10, 41 (rows 43 and 45 predate int8 MMQ, ggml-org/llama.cpp#8075, and are left out)',
  },
  metal: {
    decodeEfficiency: 0.94,
    layerOverheadMs: 0.1925,
    promptEfficiency: 0.66,
    source:
      'least-squares fit on reference/llamacpp_speed.json Metal rows: decode rows 37, 39, 53 (M2 Max 30-core, one die; two-die Ultra chips: METAL_TWO_DIE); prompt rows 16, 30, 32, 34, 36, 38, 40, 54-59, 61 (M2 Ultra, M1 Ultra 48-core, M2 Max 30-core)',
  },
  vulkan: {
    decodeEfficiency: 0.85,
    layerOverheadMs: 0.0225,
    promptEfficiency: 0.45,
    source:
      'decode (per-layer cost at 2500 MHz, scaled by the boost clock: LAYER_OVERHEAD_CLOCK): fit on RTX 4090 TinyLlama tg128 762.37 t/s (https://github.com/geerlingguy/ai-benchmarks/issues/43) and Radeon 8060S Llama 3.1 8B Q4_K_M tg64 41.6 t/s (https://github.com/deseven/strixhalo-homelab/issues/11); prompt: reference/llamacpp_speed.json row 92 and RTX 5090 llama 7B Q4_0 pp512 13320.86 t/s (https://github.com/ggml-org/llama.cpp/pull/23541)',
  },
  rocm: {
    decodeEfficiency: 0.665,
    layerOverheadMs: 0.045,
    promptEfficiency: 0.88,
    source:
      'RX 7900 XTX, llama 8B Q4_K_M, tg64 105.75 and pp2048 3189.36 t/s (https://github.com/ggml-org/llama.cpp/pull/26284); per-layer cost taken from CUDA (ROCm is the HIP build of the CUDA kernels); promptEfficiency is relative to the card\'s shader FP16 figure (61.44 TFLOPS, reference/gpus.json)',
  },
  sycl: {
    decodeEfficiency: 0.85,
    layerOverheadMs: 0.0225,
    promptEfficiency: 0.45,
    source: 'no SYCL measurement found: Vulkan\'s figures (the other backend llama.cpp runs on Intel GPUs)',
  },
  cpu: {
    decodeEfficiency: 0.675,
    layerOverheadMs: 0,
    promptEfficiency: 1,
    source:
      'Core i9-13900K with DDR5-6400 (102.4 GB/s), 7B gen 128 at 8 threads 18.27 t/s (https://github.com/ggml-org/llama.cpp/issues/34; Q4_0 file of 3.56 GiB assumed); per-layer cost 0 (negligible next to tens of ms of RAM reads); prompt compute is set by FALLBACK_TFLOPS_PER_GBPS.cpu, so the efficiency is 1',
  },
};

/**
 * The per-layer decode cost of the discrete-kernel backends scales with the GPU clock. With one
 * CUDA graph per token (or Vulkan's one command buffer) no host launch is left in the token; what
 * remains per layer is a chain of a dozen-odd dependent small kernels (norms, rope, KV copies,
 * softmax, adds) whose run time is latency (launch on the GPU front end, a drain between
 * dependent grids, a few DRAM round trips), counted in GPU cycles. So layerOverheadMs is quoted at
 * `referenceMHz` and scaled by referenceMHz ÷ clock when the card's boost clock is known
 * (SpeedHardware.gpuClockMHz); Metal keeps its own fitted constants (no Apple clock in the facts).
 */
export const LAYER_OVERHEAD_CLOCK: { referenceMHz: Sourced; backends: readonly Backend[] } = {
  referenceMHz: {
    value: 2500,
    source:
      'round figure of current NVIDIA boost clocks, so a card of unknown clock is priced as one of today\'s: RTX 4090 2520, RTX 5090 2407, RTX 5080 2617 MHz (voidful/gpu-info-api gpu.json @ 03a6b34a8cc7b761a0b70a5956a478c76062e6ec, entries AD102-300, GB202-300, GB203-400)',
  },
  backends: ['cuda', 'rocm', 'vulkan', 'sycl'],
};

/** Decode constants of one hardware class that differ from its backend's. */
export interface DecodeCalibration {
  decodeEfficiency: number;
  layerOverheadMs: number;
  source: string;
}

/**
 * Apple's two-die chips (M1/M2/M3 Ultra: two Max dies joined by UltraFusion, the only Apple parts
 * with 800 GB/s or more) reach a smaller share of their bandwidth in decode than one die does, and
 * pay more per layer: half of every weight read crosses the die-to-die link. Fitted on the two-die
 * Metal rows of the fit split; BACKEND_CALIBRATION.metal is fitted on the single-die rows.
 */
export const METAL_TWO_DIE: DecodeCalibration = {
  decodeEfficiency: 0.655,
  layerOverheadMs: 0.1225,
  source: 'least-squares fit on reference/llamacpp_speed.json M2 Ultra and M1 Ultra 48-core decode rows 17, 31, 33, 35, 60, 62, 103',
};

/** Bandwidth from which a Metal GPU is a two-die Ultra part. */
export const METAL_TWO_DIE_MIN_GBPS: Sourced = {
  value: 800,
  source:
    'M1 Ultra "interconnects the die of two M1 Max chips" with 800 GB/s (Apple announcement as copied at https://topforyou5.blogspot.com/search/label/Apple%20unvelis%20M1%20Ultra and https://tag.coron.tech/?p=2340484); M2 Ultra 800, M3 Ultra 819 (data/gpus.yaml); single-die Max parts reach 400-614 GB/s (reference/llamacpp_speed.json rows 20-21)',
};

export type QuantFamily = 'legacy' | 'k' | 'iq' | 'float' | 'mxfp4' | 'gpu-int4' | 'gpu-8bit';

export interface FamilyFactor {
  /** Multiplies decodeEfficiency: dequantizing some formats costs time on top of the memory reads. */
  factor: number;
  source: string;
}

const README_FIT =
  'reference/llamacpp_speed.json rows 63-80 (Llama-3.1-8B tg128 per quant on one machine, llama.cpp tools/quantize/README.md): F16 and Q8_0 fix time = a × bytes + c; factor = a × bytes ÷ (time − c), median of the family';

export const QUANT_FAMILY_FACTOR: Readonly<Record<QuantFamily, FamilyFactor>> = {
  legacy: { factor: 1, source: 'reference point: the CUDA and Metal fit rows are mostly Q4_0 and Q8_0' },
  float: { factor: 1, source: `${README_FIT} (F16 is on the line by construction; the F16 fit rows 37 and 42 sit within the scatter of Q4_0/Q8_0)` },
  k: { factor: 0.9, source: `${README_FIT}: Q2_K 0.65, Q4_K_M 0.88, Q5_K_M 0.94, Q6_K 0.92` },
  iq: { factor: 0.61, source: `${README_FIT}: IQ2_XS 0.52, IQ3_XXS 0.61, IQ4_XS 0.88 (lookup-grid dequantization is compute-heavy; least certain on fast GPUs)` },
  mxfp4: {
    factor: 1,
    source: 'assumed like Q4_0 (32-weight blocks with one scale); with 1 the gpt-oss rows 89 and 103 of reference/llamacpp_speed.json land within ±6%',
  },
  'gpu-int4': { factor: 1, source: 'no AWQ/GPTQ measurement in the reference: assumed bandwidth-bound like Q4_0 (least certain)' },
  'gpu-8bit': { factor: 1, source: 'no FP8/INT8 measurement in the reference: assumed bandwidth-bound like Q8_0 (least certain)' },
};

/** A figure with where it comes from. */
export interface Sourced {
  value: number;
  source: string;
}

const FACTS = 'hardware table of test/speed/facts.ts (figures from reference/gpus.json and cited spec sheets)';

/**
 * When a GPU's FP16 throughput is unknown, estimate it from its bandwidth: TFLOPS per GB/s of
 * the backend's typical hardware. Used only for prompt speed.
 */
export const FALLBACK_TFLOPS_PER_GBPS: Readonly<Record<Backend, Sourced>> = {
  cuda: { value: 0.253, source: `median over the NVIDIA cards of the ${FACTS} (RTX 4090 0.33, A100 0.15, RTX 3060 0.14, GB10 0.46, Jetson AGX Orin 0.21, RTX 5090 0.23, RTX 3090 0.15, H100 PCIe 0.38, ...)` },
  metal: { value: 0.0336, source: `median over the Apple chips of the ${FACTS} (M1 Ultra 0.027, M2 Ultra 0.034, M4 Pro 0.034, ...)` },
  rocm: { value: 0.064, source: 'RX 7900 XTX: 61.44 TFLOPS ÷ 960 GB/s (reference/gpus.json)' },
  vulkan: { value: 0.064, source: 'as ROCm: RX 7900 XTX ratio (the cards that fall back under Vulkan are mostly AMD and Intel)' },
  sycl: { value: 0.064, source: 'as ROCm: RX 7900 XTX ratio (no Intel GPU figure in the reference)' },
  cpu: { value: 0.0073, source: 'fitted: Core i9-13900K, 7B pp 512 55.21 t/s at 32 threads with 102.4 GB/s RAM (https://github.com/ggml-org/llama.cpp/issues/34)' },
};

/**
 * Prompt processing of a mixture-of-experts model: the share of the dense per-FLOP efficiency its
 * routed-expert matrix multiplications (mul_mat_id) reach. Each expert sees only ubatch × k ÷ E
 * tokens of a micro-batch (gpt-oss-20b: 512 × 4 ÷ 32 = 64), and Vulkan's mul_mat_id launches
 * workgroups for every expert and discards the empty ones (ggml-org/llama.cpp#18352), so its expert
 * GEMMs run far below the dense rate. Fitted per backend on the `fit` rows of bench/speed.ts
 * (`--fit` prints the same figure); 1 where no fit row exists.
 */
export const MOE_PROMPT_EFFICIENCY: Readonly<Record<Backend, Sourced>> = {
  vulkan: {
    value: 0.57,
    source:
      'median over three fit pairs, the dense row of each fixing the card and the MoE row the factor: RTX 5090 Vulkan gpt-oss 20B MXFP4 pp512 10971.78 t/s next to llama 7B Q4_0 pp512 13320.86 t/s (https://github.com/ggml-org/llama.cpp/pull/23541), and Radeon 8060S Vulkan RADV gpt-oss-120b MXFP4 next to Llama 2 7B Q4_0 at -fa 0 and at -fa 1 (kyuz0/amd-strix-halo-toolboxes docs/results.json @ 006aaa64e166f656a21ce115f010e8f4fb93f8a8, build 6486)',
  },
  cuda: {
    value: 1,
    source: 'no CUDA MoE prompt row in the fit split: no penalty assumed (held-out DGX Spark gpt-oss-120b prefill, reference row 103, lands at +20% without one)',
  },
  metal: {
    value: 1,
    source: 'no Metal MoE prompt row in the fit split: no penalty assumed (held-out M2 Ultra gpt-oss-120b prefill, reference row 103, lands within 2% without one)',
  },
  rocm: { value: 1, source: 'no ROCm MoE prompt row: no penalty assumed (least certain)' },
  sycl: { value: 1, source: 'no SYCL MoE prompt row: no penalty assumed (least certain)' },
  cpu: { value: 1, source: 'CPU prompt is set by the dense RAM-bandwidth fallback; no MoE row' },
};

/**
 * Prompt processing without flash attention (-fa 0): llama.cpp builds attention as mul_mat(K, Q) →
 * soft_max_ext → mul_mat(V, KQ), so every layer writes an F32 score matrix of heads × KV positions per
 * token to memory and reads it back (the traffic FlashAttention avoids by keeping scores on chip:
 * Dao et al. 2022, "IO-aware"). Priced as this many bytes per score at the decode memory rate.
 * Fitted (`--fit`) on fit pairs of the same build, machine and model with -fa 0 and -fa 1, so
 * that the -fa 0 row's error equals its -fa 1 twin's; median over the pairs. The physical floor is
 * about 16-24 bytes (write 4, soft-max read and write 8, conversion and read for the second
 * mul_mat 6-10); the fitted figure is above it because those small kernels do not stream at full
 * bandwidth. Measured cost per layer per token scales with the heads, not the head size: Llama 2 7B
 * (32 heads × 128) 3.3 µs, gpt-oss (64 × 64) 7.0-7.2 µs on the same Radeon 8060S.
 */
export const FA_OFF_SCORE_BYTES: Sourced = {
  value: 45.5,
  source:
    'fitted on the Radeon 8060S (Strix Halo) Vulkan RADV pairs of kyuz0/amd-strix-halo-toolboxes docs/results.json @ 006aaa64e166f656a21ce115f010e8f4fb93f8a8 (build f1fbffb5 (6486), pp512 fa 0 / fa 1): Llama 2 7B Q4_0 868.70 / 957.23 t/s, gpt-oss-120b MXFP4 426.15 / 478.69 t/s',
};

/** Tokens per micro-batch in prompt processing: the weights are read once per micro-batch. */
export const PROMPT_UBATCH_TOKENS: Sourced = {
  value: 512,
  source: 'llama.cpp common_params default n_ubatch = 512 (n_batch 2048), as printed by llama-batched-bench ("n_ubatch = 512")',
};

/**
 * Host→GPU copy rate for CPU-resident weights: llama.cpp's CUDA backend moves them to the GPU for
 * batches of 32 tokens or more (ggml_backend_cuda_device_offload_op, min_batch_size = 32, ggml-cuda.cu).
 */
export const PCIE_GBPS: Sourced = {
  value: 12.3,
  source: 'CUDA bandwidthTest host→device, pinned, 32 MB transfers, A100-SXM4 host (router-gao/cuda-demo cuda-samples/02-cuda-bandwidth.md)',
};

/** Latency of one tensor-parallel all-reduce of one token's activations, ms. */
export const ALLREDUCE_MS: Readonly<Record<'pcie' | 'nvlink', Sourced>> = {
  pcie: {
    value: 0.022,
    source: 'NCCL all-reduce of a 16 KB fp16 message over a PCIe switch inside a CUDA graph, 22.3 µs (https://github.com/haohervchb/sglang-V100/pull/2)',
  },
  nvlink: {
    value: 0.009,
    source: 'vLLM custom all-reduce on H100, 32 KB message, 8.7-11.8 µs for TP 2-8 (https://github.com/sgl-project/sglang/pull/2904)',
  },
};

/** Extra time per token for each remote machine in the chain (llama.cpp RPC, pipeline stages across nodes). */
export const NETWORK_HOP_MS: Sourced = {
  value: 8.9,
  source:
    'llama.cpp RPC over gigabit Ethernet: TinyLlama F16 63 → 42 t/s with a remote rpc-server (+7.9 ms; https://github.com/ggml-org/llama.cpp/pull/6829) and Phi-3 92 → 48.41 t/s (+9.8 ms; https://github.com/ggml-org/llama.cpp/issues/7292); mean 8.9 ms. Faster networks cut it',
};
