import { describe, expect, it } from 'vitest';
import {
  comparePlans,
  planScale,
  validTensorParallel,
  vllmFormatFor,
  type MemoryOnlyScalePlan,
  type ScaleInput,
  type VllmLoad,
} from '../../src/estimate/scale.js';
import type { QuantId } from '../../src/estimate/quants.js';
import type { SpeedHardware } from '../../src/estimate/types.js';

const GIB = 2 ** 30;
const rtx4090: SpeedHardware = { memoryBandwidthGBps: 1008, fp16Tflops: 330, backend: 'cuda', gpus: 1, ramBandwidthGBps: 51.2 };

/** What vLLM loads for `quant`, with `weights` bytes of it (KV cache and overhead as given). */
function vllmLoad(quant: QuantId, weights: number, kv: number, bitsPerWeight: number): VllmLoad {
  return {
    format: vllmFormatFor(quant),
    memory: { weightsBytes: weights, kvCacheBytes: kv, overheadBytes: GIB, totalBytes: weights + kv + GIB },
    weights: { totalBytes: weights, bytesReadPerToken: weights * 0.98, perLayerBytes: weights / 82, nonLayerBytes: weights * 0.03, bitsPerWeight },
  };
}

const KV70 = 2 * 80 * 8 * 128 * 2 * 8192;
// vLLM's load for a Q4_K_M GGUF: the BF16 checkpoint quantized to NF4 while loading (4.5 bits per
// quantized weight, embeddings and head in 16-bit): ~42.9 GB for 70B.
const NF4_70B = 42.9e9;

// Llama 3.1 70B at Q4_K_M-like size: 80 layers, 64 heads, 8 KV heads; KV at 8192 tokens = 2.68 GB.
function llama70b(over: Partial<ScaleInput> = {}): ScaleInput {
  const weights = 42.5e9;
  const kv = KV70;
  return {
    memory: { weightsBytes: weights, kvCacheBytes: kv, overheadBytes: 1 * GIB, totalBytes: weights + kv + GIB },
    weights: { totalBytes: weights, bytesReadPerToken: 41.5e9, perLayerBytes: 0.515e9, nonLayerBytes: 1.3e9, bitsPerWeight: 4.8 },
    shape: { layers: 80, attentionHeads: 64, kvHeads: 8, activeParams: 70.55e9 },
    quant: 'Q4_K_M',
    vllm: vllmLoad('Q4_K_M', NF4_70B, kv, 4.84),
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
    vllm: vllmLoad('Q4_K_M', 234e9, kv, 4.62),
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

  it('finds the smallest tensor-parallel size that fits, with per-device arithmetic of what vLLM loads', () => {
    expect(tp.kind).toBe('tensor-parallel');
    expect(tp.tensorParallelSize).toBe(2);
    expect(tp.fits).toBe(true);
    expect(tp.quant).toBe('BNB-NF4');
    expect(tp.weightsBytesPerDevice).toBe(Math.ceil(NF4_70B / 2));
    expect(tp.kvCacheBytesPerDevice).toBe(Math.ceil(KV70 / 2));
    expect(tp.bytesPerDevice).toBe(Math.ceil(NF4_70B / 2 + KV70 / 2 + GIB));
    expect(tp.bytesPerDevice).toBeLessThanOrEqual(23 * GIB);
    // The llama.cpp plan keeps the GGUF's own memory.
    expect(split.quant).toBe('Q4_K_M');
    expect(split.weightsBytesPerDevice).toBe(Math.ceil(42.5e9 / 2));
  });

  it('gives the vLLM command: the catalog repo quantized to NF4 while loading, never the GGUF', () => {
    expect(tp.commands).toEqual([
      'vllm serve meta-llama/Llama-3.1-70B-Instruct --quantization bitsandbytes --tensor-parallel-size 2 --max-model-len 8192',
    ]);
    const notes = tp.notes.join(' ');
    expect(notes).toContain('not this GGUF');
    expect(notes).toContain('4-bit NF4 with bitsandbytes');
    expect(notes).toContain('trade-off');
    expect(notes).toContain('not for the Q4_K_M of the llama.cpp plans');
  });

  it('sizes vLLM for its own load: a 16-bit checkpoint needs more cards than the GGUF', () => {
    const bf16 = planScale(llama70b({ vllm: vllmLoad('BF16', 141e9, KV70, 16) }));
    const v = bf16.find((p) => p.engine === 'vllm')!;
    expect(v).toMatchObject({ quant: 'BF16', tensorParallelSize: 8, fits: true });
    expect(v.commands[0]).toBe('vllm serve meta-llama/Llama-3.1-70B-Instruct --tensor-parallel-size 8 --max-model-len 8192');
    expect(bf16.find((p) => p.engine === 'llama.cpp')!.devices).toBe(2);
  });

  it('8-bit GGUF → --quantization fp8; AWQ → a placeholder repo named after the catalog one', () => {
    const q8 = planScale(llama70b({ quant: 'Q8_0', vllm: vllmLoad('Q8_0', 72e9, KV70, 8.24), gpus: 4 })).find((p) => p.engine === 'vllm')!;
    expect(q8.quant).toBe('FP8');
    expect(q8.commands[0]).toBe('vllm serve meta-llama/Llama-3.1-70B-Instruct --quantization fp8 --tensor-parallel-size 4 --max-model-len 8192');
    expect(q8.notes.join(' ')).toContain('compute capability >= 8.9');
    const awq = planScale(llama70b({ quant: 'AWQ-INT4', vllm: vllmLoad('AWQ-INT4', 40e9, KV70, 4.3) })).find((p) => p.engine === 'vllm')!;
    expect(awq.commands[0]).toBe('vllm serve ORG/Llama-3.1-70B-Instruct-AWQ --tensor-parallel-size 2 --max-model-len 8192');
    expect(awq.notes.join(' ')).toContain('placeholder');
  });

  it('gives the llama.cpp layer split and says it runs at about one card’s speed', () => {
    expect(split.kind).toBe('layer-split');
    expect(split.devices).toBe(2);
    expect(split.commands).toEqual(['llama-server -m Llama-3.1-70B-Instruct-Q4_K_M.gguf -ngl 99 --split-mode layer -c 8192 -np 1']);
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
      '# on the other node',
      'ray start --address=HEAD_IP:6379',
      '# then, on the head node',
      'vllm serve meta-llama/Llama-3.1-405B-Instruct --quantization bitsandbytes --tensor-parallel-size 8 --pipeline-parallel-size 2 --distributed-executor-backend ray --max-model-len 8192',
    ]);
    // Three machines: "each of the 2 other nodes".
    const three = planScale(big({ gpus: 8, nodes: 3 })).find((p) => p.kind === 'multi-node-vllm')!;
    expect(three.commands[2]).toBe('# on each of the 2 other nodes');
  });

  it('uses llama.cpp RPC with one rpc-server per worker', () => {
    const plans = planScale(big({ gpus: 2, nodes: 3 }));
    const r = plans.find((p) => p.kind === 'multi-node-rpc')!;
    expect(r.devices).toBe(6);
    expect(r.commands).toEqual([
      '# on each of the 2 workers (llama.cpp built with -DGGML_RPC=ON)',
      'rpc-server -H 0.0.0.0 -p 50052',
      '# on the main host',
      'llama-server -m Llama-3.1-70B-Instruct-Q4_K_M.gguf --rpc WORKER1_IP:50052,WORKER2_IP:50052 -ngl 99 -c 8192 -np 1',
    ]);
    expect(r.notes.join(' ')).toContain('never expose rpc-server');
    const two = planScale(big({ gpus: 8, nodes: 2 })).find((p) => p.kind === 'multi-node-rpc')!;
    expect(two.commands[0]).toBe('# on the worker (llama.cpp built with -DGGML_RPC=ON)');
  });

  it('pays a network hop per extra machine: slower than the same cards in one machine', () => {
    const local = planScale(llama70b({ gpus: 4 })).find((p) => p.kind === 'layer-split')!;
    const remote = planScale(llama70b({ gpus: 2, nodes: 2 })).find((p) => p.kind === 'multi-node-rpc')!;
    expect(remote.devices).toBe(local.devices);
    expect(remote.decodeTokensPerSecond).toBeLessThan(local.decodeTokensPerSecond);
    expect(remote.explanation).toContain('network hop');
  });

  it('a 405B-class model on RTX 4090s: 2 machines × 8 GPUs (vLLM) come before 10 machines × 1 GPU (RPC), though RPC uses fewer GPUs', () => {
    const plans = planScale(big());
    expect(plans.map((p) => [p.kind, p.nodes, p.gpusPerNode, p.fits])).toEqual([
      ['multi-node-vllm', 2, 8, true],
      ['multi-node-rpc', 10, 1, true],
    ]);
  });

  it('orders fitting plans by machines, then GPUs, then speed; plans that do not fit come last', () => {
    const p = (id: string, fits: boolean, nodes: number, devices: number, decode: number | null) =>
      ({ kind: 'layer-split', explanation: id, fits, nodes, devices, decodeTokensPerSecond: decode }) as unknown as MemoryOnlyScalePlan;
    const plans = [
      p('miss-1', false, 1, 1, 50),
      p('11x1', true, 11, 11, 2.5),
      p('2x8-slow', true, 2, 16, 10),
      p('1x8', true, 1, 8, 5),
      p('2x8-fast', true, 2, 16, 17),
      p('1x4', true, 1, 4, 1),
      p('2x4', true, 2, 8, 30),
      p('1x4-unknown', true, 1, 4, null),
      p('miss-16', false, 16, 16, 1),
    ];
    expect(plans.sort(comparePlans).map((x) => x.explanation)).toEqual([
      '1x4',
      '1x4-unknown',
      '1x8',
      '2x4',
      '2x8-fast',
      '2x8-slow',
      '11x1',
      'miss-1',
      'miss-16',
    ]);
  });

  it('uses placeholders when the repo or file is unknown', () => {
    const plans = planScale(big({ hfRepo: null, ggufFile: null, gpus: 8, nodes: 2 }));
    expect(plans.find((p) => p.kind === 'multi-node-vllm')!.commands.at(-1)).toContain('vllm serve ORG/MODEL --quantization bitsandbytes ');
    expect(plans.find((p) => p.kind === 'multi-node-rpc')!.commands.at(-1)).toContain('llama-server -m MODEL.gguf');
  });
});

describe('vllmFormatFor: what vLLM loads from the catalog repo for each quant', () => {
  it.each([
    ['F16', 'BF16', null],
    ['BF16', 'BF16', null],
    ['F32', 'BF16', null],
    ['Q8_0', 'FP8', 'fp8'],
    ['Q6_K', 'FP8', 'fp8'],
    ['FP8', 'FP8', 'fp8'],
    ['BNB-INT8', 'FP8', 'fp8'],
    ['Q5_K_M', 'BNB-NF4', 'bitsandbytes'],
    ['Q4_K_M', 'BNB-NF4', 'bitsandbytes'],
    ['IQ4_XS', 'BNB-NF4', 'bitsandbytes'],
    ['Q3_K_M', 'BNB-NF4', 'bitsandbytes'],
    ['Q2_K', 'BNB-NF4', 'bitsandbytes'],
    ['MXFP4', 'BNB-NF4', 'bitsandbytes'],
    ['BNB-NF4', 'BNB-NF4', 'bitsandbytes'],
    ['AWQ-INT4', 'AWQ-INT4', null],
    ['GPTQ-INT4', 'GPTQ-INT4', null],
  ] as const)('%s → %s (--quantization %s)', (quant, loads, flag) => {
    const f = vllmFormatFor(quant);
    expect(f.quant).toBe(loads);
    expect(f.flag).toBe(flag);
    expect(f.placeholderSuffix).toBe(quant === 'AWQ-INT4' ? '-AWQ' : quant === 'GPTQ-INT4' ? '-GPTQ-Int4' : null);
    expect(f.notes.length).toBeGreaterThan(0);
  });

  it('a checkpoint released with MXFP4 experts (gpt-oss) is served as stored, whatever the GGUF quant', () => {
    for (const q of ['Q4_K_M', 'Q8_0', 'MXFP4', 'F16'] as const) {
      expect(vllmFormatFor(q, { nativeExpertType: 'MXFP4' })).toMatchObject({ quant: 'BF16', label: 'MXFP4+BF16', flag: null, placeholderSuffix: null });
    }
  });
});
