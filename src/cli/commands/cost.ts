// `llm-pick cost`: API cost at a volume against running locally, and the
// break-even volume. Gathers the catalog, the hardware plan and the estimator;
// the arithmetic is in src/decide/cost.ts and cost-report.ts.
import type { CostResult } from '../../decide/output-schema.js';
import type { HardwareFlags } from '../../hardware/types.js';
import type { CommandContext } from '../context.js';
import { withRamBandwidth } from '../ram-bandwidth.js';
import { UsageError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';
import { defaultDeps, hardwareFlags, type RecommendCommandDeps } from './recommend.js';

/** cost's flags as commander hands them over (src/cli/index.ts), camelCased. */
export interface CostOptions extends HardwareFlags {
  tokensPerDay?: number | undefined;
  inputShare?: number | undefined;
  apiModel?: string[] | undefined;
  model?: string | undefined;
  kwhPrice?: number | undefined;
  hoursPerDay?: number | undefined;
  hardwareCost?: number | undefined;
  months?: number | undefined;
  /** --ram-bandwidth GB/s: replaces the plan's RAM bandwidth. */
  ramBandwidth?: number | undefined;
  /** --all: every API model not retired in the default set. */
  all?: boolean | undefined;
  users?: number | undefined;
  engine?: string | undefined;
  gpuPower?: number | undefined;
  idlePower?: number | undefined;
}

export async function runWith(options: CostOptions, ctx: CommandContext, deps: RecommendCommandDeps): Promise<CostResult> {
  const [{ costReport }, { DecisionInputError }] = await Promise.all([
    import('../../decide/cost-report.js'),
    import('../../decide/recommend.js'),
  ]);
  const catalog = await deps.loadCatalog(ctx.catalogFiles);
  const hardware = withRamBandwidth(await deps.hardware(hardwareFlags(options), catalog), options.ramBandwidth);
  try {
    return costReport(
      {
        tokensPerDay: options.tokensPerDay,
        inputShare: options.inputShare,
        apiModels: options.apiModel,
        modelId: options.model,
        kwhPriceUsd: options.kwhPrice,
        hoursPerDay: options.hoursPerDay,
        hardwareCostUsd: options.hardwareCost,
        months: options.months,
        all: options.all,
        users: options.users,
        engine: options.engine,
        gpuPowerWatts: options.gpuPower,
        idlePowerWatts: options.idlePower,
      },
      { catalog, hardware, estimator: deps.estimator() },
    );
  } catch (e) {
    if (e instanceof DecisionInputError) throw new UsageError(e.message);
    throw e;
  }
}

export async function run(options: CostOptions, ctx: CommandContext): Promise<CostResult> {
  return runWith(options, ctx, await defaultDeps());
}

/** Table code is imported here, so --json never loads it. */
export async function render(result: CostResult, ui: Ui): Promise<string> {
  const { renderCost } = await import('../../render/cost.js');
  return renderCost(result, ui);
}
