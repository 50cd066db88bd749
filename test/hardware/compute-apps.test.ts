import { describe, expect, it } from 'vitest';
import { normalizeBusId, parseBusIds, parseComputeApps } from '../../src/hardware/parse/compute-apps.js';
import { MIB, fixture } from './helpers.js';

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
