// llama-bench rows → calibration entries: one per GPU, backend, model, quant and depth, with its
// prompt (pp) and decode (tg) speeds. Pure.
import type { CalibrationEntry } from '../estimate/calibrated-speed.js';
import { backendOf, parseModelType, type BenchRow } from './parse.js';

export interface GpuRef {
  id: string;
  name: string;
}

/** Rows with part of the model on the CPU (-ngl below the layer count) measure the CPU too: skipped. */
const FULL_OFFLOAD_NGL = 99;

export function entriesFromRows(rows: readonly BenchRow[], gpu: GpuRef, source: string, importedAt: string): { entries: CalibrationEntry[]; skipped: string[] } {
  const skipped: string[] = [];
  const byKey = new Map<string, CalibrationEntry>();
  for (const r of rows) {
    if (r.gpuLayers !== null && r.gpuLayers >= 0 && r.gpuLayers < FULL_OFFLOAD_NGL) {
      skipped.push(`${r.where}: ${r.test}${r.tokens} with -ngl ${r.gpuLayers} runs partly on the CPU; only full offload (-ngl 99) calibrates the GPU`);
      continue;
    }
    const backend = backendOf(r.backend);
    if (backend === 'cpu') {
      skipped.push(`${r.where}: backend ${r.backend} is the CPU; calibrate measures GPUs`);
      continue;
    }
    const parsed = parseModelType(r.modelType);
    const key = [backend, r.modelType, r.depth].join('|');
    const entry =
      byKey.get(key) ??
      ({
        gpuId: gpu.id,
        gpuName: gpu.name,
        backend,
        modelType: r.modelType,
        modelFile: r.modelFile,
        quant: parsed.quant,
        params: r.params,
        activeParams: parsed.activeParams,
        sizeBytes: r.sizeBytes,
        depth: r.depth,
        decode: null,
        prompt: null,
        source,
        build: r.build,
        importedAt,
      } satisfies CalibrationEntry);
    // Several runs of the same test (jsonl appended twice, -r): the last one wins.
    if (r.test === 'tg') entry.decode = { tokensPerSecond: r.tokensPerSecond, tokens: r.tokens };
    else entry.prompt = { tokensPerSecond: r.tokensPerSecond, tokens: r.tokens };
    byKey.set(key, entry);
  }
  return { entries: [...byKey.values()], skipped };
}

/** New entries replace stored ones of the same GPU, backend, model and depth. */
export function mergeEntries(stored: readonly CalibrationEntry[], added: readonly CalibrationEntry[]): CalibrationEntry[] {
  const key = (e: CalibrationEntry) => [e.gpuId, e.backend, e.modelType, e.depth].join('|');
  const fresh = new Set(added.map(key));
  return [...stored.filter((e) => !fresh.has(key(e))), ...added];
}
