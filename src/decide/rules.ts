// Local or API: the guide's Step 1 as rules with weights. Every rule that fires
// is reported in words with the user's own input in it. Hard rules (privacy,
// offline) are constraints: API picks are left out, whatever the weights.
//
// Guide, Step 1 — local when: privacy is required, volume is high (over about
// 1M tokens/day), offline use is needed, predictable cost is preferred, latency
// is critical. API when: the best quality is needed, volume is low or
// unpredictable, for quick prototyping, nobody wants to run infrastructure, or
// (this tool's addition) nothing useful fits the hardware.
import type { ApiRanking } from './api.js';
import type { LocalPick } from './output-schema.js';
import { HIGH_VOLUME_TOKENS_PER_DAY, MATERIAL_MONTHLY_USD, SLOW_DECODE_TOKENS_PER_SECOND } from './thresholds.js';
import type { ResolvedInput } from './types.js';
import { because, becauseMissing, plain, reasonText, type Reason } from './origin.js';
import { contextWords, gib, tokens, tps, usd } from './words.js';

export interface RuleContext {
  input: ResolvedInput;
  local: {
    best: LocalPick | null;
    /** Models with a candidate that fits entirely (or whose fit is unknown). */
    fittingCount: number;
    offloadCount: number;
    budgetBytes: number | null;
    cpuOnly: boolean;
    /**
     * Electricity to serve the volume with the best local pick: its GPUs at rated
     * power for the hours one stream is busy (see recommend.ts); null when the
     * volume, the speed or the power is unknown.
     */
    energy: { monthlyUsd: number; watts: number; busyHoursPerDay: number; canServe: boolean; kwhPrice: number } | null;
  };
  api: Pick<ApiRanking, 'cheapest' | 'bestFrontier'> & {
    /** API picks that passed every filter (use case, context, budget, not retired). */
    count: number;
  };
}

export interface DeploymentRule {
  id: string;
  side: 'local' | 'api';
  weight: number;
  /** A hard rule is a constraint: only local models. */
  hard: boolean;
  /** It argues from what an API would cost or offer: moot once APIs are ruled out (--privacy, --offline, --local-only). */
  needsApi?: boolean;
  fires(ctx: RuleContext): boolean;
  /** A string is a reason of no particular option. */
  reason(ctx: RuleContext): Reason | string;
}

const HIGH = HIGH_VOLUME_TOKENS_PER_DAY;

/** Embedding models write no tokens: decode speed does not apply to them. */
function decodeMatters(b: LocalPick): boolean {
  return b.type === 'local' && b.speed !== null;
}

function fastLocal(ctx: RuleContext): boolean {
  const b = ctx.local.best;
  return b !== null && b.fits === true && (!decodeMatters(b) || b.speed!.decodeTokensPerSecond >= SLOW_DECODE_TOKENS_PER_SECOND);
}

function slowLocal(ctx: RuleContext): boolean {
  const b = ctx.local.best;
  return b !== null && b.fits === true && decodeMatters(b) && b.speed!.decodeTokensPerSecond < SLOW_DECODE_TOKENS_PER_SECOND;
}

function cheapestWords(ctx: RuleContext): string {
  const c = ctx.api.cheapest;
  return c ? `the cheapest suitable API, ${c.modelId}, would cost ${usd(c.monthlyUsd)}/month` : '';
}

function energyWords(ctx: RuleContext): string {
  const e = ctx.local.energy!;
  const hours = Math.min(24, e.busyHoursPerDay);
  return `${e.watts} W rated power for the ${hours < 1 ? hours.toFixed(1) : hours.toFixed(0)} h/day it is busy and idle power the rest of the day, at ${usd(e.kwhPrice)}/kWh; hardware not counted (the same figure as \`llm-pick cost\`)`;
}

function where(ctx: RuleContext, contextLength = ctx.input.contextLength): string {
  const b = ctx.local.budgetBytes;
  const mem = b === null ? 'this hardware' : ctx.local.cpuOnly ? `${gib(b)} of RAM (CPU only)` : `${gib(b)} of GPU memory`;
  return `${mem} at ${contextWords(contextLength)} tokens of context`;
}

export const DEPLOYMENT_RULES: readonly DeploymentRule[] = [
  {
    id: 'privacy',
    side: 'local',
    weight: 0,
    hard: true,
    fires: (c) => c.input.privacy,
    reason: () => because('privacy', 'data must not leave this machine'),
  },
  {
    id: 'offline',
    side: 'local',
    weight: 0,
    hard: true,
    fires: (c) => c.input.offline,
    reason: () => because('offline', 'it must work without a network'),
  },
  {
    id: 'high-volume',
    side: 'local',
    weight: 2,
    hard: false,
    fires: (c) => c.input.tokensPerDay !== null && c.input.tokensPerDay > HIGH,
    reason: (c) => {
      const cost = cheapestWords(c);
      return `${tokens(c.input.tokensPerDay ?? 0)} tokens/day is over the ${tokens(HIGH)}/day where local usually pays off (rule of thumb)${cost ? `; ${cost}` : ''}`;
    },
  },
  {
    id: 'low-volume',
    needsApi: true,
    side: 'api',
    weight: 2,
    hard: false,
    fires: (c) => c.input.tokensPerDay !== null && c.input.tokensPerDay <= HIGH,
    reason: (c) => {
      const cost = cheapestWords(c);
      return `${tokens(c.input.tokensPerDay ?? 0)} tokens/day is at or under the ${tokens(HIGH)}/day where local usually pays off (rule of thumb)${cost ? `; ${cost}` : ''}`;
    },
  },
  {
    id: 'unknown-volume',
    needsApi: true,
    side: 'api',
    weight: 1,
    hard: false,
    fires: (c) => c.input.tokensPerDay === null,
    reason: () => becauseMissing('tokensPerDay', 'pay-per-use suits an unknown or unpredictable volume'),
  },
  {
    id: 'over-budget',
    needsApi: true,
    side: 'local',
    weight: 2,
    hard: false,
    fires: (c) => c.input.budgetUsd !== null && c.api.cheapest !== null && c.api.cheapest.monthlyUsd > c.input.budgetUsd,
    reason: (c) => because('budget', `${cheapestWords(c)}, over the spending limit of ${usd(c.input.budgetUsd ?? 0)}/month`),
  },
  {
    id: 'within-budget',
    needsApi: true,
    side: 'api',
    weight: 1,
    hard: false,
    fires: (c) => c.input.budgetUsd !== null && c.api.cheapest !== null && c.api.cheapest.monthlyUsd <= c.input.budgetUsd,
    reason: (c) => because('budget', `${cheapestWords(c)}, within the spending limit of ${usd(c.input.budgetUsd ?? 0)}/month`),
  },
  {
    id: 'predictable-cost',
    side: 'local',
    weight: 1,
    hard: false,
    fires: (c) => c.input.predictableCost,
    reason: () => because('predictableCost', 'a predictable cost is preferred: running locally costs the same every month, an API bill follows usage'),
  },
  {
    id: 'latency-critical',
    side: 'local',
    weight: 1,
    hard: false,
    fires: (c) => c.input.latencyCritical && fastLocal(c),
    reason: (c) =>
      because(
        'latencyCritical',
        `a local model answers without a network round trip${
          c.local.best?.speed ? ` (${c.local.best.modelId}: ≈ ${tps(c.local.best.speed.decodeTokensPerSecond)})` : ''
        }`,
      ),
  },
  {
    id: 'latency-but-slow',
    side: 'api',
    weight: 1,
    hard: false,
    fires: (c) => c.input.latencyCritical && slowLocal(c),
    reason: (c) =>
      because('latencyCritical', `the best local fit, ${c.local.best?.modelId}, runs at only ≈ ${tps(c.local.best?.speed?.decodeTokensPerSecond ?? 0)}`),
  },
  {
    id: 'fits-here',
    side: 'local',
    weight: 1,
    hard: false,
    fires: (c) => fastLocal(c),
    reason: (c) => {
      const b = c.local.best!;
      const speed = b.speed ? (b.type === 'embedding' ? `, ≈ ${tps(b.speed.promptTokensPerSecond)} of input` : `, ≈ ${tps(b.speed.decodeTokensPerSecond)}`) : '';
      return `a suitable model fits: ${b.modelId} at ${b.quant} needs ${gib(b.memory.totalBytes)} of ${where(c, b.contextLength)}${speed}`;
    },
  },
  {
    id: 'slow-local',
    side: 'api',
    weight: 1,
    hard: false,
    fires: (c) => slowLocal(c) && !c.input.latencyCritical,
    reason: (c) =>
      `the best local fit, ${c.local.best?.modelId}, runs at only ≈ ${tps(c.local.best?.speed?.decodeTokensPerSecond ?? 0)} (under ${SLOW_DECODE_TOKENS_PER_SECOND} tok/s)`,
  },
  {
    id: 'nothing-fits',
    side: 'api',
    weight: 3,
    hard: false,
    fires: (c) => c.local.budgetBytes !== null && c.local.fittingCount === 0,
    reason: (c) =>
      `no model for ${c.input.useCase} fits ${where(c)}${
        c.local.offloadCount > 0 ? ' (only with partial offload to system RAM, which is slow)' : ''
      }`,
  },
  {
    id: 'api-cheaper',
    needsApi: true,
    side: 'api',
    weight: 1,
    hard: false,
    fires: (c) =>
      c.local.energy !== null && c.api.cheapest !== null && c.local.energy.monthlyUsd - c.api.cheapest.monthlyUsd >= MATERIAL_MONTHLY_USD,
    reason: (c) => `${cheapestWords(c)}, less than the ≈ ${usd(c.local.energy!.monthlyUsd)}/month of electricity to run it here (${energyWords(c)})`,
  },
  {
    id: 'local-cheaper',
    needsApi: true,
    side: 'local',
    weight: 1,
    hard: false,
    fires: (c) =>
      c.local.energy !== null && c.api.cheapest !== null && c.api.cheapest.monthlyUsd - c.local.energy.monthlyUsd >= MATERIAL_MONTHLY_USD,
    reason: (c) => `running it here costs ≈ ${usd(c.local.energy!.monthlyUsd)}/month of electricity (${energyWords(c)}); ${cheapestWords(c)}`,
  },
  {
    id: 'volume-exceeds-one-stream',
    side: 'api',
    weight: 1,
    hard: false,
    fires: (c) => c.local.energy !== null && !c.local.energy.canServe && c.local.best?.engine !== 'vllm',
    reason: (c) =>
      `one stream of ${c.local.best?.modelId} would need ${c.local.energy!.busyHoursPerDay.toFixed(0)} h a day for ${tokens(c.input.tokensPerDay ?? 0)} tokens; batching (vLLM, llama-server --parallel) or more GPUs would be needed`,
  },
  {
    id: 'no-api-pick',
    needsApi: true,
    side: 'local',
    weight: 2,
    hard: false,
    fires: (c) => c.api.count === 0 && !c.input.privacy && !c.input.offline && !c.input.localOnly,
    reason: (c) => {
      const text = `no API model in the catalog suits ${c.input.useCase}${c.input.contextExplicit || c.input.useCase === 'long-context' ? ` at ${contextWords(c.input.contextLength)} tokens` : ''}`;
      return c.input.budgetUsd !== null ? because('budget', `${text} within the spending limit of ${usd(c.input.budgetUsd)}/month`) : text;
    },
  },
  {
    id: 'best-quality',
    needsApi: true,
    side: 'api',
    weight: 1,
    hard: false,
    fires: (c) => c.input.priority === 'quality' && c.api.bestFrontier !== null,
    reason: (c) =>
      because(
        'priority',
        `frontier API models such as ${c.api.bestFrontier} score above open models that fit ${where(c)}${
          c.local.best ? ` (best here: ${c.local.best.modelId})` : ''
        }`,
        'quality',
      ),
  },
  {
    id: 'prototyping',
    needsApi: true,
    side: 'api',
    weight: 1,
    hard: false,
    fires: (c) => c.input.prototyping,
    reason: () => because('prototype', 'a quick prototype: an API needs no download or setup'),
  },
  {
    id: 'no-infrastructure',
    needsApi: true,
    side: 'api',
    weight: 1,
    hard: false,
    fires: (c) => c.input.noInfrastructure,
    reason: () => because('managed', 'nobody wants to run infrastructure: an API is operated by its provider'),
  },
];

/** A fired rule: its JSON form (reason as the command line words it) and the reason with its origin. */
export interface FiredRule {
  id: string;
  side: 'local' | 'api';
  weight: number;
  hard: boolean;
  reason: string;
  detail: Reason;
}

export function firedRules(ctx: RuleContext, rules: readonly DeploymentRule[] = DEPLOYMENT_RULES): FiredRule[] {
  return rules
    .filter((r) => r.fires(ctx))
    .map((r) => {
      const said = r.reason(ctx);
      const detail = typeof said === 'string' ? plain(said) : said;
      return { id: r.id, side: r.side, weight: r.weight, hard: r.hard, reason: reasonText(detail), detail };
    });
}
