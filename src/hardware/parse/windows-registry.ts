// Windows display adapters from the registry: the driver's 64-bit memory size.
//
// WMI's Win32_VideoController.AdapterRAM is a uint32 and saturates near 4 GiB (4293918720) for
// every larger card (AlexsJones/llmfit#830: a 32 GB Radeon AI PRO R9700 read as 8 GB through it;
// oshi/oshi#2521: an RTX 4090 read as 4293918720). The driver writes the real size as the QWORD
// HardwareInformation.qwMemorySize under the display class key
// {4d36e968-e325-11ce-bfc1-08002be10318} (sebhildebrandt/systeminformation#534), one subkey
// (0000, 0001, ...) per adapter, beside DriverDesc (its name). `reg query KEY /s /v NAME` prints:
//
//   HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Class\{4d36e968-...}\0000
//       HardwareInformation.qwMemorySize    REG_QWORD    0x600000000
//
// (the value names and REG_* tags are ASCII in every Windows language; the closing "End of
// search" line is translated, so it is not relied on).
import { GIB } from '../constants.js';
import type { DetectedGpu, GpuProbeResult } from '../probe/types.js';

export const DISPLAY_CLASS_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e968-e325-11ce-bfc1-08002be10318}';
export const QW_MEMORY_SIZE = 'HardwareInformation.qwMemorySize';
export const DRIVER_DESC = 'DriverDesc';

export function regQueryArgs(value: string): string[] {
  return ['query', DISPLAY_CLASS_KEY, '/s', '/v', value];
}

/** Subkey (its last path part, "0000") → the value's data, for one `reg query /s /v NAME` output. */
export function parseRegQuery(stdout: string, value: string): Map<string, string> {
  const out = new Map<string, string>();
  let key: string | null = null;
  for (const raw of stdout.split(/\r?\n/)) {
    if (/^HKEY_/i.test(raw)) {
      key = raw.trim().split('\\').pop() ?? null;
      continue;
    }
    const m = /^\s+(\S.*?)\s{2,}(REG_\w+)\s{2,}(.*?)\s*$/.exec(raw) ?? /^\s+(\S.*?)\s+(REG_\w+)\s+(.*?)\s*$/.exec(raw);
    if (!m || key === null || m[1]!.toLowerCase() !== value.toLowerCase()) continue;
    out.set(key, m[3]!);
  }
  return out;
}

/** REG_QWORD data "0x600000000" (or decimal) → a number. */
export function regNumber(data: string | undefined): number | null {
  if (data === undefined) return null;
  const t = data.trim();
  if (/^0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t.slice(2), 16);
  if (/^\d+$/.test(t)) return Number(t);
  return null;
}

function vendorOf(name: string): DetectedGpu['vendor'] {
  if (/nvidia|geforce|quadro|tesla|\brtx\b/i.test(name)) return 'nvidia';
  if (/\bamd\b|radeon|\bati\b/i.test(name)) return 'amd';
  if (/intel|\barc\b|iris|uhd graphics/i.test(name)) return 'intel';
  return 'unknown';
}

/**
 * Integrated graphics: Intel UHD/Iris/"Intel(R) Graphics" without Arc, and AMD's unnamed
 * "AMD Radeon(TM) Graphics" or a Radeon 7x0M/8x0M/8060S iGPU. Their qwMemorySize is the BIOS
 * carve-out (a 780M with an 8 GB UMA frame buffer: DXGI "Dedicated Memory: 8448 MB" in
 * AlexsJones/llmfit#810), which llama.cpp's Vulkan backend sees as device memory on Windows
 * (a 64 GB UMA setting shows as one 64 GiB device-local heap: ggml-org/llama.cpp#16832), so an AMD
 * iGPU with a carve-out above 1 GiB is counted; Intel iGPUs and tiny carve-outs are not.
 */
export function isIntegratedName(name: string): boolean {
  if (/intel/i.test(name) && !/\barc\b/i.test(name)) return true;
  return isAmdIgpuName(name);
}

export function isAmdIgpuName(name: string): boolean {
  return /radeon\(tm\) graphics|radeon graphics|radeon(\(tm\))? \d{3}m\b|radeon(\(tm\))? 8\d{3}s\b/i.test(name);
}

/**
 * With a 96 GB UMA setting the Windows driver splits the device-local heap and llama.cpp's Vulkan
 * backend sees 32 GiB of it (vulkaninfo in ggml-org/llama.cpp#16832; 64 GB shows as one heap).
 */
export function windowsUmaWarning(g: DetectedGpu): string | null {
  if (g.vendor !== 'amd' || !isAmdIgpuName(g.name) || g.vramBytes === null || g.vramBytes <= 64 * GIB) return null;
  return `${g.name}: a ${Math.round(g.vramBytes / GIB)} GiB carve-out on Windows may show llama.cpp's Vulkan backend only 32 GiB (the driver splits the heap above 64 GB: ggml-org/llama.cpp#16832); a 64 GB UMA setting is one heap`;
}

/** Adapters with a name and a 64-bit memory size; virtual displays (no size) are skipped. */
export function gpusFromRegistry(descOut: string, memOut: string): DetectedGpu[] {
  const names = parseRegQuery(descOut, DRIVER_DESC);
  const sizes = parseRegQuery(memOut, QW_MEMORY_SIZE);
  const gpus: DetectedGpu[] = [];
  for (const [key, data] of sizes) {
    const bytes = regNumber(data);
    const name = names.get(key)?.trim();
    if (bytes === null || bytes <= 0 || !name) continue;
    gpus.push({
      index: gpus.length,
      name,
      vendor: vendorOf(name),
      vramBytes: bytes,
      freeVramBytes: null,
      source: 'registry',
      driverVersion: null,
      computeCapability: null,
      unifiedMemory: false,
      integrated: /intel/i.test(name) && !/\barc\b/i.test(name) ? true : isAmdIgpuName(name) && bytes <= GIB,
      migEnabled: null,
      migInstances: [],
      memoryFile: `registry ${key}\\${QW_MEMORY_SIZE}`,
    });
  }
  return gpus;
}

export type RegistryProbe = GpuProbeResult;
