// Setup commands, valid by construction: every tag, repo and quant in a command
// comes from the catalog entry of the model, and every number from the memory plan.
//
// Flags, as documented:
// - Ollama: `ollama pull TAG`, `ollama run TAG`; the context window is set with
//   OLLAMA_CONTEXT_LENGTH on the server or `/set parameter num_ctx N` in a session.
//   The default varies by release: 4096 tokens (ollama/ollama docs/faq.mdx @
//   00182b504e9e803293a13fbde7e281927175eb89, "How can I specify the context window
//   size?"), and in newer releases 4K / 32K / 256K by VRAM (< 24 GiB / 24-48 GiB /
//   >= 48 GiB; docs/context-length.mdx @ 01562a7f1cb3b037d3f1ac8c148d99e847b421ca).
//   A default larger than the plan uses more memory than planned, so the context
//   is always set explicitly.
// - llama.cpp: `llama-server -hf <user>/<model>[:quant]`, `-c, --ctx-size N`,
//   `-ngl, --n-gpu-layers N`, `-ctk/-ctv` cache types, `-fa, --flash-attn`,
//   `--embedding` (ggml-org/llama.cpp tools/server/README.md @
//   00dc8057ab28c9cb4c79a6dd6dfce07fe779f63b). A full offload is the repeating
//   layers plus the output layer: llama.cpp logs "offloading 32 repeating layers to
//   GPU / offloading output layer to GPU / offloaded 33/33 layers to GPU" for a
//   32-layer model, hence -ngl = layers + 1.
// - vLLM: `vllm serve MODEL --max-model-len N --gpu-memory-utilization F
//   --tensor-parallel-size N --quantization fp8` (https://docs.vllm.ai/en/v0.8.5/serving/engine_args.html;
//   gpu-memory-utilization is the fraction of each GPU's memory vLLM may take,
//   default 0.9).
// - LiteLLM: `from litellm import completion; completion(model=..., messages=[...])`
//   with the provider's key in its environment variable
//   (https://docs.litellm.ai/docs/learn/sdk_quickstart).
import type { ApiModel } from '../catalog/schema.js';
import type { KvCacheType } from '../estimate/types.js';
import type { PlacementPlan, RunnableModel } from './port.js';
import { normalizeQuantName, type QuantTable, sameQuant } from './quants.js';
import { pythonString, shellQuote } from '../util/shell.js';

export type EngineId = 'ollama' | 'llama.cpp' | 'vllm';

export interface Setup {
  engine: EngineId;
  commands: string[];
  notes: string[];
}

/** vLLM's own default for --gpu-memory-utilization (engine args page above). */
export const VLLM_DEFAULT_GPU_UTILIZATION = 0.9;
/** Highest fraction proposed: leaves room for the CUDA context and other processes (policy). */
export const VLLM_MAX_GPU_UTILIZATION = 0.95;

export const OLLAMA_DOCS_DEFAULT_CTX = 4096;

export function ollamaTagFor(model: RunnableModel, quant: string, table: QuantTable): string | null {
  const tag = model.ollama.find((t) => sameQuant(t.quant, quant, table));
  return tag ? tag.tag : null;
}

export function ollamaSetup(
  model: RunnableModel,
  quant: string,
  contextLength: number,
  table: QuantTable,
): Setup | null {
  const tag = ollamaTagFor(model, quant, table);
  if (!tag) return null;
  const notes = [
    `Ollama's default context is ${OLLAMA_DOCS_DEFAULT_CTX} tokens in its FAQ and 4K/32K/256K by VRAM in newer releases; ` +
      `this plan assumes ${contextLength}, so set it: OLLAMA_CONTEXT_LENGTH=${contextLength} for the server, ` +
      `or /set parameter num_ctx ${contextLength} inside ollama run.`,
  ];
  if (model.type === 'embedding') {
    return {
      engine: 'ollama',
      commands: [
        `ollama pull ${shellQuote(tag)}`,
        `curl http://localhost:11434/api/embed -d ${shellQuote(`{"model": ${JSON.stringify(tag)}, "input": "text to embed", "options": {"num_ctx": ${contextLength}}}`)}`,
      ],
      notes: [],
    };
  }
  return {
    engine: 'ollama',
    commands: [`ollama pull ${shellQuote(tag)}`, `OLLAMA_CONTEXT_LENGTH=${contextLength} ollama serve`, `ollama run ${shellQuote(tag)}`],
    notes,
  };
}

/** The spelling the GGUF repo uses for this quant (as listed in hf.ggufQuants), or null. */
export function ggufRepoQuant(model: RunnableModel, quant: string, table: QuantTable): string | null {
  if (!model.hf.ggufRepo) return null;
  return model.hf.ggufQuants.find((q) => sameQuant(q, quant, table)) ?? null;
}

/** -ngl for a placement: all repeating layers + the output layer, the offloaded count, or 0. */
export function gpuLayersFlag(plan: PlacementPlan): number {
  if (plan.placement === 'gpu' || plan.experts) return plan.totalLayers + 1;
  if (plan.placement === 'offload') return plan.gpuLayers;
  return 0;
}

export function llamaCppSetup(
  model: RunnableModel,
  quant: string,
  contextLength: number,
  plan: PlacementPlan,
  kvCacheType: KvCacheType,
  table: QuantTable,
): Setup | null {
  const repoQuant = ggufRepoQuant(model, quant, table);
  if (!repoQuant || !model.hf.ggufRepo) return null;
  // -np 1: the plan is for one sequence. Without it llama-server starts 4 slots over a unified cache
  // (ggml-org/llama.cpp#16736; `-np` default -1 = auto, #17997), which holds 4 recurrent states and
  // 4 sliding-window caches: more memory than the plan counts for hybrid and SWA models.
  const parts = ['llama-server', '-hf', shellQuote(`${model.hf.ggufRepo}:${repoQuant}`), '-c', String(contextLength), '-np', '1', '-ngl', String(gpuLayersFlag(plan))];
  if (plan.experts) parts.push('--n-cpu-moe', String(plan.experts.cpuMoeLayers));
  if (kvCacheType !== 'f16') parts.push('-fa', 'on', '-ctk', kvCacheType, '-ctv', kvCacheType);
  if (model.type === 'embedding') parts.push('--embedding');
  // A non-causal (encoder-only) model takes its whole input in one micro-batch; llama-server's default -ub 512
  // would refuse a longer input (src/estimate/overhead.ts), and the plan's compute buffer is sized at -ub = -c.
  if (model.architecture.encoderOnly) parts.push('-ub', String(contextLength), '-b', String(contextLength));
  const notes: string[] = [];
  if (plan.experts) {
    notes.push(`every layer on the GPU but the MoE experts of the first ${plan.experts.cpuMoeLayers} layers, which stay in system RAM (--n-cpu-moe).`);
  } else if (plan.placement === 'offload') {
    notes.push(`${plan.gpuLayers} of ${plan.totalLayers} layers on the GPU, the rest in system RAM: much slower than a full fit.`);
  }
  if (kvCacheType !== 'f16') notes.push(`a ${kvCacheType} KV cache needs flash attention (-fa on).`);
  return { engine: 'llama.cpp', commands: [parts.join(' ')], notes };
}

/** The --gpu-memory-utilization that holds the plan: at least vLLM's default, at most the cap; null if it cannot. */
export function vllmUtilization(totalBytes: number, gpus: number, vramBytesPerGpu: number): number | null {
  if (vramBytesPerGpu <= 0 || gpus <= 0) return null;
  const needed = Math.ceil((totalBytes / gpus / vramBytesPerGpu) * 100) / 100;
  if (needed > VLLM_MAX_GPU_UTILIZATION) return null;
  return Math.max(VLLM_DEFAULT_GPU_UTILIZATION, needed);
}

export function vllmSetup(
  model: RunnableModel,
  quant: string,
  contextLength: number,
  plan: PlacementPlan,
  gpus: number,
  vramBytesPerGpu: number,
): Setup | null {
  if (model.type !== 'local') return null;
  const utilization = vllmUtilization(plan.memory.totalBytes, gpus, vramBytesPerGpu);
  if (utilization === null) return null;
  const parts = [
    'vllm serve',
    shellQuote(model.hf.repo),
    '--max-model-len',
    String(contextLength),
    '--gpu-memory-utilization',
    utilization.toFixed(2),
  ];
  if (gpus > 1) parts.push('--tensor-parallel-size', String(gpus));
  const q = normalizeQuantName(quant);
  if (q === 'FP8') parts.push('--quantization', 'fp8');
  const notes: string[] = [];
  if (model.hf.gated) notes.push(`${model.hf.repo} is gated: accept its licence on Hugging Face and run \`huggingface-cli login\` first.`);
  if (q === 'FP8') notes.push('--quantization fp8 quantizes the BF16 weights to FP8 when loading.');
  return { engine: 'vllm', commands: [parts.join(' ')], notes };
}

export function apiSetup(model: ApiModel, embedding: boolean): string[] {
  const call = embedding
    ? [
        'from litellm import embedding',
        `response = embedding(model=${pythonString(model.litellmId)}, input=["text to embed"])`,
        'print(len(response.data[0]["embedding"]))',
      ]
    : [
        'from litellm import completion',
        `response = completion(model=${pythonString(model.litellmId)}, messages=[{"role": "user", "content": "Hello"}])`,
        'print(response.choices[0].message.content)',
      ];
  // envVar and provider are checked against their character sets by the catalog schema.
  return ['pip install litellm', `export ${model.envVar}="<your ${model.provider} API key>"`, call.join('\n')];
}
