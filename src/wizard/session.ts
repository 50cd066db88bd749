// One wizard session: ask, build recommend's options, ask recommend, and keep
// the equivalent command line. Everything it touches is injected.
import type { Gpu } from '../catalog/schema.js';
import type { HardwarePlan } from '../hardware/types.js';
import { askQuestions } from './flow.js';
import { commandLine, recommendArgs, toRecommendFlags } from './options.js';
import type { Prompts, RecommendFlags, WizardAnswers } from './types.js';

export interface WizardDeps<R> {
  prompts: Prompts;
  /** Hardware of this machine; null when detection failed (the wizard carries on). */
  probe: () => Promise<HardwarePlan | null>;
  gpus: readonly Gpu[];
  /** recommend's run(), bound to the command context. */
  recommend: (options: RecommendFlags) => Promise<R>;
  say: (line: string) => void;
  /** --catalog files, repeated in the command line. */
  catalogFiles?: readonly string[];
}

export interface WizardOutcome<R> {
  answers: WizardAnswers;
  options: RecommendFlags;
  /** `llm-pick recommend ...`, shell-quoted. */
  commandLine: string;
  recommendation: R;
}

export async function runWizard<R>(deps: WizardDeps<R>): Promise<WizardOutcome<R>> {
  const found = await deps.probe();
  const answers = await askQuestions(deps.prompts, { found, gpus: deps.gpus, say: deps.say });
  const options = toRecommendFlags(answers);
  const recommendation = await deps.recommend(options);
  return { answers, options, commandLine: commandLine(recommendArgs(options, deps.catalogFiles)), recommendation };
}
