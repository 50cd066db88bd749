// What this machine has, as probed: catalog figures for each card, and a
// budget from FREE memory (what a model can have now), minus the runtime
// context that is not yet allocated.
import type { Gpu } from '../catalog/schema.js';
import { appleGpuUsable } from './apple.js';
import { matchDetectedGpu } from './catalog-match.js';
import { GIB, PLANNED_RESERVE_BYTES } from './constants.js';
import { QW_MEMORY_SIZE } from './parse/windows-registry.js';
import { catalogFigures, defaultBackend, gib, plural, type RamFacts } from './plan-util.js';
import type { PartialPlan, PlanContext } from './planned.js';
import type { DetectedGpu, GpuProbeResult } from './probe/types.js';
import type { MemoryBudget } from '../estimate/types.js';
import type { GpuInfo, HardwareFlags } from './types.js';

interface Sized {
  info: GpuInfo;
  /** How usableBytes was derived, for the explanation. */
  basis: 'free' | 'total' | 'asked-total' | 'mig' | 'apple' | 'unified' | 'gtt';
}

function describe(d: DetectedGpu): string {
  return `GPU ${d.index} (${d.name})`;
}

/** Memory of one detected card, filled from the catalog or RAM where the tool gave none. */
function sizeGpu(d: DetectedGpu, g: Gpu | null, ram: RamFacts, warnings: string[], budgetFrom: HardwareFlags['budgetFrom']): Sized | null {
  const base = {
    index: d.index,
    name: d.name,
    vendor: d.vendor,
    ...catalogFigures(g),
    backend: g?.backend ?? defaultBackend(d.vendor, d.source),
    driverVersion: d.driverVersion,
    computeCapability: d.computeCapability,
    integrated: d.integrated,
    mig: d.migEnabled ? { enabled: true as const, instances: d.migInstances } : null,
  };
  const bandwidth = g ? `catalog: ${g.id}` : null;

  if (d.vendor === 'apple') {
    const share = appleGpuUsable(ram.totalBytes, d.wiredLimitBytes);
    const usable = Math.min(share.bytes, ram.freeBytes);
    return {
      basis: 'apple',
      info: {
        ...base,
        vramBytes: share.bytes,
        freeVramBytes: null,
        source: 'unified memory',
        sources: { memory: `GPU share of ${gib(ram.totalBytes)} unified memory: ${share.source}`, freeMemory: null, bandwidth },
        unifiedMemory: true,
        usableBytes: usable,
      },
    };
  }
  if (d.apu && d.apu.gttBytes > d.apu.carveOutBytes) {
    // The GTT pool is system RAM the iGPU maps: one pool with the CPU, bounded by what is free now.
    const gtt = d.apu.gttBytes;
    const gttFree = d.apu.gttUsedBytes !== null ? Math.max(0, gtt - d.apu.gttUsedBytes) : gtt;
    return {
      basis: 'gtt',
      info: {
        ...base,
        vramBytes: gtt,
        freeVramBytes: gttFree,
        source: 'sysfs (GTT pool)',
        sources: {
          memory:
            `sysfs mem_info_gtt_total: the GTT pool, ${gib(gtt)} of system RAM the iGPU maps, larger than the ${gib(d.apu.carveOutBytes)} BIOS carve-out (mem_info_vram_total); ` +
            `llama.cpp's Vulkan backend allocates from it (ggml-org/llama.cpp#19818), ROCm does when the carve-out is small (HIP "Total VRAM: 98304 MiB" = a 96 GiB GTT: noamsto/nix-amd-ai#42); ` +
            'ROCm builds that read only the carve-out see less',
          freeMemory: `sysfs mem_info_gtt_used, capped by free system RAM (${ram.source})`,
          bandwidth,
        },
        unifiedMemory: true,
        integrated: false,
        usableBytes: Math.min(gttFree, ram.freeBytes),
      },
    };
  }
  if (d.unifiedMemory) {
    return {
      basis: 'unified',
      info: {
        ...base,
        vramBytes: ram.totalBytes,
        freeVramBytes: ram.freeBytes,
        source: `${d.source} + system RAM`,
        sources: {
          memory:
            d.source === 'device-tree'
              ? `system RAM (${ram.source}): ${d.name} (/proc/device-tree/model) is a Jetson, whose GPU allocates from system RAM (unified memory)`
              : `system RAM (${ram.source}): unified memory, ${d.source} reports none`,
          freeMemory: `system RAM (${ram.source})`,
          bandwidth,
        },
        unifiedMemory: true,
        usableBytes: ram.freeBytes,
      },
    };
  }

  let vram = d.vramBytes;
  let memorySource: string = memorySourceOf(d);
  if (vram === null && g && !g.unifiedMemory) {
    vram = g.vramGiB * GIB;
    memorySource = `catalog: ${g.id} (${d.source} gave no memory size)`;
  }
  if (vram === null) {
    if (!d.integrated) {
      const why = d.vramNote ? ` (${d.vramNote})` : '';
      warnings.push(`${describe(d)}: ${d.source} gave no memory size${why} and the card is not in the GPU catalog; left out (plan with --vram GB)`);
    }
    return null;
  }
  const free = d.freeVramBytes;
  let usable: number | null;
  let basis: Sized['basis'];
  if (d.integrated) {
    usable = null;
    basis = 'total';
  } else if (d.migEnabled) {
    const largest = d.migInstances.reduce((m, i) => Math.max(m, i.memoryBytes), 0);
    usable = largest > 0 ? largest : null;
    basis = 'mig';
  } else if (free !== null && budgetFrom !== 'total') {
    usable = free;
    basis = 'free';
  } else {
    usable = Math.max(0, vram - PLANNED_RESERVE_BYTES);
    basis = free !== null ? 'asked-total' : 'total';
  }
  // Held by other processes beyond what an idle card keeps: what the card would give when idle.
  const idle = Math.max(0, vram - PLANNED_RESERVE_BYTES);
  const idleUsable = basis === 'free' && usable !== null && idle - usable >= HELD_MIN_BYTES ? idle : null;
  return {
    basis,
    info: {
      ...base,
      vramBytes: vram,
      freeVramBytes: free,
      source: d.source,
      sources: { memory: memorySource, freeMemory: free !== null ? d.source : null, bandwidth },
      unifiedMemory: false,
      usableBytes: usable,
      ...(idleUsable !== null ? { idleUsableBytes: idleUsable } : {}),
      ...(d.heldBy ? { heldBy: d.heldBy } : {}),
    },
  };
}

/** Memory in use that is worth a second verdict ("fits once ... is freed"): above what an idle driver and desktop hold. */
const HELD_MIN_BYTES = 512 * 1024 * 1024;

/** Most memory for a model: k cards at the smallest of their budgets, k chosen to maximize k × that. */
function ranked(sized: Sized[]): Sized[] {
  return sized.filter((s) => (s.info.usableBytes ?? 0) > 0).sort((a, b) => b.info.usableBytes! - a.info.usableBytes!);
}

/** Equal cards: k at the smallest budget, k chosen to maximize k × that (vLLM's equal shares). */
function pickEqualCards(sized: Sized[]): Sized[] {
  const order = ranked(sized);
  let best = 0;
  let bestTotal = 0;
  order.forEach((s, i) => {
    const total = (i + 1) * s.info.usableBytes!;
    if (total > bestTotal) {
      bestTotal = total;
      best = i + 1;
    }
  });
  return order.slice(0, best);
}

/**
 * Which cards the budget counts. Separate cards of different sizes are all counted, each at its
 * own size: llama.cpp's layer split gives each card layers in proportion to its memory (by free
 * memory when no --tensor-split is given: src/llama-model.cpp, "default split, by free memory"),
 * so a 32 GiB + 16 GiB pair holds what fits in about 48 GiB. Cards under MIN_SPLIT_CARD_BYTES are
 * left out (a compute buffer and context of their own would leave them next to nothing).
 * Unified-memory devices (GB10, APUs) are one pool: the largest alone.
 */
function pickCards(sized: Sized[]): Sized[] {
  const order = ranked(sized);
  if (order.length <= 1 || order.some((s) => s.info.unifiedMemory || s.basis === 'mig')) return pickEqualCards(sized);
  // Cards within 10% of each other (two 4090s, one driving a display) are planned as equal: the smallest each.
  if (order[0]!.info.usableBytes! <= NEAR_EQUAL * order[order.length - 1]!.info.usableBytes!) return pickEqualCards(sized);
  const counted = order.filter((s) => s.info.usableBytes! >= MIN_SPLIT_CARD_BYTES);
  if (counted.length <= 1) return order.slice(0, 1);
  return counted.sort((x, y) => x.info.index - y.info.index);
}

const NEAR_EQUAL = 1.1;

/** A card this small is not worth a share of a layer split. */
const MIN_SPLIT_CARD_BYTES = GIB;

/** Where a detected card's memory size came from, in words. */
function memorySourceOf(d: DetectedGpu): string {
  if (d.apu) {
    return `sysfs mem_info_vram_total: the ${gib(d.apu.carveOutBytes)} BIOS carve-out (UMA frame buffer, taken from system RAM at boot); the ${gib(d.apu.gttBytes)} GTT pool (mem_info_gtt_total) is smaller`;
  }
  if (d.source === 'sysfs') return `sysfs ${d.memoryFile ?? '/sys/class/drm'}`;
  if (d.source === 'registry') return `registry ${QW_MEMORY_SIZE} (64-bit, written by the driver; WMI AdapterRAM stops at 4 GiB)`;
  return d.source;
}

const BASIS_TEXT: Record<Sized['basis'], string> = {
  'asked-total': `TOTAL memory minus a ${gib(PLANNED_RESERVE_BYTES)} reserve (--budget-from total: as if nothing else held any)`,
  gtt: 'the GTT pool of system RAM the iGPU maps (sysfs), capped by the RAM free now',
  free: 'FREE memory as detected, not total',
  total: `total memory minus a ${gib(PLANNED_RESERVE_BYTES)} reserve (free memory not reported)`,
  mig: 'the largest MIG instance (a process sees one instance, not the card)',
  apple: 'the GPU share of unified memory, capped by the memory free now',
  unified: 'free system RAM (unified memory)',
};

export function planDetected(probe: GpuProbeResult, flags: HardwareFlags, ctx: PlanContext): PartialPlan {
  const warnings: string[] = [];
  const ram = ctx.ram;
  const sized: Sized[] = [];
  for (const d of probe.gpus) {
    const { gpu: g, note } = matchDetectedGpu(ctx.catalogGpus, d.name, d.unifiedMemory ? null : d.vramBytes, ctx.find);
    if (note) warnings.push(`${describe(d)}: ${note}`);
    const s = sizeGpu(d, g, ram, warnings, flags.budgetFrom);
    if (!s) continue;
    if (!g && !d.integrated) {
      warnings.push(`${describe(d)} is not in the GPU catalog: bandwidth unknown, so no speed estimate (its memory still counts)`);
    }
    sized.push(s);
  }
  const gpus = sized.map((s) => s.info);
  const ramPhrase = ctx.ramFromFlag ? `${gib(ram.freeBytes)} of RAM (--ram)` : `${gib(ram.freeBytes)} of free RAM`;
  let chosen = pickCards(sized);
  const wanted = flags.gpus;
  let count = chosen.length;
  if (wanted !== undefined) {
    const usableCards = ranked(sized);
    if (usableCards.length === 0) {
      warnings.push(`--gpus ${wanted} ignored: no usable GPU detected (plan with --gpu NAME or --vram GB)`);
    } else if (usableCards[0]!.info.unifiedMemory && wanted > 1) {
      warnings.push(`--gpus ${wanted} ignored: ${usableCards[0]!.info.name} shares the machine's memory; there is one of it`);
    } else if (wanted <= usableCards.length) {
      chosen = usableCards.slice(0, wanted);
      count = wanted;
    } else {
      chosen = [usableCards[0]!];
      count = wanted;
      warnings.push(`planning for ${wanted} × ${usableCards[0]!.info.name}; this machine has ${plural(usableCards.length, 'usable GPU')}`);
    }
  }

  if (chosen.length === 0) {
    return {
      origin: 'detected',
      gpus,
      budget: { vramBytesPerGpu: 0, gpus: 0, ramBytes: ram.freeBytes, unifiedMemory: false },
      budgetExplanation: `no usable GPU detected: CPU inference from ${ramPhrase}`,
      unifiedMemory: false,
      budgetGpuIndexes: [],
      ram,
      warnings,
    };
  }

  const sizes = chosen.map((s) => s.info.usableBytes!);
  const perGpu = Math.min(...sizes);
  const unequal = count === chosen.length && Math.max(...sizes) > NEAR_EQUAL * perGpu;
  const unified = chosen.some((s) => s.info.unifiedMemory);
  const ramBytes = unified ? Math.max(0, ram.freeBytes - perGpu) : ram.freeBytes;
  const bases = [...new Set(chosen.map((s) => BASIS_TEXT[s.basis]))].join('; ');
  // Sizes that did not come from a vendor tool name their file or registry value.
  const named = [...new Set(chosen.map((s) => s.info.sources?.memory ?? '').filter((m) => /^(sysfs|registry)/.test(m)).map((m) => m.split(':')[0]!.split(' (')[0]!))];
  const fromWhere = named.length > 0 ? ` from ${named.join(', ')}` : '';
  const cards = chosen.map((s) => s.info.index).sort((a, b) => a - b).join(', ');
  let explanation = unequal
    ? `from this machine: ${chosen.map((s) => `GPU ${s.info.index} ${gib(s.info.usableBytes!)}`).join(' + ')} = ${gib(sizes.reduce((x, y) => x + y, 0))} usable (${bases}); llama.cpp's layer split uses both, in proportion (fit prints the --tensor-split for a model); vLLM tensor parallel needs equal shares: ${gib(perGpu)} per card`
    : `from this machine: ${count} × ${gib(perGpu)} usable (${bases}) on GPU ${cards}${fromWhere}${count > chosen.length ? ` (copied ${count} times, --gpus)` : ''}`;
  explanation += unified ? `; ${gib(ramBytes)} more of the same memory for the CPU, not counted twice` : `; ${ramPhrase} for offloaded layers`;
  const left = sized.filter((s) => !chosen.includes(s) && !s.info.integrated && (s.info.usableBytes ?? 0) > 0);
  if (left.length > 0 && wanted === undefined) {
    explanation += `; left out: ${left.map((s) => `GPU ${s.info.index} (${gib(s.info.usableBytes!)} usable)`).join(', ')}, which would lower the per-card budget`;
  }
  const budgetIndexes = chosen.map((s) => s.info.index);
  const idle = idleBudgetOf(chosen, count, ramBytes, unified);
  if (idle) explanation += `; in use now: ${idle.summary} (--budget-from total plans for the idle card${chosen.length > 1 ? 's' : ''})`;
  return {
    origin: 'detected',
    gpus,
    budget: { vramBytesPerGpu: perGpu, gpus: count, ramBytes, unifiedMemory: unified, ...(unequal ? { vramBytesByGpu: sizes } : {}) },
    budgetExplanation: explanation,
    unifiedMemory: unified,
    budgetGpuIndexes: budgetIndexes,
    ram,
    warnings,
    ...(idle ? { idleBudget: idle.budget, heldSummary: idle.summary } : {}),
  };
}

/** The same cards as if idle, when some hold memory now; null when none does. */
function idleBudgetOf(chosen: Sized[], count: number, ramBytes: number, unified: boolean): { budget: MemoryBudget; summary: string } | null {
  const busy = chosen.filter((s) => s.info.idleUsableBytes);
  if (busy.length === 0) return null;
  const sizes = chosen.map((s) => s.info.idleUsableBytes ?? s.info.usableBytes!);
  const per = Math.min(...sizes);
  const unequal = count === chosen.length && Math.max(...sizes) > NEAR_EQUAL * per;
  const parts = busy.map((s) => {
    const held = s.info.heldBy ?? [];
    const heldBytes = held.reduce((a, h) => a + h.bytes, 0);
    if (held.length === 0) return `${gib(s.info.idleUsableBytes! - s.info.usableBytes!)} in use on GPU ${s.info.index}`;
    const names = [...new Set(held.map((h) => h.name))].join(', ');
    return `${gib(heldBytes)} held by ${names}${chosen.length > 1 ? ` on GPU ${s.info.index}` : ''}`;
  });
  return {
    budget: { vramBytesPerGpu: per, gpus: count, ramBytes, unifiedMemory: unified, ...(unequal ? { vramBytesByGpu: sizes } : {}) },
    summary: parts.join('; '),
  };
}
