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

  it('two cards: the per-card split is the experts plan\'s (the first layers lighter by their experts)', () => {
    const d = json(['fit', '--model', 'gpt-oss-120b', '--gpu', 'RTX 3090', '--gpus', '2', '--ram', '64', '--n-cpu-moe', '26']);
    expect(d.offload.strategy).toBe('experts');
    expect(d.gpuSplit).toHaveLength(2);
    expect(d.gpuSplit[0].layers + d.gpuSplit[1].layers).toBe(36);
    expect(d.gpuSplit[0].bytes + d.gpuSplit[1].bytes).toBe(d.offload.gpuBytes);
    expect(d.gpuSplit[0].bytes).toBeLessThan(d.gpuSplit[1].bytes);
  });

  it('one user: serving speed and time to first token follow the experts plan, not the whole-layer placement', () => {
    const d = json([...GPT_OSS, '--quant', 'mxfp4']);
    expect(d.offload.strategy).toBe('experts');
    const s = d.serving;
    expect(s.users).toBe(1);
    expect(s.perUserDecodeTokensPerSecond).toBeCloseTo(d.speed.decodeTokensPerSecond, 1);
    // TTFT = prompt ÷ the experts plan's prompt speed + its first decode step (empty context).
    const ttft = (doc: typeof d) => doc.serving.promptTokens / doc.speed.promptTokensPerSecond + 1 / doc.speed.decodeTokensPerSecondAtDepth0;
    expect(s.timeToFirstTokenSeconds).toBeCloseTo(ttft(d), 2);
    // Another placement (every layer's experts in RAM) has its own prompt speed, and TTFT follows it.
    const all = json([...GPT_OSS, '--quant', 'mxfp4', '--cpu-moe']);
    expect(all.speed.promptTokensPerSecond).not.toBeCloseTo(d.speed.promptTokensPerSecond, 0);
    expect(all.serving.timeToFirstTokenSeconds).toBeCloseTo(ttft(all), 2);
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

describe('fit --gguf of a MoE file: experts in RAM from the file\'s own tensors', () => {
  it('the smallest N that fits, N-1 over budget, and a dense file refuses --n-cpu-moe', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { makeGguf, writeTinyLlama } = await import('../fixtures/gguf/make-gguf.js');
    type T = Parameters<typeof makeGguf>[1][number];
    // A tiny qwen3moe-like file: 4 layers of hidden 256, 8 experts of width 512 (2 used) per layer.
    const d = 256;
    const tensors: T[] = [
      { name: 'token_embd.weight', dims: [d, 1000], type: 'Q4_K' },
      { name: 'output.weight', dims: [d, 1000], type: 'Q6_K' },
      { name: 'output_norm.weight', dims: [d], type: 'F32' },
    ];
    for (let i = 0; i < 4; i += 1) {
      tensors.push(
        { name: `blk.${i}.attn_norm.weight`, dims: [d], type: 'F32' },
        { name: `blk.${i}.attn_q.weight`, dims: [d, 256], type: 'Q4_K' },
        { name: `blk.${i}.attn_k.weight`, dims: [d, 128], type: 'Q4_K' },
        { name: `blk.${i}.attn_v.weight`, dims: [d, 128], type: 'Q6_K' },
        { name: `blk.${i}.attn_output.weight`, dims: [256, d], type: 'Q4_K' },
        { name: `blk.${i}.ffn_norm.weight`, dims: [d], type: 'F32' },
        { name: `blk.${i}.ffn_gate_inp.weight`, dims: [d, 8], type: 'F32' },
        { name: `blk.${i}.ffn_gate_exps.weight`, dims: [d, 512, 8], type: 'Q4_K' },
        { name: `blk.${i}.ffn_up_exps.weight`, dims: [d, 512, 8], type: 'Q4_K' },
        { name: `blk.${i}.ffn_down_exps.weight`, dims: [512, d, 8], type: 'Q6_K' },
      );
    }
    const file = makeGguf(
      {
        'general.architecture': { str: 'qwen3moe' },
        'general.name': { str: 'Tiny MoE fixture' },
        'general.file_type': { u32: 15 },
        'qwen3moe.block_count': { u32: 4 },
        'qwen3moe.context_length': { u32: 4096 },
        'qwen3moe.embedding_length': { u32: d },
        'qwen3moe.feed_forward_length': { u32: 512 },
        'qwen3moe.expert_feed_forward_length': { u32: 512 },
        'qwen3moe.expert_count': { u32: 8 },
        'qwen3moe.expert_used_count': { u32: 2 },
        'qwen3moe.attention.head_count': { u32: 2 },
        'qwen3moe.attention.head_count_kv': { u32: 1 },
        'qwen3moe.rope.freq_base': { f32: 10000 },
        'tokenizer.ggml.model': { str: 'gpt2' },
        'tokenizer.ggml.tokens': { strs: Array.from({ length: 1000 }, (_, i) => `t${i}`) },
      },
      tensors,
    );
    const dir = mkdtempSync(join(tmpdir(), 'llm-pick-experts-'));
    const moe = join(dir, 'moe.gguf');
    writeFileSync(moe, file);
    const whole = json(['fit', '--gguf', moe, '--vram', '4', '--ram', '8']);
    expect(whole.offload.strategy).toBe('none');
    // A budget 2.5 MB short of the whole model: per layer the experts free ~1.8 MB, and one
    // layer's experts are held back as copy room, so the first N that fits is 3.
    const reserve = 512 * 2 ** 20;
    const vram = (whole.memory.totalBytes - 2.5e6 + reserve) / 2 ** 30;
    const d2 = json(['fit', '--gguf', moe, '--vram', vram.toFixed(9), '--ram', '8']);
    expect(d2.fits).toBe(false);
    expect(d2.offload.strategy).toBe('experts');
    const n = d2.offload.cpuMoeLayers as number;
    expect(n).toBe(3);
    expect(d2.offload.gpuBytes).toBeLessThanOrEqual(d2.budget.vramBytesPerGpu);
    expect(d2.offload.command).toContain(`--n-cpu-moe ${n}`);
    expect(d2.offload.command).toContain(moe);
    const less = json(['fit', '--gguf', moe, '--vram', vram.toFixed(9), '--ram', '8', '--n-cpu-moe', String(n - 1)]);
    expect(less.offload.gpuBytes).toBeGreaterThan(less.budget.vramBytesPerGpu);

    const dense = join(dir, 'dense.gguf');
    writeTinyLlama(dense);
    const r = runBin(['fit', '--gguf', dense, '--vram', '4', '--n-cpu-moe', '2']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--n-cpu-moe .*dense/);
  });
});
