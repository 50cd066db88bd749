// `llm-pick hardware`: what this machine has (or what the flags plan for), where
// each figure came from, and the memory budget other commands would use.
// `--list` prints the GPU catalog instead of probing.
import { loadCatalog } from '../../catalog/load.js';
import { listDocument, planDocument, type HardwareResult } from '../../hardware/document.js';
import { getHardwarePlan } from '../../hardware/index.js';
import type { HardwareFlags } from '../../hardware/types.js';
import type { CommandContext } from '../context.js';
import type { Ui } from '../../core/ui.js';

export interface HardwareOptions extends HardwareFlags {
  list?: boolean;
}

export async function run(options: HardwareOptions, ctx: CommandContext): Promise<HardwareResult> {
  const catalog = await loadCatalog(ctx.catalogFiles);
  if (options.list) return listDocument(catalog.gpus);
  const flags: HardwareFlags = {
    vram: options.vram,
    gpu: options.gpu,
    gpus: options.gpus,
    ram: options.ram,
    cpuOnly: options.cpuOnly,
    budgetFrom: options.budgetFrom,
  };
  return planDocument(await getHardwarePlan(flags, catalog.gpus, { detail: true }));
}

export async function render(result: HardwareResult, ui: Ui): Promise<string> {
  const { renderGpuList, renderHardware } = await import('../../render/hardware.js');
  return result.list ? renderGpuList(result, ui) : renderHardware(result, ui);
}
