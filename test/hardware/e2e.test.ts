// The built CLI (`npm run build` first) with a stand-in nvidia-smi first on PATH.
// rocm-smi and any real nvidia-smi are kept off PATH, so nothing here depends on
// this machine's GPUs; the catalog is test/fixtures/hardware/catalog.yaml.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HardwareDocumentSchema } from '../../src/hardware/document-schema.js';
import { runBin } from '../helpers/bin.js';
import { FIXTURES, MIB } from './helpers.js';

const CATALOG = ['--catalog', `${FIXTURES}catalog.yaml`];
const posix = process.platform !== 'win32';

/** This machine's PATH without any directory holding nvidia-smi or rocm-smi. */
const CLEAN_PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir !== '' && !['nvidia-smi', 'rocm-smi'].some((tool) => existsSync(join(dir, tool))))
  .join(delimiter);

function hardware(bin: string | null, args: string[] = ['--json']) {
  const PATH = bin ? `${FIXTURES}${bin}${delimiter}${CLEAN_PATH}` : CLEAN_PATH;
  const started = Date.now();
  const r = runBin(['hardware', ...CATALOG, ...args], { env: { PATH }, timeoutMs: 30_000 });
  return { ...r, ms: Date.now() - started };
}

function json(stdout: string) {
  const doc = HardwareDocumentSchema.parse(JSON.parse(stdout));
  if (doc.list) throw new Error('expected a plan document');
  return doc;
}

describe.skipIf(!posix)('llm-pick hardware (built binary, stand-in nvidia-smi)', () => {
  it('two GPUs: both listed with total and free memory, catalog bandwidth, budget from free memory', () => {
    const r = hardware('bin-two-gpus');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const doc = json(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, kind: 'hardware', origin: 'detected', unifiedMemory: false, warnings: [] });
    expect(doc.gpus.map((g) => [g.index, g.name, g.vendor, g.vramBytes, g.freeVramBytes, g.memoryBandwidthGBps])).toEqual([
      [0, 'NVIDIA GeForce RTX 4090', 'nvidia', 24564 * MIB, 24057 * MIB, 1008],
      [1, 'NVIDIA GeForce RTX 4090', 'nvidia', 24564 * MIB, 24105 * MIB, 1008],
    ]);
    expect(doc.budget).toMatchObject({ gpus: 2, vramBytesPerGpu: 24057 * MIB });
    expect(doc.budget!.explanation).toMatch(/FREE memory/);
    expect(doc.ram.totalBytes).toBeGreaterThan(0);
    expect(doc.ram.freeBytes).toBeGreaterThan(0);
    expect(doc.probes).toContain('nvidia-smi: 2 GPUs');
  });

  it('a hung nvidia-smi: answers after about 3 s with a warning', () => {
    const r = hardware('bin-hang');
    expect(r.status).toBe(0);
    const doc = json(r.stdout);
    expect(doc.warnings).toContain('nvidia-smi did not answer within 3 s; NVIDIA GPUs were not read (plan with --gpu NAME or --vram GB)');
    expect(doc.gpus).toEqual([]);
    expect(doc.budget).toMatchObject({ gpus: 0 });
    // The stand-in sleeps 30 s: finishing far sooner proves the deadline holds.
    expect(r.ms).toBeLessThan(15_000);
  });

  it('nvidia-smi exiting 1: a warning with what it said, CPU budget', () => {
    const r = hardware('bin-exit1');
    expect(r.status).toBe(0);
    const doc = json(r.stdout);
    expect(doc.warnings).toEqual([
      "nvidia-smi failed (exit 1): NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.; NVIDIA GPUs were not read",
    ]);
    expect(doc.budget).toMatchObject({ gpus: 0 });
  });

  it('garbage from nvidia-smi: warnings, no invented GPU', () => {
    const doc = json(hardware('bin-garbage').stdout);
    expect(doc.gpus).toEqual([]);
    expect(doc.warnings.at(-1)).toBe('nvidia-smi output was not understood; NVIDIA GPUs were not read');
    expect(doc.warnings.join('\n')).not.toMatch(/\x1b/);
  });

  it('MIG: the MIG card counts as its largest instance; the three others make the budget', () => {
    const doc = json(hardware('bin-mig').stdout);
    expect(doc.gpus).toHaveLength(4);
    expect(doc.gpus[0]!.mig?.instances).toHaveLength(4);
    expect(doc.gpus[0]!.inBudget).toBe(false);
    expect(doc.budget).toMatchObject({ gpus: 3, gpuIndexes: [1, 2, 3] });
    expect(doc.gpus[1]!.catalogId).toBe('a100-80gb-sxm');
  });

  it('an old driver without compute_cap: asked again, read', () => {
    const doc = json(hardware('bin-old-driver').stdout);
    expect(doc.gpus.map((g) => [g.name, g.computeCapability, g.driverVersion])).toEqual([['NVIDIA GeForce RTX 3090', null, '470.182.03']]);
    expect(doc.warnings).toEqual([]);
  });

  it('no nvidia-smi at all: no NVIDIA warning, says it is not installed', () => {
    const r = hardware(null);
    expect(r.status).toBe(0);
    const doc = json(r.stdout);
    expect(doc.probes).toContain('nvidia-smi: not installed');
    expect(doc.warnings.join('\n')).not.toMatch(/nvidia-smi (did not|failed)/);
  });

  it('--gpu NAME does not probe GPUs: a hanging nvidia-smi on PATH costs nothing', () => {
    const r = hardware('bin-hang', ['--json', '--gpu', '4090', '--gpus', '2']);
    expect(r.status).toBe(0);
    const doc = json(r.stdout);
    expect(doc.origin).toBe('catalog');
    expect(doc.probes[0]).toBe('GPUs: not probed (--gpu given)');
    expect(doc.budget).toMatchObject({ gpus: 2, vramBytesPerGpu: 24 * 1024 * MIB - 512 * MIB });
    expect(r.ms).toBeLessThan(2500);
  });

  it('an unknown --gpu: exit 2, one line on stderr naming close GPUs, nothing on stdout', () => {
    const r = hardware('bin-two-gpus', ['--json', '--gpu', 'RTX 4900']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^llm-pick: --gpu "RTX 4900" is not in the GPU catalog; close names: .*rtx-4090/);
  });

  it('--list prints the GPU catalog instead of probing', () => {
    const r = hardware('bin-hang', ['--json', '--list']);
    expect(r.status).toBe(0);
    const doc = HardwareDocumentSchema.parse(JSON.parse(r.stdout));
    expect(doc.list).toBe(true);
    expect(doc.gpus.map((g) => g.name)).toContain('NVIDIA GeForce RTX 4090');
    expect(r.ms).toBeLessThan(2500);
    const text = hardware(null, ['--list']);
    expect(text.stdout).toMatch(/GPU catalog/);
    expect(text.stdout).toMatch(/│ rtx-4090 .*24\.0 GiB.*1008 GB\/s/);
  });

  it('human output: a table with where each figure came from, the budget line, warnings', () => {
    const r = hardware('bin-two-gpus', []);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/GPUs \(detected\)/);
    expect(r.stdout).toMatch(/NVIDIA GeForce RTX 4090/);
    expect(r.stdout).toMatch(/GPU 0, 1: memory and free memory from nvidia-smi; bandwidth from catalog: rtx-4090/);
    expect(r.stdout).toMatch(/Memory available: 2 × 23\.5 GiB GPU/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    const hung = hardware('bin-hang', []);
    expect(hung.stdout).toMatch(/Warnings:\n {2}- nvidia-smi did not answer within 3 s/);
  });
});
