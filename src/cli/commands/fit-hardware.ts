// fit's memory budget (reads the machine unless the flags say it all): the hardware plan from
// --vram, --gpu, --gpus, --ram, --cpu-only, --budget-from or the probe, --ram-bandwidth applied,
// whether the cards carry a CUDA/ROCm context, and the bandwidth the speed model reads.
import type { Catalog } from '../../catalog/schema.js';
import type { SpeedHardware } from '../../estimate/types.js';
import type { HardwareFlags, HardwarePlan } from '../../hardware/types.js';
import { NVIDIA_SMI } from '../../hardware/probe/nvidia.js';
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
  const catalogGpus = (await needsGpuCatalog(options, catalogFiles)) ? (await catalog()).gpus : [];
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

/** What needsGpuCatalog asks: the process's GPU probe and whether a tool is on PATH (tests fake both). */
export interface CardProbe {
  gpus(): Promise<{ gpus: readonly unknown[] }>;
  installed(command: string): boolean;
}

/**
 * Whether fit reads the GPU catalog to plan. --gpu NAME and a user catalog (--catalog): yes.
 * `--vram` or `--cpu-only` without them: no (a one-shot answer should not pay for loading it).
 * Hardware detected: only to name the cards the probe (src/hardware/probe/, started early by
 * src/cli/index.ts) finds, so a CPU-only machine does not read dist/catalog.json (3-4 M
 * instructions, callgrind); where nvidia-smi is installed it is read at once, while nvidia-smi
 * runs, not after it answers.
 */
export async function needsGpuCatalog(options: HardwareFlags, catalogFiles: readonly string[], probe?: CardProbe): Promise<boolean> {
  if (options.gpu !== undefined || catalogFiles.length > 0) return true;
  if (options.vram !== undefined || options.cpuOnly) return false;
  const p = probe ?? (await defaultCardProbe());
  if (p.installed(NVIDIA_SMI)) return true;
  return (await p.gpus()).gpus.length > 0;
}

async function defaultCardProbe(): Promise<CardProbe> {
  const [{ defaultProbe }, { onPath }] = await Promise.all([import('../../hardware/probe/index.js'), import('../../hardware/probe/exec.js')]);
  return { gpus: () => defaultProbe.gpus(), installed: (command) => onPath(command) };
}
