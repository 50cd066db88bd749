// Figures the hardware layer assumes, each with where it comes from.

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

/** Every external probe (nvidia-smi, rocm-smi, sysctl, systeminformation) gets this long, then is abandoned. */
export const PROBE_TIMEOUT_MS = 3000;

/**
 * The CUDA/ROCm context (~120–550 MB per GPU: llama.cpp PR #20595,
 * https://github.com/ggml-org/llama.cpp/pull/20595) is NOT taken off here: the
 * estimator counts it in its overhead (src/estimate/overhead.ts,
 * GPU_CONTEXT_BYTES). Detected budgets use FREE memory as reported.
 *
 * A named card (--gpu, --vram) is not empty either: the driver and a desktop
 * hold memory while idle. An idle RTX 4090 showed 459–507 MiB used (nvidia-smi
 * in RLinf/RLinf#255, https://github.com/RLinf/RLinf/issues/255). Planned
 * budget = total − 512 MiB per card.
 */
export const PLANNED_RESERVE_BYTES = 512 * MIB;

/**
 * Apple Silicon: Metal's recommendedMaxWorkingSetSize (what the GPU may wire)
 * is a share of unified memory. Logged by llama.cpp (ggml_metal_init):
 * 16 GiB → 10922.67 MiB (2/3; abetlen/llama-cpp-python#687),
 * 32 GiB → 21845.34 MiB (2/3; ollama/ollama#434, ggml-org/llama.cpp#2011),
 * 64 GiB → 49152 MiB (3/4; ggml-org/llama.cpp#1870),
 * 96 GiB → 73728 MiB (3/4; ggml-org/llama.cpp#3213).
 * A 128 GiB M5 Max on macOS 26 reported 107.52 GiB (0.84; antirez/ds4#893), so
 * 3/4 is conservative on recent macOS. Sizes between 32 and 64 GiB (36, 48)
 * were not found logged; 36 GiB is treated as small (2/3) to stay on the safe
 * side. `sudo sysctl iogpu.wired_limit_mb=N` raises the limit; when it is set
 * (non-zero) it is used instead (gpustack/gpustack#1375, Andyyyy64/whichllm#152).
 */
export const APPLE_SMALL_MEMORY_MAX_BYTES = 36 * GIB;
export const APPLE_GPU_SHARE_SMALL = 2 / 3;
export const APPLE_GPU_SHARE_LARGE = 3 / 4;

/**
 * System RAM bandwidth when nothing better is known (layers offloaded to the
 * CPU run at RAM speed): dual-channel DDR4-3200 = 2 channels × 8 bytes ×
 * 3200 MT/s = 51.2 GB/s theoretical (DDR4-3200 modules are PC4-25600, 25.6 GB/s
 * per 64-bit channel; the method: APC magazine "memory bandwidth" explainer,
 * https://www.ziniounlimited.com/ph/publications/apc/33473/issues/424921/articles).
 * Measured peaks sit below it (40 GB/s STREAM on an AMD desktop, vllm-project/vllm#7379).
 * Conservative for DDR5 desktops (dual-channel DDR5-5600 = 89.6 GB/s by the same formula)
 * and far below servers with 8–12 channels.
 */
export const DEFAULT_RAM_BANDWIDTH_GBPS = 51.2;
export const DEFAULT_RAM_BANDWIDTH_SOURCE = 'default: dual-channel DDR4-3200, 51.2 GB/s theoretical';

/**
 * Apple M1, the slowest Apple Silicon memory: 68.25 GB/s (LPDDR4X-4266 × 128-bit;
 * reference/gpus.json row "Apple M1"), used when the chip is not in the catalog.
 */
export const APPLE_FALLBACK_RAM_BANDWIDTH_GBPS = 68.25;

/** AMD cards that report under 1 GiB of VRAM are integrated GPUs (e.g. a Ryzen "Raphael" iGPU with 64 MiB, mudler/LocalAI#7761). */
export const INTEGRATED_VRAM_MAX_BYTES = GIB;

/** A catalog entry whose memory is this far from the detected size is probably a different variant. */
export const CATALOG_MEMORY_TOLERANCE = 0.15;
