import { describe, expect, it } from 'vitest';
import { planScale, validTensorParallel, type ScaleInput } from '../../src/estimate/scale.js';
import type { SpeedHardware } from '../../src/estimate/types.js';

const GIB = 2 ** 30;
const rtx4090: SpeedHardware = { memoryBandwidthGBps: 1008, fp16Tflops: 330, backend: 'cuda', gpus: 1, ramBandwidthGBps: 51.2 };

// Llama 3.1 70B at Q4_K_M-like size: 80 layers, 64 heads, 8 KV heads; KV at 8192 tokens = 2.68 GB.
function llama70b(over: Partial<ScaleInput> = {}): ScaleInput {
  const weights = 42.5e9;
  const kv = 2 * 80 * 8 * 128 * 2 * 8192;
  return {
    memory: { weightsBytes: weights, kvCacheBytes: kv, overheadBytes: 1 * GIB, totalBytes: weights + kv + GIB },
    weights: { totalBytes: weights, bytesReadPerToken: 41.5e9, perLayerBytes: 0.515e9, nonLayerBytes: 1.3e9, bitsPerWeight: 4.8 },
    shape: { layers: 80, attentionHeads: 64, kvHeads: 8, activeParams: 70.55e9 },
    quant: 'Q4_K_M',
    contextLength: 8192,
    deviceBudgetBytes: 23 * GIB,
    device: rtx4090,
    deviceName: 'RTX 4090',
    hfRepo: 'meta-llama/Llama-3.1-70B-Instruct',
    ggufFile: 'Llama-3.1-70B-Instruct-Q4_K_M.gguf',
    ...over,
  };
}

// A 405B-class model at 4 bits: ~230 GB, 126 layers, 128 heads, 8 KV heads.
function big(over: Partial<ScaleInput> = {}): ScaleInput {
  const weights = 230e9;
  const kv = 2 * 126 * 8 * 128 * 2 * 8192;
  return {
    ...llama70b(),
    memory: { weightsBytes: weights, kvCacheBytes: kv, overheadBytes: GIB, totalBytes: weights + kv + GIB },
    weights: { totalBytes: weights, bytesReadPerToken: 228e9, perLayerBytes: 1.8e9, nonLayerBytes: 3e9, bitsPerWeight: 4.5 },
    shape: { layers: 126, attentionHeads: 128, kvHeads: 8, activeParams: 405e9 },
    hfRepo: 'meta-llama/Llama-3.1-405B-Instruct',
    ...over,
  };
}

describe('validTensorParallel (vLLM: heads divisible by T; KV heads split or replicated evenly)', () => {
  it.each([
    [1, 64, 8, true],
    [2, 64, 8, true],
    [4, 64, 8, true],
    [8, 64, 8, true],
    [16, 64, 8, true],
    [3, 64, 8, false],
    [6, 48, 8, false],
    [16, 40, 8, false],
    [8, 40, 8, true],
    [4, 28, 4, true],
    [8, 28, 4, false],
    [0, 64, 8, false],
  ])('T=%i, %i heads, %i KV heads → %s', (t, heads, kv, ok) => expect(validTensorParallel(t, heads, kv)).toBe(ok));
});

describe('planScale on one machine', () => {
  const plans = planScale(llama70b());
  const tp = plans.find((p) => p.engine === 'vllm')!;
  const split = plans.find((p) => p.engine === 'llama.cpp')!;

  it('finds the smallest tensor-parallel size that fits, with per-device arithmetic', () => {
    expect(tp.kind).toBe('tensor-parallel');
    expect(tp.tensorParallelSize).toBe(2);
    expect(tp.fits).toBe(true);
    const kv = 2 * 80 * 8 * 128 * 2 * 8192;
    expect(tp.weightsBytesPerDevice).toBe(Math.ceil(42.5e9 / 2));
    expect(tp.kvCacheBytesPerDevice).toBe(Math.ceil(kv / 2));
    expect(tp.bytesPerDevice).toBe(Math.ceil(42.5e9 / 2 + kv / 2 + GIB));
    expect(tp.bytesPerDevice).toBeLessThanOrEqual(23 * GIB);
  });

  it('gives the vLLM command', () => {
    expect(tp.commands).toEqual(['vllm serve meta-llama/Llama-3.1-70B-Instruct --tensor-parallel-size 2 --max-model-len 8192']);
    expect(tp.notes.join(' ')).toContain('GGUF support is experimental');
  });

  it('gives the llama.cpp layer split and says it runs at about one card’s speed', () => {
    expect(split.kind).toBe('layer-split');
    expect(split.devices).toBe(2);
    expect(split.commands).toEqual(['llama-server -m Llama-3.1-70B-Instruct-Q4_K_M.gguf -ngl 99 --split-mode layer -c 8192']);
    expect(split.notes.join(' ')).toContain("about one card's decode speed");
    // Tensor parallelism reads the weights on both cards at once.
    expect(tp.decodeTokensPerSecond).toBeGreaterThan(split.decodeTokensPerSecond * 1.3);
  });

  it('plans exactly --gpus N when asked, fitting or not', () => {
    const four = planScale(llama70b({ gpus: 4 }));
    const v = four.find((p) => p.engine === 'vllm')!;
    expect(v.tensorParallelSize).toBe(4);
    expect(v.commands[0]).toContain('--tensor-parallel-size 4');
    expect(v.decodeTokensPerSecond).toBeGreaterThan(tp.decodeTokensPerSecond);
    const one = planScale(llama70b({ gpus: 1, nodes: 1 }));
    expect(one.every((p) => p.devices === 1 && !p.fits)).toBe(true);
  });

  it('falls back to pipeline parallelism when the GPU count does not divide the heads', () => {
    const three = planScale(llama70b({ gpus: 3 }));
    const v = three.find((p) => p.engine === 'vllm')!;
    expect(v.kind).toBe('pipeline-parallel');
    expect(v.commands[0]).toContain('--tensor-parallel-size 1 --pipeline-parallel-size 3');
    expect(v.notes.join(' ')).toContain('tensor parallel 3 is not allowed');
  });

  it('replicates KV heads when T exceeds them: a rank still holds one head', () => {
    const p = planScale(llama70b({ gpus: 16, maxGpusPerNode: 16 })).find((x) => x.engine === 'vllm')!;
    expect(p.tensorParallelSize).toBe(16);
    expect(p.kvCacheBytesPerDevice).toBe(Math.ceil((2 * 80 * 8 * 128 * 2 * 8192) / 8));
  });
});

describe('planScale across machines', () => {
  it('uses vLLM + Ray with TP = GPUs per node and PP = nodes when one machine is not enough', () => {
    const plans = planScale(big());
    const v = plans.find((p) => p.kind === 'multi-node-vllm')!;
    expect(v.nodes).toBe(2);
    expect(v.tensorParallelSize).toBe(8);
    expect(v.pipelineParallelSize).toBe(2);
    expect(v.devices).toBe(16);
    expect(v.fits).toBe(true);
    expect(v.commands).toEqual([
      '# on the head node',
      'ray start --head --port=6379',
      '# on each of the 1 other node',
      'ray start --address=HEAD_IP:6379',
      '# then, on the head node',
      'vllm serve meta-llama/Llama-3.1-405B-Instruct --tensor-parallel-size 8 --pipeline-parallel-size 2 --distributed-executor-backend ray --max-model-len 8192',
    ]);
  });

  it('uses llama.cpp RPC with one rpc-server per worker', () => {
    const plans = planScale(big({ gpus: 2, nodes: 3 }));
    const r = plans.find((p) => p.kind === 'multi-node-rpc')!;
    expect(r.devices).toBe(6);
    expect(r.commands).toContain('rpc-server -H 0.0.0.0 -p 50052');
    expect(r.commands.at(-1)).toBe('llama-server -m Llama-3.1-70B-Instruct-Q4_K_M.gguf --rpc WORKER1_IP:50052,WORKER2_IP:50052 -ngl 99 -c 8192');
    expect(r.notes.join(' ')).toContain('never expose rpc-server');
  });

  it('pays a network hop per extra machine: slower than the same cards in one machine', () => {
    const local = planScale(llama70b({ gpus: 4 })).find((p) => p.kind === 'layer-split')!;
    const remote = planScale(llama70b({ gpus: 2, nodes: 2 })).find((p) => p.kind === 'multi-node-rpc')!;
    expect(remote.devices).toBe(local.devices);
    expect(remote.decodeTokensPerSecond).toBeLessThan(local.decodeTokensPerSecond);
    expect(remote.explanation).toContain('network hop');
  });

  it('puts fitting plans first, then fewer devices', () => {
    const plans = planScale(big());
    const firstMiss = plans.findIndex((p) => !p.fits);
    if (firstMiss >= 0) expect(plans.slice(firstMiss).every((p) => !p.fits)).toBe(true);
    const fitting = plans.filter((p) => p.fits);
    for (let i = 1; i < fitting.length; i++) expect(fitting[i]!.devices).toBeGreaterThanOrEqual(fitting[i - 1]!.devices);
  });

  it('uses placeholders when the repo or file is unknown', () => {
    const plans = planScale(big({ hfRepo: null, ggufFile: null, gpus: 8, nodes: 2 }));
    expect(plans.find((p) => p.kind === 'multi-node-vllm')!.commands.at(-1)).toContain('vllm serve ORG/MODEL');
    expect(plans.find((p) => p.kind === 'multi-node-rpc')!.commands.at(-1)).toContain('llama-server -m MODEL.gguf');
  });
});
