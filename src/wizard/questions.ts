// The wizard's questions and their defaults: Enter all the way through gives
// `llm-pick recommend` with no flags (chat, balanced, detected hardware). The
// choices, defaults and wordings of options come from the option table.
import { DEFAULT_CONTEXT, DEFAULT_LONG_CONTEXT } from '../decide/context.js';
import type { Choice, DataRule, PriorityChoice, UseCaseChoice } from './types.js';
import { commercial, priority, useCase, users } from '../options/table.js';
import type { OptionSpec } from '../options/types.js';

/** A choice option of the table as the wizard offers it. */
function offered<V extends string>(o: OptionSpec): readonly Choice<V>[] {
  if (o.type !== 'choice') throw new Error(`${o.flag} is not a choice`);
  return o.choices.map((c) => ({ value: c.value as V, name: c.label, description: c.description }));
}

export const USE_CASES = offered<UseCaseChoice>(useCase);
export const DEFAULT_USE_CASE = useCase.default as UseCaseChoice;
export const USE_CASE_MESSAGE = useCase.wizard!.message;

export const PRIORITIES = offered<PriorityChoice>(priority);
export const DEFAULT_PRIORITY = priority.default as PriorityChoice;
export const PRIORITY_MESSAGE = priority.wizard!.message;

export const COMMERCIAL_MESSAGE = commercial.wizard!.message;

export const USERS_MESSAGE = users.wizard!.message;
/** One person at a time: the same answer as recommend without --users. */
export const DEFAULT_USERS = '1';

export const DATA_RULES: readonly Choice<DataRule>[] = [
  { value: 'anywhere', name: 'Cloud APIs are fine', description: 'no constraint: local or API, whichever is better' },
  { value: 'private', name: 'Data must stay on my machines (privacy)', description: 'only local models' },
  { value: 'offline', name: 'Must work offline (no network)', description: 'only local models' },
  { value: 'private-offline', name: 'Both: private and offline', description: 'only local models' },
];
export const DEFAULT_DATA_RULE: DataRule = 'anywhere';

/** A typed answer, asked for in a follow-up prompt. */
export const TYPE_IT = 'type' as const;

/** Volume buckets, tokens per day (input + output); rough sizes, one order of magnitude apart. */
export const VOLUMES: readonly Choice<number | null | typeof TYPE_IT>[] = [
  { value: null, name: "Don't know yet", description: 'cost is left out of the decision' },
  { value: 100_000, name: 'About 100K tokens/day', description: 'light use' },
  { value: 1_000_000, name: 'About 1M tokens/day', description: 'steady use' },
  { value: 10_000_000, name: 'About 10M tokens/day', description: 'heavy use' },
  { value: 100_000_000, name: 'About 100M tokens/day', description: 'batch jobs, pipelines' },
  { value: TYPE_IT, name: 'Type a number…' },
];

export const CONTEXTS: readonly Choice<number | null | typeof TYPE_IT>[] = [
  { value: null, name: 'The default for this use case', description: `${DEFAULT_CONTEXT} tokens (${DEFAULT_LONG_CONTEXT} for long documents), or the model's maximum if lower` },
  { value: 8192, name: '8K tokens' },
  { value: 32768, name: '32K tokens' },
  { value: 131072, name: '128K tokens' },
  { value: TYPE_IT, name: 'Type a number…' },
];
