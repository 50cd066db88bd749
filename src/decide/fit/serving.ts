// fit's serving section (pure): the engine the plan is for (--engine, else by quant format) and the
// plan of that engine: serving-llama.ts (llama.cpp, Ollama) or serving-vllm.ts (vLLM, SGLang).
import { UsageError } from '../../core/errors.js';
import { isGgufQuant, type QuantId } from '../../estimate/quants.js';
import { engineQuantError, type ServingEngine } from '../../estimate/serving.js';
import type { FitDocument } from '../../render/fit-schema.js';
import { DEFAULT_PROMPT_TOKENS, type ServingContext, type ServingFlags } from './serving-context.js';
import { llamaServing } from './serving-llama.js';
import { vllmServing } from './serving-vllm.js';

export { decodeAtDepth0, type ServingContext, type ServingFlags } from './serving-context.js';

/** The engine the plan is for: --engine, else llama.cpp for GGUF quants and vLLM for GPU formats. */
export function servingEngine(flags: ServingFlags, quant: QuantId): ServingEngine {
  const engine = flags.engine ?? (isGgufQuant(quant) ? 'llama.cpp' : 'vllm');
  const error = engineQuantError(engine, quant);
  if (error) throw new UsageError(error);
  if (flags.gpuMemoryUtilization !== undefined && engine !== 'vllm' && engine !== 'sglang') {
    throw new UsageError(`--gpu-memory-utilization is a vLLM/SGLang setting; --engine ${engine} sizes its KV cache from -c (use --ctx and --users)`);
  }
  return engine;
}

export function servingSection(flags: ServingFlags, engine: ServingEngine, c: ServingContext, warnings: string[]): FitDocument['serving'] {
  const users = flags.users ?? 1;
  const promptTokens = flags.promptTokens ?? Math.min(DEFAULT_PROMPT_TOKENS, c.contextLength);
  const budget = c.plan.budget;
  if (!budget) return null;
  if (engine === 'vllm' || engine === 'sglang') return vllmServing(flags, engine, c, users, promptTokens, warnings);
  return llamaServing(engine, c, users, promptTokens, warnings);
}
