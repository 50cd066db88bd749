// Pure readers of systeminformation's graphics(), mem() and cpu() results.
// The shapes are declared here (a subset of systeminformation's own types) so
// the parsers can be fed recorded JSON in tests.
import { INTEGRATED_VRAM_MAX_BYTES, MIB } from '../constants.js';
import type { DetectedGpu } from '../probe/types.js';
import type { GpuVendor } from '../types.js';

export interface SiController {
  vendor?: string | null;
  vendorId?: string | null;
  model?: string | null;
  name?: string | null;
  bus?: string | null;
  /** MiB. */
  vram?: number | null;
  vramDynamic?: boolean | null;
  driverVersion?: string | null;
  /** MiB (from nvidia-smi inside systeminformation). */
  memoryTotal?: number | null;
  memoryFree?: number | null;
}

export interface SiGraphics {
  controllers?: SiController[] | null;
}

export interface SiMem {
  total?: number | null;
  free?: number | null;
  available?: number | null;
}

/** One module of systeminformation's memLayout() (dmidecode on Linux, needs root; WMI on Windows; system_profiler on macOS). */
export interface SiMemLayout {
  size?: number | null;
  type?: string | null;
  /** Configured speed, MT/s as dmidecode/WMI report it ("5600 MT/s"); null when unknown. */
  clockSpeed?: number | null;
  formFactor?: string | null;
}

export interface SiCpu {
  manufacturer?: string | null;
  brand?: string | null;
  cores?: number | null;
  physicalCores?: number | null;
}

const VENDOR_IDS: Record<string, GpuVendor> = { '10de': 'nvidia', '1002': 'amd', '8086': 'intel', '106b': 'apple' };

export function vendorOf(vendor: string | null | undefined, vendorId?: string | null): GpuVendor {
  const id = (vendorId ?? '').toLowerCase().replace(/^0x/, '');
  if (VENDOR_IDS[id]) return VENDOR_IDS[id]!;
  const v = (vendor ?? '').toLowerCase();
  if (v.includes('nvidia')) return 'nvidia';
  if (v.includes('advanced micro devices') || /\bamd\b|\bati\b/.test(v)) return 'amd';
  if (v.includes('intel')) return 'intel';
  if (v.includes('apple')) return 'apple';
  return 'unknown';
}

/** lspci models read "GA102 [GeForce RTX 3090]": the bracket holds the product name. */
function productName(c: SiController, vendor: GpuVendor): string {
  const raw = (c.name ?? '').trim() || (c.model ?? '').trim();
  const bracket = /\[([^\]]+)\]/.exec(raw);
  const name = bracket && !bracket[1]!.includes('/') ? bracket[1]!.trim() : raw;
  const prefix = { nvidia: 'NVIDIA', amd: 'AMD', intel: 'Intel', apple: 'Apple', unknown: '' }[vendor];
  return prefix && !name.toLowerCase().startsWith(prefix.toLowerCase()) ? `${prefix} ${name}` : name;
}

function positive(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * GPUs from si.graphics(). Display adapters of other vendors (server BMCs such
 * as ASPEED, virtual VGA) are left out. On Linux, `vram` is the largest PCI
 * memory window lspci shows (systeminformation lib/graphics.js,
 * parseLinesLinuxControllers), not the card's memory: it is dropped (vramNote
 * says why) and detected.ts takes the size from the catalog when the card is known.
 */
export function gpusFromSiGraphics(data: SiGraphics | null | undefined, platform: NodeJS.Platform): DetectedGpu[] {
  const out: DetectedGpu[] = [];
  for (const c of data?.controllers ?? []) {
    const vendor = vendorOf(c.vendor, c.vendorId);
    if (vendor === 'unknown') continue;
    const totalMib = positive(c.memoryTotal) ?? positive(c.vram);
    const vramBytes = totalMib === null ? null : Math.round(totalMib * MIB);
    const freeMib = positive(c.memoryFree);
    const builtIn = /built-?in|onboard/i.test(c.bus ?? '');
    const appleChip = vendor === 'apple';
    const integrated =
      !appleChip &&
      (Boolean(c.vramDynamic) ||
        (vendor === 'intel' && builtIn) ||
        (vendor === 'amd' && vramBytes !== null && vramBytes < INTEGRATED_VRAM_MAX_BYTES));
    const gpu: DetectedGpu = {
      index: out.length,
      name: productName(c, vendor),
      vendor,
      vramBytes: appleChip ? null : vramBytes,
      freeVramBytes: freeMib === null ? null : Math.round(freeMib * MIB),
      source: 'systeminformation',
      driverVersion: c.driverVersion?.trim() || null,
      computeCapability: null,
      unifiedMemory: appleChip,
      integrated,
      migEnabled: null,
      migInstances: [],
    };
    if (platform === 'linux' && positive(c.memoryTotal) === null && vramBytes !== null) {
      // A PCI window is a power of two (256 MiB without resizable BAR, 32 GiB for a 24 GiB card with it): never the memory size.
      gpu.vramBytes = null;
      gpu.vramNote = `systeminformation on Linux reports a PCI memory window (${Math.round(vramBytes / MIB)} MiB), not the card's memory`;
    }
    out.push(gpu);
  }
  return out;
}

export function ramFromSiMem(mem: SiMem | null | undefined): { totalBytes: number; freeBytes: number } | null {
  const total = positive(mem?.total);
  if (total === null) return null;
  const free = positive(mem?.available) ?? positive(mem?.free);
  if (free === null) return null;
  return { totalBytes: Math.round(total), freeBytes: Math.round(Math.min(free, total)) };
}

export function cpuFromSi(cpu: SiCpu | null | undefined): { model: string | null; cores: number | null; physicalCores: number | null } | null {
  if (!cpu) return null;
  const brand = (cpu.brand ?? '').trim();
  const maker = (cpu.manufacturer ?? '').trim();
  const model = brand === '' ? null : maker && !brand.toLowerCase().startsWith(maker.toLowerCase()) ? `${maker} ${brand}` : brand;
  return { model, cores: positive(cpu.cores), physicalCores: positive(cpu.physicalCores) };
}

/** DDR/LPDDR types whose modules are 64 bits wide on a DIMM/SODIMM (DDR5: two 32-bit subchannels, the same 8 bytes). */
const DIMM_TYPES = /^(DDR[345])$/i;

/** Server and workstation CPUs: as many memory channels as modules (up to 12); desktops and laptops: 2. */
const MANY_CHANNEL_CPU = /\b(EPYC|Xeon|Threadripper)\b/i;

export interface RamBandwidth {
  gbps: number;
  source: string;
}

/**
 * Theoretical RAM bandwidth from the modules the OS lists: channels × 8 bytes × MT/s (the method of
 * constants.ts DEFAULT_RAM_BANDWIDTH_GBPS). Channels are not reported without root: one module per
 * channel is assumed, at most 2 on a desktop or laptop CPU (two DIMMs per channel on 4-slot boards),
 * up to 12 on EPYC/Xeon/Threadripper, so it is an estimate and says so. Soldered LPDDR (unknown bus
 * width) and modules without a speed give null: the caller keeps its default.
 */
export function ramBandwidthFromLayout(layout: readonly SiMemLayout[] | null | undefined, cpuModel: string | null): RamBandwidth | null {
  const mods = (layout ?? []).filter((m) => (m.size ?? 0) > 0);
  if (mods.length === 0) return null;
  const type = mods[0]!.type?.trim() ?? '';
  if (!DIMM_TYPES.test(type)) return null;
  const speeds = mods.map((m) => m.clockSpeed ?? 0).filter((x) => x > 0);
  if (speeds.length === 0) return null;
  const mts = Math.min(...speeds);
  const server = MANY_CHANNEL_CPU.test(cpuModel ?? '');
  const channels = Math.min(mods.length, server ? 12 : 2);
  const gbps = Math.round(channels * 8 * mts) / 1000;
  const why = server ? 'one module per channel assumed' : `one module per channel assumed, at most 2 on a desktop or laptop CPU`;
  return {
    gbps,
    source: `estimate from systeminformation memLayout: ${mods.length} × ${type.toUpperCase()}-${mts} module${mods.length > 1 ? 's' : ''} → ${channels} channel${channels > 1 ? 's' : ''} (${why}) × 8 bytes × ${mts} MT/s = ${gbps} GB/s theoretical`,
  };
}
