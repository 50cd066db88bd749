// Which benchmark measures which task, how each is put on a 0-1 scale, and which
// mix of tasks each use case needs. Policy tables, documented in
// docs/notes/quality.md; the results themselves are data (data/quality/*.yaml).
//
// A task's scale is its anchor's: the benchmark's own uniform run where one exists
// (SWE-bench Verified bash-only: every model on one scaffold, run by the SWE-bench
// team; LMArena's newest snapshot; BFCL v4; ...). A code score of 0.65 reads "as
// good as 65 % on SWE-bench Verified bash-only". Other benchmarks of the task
// (vendor-scaffold SWE-bench, Aider polyglot, EvalPlus, older LMArena snapshots)
// are mapped onto the anchor by a linear fit over the models that have both
// (src/decide/task-fit.ts), never taken at face value.
import type { BenchmarkResult } from '../catalog/schema.js';
import type { RecommendUseCase } from './types.js';

export const TASKS = ['chat', 'code', 'reasoning', 'agents', 'long-context', 'instructions', 'multilingual', 'retrieval'] as const;
export type Task = (typeof TASKS)[number];

export const TASK_LABEL: Record<Task, string> = {
  chat: 'chat and writing',
  code: 'code',
  reasoning: 'reasoning',
  agents: 'agents and tool use',
  'long-context': 'long context',
  instructions: 'instruction following and extraction',
  multilingual: 'multilingual',
  retrieval: 'retrieval (embeddings)',
};

export interface Measure {
  id: string;
  task: Task;
  /** How a result is named in reasons. */
  label: string;
  matches(r: BenchmarkResult): boolean;
  /** value at 0 and at 1 on this measure's own scale (chance level and the maximum, or a stated range). */
  floor: number;
  ceiling: number;
  /** Weight of this measure when a model's task score comes from several (the anchor's is the largest). */
  weight: number;
  /** The task's scale: at most one per task. */
  anchor?: true;
  /** offset: the same benchmark on another scaffold or snapshot, linked by a constant shift; default a fitted line. */
  link?: 'offset';
}

const named = (benchmark: string, variant?: RegExp) => (r: BenchmarkResult) =>
  r.benchmark === benchmark && (variant === undefined || variant.test(r.variant));
const arena = (month: string) => (r: BenchmarkResult) => r.benchmark === 'LMArena text' && r.asOf.startsWith(month);

/**
 * LMArena ratings (Bradley-Terry, Elo scale) are mapped linearly from 1000 (the
 * weakest chat models still listed) to 1550 (above the 2026 top, 1500 or so).
 * Percent benchmarks go from chance level (GPQA and MMMLU: 4 options, 25 %;
 * MMLU-Pro: 10 options, 10 %) to 100 %.
 */
export const MEASURES: readonly Measure[] = [
  { id: 'swe-bash', task: 'code', label: 'SWE-bench Verified (bash-only)', matches: named('SWE-bench Verified', /^bash-only/), floor: 0, ceiling: 100, weight: 4, anchor: true },
  { id: 'swe-other', task: 'code', label: 'SWE-bench Verified', matches: (r) => named('SWE-bench Verified')(r) && !/^bash-only/.test(r.variant), floor: 0, ceiling: 100, weight: 1.5, link: 'offset' },
  { id: 'aider', task: 'code', label: 'Aider polyglot', matches: named('Aider polyglot'), floor: 0, ceiling: 100, weight: 2 },
  { id: 'lcb', task: 'code', label: 'LiveCodeBench', matches: named('LiveCodeBench'), floor: 0, ceiling: 100, weight: 1 },
  { id: 'humaneval-plus', task: 'code', label: 'EvalPlus HumanEval+', matches: named('EvalPlus HumanEval+'), floor: 0, ceiling: 100, weight: 1 },
  { id: 'mbpp-plus', task: 'code', label: 'EvalPlus MBPP+', matches: named('EvalPlus MBPP+'), floor: 0, ceiling: 100, weight: 0.5 },

  { id: 'bfcl-v4', task: 'agents', label: 'BFCL v4', matches: named('BFCL v4 overall'), floor: 0, ceiling: 100, weight: 3, anchor: true },
  { id: 'bfcl-v3', task: 'agents', label: 'BFCL v3', matches: named('BFCL v3 overall'), floor: 0, ceiling: 100, weight: 1.5 },
  { id: 'tau2-retail', task: 'agents', label: 'tau2-bench retail', matches: named('tau2-bench retail'), floor: 0, ceiling: 100, weight: 1 },
  { id: 'tau2-airline', task: 'agents', label: 'tau2-bench airline', matches: named('tau2-bench airline'), floor: 0, ceiling: 100, weight: 1 },
  { id: 'tau2-telecom', task: 'agents', label: 'tau2-bench telecom', matches: named('tau2-bench telecom'), floor: 0, ceiling: 100, weight: 1 },
  { id: 'terminal-bench-2', task: 'agents', label: 'Terminal-Bench 2.0', matches: named('Terminal-Bench 2.0'), floor: 0, ceiling: 100, weight: 1 },

  { id: 'arena-2026-03', task: 'chat', label: 'LMArena text (2026-03-29)', matches: arena('2026-03'), floor: 1000, ceiling: 1550, weight: 3, anchor: true },
  { id: 'arena-2025-12', task: 'chat', label: 'LMArena text (2025-12-11)', matches: arena('2025-12'), floor: 1000, ceiling: 1550, weight: 2, link: 'offset' },
  { id: 'arena-2025-08', task: 'chat', label: 'LMArena text (2025-08-04)', matches: arena('2025-08'), floor: 1000, ceiling: 1550, weight: 1.5, link: 'offset' },

  { id: 'gpqa', task: 'reasoning', label: 'GPQA Diamond', matches: (r) => r.benchmark === 'GPQA Diamond' || r.benchmark === 'GPQA', floor: 25, ceiling: 100, weight: 3, anchor: true },
  { id: 'mmlu-pro', task: 'reasoning', label: 'MMLU-Pro', matches: named('MMLU-Pro'), floor: 10, ceiling: 100, weight: 2 },
  { id: 'aime-2025', task: 'reasoning', label: 'AIME 2025', matches: named('AIME 2025'), floor: 0, ceiling: 100, weight: 1 },
  { id: 'oll-v2', task: 'reasoning', label: 'Open LLM Leaderboard v2', matches: named('Open LLM Leaderboard v2'), floor: 0, ceiling: 100, weight: 0.5 },

  { id: 'ruler-avg', task: 'long-context', label: 'RULER (4K-128K average)', matches: named('RULER', /avg 4K-128K/), floor: 0, ceiling: 100, weight: 3, anchor: true },
  { id: 'ruler-128k', task: 'long-context', label: 'RULER at 128K', matches: named('RULER', /at 128K/), floor: 0, ceiling: 100, weight: 2 },
  { id: 'mrcr', task: 'long-context', label: 'OpenAI MRCR', matches: named('OpenAI MRCR'), floor: 0, ceiling: 100, weight: 1 },
  { id: 'longbench-v2', task: 'long-context', label: 'LongBench v2', matches: named('LongBench v2'), floor: 25, ceiling: 100, weight: 1 },

  { id: 'ifeval', task: 'instructions', label: 'IFEval', matches: named('IFEval'), floor: 0, ceiling: 100, weight: 3, anchor: true },
  { id: 'ifbench', task: 'instructions', label: 'IFBench', matches: named('IFBench'), floor: 0, ceiling: 100, weight: 1 },
  { id: 'multi-if', task: 'instructions', label: 'Multi-IF', matches: named('Multi-IF'), floor: 0, ceiling: 100, weight: 1 },

  { id: 'mmmlu', task: 'multilingual', label: 'MMMLU', matches: named('MMMLU'), floor: 25, ceiling: 100, weight: 3, anchor: true },
  { id: 'global-mmlu-lite', task: 'multilingual', label: 'Global-MMLU-Lite', matches: named('Global-MMLU-Lite'), floor: 25, ceiling: 100, weight: 1 },
  { id: 'mmlu-prox', task: 'multilingual', label: 'MMLU-ProX', matches: named('MMLU-ProX'), floor: 10, ceiling: 100, weight: 1 },

  { id: 'mteb-eng-retrieval', task: 'retrieval', label: 'MTEB(eng, v2) Retrieval', matches: named('MTEB(eng, v2)', /^Retrieval/), floor: 0, ceiling: 100, weight: 3, anchor: true },
  { id: 'mmteb-retrieval', task: 'retrieval', label: 'MMTEB v2 Retrieval', matches: named('MTEB(Multilingual, v2)', /^Retrieval/), floor: 0, ceiling: 100, weight: 2 },
  { id: 'mteb-eng-mean', task: 'retrieval', label: 'MTEB(eng, v2) mean', matches: named('MTEB(eng, v2)', /^Mean \(Task\)/), floor: 0, ceiling: 100, weight: 1 },
];

export function measureOf(r: BenchmarkResult): Measure | null {
  return MEASURES.find((m) => m.matches(r)) ?? null;
}

export function normalize(m: Measure, value: number): number {
  return (value - m.floor) / (m.ceiling - m.floor);
}

/**
 * Each use case as a weighted mix of tasks (weights sum to 1). Policy: what a
 * practitioner checks first for the job. The mix is the same for local and API
 * models, so both are ranked on one footing.
 */
export const USE_CASE_MIX: Record<RecommendUseCase | 'reasoning' | 'vision', Partial<Record<Task, number>>> = {
  chat: { chat: 0.6, instructions: 0.2, reasoning: 0.1, multilingual: 0.1 },
  code: { code: 0.7, agents: 0.2, reasoning: 0.1 },
  rag: { 'long-context': 0.35, instructions: 0.35, chat: 0.3 },
  extraction: { instructions: 0.6, agents: 0.25, 'long-context': 0.15 },
  summarization: { chat: 0.4, 'long-context': 0.4, instructions: 0.2 },
  'long-context': { 'long-context': 0.8, instructions: 0.2 },
  reasoning: { reasoning: 0.8, code: 0.2 },
  vision: { chat: 1 },
  embedding: { retrieval: 1 },
};
