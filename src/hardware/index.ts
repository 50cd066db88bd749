// The hardware layer's entry for commands: `getHardwarePlan(flags, catalog.gpus)`.
// The real probe (child processes, systeminformation) is imported only when a
// command needs it, and probes at most once per process.
import type { Gpu } from '../catalog/schema.js';
import { resolveHardware } from './resolve.js';
import type { HardwareFlags, HardwarePlan } from './types.js';

export { resolveHardware, type ResolveDeps } from './resolve.js';
export { speedHardwareOf } from './speed.js';
export type { GpuInfo, HardwareFlags, HardwarePlan } from './types.js';

export async function getHardwarePlan(flags: HardwareFlags, catalogGpus: readonly Gpu[]): Promise<HardwarePlan> {
  const { defaultProbe } = await import('./probe/index.js');
  return resolveHardware(flags, { catalogGpus, probe: defaultProbe });
}
