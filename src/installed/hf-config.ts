// config.json (Hugging Face Transformers) → ModelShape, for the common architectures. Pure: the
// caller reads the file. Key names are Transformers' (models/<arch>/configuration_<arch>.py);
// an architecture or a key this table does not know is an error naming the file and the field.
import { elementsOf, tensorsOf } from '../estimate/tensors.js';
import type { ModelShape } from '../estimate/types.js';

export class HfConfigError extends Error {}

type Json = Record<string, unknown>;

/** model_type values mapped, by family of keys. */
const DENSE = ['llama', 'mistral', 'qwen2', 'qwen3', 'gemma', 'gemma2', 'gemma3', 'gemma3_text', 'phi3', 'granite', 'olmo2', 'cohere', 'starcoder2'];
const MOE = ['qwen3_moe', 'qwen2_moe', 'mixtral', 'gpt_oss', 'deepseek_v2', 'deepseek_v3', 'olmoe'];
export const KNOWN_MODEL_TYPES: readonly string[] = [...DENSE, ...MOE];

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Multimodal wrappers (Gemma 3, Mistral 3, Llama 4) keep the language model under text_config. */
function textConfig(raw: Json): Json {
  if (isObj(raw.text_config)) return { ...raw.text_config, model_type: raw.text_config.model_type ?? raw.model_type };
  return raw;
}

export function shapeFromHfConfig(rawConfig: unknown, file = 'config.json'): ModelShape & { modelType: string } {
  if (!isObj(rawConfig)) throw new HfConfigError(`${file}: not a JSON object`);
  const c = textConfig(rawConfig);
  const modelType = typeof c.model_type === 'string' ? c.model_type : null;
  if (!modelType) throw new HfConfigError(`${file}: field model_type missing (a Transformers config.json names its architecture there)`);
  if (!KNOWN_MODEL_TYPES.includes(modelType)) {
    throw new HfConfigError(`${file}: field model_type "${modelType}" is not one this version maps; known: ${KNOWN_MODEL_TYPES.join(', ')}`);
  }
  const num = (key: string, fallback?: number): number => {
    const v = c[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    if ((v === undefined || v === null) && fallback !== undefined) return fallback;
    throw new HfConfigError(`${file}: field ${key} ${v === undefined || v === null ? 'missing' : `is not a number (got ${JSON.stringify(v).slice(0, 40)})`} (model_type ${modelType})`);
  };
  const opt = (key: string): number | null => (typeof c[key] === 'number' && Number.isFinite(c[key]) ? (c[key] as number) : null);

  const layers = num('num_hidden_layers');
  const hidden = num('hidden_size');
  const heads = num('num_attention_heads');
  const kvHeads = num('num_key_value_heads', heads);
  const headDim = opt('head_dim') ?? Math.round(hidden / Math.max(1, heads));
  const vocab = num('vocab_size');
  const maxContext = num('max_position_embeddings', 4096);
  // Gemma ties by default (its config omits the key); the others default to untied.
  const tiedDefault = modelType.startsWith('gemma');
  const tied = typeof c.tie_word_embeddings === 'boolean' ? c.tie_word_embeddings : tiedDefault;

  let moe: ModelShape['moe'] = null;
  let ffn = opt('intermediate_size') ?? 0;
  if (MOE.includes(modelType)) {
    const experts = opt('num_experts') ?? opt('num_local_experts') ?? opt('n_routed_experts');
    const active = opt('num_experts_per_tok') ?? opt('experts_per_token');
    if (experts === null) throw new HfConfigError(`${file}: field num_experts (or num_local_experts, n_routed_experts) missing (model_type ${modelType})`);
    if (active === null) throw new HfConfigError(`${file}: field num_experts_per_tok missing (model_type ${modelType})`);
    const expertFfn = opt('moe_intermediate_size') ?? num('intermediate_size');
    const sharedCount = opt('n_shared_experts') ?? (opt('shared_expert_intermediate_size') ? 1 : 0);
    moe = {
      experts,
      activeExperts: active,
      expertFfnSize: expertFfn,
      sharedExperts: sharedCount,
      sharedExpertFfnSize: opt('shared_expert_intermediate_size') ?? (sharedCount > 0 ? expertFfn : undefined),
      denseLayers: opt('first_k_dense_replace') ?? 0,
    };
    if (!ffn) ffn = expertFfn;
  } else if (!ffn) {
    throw new HfConfigError(`${file}: field intermediate_size missing (model_type ${modelType})`);
  }

  const mla =
    modelType.startsWith('deepseek') && opt('kv_lora_rank')
      ? {
          kvLoraRank: num('kv_lora_rank'),
          qLoraRank: opt('q_lora_rank'),
          qkNopeHeadDim: num('qk_nope_head_dim'),
          qkRopeHeadDim: num('qk_rope_head_dim'),
          vHeadDim: num('v_head_dim'),
        }
      : null;

  // Sliding-window layers: Gemma 2 and gpt-oss alternate; Gemma 3 has 5 local per global
  // (sliding_window_pattern 6); Mistral/Qwen2 set sliding_window but use it only when
  // use_sliding_window is true (Qwen2) — Mistral v0.2+ publishes null.
  const window = opt('sliding_window');
  let slidingLayers = 0;
  if (window && window > 0) {
    if (Array.isArray(c.layer_types)) slidingLayers = c.layer_types.filter((t) => t === 'sliding_attention').length;
    else if (modelType === 'gemma2' || modelType === 'gpt_oss') slidingLayers = Math.floor(layers / 2);
    else if (modelType.startsWith('gemma3')) {
      const pattern = opt('sliding_window_pattern') ?? 6;
      slidingLayers = layers - Math.floor(layers / pattern);
    } else if (c.use_sliding_window === true) slidingLayers = layers;
  }

  const shape: ModelShape = {
    layers,
    hiddenSize: hidden,
    attentionHeads: heads,
    kvHeads,
    headDim,
    vocabSize: vocab,
    ffnSize: ffn,
    maxContext,
    tiedEmbeddings: tied,
    slidingWindow: slidingLayers > 0 && window ? { window, slidingLayers } : null,
    moe,
    mla,
    encoderOnly: false,
    ffnGated: modelType !== 'starcoder2',
    fusedQkv: modelType === 'phi3' ? true : undefined,
    // gpt-oss ships its routed experts in MXFP4 (quantization_config.quant_method "mxfp4").
    nativeExpertType: modelType === 'gpt_oss' ? 'MXFP4' : undefined,
    totalParams: 0,
    activeParams: 0,
    origin: 'catalog',
  };
  // Parameter count from the tensor layout this shape implies (exact for the architectures above).
  const specs = tensorsOf(shape);
  const total = specs.reduce((a, t) => a + elementsOf(t), 0);
  const routed = specs.filter((t) => t.routed).reduce((a, t) => a + elementsOf(t), 0);
  shape.totalParams = total;
  shape.activeParams = moe ? total - routed * (1 - moe.activeExperts / moe.experts) : total;
  return { ...shape, modelType };
}

/** The quantization a checkpoint ships in: quantization_config.quant_method, else torch_dtype. */
export function storedQuantOf(rawConfig: unknown): string | null {
  if (!isObj(rawConfig)) return null;
  const q = isObj(rawConfig.quantization_config) ? rawConfig.quantization_config : null;
  const method = typeof q?.quant_method === 'string' ? q.quant_method.toLowerCase() : null;
  if (method === 'awq') return 'AWQ-INT4';
  if (method === 'gptq') return 'GPTQ-INT4';
  if (method === 'fp8' || method === 'compressed-tensors') return 'FP8';
  if (method === 'mxfp4') return 'MXFP4';
  if (method === 'bitsandbytes') return q?.load_in_8bit === true ? 'BNB-INT8' : 'BNB-NF4';
  const tc = textConfig(rawConfig);
  const dtype = typeof tc.torch_dtype === 'string' ? tc.torch_dtype : typeof tc.dtype === 'string' ? tc.dtype : null;
  if (dtype === 'bfloat16') return 'BF16';
  if (dtype === 'float16') return 'F16';
  if (dtype === 'float32') return 'F32';
  return null;
}
