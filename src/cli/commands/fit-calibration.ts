// fit's calibrated speed (reads the user's files): a llama-bench run imported with `llm-pick
// calibrate` replaces the generic estimate on that GPU (src/estimate/calibrated-speed.ts).
import type { EmbeddingModel, LocalModel } from '../../catalog/schema.js';
import { UsageError } from '../../core/errors.js';
import type { CalibratedSpeed } from '../../estimate/calibrated-speed.js';
import type { SpeedEstimate, SpeedInput } from '../../estimate/types.js';
import type { HardwarePlan } from '../../hardware/types.js';

/** The generic speed, or the user's llama-bench calibration of this GPU applied to it (src/estimate/calibrated-speed.ts). */
export async function withCalibration(
  generic: { input: SpeedInput; speed: SpeedEstimate },
  plan: HardwarePlan,
  params: number,
  catalogFiles: readonly string[],
): Promise<CalibratedSpeed> {
  const { calibrationForPlan } = await import('../../calibrate/for-plan.js');
  const { CalibrationFileError } = await import('../../calibrate/store.js');
  const { calibrateSpeed } = await import('../../estimate/calibrated-speed.js');
  try {
    const entries = await calibrationForPlan(plan);
    if (entries.length === 0) return calibrateSpeed(generic.input, generic.speed, entries, params);
    const { withReferenceShapes } = await import('../../calibrate/reference.js');
    const { models } = await (await import('../../catalog/load.js')).loadCatalog(catalogFiles);
    const locals = models.filter((m): m is LocalModel | EmbeddingModel => m.type !== 'api');
    return calibrateSpeed(generic.input, generic.speed, withReferenceShapes(entries, locals), params);
  } catch (e) {
    if (e instanceof CalibrationFileError) throw new UsageError(e.message);
    throw e;
  }
}
