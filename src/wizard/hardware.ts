// The hardware question: what was found, in one line, and the ways to plan for
// other hardware (a catalog GPU, a typed amount of GPU memory, CPU only).
import type { Gpu } from '../catalog/schema.js';
import { normalizeGpuName } from '../catalog/gpu-match.js';
import type { HardwarePlan } from '../hardware/types.js';
import type { Choice } from './types.js';
import { gib } from '../util/numbers.js';


/** "Found: 2 × NVIDIA GeForce RTX 3090, 24.0 GiB each (23.1 GiB free); RAM 62.7 GiB; 16 CPU cores". */
export function describeFound(plan: HardwarePlan | null): string {
  if (!plan) return 'Found: nothing (hardware detection failed)';
  const parts: string[] = [];
  const gpus = plan.gpus.filter((g) => !g.integrated);
  if (gpus.length === 0) parts.push('no GPU');
  for (const group of groupByName(gpus)) {
    const g = group[0]!;
    const count = group.length > 1 ? `${group.length} × ` : '';
    const each = group.length > 1 ? ' each' : '';
    const free = g.freeVramBytes !== null ? ` (${gib(g.freeVramBytes)} free)` : '';
    const unified = g.unifiedMemory || plan.unifiedMemory ? ' unified memory' : '';
    parts.push(`${count}${g.name}, ${gib(g.vramBytes)}${unified}${each}${free}`);
  }
  if (plan.ram.totalBytes !== null && !plan.unifiedMemory) parts.push(`RAM ${gib(plan.ram.totalBytes)}`);
  if (plan.cpu?.cores) parts.push(`${plan.cpu.cores} CPU cores`);
  return `Found: ${parts.join('; ')}`;
}

function groupByName<T extends { name: string }>(items: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.name, [...(groups.get(item.name) ?? []), item]);
  return [...groups.values()];
}

export type HardwareMode = 'detected' | 'gpu' | 'vram' | 'cpu';

export function hardwareChoices(plan: HardwarePlan | null): Choice<HardwareMode>[] {
  const found = plan && plan.gpus.some((g) => !g.integrated) ? 'This machine, as found' : 'This machine, as found (no GPU: CPU only)';
  return [
    { value: 'detected', name: plan ? found : 'This machine (detected again when answering)' },
    { value: 'gpu', name: 'A GPU from the catalog…', description: 'type to filter: 3090, 4090, H100, M3 Max…' },
    { value: 'vram', name: 'A GPU with this much memory…', description: 'type its memory in GiB' },
    { value: 'cpu', name: 'CPU only (no GPU)', description: 'models run from system RAM' },
  ];
}

const SEGMENT_ORDER: Record<Gpu['segment'], number> = { consumer: 0, apple: 1, workstation: 2, datacenter: 3 };

/** The GPU filter's ways out, listed after the matches (alone when nothing matches): it never dead-ends. */
/** Not catalog ids: ids never hold a colon. */
export const TYPE_MEMORY = ':type-memory' as const;
export const NO_GPU = ':cpu-only' as const;
export type GpuPick = string | typeof TYPE_MEMORY | typeof NO_GPU;

/**
 * Catalog GPUs whose name, id or alias contains what was typed (case, spaces and
 * vendor words ignored); desktop cards first. Then "Type GPU memory instead" and
 * "No GPU / CPU only", so a card missing from the catalog still has a way forward.
 */
export function gpuChoices(gpus: readonly Gpu[], term: string | undefined): Choice<GpuPick>[] {
  const q = normalizeGpuName(term ?? '');
  const found: Choice<GpuPick>[] = gpus
    .filter((g) => q === '' || [g.id, g.name, ...g.aliases].some((n) => normalizeGpuName(n).includes(q)))
    .sort((a, b) => SEGMENT_ORDER[a.segment] - SEGMENT_ORDER[b.segment] || a.vramGiB - b.vramGiB || a.name.localeCompare(b.name))
    .map((g) => ({ value: g.id, name: `${g.name} (${describeGpu(g)})` }));
  const none = found.length === 0 && q !== '' ? `no catalog GPU matches "${term!.trim()}": ` : '';
  return [
    ...found,
    { value: TYPE_MEMORY, name: 'Type GPU memory instead…', description: `${none}type its memory (24, 24GB)` },
    { value: NO_GPU, name: 'No GPU / CPU only', description: `${none}models run from system RAM` },
  ];
}

function describeGpu(g: Gpu): string {
  const memory = `${g.vramGiB} GiB${g.unifiedMemory ? ' unified' : ''}`;
  return g.memoryBandwidthGBps === null ? memory : `${memory}, ${g.memoryBandwidthGBps} GB/s`;
}
