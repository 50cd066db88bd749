// Predicts each published vLLM start-up log (vllm-logs.ts) with src/estimate/vllm-memory.ts and
// the catalog's model shapes; shared by bench/vllm.ts and test/serving/vllm-pool.test.ts.
import { loadCatalog } from '../../src/catalog/load.js';
import type { EmbeddingModel, LocalModel } from '../../src/catalog/schema.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import { vllmKvPool, type VllmPool } from '../../src/estimate/vllm-memory.js';
import { estimateWeights } from '../../src/estimate/weights.js';
import { VLLM_LOGS, type VllmLog } from './vllm-logs.js';

const GIB = 2 ** 30;

export interface VllmEvaluated extends VllmLog {
  predicted: { kvCacheTokens: number; availableKvGiB: number; maxConcurrency: number; starts: boolean; weightsGiB: number; activationGiB: number; nonTorchGiB: number };
  /** What the error compares: the pool in tokens where the log gives tokens or blocks, else the available KV memory. */
  measure: 'tokens' | 'memory' | null;
  /** Relative error of the pool (tokens, or available KV bytes); null when the log has no pool (it did not start). */
  error: number | null;
  /** The same error with the weights the log reports put in place of the estimate: the memory mechanism alone. */
  errorGivenWeights: number | null;
}

function poolError(log: VllmLog, pool: VllmPool): { measure: VllmEvaluated['measure']; error: number | null } {
  const tokens = log.logged.kvCacheTokens;
  if (tokens !== null && tokens > 0) return { measure: 'tokens', error: pool.kvCacheTokens / tokens - 1 };
  const gib = log.logged.availableKvGiB;
  if (gib !== null && gib > 0) return { measure: 'memory', error: pool.availableKvBytes / (gib * GIB) - 1 };
  return { measure: null, error: null };
}

export async function evaluateVllmLogs(): Promise<VllmEvaluated[]> {
  const catalog = await loadCatalog();
  return VLLM_LOGS.map((log) => {
    const model = catalog.models.find((m) => m.id === log.modelId) as LocalModel | EmbeddingModel | undefined;
    if (!model) throw new Error(`vllm log ${log.id}: model ${log.modelId} is not in the catalog`);
    const shape = shapeFromModel(model);
    const weights = estimateWeights(shape, log.quant);
    const run = (weightsBytesPerDevice: number) =>
      vllmKvPool({
        shape,
        weightsBytesPerDevice,
        totalBytesPerDevice: log.totalGiB * GIB,
        gpuMemoryUtilization: log.utilization,
        maxModelLen: log.maxModelLen,
        kvCacheDtype: 'auto',
        tensorParallel: log.tensorParallel,
        profileTokens: log.profileTokens,
        maxNumSeqs: log.maxNumSeqs,
        cudaGraphsCounted: log.cudaGraphsCounted,
        engine: log.engine,
        blockSize: log.blockSize,
        tokensLine: log.tokensLine,
      });
    const pool = run(weights.totalBytes / log.tensorParallel);
    const { measure, error } = poolError(log, pool);
    const given = log.logged.weightsGiB === null ? null : poolError(log, run(log.logged.weightsGiB * GIB)).error;
    return {
      ...log,
      predicted: {
        kvCacheTokens: pool.kvCacheTokens,
        availableKvGiB: pool.availableKvBytes / GIB,
        maxConcurrency: pool.maxConcurrency,
        starts: pool.starts,
        weightsGiB: weights.totalBytes / log.tensorParallel / GIB,
        activationGiB: pool.activationBytes / GIB,
        nonTorchGiB: pool.nonTorchBytes / GIB,
      },
      measure,
      error,
      errorGivenWeights: given,
    };
  });
}

export function medianAbs(xs: number[]): number {
  const s = xs.map(Math.abs).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function worstAbs(xs: number[]): number {
  return xs.length === 0 ? Number.NaN : Math.max(...xs.map(Math.abs));
}
