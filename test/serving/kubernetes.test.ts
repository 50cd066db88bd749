// The Kubernetes route for vLLM plans (src/decide/kubernetes.ts): vLLM's production-stack Helm chart.
import { describe, expect, it } from 'vitest';
import { kubernetesName, productionStackForServe, productionStackPlan } from '../../src/decide/kubernetes.js';

const GIB = 2 ** 30;

describe('production-stack Helm commands', () => {
  it('beyond one node: KubeRay first, pipeline parallel = pods = workers + 1, GPUs per pod = tensor parallel', () => {
    const k = productionStackPlan({
      modelRepo: 'deepseek-ai/DeepSeek-V3.1',
      nodes: 3,
      gpusPerNode: 8,
      tensorParallel: 8,
      pipelineParallel: 3,
      maxModelLen: 8192,
      gpuMemoryUtilization: 0.9,
      quantization: 'fp8',
      weightsBytes: 600 * GIB,
    });
    expect(k.commands[1]).toBe('helm repo add kuberay https://ray-project.github.io/kuberay-helm/');
    expect(k.commands[2]).toBe('helm install kuberay-operator kuberay/kuberay-operator --version 1.2.0');
    expect(k.commands).toContain('helm repo add vllm https://vllm-project.github.io/production-stack');
    expect(k.values).toMatchObject({
      name: 'deepseek-v3-1',
      modelURL: 'deepseek-ai/DeepSeek-V3.1',
      replicaCount: 2,
      requestGPU: 8,
      requestMemory: '200Gi',
      'vllmConfig.tensorParallelSize': 8,
      'vllmConfig.pipelineParallelSize': 3,
      'vllmConfig.maxModelLen': 8192,
      'vllmConfig.gpuMemoryUtilization': 0.9,
      'vllmConfig.extraArgs': '{--quantization,fp8}',
      'raySpec.enabled': true,
      'raySpec.headNode.requestGPU': 8,
    });
    // The chart's rule: pipelineParallelSize = replicaCount + 1; every pod asks for tensorParallelSize GPUs.
    expect(k.values['vllmConfig.pipelineParallelSize']).toBe((k.values.replicaCount as number) + 1);
    expect(k.values.requestGPU).toBe(k.values['vllmConfig.tensorParallelSize']);
    const install = k.commands.slice(k.commands.findIndex((c) => c.startsWith('helm install vllm ')));
    expect(install[0]).toBe('helm install vllm vllm/vllm-stack \\');
    expect(install.at(-1)).toBe("--set 'servingEngineSpec.modelSpec[0].raySpec.headNode.requestGPU=8'");
    for (const line of install.slice(0, -1)) expect(line.endsWith(' \\')).toBe(true);
  });

  it('one node: a Deployment, no Ray, no pipeline parallelism', () => {
    const k = productionStackPlan({
      modelRepo: 'meta-llama/Llama-3.1-70B-Instruct',
      nodes: 1,
      gpusPerNode: 4,
      tensorParallel: 4,
      pipelineParallel: 1,
      maxModelLen: 16384,
      gpuMemoryUtilization: 0.95,
      quantization: null,
      weightsBytes: 131 * GIB,
    });
    expect(k.commands.some((c) => c.includes('kuberay'))).toBe(false);
    expect(k.values.replicaCount).toBe(1);
    expect(k.values['raySpec.enabled']).toBeUndefined();
    expect(k.values['vllmConfig.pipelineParallelSize']).toBeUndefined();
    expect(k.values['vllmConfig.extraArgs']).toBeUndefined();
  });

  it("reads the plan's numbers back from its vllm serve line", () => {
    const k = productionStackForServe({
      nodes: 2,
      gpusPerNode: 8,
      devices: 16,
      tensorParallelSize: 8,
      pipelineParallelSize: 2,
      weightsBytesPerDevice: 40 * GIB,
      commands: ['ray start --head --port=6379', 'vllm serve Qwen/Qwen3-235B-A22B --quantization fp8 --tensor-parallel-size 8 --pipeline-parallel-size 2 --distributed-executor-backend ray --max-model-len 32768'],
    })!;
    expect(k.values).toMatchObject({
      modelURL: 'Qwen/Qwen3-235B-A22B',
      'vllmConfig.tensorParallelSize': 8,
      'vllmConfig.pipelineParallelSize': 2,
      'vllmConfig.maxModelLen': 32768,
      'vllmConfig.gpuMemoryUtilization': 0.9,
      'vllmConfig.extraArgs': '{--quantization,fp8}',
      requestMemory: '320Gi',
    });
    expect(productionStackForServe({ nodes: 1, gpusPerNode: 1, devices: 1, tensorParallelSize: 1, pipelineParallelSize: 1, weightsBytesPerDevice: GIB, commands: ['llama-server -m X'] })).toBeNull();
    // Pipeline parallel only across 2 nodes × 4 GPUs (no valid tensor-parallel size): not a chart layout.
    expect(
      productionStackForServe({ nodes: 2, gpusPerNode: 4, devices: 8, tensorParallelSize: 1, pipelineParallelSize: 8, weightsBytesPerDevice: GIB, commands: ['vllm serve A/B --tensor-parallel-size 1 --pipeline-parallel-size 8 --distributed-executor-backend ray --max-model-len 4096'] }),
    ).toBeNull();
  });

  it('resource names: lowercase letters, digits and dashes', () => {
    expect(kubernetesName('Qwen/Qwen2.5-72B-Instruct')).toBe('qwen2-5-72b-instruct');
    expect(kubernetesName('ORG/MODEL-AWQ')).toBe('model-awq');
  });
});
