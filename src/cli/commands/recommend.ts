// `llm-pick recommend`: the wizard's answer from flags. Gathers the catalog, the
// hardware plan and the estimator, asks the decision engine, renders.
import type { Catalog } from '../../catalog/schema.js';
import type { RecommendResult } from '../../decide/output-schema.js';
import type { EstimatorPort } from '../../decide/port.js';
import type { InstalledRef } from '../../decide/installed.js';
import { calibrateSpeed, type CalibrationEntry } from '../../estimate/calibrated-speed.js';
import type { Priority, RecommendInput, RecommendUseCase } from '../../decide/types.js';
import type { HardwareFlags, HardwarePlan } from '../../hardware/types.js';
import type { CommandContext } from '../context.js';
import { withRamBandwidth } from '../ram-bandwidth.js';
import { UsageError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';

/** recommend's flags as commander hands them over (src/cli/index.ts), camelCased. */
export interface RecommendOptions extends HardwareFlags {
  useCase: RecommendUseCase;
  priority: Priority;
  ctx?: number | undefined;
  privacy?: boolean | undefined;
  offline?: boolean | undefined;
  latencyCritical?: boolean | undefined;
  predictableCost?: boolean | undefined;
  prototype?: boolean | undefined;
  /** --managed: nobody will run infrastructure. */
  managed?: boolean | undefined;
  tokensPerDay?: number | undefined;
  inputShare?: number | undefined;
  budget?: number | undefined;
  localOnly?: boolean | undefined;
  apiOnly?: boolean | undefined;
  commercial?: boolean | undefined;
  allowOffload?: boolean | undefined;
  /** --ram-bandwidth GB/s: replaces the plan's RAM bandwidth. */
  ramBandwidth?: number | undefined;
  top?: number | undefined;
  /** --all: every API model not retired. */
  all?: boolean | undefined;
  /** --installed-only: picks only among the models already on disk. */
  installedOnly?: boolean | undefined;
  users?: number | undefined;
  engine?: string | undefined;
  /** --explain: the human output lists the models left out and why (JSON always has them, "excluded"). */
  explain?: boolean | undefined;
}

export interface RecommendCommandDeps {
  loadCatalog(files: readonly string[]): Promise<Catalog>;
  hardware(flags: HardwareFlags, catalog: Catalog): Promise<HardwarePlan>;
  estimator(): EstimatorPort;
  /** Models on disk matched to the catalog (src/installed/); absent: none are looked for. */
  installed?(catalog: Catalog): Promise<InstalledRef[]>;
  /** The user's llama-bench measurements of the planned GPU (`llm-pick calibrate`); absent: generic speeds. */
  calibration?(hardware: HardwarePlan, catalog: Catalog): Promise<CalibrationEntry[]>;
}

/** Speeds on a calibrated GPU scaled by its measured efficiency (the decision engine stays unaware). */
function withCalibration(port: EstimatorPort, entries: CalibrationEntry[]): EstimatorPort {
  if (entries.length === 0) return port;
  return {
    ...port,
    speed(input) {
      // The port's speed input has no total parameter count: active parameters stand for it (exact for dense models).
      return calibrateSpeed(input, port.speed(input), entries, input.activeParams);
    },
  };
}

export function toInput(o: RecommendOptions): RecommendInput {
  return {
    useCase: o.useCase ?? 'chat',
    priority: o.priority ?? 'balanced',
    contextLength: o.ctx,
    privacy: o.privacy,
    offline: o.offline,
    latencyCritical: o.latencyCritical,
    predictableCost: o.predictableCost,
    prototyping: o.prototype,
    noInfrastructure: o.managed,
    tokensPerDay: o.tokensPerDay,
    inputShare: o.inputShare,
    budgetUsd: o.budget,
    localOnly: o.localOnly,
    apiOnly: o.apiOnly,
    commercial: o.commercial,
    allowOffload: o.allowOffload,
    top: o.top,
    allApi: o.all,
    users: o.users,
    engine: o.engine,
  };
}

export function hardwareFlags(o: HardwareFlags): HardwareFlags {
  return { vram: o.vram, gpu: o.gpu, gpus: o.gpus, ram: o.ram, cpuOnly: o.cpuOnly, ...(o.budgetFrom !== undefined ? { budgetFrom: o.budgetFrom } : {}) };
}

const hasHardwareFlag = (f: HardwareFlags) => Object.values(f).some((v) => v !== undefined);

/** --api-only needs no hardware: nothing is probed. */
export function noHardware(): HardwarePlan {
  return {
    origin: 'none',
    gpus: [],
    ram: { totalBytes: null, freeBytes: null, bandwidthGBps: 0 },
    cpu: null,
    unifiedMemory: false,
    budget: null,
    budgetExplanation: 'not probed (--api-only)',
    warnings: [],
  };
}

/** Scans this machine's model stores and keeps the files the catalog knows. */
export async function installedRefs(catalog: Catalog): Promise<InstalledRef[]> {
  const { scanThisMachine } = await import('../../installed/index.js');
  const found = (await scanThisMachine()).models;
  // No model on disk (most machines): the catalog's models are not read here, inside the probe's span.
  if (found.length === 0) return [];
  const { matchCatalog } = await import('../../installed/match.js');
  const locals = catalog.models.filter((m): m is Exclude<typeof m, { type: 'api' }> => m.type !== 'api');
  const refs: InstalledRef[] = [];
  for (const m of found) {
    const match = matchCatalog({ store: m.store, name: m.name, repo: m.repo, ggufName: m.ggufName, params: m.shape.totalParams }, locals);
    if (match) refs.push({ modelId: match.modelId, store: m.store, path: m.path, name: m.name, quant: m.quant });
  }
  return refs;
}

/**
 * The real catalog, hardware probe and estimator, each imported only when recommend runs.
 * models 'lean': the built-in catalog's models in the lean form ranking reads (src/catalog/lean.ts),
 * for recommend alone; 'whole' for every other caller (cost resolves names by release date and
 * builds quality tables of its own: it reads fields the lean form drops).
 */
export async function defaultDeps(models: 'lean' | 'whole' = 'whole'): Promise<RecommendCommandDeps> {
  const { realEstimator } = await import('../../decide/estimator.js');
  return {
    async loadCatalog(files) {
      const { loadCatalog, loadRankingCatalog } = await import('../../catalog/load.js');
      return models === 'lean' && files.length === 0 ? loadRankingCatalog() : loadCatalog(files);
    },
    async hardware(flags, catalog) {
      const { getHardwarePlan } = await import('../../hardware/index.js');
      return getHardwarePlan(flags, catalog.gpus);
    },
    estimator: realEstimator,
    installed: installedRefs,
    async calibration(hardware, catalog) {
      const { calibrationForPlan } = await import('../../calibrate/for-plan.js');
      const { CalibrationFileError } = await import('../../calibrate/store.js');
      const { withReferenceShapes } = await import('../../calibrate/reference.js');
      try {
        const locals = catalog.models.filter((m): m is Exclude<typeof m, { type: 'api' }> => m.type !== 'api');
        return withReferenceShapes(await calibrationForPlan(hardware), locals);
      } catch (e) {
        if (e instanceof CalibrationFileError) throw new UsageError(e.message);
        throw e;
      }
    },
  };
}

export async function runWith(options: RecommendOptions, ctx: CommandContext, deps: RecommendCommandDeps): Promise<RecommendResult> {
  const { recommend, checkInput, DecisionInputError } = await import('../../decide/recommend.js');
  const input = toInput(options);
  try {
    checkInput(input);
  } catch (e) {
    if (e instanceof DecisionInputError) throw new UsageError(e.message);
    throw e;
  }
  const catalog = await deps.loadCatalog(ctx.catalogFiles);
  const flags = hardwareFlags(options);
  // The model stores are scanned while the hardware is probed (both wait on the file system).
  const scan = options.apiOnly || !deps.installed ? Promise.resolve([]) : deps.installed(catalog);
  scan.catch(() => undefined); // its error is thrown where it is awaited, below
  const hardware = withRamBandwidth(options.apiOnly && !hasHardwareFlag(flags) ? noHardware() : await deps.hardware(flags, catalog), options.ramBandwidth);
  try {
    const refs = await scan;
    const estimator = deps.calibration ? withCalibration(deps.estimator(), await deps.calibration(hardware, catalog)) : deps.estimator();
    return recommend(input, { catalog, hardware, estimator, installed: { refs, only: Boolean(options.installedOnly) } });
  } catch (e) {
    if (e instanceof DecisionInputError) throw new UsageError(e.message);
    throw e;
  }
}

export async function run(options: RecommendOptions, ctx: CommandContext): Promise<RecommendResult> {
  return runWith(options, ctx, await defaultDeps('lean'));
}

/** Table code is imported here, so --json never loads it. */
export async function render(result: RecommendResult, ui: Ui, options?: Pick<RecommendOptions, 'explain'>): Promise<string> {
  const { renderRecommend } = await import('../../render/recommend.js');
  return renderRecommend(result, ui, { explain: Boolean(options?.explain) });
}
