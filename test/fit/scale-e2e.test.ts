// The built CLI (npm test builds first): `fit --gpus N` / `fit --nodes M` plans, in JSON (checked
// against the published schema) and in the human output.
import { describe, expect, it } from 'vitest';
import { FitDocumentSchema } from '../../src/render/fit-schema.js';
import { NO_NETWORK, runBin } from '../helpers/bin.js';

describe('llm-pick fit beyond one GPU (built bin)', () => {
  it('fit --model llama-3.1-70b --quant q4 --gpu "RTX A6000" --gpus 2 --json: tensor parallel 2 and a layer split', () => {
    const r = runBin(['fit', '--model', 'llama-3.1-70b', '--quant', 'q4', '--gpu', 'RTX A6000', '--gpus', '2', '--ram', '64', '--json'], {
      nodeArgs: ['--import', NO_NETWORK],
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const d = FitDocumentSchema.parse(JSON.parse(r.stdout));
    const tp = d.scale!.plans.find((p) => p.kind === 'tensor-parallel')!;
    expect(tp).toMatchObject({ tensorParallelSize: 2, devices: 2, fits: true, quant: 'BNB-NF4' });
    expect(tp.commands[0]).toContain('--tensor-parallel-size 2');
    expect(d.scale!.plans.find((p) => p.kind === 'layer-split')!.fits).toBe(true);
  });

  it('fit --model llama-3.1-405b --quant q4 --gpu h100 --nodes 2 --json: vLLM + Ray and RPC over 2 machines', () => {
    const r = runBin(['fit', '--model', 'llama-3.1-405b', '--quant', 'q4', '--gpu', 'h100', '--nodes', '2', '--ram', '64', '--json'], {
      nodeArgs: ['--import', NO_NETWORK],
    });
    expect(r.status).toBe(0);
    const d = FitDocumentSchema.parse(JSON.parse(r.stdout));
    expect(d.warnings.join(' ')).not.toContain('fit sizes one machine');
    const v = d.scale!.plans.find((p) => p.kind === 'multi-node-vllm')!;
    expect(v).toMatchObject({ nodes: 2, pipelineParallelSize: 2, fits: true });
    expect(v.commands).toContain('ray start --head --port=6379');
    expect(v.commands.at(-1)).toContain(`--tensor-parallel-size ${v.tensorParallelSize} --pipeline-parallel-size 2`);
    const rpc = d.scale!.plans.find((p) => p.kind === 'multi-node-rpc')!;
    expect(rpc.commands.at(-1)).toMatch(/--rpc WORKER1_IP:50052 /);
  });

  it('human output: the section, a table with units, the commands', () => {
    const r = runBin(['fit', '--model', 'llama-3.1-70b', '--quant', 'q8', '--gpu', 'RTX A6000', '--ram', '64']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Beyond one GPU');
    expect(r.stdout).toContain('It would fit on 2 × NVIDIA RTX A6000');
    expect(r.stdout).toMatch(/│ vLLM tensor parallel 2 │ FP8\s+│ 2 GPUs │ [\d.]+ \/ [\d.]+ GiB │ yes/);
    expect(r.stdout).toContain('llm-pick prints these commands; it never starts them.');
    expect(r.stdout).toContain(
      '  vllm serve meta-llama/Llama-3.1-70B-Instruct --quantization fp8 --tensor-parallel-size 2 --max-model-len 8192',
    );
  });
});
