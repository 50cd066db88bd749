// The wizard's seams: the prompt functions it asks through (src/cli/prompts.ts
// wraps @inquirer/prompts; tests pass scripted answers) and the options object
// it hands to `recommend` (the same one commander builds from recommend's flags).
import type { Priority, RecommendUseCase } from '../decide/types.js';

export type UseCaseChoice = RecommendUseCase;
export type PriorityChoice = Priority;

export interface Choice<V> {
  value: V;
  name: string;
  description?: string | undefined;
}

/**
 * Thrown by a prompt when the user asks for the previous question (Esc). Only
 * questions asked with `canGoBack` throw it; the flow (src/wizard/flow.ts) catches
 * it and re-asks the previous question with the previous answer as its default.
 */
export class GoBack extends Error {
  constructor() {
    super('back to the previous question');
    this.name = 'GoBack';
  }
}

/** What every question has. */
interface Asked {
  /** So scripted answers and tests can refer to it; inquirer ignores it. */
  name: string;
  /** Esc goes back (rejects with GoBack); false on the first question, where Esc does nothing. */
  canGoBack?: boolean | undefined;
}

export interface SelectQuestion<V> extends Asked {
  message: string;
  choices: readonly Choice<V>[];
  /** The value Enter picks; the first choice when absent (as inquirer does). */
  default?: V | undefined;
}

export interface SearchQuestion<V> extends Asked {
  message: string;
  /** Choices matching what was typed so far (everything for an empty term). */
  source: (term: string | undefined) => readonly Choice<V>[];
}

export interface InputQuestion extends Asked {
  message: string;
  default?: string | undefined;
  /** true, or the one-line reason the text is refused (shown under the prompt). */
  validate?: ((text: string) => true | string) | undefined;
}

export interface ConfirmQuestion extends Asked {
  message: string;
  default: boolean;
}

/** Cancelling any prompt (Ctrl-C) rejects with CancelledError (src/core/errors.ts); Esc, where allowed, with GoBack. */
export interface Prompts {
  select<V>(q: SelectQuestion<V>): Promise<V>;
  search<V>(q: SearchQuestion<V>): Promise<V>;
  input(q: InputQuestion): Promise<string>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
}

/**
 * `llm-pick recommend`'s options as commander hands them to its run(): flag names
 * camelCased, booleans present only when set, useCase and priority always present
 * (they have defaults). See src/cli/index.ts.
 */
export interface RecommendFlags {
  useCase: UseCaseChoice;
  priority: PriorityChoice;
  ctx?: number;
  privacy?: true;
  offline?: true;
  latencyCritical?: true;
  tokensPerDay?: number;
  inputShare?: number;
  budget?: number;
  localOnly?: true;
  apiOnly?: true;
  commercial?: true;
  allowOffload?: true;
  top?: number;
  users?: number;
  vram?: number;
  gpu?: string;
  gpus?: number;
  ram?: number;
  cpuOnly?: true;
}

/** How the user wants the hardware planned. */
export type HardwareAnswer =
  | { kind: 'detected' }
  | { kind: 'gpu'; gpuId: string; count: number; vramGiB?: number | undefined }
  | { kind: 'vram'; vramGiB: number; count: number }
  | { kind: 'cpu' };

export type DataRule = 'anywhere' | 'private' | 'offline' | 'private-offline';

export interface WizardAnswers {
  hardware: HardwareAnswer;
  useCase: UseCaseChoice;
  priority: PriorityChoice;
  data: DataRule;
  /** null: "don't know". */
  tokensPerDay: number | null;
  /** null: the default for the use case. */
  ctx: number | null;
  /** People using it at the same time (concurrent requests); 1 by default. */
  users: number;
  commercial: boolean;
}
