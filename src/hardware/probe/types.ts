// What the probes report, before catalog matching and budgeting (src/hardware/resolve.ts).
import type { GpuVendor, MigInstance } from '../types.js';

export interface DetectedGpu {
  index: number;
  name: string;
  vendor: GpuVendor;
  /** Total memory in bytes; null when the tool did not say ([N/A], no size). */
  vramBytes: number | null;
  freeVramBytes: number | null;
  /** The tool that reported this GPU. */
  source: 'nvidia-smi' | 'rocm-smi' | 'systeminformation' | 'apple' | 'sysfs' | 'registry' | 'device-tree';
  driverVersion: string | null;
  computeCapability: string | null;
  /** GPU memory is system RAM (Apple Silicon, NVIDIA GB10). */
  unifiedMemory: boolean;
  /** iGPU sharing system memory (not counted in the budget). */
  integrated: boolean;
  /** nvidia-smi mig.mode.current: true Enabled, false Disabled, null unknown/unsupported. */
  migEnabled: boolean | null;
  migInstances: MigInstance[];
  /** Apple: iogpu.wired_limit_mb in bytes when set (non-zero). */
  wiredLimitBytes?: number | null;
  /** How reliable vramBytes is, when the tool only guesses (systeminformation on Linux reads a PCI BAR size). */
  vramNote?: string;
  /** The file or value the memory size was read from ("/sys/class/drm/card1/device/mem_info_vram_total", "registry ...\\0000 HardwareInformation.qwMemorySize"). */
  memoryFile?: string;
  /**
   * AMD APU (Linux sysfs): the BIOS carve-out and the GTT pool of system RAM the GPU may map.
   * The resolver (detected.ts) decides which pool a model gets.
   */
  apu?: { carveOutBytes: number; carveOutFreeBytes: number | null; gttBytes: number; gttUsedBytes: number | null };
  /** Processes holding memory on this card (nvidia-smi --query-compute-apps). */
  heldBy?: { pid: number; name: string; bytes: number }[];
}

export interface GpuProbeResult {
  gpus: DetectedGpu[];
  warnings: string[];
  /** One line per tool asked: "nvidia-smi: 2 GPUs", "rocm-smi: not installed". */
  probes: string[];
}

export interface SystemProbeResult {
  ram: { totalBytes: number; freeBytes: number; source: string };
  cpu: { model: string | null; cores: number | null; physicalCores: number | null; source: string };
  platform: NodeJS.Platform;
  arch: string;
  warnings: string[];
  /** RAM bandwidth from the memory modules (systeminformation memLayout), when they say type and speed. */
  ramBandwidth?: { gbps: number; source: string } | null;
}

/** The two questions the resolver asks; injected so tests need no hardware. */
export interface HardwareProbe {
  gpus(): Promise<GpuProbeResult>;
  /** detail: also ask systeminformation (physical cores, CPU brand); otherwise node:os where it is exact (Linux, Windows). */
  system(options?: { detail?: boolean }): Promise<SystemProbeResult>;
}

/** Outcome of running one external tool. */
export type ToolResult =
  | { kind: 'ok'; stdout: string; stderr: string }
  | { kind: 'missing' }
  | { kind: 'timeout'; stdout: string }
  | { kind: 'failed'; exitCode: number | null; signal: string | null; stdout: string; stderr: string; message?: string };

export type ToolRunner = (command: string, args: readonly string[], timeoutMs: number) => Promise<ToolResult>;
