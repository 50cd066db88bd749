import { describe, expect, it } from 'vitest';
import { closestGpus, findGpu, normalizeGpuName } from '../../src/catalog/gpu-match.js';
import type { Gpu } from '../../src/catalog/schema.js';

function gpu(id: string, name: string, aliases: string[] = []): Gpu {
  return {
    id, name, aliases, vendor: 'nvidia', segment: 'consumer', backend: 'cuda', vramGiB: 24, memoryOptionsGiB: [],
    unifiedMemory: false, memoryBandwidthGBps: 936, fp16Tflops: 71, tdpWatts: 350, source: 'test fixture',
  };
}

const GPUS = [
  gpu('rtx-3090', 'NVIDIA GeForce RTX 3090'),
  gpu('rtx-3090-ti', 'NVIDIA GeForce RTX 3090 Ti'),
  gpu('rtx-4090', 'NVIDIA GeForce RTX 4090'),
  gpu('h100-sxm', 'NVIDIA H100 SXM 80GB', ['H100', 'NVIDIA H100 80GB HBM3']),
  gpu('h100-pcie', 'NVIDIA H100 PCIe 80GB', ['NVIDIA H100 PCIe']),
];

describe('findGpu', () => {
  it.each(['3090', 'RTX 3090', 'NVIDIA GeForce RTX 3090', 'rtx-3090', 'rtx3090', 'GeForce RTX 3090'])('%s is the RTX 3090', (q) => {
    expect(findGpu(GPUS, q)).toEqual({ gpu: GPUS[0] });
  });
  it('tells the Ti apart', () => {
    expect(findGpu(GPUS, '3090 ti')).toEqual({ gpu: GPUS[1] });
  });
  it('resolves the documented default for a bare H100 and nvidia-smi names', () => {
    expect(findGpu(GPUS, 'H100')).toEqual({ gpu: GPUS[3] });
    expect(findGpu(GPUS, 'NVIDIA H100 80GB HBM3')).toEqual({ gpu: GPUS[3] });
    expect(findGpu(GPUS, 'NVIDIA H100 PCIe')).toEqual({ gpu: GPUS[4] });
  });
  it('reports ambiguity and unknown names', () => {
    const m = findGpu(GPUS, 'rtx');
    expect(m && 'ambiguous' in m && m.ambiguous.length).toBe(3);
    expect(findGpu(GPUS, 'voodoo 5')).toBeNull();
    expect(findGpu(GPUS, '  ')).toBeNull();
    expect(closestGpus(GPUS, '4080')[0]!.id).toBe('rtx-4090');
  });
  it('normalizes vendor words, case and punctuation', () => {
    expect(normalizeGpuName('NVIDIA GeForce RTX-4090')).toBe('rtx4090');
  });
});

describe('closestGpus', () => {
  it('counts two swapped digits as one typo', () => {
    const gpus = [gpu('rtx-4060', 'NVIDIA GeForce RTX 4060'), gpu('rtx-4070', 'NVIDIA GeForce RTX 4070'), gpu('rtx-4080', 'NVIDIA GeForce RTX 4080'), gpu('rtx-4090', 'NVIDIA GeForce RTX 4090')];
    expect(closestGpus(gpus, 'RTX 4900')[0]!.id).toBe('rtx-4090');
  });
});
