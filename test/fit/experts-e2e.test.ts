// The built CLI: MoE experts in system RAM (`fit --n-cpu-moe`, `--cpu-moe`, `--ram-bandwidth`).
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const GPT_OSS = ['fit', '--model', 'gpt-oss-120b', '--gpu', 'RTX 3090', '--ram', '64'];
const json = (args: string[]) => {
  const r = runBin([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
};

describe('fit: experts in RAM (built bin)', () => {
  it('gpt-oss-120b on an RTX 3090 with 64 GiB: experts in RAM with the smallest N that fits, and N-1 does not', () => {
    const d = json(GPT_OSS);
    expect(d.fits).toBe(false);
    const o = d.offload;
    expect(o.strategy).toBe('experts');
    expect(o.gpuLayers).toBe(36);
    expect(o.totalLayers).toBe(36);
    const n = o.cpuMoeLayers as number;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(36);
    const budget = d.budget.vramBytesPerGpu;
    expect(o.gpuBytes).toBeLessThanOrEqual(budget);
    expect(o.ramBytes).toBeLessThanOrEqual(64 * 2 ** 30);
    expect(o.ramFits).toBe(true);
    // The weights are on one side or the other: the two sides hold at least the model.
    expect(o.gpuBytes + o.ramBytes).toBeGreaterThanOrEqual(d.memory.totalBytes);
    // The command carries exactly this N, with every layer on the GPU.
    expect(o.command).toMatch(/^llama-server /);
    expect(o.command.match(/--n-cpu-moe (\d+)/g)).toEqual([`--n-cpu-moe ${n}`]);
    expect(o.command).toContain('-ngl 999');
    expect(d.speed.decodeTokensPerSecond).toBeGreaterThan(0);
    expect(d.speed.explanation).toContain(`--n-cpu-moe ${n}`);

    // N - 1 named by the user: evaluated as given, and it does not fit the GPU.
    const less = runBin([...GPT_OSS, '--n-cpu-moe', String(n - 1), '--json']);
    expect(less.status).toBe(0);
    const dl = JSON.parse(less.stdout);
    expect(dl.offload.cpuMoeLayers).toBe(n - 1);
    expect(dl.offload.gpuBytes).toBeGreaterThan(budget);
    expect(dl.warnings.join('\n')).toContain(`the smallest N that fits is ${n}`);
  });

  it('the user\'s --n-cpu-moe is honoured, and --cpu-moe is every layer', () => {
    const d = json([...GPT_OSS, '--n-cpu-moe', '30']);
    expect(d.offload).toMatchObject({ strategy: 'experts', cpuMoeLayers: 30 });
    expect(d.offload.command).toContain('--n-cpu-moe 30');
    expect(d.warnings).toEqual([]);
    const all = json([...GPT_OSS, '--cpu-moe']);
    expect(all.offload).toMatchObject({ strategy: 'experts', cpuMoeLayers: 36 });
    expect(all.offload.command).toContain('--cpu-moe');
    expect(all.offload.command).not.toContain('--n-cpu-moe');
    // More experts in RAM: less on the GPU, more in RAM, slower decode.
    expect(all.offload.gpuBytes).toBeLessThan(d.offload.gpuBytes);
    expect(all.offload.ramBytes).toBeGreaterThan(d.offload.ramBytes);
    expect(all.speed.decodeTokensPerSecond).toBeLessThan(d.speed.decodeTokensPerSecond);
  });

  it('--ram-bandwidth speeds up the RAM side', () => {
    const slow = json(GPT_OSS);
    const fast = json([...GPT_OSS, '--ram-bandwidth', '200']);
    expect(fast.offload.cpuMoeLayers).toBe(slow.offload.cpuMoeLayers);
    expect(fast.speed.decodeTokensPerSecond).toBeGreaterThan(slow.speed.decodeTokensPerSecond * 2);
    expect(fast.speed.explanation).toContain('200 GB/s');
  });

  it('human output: the plan, both sides, the speed, why, and the command', () => {
    const r = runBin(GPT_OSS);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/runs with the experts of the first (\d+) of 36 layers in system RAM \(--n-cpu-moe \1\): [\d.]+ GiB on the GPU, [\d.]+ GiB in RAM\./);
    expect(r.stdout).toMatch(/Speed: about [\d.]+ tok\/s generating/);
    expect(r.stdout).toMatch(/Why this placement: experts in RAM \(--n-cpu-moe \d+\) ≈ [\d.]+ tok\/s beats whole layers in RAM \(-ngl \d+\)/);
    expect(r.stdout).toMatch(/Run: llama-server -hf \S+ -ngl 999 --n-cpu-moe \d+ -c 8192/);
  });

  it('a dense model never gets an experts plan', () => {
    const d = json(['fit', '--model', 'llama-3.1-70b', '--quant', 'q4', '--gpu', 'RTX 3090', '--ram', '64']);
    expect(d.offload.strategy).toBe('layers');
    expect(d.offload.cpuMoeLayers).toBe(0);
    expect(d.offload.command).toMatch(/-ngl \d+ /);
    expect(d.offload.command).not.toContain('moe');
  });

  it('a model that fits whole: strategy none, every layer on the GPU', () => {
    const d = json(['fit', '--model', 'llama-3.1-8b', '--quant', 'q4_k_m', '--gpu', '4090']);
    expect(d.offload).toMatchObject({ strategy: 'none', cpuMoeLayers: 0, ramBytes: 0 });
    expect(d.offload.command).toContain('-ngl 999');
  });

  it('bad input: one line on stderr, exit 2, nothing on stdout', () => {
    for (const args of [
      ['fit', '--model', 'llama-3.1-70b', '--quant', 'q4', '--gpu', 'RTX 3090', '--n-cpu-moe', '10'],
      [...GPT_OSS, '--n-cpu-moe', '10', '--cpu-moe'],
      [...GPT_OSS, '--n-cpu-moe', '-1'],
      [...GPT_OSS, '--n-cpu-moe', 'many'],
      [...GPT_OSS, '--ram-bandwidth', '0'],
    ]) {
      const r = runBin(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--n-cpu-moe|--cpu-moe|--ram-bandwidth/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('fit --json with experts in RAM validates against the published schema', () => {
  it('FitDocumentSchema parses it (strict: no stray fields)', async () => {
    const { FitDocumentSchema } = await import('../../src/render/fit-schema.js');
    for (const extra of [[], ['--cpu-moe'], ['--n-cpu-moe', '30']]) {
      const d = json([...GPT_OSS, ...extra]);
      expect(() => FitDocumentSchema.parse(d)).not.toThrow();
    }
  });
});
