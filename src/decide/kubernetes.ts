// The Kubernetes route for a vLLM plan (pure): vLLM's published Helm chart, vllm-project/production-stack
// (chart "vllm-stack"), with the plan's own numbers as `--set` values. llm-pick prints the commands; it
// never runs them. Read at vllm-project/production-stack @ a6c01db05f65f556235413ba8dbcfb0c01132fff
// (helm/Chart.yaml: name vllm-stack, version 0.1.12):
// - Chart repository: `helm repo add vllm https://vllm-project.github.io/production-stack` then
//   `helm install vllm vllm/vllm-stack ...` (README.md, tutorials/01-minimal-helm-installation.md).
// - Values (helm/values.yaml): servingEngineSpec.modelSpec[] with name, repository, tag, modelURL,
//   replicaCount, requestCPU, requestMemory, requestGPU; vllmConfig.{tensorParallelSize,
//   pipelineParallelSize, maxModelLen, gpuMemoryUtilization, extraArgs}; raySpec.{enabled, headNode.
//   {requestCPU, requestMemory, requestGPU}}. helm/templates/_helpers.tpl makes requestCPU and
//   requestMemory `required`; helm/templates/ray-cluster.yaml passes --tensor-parallel-size,
//   --pipeline-parallel-size, --max-model-len, --gpu-memory-utilization and extraArgs to `vllm serve`.
// - Beyond one node (tutorials/15-basic-pipeline-parallel.md): a KubeRay cluster, one pod per node;
//   tensorParallelSize = GPUs per pod = requestGPU = raySpec.headNode.requestGPU; pipelineParallelSize
//   = number of Ray nodes = replicaCount + 1 (the head takes part); the image must carry Ray
//   (the tutorial uses lmcache/vllm-openai). The KubeRay operator comes first
//   (tutorials/00-b-install-kuberay-operator.md: `helm repo add kuberay
//   https://ray-project.github.io/kuberay-helm/`, `helm install kuberay-operator
//   kuberay/kuberay-operator --version 1.2.0`).
// - One node: a Deployment per model; replicaCount is the number of copies (data parallel), each with
//   requestGPU = tensorParallelSize GPUs.
import type { ScalePlan } from '../estimate/scale-types.js';

export const PRODUCTION_STACK = {
  repoName: 'vllm',
  repoUrl: 'https://vllm-project.github.io/production-stack',
  chart: 'vllm/vllm-stack',
  source: 'vllm-project/production-stack @ a6c01db05f65f556235413ba8dbcfb0c01132fff',
  image: { repository: 'lmcache/vllm-openai', tag: 'latest' },
  kuberay: { repoName: 'kuberay', repoUrl: 'https://ray-project.github.io/kuberay-helm/', chart: 'kuberay/kuberay-operator', version: '1.2.0' },
} as const;

export interface KubernetesPlanInput {
  /** Hugging Face repo the pods load (the plan's `vllm serve` model). */
  modelRepo: string;
  /** Machines (Kubernetes nodes, one pod each). */
  nodes: number;
  gpusPerNode: number;
  tensorParallel: number;
  pipelineParallel: number;
  maxModelLen: number;
  gpuMemoryUtilization: number;
  /** `--quantization X` of the plan, or null when the checkpoint loads as stored. */
  quantization: string | null;
  /** Weight bytes of the whole model in the format the plan loads. */
  weightsBytes: number;
  /** Copies of the whole model (one node only); default 1. */
  replicas?: number;
}

export interface KubernetesPlan {
  /** Copyable shell lines: comments start with '#', continued lines end with ' \'. */
  commands: string[];
  /** The values set, by key (without the servingEngineSpec.modelSpec[0]. prefix). */
  values: Record<string, string | number | boolean>;
  notes: string[];
}

/** A Kubernetes resource name for the model (lowercase letters, digits and '-', at most 40 characters). */
export function kubernetesName(modelRepo: string): string {
  const base = modelRepo.split('/').pop() ?? modelRepo;
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return name || 'model';
}

const GIB = 2 ** 30;

export function productionStackPlan(input: KubernetesPlanInput): KubernetesPlan {
  const multiNode = input.nodes > 1;
  // Derived resource requests (the chart requires both): host memory for the node's share of the
  // weights, which passes through it while loading; one CPU per GPU worker process plus the API server
  // and the engine core.
  const memoryGi = Math.max(1, Math.ceil(input.weightsBytes / Math.max(1, input.nodes) / GIB));
  const cpus = input.gpusPerNode + 2;
  const values: Record<string, string | number | boolean> = {
    name: kubernetesName(input.modelRepo),
    repository: PRODUCTION_STACK.image.repository,
    tag: PRODUCTION_STACK.image.tag,
    modelURL: input.modelRepo,
    replicaCount: multiNode ? input.nodes - 1 : (input.replicas ?? 1),
    requestCPU: cpus,
    requestMemory: `${memoryGi}Gi`,
    requestGPU: input.gpusPerNode,
    'vllmConfig.tensorParallelSize': input.tensorParallel,
  };
  if (input.pipelineParallel > 1) values['vllmConfig.pipelineParallelSize'] = input.pipelineParallel;
  values['vllmConfig.maxModelLen'] = input.maxModelLen;
  values['vllmConfig.gpuMemoryUtilization'] = input.gpuMemoryUtilization;
  if (input.quantization) values['vllmConfig.extraArgs'] = `{--quantization,${input.quantization}}`;
  if (multiNode) {
    values['raySpec.enabled'] = true;
    values['raySpec.headNode.requestCPU'] = cpus;
    values['raySpec.headNode.requestMemory'] = `${memoryGi}Gi`;
    values['raySpec.headNode.requestGPU'] = input.gpusPerNode;
  }
  const sets = Object.entries(values).map(([k, v]) => `--set 'servingEngineSpec.modelSpec[0].${k}=${v}'`);
  const install = [`helm install vllm ${PRODUCTION_STACK.chart}`, ...sets];
  const commands: string[] = [];
  if (multiNode) {
    commands.push(
      `# Kubernetes (${PRODUCTION_STACK.chart} chart, KubeRay): the KubeRay operator once per cluster`,
      `helm repo add ${PRODUCTION_STACK.kuberay.repoName} ${PRODUCTION_STACK.kuberay.repoUrl}`,
      `helm install kuberay-operator ${PRODUCTION_STACK.kuberay.chart} --version ${PRODUCTION_STACK.kuberay.version}`,
      `# then a Ray cluster of ${input.nodes} pods (1 head + ${input.nodes - 1} worker${input.nodes - 1 > 1 ? 's' : ''}) × ${input.gpusPerNode} GPUs`,
    );
  } else {
    commands.push(`# Kubernetes (${PRODUCTION_STACK.chart} chart): ${values.replicaCount} pod${values.replicaCount === 1 ? '' : 's'} × ${input.gpusPerNode} GPU${input.gpusPerNode > 1 ? 's' : ''}`);
  }
  commands.push(`helm repo add ${PRODUCTION_STACK.repoName} ${PRODUCTION_STACK.repoUrl}`);
  commands.push(...install.map((l, i) => (i < install.length - 1 ? `${l} \\` : l)));
  const notes = [
    `chart values read at ${PRODUCTION_STACK.source}; requestMemory is the node's share of the weights (${memoryGi} GiB) and requestCPU one per GPU plus two, both derived: raise them if pods are evicted`,
    'a gated model needs --set servingEngineSpec.modelSpec[0].hf_token=YOUR_TOKEN',
  ];
  if (multiNode) notes.push('each pod must land on its own node with the GPUs it requests; the image must carry Ray (lmcache/vllm-openai does)');
  return { commands, values, notes };
}

/** The numbers of a vLLM plan, as its printed `vllm serve` command and its split carry them. */
export type VllmServePlanLike = Pick<ScalePlan, 'nodes' | 'gpusPerNode' | 'devices' | 'tensorParallelSize' | 'pipelineParallelSize' | 'weightsBytesPerDevice' | 'commands'>;

/**
 * The Kubernetes route for a plan whose commands include a `vllm serve` line: the model, --quantization,
 * --max-model-len and --gpu-memory-utilization (vLLM's default 0.9 when absent) are read back from that
 * line, so the Helm values carry exactly the plan's numbers. Null when the plan has no `vllm serve` line,
 * or when it spans nodes in a way the chart cannot express (a pod per node, one pipeline stage each).
 */
export function productionStackForServe(plan: VllmServePlanLike): KubernetesPlan | null {
  const serve = plan.commands.find((c) => c.startsWith('vllm serve '));
  if (!serve) return null;
  const words = serve.split(/\s+/);
  const model = words[2];
  if (!model || model.startsWith('-')) return null;
  const flag = (name: string): string | null => {
    const i = words.indexOf(name);
    return i >= 0 && i + 1 < words.length ? words[i + 1]! : null;
  };
  const maxModelLen = Number(flag('--max-model-len'));
  if (!Number.isFinite(maxModelLen) || maxModelLen <= 0) return null;
  const tensorParallel = Number(flag('--tensor-parallel-size') ?? 1);
  const pipelineParallel = Number(flag('--pipeline-parallel-size') ?? 1);
  // The chart's Ray layout: every pod (node) is one pipeline stage of tensorParallelSize GPUs. A plan
  // that splits otherwise (pipeline parallel only, when no tensor-parallel size divides the heads) has no
  // chart equivalent.
  if (plan.nodes > 1 && (tensorParallel !== plan.gpusPerNode || pipelineParallel !== plan.nodes)) return null;
  return productionStackPlan({
    modelRepo: model,
    nodes: plan.nodes,
    gpusPerNode: plan.gpusPerNode,
    tensorParallel,
    pipelineParallel,
    maxModelLen,
    gpuMemoryUtilization: Number(flag('--gpu-memory-utilization') ?? 0.9),
    quantization: flag('--quantization'),
    weightsBytes: plan.weightsBytesPerDevice * plan.devices,
  });
}
