// The built CLI (`npm run build` first): serving flags, one local-cost model for recommend and
// cost, and bad input. Hardware comes from flags, so nothing depends on this machine.
import { describe, expect, it } from 'vitest';
import { CostJson, RecommendJson } from '../../src/decide/output-schema.js';
import { FitDocumentSchema } from '../../src/render/fit-schema.js';
import { runBin } from '../helpers/bin.js';

const HW = ['--gpu', 'rtx-3090', '--ram', '64'];

function json(args: string[]) {
  const r = runBin([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

describe('recommend and cost: one economic model', () => {
  for (const users of ['1', '8']) {
    it(`the same monthly local cost and break-even at 5M tokens/day, --users ${users}`, () => {
      const args = [...HW, '--tokens-per-day', '5000000', '--users', users];
      const rec = RecommendJson.parse(json(['recommend', ...args]));
      const cost = CostJson.parse(json(['cost', ...args]));
      expect(rec.localCost).not.toBeNull();
      expect(rec.localCost!.modelId).toBe(cost.local.modelId);
      expect(rec.localCost!.monthlyUsd).toBe(cost.local.monthlyUsd);
      expect(rec.localCost!.busyHoursPerDay).toBe(cost.local.busyHoursPerDay);
      expect(rec.localCost!.breakEvenTokensPerDay).toBe(cost.breakEvenTokensPerDay);
      expect(rec.localCost!.breakEvenAgainst).toBe(cost.breakEvenAgainst);
      // The verdict's reason quotes the same figure.
      expect(rec.deployment.reasons.join(' ')).toContain(`$${cost.local.monthlyUsd!.toFixed(2)}/month`);
    });
  }
});

describe('cost follows the load', () => {
  const at = (t: string) => CostJson.parse(json(['cost', ...HW, '--model', 'qwen-2.5-14b', '--tokens-per-day', t]));
  const small = at('1000000');
  const big = at('50000000');

  it('1M and 50M tokens/day: different electricity, busy hours and GPUs needed', () => {
    expect(big.local.electricityUsd!).toBeGreaterThan(small.local.electricityUsd!);
    expect(big.local.busyHoursPerDay!).toBeGreaterThan(small.local.busyHoursPerDay!);
    expect(small.local.gpusNeeded).toBe(1);
    expect(big.local.gpusNeeded).toBeGreaterThan(1);
    expect(big.notes.join(' ')).toMatch(new RegExp(`50M tokens/day needs ${big.local.machinesNeeded} machines \\(${big.local.gpusNeeded} GPUs`));
  });

  it('the break-even is where its own curve crosses', () => {
    for (const doc of [small, big]) {
      const be = doc.breakEvenTokensPerDay!;
      const id = doc.breakEvenAgainst!;
      expect(be).toBeGreaterThan(0);
      const curve = doc.local.curve;
      expect(curve.length).toBeGreaterThan(10);
      const before = curve.filter((p) => p.tokensPerDay < be * 0.99);
      const after = curve.filter((p) => p.tokensPerDay > be * 1.01);
      expect(before.length).toBeGreaterThan(0);
      expect(after.length).toBeGreaterThan(0);
      expect(before.every((p) => p.api[id]! < p.localMonthlyUsd!)).toBe(true);
      expect(after[0]!.api[id]!).toBeGreaterThanOrEqual(after[0]!.localMonthlyUsd!);
    }
  });

  it('human output: the load, the GPUs needed and the chart with the break-even marked', () => {
    const r = runBin(['cost', ...HW, '--model', 'qwen-2.5-14b', '--tokens-per-day', '50000000']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Load: [\d.]+ busy hours a day at 1 concurrent user; GPUs needed: \d+ \(\d+ machines\)/);
    expect(r.stdout).toContain('Monthly cost against volume (log scales)');
    expect(r.stdout).toMatch(/\| = break-even [\d.]+[KM]? tokens\/day/);
  });

  it('--gpu-power and --idle-power override the catalog figures', () => {
    const doc = CostJson.parse(json(['cost', ...HW, '--gpu-power', '250', '--idle-power', '20']));
    expect(doc.local.watts).toBe(250);
    expect(doc.local.idleWatts).toBe(20);
    const busy = doc.local.busyHoursPerDay!;
    expect(doc.local.energyKwhPerDay!).toBeCloseTo((busy * 250 + (24 - busy) * 20) / 1000, 2);
  });
});

describe('fit --json serving', () => {
  it('vLLM: the pool in tokens and the concurrency as vLLM logs them, the command with the same numbers', () => {
    const doc = FitDocumentSchema.parse(json(['fit', '--model', 'llama-3.1-8b', '--quant', 'awq', '--engine', 'vllm', '--users', '16', '--ctx', '16384', ...HW]));
    const s = doc.serving!;
    expect(s.engine).toBe('vllm');
    expect(s.gpuMemoryUtilization).toBe(0.9);
    expect(s.kvCacheTokens % 16).toBe(0);
    expect(s.maxConcurrency).toBeCloseTo(s.kvCacheTokens / 16 / Math.ceil(16384 / 16), 2);
    expect(s.logLines[0]).toBe(`GPU KV cache size: ${s.kvCacheTokens.toLocaleString('en-US')} tokens`);
    expect(s.logLines[1]).toMatch(/^Maximum concurrency for 16,384 tokens per request: \d+\.\d\dx$/);
    expect(s.command).toBe('vllm serve ORG/MODEL-AWQ --max-model-len 16384 --gpu-memory-utilization 0.9 --max-num-seqs 16');
    expect(s.aggregateDecodeTokensPerSecond!).toBeGreaterThan(s.perUserDecodeTokensPerSecond! * 4);
    expect(s.timeToFirstTokenSeconds!).toBeGreaterThan(0);
    expect(doc.speed!.decodeTokensPerSecondAtDepth0).toBeGreaterThan(doc.speed!.decodeTokensPerSecond);
  });

  it('llama.cpp: -np slots over a shared -c, memory per slot', () => {
    const doc = FitDocumentSchema.parse(json(['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--users', '4', '--ctx', '8192', ...HW]));
    const s = doc.serving!;
    expect(s.engine).toBe('llama.cpp');
    expect(s.kvCacheTokens).toBe(4 * 8192);
    expect(s.kvCacheBytesPerSlot).toBe(s.kvCacheBytes / 4);
    expect(s.maxConcurrency).toBeGreaterThanOrEqual(4);
    expect(s.command).toMatch(/ -c 32768 -np 4 --kv-unified -ngl 99$/);
  });
});

describe('beyond one node: the Kubernetes route carries the plan\'s numbers', () => {
  it('a 671 B model in BF16 on H100s: vLLM + Ray on 2 machines, and the production-stack Helm install with the same TP, PP and context', () => {
    const r = runBin(['fit', '--model', 'deepseek-v3.1', '--quant', 'fp16', '--gpu', 'h100', '--engine', 'vllm', '--ctx', '8192', '--ram', '64']);
    expect(r.status).toBe(0);
    const out = r.stdout;
    const serve = out.split('\n').find((l) => l.trim().startsWith('vllm serve ') && l.includes('--pipeline-parallel-size'))!;
    expect(serve).toBeDefined();
    const tp = /--tensor-parallel-size (\d+)/.exec(serve)![1];
    const pp = /--pipeline-parallel-size (\d+)/.exec(serve)![1];
    const model = /vllm serve (\S+)/.exec(serve)![1];
    expect(out).toContain('helm repo add kuberay https://ray-project.github.io/kuberay-helm/');
    expect(out).toContain('helm repo add vllm https://vllm-project.github.io/production-stack');
    expect(out).toContain('helm install vllm vllm/vllm-stack \\');
    expect(out).toContain(`--set 'servingEngineSpec.modelSpec[0].modelURL=${model}'`);
    expect(out).toContain(`--set 'servingEngineSpec.modelSpec[0].vllmConfig.tensorParallelSize=${tp}'`);
    expect(out).toContain(`--set 'servingEngineSpec.modelSpec[0].vllmConfig.pipelineParallelSize=${pp}'`);
    expect(out).toContain(`--set 'servingEngineSpec.modelSpec[0].replicaCount=${Number(pp) - 1}'`);
    expect(out).toContain(`--set 'servingEngineSpec.modelSpec[0].requestGPU=${tp}'`);
    expect(out).toContain("--set 'servingEngineSpec.modelSpec[0].vllmConfig.maxModelLen=8192'");
    expect(out).toContain("--set 'servingEngineSpec.modelSpec[0].raySpec.enabled=true'");
  });
});

describe('bad input: one line, exit 2, nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['users 0', ['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--users', '0', ...HW], /^llm-pick: --users takes a number of concurrent requests: a whole number from 1 to 100000; got "0"\n$/],
    ['utilization 1.5', ['fit', '--model', 'llama-3.1-8b', '--quant', 'awq', '--gpu-memory-utilization', '1.5', ...HW], /^llm-pick: --gpu-memory-utilization takes a share of GPU memory: a number greater than 0 and at most 1; got "1.5"\n$/],
    ['K-quant on vLLM', ['fit', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--engine', 'vllm', ...HW], /^llm-pick: --engine vllm cannot run the GGUF quantization Q4_K_M .*\n$/],
    ['unknown engine', ['cost', '--engine', 'tgi', ...HW], /^llm-pick: --engine must be one of llama\.cpp, vllm, sglang, ollama; got "tgi"\n$/],
    ['users 0 on cost', ['cost', '--users', '0', ...HW], /^llm-pick: --users takes/],
  ];
  for (const [name, args, err] of cases) {
    it(name, () => {
      const r = runBin(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(err);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});

describe('multi-GPU vLLM plans on A100s', () => {
  // vLLM's server batch defaults are smaller on an A100 (src/estimate/vllm-memory.ts vllmBatchDefaults), so its
  // profiled activation peak is too; the multi-GPU start check uses the card's name like the one-card plan does.
  // Llama 3.3 70B in BF16 (65.7 GiB of weights a card at TP 2) then starts on two 80 GB cards at 8K tokens,
  // which it could not with the large defaults (4 cards were planned).
  it('Llama 3.3 70B BF16 at 8,192 tokens: tensor parallel 2 on A100 80GB', () => {
    const d = json(['fit', '--model', 'llama-3.3-70b', '--quant', 'bf16', '--engine', 'vllm', '--gpu', 'A100 80GB', '--ctx', '8192']) as {
      scale: { plans: { engine: string; devices: number; tensorParallelSize: number; fits: boolean }[] };
    };
    const vllm = d.scale.plans.filter((p) => p.engine === 'vllm');
    expect(vllm.length).toBeGreaterThan(0);
    expect(vllm[0]).toMatchObject({ devices: 2, tensorParallelSize: 2, fits: true });
  });
});
