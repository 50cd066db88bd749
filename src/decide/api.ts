// Ranking of API picks: catalog API models suited to the use case, with a context
// window large enough, not retired, within the budget at the volume; scored by
// the same use-case quality as local picks (task scores, quality.ts) against
// price, per priority. Tiers are derived from the scores (derivedTier).
import type { ApiModel, Catalog, Model } from '../catalog/schema.js';
import { apiMonthlyUsd, blendedUsdPerToken } from './cost.js';
import type { ApiPick, Excluded } from './output-schema.js';
import { derivedTier, taskNumbers, taskScore, type UseCaseNumbers } from './quality.js';
import { ESTIMATE_RISK } from './ranking.js';
import { apiSetup } from './setup.js';
import type { RecommendUseCase, ResolvedInput } from './types.js';
import { contextWords, percent, tokens, usd } from './words.js';
import { compareIds } from '../util/compare-ids.js';

/**
 * Policy: weight of quality against price per priority. API picks are ranked by
 * per-task quality (quality.ts taskScore), not by price: quality and balanced order by
 * quality alone, the cheaper first among equals. API speed is not modelled (no
 * sourced latency data); smaller, cheaper models answer faster, so the speed
 * priority weighs price as much as quality.
 */
export const API_WEIGHTS = {
  quality: { quality: 1, price: 0 },
  balanced: { quality: 1, price: 0 },
  speed: { quality: 0.5, price: 0.5 },
} as const;

/** Policy: price score on a log scale, 1 at PRICE_LOW and 0 at PRICE_HIGH USD per 1M tokens (blended). */
export const PRICE_LOW = 0.1;
export const PRICE_HIGH = 100;
export const DEPRECATED_PENALTY = 0.1;

export interface ApiRanking {
  picks: ApiPick[];
  excluded: Excluded[];
  /** The cheapest suitable model at the volume, budget or not (before --top), for the cost rules. */
  cheapest: { modelId: string; monthlyUsd: number } | null;
  /** The best-scoring frontier-tier model, for the quality rule. */
  bestFrontier: string | null;
  notes: string[];
}

/**
 * A provider's current line-up: the models its pages name flagship or value
 * (catalog `lineup`, sourced in lineupSource), not superseded, deprecated or
 * retired. This is the default API set of `recommend` and `cost`; `--all` lifts it.
 */
export function isCurrentLineup(m: ApiModel): boolean {
  return m.lineup !== null && m.supersededBy === null && !m.deprecated && !m.retired;
}

/**
 * The API models a command considers: with `all`, every model not retired; else the
 * providers' current line-ups, or, when no model of the catalog carries a lineup
 * (a user catalog of its own), the models that are not superseded, deprecated or retired.
 */
export function apiCandidates(models: readonly ApiModel[], all: boolean): ApiModel[] {
  if (all) return models.filter((m) => !m.retired);
  if (models.some((m) => m.lineup !== null)) return models.filter(isCurrentLineup);
  return models.filter((m) => m.supersededBy === null && !m.deprecated && !m.retired);
}

/**
 * THE per-task quality of a model (0..1, quality.ts taskScore): it ranks API picks and
 * pairs a local pick with API models of comparable quality (the break-even).
 */
export function apiTaskQuality(catalog: Catalog, model: Model, useCase: RecommendUseCase): { score: number; basis: string } {
  const q = taskScore(catalog, model, useCase);
  return { score: q.score, basis: `${q.estimated ? 'mostly estimated: ' : ''}${q.basis}` };
}

/** Policy: API models within this much quality (0..1, apiTaskQuality) of the local pick count as comparable to it. */
export const COMPARABLE_QUALITY_BAND = 0.15;

/**
 * The priced API models of quality comparable to the local pick (within the band, or
 * the closest one), for the break-even: a local model is only an alternative to an
 * API model that answers about as well.
 */
export function comparableApi(
  pick: { modelId: string } | null,
  chosen: readonly ApiModel[],
  catalog: Catalog,
  useCase: RecommendUseCase = 'chat',
): { models: ApiModel[]; ids: Set<string>; note: string } | null {
  const local = pick ? catalog.models.find((m) => m.id === pick.modelId) : undefined;
  if (!local || chosen.length === 0) return null;
  const lq = apiTaskQuality(catalog, local, useCase);
  const scored = chosen.map((m) => ({ m, d: Math.abs(taskNumbers(catalog, m, useCase).score - lq.score) }));
  let near = scored.filter((x) => x.d <= COMPARABLE_QUALITY_BAND);
  if (near.length === 0) near = [[...scored].sort((a, b) => a.d - b.d)[0]!];
  const models = near.map((x) => x.m);
  const names = models.map((m) => m.id).join(', ');
  return {
    models,
    ids: new Set(models.map((m) => m.id)),
    note: `Comparable in quality to ${local.id} (quality ${lq.score.toFixed(2)}: ${lq.basis}): ${names}${
      near.length === 1 && near[0]!.d > COMPARABLE_QUALITY_BAND ? ' (the closest; none within ' + COMPARABLE_QUALITY_BAND + ')' : ` (within ${COMPARABLE_QUALITY_BAND})`
    }.`,
  };
}

export function apiUseCaseFit(model: ApiModel, useCase: RecommendUseCase): 'listed' | 'general' | null {
  if (model.useCases.includes(useCase)) return 'listed';
  if (useCase === 'embedding') return null;
  if (model.useCases.includes('embedding') && !model.useCases.includes('chat')) return null;
  return model.useCases.includes('chat') ? 'general' : null;
}

export function priceScore(usdPerMillionBlended: number): number {
  if (usdPerMillionBlended <= PRICE_LOW) return 1;
  if (usdPerMillionBlended >= PRICE_HIGH) return 0;
  return 1 - Math.log(usdPerMillionBlended / PRICE_LOW) / Math.log(PRICE_HIGH / PRICE_LOW);
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A scored API model before its words: ranking orders every one and words the picks shown. */
interface Scored {
  model: ApiModel;
  score: number;
  tier: ReturnType<typeof derivedTier>;
  fit: 'listed' | 'general';
  /** The numbers of the model's use-case quality; its words are found for the picks shown (apiPick). */
  q: UseCaseNumbers;
  monthly: number | null;
  blended: number;
  quality: number;
}

/** The pick's reasons, setup and figures. */
function apiPick(
  { model: m, score, tier, fit, q, monthly, blended, quality }: Scored,
  input: ResolvedInput,
  volume: { tokensPerDay: number; inputShare: number } | null,
  needsContext: boolean,
  w: (typeof API_WEIGHTS)[keyof typeof API_WEIGHTS],
  catalog: Catalog,
): Omit<ApiPick, 'rank'> {
  const { basis } = taskScore(catalog, m, input.useCase);
  const reasons: string[] = [];
  reasons.push(`score ${score.toFixed(3)} = ${w.quality} × quality ${quality.toFixed(3)} (${q.score.toFixed(3)} − ${ESTIMATE_RISK} × uncertainty ${q.uncertainty.toFixed(3)}) + ${w.price} × price score ${priceScore(blended).toFixed(3)}${m.deprecated ? ` − ${DEPRECATED_PENALTY} (deprecated)` : ''}`);
  reasons.push(`${input.useCase} quality ${q.score.toFixed(2)}${q.estimated ? ' (mostly estimated)' : ''}: ${basis}`);
  reasons.push(fit === 'listed' ? `listed for ${input.useCase}` : `a general model, not listed for ${input.useCase}`);
  reasons.push(`tier ${tier}: derived from its general quality among the catalog's API models`);
  if (m.lineup) reasons.push(`${m.provider}'s current ${m.lineup} model`);
  reasons.push(
    `$${m.usdPerMillionInput} in / $${m.usdPerMillionOutput} out per 1M tokens (${m.provider} via litellm, prices as of ${m.asOf})`,
  );
  if (monthly !== null && volume) {
    const budget = input.budgetUsd !== null ? `, within the spending limit of ${usd(input.budgetUsd)}/month` : '';
    reasons.push(`≈ ${usd(monthly)}/month at ${tokens(volume.tokensPerDay)} tokens/day, ${percent(volume.inputShare)} input${budget}`);
  }
  reasons.push(
    `context window ${contextWords(m.contextWindow)} tokens${needsContext ? ` ≥ the ${contextWords(input.contextLength)} needed` : ''}`,
  );
  const caps = (['tools', 'vision', 'reasoning'] as const).filter((k) => m.capabilities[k]);
  if (caps.length > 0) reasons.push(`supports ${caps.join(', ')}`);
  if (m.deprecated) reasons.push('deprecated by the provider: plan a move to its successor');
  return {
    modelId: m.id,
    name: m.name,
    provider: m.provider,
    tier,
    usdPerMillionInput: m.usdPerMillionInput,
    usdPerMillionOutput: m.usdPerMillionOutput,
    ...(monthly !== null ? { monthlyUsd: round(monthly, 2) } : {}),
    contextWindow: m.contextWindow,
    envVar: m.envVar,
    pricesAsOf: m.asOf,
    deprecated: m.deprecated,
    quality: { score: round(q.score), estimated: q.estimated, uncertainty: round(q.uncertainty), basis },
    ...(m.dimensions !== undefined ? { dimensions: m.dimensions } : {}),
    score: round(score),
    setup: apiSetup(m, input.useCase === 'embedding'),
    reasons,
  };
}

export function rankApi(input: ResolvedInput, models: readonly ApiModel[], catalog: Catalog): ApiRanking {
  const excluded: Excluded[] = [];
  const live = models.filter((m) => {
    if (m.retired && apiUseCaseFit(m, input.useCase) !== null) {
      excluded.push({ modelId: m.id, reason: 'retired by the provider', kind: 'retired' });
      return false;
    }
    return !m.retired;
  });
  // The line-ups (flagship/value) name chat models; embedding models have none of their
  // own, so for --use-case embedding the current (not superseded, deprecated or retired)
  // embedding models are the default set.
  const considered =
    input.useCase === 'embedding' && !input.allApi
      ? live.filter((m) => m.useCases.includes('embedding') && m.supersededBy === null && !m.deprecated)
      : apiCandidates(live, input.allApi);
  const volume = input.tokensPerDay !== null ? { tokensPerDay: input.tokensPerDay, inputShare: input.inputShare } : null;
  const needsContext = input.contextExplicit || input.useCase === 'long-context';
  const w = API_WEIGHTS[input.priority];
  const scored: Scored[] = [];
  let cheapest: ApiRanking['cheapest'] = null;
  for (const m of considered) {
    const fit = apiUseCaseFit(m, input.useCase);
    if (!fit) continue;
    if (needsContext && m.contextWindow < input.contextLength) {
      excluded.push({ modelId: m.id, reason: `context window ${contextWords(m.contextWindow)} is less than the ${contextWords(input.contextLength)} needed`, kind: 'context' });
      continue;
    }
    const monthly = volume ? apiMonthlyUsd(m, volume) : null;
    if (monthly !== null && (cheapest === null || monthly < cheapest.monthlyUsd)) {
      cheapest = { modelId: m.id, monthlyUsd: round(monthly, 2) };
    }
    if (monthly !== null && input.budgetUsd !== null && monthly > input.budgetUsd) {
      excluded.push({ modelId: m.id, reason: `${usd(monthly)}/month at ${tokens(volume!.tokensPerDay)} tokens/day is over the spending limit of ${usd(input.budgetUsd)}/month`, kind: 'spending' });
      continue;
    }
    const q = taskNumbers(catalog, m, input.useCase);
    const tier = derivedTier(catalog, m);
    const blended = blendedUsdPerToken(m, input.inputShare) * 1e6;
    const quality = Math.max(0, q.score - ESTIMATE_RISK * q.uncertainty);
    const score = w.quality * quality + w.price * priceScore(blended) - (m.deprecated ? DEPRECATED_PENALTY : 0);
    scored.push({ model: m, score, tier, fit, q, monthly, blended, quality });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      blendedUsdPerToken(a.model, input.inputShare) - blendedUsdPerToken(b.model, input.inputShare) ||
      compareIds(a.model.id, b.model.id),
  );
  const frontier = scored.find((s) => s.tier === 'frontier');
  return {
    picks: scored.slice(0, input.top).map((s, i) => ({ rank: i + 1, ...apiPick(s, input, volume, needsContext, w, catalog) })),
    excluded: excluded.sort((a, b) => compareIds(a.modelId, b.modelId)),
    cheapest,
    bestFrontier: frontier ? frontier.model.id : null,
    notes: ['API speed is not modelled; the speed priority favours cheaper (smaller) models.'].filter(() => input.priority === 'speed'),
  };
}
