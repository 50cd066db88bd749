// The hardware layer's entry for commands: `getHardwarePlan(flags, catalog.gpus)`.
// The real probe (child processes, systeminformation) is imported only when a
// command needs it, and probes at most once per process.
import type { Gpu } from '../catalog/schema.js';
import { resolveHardware } from './resolve.js';
import { timePhase } from '../core/phases.js';
import type { HardwareFlags, HardwarePlan } from './types.js';

export { resolveHardware, type ResolveDeps } from './resolve.js';
export { speedHardwareOf } from './speed.js';
export type { GpuInfo, HardwareFlags, HardwarePlan } from './types.js';

export async function getHardwarePlan(
  flags: HardwareFlags,
  catalogGpus: readonly Gpu[],
  options: { detail?: boolean } = {},
): Promise<HardwarePlan> {
  // Planned hardware (--gpu, --vram, --cpu-only) probes no GPU: only RAM, which node:os
  // reports, so the GPU tools and their child-process code are not even loaded.
  const planned = flags.gpu !== undefined || flags.vram !== undefined || flags.cpuOnly === true;
  return timePhase('probe', async () => {
    const probe = planned && !options.detail ? (await import('./probe/ram-only.js')).ramOnlyProbe : (await import('./probe/index.js')).defaultProbe;
    return resolveHardware(flags, { catalogGpus, probe, detail: options.detail ?? false });
  });
}
