// Thresholds and weights of the decision engine, in one place. Each says where
// it comes from: the model-selection guide the tool stands on, or "policy" (a
// design choice, documented, not a measurement).

/** Guide, Step 1: local pays off above about 1M tokens/day. */
export const HIGH_VOLUME_TOKENS_PER_DAY = 1_000_000;

/**
 * Policy: below this decode speed a local pick is called too slow for interactive
 * use in the reasons and the local-vs-API rules (roughly reading speed).
 */
export const SLOW_DECODE_TOKENS_PER_SECOND = 5;

/** Policy: a general (chat) model used for a task it is not listed for loses this much quality score. */
export const GENERAL_MODEL_PENALTY = 0.1;

/**
 * Policy: how much quality and speed weigh per priority (they sum to 1).
 * --latency-critical moves LATENCY_SHIFT from quality to speed.
 */
export const PRIORITY_WEIGHTS = {
  quality: { quality: 0.85, speed: 0.15 },
  balanced: { quality: 0.6, speed: 0.4 },
  speed: { quality: 0.3, speed: 0.7 },
} as const;
export const LATENCY_SHIFT = 0.25;

/**
 * Policy: a chat/code pick decoding under SLOW_DECODE_TOKENS_PER_SECOND loses this
 * much score, whatever the priority: a slow answer is a poor answer for a person
 * waiting on it. (Embedding models are exempt: they are not read token by token.)
 */
export const SLOW_PENALTY = 0.15;

/**
 * Policy: speed score on a log scale, 0 at SPEED_FLOOR tok/s and 1 at
 * SPEED_CEILING tok/s: 50 tok/s is several times reading speed, and beyond it a
 * person waiting on an answer does not notice more (so a 4B at 110 tok/s does not
 * outrank a 12B at 40 tok/s on speed alone).
 */
export const SPEED_FLOOR = 2;
/**
 * Policy: embedding speed is input tokens/s (prompt processing), scored on the same
 * log scale after dividing by this factor (prompt processing is typically two
 * orders of magnitude faster than decoding, as in the published llama.cpp pp512
 * vs tg128 runs of reference/llamacpp_speed.json).
 */
export const EMBEDDING_SPEED_SCALE = 100;
/** Policy: share of the speed weight moved to quality when speed is only ranked by bytes per token (no bandwidth known). */
export const UNKNOWN_SPEED_DISCOUNT = 0.5;
export const SPEED_CEILING = 50;

/**
 * Policy: small bonuses that settle the engine for a model: vLLM when throughput
 * matters (several GPUs or high volume: continuous batching and tensor
 * parallelism), Ollama otherwise (one command to pull and run).
 */
export const ENGINE_BONUS = 0.03;

/** Policy: verdict thresholds on (sum of local weights − sum of API weights). */
export const LOCAL_VERDICT_AT = 2;
export const API_VERDICT_AT = -2;

/** Policy: a monthly cost difference under this many USD is too small to weigh in the local-vs-API verdict. */
export const MATERIAL_MONTHLY_USD = 5;
