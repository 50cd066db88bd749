// Predicts each published vLLM start-up log (vllm-logs.ts) with src/estimate/vllm-memory.ts and
// the catalog's model shapes; shared by bench/vllm.ts and test/serving/vllm-pool.test.ts.
import { loadCatalog } from '../../src/catalog/load.js';
import type { EmbeddingModel, LocalModel } from '../../src/catalog/schema.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import { vllmKvPool } from '../../src/estimate/vllm-memory.js';
import { estimateWeights } from '../../src/estimate/weights.js';
import { VLLM_LOGS, type VllmLog } from './vllm-logs.js';

export interface VllmEvaluated extends VllmLog {
  predicted: { kvCacheTokens: number; maxConcurrency: number; starts: boolean; weightsGiB: number };
  /** Relative error of the pool in tokens; null when the log has no pool (it did not start with 0 tokens). */
  error: number | null;
}

export async function evaluateVllmLogs(): Promise<VllmEvaluated[]> {
  const catalog = await loadCatalog();
  return VLLM_LOGS.map((log) => {
    const model = catalog.models.find((m) => m.id === log.modelId) as LocalModel | EmbeddingModel | undefined;
    if (!model) throw new Error(`vllm log ${log.id}: model ${log.modelId} is not in the catalog`);
    const shape = shapeFromModel(model);
    const weights = estimateWeights(shape, log.quant);
    const pool = vllmKvPool({
      shape,
      weightsBytesPerDevice: weights.totalBytes / log.tensorParallel,
      totalBytesPerDevice: log.totalGiB * 2 ** 30,
      gpuMemoryUtilization: log.utilization,
      maxModelLen: log.maxModelLen,
      kvCacheDtype: 'auto',
      tensorParallel: log.tensorParallel,
      profileTokens: log.profileTokens,
      maxNumSeqs: log.maxNumSeqs,
      cudaGraphsCounted: log.cudaGraphsCounted,
    });
    const logged = log.logged.kvCacheTokens;
    const error = logged > 0 ? pool.kvCacheTokens / logged - 1 : null;
    return {
      ...log,
      predicted: { kvCacheTokens: pool.kvCacheTokens, maxConcurrency: pool.maxConcurrency, starts: pool.starts, weightsGiB: weights.totalBytes / 2 ** 30 },
      error,
    };
  });
}

export function medianAbs(xs: number[]): number {
  const s = xs.map(Math.abs).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
