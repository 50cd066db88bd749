// GPUs from Linux sysfs (/sys/class/drm/card*/device) and the device tree (/proc/device-tree/model),
// read without root and without any GPU tool. Pure: works on a snapshot the probe gathers
// (src/hardware/probe/sysfs.ts), so tests can build one from a recorded tree.
//
// Where each figure comes from:
// - AMD (amdgpu): mem_info_vram_total / mem_info_vram_used: VRAM, or an APU's BIOS carve-out
//   (UMA frame buffer); mem_info_gtt_total / mem_info_gtt_used: the GTT pool of system RAM the
//   GPU may map. Its size is the kernel default or `ttm.pages_limit` (× 4 KiB pages; a Strix Halo
//   with ttm.pages_limit=25165824 reads 103079215104 = 96 GiB: noamsto/nix-amd-ai#42).
// - Intel: i915 with Intel's DKMS driver: cardN/lmem_total_bytes; xe: device/tileN/physical_vram_size_bytes
//   (mainline i915 has no total: the card is then sized from the catalog).
// - NVIDIA Jetson (Tegra): no nvidia-smi memory figure; the GPU uses system RAM. The board is named in
//   /proc/device-tree/model ("NVIDIA Jetson AGX Orin Developer Kit": ollama/ollama#3406, jtop).
import { GIB } from '../constants.js';
import type { DetectedGpu } from '../probe/types.js';

export interface SysfsCard {
  /** "card1" */
  card: string;
  /** PCI vendor id, "0x1002" (AMD), "0x8086" (Intel), "0x10de" (NVIDIA). */
  vendor: string | null;
  /** PCI device id, "0x1586". */
  device: string | null;
  vramTotal: number | null;
  vramUsed: number | null;
  gttTotal: number | null;
  gttUsed: number | null;
  /** Intel: lmem_total_bytes (i915 DKMS) or the sum over tiles of physical_vram_size_bytes (xe). */
  localMemory: number | null;
  localMemoryFile: string | null;
}

export interface SysfsSnapshot {
  cards: SysfsCard[];
  /** /proc/device-tree/model, NUL removed. */
  deviceTreeModel: string | null;
}

/**
 * PCI device ids named where a public record ties them to a product (names only; the catalog
 * gives the figures): 0x1586 Strix Halo "AMD/ATI Device 1586" with "AMD RYZEN AI MAX+ 395 w/
 * Radeon 8060S" (Radeon 8060S, gfx1151; public ROCm install notes), 0x56a0 Arc A770 (DG2,
 * 8086:56a0, a fake-sysfs test of an Intel GPU exporter).
 */
const PCI_NAMES: Record<string, string> = {
  '0x1002:0x1586': 'AMD Radeon 8060S',
  '0x8086:0x56a0': 'Intel Arc A770',
};

const VENDORS: Record<string, DetectedGpu['vendor']> = { '0x1002': 'amd', '0x8086': 'intel', '0x10de': 'nvidia' };

/**
 * The iGPU an AMD CPU names: "AMD Ryzen 7 8845HS w/ Radeon 780M Graphics" → "AMD Radeon 780M".
 * A model that does not say "radeon" (in any case) is answered without the regular expressions:
 * compiling these two case-insensitive ones was 1.1 M instructions of every detected run on a
 * machine with no AMD card, which asks with no model at all (callgrind, `fit --params 70 --quant q4 --json`).
 */
export function radeonOfCpu(cpuModel: string | null): string | null {
  if (!cpuModel || !cpuModel.toLowerCase().includes('radeon')) return null;
  const model = cpuModel.trim();
  const m = /\bw\/\s*Radeon\s+([\w ]+?)(?:\s+Graphics)?\s*$/i.exec(model) ?? /\bwith\s+Radeon\s+([\w ]+?)(?:\s+Graphics)?\s*$/i.exec(model);
  return m ? `AMD Radeon ${m[1]!.trim()}` : null;
}

/** A sysfs number ("103079215104\n"). */
export function sysfsBytes(text: string | null): number | null {
  if (text === null || !/^\d+$/.test(text.trim())) return null;
  return Number(text.trim());
}

export function isJetson(model: string | null): boolean {
  return model !== null && /\bjetson\b|\btegra\b/i.test(model);
}

function gibText(b: number): string {
  return `${(b / GIB).toFixed(1)} GiB`;
}

/**
 * DetectedGpus of a snapshot. AMD APU: the card of an AMD CPU that names a Radeon iGPU (the one
 * with the least VRAM when there are several AMD cards); its GTT pool is recorded as `apu` and the
 * resolver decides which pool an engine can use (detected.ts). NVIDIA cards are left to nvidia-smi.
 */
export function gpusFromSysfs(snap: SysfsSnapshot, cpuModel: string | null): DetectedGpu[] {
  const igpu = radeonOfCpu(cpuModel);
  const amd = snap.cards.filter((c) => c.vendor === '0x1002' && c.vramTotal !== null);
  const apuCard = igpu && amd.length > 0 ? amd.reduce((a, b) => (b.vramTotal! < a.vramTotal! ? b : a)) : null;
  const gpus: DetectedGpu[] = [];
  for (const c of snap.cards) {
    const vendor = VENDORS[c.vendor ?? ''] ?? 'unknown';
    if (vendor === 'nvidia' || vendor === 'unknown') continue;
    const pciName = PCI_NAMES[`${c.vendor}:${c.device}`];
    const index = Number(/\d+$/.exec(c.card)?.[0] ?? gpus.length);
    if (vendor === 'amd') {
      if (c.vramTotal === null) continue;
      const isApu = c === apuCard;
      const name = (isApu ? igpu : null) ?? pciName ?? `AMD GPU (PCI ${c.device ?? '?'})`;
      const free = c.vramUsed !== null ? Math.max(0, c.vramTotal - c.vramUsed) : null;
      gpus.push({
        index,
        name,
        vendor,
        vramBytes: c.vramTotal,
        freeVramBytes: free,
        source: 'sysfs',
        driverVersion: null,
        computeCapability: null,
        unifiedMemory: false,
        integrated: !isApu && c.vramTotal < GIB,
        migEnabled: null,
        migInstances: [],
        memoryFile: `/sys/class/drm/${c.card}/device/mem_info_vram_total`,
        ...(isApu && c.gttTotal !== null ? { apu: { carveOutBytes: c.vramTotal, carveOutFreeBytes: free, gttBytes: c.gttTotal, gttUsedBytes: c.gttUsed } } : {}),
      });
    } else {
      // Intel: a discrete card shows its local memory; an iGPU shows none (and is left out of the budget).
      const name = pciName ?? `Intel GPU (PCI ${c.device ?? '?'})`;
      gpus.push({
        index,
        name,
        vendor,
        vramBytes: c.localMemory,
        freeVramBytes: null,
        source: 'sysfs',
        driverVersion: null,
        computeCapability: null,
        unifiedMemory: false,
        integrated: c.localMemory === null && pciName === undefined,
        migEnabled: null,
        migInstances: [],
        ...(c.localMemoryFile ? { memoryFile: c.localMemoryFile } : {}),
        ...(c.localMemory === null ? { vramNote: 'the i915/xe driver exposes no local-memory size in sysfs' } : {}),
      });
    }
  }
  return gpus;
}

/** One probe line for the snapshot: what sysfs said. */
export function describeSysfs(snap: SysfsSnapshot): string {
  const parts = snap.cards
    .filter((c) => c.vendor === '0x1002' || c.vendor === '0x8086')
    .map((c) => {
      const bits: string[] = [];
      if (c.vramTotal !== null) bits.push(`VRAM ${gibText(c.vramTotal)}`);
      if (c.gttTotal !== null) bits.push(`GTT ${gibText(c.gttTotal)}`);
      if (c.localMemory !== null) bits.push(`local memory ${gibText(c.localMemory)}`);
      return `${c.card} ${c.vendor}:${c.device ?? '?'}${bits.length ? ` (${bits.join(', ')})` : ''}`;
    });
  return parts.length > 0 ? `sysfs /sys/class/drm: ${parts.join('; ')}` : 'sysfs /sys/class/drm: no AMD or Intel GPU';
}

