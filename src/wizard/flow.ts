// The questions, in order. Pure apart from the injected prompts: it returns the
// answers and decides nothing about models (that is `recommend`'s job).
//
// The questions are steps run by one loop (runSteps): Esc (or Backspace on an empty
// typed answer) on any question but the first rejects with GoBack, and the loop re-asks the question asked before it,
// with the answer given then as the default. Answers are kept as given (typed
// text stays text) until the end, so a re-asked question offers what was typed.
import type { Gpu } from '../catalog/schema.js';
import type { HardwarePlan } from '../hardware/types.js';
import type { NumberOption } from '../options/types.js';
import { describeFound, gpuChoices, hardwareChoices, NO_GPU, TYPE_MEMORY, type GpuPick, type HardwareMode } from './hardware.js';
import {
  CONTEXT,
  GPU_COUNT,
  TOKENS_PER_DAY,
  USERS,
  VRAM,
  checkContext,
  checkGiB,
  checkGpuCount,
  checkTokensPerDay,
  checkUsers,
  valueOf,
} from './numbers.js';
import {
  COMMERCIAL_MESSAGE,
  CONTEXTS,
  DATA_RULES,
  DEFAULT_DATA_RULE,
  DEFAULT_PRIORITY,
  DEFAULT_USE_CASE,
  DEFAULT_USERS,
  PRIORITIES,
  PRIORITY_MESSAGE,
  TYPE_IT,
  USERS_MESSAGE,
  USE_CASES,
  USE_CASE_MESSAGE,
  VOLUMES,
} from './questions.js';
import { GoBack, type DataRule, type HardwareAnswer, type PriorityChoice, type Prompts, type UseCaseChoice, type WizardAnswers } from './types.js';

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

/** Said once, before the first question. */
export const BACK_HINT = 'Esc goes back one question (so does Backspace on an empty answer); Ctrl-C quits.';

/** The answers so far, by step key, as given. */
type State = Record<string, unknown>;

/** One question: asked when `when` holds; `previous` is its earlier answer when it is asked again. */
export interface Step {
  key: string;
  when?: (s: State) => boolean;
  ask: (s: State, previous: unknown, canGoBack: boolean) => Promise<unknown>;
}

/**
 * Asks the steps in order. GoBack from a question returns to the last question
 * actually asked before it (skipped steps are skipped again); its answer stays as
 * the default. Esc on the first question is not offered (canGoBack false).
 */
export async function runSteps(steps: readonly Step[], state: State = {}): Promise<State> {
  const asked: number[] = [];
  let i = 0;
  while (i < steps.length) {
    const step = steps[i]!;
    if (step.when && !step.when(state)) {
      delete state[step.key];
      i += 1;
      continue;
    }
    try {
      state[step.key] = await step.ask(state, state[step.key], asked.length > 0);
      asked.push(i);
      i += 1;
    } catch (error) {
      if (!(error instanceof GoBack) || asked.length === 0) throw error;
      i = asked.pop()!;
    }
  }
  return state;
}

export async function askQuestions(p: Prompts, env: FlowEnv): Promise<WizardAnswers> {
  env.say(describeFound(env.found));
  for (const warning of env.found?.warnings.slice(0, MAX_WARNINGS) ?? []) env.say(`  note: ${warning}`);
  env.say(BACK_HINT);
  const s = await runSteps(steps(p, env));
  return {
    hardware: hardwareAnswer(s, env.gpus),
    useCase: s.useCase as UseCaseChoice,
    priority: s.priority as PriorityChoice,
    data: s.data as DataRule,
    tokensPerDay: amount(s.volume, s.volumeTyped, TOKENS_PER_DAY),
    users: s.users === undefined ? 1 : valueOf(USERS, s.users as string),
    ctx: s.context === undefined ? null : amount(s.context, s.contextTyped, CONTEXT),
    commercial: s.commercial as boolean,
  };
}

function amount(picked: unknown, typed: unknown, option: NumberOption): number | null {
  return picked === TYPE_IT ? valueOf(option, typed as string) : (picked as number | null);
}

/** The catalog GPU picked in the filter, if one was. */
function pickedGpu(s: State, gpus: readonly Gpu[]): Gpu | undefined {
  return s.hardware === 'gpu' ? gpus.find((g) => g.id === s.gpu) : undefined;
}

/** GPU memory is typed: chosen so, or chosen from the filter, or the catalog is empty. */
function typesMemory(s: State, gpus: readonly Gpu[]): boolean {
  return s.hardware === 'vram' || (s.hardware === 'gpu' && (gpus.length === 0 || s.gpu === TYPE_MEMORY));
}

function steps(p: Prompts, env: FlowEnv): Step[] {
  const { gpus } = env;
  const select = <V>(key: string, message: string, choices: Parameters<Prompts['select']>[0]['choices'], fallback: V): Step => ({
    key,
    ask: (_s, previous, canGoBack) => p.select({ name: key, message, choices, default: previous ?? fallback, canGoBack }),
  });
  const typed = (key: string, message: string, validate: (text: string) => true | string, fallback?: string): Omit<Step, 'when'> => ({
    key,
    ask: (_s, previous, canGoBack) => p.input({ name: key, message, default: (previous as string | undefined) ?? fallback, validate, canGoBack }),
  });
  return [
    {
      key: 'hardware',
      ask: (_s, previous, canGoBack) =>
        p.select<HardwareMode>({
          name: 'hardware',
          message: 'Plan for which hardware?',
          choices: hardwareChoices(env.found),
          default: (previous as HardwareMode | undefined) ?? 'detected',
          canGoBack,
        }),
    },
    {
      key: 'gpu',
      when: (s) => s.hardware === 'gpu' && gpus.length > 0,
      ask: (_s, _previous, canGoBack) =>
        p.search<GpuPick>({ name: 'gpu', message: 'Which GPU? (type to filter)', source: (term) => gpuChoices(gpus, term), canGoBack }),
    },
    {
      key: 'memory',
      when: (s) => (pickedGpu(s, gpus)?.memoryOptionsGiB.length ?? 0) > 1,
      ask: (s, previous, canGoBack) => {
        const gpu = pickedGpu(s, gpus)!;
        return p.select({
          name: 'memory',
          message: `How much memory does your ${gpu.name} have?`,
          choices: [...gpu.memoryOptionsGiB].sort((a, b) => a - b).map((n) => ({ value: n, name: `${n} GiB` })),
          default: (previous as number | undefined) ?? gpu.vramGiB,
          canGoBack,
        });
      },
    },
    {
      key: 'vram',
      when: (s) => typesMemory(s, gpus),
      ask: (s, previous, canGoBack) => {
        if (s.hardware === 'gpu' && gpus.length === 0) env.say('The GPU catalog is empty; type the GPU memory instead.');
        return p.input({
          name: 'vram',
          message: 'GPU memory per card, in GiB (24, 24GB):',
          default: (previous as string | undefined) ?? DEFAULT_VRAM_GIB,
          validate: checkGiB,
          canGoBack,
        });
      },
    },
    {
      ...typed('gpus', 'How many of these GPUs?', checkGpuCount, '1'),
      // Unified-memory chips (Apple) come one to a machine.
      when: (s) => typesMemory(s, gpus) || (pickedGpu(s, gpus) !== undefined && !pickedGpu(s, gpus)!.unifiedMemory),
    },
    select('useCase', USE_CASE_MESSAGE, USE_CASES, DEFAULT_USE_CASE),
    select('priority', PRIORITY_MESSAGE, PRIORITIES, DEFAULT_PRIORITY),
    select('data', 'Where may your data go?', DATA_RULES, DEFAULT_DATA_RULE),
    select('volume', 'How many tokens a day (prompts + answers)?', VOLUMES, null),
    { ...typed('volumeTyped', 'Tokens per day (e.g. 2000000, 500k or 2M):', checkTokensPerDay), when: (s) => s.volume === TYPE_IT },
    // Asked once a volume is known: recommend uses --users for the local cost (busy hours, energy,
    // GPUs needed, break-even), which it only computes for a volume. Enter keeps 1 (no flag).
    { ...typed('users', USERS_MESSAGE, checkUsers, DEFAULT_USERS), when: (s) => s.volume !== null },
    // Embedding models have small fixed windows; the default for the use case is the right one.
    { ...select('context', 'How long are the prompts (context length)?', CONTEXTS, null), when: (s) => s.useCase !== 'embedding' },
    { ...typed('contextTyped', 'Context length in tokens (e.g. 65536 or 64K):', checkContext), when: (s) => s.context === TYPE_IT },
    {
      key: 'commercial',
      ask: (_s, previous, canGoBack) => p.confirm({ name: 'commercial', message: COMMERCIAL_MESSAGE, default: (previous as boolean | undefined) ?? false, canGoBack }),
    },
  ];
}

function hardwareAnswer(s: State, gpus: readonly Gpu[]): HardwareAnswer {
  const count = (): number => valueOf(GPU_COUNT, s.gpus as string);
  if (typesMemory(s, gpus)) return { kind: 'vram', vramGiB: valueOf(VRAM, s.vram as string), count: count() };
  if (s.hardware === 'cpu' || (s.hardware === 'gpu' && s.gpu === NO_GPU)) return { kind: 'cpu' };
  const gpu = pickedGpu(s, gpus);
  if (!gpu) return { kind: 'detected' };
  const size = s.memory as number | undefined;
  return { kind: 'gpu', gpuId: gpu.id, count: gpu.unifiedMemory ? 1 : count(), vramGiB: size !== undefined && size !== gpu.vramGiB ? size : undefined };
}
