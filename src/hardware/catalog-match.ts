// Detected GPU name → catalog entry (for bandwidth, TFLOPS, TDP). Tools name
// cards differently from the catalog ("NVIDIA A100-SXM4-80GB"), so a few looser
// queries are tried, and the detected memory size picks among variants.
import { findGpu as catalogFindGpu, type GpuMatch } from '../catalog/gpu-match.js';
import type { Gpu } from '../catalog/schema.js';
import { CATALOG_MEMORY_TOLERANCE, GIB } from './constants.js';

export type FindGpu = (gpus: readonly Gpu[], query: string) => GpuMatch;

export interface DetectedMatch {
  gpu: Gpu | null;
  /** Said to the user when the match is a guess or the memory disagrees. */
  note: string | null;
}

function queries(name: string): string[] {
  const noMemory = name.replace(/[-\s]*\b\d+\s*GB\b/gi, ' ').trim();
  const noForm = noMemory.replace(/\b(PCIe|SXM\d?|NVL|HBM\d?e?|Generation)\b/gi, ' ').replace(/\s+/g, ' ').trim();
  return [...new Set([name, noMemory, noForm])].filter((q) => q !== '');
}

function memoryGap(gpu: Gpu, bytes: number): number {
  return Math.abs(gpu.vramGiB * GIB - bytes) / bytes;
}

function label(g: Gpu): string {
  return `${g.name} (${g.id})`;
}

export function matchDetectedGpu(
  catalog: readonly Gpu[],
  name: string,
  vramBytes: number | null,
  find: FindGpu = catalogFindGpu,
): DetectedMatch {
  let candidates: Gpu[] = [];
  for (const q of queries(name)) {
    const m = find(catalog, q);
    if (m === null) continue;
    candidates = 'gpu' in m ? [m.gpu] : m.ambiguous;
    break;
  }
  if (candidates.length === 0) return { gpu: null, note: null };
  // Apple entries list the largest memory option; a memory check means nothing there.
  if (vramBytes === null || candidates.every((g) => g.unifiedMemory)) {
    if (candidates.length === 1) return { gpu: candidates[0]!, note: null };
    return { gpu: null, note: `"${name}" could be any of ${candidates.map(label).join(', ')}; no bandwidth assumed` };
  }
  const close = candidates.filter((g) => memoryGap(g, vramBytes) <= CATALOG_MEMORY_TOLERANCE);
  if (close.length === 1) return { gpu: close[0]!, note: null };
  if (close.length > 1) {
    // Same memory, different bandwidth (H100 PCIe vs SXM): the slower one, said plainly.
    const slowest = [...close].sort((a, b) => (a.memoryBandwidthGBps ?? Infinity) - (b.memoryBandwidthGBps ?? Infinity))[0]!;
    return {
      gpu: slowest,
      note: `"${name}" could be ${close.map(label).join(' or ')}; using the lower bandwidth (${slowest.memoryBandwidthGBps} GB/s of ${slowest.id})`,
    };
  }
  if (candidates.length === 1) {
    const g = candidates[0]!;
    // "RTX 3080" with 12 GiB is the "RTX 3080 12GB": ask again with the size.
    const sized = find(catalog, `${name} ${Math.round(vramBytes / GIB)}GB`);
    if (sized && 'gpu' in sized && sized.gpu !== g && memoryGap(sized.gpu, vramBytes) <= CATALOG_MEMORY_TOLERANCE) {
      return { gpu: sized.gpu, note: null };
    }
    return {
      gpu: g,
      note: `"${name}" reports ${(vramBytes / GIB).toFixed(1)} GiB but catalog entry ${g.id} has ${g.vramGiB} GiB: another variant? its bandwidth (${g.memoryBandwidthGBps} GB/s) may not apply`,
    };
  }
  return { gpu: null, note: `"${name}" matches ${candidates.map(label).join(', ')}, none with ${(vramBytes / GIB).toFixed(1)} GiB; no bandwidth assumed` };
}
