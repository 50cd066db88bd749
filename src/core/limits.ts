// The bounds of numeric flags, in one place: the flag parsers (index.ts) and the
// wizard's typed answers (src/wizard/numbers.ts) check the same ones, so the
// command line the wizard prints always parses.

/** --vram / --ram, GiB. */
export const MAX_GIB = 16384;
/** --gpus / --nodes. */
export const MAX_GPUS = 64;
/** --ctx, tokens. */
export const MAX_CTX = 16_777_216;
/** --tokens-per-day. */
export const MAX_TOKENS_PER_DAY = 1e13;
/** --params / --max-params, billions. */
export const MAX_PARAMS_B = 10000;

// Ceilings on a model's shape, from a catalog or a GGUF header (hostile input, issue #22).
// Every count that drives a loop or an allocation is checked against these before use.
// They sit far above any real model (the largest published: 126 layers for Llama 3.1
// 405B, 384 routed experts for Kimi K2, 256K-token vocabularies, 10M-token context for
// Llama 4 Scout), so they refuse only shapes no model has.
export const SHAPE_LIMITS = {
  layers: 1024,
  experts: 4096,
  heads: 4096,
  /** hidden, FFN and head sizes. */
  width: 1_048_576,
  vocab: 16_777_216,
  /** context length in tokens: 2^26. */
  context: 67_108_864,
  /** parameters: 100 trillion. */
  params: 1e14,
  /** bytes of one file or download: 1 PB. */
  bytes: 1e15,
} as const;

/** USD per million tokens. */
export const MAX_PRICE_USD = 1e6;
