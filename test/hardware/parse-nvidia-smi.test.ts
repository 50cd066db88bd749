import { describe, expect, it } from 'vitest';
import {
  NVIDIA_BASIC_FIELDS,
  clip,
  isInvalidFieldError,
  migProfileBytes,
  parseNvidiaSmiCsv,
  parseNvidiaSmiList,
} from '../../src/hardware/parse/nvidia-smi.js';
import { MIB, fixture } from './helpers.js';

describe('parseNvidiaSmiCsv (recorded outputs)', () => {
  it('reads one GPU with total and free memory in MiB', () => {
    const { gpus, warnings } = parseNvidiaSmiCsv(fixture('nvidia-smi/single-rtx4090.csv'));
    expect(warnings).toEqual([]);
    expect(gpus).toHaveLength(1);
    expect(gpus[0]).toMatchObject({
      index: 0,
      name: 'NVIDIA GeForce RTX 4090',
      vendor: 'nvidia',
      vramBytes: 24564 * MIB,
      freeVramBytes: 24057 * MIB,
      driverVersion: '550.163.01',
      computeCapability: '8.9',
      migEnabled: null,
      unifiedMemory: false,
      source: 'nvidia-smi',
    });
  });

  it('reads every GPU, not just the first', () => {
    const { gpus } = parseNvidiaSmiCsv(fixture('nvidia-smi/two-rtx4090.csv'));
    expect(gpus.map((g) => [g.index, g.freeVramBytes! / MIB])).toEqual([
      [0, 24057],
      [1, 24105],
    ]);
  });

  it('reads Windows line endings', () => {
    const { gpus, warnings } = parseNvidiaSmiCsv(fixture('nvidia-smi/two-rtx4090-crlf.csv'));
    expect(warnings).toEqual([]);
    expect(gpus).toHaveLength(2);
    expect(gpus[1]!.name).toBe('NVIDIA GeForce RTX 4090');
  });

  it('reads MIG mode per GPU', () => {
    const { gpus } = parseNvidiaSmiCsv(fixture('nvidia-smi/mig-a100.csv'));
    expect(gpus.map((g) => g.migEnabled)).toEqual([true, false, false, false]);
    expect(gpus[0]!.vramBytes).toBe(81920 * MIB);
  });

  it('turns [N/A] and [Not Supported] into null, keeping the GPU', () => {
    const { gpus, warnings } = parseNvidiaSmiCsv(fixture('nvidia-smi/not-supported.csv'));
    expect(warnings).toEqual([]);
    expect(gpus[0]).toMatchObject({ computeCapability: null, freeVramBytes: 8190 * MIB });
    expect(gpus[1]).toMatchObject({ computeCapability: '7.5', freeVramBytes: null, vramBytes: 8192 * MIB });
  });

  it('marks a GB10 reporting [N/A] memory as unified memory', () => {
    const { gpus } = parseNvidiaSmiCsv(fixture('nvidia-smi/gb10-unified.csv'));
    expect(gpus[0]).toMatchObject({ name: 'NVIDIA GB10', vramBytes: null, freeVramBytes: null, unifiedMemory: true, computeCapability: '12.1' });
  });

  it('reads the basic field list of old drivers', () => {
    const { gpus } = parseNvidiaSmiCsv(fixture('nvidia-smi/old-driver-basic.csv'), NVIDIA_BASIC_FIELDS);
    expect(gpus[0]).toMatchObject({ name: 'NVIDIA GeForce RTX 3090', vramBytes: 24268 * MIB, computeCapability: null, migEnabled: null });
  });

  it('skips garbage lines with a warning and keeps the good ones', () => {
    const { gpus, warnings } = parseNvidiaSmiCsv(fixture('nvidia-smi/partly-garbage.csv'));
    expect(gpus).toHaveLength(1);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('this line is not csv');
  });

  it('finds no GPU in garbage, and strips terminal escapes from the warnings', () => {
    const { gpus, warnings } = parseNvidiaSmiCsv(fixture('nvidia-smi/garbage.txt'));
    expect(gpus).toEqual([]);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join('\n')).not.toMatch(/\x1b/);
    expect(warnings[0]).toContain('Segmentation fault');
  });

  it('finds nothing in empty output or in error messages', () => {
    expect(parseNvidiaSmiCsv(fixture('nvidia-smi/empty.txt'))).toEqual({ gpus: [], warnings: [] });
    expect(parseNvidiaSmiCsv(fixture('nvidia-smi/no-devices.txt')).gpus).toEqual([]);
    expect(parseNvidiaSmiCsv(fixture('nvidia-smi/driver-failure.txt')).gpus).toEqual([]);
  });

  it('never reports more free than total memory', () => {
    const { gpus } = parseNvidiaSmiCsv('0, Card, 1000, 2000, 1.0, 8.0, [N/A]\n');
    expect(gpus[0]!.freeVramBytes).toBe(1000 * MIB);
  });
});

describe('other nvidia-smi outputs', () => {
  it('recognizes the old-driver compute_cap error', () => {
    expect(isInvalidFieldError(fixture('nvidia-smi/old-driver-invalid-field.txt'))).toBe(true);
    expect(isInvalidFieldError(fixture('nvidia-smi/driver-failure.txt'))).toBe(false);
  });

  it('lists MIG instances per GPU from nvidia-smi -L', () => {
    const byGpu = parseNvidiaSmiList(fixture('nvidia-smi/mig-a100-list.txt'));
    expect(byGpu.get(0)).toHaveLength(4);
    expect(byGpu.get(0)![0]).toEqual({ profile: '1g.20gb', memoryBytes: 20e9 });
    expect(byGpu.has(1)).toBe(false);
    expect(parseNvidiaSmiList(fixture('nvidia-smi/mig-a100-pcie-list.txt')).get(0)!.map((i) => i.profile)).toEqual(['3g.40gb', '3g.40gb']);
  });

  it('reads MIG profile sizes as decimal GB (never more than the slice holds)', () => {
    expect(migProfileBytes('1g.10gb')).toBe(10e9);
    expect(migProfileBytes('1g.10gb+me')).toBe(10e9);
    expect(migProfileBytes('7g.80gb')).toBe(80e9);
    expect(migProfileBytes('nonsense')).toBeNull();
    // a 2g.20gb slice holds 19968 MiB (XuehaiPan/nvitop#8)
    expect(migProfileBytes('2g.20gb')!).toBeLessThan(19968 * MIB);
  });

  it('clips long lines at the first sentence', () => {
    expect(clip(fixture('nvidia-smi/driver-failure.txt').split('\n')[0]!)).toBe(
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
    );
  });
});
