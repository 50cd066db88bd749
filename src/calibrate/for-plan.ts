// The stored measurements that apply to a hardware plan: its (first budgeted) GPU's catalog id
// and backend. Reads the per-user file only when it exists, so uncalibrated runs pay one stat.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import type { CalibrationEntry } from '../estimate/calibrated-speed.js';
import type { HardwarePlan } from '../hardware/types.js';
import { calibrationFilePath } from '../config/paths.js';

export async function calibrationForPlan(plan: HardwarePlan, env: NodeJS.ProcessEnv = process.env): Promise<CalibrationEntry[]> {
  const indexes = plan.budgetGpuIndexes ?? plan.gpus.map((g) => g.index);
  const card = plan.gpus.find((g) => indexes.includes(g.index));
  if (!card?.catalogId || !plan.budget || plan.budget.gpus === 0) return [];
  const path = calibrationFilePath(env, env.HOME || homedir(), process.platform);
  try {
    // Synchronous, without an exception when there is no file (the common answer): node:fs/promises
    // is not loaded for it.
    if (!statSync(path, { throwIfNoEntry: false })) return [];
  } catch {
    return [];
  }
  const { readCalibration } = await import('./store.js');
  return (await readCalibration(path)).filter((e) => e.gpuId === card.catalogId && e.backend === card.backend);
}
