// fit's memory budget (reads the machine unless the flags say it all): the hardware plan from
// --vram, --gpu, --gpus, --ram, --cpu-only, --budget-from or the probe, --ram-bandwidth applied,
// whether the cards carry a CUDA/ROCm context, and the bandwidth the speed model reads.
import type { Catalog } from '../../catalog/schema.js';
import type { SpeedHardware } from '../../estimate/types.js';
import type { HardwareFlags, HardwarePlan } from '../../hardware/types.js';
import { withRamBandwidth } from '../ram-bandwidth.js';

export interface FitHardware {
  plan: HardwarePlan;
  /** Apple (Metal) and CPU carry no CUDA context; detected or planned ROCm/CUDA cards do. */
  gpuContext: boolean;
  /** Bandwidth and compute of the planned device; null when unknown (--vram alone). */
  speedHw: SpeedHardware | null;
}

export async function fitHardware(
  options: HardwareFlags & { ramBandwidth?: number | undefined },
  catalogFiles: readonly string[],
  catalog: () => Promise<Catalog>,
): Promise<FitHardware> {
  // The GPU catalog matters for --gpu NAME and for naming detected cards; `--params --vram`
  // needs no catalog at all (a one-shot answer should not pay for loading it).
  const needGpus = options.gpu !== undefined || (options.vram === undefined && !options.cpuOnly) || catalogFiles.length > 0;
  const catalogGpus = needGpus ? (await catalog()).gpus : [];
  const { getHardwarePlan, speedHardwareOf } = await import('../../hardware/index.js');
  const plan = withRamBandwidth(
    await getHardwarePlan(
      { vram: options.vram, gpu: options.gpu, gpus: options.gpus, ram: options.ram, cpuOnly: options.cpuOnly, budgetFrom: options.budgetFrom },
      catalogGpus,
    ),
    options.ramBandwidth,
  );
  const backend = plan.gpus[0]?.backend;
  return { plan, gpuContext: backend !== 'metal' && backend !== 'cpu', speedHw: speedHardwareOf(plan) };
}
