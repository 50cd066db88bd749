// Facts the speed benchmark needs to turn a published measurement into a SpeedInput: the
// hardware (bandwidth, FP16 throughput, backend) and the model (parameters, shape, file size).
// Each entry names where it comes from; "derived" means computed from the cited figures.
import type { SpeedHardware } from '../../src/estimate/types.js';

export const GIB = 2 ** 30;
export const MIB = 2 ** 20;

export interface HardwareFact {
  name: string;
  backend: SpeedHardware['backend'];
  bandwidthGBps: number;
  /** Dense FP16 TFLOPS with tensor/matrix units where the card has them; null when unknown. */
  fp16Tflops: number | null;
  /** System RAM bandwidth (partial-offload rows only). */
  ramBandwidthGBps?: number;
  /** false: llama.cpp keeps CUDA graphs off on this architecture. */
  cudaGraphs?: false;
  /** GPU boost clock, MHz (scales the per-layer decode cost on CUDA/ROCm/Vulkan), and where it comes from. */
  boostClockMHz?: number;
  clockSource?: string;
  source: string;
}

const GPUS_JSON = 'reference/gpus.json';
/** The Wikipedia scrape reference/gpus.json was built from (secondary), with boost clocks per board. */
const GPU_INFO = 'voidful/gpu-info-api gpu.json @ 03a6b34a8cc7b761a0b70a5956a478c76062e6ec (Wikipedia scrape, secondary)';
const APPLE_TFLOPS =
  'Apple GPU FP32 TFLOPS table in Sidekick GPU.swift (Bean John, 2024-11; found with the code search); Apple GPUs run FP16 at the FP32 rate';

export const HARDWARE: Readonly<Record<string, HardwareFact>> = {
  'rtx-pro-6000': {
    name: 'RTX PRO 6000 Blackwell',
    backend: 'cuda',
    bandwidthGBps: 1792,
    fp16Tflops: 500,
    boostClockMHz: 2617,
    clockSource: `${GPU_INFO} NVIDIA_GB202_3 "RTX PRO 6000 Blackwell Workstation Edition": Boost clock 2617 MHz`,
    source:
      'bandwidth: NVIDIA datasheet as copied in atineoSE/coding-model-seeks-gpu pipeline/pipeline/sources/rtxpro6000_specs.md; FP16 derived: 4000 AI TOPS (FP4, sparse) ÷ 2 (dense) ÷ 4 (FP4→FP16) = 500 (same rule gives the RTX 5090 419 of reference/gpus.json)',
  },
  'rtx-4090': {
    name: 'RTX 4090',
    backend: 'cuda',
    bandwidthGBps: 1008,
    fp16Tflops: 330,
    boostClockMHz: 2520,
    clockSource: `${GPU_INFO} NVIDIA_AD102-300 "GeForce RTX 4090": boost 2520 MHz`,
    source: `${GPUS_JSON} "GeForce RTX 4090" (1008 GB/s; fp16_tensor 330 dense)`,
  },
  'rtx-4090-vulkan': {
    name: 'RTX 4090 (Vulkan)',
    backend: 'vulkan',
    bandwidthGBps: 1008,
    fp16Tflops: 330,
    boostClockMHz: 2520,
    clockSource: `${GPU_INFO} NVIDIA_AD102-300 "GeForce RTX 4090": boost 2520 MHz`,
    source: `${GPUS_JSON} "GeForce RTX 4090"`,
  },
  'rtx-5080': {
    name: 'RTX 5080',
    backend: 'cuda',
    bandwidthGBps: 960,
    fp16Tflops: 225,
    boostClockMHz: 2617,
    clockSource: `${GPU_INFO} NVIDIA_GB203-400 "GeForce RTX 5080": boost 2617 MHz`,
    source: 'NVIDIA spec as listed in public spec tables (960 GB/s, 1801 AI TOPS); FP16 derived 1801 ÷ 8 = 225',
  },
  'a100-80gb': {
    name: 'A100 80GB',
    backend: 'cuda',
    bandwidthGBps: 2039,
    fp16Tflops: 312,
    boostClockMHz: 1410,
    clockSource: `${GPU_INFO} NVIDIA_nan_62 "A100 GPU accelerator (PCIe card)": max boost 1410 MHz (the only A100 entry; the row does not say SXM or PCIe)`,
    source: `${GPUS_JSON} "A100 80GB (SXM4)" (the row does not say SXM or PCIe; PCIe is 1935 GB/s)`,
  },
  'rtx-3060': {
    name: 'RTX 3060 12GB',
    backend: 'cuda',
    bandwidthGBps: 360,
    fp16Tflops: 51,
    boostClockMHz: 1777,
    clockSource: `${GPU_INFO} NVIDIA_GA106-300-A1 "GeForce RTX 3060" 12 GiB: boost 1777 MHz`,
    source: `${GPUS_JSON} "GeForce RTX 3060 12GB" (360 GB/s; tensor 101.9 boost sparse ÷ 2)`,
  },
  'dgx-spark': {
    name: 'DGX Spark (GB10)',
    backend: 'cuda',
    bandwidthGBps: 273,
    fp16Tflops: 125,
    boostClockMHz: 2543,
    clockSource: 'derived: the facts\' 125 dense FP16 TFLOPS over 48 SMs (6144 CUDA cores ÷ 128, https://dgx-spark.warehack.ing/hardware/) at the RTX 5090\'s tensor rate per SM per MHz (419 TFLOPS ÷ 170 SMs ÷ 2407 MHz, reference/gpus.json and voidful NVIDIA_GB202-300) = 2543 MHz',
    source:
      '273 GB/s LPDDR5x (DGX Spark spec, quoted in many public notes); FP16 derived: 1 PFLOP FP4 sparse ÷ 8 = 125 (one public note says 92 BF16)',
  },
  'jetson-agx-orin': {
    name: 'Jetson AGX Orin 64GB',
    backend: 'cuda',
    bandwidthGBps: 204.8,
    fp16Tflops: 42.5,
    boostClockMHz: 1294,
    clockSource: 'derived: 5.3 FP32 TFLOPS ÷ (2 × 2048 CUDA cores) = 1294 MHz (NVIDIA Jetson AGX Orin technical brief as quoted at http://mzph.cn/web/30785.shtml)',
    source:
      'derived: 256-bit LPDDR5 × 6400 MT/s = 204.8 GB/s (assumed memory configuration, not read from a datasheet here); FP16 derived: the GPU\'s 64 tensor cores give 170 sparse INT8 TOPS (NVIDIA Jetson AGX Orin technical brief, as quoted at http://mzph.cn/web/30785.shtml: "16 SM … 2048 CUDA cores, 5.3 FP32 TFLOPs … 64 tensor cores, 170 sparse TOPs INT8") ÷ 2 (dense) ÷ 2 (INT8 → FP16) = 42.5, at the MAXN clocks',
  },
  'rtx-4060-ti': {
    name: 'RTX 4060 Ti',
    backend: 'cuda',
    bandwidthGBps: 288,
    fp16Tflops: 88,
    boostClockMHz: 2540,
    clockSource: `${GPU_INFO} NVIDIA_AD106-351 "GeForce RTX 4060 Ti" 16 GiB: boost 2540 MHz`,
    source: `${GPUS_JSON} "GeForce RTX 4060 Ti 16GB" (the 8 GB card has the same 288 GB/s: CYBIRD-D/How-to-Choose-your-LLM-Model-for-translation Nvidia_GPU_Specification.md)`,
  },
  'rtx-4070': {
    name: 'RTX 4070',
    backend: 'cuda',
    bandwidthGBps: 504,
    fp16Tflops: null,
    boostClockMHz: 2475,
    clockSource: `${GPU_INFO} NVIDIA_AD104-250 "GeForce RTX 4070": boost 2475 MHz`,
    source: 'CYBIRD-D/How-to-Choose-your-LLM-Model-for-translation Nvidia_GPU_Specification.md (504 GB/s)',
  },
  'tesla-p40': {
    name: 'Tesla P40',
    backend: 'cuda',
    bandwidthGBps: 347,
    fp16Tflops: null,
    cudaGraphs: false,
    boostClockMHz: 1531,
    clockSource: `${GPU_INFO} NVIDIA_nan_49 "P40 GPU accelerator": max boost 1531 MHz`,
    source:
      'L706077/GPU_CUDA README.md spec table (24GB GDDR5X, 347 GB/s); Pascal: llama.cpp enables CUDA graphs from Volta on only (ggml-org/llama.cpp#25749 "Enable CUDA graphs on Volta+Turing"; #27721 proposes Pascal, open)',
  },
  'rtx-5090-vulkan': {
    name: 'RTX 5090 (Vulkan)',
    backend: 'vulkan',
    bandwidthGBps: 1792,
    fp16Tflops: 419,
    boostClockMHz: 2407,
    clockSource: `${GPU_INFO} NVIDIA_GB202-300 "GeForce RTX 5090": boost 2407 MHz`,
    source: `${GPUS_JSON} "GeForce RTX 5090" (1792 GB/s; tensor FP16 "419 (838 sparse)")`,
  },
  // GPUs of the XiongjieDai/GPU-Benchmarks-on-LLM-Inference README (extra held-out rows); figures as in data/gpus.yaml.
  'rtx-4080': {
    name: 'RTX 4080',
    backend: 'cuda',
    bandwidthGBps: 717,
    fp16Tflops: 195,
    boostClockMHz: 2505,
    clockSource: `${GPU_INFO} NVIDIA_AD103-300 "GeForce RTX 4080": boost 2505 MHz`,
    source: `${GPUS_JSON} "GeForce RTX 4080" (717 GB/s; tensor FP16 "195 (390 sparse)")`,
  },
  'rtx-3090': {
    name: 'RTX 3090',
    backend: 'cuda',
    bandwidthGBps: 935.8,
    fp16Tflops: 142.74,
    boostClockMHz: 1695,
    clockSource: `${GPU_INFO} NVIDIA_GA102-300-A1 "GeForce RTX 3090": boost 1695 MHz`,
    source: `${GPUS_JSON} "GeForce RTX 3090" (935.8 GB/s; tensor FP16 285.48 boost, 2:1 sparse, halved)`,
  },
  'rtx-a6000': {
    name: 'RTX A6000',
    backend: 'cuda',
    bandwidthGBps: 768,
    fp16Tflops: 154.85,
    boostClockMHz: 1800,
    clockSource: `${GPU_INFO} NVIDIA_GA102-875-A1 "RTX A6000": boost 1800 MHz`,
    source: `${GPUS_JSON} "RTX A6000" (768 GB/s; tensor FP16 309.7 sparse, halved)`,
  },
  'rtx-6000-ada': {
    name: 'RTX 6000 Ada',
    backend: 'cuda',
    bandwidthGBps: 960,
    fp16Tflops: null,
    boostClockMHz: 2505,
    clockSource: `${GPU_INFO} NVIDIA_AD102-870-A1 "RTX 6000 Ada Generation": boost 2505 MHz`,
    source: `${GPUS_JSON} "RTX 6000 Ada Generation" (960 GB/s; its only tensor figure looks like FP8, so FP16 is left unknown as in data/gpus.yaml)`,
  },
  'h100-pcie': {
    name: 'H100 PCIe 80GB',
    backend: 'cuda',
    bandwidthGBps: 2000,
    fp16Tflops: 756.4,
    boostClockMHz: 1755,
    clockSource: `${GPU_INFO} NVIDIA_nan_63 "H100 GPU accelerator (PCIe card)": max boost "1755 CUDA 1620 TC" (CUDA-core clock)`,
    source: 'reference/llamacpp_speed.json gpu_bandwidth "NVIDIA H100 PCIe 80GB" (2000 GB/s); reference/gpus.json "H100 PCIe 80GB" (tensor FP16 756.4)',
  },
  'm3-max-40': {
    name: 'Apple M3 Max 40-core GPU',
    backend: 'metal',
    bandwidthGBps: 400,
    fp16Tflops: 14.2,
    source: `${GPUS_JSON} "Apple M3 Max" 400 GB/s; ${APPLE_TFLOPS} (later table: 14.2)`,
  },
  'm3-10': {
    name: 'Apple M3 10-core GPU',
    backend: 'metal',
    bandwidthGBps: 100,
    fp16Tflops: 4.1,
    source: `${GPUS_JSON} "Apple M3" 100 GB/s; ${APPLE_TFLOPS} (as data/gpus.yaml apple-m3: 4.1)`,
  },
  'm1-max-24': {
    name: 'Apple M1 Max 24-core GPU',
    backend: 'metal',
    bandwidthGBps: 400,
    fp16Tflops: 7.96,
    source: `${GPUS_JSON} "Apple M1 Max" 400 GB/s; TFLOPS derived 10.617 × 24/32 from ${APPLE_TFLOPS}`,
  },
  'rtx-2080-ti-vulkan': {
    name: 'RTX 2080 Ti (Vulkan)',
    backend: 'vulkan',
    bandwidthGBps: 616,
    fp16Tflops: null,
    boostClockMHz: 1545,
    clockSource: `${GPU_INFO} NVIDIA_TU102-300-K1-A1 "GeForce RTX 2080 Ti": reference boost 1545 MHz (the board of the run is not named)`,
    source: 'derived from deviceQuery (memory clock 7000 MHz, 352-bit, in public CUDA test notes): 2 × 7000 MHz × 44 bytes = 616 GB/s',
  },
  'strix-halo-vulkan': {
    name: 'Ryzen AI Max (Strix Halo) Radeon 8060S',
    backend: 'vulkan',
    bandwidthGBps: 256,
    fp16Tflops: 29.7,
    boostClockMHz: 2900,
    clockSource: '40 CUs, 2900 MHz boost: https://fpsbench.com/compare/gpu/amd-radeon-8060s-vs-amd-radeon-rx-7600m (the FP16 source above)',
    source:
      'Strix Halo 256 GB/s theoretical (212 GB/s measured), as written in several public hardware notes; FP16 29.70 TFLOPS (2:1; 40 CUs, 2900 MHz boost): https://fpsbench.com/compare/gpu/amd-radeon-8060s-vs-amd-radeon-rx-7600m (the same shader-rate kind of figure as the RX 7900 XTX "Half" 61.44 of reference/gpus.json; no WMMA figure)',
  },
  'rx-7900-xtx': {
    name: 'Radeon RX 7900 XTX',
    backend: 'rocm',
    bandwidthGBps: 960,
    fp16Tflops: 61.44,
    boostClockMHz: 2500,
    clockSource: `${GPU_INFO} AMD_nan_188 "Radeon RX 7900 XTX (Navi 31)": Core Clock "1900 2500" MHz (boost 2500)`,
    source: `${GPUS_JSON} "AMD Radeon RX 7900 XTX" (960 GB/s; 'Half' 61.44 boost; no tensor figure)`,
  },
  'core-i9-13900k': {
    name: 'Core i9-13900K, DDR5-6400',
    backend: 'cpu',
    bandwidthGBps: 102.4,
    fp16Tflops: null,
    ramBandwidthGBps: 102.4,
    source: 'derived: dual-channel DDR5-6400 = 2 × 8 bytes × 6400 MT/s = 102.4 GB/s (memory as stated in ggml-org/llama.cpp#34)',
  },
  'rtx-4090+ryzen-7900x': {
    name: 'RTX 4090 + Ryzen 9 7900X (partial offload)',
    backend: 'cuda',
    bandwidthGBps: 1008,
    fp16Tflops: 330,
    ramBandwidthGBps: 83.2,
    boostClockMHz: 2520,
    clockSource: `${GPU_INFO} NVIDIA_AD102-300 "GeForce RTX 4090": boost 2520 MHz`,
    source: `${GPUS_JSON} RTX 4090; RAM assumed dual-channel DDR5-5200 = 83.2 GB/s (not stated in the source)`,
  },
  'm1-ultra-64': {
    name: 'Apple M1 Ultra 64-core GPU',
    backend: 'metal',
    bandwidthGBps: 800,
    fp16Tflops: 21.23,
    source: `800 GB/s as listed in the row and ${GPUS_JSON}; ${APPLE_TFLOPS}`,
  },
  'm1-ultra-48': {
    name: 'Apple M1 Ultra 48-core GPU',
    backend: 'metal',
    bandwidthGBps: 800,
    fp16Tflops: 15.92,
    source: `800 GB/s (row); TFLOPS derived 21.23 × 48/64 from ${APPLE_TFLOPS}`,
  },
  'm2-ultra-76': {
    name: 'Apple M2 Ultra 76-core GPU',
    backend: 'metal',
    bandwidthGBps: 800,
    fp16Tflops: 27.2,
    source: `800 GB/s (row, ${GPUS_JSON}); ${APPLE_TFLOPS} (M2 Ultra 27.2; rows without a core count are taken as the 76-core part)`,
  },
  'm2-max-30': {
    name: 'Apple M2 Max 30-core GPU',
    backend: 'metal',
    bandwidthGBps: 400,
    fp16Tflops: 10.74,
    source: `400 GB/s (row); TFLOPS derived 13.6 × 30/38 from ${APPLE_TFLOPS}`,
  },
  'm1-max-32': {
    name: 'Apple M1 Max',
    backend: 'metal',
    bandwidthGBps: 400,
    fp16Tflops: 10.617,
    source: `${GPUS_JSON} "Apple M1 Max" 400 GB/s; ${APPLE_TFLOPS} (32-core)`,
  },
  'm4-pro-20': {
    name: 'Apple M4 Pro 20-core GPU',
    backend: 'metal',
    bandwidthGBps: 273,
    fp16Tflops: 9.2,
    source: `273 GB/s (row, ${GPUS_JSON}); ${APPLE_TFLOPS}`,
  },
  'm5-max-40': {
    name: 'Apple M5 Max 40-core GPU',
    backend: 'metal',
    bandwidthGBps: 614,
    fp16Tflops: null,
    source: '614 GB/s as listed in the row; FP16 unknown',
  },
  'm4-10': {
    name: 'Apple M4 10-core GPU',
    backend: 'metal',
    bandwidthGBps: 120,
    fp16Tflops: 4.6,
    source: `${GPUS_JSON} "Apple M4" 120 GB/s; ${APPLE_TFLOPS}`,
  },
  'm1-7': {
    name: 'Apple M1 7-core GPU',
    backend: 'metal',
    bandwidthGBps: 68.25,
    fp16Tflops: 2.29,
    source: `${GPUS_JSON} "Apple M1" 68.25 GB/s; TFLOPS derived 2.617 × 7/8 from ${APPLE_TFLOPS}`,
  },
  'm1-8': {
    name: 'Apple M1 8-core GPU',
    backend: 'metal',
    bandwidthGBps: 68.25,
    fp16Tflops: 2.617,
    source: `${GPUS_JSON} "Apple M1" 68.25 GB/s; ${APPLE_TFLOPS}`,
  },
};

export interface ModelFact {
  name: string;
  params: number;
  layers: number;
  hiddenSize: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
  kvHeads: number;
  headDim: number;
  /** Query heads per layer (sizes the attention score matrix when flash attention is off); where a row needs it. */
  heads?: number;
  /** Known file sizes, bytes, by quant. */
  files: Record<string, { bytes: number; source: string }>;
  /** MoE: computes stored and read bytes per quant instead of file × share. */
  moe?: {
    /** Parameters of all routed experts in one layer; the others of a layer are attention. */
    expertParamsPerLayer: number;
    attentionParamsPerLayer: number;
    activeFraction: number;
    /** Bits per weight of the experts and of everything else, per quant. */
    bits: Record<string, { experts: number; rest: number; source: string }>;
  };
  source: string;
}

const LLAMA_BENCH_SIZE = 'llama-bench size column of the row';

export const MODELS: Readonly<Record<string, ModelFact>> = {
  'llama-2-7b': {
    name: 'Llama 2 7B',
    params: 6.74e9,
    layers: 32,
    hiddenSize: 4096,
    vocabSize: 32000,
    tiedEmbeddings: false,
    kvHeads: 32,
    headDim: 128,
    heads: 32,
    files: {
      Q4_0: { bytes: 3.56 * GIB, source: LLAMA_BENCH_SIZE },
      Q8_0: { bytes: 6.67 * GIB, source: 'llama-bench size in ggml-org/llama.cpp#4766 (reference rows 43-44)' },
      F16: { bytes: 12.55 * GIB, source: 'llama-bench size in ggml-org/llama.cpp#4766 (reference rows 41-42)' },
      Q4_K_M: { bytes: 3.8 * GIB, source: 'llama-bench size in ggml-org/llama.cpp#3084 (reference row 58)' },
    },
    source:
      '6.74 B params: llama-bench rows; 32 layers, hidden 4096, vocab 32000, 32 heads: meta-llama/Llama-2-7b-hf config.json (as in pytorch/torchtitan llama2_configs "7B")',
  },
  'llama-3.2-3b': {
    name: 'Llama 3.2 3B',
    params: 3.21e9,
    layers: 28,
    hiddenSize: 3072,
    vocabSize: 128256,
    tiedEmbeddings: true,
    kvHeads: 8,
    headDim: 128,
    files: {
      Q4_K_M: { bytes: 1.87 * GIB, source: 'llama-bench size (geerlingguy/ai-benchmarks#43, #48)' },
      F16: { bytes: 3.21e9 * 2, source: 'derived: 3.21 B params × 2 bytes' },
      Q4_0: { bytes: (3.21e9 * 4.5) / 8, source: 'derived: 3.21 B params × 4.5 bits (Q4_0 block, reference/bpw.json)' },
    },
    source: 'reference/architectures.json "Llama 3.2 3B"',
  },
  'llama-3.1-8b': {
    name: 'Llama 3.1 8B',
    params: 8.03e9,
    layers: 32,
    hiddenSize: 4096,
    vocabSize: 128256,
    tiedEmbeddings: false,
    kvHeads: 8,
    headDim: 128,
    files: {
      Q4_K_M: { bytes: 4.58 * GIB, source: 'reference/gguf_sizes.json Llama-3.1-8B Q4_K_M 4.58 GiB' },
      Q6_K: { bytes: 6.14 * GIB, source: 'reference/gguf_sizes.json Meta-Llama-3-8B Q6_K 6.14 GiB' },
    },
    source: 'reference/architectures.json "Llama 3.1 8B" (Llama 3 8B has the same shape)',
  },
  'llama-3.1-70b': {
    name: 'Llama 3.1 70B',
    params: 70.55e9,
    layers: 80,
    hiddenSize: 8192,
    vocabSize: 128256,
    tiedEmbeddings: false,
    kvHeads: 8,
    headDim: 128,
    files: { Q4_K_M: { bytes: 43e9, source: 'reference/ollama_tags.json llama3.1:70b (Q4_K_M, 43GB)' } },
    source: 'reference/architectures.json "Llama 3.1 70B"',
  },
  tinyllama: {
    name: 'TinyLlama 1.1B',
    params: 1.1e9,
    layers: 22,
    hiddenSize: 2048,
    vocabSize: 32000,
    tiedEmbeddings: false,
    kvHeads: 4,
    headDim: 64,
    files: { Q4_K_M: { bytes: 636.18 * MIB, source: LLAMA_BENCH_SIZE } },
    source: 'TinyLlama/TinyLlama-1.1B-Chat-v1.0 config.json (22 layers, hidden 2048, 4 KV heads, vocab 32000) as printed in public model dumps',
  },
  'mistral-7b': {
    name: 'Mistral 7B',
    params: 7.24e9,
    layers: 32,
    hiddenSize: 4096,
    vocabSize: 32000,
    tiedEmbeddings: false,
    kvHeads: 8,
    headDim: 128,
    files: {
      Q4_0: { bytes: (7.24e9 * 4.5) / 8, source: 'derived: params × 4.5 bits (Ollama mistral:7b was v0.2 Q4_0, 4.1GB: reference/ollama_tags.json note)' },
    },
    source:
      'shape: reference/architectures.json "Mistral 7B v0.3" (v0.2 vocab 32000); params derived from it: 32 × (41.9 M attention + 176.2 M MLP) + 2 × 131 M embeddings = 7.24 B',
  },
  'gpt-oss-20b': {
    name: 'gpt-oss-20b',
    params: 20.91e9,
    layers: 24,
    hiddenSize: 2880,
    vocabSize: 201088,
    tiedEmbeddings: false,
    kvHeads: 8,
    headDim: 64,
    heads: 64,
    files: {},
    moe: {
      // 32 experts × 3 matrices × 2880 × 2880; attention q/o 2880×4096, k/v 2880×512.
      expertParamsPerLayer: 32 * 3 * 2880 * 2880,
      attentionParamsPerLayer: 2 * 2880 * 4096 + 2 * 2880 * 512,
      activeFraction: 4 / 32,
      bits: {
        F16: { experts: 4.25, rest: 16, source: 'llama.cpp "F16" gpt-oss files keep MXFP4 experts (reference/gguf_sizes.json note); 12.83 GiB checks out' },
        MXFP4: { experts: 4.25, rest: 16, source: 'Ollama gpt-oss:20b (14GB): MXFP4 experts, BF16 rest (EchoCog/gpt-oss-20b docs: attention, router, embeddings kept BF16)' },
        MXFP4_MOE: {
          experts: 4.25,
          rest: 8.5,
          source: 'llama-bench "gpt-oss 20B MXFP4 MoE 11.27 GiB" (ggml-org/llama.cpp#23541): MXFP4 experts, Q8_0 rest (19.1 B expert params × 4.25 bits + 1.8 B × 8.5 bits = 12.1 GB = 11.3 GiB, derived)',
        },
      },
    },
    source: 'reference/architectures.json "gpt-oss-20b (MoE)" (64 attention heads, 8 KV heads, head size 64); 20.91 B params in geerlingguy/ai-benchmarks#21; MXFP4 = 4.25 bits (17 bytes per 32 weights)',
  },
  'gpt-oss-120b': {
    name: 'gpt-oss-120b',
    params: 116.8e9,
    layers: 36,
    hiddenSize: 2880,
    vocabSize: 201088,
    tiedEmbeddings: false,
    kvHeads: 8,
    headDim: 64,
    heads: 64,
    files: {},
    moe: {
      expertParamsPerLayer: 128 * 3 * 2880 * 2880,
      attentionParamsPerLayer: 2 * 2880 * 4096 + 2 * 2880 * 512,
      activeFraction: 4 / 128,
      bits: {
        MXFP4: { experts: 4.25, rest: 8.5, source: 'MXFP4_MOE file type: experts MXFP4, everything else Q8_0 (src/estimate/quants.ts)' },
      },
    },
    source:
      'huggingface/transformers GptOssConfig defaults ("similar to GPT-OSS-120B": 36 layers, 128 experts, 4 per token), same widths as gpt-oss-20b',
  },
};

/** Active parameters per token (MoE: routed experts only; the embedding lookup is not compute). */
export function activeParams(m: ModelFact): number {
  if (!m.moe) return m.params;
  return m.params - m.layers * m.moe.expertParamsPerLayer * (1 - m.moe.activeFraction);
}
