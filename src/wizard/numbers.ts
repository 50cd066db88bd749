// Typed numbers in the wizard: "24", "24GB", "1.5M", "32k". Parsed and checked by
// the same declaration as the flag (src/options/table.ts), so the command line
// the wizard prints always parses, and the wizard takes what the flag takes.
import { UsageError } from '../core/errors.js';
import { parseNumber, rangeWords } from '../options/parse.js';
import { UNIT_EXAMPLES } from '../options/quantity.js';
import { ctx, gpus, tokensPerDay, users, vram } from '../options/table.js';
import type { NumberOption } from '../options/types.js';

export type Check = (text: string) => true | string;

/** The wizard's words for what an option allows (no flag names: the user never typed one). */
export function allowedWords(o: NumberOption): string {
  const examples = o.unit === 'plain' ? '' : ` (${UNIT_EXAMPLES[o.unit]})`;
  return `type ${o.what}${examples}: ${rangeWords(o)}`;
}

function checkOf(o: NumberOption): Check {
  return (text) => {
    try {
      parseNumber(o, text);
      return true;
    } catch (error) {
      if (error instanceof UsageError) return allowedWords(o);
      throw error;
    }
  };
}

/** The value of a typed answer that passed its check. */
export const valueOf = (o: NumberOption, text: string): number => parseNumber(o, text);

export const VRAM = vram;
export const GPU_COUNT = gpus;
export const TOKENS_PER_DAY = tokensPerDay;
export const CONTEXT = ctx;
export const USERS = users;

export const checkGiB = checkOf(VRAM);
export const checkGpuCount = checkOf(GPU_COUNT);
export const checkTokensPerDay = checkOf(TOKENS_PER_DAY);
export const checkContext = checkOf(CONTEXT);
export const checkUsers = checkOf(USERS);
