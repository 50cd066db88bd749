// The questions, in order. Pure apart from the injected prompts: it returns the
// answers and decides nothing about models (that is `recommend`'s job).
import type { Gpu } from '../catalog/schema.js';
import type { HardwarePlan } from '../hardware/types.js';
import { describeFound, gpuChoices, hardwareChoices, type HardwareMode } from './hardware.js';
import { CONTEXT, GPU_COUNT, TOKENS_PER_DAY, VRAM, checkContext, checkGiB, checkGpuCount, checkTokensPerDay, valueOf } from './numbers.js';
import type { NumberOption } from '../options/types.js';
import {
  COMMERCIAL_MESSAGE,
  CONTEXTS,
  DATA_RULES,
  DEFAULT_DATA_RULE,
  DEFAULT_PRIORITY,
  DEFAULT_USE_CASE,
  PRIORITIES,
  PRIORITY_MESSAGE,
  TYPE_IT,
  USE_CASES,
  USE_CASE_MESSAGE,
  VOLUMES,
} from './questions.js';
import type { HardwareAnswer, Prompts, WizardAnswers } from './types.js';

export interface FlowEnv {
  /** What the probe found; null when it failed. */
  found: HardwarePlan | null;
  /** Catalog GPUs, for "a GPU from the catalog". */
  gpus: readonly Gpu[];
  /** Prints one line of the conversation. */
  say: (line: string) => void;
}

/** The guide's reference card is a 24 GB RTX 3090: the memory offered when the user types one. */
const DEFAULT_VRAM_GIB = '24';
/** Detection warnings shown under "Found:"; `llm-pick hardware` lists them all. */
const MAX_WARNINGS = 3;

export async function askQuestions(p: Prompts, env: FlowEnv): Promise<WizardAnswers> {
  env.say(describeFound(env.found));
  for (const warning of env.found?.warnings.slice(0, MAX_WARNINGS) ?? []) env.say(`  note: ${warning}`);
  const hardware = await askHardware(p, env);
  const useCase = await p.select({ name: 'useCase', message: USE_CASE_MESSAGE, choices: USE_CASES, default: DEFAULT_USE_CASE });
  const priority = await p.select({ name: 'priority', message: PRIORITY_MESSAGE, choices: PRIORITIES, default: DEFAULT_PRIORITY });
  const data = await p.select({ name: 'data', message: 'Where may your data go?', choices: DATA_RULES, default: DEFAULT_DATA_RULE });
  const tokensPerDay = await askAmount(p, 'volume', 'How many tokens a day (prompts + answers)?', VOLUMES, {
    message: 'Tokens per day (e.g. 2000000, 500k or 2M):',
    validate: checkTokensPerDay,
    option: TOKENS_PER_DAY,
  });
  // Embedding models have small fixed windows; the default for the use case is the right one.
  const ctx =
    useCase === 'embedding'
      ? null
      : await askAmount(p, 'context', 'How long are the prompts (context length)?', CONTEXTS, {
          message: 'Context length in tokens (e.g. 65536 or 64K):',
          validate: checkContext,
          option: CONTEXT,
        });
  const commercial = await p.confirm({
    name: 'commercial',
    message: COMMERCIAL_MESSAGE,
    default: false,
  });
  return { hardware, useCase, priority, data, tokensPerDay, ctx, commercial };
}

async function askHardware(p: Prompts, env: FlowEnv): Promise<HardwareAnswer> {
  let mode = await p.select<HardwareMode>({ name: 'hardware', message: 'Plan for which hardware?', choices: hardwareChoices(env.found), default: 'detected' });
  if (mode === 'gpu' && env.gpus.length === 0) {
    env.say('The GPU catalog is empty; type the GPU memory instead.');
    mode = 'vram';
  }
  switch (mode) {
    case 'detected':
      return { kind: 'detected' };
    case 'cpu':
      return { kind: 'cpu' };
    case 'vram': {
      const text = await p.input({ name: 'vram', message: 'GPU memory per card, in GiB (24, 24GB):', default: DEFAULT_VRAM_GIB, validate: checkGiB });
      return { kind: 'vram', vramGiB: valueOf(VRAM, text), count: await askCount(p) };
    }
    case 'gpu': {
      const gpus = env.gpus;
      const id = await p.search({ name: 'gpu', message: 'Which GPU? (type to filter)', source: (term) => gpuChoices(gpus, term) });
      const gpu = gpus.find((g) => g.id === id)!;
      let vramGiB: number | undefined;
      if (gpu.memoryOptionsGiB.length > 1) {
        const size = await p.select({
          name: 'memory',
          message: `How much memory does your ${gpu.name} have?`,
          choices: [...gpu.memoryOptionsGiB].sort((a, b) => a - b).map((n) => ({ value: n, name: `${n} GiB` })),
          default: gpu.vramGiB,
        });
        if (size !== gpu.vramGiB) vramGiB = size;
      }
      // Unified-memory chips (Apple) come one to a machine.
      const count = gpu.unifiedMemory ? 1 : await askCount(p);
      return { kind: 'gpu', gpuId: gpu.id, count, vramGiB };
    }
  }
}

async function askCount(p: Prompts): Promise<number> {
  return valueOf(GPU_COUNT, await p.input({ name: 'gpus', message: 'How many of these GPUs?', default: '1', validate: checkGpuCount }));
}

async function askAmount(
  p: Prompts,
  name: string,
  message: string,
  choices: typeof VOLUMES,
  typed: { message: string; validate: (text: string) => true | string; option: NumberOption },
): Promise<number | null> {
  const picked = await p.select({ name, message, choices, default: null });
  if (picked !== TYPE_IT) return picked;
  const text = await p.input({ name: `${name}Typed`, message: typed.message, validate: typed.validate });
  return valueOf(typed.option, text);
}
