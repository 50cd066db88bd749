// Apple Silicon unified memory: how much of it the GPU may use (pure).
// The shares and their sources: constants.ts (APPLE_GPU_SHARE_*).
import { APPLE_GPU_SHARE_LARGE, APPLE_GPU_SHARE_SMALL, APPLE_SMALL_MEMORY_MAX_BYTES } from './constants.js';

export function appleGpuShare(totalBytes: number): number {
  return totalBytes <= APPLE_SMALL_MEMORY_MAX_BYTES ? APPLE_GPU_SHARE_SMALL : APPLE_GPU_SHARE_LARGE;
}

/** GPU-usable part of unified memory: the iogpu.wired_limit_mb setting when set, else macOS's default share. */
export function appleGpuUsable(totalBytes: number, wiredLimitBytes: number | null | undefined): { bytes: number; source: string } {
  if (wiredLimitBytes && wiredLimitBytes > 0) {
    return { bytes: Math.min(wiredLimitBytes, totalBytes), source: 'sysctl iogpu.wired_limit_mb' };
  }
  const share = appleGpuShare(totalBytes);
  return {
    bytes: Math.floor(totalBytes * share),
    source: share === APPLE_GPU_SHARE_SMALL ? '2/3 of unified memory (macOS default up to 36 GiB)' : '3/4 of unified memory (macOS default above 36 GiB)',
  };
}

/** "Apple M2 Pro" from the CPU brand string; "VirtualApple" under Rosetta names no chip. */
export function appleChipName(cpuModel: string | null | undefined): string | null {
  const m = /\bApple\s+(M\d+(?:\s+(?:Pro|Max|Ultra))?)\b/i.exec(cpuModel ?? '');
  return m ? `Apple ${m[1]!.replace(/\s+/g, ' ')}` : null;
}

export function isAppleSilicon(platform: NodeJS.Platform, arch: string, cpuModel: string | null | undefined): boolean {
  return platform === 'darwin' && (arch === 'arm64' || appleChipName(cpuModel) !== null || /virtualapple/i.test(cpuModel ?? ''));
}
