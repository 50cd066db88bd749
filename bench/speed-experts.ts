// Published llama.cpp runs with MoE experts in system RAM (--n-cpu-moe N / --cpu-moe), against
// src/estimate/expert-offload.ts. None of them calibrates anything: every row is held out, and
// the table is printed apart from (and next to) the full-GPU rows of bench/speed.ts.
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../src/catalog/build.js';
import { findGpu } from '../src/catalog/gpu-match.js';
import type { LocalModel } from '../src/catalog/schema.js';
import { estimateExpertOffloadSpeed, expertPlanAt, expertsInRam } from '../src/estimate/expert-offload.js';
import { estimateMemory } from '../src/estimate/memory.js';
import { resolveQuant } from '../src/estimate/quants.js';
import { shapeFromModel } from '../src/estimate/shape.js';
import type { SpeedHardware } from '../src/estimate/types.js';

export interface ExpertRun {
  id: string;
  url: string;
  /** As published: GPU, CPU, RAM type and how its bandwidth is known. */
  setup: string;
  gpu: { name: string; bandwidthGBps: number; fp16Tflops: number | null; source: string; backend?: 'cuda' | 'rocm' };
  /** System RAM bandwidth, GB/s, and where it comes from; null when the source does not give it. */
  ram: { gbps: number | null; source: string };
  /** Catalog model id and GGUF quant. */
  model: string;
  quant: string;
  /** --n-cpu-moe N (--cpu-moe: the layer count). */
  cpuMoeLayers: number;
  /** Context the speed was measured at (prompt length for prompt rows). */
  contextLength: number;
  /** Prompt rows: the prompt length measured (default contextLength). */
  promptTokens?: number;
  /** KV cache type of the run (-ctk/-ctv); f16 when the source does not set one. */
  kvType?: 'f16' | 'q8_0' | 'q4_0';
  test: 'decode' | 'prompt';
  measured: number;
  /** A run whose number no bandwidth model can explain: shown, left out of the median. */
  flag?: string;
  note?: string;
}

export const EXPERT_RUNS: readonly ExpertRun[] = [
  {
    id: 'llmfit-755',
    url: 'https://github.com/AlexsJones/llmfit/pull/755',
    setup: 'RTX 2080 8 GB + Core i9-10900X, quad-channel DDR4; llama-server -ngl 99 --n-cpu-moe 36, single request',
    gpu: { name: 'RTX 2080', bandwidthGBps: 448, fp16Tflops: null, source: 'the PR: "roofline 448 GB/s"' },
    ram: { gbps: 102, source: 'the PR: "the measured ~102 GB/s quad-channel DDR4"' },
    model: 'qwen-3-30b-a3b-instruct-2507',
    quant: 'Q4_K_M',
    cpuMoeLayers: 36,
    contextLength: 4096,
    test: 'decode',
    measured: 36.7,
    note: '"Pure generation speed measured by the server itself is 36.7 tok/s"; context not stated (4096 assumed: small next to the weights)',
  },
  {
    id: 'hwcorner-3090-tg',
    url: 'https://www.hardware-corner.net/gpt-oss-offloading-moe-layers/',
    setup: 'RTX 3090 24 GB + EPYC 7343, 64 GB DDR4-3200; llama-server --n-gpu-layers 99 --n-cpu-moe 27',
    gpu: { name: 'RTX 3090', bandwidthGBps: 935.8, fp16Tflops: 142.74, source: 'data/gpus.yaml rtx-3090 (reference/gpus.json "GeForce RTX 3090")' },
    ram: { gbps: 102.4, source: 'DDR4-3200, channel count not published: 4 channels assumed (4 × 25.6 GB/s), derived' },
    model: 'gpt-oss-120b',
    quant: 'MXFP4',
    cpuMoeLayers: 27,
    contextLength: 1400,
    test: 'decode',
    measured: 1.61,
    flag: '1.6 tok/s is below any bandwidth bound: the 59 GiB file and the OS in 64 GB of RAM leave the page cache thrashing (the same page measures 0.9 tok/s with -ngl 13)',
  },
  {
    id: 'hwcorner-3090-pp',
    url: 'https://www.hardware-corner.net/gpt-oss-offloading-moe-layers/',
    setup: 'RTX 3090 24 GB + EPYC 7343, 64 GB DDR4-3200; llama-server --n-gpu-layers 99 --n-cpu-moe 27; 5,500-token prompt',
    gpu: { name: 'RTX 3090', bandwidthGBps: 935.8, fp16Tflops: 142.74, source: 'data/gpus.yaml rtx-3090' },
    ram: { gbps: 102.4, source: 'DDR4-3200, 4 channels assumed (derived)' },
    model: 'gpt-oss-120b',
    quant: 'MXFP4',
    cpuMoeLayers: 27,
    contextLength: 5500,
    test: 'prompt',
    measured: 246.18,
    note: 'prompt speed is bound by the PCIe copy of the RAM experts, not by RAM bandwidth: the link of this host is not stated, and the model assumes 12.3 GB/s (speed-calibration.ts PCIE_GBPS)',
  },
  {
    id: 'llmfit-775',
    url: 'https://github.com/AlexsJones/llmfit/pull/775',
    setup: 'RTX 2080 8 GB + Core i9-10900X, quad-channel DDR4 (the host of llmfit-755); llama.cpp, context 4096, single slot',
    gpu: { name: 'RTX 2080', bandwidthGBps: 448, fp16Tflops: 80.55, source: 'data/gpus.yaml rtx-2080' },
    ram: { gbps: 102, source: 'the same host as llmfit-755: "the measured ~102 GB/s quad-channel DDR4"' },
    model: 'gpt-oss-20b',
    quant: 'MXFP4',
    cpuMoeLayers: 12,
    contextLength: 4096,
    test: 'decode',
    measured: 36.4,
    note: '"| gpt-oss-20B (MoE, 3.6B active) | 36.4 | `--n-cpu-moe 12` |"; an llmfit bench average, which counts prompt time too (on the same host llmfit-755 measured 33.7 averaged against 36.7 from the server, 8 % lower)',
  },
  {
    id: 'llmfit-778',
    url: 'https://github.com/AlexsJones/llmfit/pull/778',
    setup: 'RTX 2080 8 GB + Core i9-10900X, quad-channel DDR4 (the host of llmfit-755); llama.cpp Q4_K_M, context 4096, single slot',
    gpu: { name: 'RTX 2080', bandwidthGBps: 448, fp16Tflops: 80.55, source: 'data/gpus.yaml rtx-2080' },
    ram: { gbps: 102, source: 'the same host as llmfit-755: "the measured ~102 GB/s quad-channel DDR4"' },
    model: 'deepseek-coder-v2-lite',
    quant: 'Q4_K_M',
    cpuMoeLayers: 16,
    contextLength: 4096,
    test: 'decode',
    measured: 49.6,
    note: '"| DeepSeek-Coder-V2-Lite (16B total / 2.4B active, `--n-cpu-moe 16`) | 49.6 |"; an llmfit bench average (prompt time included, as llmfit-775)',
  },
  {
    id: 'castlen3-3060-tg',
    url: 'https://github.com/castlen3/rtx3060-qwen3.6-35b-guide/blob/5e952d3b166ebfc4a88fc0665105ea73068ce78e/data/results.csv (row n21; hardware in notes/01_environment.md)',
    setup: 'RTX 3060 12 GB + 2 × Xeon E5-2666 v3, 4 × 16 GB DDR3-1600 (2 per NUMA node), Windows; llama-server -t 8 -ngl 99 --n-cpu-moe 20 -ctk q8_0 -ctv q8_0 -c 32768, 307-token prompt, 200 generated',
    gpu: { name: 'RTX 3060', bandwidthGBps: 360, fp16Tflops: 50.95, source: 'data/gpus.yaml rtx-3060' },
    ram: {
      gbps: 51.2,
      source: 'derived with the hardware layer\'s rule (docs/hardware.md: channels = modules on a Xeon): 4 modules × 8 bytes × 1600 MT/s ("DDR3", "1600 MHz", "4 條 16 GB") = 51.2 GB/s theoretical; split over two sockets',
    },
    model: 'qwen-3.6-35b-a3b',
    quant: 'Q4_K_M',
    cpuMoeLayers: 20,
    contextLength: 32768,
    kvType: 'q8_0',
    test: 'decode',
    measured: 27.73,
    note: '"n21,...,CUDA,8,99,20,32768,q8_0,q8_0,false,,,307,200,260.20,27.73,..." (prompt_tps 260.20, decode_tps 27.73); the run at N 16 and below spills VRAM on this Windows card (decode falls to 14.7) and is not used',
  },
  {
    id: 'castlen3-3060-pp',
    url: 'https://github.com/castlen3/rtx3060-qwen3.6-35b-guide/blob/5e952d3b166ebfc4a88fc0665105ea73068ce78e/data/results.csv (row n21)',
    setup: 'RTX 3060 12 GB + 2 × Xeon E5-2666 v3, 4 × 16 GB DDR3-1600; --n-cpu-moe 20; 307-token prompt',
    gpu: { name: 'RTX 3060', bandwidthGBps: 360, fp16Tflops: 50.95, source: 'data/gpus.yaml rtx-3060' },
    ram: { gbps: 51.2, source: 'derived: 4 modules × 8 bytes × 1600 MT/s (as castlen3-3060-tg)' },
    model: 'qwen-3.6-35b-a3b',
    quant: 'Q4_K_M',
    cpuMoeLayers: 20,
    contextLength: 32768,
    promptTokens: 307,
    kvType: 'q8_0',
    test: 'prompt',
    measured: 260.2,
    note: 'prompt_tps 260.20 for a 307-token prompt (one micro-batch)',
  },
  {
    id: 'ik1593-5060ti-tg',
    url: 'https://github.com/ikawrakow/ik_llama.cpp/pull/1593 (comment by AIdevsmartdata; the "stock b8125" rows are mainline llama.cpp)',
    setup: 'RTX 5060 Ti 16 GB, CUDA 12.8; CPU and RAM not stated; stock llama.cpp b8125, ncmoe 14, 1 slot, 16K context',
    gpu: { name: 'RTX 5060 Ti 16 GB', bandwidthGBps: 448, fp16Tflops: 95, source: 'data/gpus.yaml rtx-5060-ti-16gb' },
    ram: { gbps: 51.2, source: 'not stated: the hardware layer\'s documented default (src/hardware/constants.ts DEFAULT_RAM_BANDWIDTH_GBPS, dual-channel DDR4-3200)' },
    model: 'qwen-3.5-35b-a3b',
    quant: 'Q4_K_M',
    cpuMoeLayers: 14,
    contextLength: 16384,
    test: 'decode',
    measured: 52,
    note: '"| Q4_K_M | stock b8125 | ncmoe 14 | 1 | 16K | 52 | 104 | 679 MB |" (Gen tok/s 52, Prefill tok/s 104); RAM bandwidth is the default, not the host\'s',
  },
  {
    id: 'ik1593-5060ti-pp',
    url: 'https://github.com/ikawrakow/ik_llama.cpp/pull/1593 (as ik1593-5060ti-tg)',
    setup: 'RTX 5060 Ti 16 GB; CPU and RAM not stated; stock llama.cpp b8125, ncmoe 14, 16K context; prompt length not stated',
    gpu: { name: 'RTX 5060 Ti 16 GB', bandwidthGBps: 448, fp16Tflops: 95, source: 'data/gpus.yaml rtx-5060-ti-16gb' },
    ram: { gbps: 51.2, source: 'not stated: the documented default (as ik1593-5060ti-tg); prompt speed does not read it' },
    model: 'qwen-3.5-35b-a3b',
    quant: 'Q4_K_M',
    cpuMoeLayers: 14,
    contextLength: 2048,
    test: 'prompt',
    measured: 104,
    flag: 'the prompt length is not stated, and with experts in RAM it sets the prompt speed (the experts are copied once per micro-batch however few tokens it holds: 104 tok/s fits a prompt of about 100 tokens)',
    note: 'Prefill tok/s 104 (2048 tokens assumed for the prediction)',
  },
  {
    id: 'kenimoto-4070-tg',
    url: 'https://kenimoto.dev/blog/rtx-4070-cpu-moe-flag-2-8x-tokens/',
    setup: 'RTX 4070 12 GB, 31 GB of RAM ("CPU DDR5"), WSL2, CUDA 12.9; llama-bench -ngl 99 -ncmoe 48 -n 128 -r 3',
    gpu: { name: 'RTX 4070', bandwidthGBps: 504, fp16Tflops: 117, source: 'data/gpus.yaml rtx-4070' },
    ram: { gbps: 51.2, source: 'DDR5 of unstated speed and channels: the documented default (src/hardware/constants.ts), as the tool would use' },
    model: 'qwen-3.5-35b-a3b',
    quant: 'Q4_K_M',
    cpuMoeLayers: 48,
    contextLength: 128,
    test: 'decode',
    measured: 34.6,
    flag: 'the post calls the file Qwen3.5-35B-A3B Q4_K_M but describes 48 layers and "8 of 128 experts" (Qwen3.5-35B-A3B has 40 layers and 256 experts, which is Qwen3-30B-A3B\'s 48 × 128 shape); its own sweep slows as experts move to the GPU (27.2 tok/s at N 44, 11.7 at N 24), so which file ran and where the memory went are unclear',
    note: '"| 48 | 0 (all CPU) | **34.60** | 2.8x |" (tg128)',
  },
  {
    id: 'gh15396-7900xt-tg',
    url: 'http://www.webkkk.net/ggml-org/llama.cpp/discussions/15396 (secondary: a copy of https://github.com/ggml-org/llama.cpp/discussions/15396, "guide : running gpt-oss with llama.cpp", a reply)',
    setup: 'RX 7900 XT 20 GB + Ryzen 9 5900X, 32 GB "dual-channel DDR4s @ 3200MHz CL16", Arch Linux, ROCm 6.4.1, llama.cpp 6194; llama-server --ctx-size 0 -b 4096 -ub 4096 -ngl 99 -fa -cmoe',
    gpu: { name: 'RX 7900 XT', bandwidthGBps: 800, fp16Tflops: 51.61, source: 'data/gpus.yaml rx-7900-xt', backend: 'rocm' },
    ram: { gbps: 51.2, source: 'derived from the stated memory: 2 channels × 8 bytes × 3200 MT/s = 51.2 GB/s theoretical (the hardware layer\'s rule)' },
    model: 'gpt-oss-20b',
    quant: 'MXFP4',
    cpuMoeLayers: 24,
    contextLength: 4096,
    test: 'decode',
    measured: 20,
    note: '"When running with all MoE layers on CPU ... my generation speed is in ~20tok/s" (webui figure, approximate; the depth of the chat is not stated: 4096 assumed)',
  },
  {
    id: 'reddit-6900xt-tg',
    url: 'https://reddit.jaspervandalum.nl/r/LocalLLaMA/comments/1ofxt6s/optimizing_gptoss120b_on_amd_rx_6900_xt_16gb (secondary: a copy of the r/LocalLLaMA post)',
    setup: 'RX 6900 XT 16 GB + Ryzen 9 7900, 64 GB (2 × 32 GB) DDR5-5600 dual channel, Ubuntu 24.04, ROCm 6.2.4; 28 MoE layers on the CPU',
    gpu: { name: 'RX 6900 XT', bandwidthGBps: 512, fp16Tflops: null, source: 'the post: "Memory Bandwidth: 512 GB/s" (not in data/gpus.yaml)', backend: 'rocm' },
    ram: { gbps: 89.6, source: 'the post: "Memory Bandwidth: 89.6 GB/s (theoretical)" (= 2 × 8 bytes × 5600 MT/s, the hardware layer\'s rule)' },
    model: 'gpt-oss-120b',
    quant: 'MXFP4',
    cpuMoeLayers: 28,
    contextLength: 4096,
    test: 'decode',
    measured: 19,
    note: '"Achieving 19 tokens/sec"; "processes 28 layers on CPU/RAM"; the context of the measurement is not in the copied part (4096 assumed)',
  },
  {
    id: 'reddit-cpu-moe-tg',
    url: 'https://gokawiil.com/article/74814 (secondary copy of a r/LocalLLaMA post)',
    setup: 'Core i9-14900K, GPU and RAM not stated in the copy; llama-server --n-cpu-moe 36 --n-gpu-layers 999, 12,717-token prompt',
    gpu: { name: 'not stated', bandwidthGBps: 0, fp16Tflops: null, source: '—' },
    ram: { gbps: null, source: 'not stated' },
    model: 'gpt-oss-120b',
    quant: 'MXFP4',
    cpuMoeLayers: 36,
    contextLength: 12717,
    test: 'decode',
    measured: 25.62,
  },
  {
    id: 'reddit-cpu-moe-pp',
    url: 'https://gokawiil.com/article/74814 (secondary copy of a r/LocalLLaMA post)',
    setup: 'Core i9-14900K, an 8 GB GPU not named in the copy; llama-server --n-cpu-moe 36 --n-gpu-layers 999 -c 0 -fa, 12,717-token prompt',
    gpu: {
      name: 'an 8 GB CUDA card, not named',
      bandwidthGBps: 448,
      fp16Tflops: 64.8,
      source: 'not stated: data/gpus.yaml rtx-3060-ti, the card the post names as an example ("Even something like a 3060Ti"); GPU compute and reads are under 5 % of the predicted prompt time, the PCIe copy of the experts is the rest',
    },
    ram: { gbps: 51.2, source: 'not stated: the documented default (prompt speed does not read it)' },
    model: 'gpt-oss-120b',
    quant: 'MXFP4',
    cpuMoeLayers: 36,
    contextLength: 12717,
    test: 'prompt',
    measured: 134.44,
    note: '"prompt eval time = 94593.62 ms / 12717 tokens ( 7.44 ms per token, 134.44 tokens per second)"',
  },
];

export interface ExpertRunResult {
  run: ExpertRun;
  predicted: number | null;
  error: number | null;
  reason: string | null;
}

const GiB = 2 ** 30;

export function evaluateExpertRuns(runs: readonly ExpertRun[] = EXPERT_RUNS): ExpertRunResult[] {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const built = buildCatalog(`${root}data`, root);
  if (!built.value) throw new Error('the shipped catalog does not build');
  const models = built.value.models;
  return runs.map((run) => {
    if (run.ram.gbps === null || run.gpu.bandwidthGBps <= 0) return { run, predicted: null, error: null, reason: 'GPU or RAM bandwidth not published' };
    const model = models.find((m) => m.id === run.model) as LocalModel | undefined;
    const quant = resolveQuant(run.quant);
    if (!model || 'error' in quant) return { run, predicted: null, error: null, reason: `${run.model} ${run.quant} not in the catalog` };
    const shape = shapeFromModel(model);
    const mem = estimateMemory(shape, quant.id, { contextLength: run.contextLength, kvType: run.kvType ?? 'f16', flashAttn: true, gpus: 1, gpuContext: true });
    // The budget does not enter the speed: the placement is the one the run names.
    const plan = expertPlanAt(mem, shape, { vramBytesPerGpu: 1024 * GiB, gpus: 1, ramBytes: null, unifiedMemory: false }, run.cpuMoeLayers);
    // The card's boost clock from the catalog (the per-layer cost runs in GPU cycles: docs/notes/decode.md),
    // found the way --gpu finds a card.
    const match = findGpu(built.value!.gpus, run.gpu.name);
    const card = match && 'gpu' in match ? match.gpu : null;
    const hw: SpeedHardware = {
      memoryBandwidthGBps: run.gpu.bandwidthGBps,
      fp16Tflops: run.gpu.fp16Tflops,
      backend: run.gpu.backend ?? 'cuda',
      gpus: 1,
      ramBandwidthGBps: run.ram.gbps,
      gpuClockMHz: card?.boostClockMHz,
    };
    const s = estimateExpertOffloadSpeed({
      hardware: hw,
      plan: expertsInRam(plan, shape),
      weights: mem.weights,
      activeParams: shape.activeParams,
      kvCacheBytes: mem.kvCacheBytes,
      contextLength: run.contextLength,
      quant: quant.id,
      ...(run.test === 'prompt' ? { promptTokens: run.promptTokens ?? run.contextLength } : {}),
    });
    const predicted = run.test === 'decode' ? s.decodeTokensPerSecond : s.promptTokensPerSecond;
    return { run, predicted, error: predicted / run.measured - 1, reason: null };
  });
}
