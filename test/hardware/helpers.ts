// Shared by the hardware tests: fixtures, the test GPU catalog, and fake probes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseText, validateFile } from '../../src/catalog/parse.js';
import type { Gpu } from '../../src/catalog/schema.js';
import type { DetectedGpu, GpuProbeResult, HardwareProbe, SystemProbeResult } from '../../src/hardware/probe/types.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/hardware/', import.meta.url));
export const GIB = 1024 ** 3;
export const MIB = 1024 ** 2;

export function fixture(path: string): string {
  return readFileSync(`${FIXTURES}${path}`, 'utf8');
}

export function fixtureJson<T = unknown>(path: string): T {
  return JSON.parse(fixture(path)) as T;
}

let catalog: Gpu[] | undefined;

/** test/fixtures/hardware/catalog.yaml, validated by the real catalog schema. */
export function testCatalog(): Gpu[] {
  if (!catalog) {
    const parsed = parseText(fixture('catalog.yaml'), 'catalog.yaml');
    if (!parsed.value) throw new Error(parsed.errors.join('\n'));
    const valid = validateFile(parsed.value);
    if (!valid.value) throw new Error(valid.errors.join('\n'));
    catalog = valid.value.gpus;
  }
  return catalog;
}

export function system(over: Partial<SystemProbeResult> = {}): SystemProbeResult {
  return {
    ram: { totalBytes: 64 * GIB, freeBytes: 48 * GIB, source: 'systeminformation' },
    cpu: { model: 'AMD Ryzen 9 7950X', cores: 32, physicalCores: 16, source: 'systeminformation' },
    platform: 'linux',
    arch: 'x64',
    warnings: [],
    ...over,
  };
}

export function detected(over: Partial<DetectedGpu> & { name: string }): DetectedGpu {
  return {
    index: 0,
    vendor: 'nvidia',
    vramBytes: 24 * GIB,
    freeVramBytes: 23 * GIB,
    source: 'nvidia-smi',
    driverVersion: '550.163.01',
    computeCapability: '8.9',
    unifiedMemory: false,
    integrated: false,
    migEnabled: null,
    migInstances: [],
    ...over,
  };
}

/** A probe that answers from fixtures and counts how often it was asked. */
export function fakeProbe(gpus: Partial<GpuProbeResult> = {}, sys: SystemProbeResult = system()): HardwareProbe & { calls: { gpus: number; system: number } } {
  const calls = { gpus: 0, system: 0 };
  return {
    calls,
    async gpus() {
      calls.gpus += 1;
      return { gpus: [], warnings: [], probes: ['fake'], ...gpus };
    },
    async system() {
      calls.system += 1;
      return sys;
    },
  };
}
