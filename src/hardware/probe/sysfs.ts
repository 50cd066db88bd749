// Linux: GPUs from sysfs and the device tree, through an injectable FsReader, bounded by the
// probe deadline when the reader may wait (a read of a hung device file must not hold the
// command); the real reader answers at once (fs.ts: kernel fields, read synchronously).
import { describeSysfs, gpusFromSysfs, isJetson, sysfsBytes, type SysfsCard, type SysfsSnapshot } from '../parse/sysfs.js';
import type { FsReader } from './fs.js';
import { boundedRead } from './timeout.js';
import type { DetectedGpu } from './types.js';

const DRM = '/sys/class/drm';

export async function readSysfs(fs: FsReader): Promise<SysfsSnapshot> {
  const cards = (await fs.list(DRM)).filter((n) => /^card\d+$/.test(n)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  const read = async (card: string): Promise<SysfsCard> => {
    const dev = `${DRM}/${card}/device`;
    const [vendor, device, vramTotal, vramUsed, gttTotal, gttUsed, lmem] = await Promise.all([
      fs.read(`${dev}/vendor`),
      fs.read(`${dev}/device`),
      fs.read(`${dev}/mem_info_vram_total`),
      fs.read(`${dev}/mem_info_vram_used`),
      fs.read(`${dev}/mem_info_gtt_total`),
      fs.read(`${dev}/mem_info_gtt_used`),
      fs.read(`${DRM}/${card}/lmem_total_bytes`),
    ]);
    let localMemory = sysfsBytes(lmem);
    let localMemoryFile = localMemory !== null ? `${DRM}/${card}/lmem_total_bytes` : null;
    if (localMemory === null && vendor?.toLowerCase() === '0x8086') {
      const tiles = (await fs.list(dev)).filter((n) => /^tile\d+$/.test(n));
      const sizes = await Promise.all(tiles.map(async (t) => sysfsBytes(await fs.read(`${dev}/${t}/physical_vram_size_bytes`))));
      const known = sizes.filter((x): x is number => x !== null);
      if (known.length > 0) {
        localMemory = known.reduce((a, b) => a + b, 0);
        localMemoryFile = `${dev}/tile*/physical_vram_size_bytes`;
      }
    }
    return {
      card,
      vendor: vendor?.toLowerCase() ?? null,
      device: device?.toLowerCase() ?? null,
      vramTotal: sysfsBytes(vramTotal),
      vramUsed: sysfsBytes(vramUsed),
      gttTotal: sysfsBytes(gttTotal),
      gttUsed: sysfsBytes(gttUsed),
      localMemory,
      localMemoryFile,
    };
  };
  return { cards: await Promise.all(cards.map(read)), deviceTreeModel: await fs.read('/proc/device-tree/model') };
}

export interface SysfsProbe {
  snapshot: SysfsSnapshot | null;
  gpus: DetectedGpu[];
  probe: string;
  warnings: string[];
}

/** cpuModel: asked only when an AMD card is listed (an APU's Radeon is named by the CPU). */
export async function probeSysfs(fs: FsReader, timeoutMs: number, cpuModel: () => string | null): Promise<SysfsProbe> {
  const r = await boundedRead(fs, () => readSysfs(fs), timeoutMs);
  if (r.kind !== 'ok') {
    const why = r.kind === 'timeout' ? `no answer within ${Math.round(timeoutMs / 100) / 10} s` : 'could not be read';
    return { snapshot: null, gpus: [], probe: `sysfs /sys/class/drm: ${why}`, warnings: [] };
  }
  const snap = r.value;
  const gpus = gpusFromSysfs(snap, snap.cards.some((c) => c.vendor === '0x1002') ? cpuModel() : null);
  const probe = [describeSysfs(snap), ...(snap.deviceTreeModel ? [`device tree model: ${snap.deviceTreeModel}`] : [])].join('; ');
  // Nothing of note (NVIDIA-only or no GPU): no line, nvidia-smi speaks for the machine.
  return { snapshot: snap, gpus, probe: gpus.length > 0 || isJetson(snap.deviceTreeModel) ? probe : '', warnings: [] };
}

/** A Jetson (Tegra) board named by the device tree: one GPU on system RAM (unified memory). */
export function jetsonGpu(model: string | null): DetectedGpu | null {
  if (!isJetson(model)) return null;
  return {
    index: 0,
    name: model!,
    vendor: 'nvidia',
    vramBytes: null,
    freeVramBytes: null,
    source: 'device-tree',
    driverVersion: null,
    computeCapability: null,
    unifiedMemory: true,
    integrated: false,
    migEnabled: null,
    migInstances: [],
    memoryFile: '/proc/device-tree/model',
  };
}
