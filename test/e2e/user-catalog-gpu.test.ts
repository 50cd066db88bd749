// The built binary with a user catalog that gives a GPU only its name and memory:
// it fits, says that speed is not estimated (human line and JSON), and a missing
// field is one line on stderr with file:line, "is required", exit 2.
// `npm test` builds first (pretest); run `npm run build` before running this file alone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';
import { FitDocumentSchema } from '../../src/render/fit-schema.js';
import { HardwareDocumentSchema } from '../../src/hardware/document-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'llm-pick-user-gpu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function catalog(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const MINIMAL = 'gpus:\n  - name: NVIDIA Tesla P4\n    vramGiB: 8\n';

describe('a user catalog GPU with only name and memory', () => {
  it('fit: the memory verdict, and a line saying speed is not estimated and why', () => {
    const file = catalog('min.yaml', MINIMAL);
    const r = runBin(['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--gpu', 'tesla p4', '--catalog', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Fits on the GPU');
    expect(r.stdout).toContain(`NVIDIA Tesla P4: no memory bandwidth in its catalog entry (user catalog ${file}), so speed is not estimated`);
    expect(r.stdout).toContain("Speed: not estimated: the GPU's memory bandwidth is unknown (see the warning below).");
    expect(r.stdout).not.toMatch(/tok\/s/);
  });

  it('fit --json: speed null and the same note in warnings; the document passes its schema', () => {
    const file = catalog('min.yaml', MINIMAL);
    const r = runBin(['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--gpu', 'tesla p4', '--catalog', file, '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(FitDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.speed).toBeNull();
    expect(doc.fits).toBe(true);
    expect(doc.warnings).toContain(`NVIDIA Tesla P4: no memory bandwidth in its catalog entry (user catalog ${file}), so speed is not estimated; add memoryBandwidthGBps (GB/s) to estimate it`);
  });

  it('with bandwidth but no compute: decode is estimated, prompt speed from bandwidth, said so', () => {
    const file = catalog('bw.yaml', 'gpus:\n  - name: NVIDIA Tesla P4\n    vramGiB: 8\n    memoryBandwidthGBps: 192\n');
    const r = runBin(['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--gpu', 'tesla p4', '--catalog', file, '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.speed.decodeTokensPerSecond).toBeGreaterThan(0);
    expect(doc.warnings.join('\n')).toContain('no fp16Tflops in its catalog entry');
  });

  it('hardware --list shows its bandwidth as unknown (human) and null (JSON, valid against its schema)', () => {
    const file = catalog('min.yaml', MINIMAL);
    const r = runBin(['hardware', '--list', '--catalog', file], { env: { COLUMNS: '200' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/nvidia-tesla-p4 .* unknown /);
    const j = runBin(['hardware', '--list', '--catalog', file, '--json']);
    const doc = JSON.parse(j.stdout);
    expect(HardwareDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.gpus.find((g: { id: string }) => g.id === 'nvidia-tesla-p4').memoryBandwidthGBps).toBeNull();
  });

  it('a missing field: one line on stderr, file:line, "is required" and how to write it; exit 2; nothing on stdout', () => {
    const file = catalog('bad.yaml', 'gpus:\n  - name: NVIDIA Tesla P4\n    vramGiB: 8\n  - name: NVIDIA Mystery\n    memoryBandwidthGBps: 300\n');
    const r = runBin(['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--gpu', 'tesla p4', '--catalog', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toBe(`llm-pick: ${file}:4: gpus[1].vramGiB is required: memory per card in GiB as sold, a number such as 24\n`);
    expect(r.stderr).not.toMatch(/Invalid option|expected one of|^\s+at /m);
  });
});
