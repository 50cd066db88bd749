// The context length and KV cache settings of a fit (pure): the default context, the refusal of a
// --ctx beyond the model's maximum (or its RoPE/YaRN scaling with --allow-rope-scaling), and the
// warning for a quantized V cache without flash attention.
import { UsageError } from '../../core/errors.js';
import type { KvCacheType } from '../../estimate/types.js';
import type { ModelInput } from './model-input.js';

const DEFAULT_CTX = 8192;

export interface ContextFlags {
  ctx?: number | undefined;
  kvQuant?: KvCacheType | undefined;
  /** --no-flash-attn sets this to false (commander). */
  flashAttn?: boolean | undefined;
  allowRopeScaling?: boolean | undefined;
}

export interface FitContext {
  contextLength: number;
  kvType: KvCacheType;
  flashAttn: boolean;
}

/** The context and KV settings to size; warnings are appended to `warnings`; a --ctx the model cannot run throws (exit 2). */
export function fitContext(input: Pick<ModelInput, 'source' | 'id' | 'name' | 'shape'>, options: ContextFlags, warnings: string[]): FitContext {
  const shape = input.shape;
  const kvType: KvCacheType = options.kvQuant ?? 'f16';
  const flashAttn = options.flashAttn !== false;
  // Default context: 8192, or the model's maximum if lower; never the maximum by default.
  const contextLength = options.ctx ?? Math.min(DEFAULT_CTX, shape.maxContext);
  if (options.ctx !== undefined && options.ctx > shape.maxContext) {
    const factor = (options.ctx / shape.maxContext).toFixed(2);
    // A model's own maximum (catalog, GGUF, config.json) is refused past: no serve command it cannot run.
    // A synthesized shape (--params) has no real maximum to hold to.
    if (input.source !== 'params' && !options.allowRopeScaling) {
      throw new UsageError(
        `--ctx ${options.ctx} is beyond ${input.id ?? input.name}'s maximum context of ${shape.maxContext} tokens; give --ctx ${shape.maxContext} or less, or add --allow-rope-scaling to size it with RoPE/YaRN scaling (factor ${factor})`,
      );
    }
    warnings.push(
      options.allowRopeScaling
        ? `--ctx ${options.ctx} is beyond the model's maximum context of ${shape.maxContext} tokens: sized with RoPE/YaRN scaling by a factor of ${factor} (llama.cpp --rope-scaling yarn --rope-scale ${factor}; vLLM --hf-overrides rope_scaling); quality past the trained length is not guaranteed`
        : `--ctx ${options.ctx} is beyond the model's maximum context of ${shape.maxContext} tokens`,
    );
  }
  if (kvType !== 'f16' && !flashAttn) {
    warnings.push(`llama.cpp needs flash attention for a quantized V cache: --kv-quant ${kvType} with --no-flash-attn does not run as sized here`);
  }
  return { contextLength, kvType, flashAttn };
}
