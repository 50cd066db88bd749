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
