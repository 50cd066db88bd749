// From the wizard's answers to recommend's options, and from those options to
// the equivalent one-shot command line (only what differs from the defaults).
import { shellQuote } from '../util/shell.js';
import type { RecommendFlags, WizardAnswers } from './types.js';
import { DEFAULT_PRIORITY, DEFAULT_USE_CASE } from './questions.js';

export function toRecommendFlags(a: WizardAnswers): RecommendFlags {
  const o: RecommendFlags = { useCase: a.useCase, priority: a.priority };
  const h = a.hardware;
  if (h.kind === 'gpu') {
    o.gpu = h.gpuId;
    if (h.vramGiB !== undefined) o.vram = h.vramGiB;
    if (h.count > 1) o.gpus = h.count;
  } else if (h.kind === 'vram') {
    o.vram = h.vramGiB;
    if (h.count > 1) o.gpus = h.count;
  } else if (h.kind === 'cpu') {
    o.cpuOnly = true;
  }
  if (a.ctx !== null) o.ctx = a.ctx;
  if (a.data === 'private' || a.data === 'private-offline') o.privacy = true;
  if (a.data === 'offline' || a.data === 'private-offline') o.offline = true;
  if (a.tokensPerDay !== null) o.tokensPerDay = a.tokensPerDay;
  if (a.commercial) o.commercial = true;
  if (a.users > 1) o.users = a.users;
  return o;
}

/** recommend's flags in the order `llm-pick recommend --help` lists them. */
const FLAGS: readonly (readonly [keyof RecommendFlags, string])[] = [
  ['useCase', '--use-case'],
  ['priority', '--priority'],
  ['ctx', '--ctx'],
  ['privacy', '--privacy'],
  ['offline', '--offline'],
  ['latencyCritical', '--latency-critical'],
  ['tokensPerDay', '--tokens-per-day'],
  ['inputShare', '--input-share'],
  ['budget', '--budget'],
  ['localOnly', '--local-only'],
  ['apiOnly', '--api-only'],
  ['commercial', '--commercial'],
  ['allowOffload', '--allow-offload'],
  ['top', '--top'],
  ['users', '--users'],
  ['vram', '--vram'],
  ['gpu', '--gpu'],
  ['gpus', '--gpus'],
  ['ram', '--ram'],
  ['cpuOnly', '--cpu-only'],
];

const DEFAULTS: Partial<RecommendFlags> = { useCase: DEFAULT_USE_CASE, priority: DEFAULT_PRIORITY };

/** The arguments after `llm-pick`: `recommend`, the flags that differ from the defaults, then the user catalogs. */
export function recommendArgs(o: RecommendFlags, catalogFiles: readonly string[] = []): string[] {
  const args = ['recommend'];
  for (const [key, flag] of FLAGS) {
    const value = o[key];
    if (value === undefined || value === DEFAULTS[key]) continue;
    if (value === true) args.push(flag);
    else args.push(flag, String(value));
  }
  for (const file of catalogFiles) args.push('--catalog', file);
  return args;
}

export { shellQuote };

export function commandLine(args: readonly string[]): string {
  return ['llm-pick', ...args].map(shellQuote).join(' ');
}
