// Pure parsers of nvidia-smi output (tested on recorded outputs in test/fixtures/hardware/).
import { MIB } from '../constants.js';
import type { DetectedGpu } from '../probe/types.js';
import type { MigInstance } from '../types.js';

/** Asked first. mig.mode.current says whether a process sees MIG slices instead of the card. */
export const NVIDIA_QUERY_FIELDS = [
  'index',
  'name',
  'memory.total',
  'memory.free',
  'driver_version',
  'compute_cap',
  'mig.mode.current',
] as const;

/**
 * Drivers before R510 reject compute_cap ("Field "compute_cap" is not a valid
 * field to query", huggingface/candle#733 with driver 470): asked again without it.
 */
export const NVIDIA_BASIC_FIELDS = ['index', 'name', 'memory.total', 'memory.free', 'driver_version'] as const;

export type NvidiaField = (typeof NVIDIA_QUERY_FIELDS)[number];

export function nvidiaQueryArgs(fields: readonly NvidiaField[]): string[] {
  return [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];
}

export interface NvidiaParse {
  gpus: DetectedGpu[];
  warnings: string[];
}

/** "[N/A]", "N/A", "[Not Supported]", "[Unknown Error]", "" → null. */
function value(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const v = raw.trim();
  if (v === '' || /^\[.*\]$/.test(v) || /^n\/a$/i.test(v)) return null;
  return v;
}

function mib(raw: string | undefined): number | null {
  const v = value(raw);
  if (v === null || !/^\d+(\.\d+)?$/.test(v)) return null;
  return Math.round(Number(v) * MIB);
}

/** One line fit for a warning: no terminal escapes or control characters, at most one sentence of 100 characters. */
export function clip(line: string): string {
  const t = line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/[\x00-\x1f\x7f]/g, '').trim();
  if (t.length <= 100) return t;
  const stop = t.indexOf('. ');
  return stop > 0 && stop < 100 ? t.slice(0, stop + 1) : `${t.slice(0, 97)}...`;
}

/** Unified-memory NVIDIA parts report no memory size ([N/A]): DGX Spark GB10 (NVIDIA's DGX Spark known issues; unslothai/unsloth#10703), Jetson. */
export function isUnifiedNvidiaName(name: string): boolean {
  return /\bGB10\b|jetson|\borin\b|\bthor\b|\bxavier\b/i.test(name);
}

/**
 * `nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits`: one line per
 * GPU, comma-separated, MiB. Lines that do not fit the fields are skipped with a warning.
 */
/** GPUs read from one nvidia-smi listing; the largest machines hold 8 to 16 per node. */
export const MAX_GPUS_PARSED = 256;

export function parseNvidiaSmiCsv(stdout: string, fields: readonly NvidiaField[] = NVIDIA_QUERY_FIELDS): NvidiaParse {
  const gpus: DetectedGpu[] = [];
  const warnings: string[] = [];
  const all = stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  // Bounded work (issue #22): at most MAX_GPUS_PARSED lines are read.
  const lines = all.slice(0, MAX_GPUS_PARSED);
  if (all.length > MAX_GPUS_PARSED) warnings.push(`nvidia-smi listed ${all.length} lines; only the first ${MAX_GPUS_PARSED} GPUs were read`);
  const at = (f: NvidiaField) => fields.indexOf(f);
  for (const line of lines) {
    const cells = line.split(',').map((c) => c.trim());
    const index = Number(cells[at('index')]);
    const name = value(cells[at('name')]);
    if (cells.length !== fields.length || !Number.isInteger(index) || index < 0 || name === null) {
      if (warnings.length < 8) warnings.push(`nvidia-smi printed a line llm-pick does not understand: "${clip(line)}"`);
      continue;
    }
    const total = mib(cells[at('memory.total')]);
    const free = mib(cells[at('memory.free')]);
    const mig = at('mig.mode.current') >= 0 ? value(cells[at('mig.mode.current')]) : null;
    const unified = total === null && isUnifiedNvidiaName(name);
    gpus.push({
      index,
      name,
      vendor: 'nvidia',
      vramBytes: total,
      freeVramBytes: free !== null && total !== null ? Math.min(free, total) : free,
      source: 'nvidia-smi',
      driverVersion: value(cells[at('driver_version')]),
      computeCapability: at('compute_cap') >= 0 ? value(cells[at('compute_cap')]) : null,
      unifiedMemory: unified,
      integrated: false,
      migEnabled: mig === null ? null : /^enabled$/i.test(mig),
      migInstances: [],
    });
  }
  return { gpus, warnings };
}

/** The first line nvidia-smi printed, for a warning (e.g. "No devices were found"). */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '');
  return line === undefined ? '' : clip(line);
}

/** The driver rejected a field: ask again with fewer. */
export function isInvalidFieldError(output: string): boolean {
  return /is not a valid field to query/i.test(output);
}

/**
 * MIG profile memory from its name: "3g.40gb" → 40 GB, "1g.10gb" → 10 GB,
 * "1g.10gb+me" → 10 GB. Decimal GB: a 2g.20gb slice holds 19968 MiB (nvidia-smi
 * in XuehaiPan/nvitop#8), 20e9 bytes is 19073 MiB, so the figure is slightly low, never high.
 */
export function migProfileBytes(profile: string): number | null {
  const m = /^\d+g\.(\d+(?:\.\d+)?)gb/i.exec(profile.trim());
  return m ? Math.round(Number(m[1]) * 1e9) : null;
}

/**
 * `nvidia-smi -L`: "GPU 0: NAME (UUID: ...)" then, in MIG mode,
 * "  MIG 3g.40gb     Device  0: (UUID: MIG-...)" lines under their GPU.
 */
export function parseNvidiaSmiList(stdout: string): Map<number, MigInstance[]> {
  const byGpu = new Map<number, MigInstance[]>();
  let current: number | null = null;
  for (const line of stdout.split(/\r?\n/)) {
    const gpu = /^\s*GPU\s+(\d+):/.exec(line);
    if (gpu) {
      current = Number(gpu[1]);
      continue;
    }
    const mig = /^\s*MIG\s+(\S+)\s+Device\s+\d+:/.exec(line);
    if (mig && current !== null) {
      const bytes = migProfileBytes(mig[1]!);
      if (bytes === null) continue;
      const list = byGpu.get(current) ?? [];
      list.push({ profile: mig[1]!, memoryBytes: bytes });
      byGpu.set(current, list);
    }
  }
  return byGpu;
}
