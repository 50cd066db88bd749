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
  // The GPU catalog matters for --gpu NAME and for naming detected cards; `--params --vram`
  // needs no catalog at all (a one-shot answer should not pay for loading it).
  const needGpus = options.gpu !== undefined || (options.vram === undefined && !options.cpuOnly) || catalogFiles.length > 0;
  const catalogGpus = needGpus && (await cardsToName(options, catalogFiles)) ? (await catalog()).gpus : [];
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

/** What cardsToName asks: the process's GPU probe and whether a tool is on PATH (tests fake both). */
export interface CardProbe {
  gpus(): Promise<{ gpus: readonly unknown[] }>;
  installed(command: string): boolean;
}

/**
 * Whether the GPU catalog is needed to plan: always, except when the hardware is detected with the
 * built-in catalog and the probe (src/hardware/probe/, started early by src/cli/index.ts) finds no
 * card, the only thing the catalog would be read for (naming detected cards): a CPU-only machine
 * then does not read dist/catalog.json (3-4 M instructions, callgrind). Where nvidia-smi is
 * installed the catalog is read at once, as before, while nvidia-smi runs, not after it answers.
 */
export async function cardsToName(options: HardwareFlags, catalogFiles: readonly string[], probe?: CardProbe): Promise<boolean> {
  if (options.gpu !== undefined || catalogFiles.length > 0 || options.vram !== undefined || options.cpuOnly) return true;
  const p = probe ?? (await defaultCardProbe());
  if (p.installed(NVIDIA_SMI)) return true;
  return (await p.gpus()).gpus.length > 0;
}

async function defaultCardProbe(): Promise<CardProbe> {
  const [{ defaultProbe }, { onPath }] = await Promise.all([import('../../hardware/probe/index.js'), import('../../hardware/probe/exec.js')]);
  return { gpus: () => defaultProbe.gpus(), installed: (command) => onPath(command) };
}
