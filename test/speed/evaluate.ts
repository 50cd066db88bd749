// Predict every bench row with the speed model, measure the error, and fit the calibration
// (src/estimate/speed-calibration.ts) on the `fit` rows. Used by bench/speed.ts and the tests.
import { estimateSpeedDetail, isTwoDieApple, quantFamily, type CalibrationOverride } from '../../src/estimate/speed.js';
import {
  BACKEND_CALIBRATION,
  type Backend,
  type BackendCalibration,
  type QuantFamily,
} from '../../src/estimate/speed-calibration.js';
import type { SpeedInput, WeightsEstimate } from '../../src/estimate/types.js';
import { activeParams, HARDWARE, MODELS, type ModelFact } from './facts.js';
import { EXTRA_HELD_OUT_ROWS, EXTRA_ROWS, quantReadmeRows, referenceBenchRows, type BenchRow, type SkippedRow, type Test } from './rows.js';

/** tg128 runs from an empty cache: on average 64 tokens are in the KV cache. */
const TG_MEAN_CONTEXT = 64;

/** Weights of `model` stored as `quant`: from the file size (dense) or from the expert layout (MoE). */
export function weightsFor(model: ModelFact, quant: string, fileBytes?: number): WeightsEstimate | null {
  const embedding = model.vocabSize * model.hiddenSize;
  if (model.moe) {
    const bits = model.moe.bits[quant];
    if (!bits) return null;
    const e = bits.experts / 8;
    const r = bits.rest / 8;
    const perLayer = model.moe.expertParamsPerLayer * e + model.moe.attentionParamsPerLayer * r;
    const nonLayer = (model.tiedEmbeddings ? 1 : 2) * embedding * r;
    const read =
      model.layers * (model.moe.expertParamsPerLayer * model.moe.activeFraction * e + model.moe.attentionParamsPerLayer * r) +
      embedding * r;
    const total = perLayer * model.layers + nonLayer;
    return { totalBytes: total, bytesReadPerToken: read, perLayerBytes: perLayer, nonLayerBytes: nonLayer, bitsPerWeight: (total * 8) / model.params };
  }
  const file = fileBytes ?? model.files[quant]?.bytes;
  if (!file) return null;
  const bytesPerParam = file / model.params;
  const nonLayer = (model.tiedEmbeddings ? 1 : 2) * embedding * bytesPerParam;
  return {
    totalBytes: file,
    // The token embedding is a lookup; a tied embedding is also the output head and is read whole.
    bytesReadPerToken: file - (model.tiedEmbeddings ? 0 : embedding * bytesPerParam),
    perLayerBytes: (file - nonLayer) / model.layers,
    nonLayerBytes: nonLayer,
    bitsPerWeight: bytesPerParam * 8,
  };
}

export function inputFor(row: BenchRow): SpeedInput | string {
  const hw = HARDWARE[row.hardware];
  const model = MODELS[row.model];
  if (!hw) return `unknown hardware ${row.hardware}`;
  if (!model) return `unknown model ${row.model}`;
  const weights = weightsFor(model, row.quant, row.fileBytes);
  if (!weights) return `no file size for ${row.model} ${row.quant}`;
  const kvPerToken = 2 * model.layers * model.kvHeads * model.headDim * 2;
  return {
    hardware: {
      memoryBandwidthGBps: hw.bandwidthGBps,
      fp16Tflops: hw.fp16Tflops,
      backend: hw.backend,
      gpus: 1,
      ramBandwidthGBps: hw.ramBandwidthGBps ?? hw.bandwidthGBps,
      cudaGraphs: row.cudaGraphs ?? hw.cudaGraphs,
      gpuClockMHz: hw.boostClockMHz,
    },
    weights,
    kvCacheBytes: row.test === 'decode' ? kvPerToken * TG_MEAN_CONTEXT : 0,
    contextLength: row.test === 'decode' ? 128 : 512,
    activeParams: activeParams(model),
    quant: row.quant,
    gpuLayers: row.gpuLayers ?? model.layers,
    totalLayers: model.layers,
    flashAttention: row.flashAttention,
    attentionHeads: model.heads,
  };
}

export interface EvaluatedRow extends BenchRow {
  backend: Backend;
  predicted: number;
  /** (predicted − measured) ÷ measured. */
  error: number;
  explanation: string;
}

export function predict(row: BenchRow, calibration?: CalibrationOverride): { value: number; explanation: string } | string {
  const input = inputFor(row);
  if (typeof input === 'string') return input;
  const d = estimateSpeedDetail(input, { calibration });
  return { value: row.test === 'decode' ? d.decodeTokensPerSecond : d.promptTokensPerSecond, explanation: d.explanation };
}

export interface BenchData {
  rows: BenchRow[];
  skipped: SkippedRow[];
}

export function benchData(): BenchData {
  const ref = referenceBenchRows();
  return { rows: [...ref.rows, ...EXTRA_ROWS, ...EXTRA_HELD_OUT_ROWS], skipped: ref.skipped };
}

export function evaluate(rows: readonly BenchRow[], calibration?: CalibrationOverride): { evaluated: EvaluatedRow[]; failed: SkippedRow[] } {
  const evaluated: EvaluatedRow[] = [];
  const failed: SkippedRow[] = [];
  for (const row of rows) {
    const p = predict(row, calibration);
    if (typeof p === 'string') {
      failed.push({ id: row.id, source: row.source, test: row.test, measured: String(row.measured), reason: p });
      continue;
    }
    evaluated.push({ ...row, backend: HARDWARE[row.hardware]!.backend, predicted: p.value, error: (p.value - row.measured) / row.measured, explanation: p.explanation });
  }
  return { evaluated, failed };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function medianAbsError(rows: EvaluatedRow[], test: Test, filter: (r: EvaluatedRow) => boolean = () => true): { median: number; n: number } {
  const errs = rows.filter((r) => r.test === test && filter(r)).map((r) => Math.abs(r.error));
  return { median: median(errs), n: errs.length };
}

// ---------------------------------------------------------------- fitting

export interface FitResult {
  backends: Record<Backend, BackendCalibration & { decodeRows: string[]; promptRows: string[] }>;
  /** Decode constants of two-die Apple chips, and the rows they were fitted on. */
  metalTwoDie: { decodeEfficiency: number; layerOverheadMs: number; decodeRows: string[] };
  /** MoE prompt factor per backend with MoE prompt rows in the fit split, and those rows. */
  moePrompt: Partial<Record<Backend, { value: number; rows: string[] }>>;
  /** Bytes per attention score without flash attention, and the -fa 0 / -fa 1 pairs it was fitted on. */
  faOff: { value: number; rows: string[] };
  families: Record<QuantFamily, number>;
  familyRows: Record<string, number>;
  fallbackTflopsPerGBps: Record<Backend, number>;
}

const range = (lo: number, hi: number, step: number): number[] => {
  const out: number[] = [];
  for (let x = lo; x <= hi + 1e-9; x += step) out.push(Math.round(x / step) * step);
  return out;
};

function logLoss(rows: BenchRow[], override: CalibrationOverride): number {
  let s = 0;
  for (const r of rows) {
    const p = predict(r, override);
    if (typeof p === 'string') continue;
    s += Math.log(p.value / r.measured) ** 2;
  }
  return s;
}

/**
 * Quant-family factors from the Llama-3.1-8B table of llama.cpp's quantize README (reference rows
 * 63-80, one unstated machine): the F16 and Q8_0 rows fix time = bytes × a + c; each other row's
 * factor is a × bytes ÷ (time − c); the family factor is the median of its rows.
 */
export function fitFamilyFactors(): { families: Record<QuantFamily, number>; rows: Record<string, number> } {
  const model = MODELS['llama-3.1-8b']!;
  const readShare = 1 - (model.vocabSize * model.hiddenSize) / model.params;
  const rows = quantReadmeRows().map((r) => ({ ...r, read: r.bytes * readShare, ms: 1000 / r.tps }));
  const f16 = rows.find((r) => r.quant === 'F16')!;
  const q8 = rows.find((r) => r.quant === 'Q8_0')!;
  const a = (f16.ms - q8.ms) / (f16.read - q8.read);
  const c = q8.ms - a * q8.read;
  const perRow: Record<string, number> = {};
  const byFamily: Partial<Record<QuantFamily, number[]>> = {};
  for (const r of rows) {
    if (r.quant === 'F16' || r.quant === 'Q8_0') continue;
    const factor = (a * r.read) / (r.ms - c);
    perRow[r.quant] = factor;
    (byFamily[quantFamily(r.quant)] ??= []).push(factor);
  }
  const families: Record<QuantFamily, number> = {
    legacy: 1,
    float: 1,
    k: round(median(byFamily.k ?? [1]), 2),
    iq: round(median(byFamily.iq ?? [1]), 2),
    mxfp4: 1,
    'gpu-int4': 1,
    'gpu-8bit': 1,
  };
  return { families, rows: perRow };
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** Median TFLOPS per GB/s of the bench hardware with a known FP16 figure, per backend family. */
export function fitFallbackRatios(): Record<Backend, number> {
  const ratios: Record<string, number[]> = {};
  for (const h of Object.values(HARDWARE)) {
    if (h.fp16Tflops === null || h.backend === 'cpu') continue;
    const key = h.backend === 'vulkan' ? 'cuda' : h.backend; // the Vulkan entries with a known figure are NVIDIA cards
    (ratios[key] ??= []).push(h.fp16Tflops / h.bandwidthGBps);
  }
  const cuda = round(median(ratios.cuda ?? []), 3);
  const metal = round(median(ratios.metal ?? []), 4);
  const rocm = round(median(ratios.rocm ?? []), 3);
  return { cuda, metal, rocm, vulkan: rocm, sycl: rocm, cpu: 1 };
}

/** Least-squares (log error) fit of the calibration on the `fit` rows. */
export function fitCalibration(data: BenchData = benchData()): FitResult {
  const { families, rows: familyRows } = fitFamilyFactors();
  const fallback = fitFallbackRatios();
  const fitRows = data.rows.filter((r) => r.split === 'fit' && !r.flag && !r.notFitted);
  const byBackend = (b: Backend, test: Test) => fitRows.filter((r) => HARDWARE[r.hardware]?.backend === b && r.test === test);
  const base = (b: Backend): BackendCalibration => ({ ...BACKEND_CALIBRATION[b] });
  const result = {} as FitResult['backends'];

  const fitDecode = (
    b: Backend,
    fixedOverheadMs?: number,
    rowFilter: (r: BenchRow) => boolean = () => true,
    toOverride?: (cal: BackendCalibration) => CalibrationOverride,
  ): BackendCalibration & { decodeRows: string[] } => {
    const rows = byBackend(b, 'decode').filter(rowFilter);
    // CUDA rows from builds without CUDA graphs fit their own per-layer cost; the efficiency is shared.
    const graphRows = rows.filter((r) => r.cudaGraphs !== false);
    const noGraphRows = b === 'cuda' ? rows.filter((r) => r.cudaGraphs === false) : [];
    let best = { ...base(b), loss: Infinity };
    const overheads = fixedOverheadMs === undefined ? range(0, 0.3, 0.0025) : [fixedOverheadMs];
    const over = (cal: BackendCalibration): CalibrationOverride => ({
      ...(toOverride ? toOverride(cal) : { backends: { [b]: cal } }),
      families,
      fallbackTflopsPerGBps: fallback,
    });
    for (const e of range(0.3, 1, 0.005)) {
      let g = { o: 0, loss: Infinity };
      for (const o of overheads) {
        const loss = logLoss(graphRows, over({ ...base(b), decodeEfficiency: e, layerOverheadMs: o }));
        if (loss < g.loss) g = { o, loss };
      }
      let n = { o: base(b).layerOverheadNoGraphsMs ?? 0, loss: 0 };
      if (noGraphRows.length) {
        n = { o: 0, loss: Infinity };
        for (const o of range(0, 0.5, 0.0025)) {
          const loss = logLoss(noGraphRows, over({ ...base(b), decodeEfficiency: e, layerOverheadMs: g.o, layerOverheadNoGraphsMs: o }));
          if (loss < n.loss) n = { o, loss };
        }
      }
      if (g.loss + n.loss < best.loss)
        best = { ...base(b), decodeEfficiency: e, layerOverheadMs: g.o, layerOverheadNoGraphsMs: noGraphRows.length ? n.o : undefined, loss: g.loss + n.loss };
    }
    const out: BackendCalibration & { decodeRows: string[] } = {
      ...base(b),
      decodeEfficiency: round(best.decodeEfficiency, 3),
      layerOverheadMs: round(best.layerOverheadMs, 4),
      decodeRows: rows.map((r) => r.id),
    };
    if (noGraphRows.length) out.layerOverheadNoGraphsMs = round(best.layerOverheadNoGraphsMs ?? 0, 4);
    return out;
  };
  const fitPrompt = (b: Backend, cal: BackendCalibration): { promptEfficiency: number; promptRows: string[] } => {
    // Dense rows only: MoE prompt rows set the MoE factor (fitMoePrompt), relative to these.
    const rows = byBackend(b, 'prompt').filter((r) => !isMoeRow(r));
    let best = { e: cal.promptEfficiency, loss: Infinity };
    for (const e of range(0.05, 1.5, 0.005)) {
      const loss = logLoss(rows, { backends: { [b]: { ...cal, promptEfficiency: e } }, families, fallbackTflopsPerGBps: fallback });
      if (loss < best.loss) best = { e, loss };
    }
    return { promptEfficiency: rows.length ? round(best.e, 3) : cal.promptEfficiency, promptRows: rows.map((r) => r.id) };
  };

  // CPU first: its decode efficiency also prices the layers that spill to RAM on every backend.
  // One measurement: the per-layer cost is fixed at 0 (negligible next to tens of ms of RAM reads).
  const cpuDecode = fitDecode('cpu', 0);
  // CPU prompt: the FP16 figure of a CPU is unknown; the efficiency stays 1 and the fit sets TFLOPS per GB/s of RAM.
  const cpuPromptRows = byBackend('cpu', 'prompt');
  let cpuRatio = { r: fallback.cpu, loss: Infinity };
  for (const r of range(0.0005, 0.05, 0.0001)) {
    const loss = logLoss(cpuPromptRows, { backends: { cpu: { ...cpuDecode, promptEfficiency: 1 } }, families, fallbackTflopsPerGBps: { ...fallback, cpu: r } });
    if (loss < cpuRatio.loss) cpuRatio = { r, loss };
  }
  fallback.cpu = round(cpuRatio.r, 4);
  result.cpu = { ...cpuDecode, promptEfficiency: 1, promptRows: cpuPromptRows.map((r) => r.id) };

  // Metal: one-die chips set the backend's decode constants; two-die Ultra chips their own.
  const twoDie = (r: BenchRow) => {
    const h = HARDWARE[r.hardware];
    return h !== undefined && isTwoDieApple({ backend: h.backend, memoryBandwidthGBps: h.bandwidthGBps });
  };
  for (const b of ['cuda', 'metal', 'vulkan'] as const) {
    const d = b === 'metal' ? fitDecode(b, undefined, (r) => !twoDie(r)) : fitDecode(b);
    result[b] = { ...d, ...fitPrompt(b, d) };
  }
  const ultra = fitDecode('metal', undefined, twoDie, (cal) => ({
    backends: { metal: result.metal },
    metalTwoDie: { decodeEfficiency: cal.decodeEfficiency, layerOverheadMs: cal.layerOverheadMs },
  }));
  const metalTwoDie = { decodeEfficiency: ultra.decodeEfficiency, layerOverheadMs: ultra.layerOverheadMs, decodeRows: ultra.decodeRows };
  // ROCm is the HIP build of the CUDA kernels: one measurement, so the per-layer cost is CUDA's.
  const rocm = fitDecode('rocm', result.cuda.layerOverheadMs);
  result.rocm = { ...rocm, ...fitPrompt('rocm', rocm) };
  // SYCL: no measurement in reach; Vulkan's figures (the other portable backend on Intel GPUs).
  result.sycl = { ...result.vulkan, decodeRows: [], promptRows: [] };
  return { backends: result, families, familyRows, fallbackTflopsPerGBps: fallback, moePrompt: fitMoePrompt(fitRows), metalTwoDie, faOff: fitFaOff(fitRows) };
}

/**
 * Bytes per attention score without flash attention: each -fa 0 prompt row of the fit split is
 * paired with its -fa 1 twin (same source, machine, model and quant), so everything but the score
 * traffic cancels; the value makes the -fa 0 row's log error equal to the twin's; median over pairs.
 */
export function fitFaOff(fitRows: BenchRow[]): FitResult['faOff'] {
  const values: number[] = [];
  const rows: string[] = [];
  for (const off of fitRows.filter((r) => r.test === 'prompt' && r.flashAttention === false)) {
    const on = fitRows.find(
      (r) => r.test === 'prompt' && r.flashAttention !== false && r.source === off.source && r.hardware === off.hardware && r.model === off.model && r.quant === off.quant,
    );
    if (!on) continue;
    const p = predict(on);
    if (typeof p === 'string') continue;
    const onLog = Math.log(p.value / on.measured);
    let best = { b: 0, loss: Infinity };
    for (const b of range(0, 200, 0.5)) {
      const q = predict(off, { faOffScoreBytes: b });
      if (typeof q === 'string') continue;
      const loss = (Math.log(q.value / off.measured) - onLog) ** 2;
      if (loss < best.loss) best = { b, loss };
    }
    values.push(best.b);
    rows.push(on.id, off.id);
  }
  return { value: values.length ? round(median(values), 1) : 0, rows };
}

const isMoeRow = (r: BenchRow): boolean => MODELS[r.model]?.moe !== undefined;

/**
 * MoE prompt factor per backend: each MoE prompt row of the fit split is paired with a dense
 * prompt row on the same hardware (same source table), so the card's own error cancels; the
 * factor makes the MoE row's error equal to the dense row's (log), median over the pairs.
 */
export function fitMoePrompt(fitRows: BenchRow[]): FitResult['moePrompt'] {
  const out: FitResult['moePrompt'] = {};
  const byBackend: Partial<Record<Backend, { factor: number; rows: string[] }[]>> = {};
  for (const moe of fitRows.filter((r) => r.test === 'prompt' && isMoeRow(r))) {
    const dense = fitRows.find((r) => r.test === 'prompt' && r.hardware === moe.hardware && !isMoeRow(r) && r.flashAttention === moe.flashAttention);
    const backend = HARDWARE[moe.hardware]?.backend;
    if (!dense || !backend) continue;
    const d = predict(dense);
    if (typeof d === 'string') continue;
    const denseLog = Math.log(d.value / dense.measured);
    let best = { f: 1, loss: Infinity };
    for (const f of range(0.05, 1.5, 0.005)) {
      const m = predict(moe, { moePromptEfficiency: { [backend]: f } });
      if (typeof m === 'string') continue;
      const loss = (Math.log(m.value / moe.measured) - denseLog) ** 2;
      if (loss < best.loss) best = { f, loss };
    }
    (byBackend[backend] ??= []).push({ factor: best.f, rows: [dense.id, moe.id] });
  }
  for (const [b, fits] of Object.entries(byBackend) as [Backend, { factor: number; rows: string[] }[]][])
    out[b] = { value: round(median(fits.map((x) => x.factor)), 2), rows: fits.flatMap((x) => x.rows) };
  return out;
}
