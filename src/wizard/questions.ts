// The wizard's questions and their defaults: Enter all the way through gives
// `llm-pick recommend` with no flags (chat, balanced, detected hardware).
import { DEFAULT_CONTEXT, DEFAULT_LONG_CONTEXT } from '../decide/context.js';
import type { Choice, DataRule, PriorityChoice, UseCaseChoice } from './types.js';

export const USE_CASES: readonly Choice<UseCaseChoice>[] = [
  { value: 'chat', name: 'Chat / assistant', description: 'general questions, writing, help' },
  { value: 'code', name: 'Code', description: 'completion, review, coding agents' },
  { value: 'rag', name: 'RAG', description: 'answers grounded in your documents' },
  { value: 'extraction', name: 'Extraction / classification', description: 'structured output from text' },
  { value: 'summarization', name: 'Summarization', description: 'shorter versions of long texts' },
  { value: 'embedding', name: 'Embeddings', description: 'vectors for search and clustering' },
  { value: 'long-context', name: 'Long documents', description: 'whole books, contracts, code bases in one prompt' },
];
export const DEFAULT_USE_CASE: UseCaseChoice = 'chat';

export const PRIORITIES: readonly Choice<PriorityChoice>[] = [
  { value: 'quality', name: 'Quality', description: 'the best answers the hardware or budget allows' },
  { value: 'balanced', name: 'Balanced', description: 'good answers at a comfortable speed' },
  { value: 'speed', name: 'Speed', description: 'fast answers; smaller models are fine' },
];
export const DEFAULT_PRIORITY: PriorityChoice = 'balanced';

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
