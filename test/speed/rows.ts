// Every row of reference/llamacpp_speed.json, mapped to the facts needed to predict it (or to
// the reason it cannot be predicted), plus a few public llama-bench measurements for backends
// the reference file does not cover. Rows are split once, by hardware: `fit` rows calibrate
// src/estimate/speed-calibration.ts, `held-out` rows only measure the error.
import { readFileSync } from 'node:fs';

export type Test = 'decode' | 'prompt';
export type Split = 'fit' | 'held-out';

export interface BenchRow {
  id: string;
  source: string;
  test: Test;
  measured: number;
  hardware: string;
  model: string;
  quant: string;
  /** File size when the source states it (llama-bench "size"). */
  fileBytes?: number | undefined;
  /** Partial offload: repeating layers on the GPU. */
  gpuLayers?: number | undefined;
  split: Split;
  /** A row whose numbers contradict physics: kept in the table, left out of the fit and the headline median. */
  flag?: string | undefined;
  /** false: a build that launched every CUDA kernel on its own (before CUDA graphs, ggml-org/llama.cpp#6766, 2024-04). */
  cudaGraphs?: false | undefined;
  /** false: run without flash attention (llama-bench -fa 0), as the source records. */
  flashAttention?: false | undefined;
  /** A fit-hardware row the calibration leaves out, and why (kernels the current llama.cpp no longer uses). */
  notFitted?: string | undefined;
  note?: string | undefined;
}

export interface SkippedRow {
  id: string;
  source: string;
  test: string;
  measured: string;
  reason: string;
}

interface RefRow {
  gpu: string;
  backend: string | null;
  model: string;
  quant: string;
  model_size: string | null;
  test: string;
  tokens_per_s: number | Record<string, number>;
  source: string;
  notes: string | null;
}

export const REFERENCE_FILE = 'reference/llamacpp_speed.json';

/** Hardware whose llama.cpp rows calibrate the model; every other row is held out. */
export const FIT_HARDWARE = new Set([
  'rtx-4090',
  'rtx-pro-6000',
  'a100-80gb',
  'dgx-spark',
  'm2-ultra-76',
  'm1-ultra-48',
  'm2-max-30',
  'rtx-4090-vulkan',
  'rtx-5090-vulkan',
]);

interface RefMapping {
  hardware: string;
  model: string;
  quant?: string;
  /** Measurements through Ollama or a server, not llama-bench: always held out. */
  viaApp?: boolean;
  gpuLayers?: number;
  flag?: string;
  note?: string;
  cudaGraphs?: false;
  notFitted?: string;
}

const PR_4766 = 'Jan 2024 build (ggml-org/llama.cpp#4766): kernels launched one by one, before CUDA graphs (#6766, merged 2024-04)';
const PRE_MMQ =
  'Jan 2024 build: quantized prompt GEMMs were dequantized to FP16 for cuBLAS; int8 tensor-core MMQ became the default in June 2024 (ggml-org/llama.cpp#8075), so the row says nothing about current prompt speed';

const M1_FLAG =
  'implied bandwidth (tok/s × bytes) exceeds the M1 spec of 68 GB/s: the quant labels look shifted by one column (the #4167 M1 rows have no F16 column)';

/** Row index → facts. Rows not listed are skipped with SKIP_REASON. */
const REF_MAP: Record<number, RefMapping> = {
  0: { hardware: 'rtx-pro-6000', model: 'llama-2-7b' },
  1: { hardware: 'rtx-pro-6000', model: 'llama-2-7b' },
  2: { hardware: 'rtx-4090', model: 'llama-2-7b' },
  3: { hardware: 'rtx-4090', model: 'llama-2-7b' },
  4: { hardware: 'rtx-5080', model: 'llama-2-7b' },
  5: { hardware: 'rtx-5080', model: 'llama-2-7b' },
  6: { hardware: 'a100-80gb', model: 'llama-2-7b' },
  7: { hardware: 'a100-80gb', model: 'llama-2-7b' },
  8: { hardware: 'rtx-3060', model: 'llama-2-7b' },
  9: { hardware: 'rtx-3060', model: 'llama-2-7b' },
  10: { hardware: 'dgx-spark', model: 'llama-2-7b' },
  11: { hardware: 'dgx-spark', model: 'llama-2-7b' },
  12: { hardware: 'jetson-agx-orin', model: 'llama-2-7b' },
  13: { hardware: 'jetson-agx-orin', model: 'llama-2-7b' },
  14: { hardware: 'm1-ultra-64', model: 'llama-2-7b' },
  15: { hardware: 'm1-ultra-64', model: 'llama-2-7b' },
  16: { hardware: 'm2-ultra-76', model: 'llama-2-7b' },
  17: { hardware: 'm2-ultra-76', model: 'llama-2-7b' },
  18: { hardware: 'm4-pro-20', model: 'llama-2-7b' },
  19: { hardware: 'm4-pro-20', model: 'llama-2-7b' },
  20: { hardware: 'm5-max-40', model: 'llama-2-7b' },
  21: { hardware: 'm5-max-40', model: 'llama-2-7b' },
  22: { hardware: 'm1-7', model: 'llama-2-7b' },
  23: { hardware: 'm1-7', model: 'llama-2-7b', flag: M1_FLAG },
  24: { hardware: 'm1-7', model: 'llama-2-7b' },
  25: { hardware: 'm1-7', model: 'llama-2-7b', flag: M1_FLAG },
  26: { hardware: 'm1-8', model: 'llama-2-7b' },
  27: { hardware: 'm1-8', model: 'llama-2-7b', flag: M1_FLAG },
  28: { hardware: 'm1-8', model: 'llama-2-7b' },
  29: { hardware: 'm1-8', model: 'llama-2-7b', flag: M1_FLAG },
  30: { hardware: 'm1-ultra-48', model: 'llama-2-7b' },
  31: { hardware: 'm1-ultra-48', model: 'llama-2-7b' },
  32: { hardware: 'm1-ultra-48', model: 'llama-2-7b' },
  33: { hardware: 'm1-ultra-48', model: 'llama-2-7b' },
  34: { hardware: 'm1-ultra-48', model: 'llama-2-7b' },
  35: { hardware: 'm1-ultra-48', model: 'llama-2-7b' },
  36: { hardware: 'm2-max-30', model: 'llama-2-7b' },
  37: { hardware: 'm2-max-30', model: 'llama-2-7b' },
  38: { hardware: 'm2-max-30', model: 'llama-2-7b' },
  39: { hardware: 'm2-max-30', model: 'llama-2-7b' },
  40: { hardware: 'm2-max-30', model: 'llama-2-7b' },
  41: { hardware: 'rtx-4090', model: 'llama-2-7b', note: PR_4766 },
  42: { hardware: 'rtx-4090', model: 'llama-2-7b', cudaGraphs: false, note: PR_4766 },
  43: { hardware: 'rtx-4090', model: 'llama-2-7b', notFitted: PRE_MMQ },
  44: { hardware: 'rtx-4090', model: 'llama-2-7b', cudaGraphs: false, note: PR_4766 },
  45: { hardware: 'rtx-4090', model: 'llama-2-7b', notFitted: PRE_MMQ },
  53: { hardware: 'm2-max-30', model: 'llama-2-7b' },
  54: { hardware: 'm2-max-30', model: 'llama-2-7b' },
  55: { hardware: 'm2-ultra-76', model: 'llama-2-7b' },
  56: { hardware: 'm2-ultra-76', model: 'llama-2-7b' },
  57: { hardware: 'm2-ultra-76', model: 'llama-2-7b' },
  58: { hardware: 'm2-ultra-76', model: 'llama-2-7b' },
  59: { hardware: 'm2-ultra-76', model: 'llama-3.2-3b' },
  60: { hardware: 'm2-ultra-76', model: 'llama-3.2-3b' },
  61: { hardware: 'm2-ultra-76', model: 'llama-3.2-3b' },
  62: { hardware: 'm2-ultra-76', model: 'llama-3.2-3b' },
  81: { hardware: 'm1-ultra-64', model: 'llama-3.2-3b', viaApp: true },
  82: { hardware: 'm1-max-32', model: 'llama-3.2-3b', viaApp: true },
  83: { hardware: 'm4-10', model: 'llama-3.2-3b', viaApp: true },
  84: { hardware: 'dgx-spark', model: 'llama-3.2-3b', viaApp: true },
  85: { hardware: 'm1-ultra-64', model: 'llama-3.1-70b', quant: 'Q4_K_M', viaApp: true, note: 'quant not stated: Ollama llama3.1:70b is Q4_K_M' },
  86: { hardware: 'm1-max-32', model: 'llama-3.1-70b', quant: 'Q4_K_M', viaApp: true, note: 'quant not stated: Ollama llama3.1:70b is Q4_K_M' },
  87: { hardware: 'dgx-spark', model: 'llama-3.1-70b', quant: 'Q4_K_M', viaApp: true, note: 'quant not stated: Ollama llama3.1:70b is Q4_K_M' },
  88: {
    hardware: 'rtx-4090+ryzen-7900x',
    model: 'llama-3.1-70b',
    quant: 'Q4_K_M',
    viaApp: true,
    gpuLayers: 44,
    note: 'partial offload; Ollama chose the split: 44 of 80 layers assumed (24 GiB − 0.5 GiB CUDA context − ≈1.6 GiB KV and buffers at 2048 tokens, ÷ 0.52 GB per layer)',
  },
  89: { hardware: 'm1-ultra-64', model: 'gpt-oss-20b', quant: 'MXFP4', viaApp: true },
  90: { hardware: 'm1-ultra-64', model: 'llama-3.2-3b' },
  91: { hardware: 'm1-ultra-64', model: 'tinyllama' },
  92: { hardware: 'rtx-4090-vulkan', model: 'llama-3.2-3b' },
  93: { hardware: 'rtx-4090', model: 'llama-3.1-8b', viaApp: true, note: 'llama.cpp server generation speed' },
  94: { hardware: 'm1-8', model: 'mistral-7b', quant: 'Q4_0', viaApp: true, note: 'Q4 type not stated: Ollama mistral:7b v0.2 Q4_0 assumed' },
  95: { hardware: 'rtx-4060-ti', model: 'mistral-7b', quant: 'Q4_0', viaApp: true, note: 'Q4_0 assumed' },
  96: { hardware: 'tesla-p40', model: 'mistral-7b', quant: 'Q4_0', viaApp: true, note: 'Q4_0 assumed' },
  97: { hardware: 'm1-max-32', model: 'mistral-7b', quant: 'Q4_0', viaApp: true, note: 'Q4_0 assumed' },
  98: { hardware: 'rtx-3060', model: 'mistral-7b', quant: 'Q4_0', viaApp: true, note: 'Q4_0 assumed' },
  99: { hardware: 'm1-ultra-64', model: 'mistral-7b', quant: 'Q4_0', viaApp: true, note: 'Q4_0 assumed' },
  100: { hardware: 'rtx-4070', model: 'mistral-7b', quant: 'Q4_0', viaApp: true, note: 'Q4_0 assumed' },
  101: { hardware: 'rtx-4090', model: 'mistral-7b', quant: 'Q4_0', viaApp: true, note: 'Q4_0 assumed' },
  102: { hardware: 'm1-max-32', model: 'llama-3.1-70b', quant: 'Q4_K_M', viaApp: true, note: 'Llama 3 70B, "Q4": Q4_K_M (43 GB) assumed' },
};

function skipReason(i: number): string {
  if (i >= 46 && i <= 52) return 'GPU not identified in the source excerpt';
  if (i >= 63 && i <= 80) return 'hardware not stated (the rows set the quant-family factors, relative to each other)';
  return 'no mapping';
}

function parseBytes(size: string | null): number | undefined {
  if (!size) return undefined;
  const m = /^([\d.]+)\s*(GiB|MiB)/.exec(size);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'GiB' ? 2 ** 30 : 2 ** 20);
}

function testOf(t: string): Test | null {
  if (/^pp/.test(t)) return 'prompt';
  if (/^tg|generation|decode/.test(t)) return 'decode';
  return null;
}

export function loadReferenceRows(root: URL = new URL('../../', import.meta.url)): RefRow[] {
  const doc = JSON.parse(readFileSync(new URL(REFERENCE_FILE, root), 'utf8')) as { rows: RefRow[] };
  return doc.rows;
}

/** The reference rows as bench rows (predictable) and skipped rows (with the reason). */
export function referenceBenchRows(rows: RefRow[] = loadReferenceRows()): { rows: BenchRow[]; skipped: SkippedRow[] } {
  const out: BenchRow[] = [];
  const skipped: SkippedRow[] = [];
  rows.forEach((r, i) => {
    const id = `ref ${i}`;
    const source = `${REFERENCE_FILE} row ${i}`;
    const map = REF_MAP[i];
    const value = r.tokens_per_s;
    if (i === 103 && typeof value === 'object') {
      // llama-batched-bench decode at batch 1 on two machines; prefill figures are in the notes.
      const prefill = /Spark (\d+), M2 Ultra (\d+)/.exec(r.notes ?? '');
      const pairs: [string, string, number, number | undefined][] = [
        ['dgx-spark', 'DGX Spark', value['DGX Spark']!, prefill ? Number(prefill[1]) : undefined],
        ['m2-ultra-76', 'M2 Ultra', value['M2 Ultra']!, prefill ? Number(prefill[2]) : undefined],
      ];
      for (const [hardware, label, decode, pp] of pairs) {
        const split: Split = FIT_HARDWARE.has(hardware) ? 'fit' : 'held-out';
        out.push({ id: `${id} ${label}`, source, test: 'decode', measured: decode, hardware, model: 'gpt-oss-120b', quant: 'MXFP4', split });
        if (pp !== undefined)
          out.push({
            id: `${id} ${label}`,
            source: `${source} (notes: prefill)`,
            test: 'prompt',
            measured: pp,
            hardware,
            model: 'gpt-oss-120b',
            quant: 'MXFP4',
            split: 'held-out',
            note: 'prefill with -ub 2048, not pp512',
          });
      }
      return;
    }
    const test = testOf(r.test);
    if (!map || test === null || typeof value !== 'number') {
      skipped.push({ id, source, test: r.test, measured: String(typeof value === 'number' ? value : JSON.stringify(value)), reason: skipReason(i) });
      return;
    }
    const split: Split = FIT_HARDWARE.has(map.hardware) && !map.viaApp ? 'fit' : 'held-out';
    out.push({
      id,
      source,
      test,
      measured: value,
      hardware: map.hardware,
      model: map.model,
      quant: map.quant ?? r.quant,
      fileBytes: parseBytes(r.model_size),
      gpuLayers: map.gpuLayers,
      split: map.flag ? 'held-out' : split,
      flag: map.flag,
      note: map.note,
      cudaGraphs: map.cudaGraphs,
      notFitted: map.notFitted,
    });
  });
  return { rows: out, skipped };
}

const KYUZ0 =
  'kyuz0/amd-strix-halo-toolboxes docs/results.json @ 006aaa64e166f656a21ce115f010e8f4fb93f8a8 (Radeon 8060S, Vulkan RADV, llama-bench -ngl 99 -mmp 0, build f1fbffb5 (6486), 2025-09; each model at -fa 0 and -fa 1)';

/**
 * Strix Halo Vulkan RADV runs of one build at -fa 0 and -fa 1 (KYUZ0). The Llama 2 7B and
 * gpt-oss-120b pairs are fit rows (they set FA_OFF_SCORE_BYTES, and the 120b row joins the Vulkan
 * MoE prompt pairs); gpt-oss-20b, the model of the held-out launch-day row, stays held out.
 */
function strixToolboxRows(): BenchRow[] {
  const runs: [string, string, string, 'fit' | 'held-out', number, number][] = [
    // [id, model, quant, split, pp512 fa 0, pp512 fa 1]
    ['x strix-radv-7b', 'llama-2-7b', 'Q4_0', 'fit', 868.7, 957.23],
    ['x strix-radv-gpt-oss-120b', 'gpt-oss-120b', 'MXFP4', 'fit', 426.15, 478.69],
    ['x strix-radv-gpt-oss-20b', 'gpt-oss-20b', 'MXFP4_MOE', 'held-out', 1002.66, 1204.49],
  ];
  const rows: BenchRow[] = runs.flatMap(([id, model, quant, split, fa0, fa1]) => [
    { id: `${id} fa0`, source: KYUZ0, test: 'prompt', measured: fa0, hardware: 'strix-halo-vulkan', model, quant, split, flashAttention: false },
    { id: `${id} fa1`, source: KYUZ0, test: 'prompt', measured: fa1, hardware: 'strix-halo-vulkan', model, quant, split },
  ]);
  // The held-out model's decode (tg128 at -fa 0; -fa 1 gives 74.94).
  rows.push({ id: 'x strix-radv-gpt-oss-20b fa0', source: KYUZ0, test: 'decode', measured: 74.77, hardware: 'strix-halo-vulkan', model: 'gpt-oss-20b', quant: 'MXFP4_MOE', split: 'held-out' });
  return rows;
}

/** Public llama-bench measurements for backends and machines the reference file lacks. */
export const EXTRA_ROWS: readonly BenchRow[] = [
  {
    id: 'x vulkan-4090-tiny',
    source: 'https://github.com/geerlingguy/ai-benchmarks/issues/43 (build 086a63e3a)',
    test: 'decode',
    measured: 762.37,
    hardware: 'rtx-4090-vulkan',
    model: 'tinyllama',
    quant: 'Q4_K_M',
    fileBytes: 636.18 * 2 ** 20,
    split: 'fit',
  },
  {
    id: 'x vulkan-strix-8b',
    source: 'https://github.com/deseven/strixhalo-homelab/issues/11 (Vulkan RADV only, tg64)',
    test: 'decode',
    measured: 41.6,
    hardware: 'strix-halo-vulkan',
    model: 'llama-3.1-8b',
    quant: 'Q4_K_M',
    split: 'fit',
  },
  {
    id: 'x vulkan-strix-8b',
    source: 'https://github.com/deseven/strixhalo-homelab/issues/11 (Vulkan RADV only)',
    test: 'prompt',
    measured: 833,
    hardware: 'strix-halo-vulkan',
    model: 'llama-3.1-8b',
    quant: 'Q4_K_M',
    split: 'held-out',
  },
  {
    id: 'x vulkan-5090-7b',
    source: 'https://github.com/ggml-org/llama.cpp/pull/23541 (RTX 5090, NV_coopmat2, -fa 1, llama 7B Q4_0 3.56 GiB pp512)',
    test: 'prompt',
    measured: 13320.86,
    hardware: 'rtx-5090-vulkan',
    model: 'llama-2-7b',
    quant: 'Q4_0',
    fileBytes: 3.56 * 2 ** 30,
    split: 'fit',
  },
  {
    id: 'x vulkan-5090-gpt-oss-20b',
    source: 'https://github.com/ggml-org/llama.cpp/pull/23541 (same table: gpt-oss 20B MXFP4 MoE 11.27 GiB pp512)',
    test: 'prompt',
    measured: 10971.78,
    hardware: 'rtx-5090-vulkan',
    model: 'gpt-oss-20b',
    quant: 'MXFP4_MOE',
    split: 'fit',
  },
  {
    id: 'x vulkan-2080ti-tiny',
    source: 'https://github.com/geerlingguy/ai-benchmarks/issues/46 (build f9ec8858e)',
    test: 'decode',
    measured: 424.32,
    hardware: 'rtx-2080-ti-vulkan',
    model: 'tinyllama',
    quant: 'Q4_K_M',
    fileBytes: 636.18 * 2 ** 20,
    split: 'held-out',
  },
  {
    id: 'x vulkan-framework-gpt-oss-20b',
    source: 'https://github.com/geerlingguy/ai-benchmarks/issues/21 (Radeon 8060S, gpt-oss-20b F16 12.83 GiB)',
    test: 'decode',
    measured: 45.01,
    hardware: 'strix-halo-vulkan',
    model: 'gpt-oss-20b',
    quant: 'F16',
    split: 'held-out',
  },
  {
    id: 'x vulkan-framework-gpt-oss-20b',
    source: 'https://github.com/geerlingguy/ai-benchmarks/issues/21',
    test: 'prompt',
    measured: 564.23,
    hardware: 'strix-halo-vulkan',
    model: 'gpt-oss-20b',
    quant: 'F16',
    split: 'held-out',
    flashAttention: false,
    note: 'flash attention off, as the source says ("flash attention caused a segfault when working with the gpt-oss models ... so I disabled that"; llama-bench -fa default 0); launch-day build fd1234cb (6096)',
  },
  ...strixToolboxRows(),
  {
    id: 'x rocm-7900xtx-8b',
    source: 'https://github.com/ggml-org/llama.cpp/pull/26284 (RX 7900 XTX, llama 8B Q4_K_M, tg64, master)',
    test: 'decode',
    measured: 105.75,
    hardware: 'rx-7900-xtx',
    model: 'llama-3.1-8b',
    quant: 'Q4_K_M',
    split: 'fit',
  },
  {
    id: 'x rocm-7900xtx-8b',
    source: 'https://github.com/ggml-org/llama.cpp/pull/26284 (pp2048 at micro-batch 512, master)',
    test: 'prompt',
    measured: 3189.36,
    hardware: 'rx-7900-xtx',
    model: 'llama-3.1-8b',
    quant: 'Q4_K_M',
    split: 'fit',
  },
  {
    id: 'x cpu-13900k-7b',
    source: 'https://github.com/ggml-org/llama.cpp/issues/34 (slaren, 13900k + DDR5-6400, 7B gen 128, 8 threads)',
    test: 'decode',
    measured: 18.27,
    hardware: 'core-i9-13900k',
    model: 'llama-2-7b',
    quant: 'Q4_0',
    split: 'fit',
    note: 'quant not stated: Q4_0 (llama.cpp\'s benchmark model then) assumed',
  },
  {
    id: 'x cpu-13900k-7b',
    source: 'https://github.com/ggml-org/llama.cpp/issues/34 (7B pp 512, 32 threads)',
    test: 'prompt',
    measured: 55.21,
    hardware: 'core-i9-13900k',
    model: 'llama-2-7b',
    quant: 'Q4_0',
    split: 'fit',
    note: 'Q4_0 assumed',
  },
  {
    id: 'x metal-m4-8b',
    source: 'https://github.com/brand-o/normiebench/issues/3 (Mac Mini M4, llama 3.1 8b q4_k_m)',
    test: 'decode',
    measured: 20.87,
    hardware: 'm4-10',
    model: 'llama-3.1-8b',
    quant: 'Q4_K_M',
    split: 'held-out',
  },
  {
    id: 'x metal-m4-8b',
    source: 'https://github.com/brand-o/normiebench/issues/3',
    test: 'prompt',
    measured: 224.81,
    hardware: 'm4-10',
    model: 'llama-3.1-8b',
    quant: 'Q4_K_M',
    split: 'held-out',
  },
  {
    id: 'x metal-m1max-8b',
    source: 'https://github.com/brand-o/normiebench/issues/40 (MacBook Pro M1 Max, llama 3.1 8b q4_k_m)',
    test: 'decode',
    measured: 46.2,
    hardware: 'm1-max-32',
    model: 'llama-3.1-8b',
    quant: 'Q4_K_M',
    split: 'held-out',
  },
  {
    id: 'x metal-m1max-8b',
    source: 'https://github.com/brand-o/normiebench/issues/40',
    test: 'prompt',
    measured: 499.58,
    hardware: 'm1-max-32',
    model: 'llama-3.1-8b',
    quant: 'Q4_K_M',
    split: 'held-out',
  },
  {
    id: 'x cuda-p40-7b',
    source: 'https://github.com/ggml-org/llama.cpp/pull/4766 (JohannesGaessler, P40, llama 7B Q4_0 tg128)',
    cudaGraphs: false,
    test: 'decode',
    measured: 56.79,
    hardware: 'tesla-p40',
    model: 'llama-2-7b',
    quant: 'Q4_0',
    fileBytes: 3.56 * 2 ** 30,
    split: 'held-out',
  },
];

const XIONGJIE =
  'https://github.com/XiongjieDai/GPU-Benchmarks-on-LLM-Inference/blob/00dd2bdeb2404263f22bd6c1cd46ce397e341db5/README.md (LLaMA 2 tables: llama-bench mean TG/PP of three runs, RunPod / Macs, Dec 2023 builds; M1 Max Aug 2023)';

/** [hardware, quant, tg, pp] of the LLaMA 2 7B tables of XIONGJIE: GPUs outside the reference file and the fit hardware. */
const XIONGJIE_7B: readonly [string, 'Q4_0' | 'F16', number, number][] = [
  ['rtx-4080', 'Q4_0', 118.01, 3774.79],
  ['rtx-4080', 'F16', 44.2, 5158.19],
  ['rtx-3090', 'Q4_0', 120.6, 2601.81],
  ['rtx-3090', 'F16', 51.85, 3075.37],
  ['rtx-a6000', 'Q4_0', 111.57, 2979.12],
  ['rtx-a6000', 'F16', 44.01, 3707.88],
  ['rtx-6000-ada', 'Q4_0', 127.45, 3911.18],
  ['rtx-6000-ada', 'F16', 50.56, 5403.6],
  ['h100-pcie', 'Q4_0', 133.77, 4868.59],
  ['h100-pcie', 'F16', 83.32, 7367],
  ['m1-max-24', 'Q4_0', 48.65, 199.65],
  ['m1-max-24', 'F16', 13.83, 213.14],
  ['m3-10', 'Q4_0', 20.79, 184.51],
  ['m3-max-40', 'Q4_0', 63.11, 740.97],
  ['m3-max-40', 'F16', 24.76, 761.4],
];

/** Extra held-out llama-bench rows on GPUs the reference file lacks (never in any fit: none is fit hardware). */
export const EXTRA_HELD_OUT_ROWS: readonly BenchRow[] = XIONGJIE_7B.flatMap(([hardware, quant, tg, pp]) =>
  (
    [
      ['decode', tg],
      ['prompt', pp],
    ] as const
  ).map(
    ([test, measured]): BenchRow => ({
      id: `xd ${hardware} ${quant}`,
      source: XIONGJIE,
      test,
      measured,
      hardware,
      model: 'llama-2-7b',
      quant,
      split: 'held-out',
      cudaGraphs: false,
      note: 'Dec 2023 build: no CUDA graphs (#6766, 2024-04) and, for quantized prompt, no int8 MMQ (#8075, 2024-06)',
    }),
  ),
);

/** Bits per weight of whole Llama-3.1-8B files and their tg128 (same unstated machine): reference rows 63-80. */
export function quantReadmeRows(rows: RefRow[] = loadReferenceRows()): { quant: string; bytes: number; tps: number }[] {
  const out: { quant: string; bytes: number; tps: number }[] = [];
  rows.forEach((r, i) => {
    if (i < 63 || i > 80 || r.test !== 'tg128' || typeof r.tokens_per_s !== 'number') return;
    const bytes = parseBytes(r.model_size);
    if (bytes) out.push({ quant: r.quant, bytes, tps: r.tokens_per_s });
  });
  return out;
}
