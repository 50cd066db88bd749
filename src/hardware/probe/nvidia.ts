// NVIDIA GPUs from nvidia-smi, called directly (execFile, no shell), bounded by a timeout.
import {
  NVIDIA_BASIC_FIELDS,
  NVIDIA_QUERY_FIELDS,
  firstLine,
  isInvalidFieldError,
  nvidiaQueryArgs,
  parseNvidiaSmiCsv,
  parseNvidiaSmiList,
  type NvidiaField,
} from '../parse/nvidia-smi.js';
import { BUS_ID_ARGS, COMPUTE_APPS_ARGS, parseBusIds, parseComputeApps } from '../parse/compute-apps.js';
import type { DetectedGpu, ToolResult, ToolRunner } from './types.js';

export interface ToolProbe {
  status: 'ok' | 'missing' | 'timeout' | 'failed';
  gpus: DetectedGpu[];
  warnings: string[];
  /** One line for the "probes" list. */
  probe: string;
}

export const NVIDIA_SMI = 'nvidia-smi';

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function failure(tool: string, r: Extract<ToolResult, { kind: 'failed' }>): string {
  const said = firstLine(r.stderr) || firstLine(r.stdout) || r.message || '';
  const how = r.exitCode !== null ? `exit ${r.exitCode}` : r.signal ? `signal ${r.signal}` : 'could not run';
  return `${tool} failed (${how})${said ? `: ${said}` : ''}`;
}

function gpuCount(n: number): string {
  return n === 1 ? '1 GPU' : `${n} GPUs`;
}

/**
 * `commands`: where to look, in order, when the previous one is not installed
 * (Windows: System32\nvidia-smi.exe when it is not on PATH).
 */
export async function probeNvidia(run: ToolRunner, timeoutMs: number, commands: readonly string[] = [NVIDIA_SMI]): Promise<ToolProbe> {
  let fields: readonly NvidiaField[] = NVIDIA_QUERY_FIELDS;
  let command = commands[0] ?? NVIDIA_SMI;
  let result = await run(command, nvidiaQueryArgs(fields), timeoutMs);
  for (const next of commands.slice(1)) {
    if (result.kind !== 'missing') break;
    command = next;
    result = await run(command, nvidiaQueryArgs(fields), timeoutMs);
  }
  if (result.kind === 'failed' && isInvalidFieldError(result.stdout + result.stderr)) {
    // An older driver: no compute_cap (and perhaps no MIG fields).
    fields = NVIDIA_BASIC_FIELDS;
    result = await run(command, nvidiaQueryArgs(fields), timeoutMs);
  }
  if (result.kind === 'missing') return { status: 'missing', gpus: [], warnings: [], probe: 'nvidia-smi: not installed' };
  if (result.kind === 'timeout') {
    return {
      status: 'timeout',
      gpus: [],
      warnings: [`nvidia-smi did not answer within ${seconds(timeoutMs)}; NVIDIA GPUs were not read (plan with --gpu NAME or --vram GB)`],
      probe: `nvidia-smi: no answer within ${seconds(timeoutMs)}`,
    };
  }
  if (result.kind === 'failed') {
    const text = result.stdout + result.stderr;
    if (/no devices were found/i.test(text)) {
      return { status: 'failed', gpus: [], warnings: ['nvidia-smi found no NVIDIA GPU ("No devices were found")'], probe: 'nvidia-smi: no devices' };
    }
    return {
      status: 'failed',
      gpus: [],
      warnings: [`${failure('nvidia-smi', result)}; NVIDIA GPUs were not read`],
      probe: `nvidia-smi: failed${result.exitCode !== null ? ` (exit ${result.exitCode})` : ''}`,
    };
  }
  const parsed = parseNvidiaSmiCsv(result.stdout, fields);
  const warnings = [...parsed.warnings];
  if (parsed.gpus.length === 0) {
    warnings.push(
      result.stdout.trim() === ''
        ? 'nvidia-smi printed nothing; no NVIDIA GPU was read'
        : 'nvidia-smi output was not understood; NVIDIA GPUs were not read',
    );
    return { status: 'failed', gpus: [], warnings, probe: 'nvidia-smi: output not understood' };
  }
  const gpus = parsed.gpus;
  if (gpus.some((g) => g.migEnabled === true)) warnings.push(...(await attachMig(run, command, timeoutMs, gpus)));
  if (gpus.some((g) => g.vramBytes !== null && g.freeVramBytes !== null && g.vramBytes - g.freeVramBytes >= HELD_NOTE_BYTES)) {
    warnings.push(...(await attachHolders(run, command, timeoutMs, gpus)));
  }
  return { status: 'ok', gpus, warnings, probe: `nvidia-smi: ${gpuCount(gpus.length)}` };
}

/** MIG mode: a process sees MIG instances, listed by `nvidia-smi -L`. */
async function attachMig(run: ToolRunner, command: string, timeoutMs: number, gpus: DetectedGpu[]): Promise<string[]> {
  const list = await run(command, ['-L'], timeoutMs);
  const migGpus = gpus.filter((g) => g.migEnabled === true);
  if (list.kind !== 'ok') {
    const why = list.kind === 'timeout' ? `no answer within ${seconds(timeoutMs)}` : list.kind === 'missing' ? 'not found' : failure('nvidia-smi -L', list);
    return migGpus.map((g) => `GPU ${g.index} (${g.name}) is in MIG mode and its instances could not be listed (${why}); it is left out of the budget`);
  }
  const byGpu = parseNvidiaSmiList(list.stdout);
  const warnings: string[] = [];
  for (const g of migGpus) {
    g.migInstances = byGpu.get(g.index) ?? [];
    if (g.migInstances.length === 0) {
      warnings.push(`GPU ${g.index} (${g.name}) is in MIG mode with no MIG instance listed; it is left out of the budget`);
    }
  }
  return warnings;
}

/** Memory in use worth naming its holders: more than an idle driver and desktop hold (~0.5 GiB, constants.ts). */
const HELD_NOTE_BYTES = 1024 * 1024 * 1024;

/**
 * Which processes hold the memory (bounded like every call). With one card every process is on it;
 * with several, their bus ids are asked to tell the cards apart. A failure costs only the names.
 */
async function attachHolders(run: ToolRunner, command: string, timeoutMs: number, gpus: DetectedGpu[]): Promise<string[]> {
  // Both at once: one more deadline at most, like the MIG listing.
  const [apps, ids] = await Promise.all([run(command, COMPUTE_APPS_ARGS, timeoutMs), gpus.length > 1 ? run(command, BUS_ID_ARGS, timeoutMs) : null]);
  if (apps.kind !== 'ok') return [];
  const list = parseComputeApps(apps.stdout);
  if (list.length === 0) return [];
  let busOf = new Map<number, string>();
  if (ids) {
    if (ids.kind !== 'ok') return [];
    busOf = parseBusIds(ids.stdout);
  }
  for (const g of gpus) {
    const bus = busOf.get(g.index);
    const mine = gpus.length === 1 ? list : list.filter((a) => a.busId === bus);
    const held = mine.filter((a) => a.bytes !== null && a.bytes > 0).map((a) => ({ pid: a.pid, name: a.name, bytes: a.bytes! }));
    if (held.length > 0) g.heldBy = held;
  }
  return [];
}
