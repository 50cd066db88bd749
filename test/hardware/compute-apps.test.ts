import { describe, expect, it } from 'vitest';
import { normalizeBusId, parseBusIds, parseComputeApps } from '../../src/hardware/parse/compute-apps.js';
import { createProbe } from '../../src/hardware/probe/index.js';
import type { ToolResult, ToolRunner } from '../../src/hardware/probe/types.js';
import { GIB, MIB, fixture } from './helpers.js';

const ok = (stdout: string): ToolResult => ({ kind: 'ok', stdout, stderr: '' });
const os = { totalmem: () => 64 * GIB, freemem: () => 48 * GIB, cpus: () => [{ model: 'x' }], constrainedMemory: () => undefined, platform: 'linux' as const, arch: 'x64' };

describe('nvidia-smi --query-compute-apps', () => {
  it('reads pid, program name and memory per process', () => {
    expect(parseComputeApps(fixture('nvidia-smi/compute-apps-ollama.csv'))).toEqual([{ busId: '01:00.0', pid: 2154, name: 'ollama', bytes: 6144 * MIB }]);
  });

  it('Windows paths, [N/A] memory, commas in names, blank lines', () => {
    const out = '00000000:0A:00.0, 812, C:\\Program Files\\Ollama\\ollama.exe, [N/A]\r\n\r\n00000000:0B:00.0, 99, python, my job, 2048\r\n';
    expect(parseComputeApps(out)).toEqual([
      { busId: '0a:00.0', pid: 812, name: 'ollama.exe', bytes: null },
      { busId: '0b:00.0', pid: 99, name: 'python, my job', bytes: 2048 * MIB },
    ]);
    expect(parseComputeApps('')).toEqual([]);
  });

  it('bus ids match whatever the domain width', () => {
    expect(normalizeBusId('00000000:01:00.0')).toBe(normalizeBusId('0000:01:00.0'));
    expect([...parseBusIds('0, 00000000:01:00.0\n1, 00000000:02:00.0\n')]).toEqual([
      [0, '01:00.0'],
      [1, '02:00.0'],
    ]);
  });
});

describe('the probe names holders per card', () => {
  const twoBusy = '0, NVIDIA GeForce RTX 3090, 24576, 23900, 565.77, 8.6, [N/A]\n1, NVIDIA GeForce RTX 3090, 24576, 17925, 565.77, 8.6, [N/A]\n';

  it('two cards: the bus ids put ollama on GPU 1', async () => {
    const run: ToolRunner = async (cmd, args) => {
      if (cmd !== 'nvidia-smi') return { kind: 'missing' };
      if (args[0] === '--query-gpu=index,pci.bus_id') return ok('0, 00000000:01:00.0\n1, 00000000:02:00.0\n');
      if (args[0]!.startsWith('--query-compute-apps')) return ok('00000000:02:00.0, 2154, /usr/local/bin/ollama, 6144\n');
      return ok(twoBusy);
    };
    const r = await createProbe({ run, os, timeoutMs: 200 }).gpus();
    expect(r.gpus.map((g) => g.heldBy ?? null)).toEqual([null, [{ pid: 2154, name: 'ollama', bytes: 6144 * MIB }]]);
  });

  it('a compute-apps query that hangs costs only the names, within one more deadline', async () => {
    const run: ToolRunner = async (cmd, args) => {
      if (cmd !== 'nvidia-smi') return { kind: 'missing' };
      if (args[0] !== NVIDIA_QUERY) return { kind: 'timeout', stdout: '' };
      return ok(twoBusy);
    };
    const r = await createProbe({ run, os, timeoutMs: 200 }).gpus();
    expect(r.gpus).toHaveLength(2);
    expect(r.gpus.every((g) => g.heldBy === undefined)).toBe(true);
    expect(r.warnings).toEqual([]);
  });
});

const NVIDIA_QUERY = '--query-gpu=index,name,memory.total,memory.free,driver_version,compute_cap,mig.mode.current';
