// `fit --gpus N` / `fit --nodes M`: plans beyond one GPU or one machine (src/estimate/scale.ts)
// in the fit document and its human output. Hardware is planned (--gpu, --vram), never probed.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { render, run, type FitOptions } from '../../src/cli/commands/fit.js';
import { plainUi } from '../../src/core/ui.js';
import { FitDocumentSchema, type FitDocument, type FitScalePlan } from '../../src/render/fit-schema.js';
import { writeTinyLlama } from '../fixtures/gguf/make-gguf.js';

const ctx = { json: true, debug: false, catalogFiles: [] };

async function fit(o: FitOptions): Promise<FitDocument> {
  const d = await run({ kvQuant: 'f16', flashAttn: true, ram: 64, ...o }, ctx);
  return FitDocumentSchema.parse(d);
}

const text = async (d: FitDocument) => render(d, plainUi(120));
const byKind = (d: FitDocument, kind: FitScalePlan['kind']) => d.scale!.plans.find((p) => p.kind === kind)!;
/** The value of `--flag N` in a command line. */
const flag = (cmd: string, name: string) => Number(new RegExp(`${name} (\\d+)`).exec(cmd)?.[1]);
const serve = (p: FitScalePlan) => p.commands.find((c) => c.startsWith('vllm serve'))!;
const rpcHosts = (p: FitScalePlan) => /--rpc (\S+)/.exec(p.commands.find((c) => c.startsWith('llama-server'))!)![1]!.split(',');

function checkArithmetic(p: FitScalePlan) {
  const m = p.perDevice;
  for (const v of Object.values(m)) expect(Number.isInteger(v)).toBe(true);
  // Each part is rounded up on its own: the total is within 3 bytes of their sum.
  expect(Math.abs(m.totalBytes - (m.weightsBytes + m.kvCacheBytes + m.overheadBytes))).toBeLessThanOrEqual(3);
  // A plan fits when its memory does; a vLLM plan must also start (its KV pool at --gpu-memory-utilization).
  if (p.explanation.includes('vLLM would not start')) expect(p.fits).toBe(false);
  else expect(p.fits).toBe(m.totalBytes <= m.budgetBytes);
  expect(p.devices).toBe(p.nodes * p.gpusPerNode);
}

describe('fit --gpus N: one machine, several cards', () => {
  let d: FitDocument;
  /** The same model sized as BNB-NF4: what vLLM loads for a Q4_K_M request. */
  let nf4: FitDocument;
  beforeAll(async () => {
    d = await fit({ model: 'llama-3.1-70b', quant: 'Q4_K_M', gpu: '4090', gpus: 2 });
    nf4 = await fit({ model: 'llama-3.1-70b', quant: 'nf4', gpu: '4090', gpus: 2 });
  });

  it('Llama 3.1 70B Q4_K_M on 2 × RTX 4090 fits with a layer split; vLLM tensor parallel 2 holds the memory but does not start', () => {
    expect(d.scale).toMatchObject({ reason: 'requested', device: 'NVIDIA GeForce RTX 4090', gpusPerNode: 2, nodes: null });
    expect(d.scale!.plans.map((p) => p.kind).sort()).toEqual(['layer-split', 'tensor-parallel']);
    for (const p of d.scale!.plans) {
      checkArithmetic(p);
      // vLLM keeps --gpu-memory-utilization 0.9 of each card and profiles a peak (the sampler on 256
      // sequences) before its KV pool: 19.9 GiB of NF4 weights per card leave no pool (vllm-memory.ts).
      expect(p).toMatchObject({ nodes: 1, gpusPerNode: 2, devices: 2, fits: p.kind === 'layer-split' });
      if (p.kind === 'tensor-parallel') expect(p.explanation).toContain('vLLM would not start');
      expect(p.decodeTokensPerSecond).toBeGreaterThan(0);
      expect(p.promptTokensPerSecond).toBeGreaterThan(p.decodeTokensPerSecond!);
    }
    // Each card holds half of the weights of what its engine loads: the GGUF for llama.cpp, NF4 for vLLM.
    const split = byKind(d, 'layer-split');
    expect(split.quant).toBe('Q4_K_M');
    expect(split.perDevice.weightsBytes).toBe(Math.ceil(d.memory.weightsBytes / 2));
    const tp = byKind(d, 'tensor-parallel');
    expect(tp.quant).toBe('BNB-NF4');
    expect(tp.perDevice.weightsBytes).toBe(Math.ceil(nf4.memory.weightsBytes / 2));
    expect(tp.perDevice.budgetBytes).toBe(d.budget!.vramBytesPerGpu);
  });

  it('commands: --tensor-parallel-size is the plan’s, llama-server downloads the catalog’s GGUF', () => {
    const tp = byKind(d, 'tensor-parallel');
    expect(tp.tensorParallelSize).toBe(2);
    expect(flag(serve(tp), '--tensor-parallel-size')).toBe(tp.tensorParallelSize);
    expect(serve(tp)).toBe('vllm serve meta-llama/Llama-3.1-70B-Instruct --quantization bitsandbytes --tensor-parallel-size 2 --max-model-len 8192');
    const split = byKind(d, 'layer-split');
    expect(split.commands).toEqual([
      'llama-server -hf lmstudio-community/Meta-Llama-3.1-70B-Instruct-GGUF:Q4_K_M -ngl 99 --split-mode layer -c 8192 -np 1',
    ]);
    // Tensor parallelism reads both cards at once; the layer split runs them in turn.
    expect(tp.decodeTokensPerSecond!).toBeGreaterThan(split.decodeTokensPerSecond!);
  });

  it('human output: a "Beyond one GPU" table after the verdict, the commands, and that llm-pick never runs them', async () => {
    const out = await text(d);
    const verdict = out.indexOf('✓ Fits on 2 GPUs');
    const section = out.indexOf('Beyond one GPU');
    expect(verdict).toBeGreaterThan(0);
    expect(section).toBeGreaterThan(verdict);
    expect(out).toMatch(/│ plan\s+│ loads\s+│ GPUs\s+│\s+memory\/GPU │ fits │ tok\/s gen · prompt │/);
    expect(out).toMatch(/│ vLLM tensor parallel 2 │ BNB-NF4 │ 2 GPUs │ \d+\.\d \/ 23\.5 GiB │ no   │\s+\d+ · [\d,]+ │/);
    expect(out).toMatch(/│ llama\.cpp layer split\s+│ Q4_K_M\s+│ 2 GPUs │/);
    expect(out).toContain('it never starts them');
    // Commands only for the plans that fit.
    expect(out).not.toContain('vLLM tensor parallel 2 on 2 GPUs, BNB-NF4:');
    expect(out).toContain('--split-mode layer');
    expect(out).not.toContain('fit sizes one machine');
  });

  it('--gpus 3 does not divide 64 heads: vLLM falls back to pipeline parallel 3', async () => {
    const three = await fit({ model: 'llama-3.1-70b', quant: 'q4', gpu: '3090', gpus: 3 });
    const pp = byKind(three, 'pipeline-parallel');
    expect(pp).toMatchObject({ devices: 3, tensorParallelSize: 1, pipelineParallelSize: 3, fits: true });
    expect(flag(serve(pp), '--pipeline-parallel-size')).toBe(3);
  });

  it('vLLM never loads the GGUF: each quant maps to a format served from the catalog repo, sized as that format', async () => {
    const cases = [
      { quant: 'q8', loads: 'FP8', flag: ' --quantization fp8 ', same: 'fp8' },
      { quant: 'q6', loads: 'FP8', flag: ' --quantization fp8 ', same: 'fp8' },
      { quant: 'q5', loads: 'BNB-NF4', flag: ' --quantization bitsandbytes ', same: 'nf4' },
      { quant: 'bf16', loads: 'BF16', flag: ' --tensor-parallel-size', same: 'bf16' },
    ];
    for (const c of cases) {
      const doc = await fit({ model: 'llama-3.1-70b', quant: c.quant, gpu: 'h100', gpus: 2 });
      const twin = await fit({ model: 'llama-3.1-70b', quant: c.same, gpu: 'h100', gpus: 2 });
      const v = byKind(doc, 'tensor-parallel');
      expect(v.quant).toBe(c.loads);
      expect(serve(v)).toContain(`vllm serve meta-llama/Llama-3.1-70B-Instruct${c.flag}`);
      expect(v.perDevice.weightsBytes).toBe(Math.ceil(twin.memory.weightsBytes / 2));
      // The llama.cpp plan keeps the GGUF.
      expect(byKind(doc, 'layer-split').perDevice.weightsBytes).toBe(Math.ceil(doc.memory.weightsBytes / 2));
    }
    const bf16 = await fit({ model: 'llama-3.1-70b', quant: 'bf16', gpu: 'h100', gpus: 2 });
    expect(serve(byKind(bf16, 'tensor-parallel'))).not.toContain('--quantization');
    // AWQ needs a checkpoint the catalog does not list: a placeholder named after the repo, said plainly.
    const awq = await fit({ model: 'llama-3.1-70b', quant: 'awq', gpu: '4090', gpus: 2 });
    expect(serve(byKind(awq, 'tensor-parallel'))).toBe('vllm serve ORG/Llama-3.1-70B-Instruct-AWQ --tensor-parallel-size 2 --max-model-len 8192');
    expect(byKind(awq, 'tensor-parallel').notes.join(' ')).toContain('placeholder');
  });

  it('gpt-oss ships MXFP4 experts: vLLM serves its checkpoint as stored, with no --quantization flag', async () => {
    const d = await fit({ model: 'gpt-oss-120b', quant: 'q4', gpu: '4090', gpus: 4 });
    const v = byKind(d, 'tensor-parallel');
    expect(v.quant).toBe('MXFP4+BF16');
    expect(serve(v)).toBe('vllm serve openai/gpt-oss-120b --tensor-parallel-size 4 --max-model-len 8192');
  });

  it('SXM cards are planned over NVLink, others over PCIe', async () => {
    const h100 = await fit({ model: 'llama-3.1-70b', quant: 'q8', gpu: 'h100', gpus: 2 });
    expect(byKind(h100, 'tensor-parallel').notes.join(' ')).toContain('(nvlink)');
    expect(byKind(d, 'tensor-parallel').notes.join(' ')).toContain('(pcie)');
  });
});

describe('fit --nodes M: several machines', () => {
  let d: FitDocument;
  beforeAll(async () => {
    d = await fit({ model: 'llama-3.1-405b', quant: 'q4', gpu: 'h100', nodes: 2 });
  });

  it('llama-3.1-405b Q4 on 2 machines of H100: vLLM + Ray and llama.cpp RPC, only multi-machine plans', () => {
    expect(d.fits).toBe(false); // one H100 does not hold 226 GiB
    expect(d.scale).toMatchObject({ reason: 'requested', nodes: 2, gpusPerNode: null });
    expect(d.scale!.plans.map((p) => p.kind).sort()).toEqual(['multi-node-rpc', 'multi-node-vllm']);
    for (const p of d.scale!.plans) {
      checkArithmetic(p);
      expect(p.nodes).toBe(2);
      expect(p.fits).toBe(true);
    }
    expect(d.warnings.join(' ')).not.toContain('--nodes');
  });

  it('vLLM: ray start on the head and the workers, tensor size = GPUs per node, pipeline size = nodes', () => {
    const v = byKind(d, 'multi-node-vllm');
    expect(v.tensorParallelSize).toBe(v.gpusPerNode);
    expect(v.pipelineParallelSize).toBe(v.nodes);
    // The fewest H100s per machine that hold it on two machines (4 × 80 GiB for ~231 GiB).
    expect(v.gpusPerNode).toBe(2);
    expect(v.commands).toContain('ray start --head --port=6379');
    expect(v.commands).toContain('ray start --address=HEAD_IP:6379');
    const cmd = serve(v);
    expect(flag(cmd, '--tensor-parallel-size')).toBe(v.tensorParallelSize);
    expect(flag(cmd, '--pipeline-parallel-size')).toBe(2);
    expect(cmd).toContain('--distributed-executor-backend ray');
    expect(cmd).toContain('vllm serve meta-llama/Meta-Llama-3.1-405B-Instruct');
    // Ray comes up before vllm serve.
    expect(v.commands.indexOf('ray start --head --port=6379')).toBeLessThan(v.commands.indexOf(cmd));
  });

  it('RPC: one rpc-server per worker, --rpc lists nodes − 1 hosts; no GGUF repo in the catalog → a placeholder file', () => {
    const r = byKind(d, 'multi-node-rpc');
    expect(r.commands).toContain('rpc-server -H 0.0.0.0 -p 50052');
    expect(rpcHosts(r)).toHaveLength(r.nodes - 1);
    expect(r.commands.at(-1)).toMatch(/^llama-server -m MODEL\.gguf --rpc /);
    expect(r.notes.join(' ')).toContain('never expose rpc-server');
  });

  it('--nodes 3 --gpus 2: exactly that hardware; pipeline 3, two RPC workers', async () => {
    const three = await fit({ model: 'llama-3.1-405b', quant: 'q4', gpu: 'h100', nodes: 3, gpus: 2 });
    expect(three.scale).toMatchObject({ nodes: 3, gpusPerNode: 2 });
    const v = byKind(three, 'multi-node-vllm');
    expect(v).toMatchObject({ nodes: 3, gpusPerNode: 2, devices: 6, tensorParallelSize: 2, pipelineParallelSize: 3 });
    expect(flag(serve(v), '--pipeline-parallel-size')).toBe(3);
    const r = byKind(three, 'multi-node-rpc');
    expect(rpcHosts(r)).toEqual(['WORKER1_IP:50052', 'WORKER2_IP:50052']);
  });

  it('human output: "Beyond one machine", both sets of commands', async () => {
    const out = await text(d);
    expect(out).toContain('Beyond one machine');
    expect(out).toMatch(/│ vLLM \+ Ray \(TP 2, PP 2\)\s+│ BNB-NF4 │ 2 nodes × 2 │ \d+\.\d \/ 79\.5 GiB │ yes/);
    expect(out).toContain('  ray start --head --port=6379');
    expect(out).toContain('  # on the other node');
    expect(out).toContain('  # on the worker (llama.cpp built with -DGGML_RPC=ON)');
    expect(out).not.toMatch(/each of the 1 /);
    expect(out).toContain('  rpc-server -H 0.0.0.0 -p 50052');
    expect(out).toContain('it never starts them');
  });

  it('--nodes 1: one machine only', async () => {
    const one = await fit({ model: 'llama-3.1-70b', quant: 'q4', gpu: '4090', nodes: 1 });
    expect(one.scale!.plans.length).toBeGreaterThan(0);
    expect(one.scale!.plans.every((p) => p.nodes === 1)).toBe(true);
    expect(one.scale!.plans.find((p) => p.fits)!.devices).toBe(2);
  });
});

describe('when the scale section appears', () => {
  it('a model that fits one card gets none, unless --gpus or --nodes asks', async () => {
    const d = await fit({ model: 'llama-3.1-8b', quant: 'q4', gpu: '4090' });
    expect(d.fits).toBe(true);
    expect(d.scale).toBeNull();
    expect(await text(d)).not.toContain('Beyond one');
    const asked = await fit({ model: 'llama-3.1-8b', quant: 'q4', gpu: '4090', gpus: 2 });
    expect(asked.scale!.plans.length).toBeGreaterThan(0);
    const nodes = await fit({ model: 'llama-3.1-8b', quant: 'q4', gpu: '4090', nodes: 1 });
    expect(nodes.scale!.plans.every((p) => p.devices === 1 && p.fits)).toBe(true);
  });

  it('a model that does not fit one card of a known kind gets plans on its own', async () => {
    const d = await fit({ model: 'llama-3.1-70b', quant: 'q4', gpu: '4090' });
    expect(d.fits).toBe(false);
    expect(d.scale!.reason).toBe('does-not-fit');
    const first = d.scale!.plans[0]!;
    expect(first).toMatchObject({ fits: true, devices: 2, nodes: 1 });
    const out = await text(d);
    expect(out).toContain(
      "It would fit on 2 × NVIDIA GeForce RTX 4090 with llama.cpp's layer split (--split-mode layer), or 4 × NVIDIA GeForce RTX 4090 with vLLM tensor parallelism (--tensor-parallel-size 4) in BNB-NF4.",
    );
    // Too big for one machine of 8: several machines are proposed.
    const big = await fit({ model: 'llama-3.1-405b', quant: 'q4', gpu: '4090' });
    expect(big.scale!.plans.some((p) => p.nodes > 1 && p.fits)).toBe(true);
    expect(big.scale!.plans.some((p) => p.nodes === 1 && p.fits)).toBe(false);
  });

  it('405B Q4 on RTX 4090s: fewest machines first (2 × 8 with vLLM), then 11 × 1 over RPC', async () => {
    const big = await fit({ model: 'llama-3.1-405b', quant: 'q4', gpu: '4090' });
    expect(big.scale!.plans.map((p) => [p.kind, p.nodes, p.gpusPerNode, p.fits])).toEqual([
      ['multi-node-vllm', 2, 8, true],
      ['multi-node-rpc', 11, 1, true],
    ]);
    const out = await text(big);
    expect(out).toContain('It would fit on 2 machines × 8 × NVIDIA GeForce RTX 4090 with vLLM + Ray');
    expect(out.indexOf('vLLM + Ray (TP 8, PP 2) on 2 machines × 8 GPUs')).toBeLessThan(out.indexOf('llama.cpp RPC on 11 machines × 1 GPU'));
    expect(out).toContain('  # on each of the 10 workers (llama.cpp built with -DGGML_RPC=ON)');
  });

  it('--vram alone is no known kind: no plans unless asked; asked, memory per device and no speed', async () => {
    const d = await fit({ model: 'llama-3.1-70b', quant: 'q4', vram: 24 });
    expect(d.fits).toBe(false);
    expect(d.scale).toBeNull();
    const asked = await fit({ model: 'llama-3.1-70b', quant: 'q4', vram: 24, gpus: 2 });
    expect(asked.scale!.device).toBe('23.5 GiB GPU');
    for (const p of asked.scale!.plans) {
      // vLLM's utilization share and profiled peak leave no KV pool at TP 2 (as on 2 × RTX 4090 above).
      expect(p.fits).toBe(p.kind === 'layer-split');
      expect(p.decodeTokensPerSecond).toBeNull();
      expect(p.promptTokensPerSecond).toBeNull();
      expect(p.explanation).toContain('speed unknown');
    }
    expect(await text(asked)).toContain('— (bandwidth unknown)');
  });

  it('--nodes without GPU memory to plan for: a warning, no plans', async () => {
    const d = await fit({ params: 8, quant: 'q4', cpuOnly: true, ram: 32, nodes: 2 });
    expect(d.scale).toBeNull();
    expect(d.warnings.join(' ')).toMatch(/--nodes 2: .*--gpu NAME/);
  });

  it('placeholders when the model has no repo: ORG/MODEL and MODEL.gguf; a quant missing from the GGUF repo too', async () => {
    const d = await fit({ params: 70, quant: 'q4', gpu: '4090', gpus: 2 });
    expect(serve(byKind(d, 'tensor-parallel'))).toContain('vllm serve ORG/MODEL ');
    expect(byKind(d, 'layer-split').commands[0]).toMatch(/^llama-server -m MODEL\.gguf /);
    const q40 = await fit({ model: 'llama-3.1-70b', quant: 'Q4_0', gpu: '4090', gpus: 2 });
    expect(byKind(q40, 'layer-split').commands[0]).toMatch(/^llama-server -m MODEL\.gguf /);
  });

  it('--gguf FILE: llama-server loads that file (quoted when the path needs it)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'llm-pick-scale-')), 'my models');
    mkdirSync(dir);
    const plain = join(dir, '..', 'tiny.gguf');
    writeTinyLlama(plain);
    const spaced = join(dir, 'tiny.gguf');
    copyFileSync(plain, spaced);
    const a = await fit({ gguf: plain, vram: 1, gpus: 2 });
    expect(byKind(a, 'layer-split').commands[0]).toContain(`llama-server -m ${plain} `);
    const b = await fit({ gguf: spaced, vram: 1, gpus: 2 });
    expect(byKind(b, 'layer-split').commands[0]).toContain(`llama-server -m '${spaced}' `);
  });
});
