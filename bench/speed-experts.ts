// Published llama.cpp runs with MoE experts in system RAM (--n-cpu-moe N / --cpu-moe), against
// src/estimate/expert-offload.ts. None of them calibrates anything: every row is held out, and
// the table is printed apart from (and next to) the full-GPU rows of bench/speed.ts.
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../src/catalog/build.js';
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
  gpu: { name: string; bandwidthGBps: number; fp16Tflops: number | null; source: string };
  /** System RAM bandwidth, GB/s, and where it comes from; null when the source does not give it. */
  ram: { gbps: number | null; source: string };
  /** Catalog model id and GGUF quant. */
  model: string;
  quant: string;
  /** --n-cpu-moe N (--cpu-moe: the layer count). */
  cpuMoeLayers: number;
  /** Context the speed was measured at (prompt length for prompt rows). */
  contextLength: number;
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
    const mem = estimateMemory(shape, quant.id, { contextLength: run.contextLength, kvType: 'f16', flashAttn: true, gpus: 1, gpuContext: true });
    // The budget does not enter the speed: the placement is the one the run names.
    const plan = expertPlanAt(mem, shape, { vramBytesPerGpu: 1024 * GiB, gpus: 1, ramBytes: null, unifiedMemory: false }, run.cpuMoeLayers);
    const hw: SpeedHardware = { memoryBandwidthGBps: run.gpu.bandwidthGBps, fp16Tflops: run.gpu.fp16Tflops, backend: 'cuda', gpus: 1, ramBandwidthGBps: run.ram.gbps };
    const s = estimateExpertOffloadSpeed({
      hardware: hw,
      plan: expertsInRam(plan, shape),
      weights: mem.weights,
      activeParams: shape.activeParams,
      kvCacheBytes: mem.kvCacheBytes,
      contextLength: run.contextLength,
      quant: quant.id,
    });
    const predicted = run.test === 'decode' ? s.decodeTokensPerSecond : s.promptTokensPerSecond;
    return { run, predicted, error: predicted / run.measured - 1, reason: null };
  });
}
