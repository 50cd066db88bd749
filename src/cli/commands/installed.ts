// `llm-pick installed`: the models already on this machine (Ollama, HF hub cache, LM Studio,
// llama.cpp cache), read in place from their headers, matched to the catalog and fitted to the
// detected or planned hardware. Scanning is src/installed/; matching and fitting are pure.
import type { EmbeddingModel, LocalModel } from '../../catalog/schema.js';
import { checkFit } from '../../estimate/fit.js';
import { isGgufQuant, type QuantId } from '../../estimate/quants.js';
import type { KvCacheType, MemoryBudget } from '../../estimate/types.js';
import type { HardwareFlags } from '../../hardware/types.js';
import type { FoundModel } from '../../installed/scan.js';
import { matchCatalog } from '../../installed/match.js';
import type { InstalledDocument, InstalledModelEntry } from '../../installed/output-schema.js';
import type { CommandContext } from '../context.js';
import type { Ui } from '../../core/ui.js';

export interface InstalledOptions extends HardwareFlags {
  ctx?: number;
  kvQuant?: KvCacheType;
}

const DEFAULT_CTX = 8192;

/** The estimator's quant id for a found model: the GGUF type, else the checkpoint's format (exact weights are given anyway). */
function quantIdOf(m: FoundModel): QuantId {
  if (m.quantId && isGgufQuant(m.quantId)) return m.quantId;
  const q = m.quant.toUpperCase();
  if (['AWQ-INT4', 'GPTQ-INT4', 'FP8', 'BNB-NF4', 'BNB-INT8'].includes(q)) return q as QuantId;
  if (isGgufQuant(q)) return q;
  return 'BF16';
}

/** What fits is measured against: VRAM × cards, or RAM when CPU-only. */
function budgetTotal(b: MemoryBudget | null): number | null {
  if (!b) return null;
  if (b.gpus > 0) return Math.round(b.vramBytesPerGpu * b.gpus);
  return b.ramBytes === null ? null : Math.round(b.ramBytes);
}

export async function run(options: InstalledOptions, ctx: CommandContext): Promise<InstalledDocument> {
  const { scanThisMachine } = await import('../../installed/index.js');
  const { loadCatalog } = await import('../../catalog/load.js');
  const { getHardwarePlan } = await import('../../hardware/index.js');
  const [scan, catalog] = await Promise.all([scanThisMachine(), loadCatalog(ctx.catalogFiles)]);
  const plan = await getHardwarePlan(
    { vram: options.vram, gpu: options.gpu, gpus: options.gpus, ram: options.ram, cpuOnly: options.cpuOnly },
    catalog.gpus,
  );
  const locals = catalog.models.filter((m): m is LocalModel | EmbeddingModel => m.type !== 'api');
  const backend = plan.gpus[0]?.backend;
  const gpuContext = backend !== 'metal' && backend !== 'cpu';
  const kvType = options.kvQuant ?? 'f16';
  const models = scan.models.map((m): InstalledModelEntry => {
    const contextLength = Math.max(1, Math.min(options.ctx ?? DEFAULT_CTX, m.shape.maxContext));
    const v = checkFit({ shape: m.shape, quant: quantIdOf(m), contextLength, kvType, flashAttn: true, budget: plan.budget, gpuContext, weights: m.weights });
    return {
      store: m.store,
      name: m.name,
      path: m.path,
      format: m.format,
      sizeBytes: m.sizeBytes,
      quant: m.quant,
      architecture: m.architecture,
      ggufName: m.ggufName,
      repo: m.repo,
      params: Math.round(m.shape.totalParams),
      activeParams: Math.round(m.shape.activeParams),
      layers: m.shape.layers,
      maxContext: m.shape.maxContext,
      match: matchCatalog({ store: m.store, name: m.name, repo: m.repo, ggufName: m.ggufName, params: m.shape.totalParams }, locals),
      fit: {
        contextLength,
        weightsBytes: v.memory.weightsBytes,
        kvCacheBytes: v.memory.kvCacheBytes,
        overheadBytes: v.memory.overheadBytes,
        totalBytes: v.memory.totalBytes,
        fits: v.fits,
        gpuLayers: v.mode === 'gpu' && v.offload && v.offload.gpuLayers < v.offload.totalLayers ? v.offload.gpuLayers : null,
      },
    };
  });
  return {
    schemaVersion: 1,
    kind: 'installed',
    stores: scan.stores,
    models,
    problems: scan.problems,
    budget: {
      explanation: plan.budgetExplanation || 'none known; give --vram GiB, --gpu NAME or --cpu-only --ram GiB',
      totalBytes: budgetTotal(plan.budget),
    },
    warnings: plan.warnings,
  };
}

export async function render(result: InstalledDocument, ui: Ui): Promise<string> {
  const { renderInstalled } = await import('../../render/installed.js');
  return renderInstalled(result, ui);
}
