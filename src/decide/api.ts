// Ranking of API picks: catalog API models suited to the use case, with a context
// window large enough, not retired, within the budget at the volume; scored by
// the same use-case quality as local picks (task scores, quality.ts) against
// price, per priority. Tiers are derived from the scores (derivedTier).
import type { ApiModel, Catalog } from '../catalog/schema.js';
import { apiMonthlyUsd, blendedUsdPerToken } from './cost.js';
import type { ApiPick } from './output-schema.js';
import { derivedTier, taskScore } from './quality.js';
import { ESTIMATE_RISK } from './ranking.js';
import { apiSetup } from './setup.js';
import type { RecommendUseCase, ResolvedInput } from './types.js';
import { contextWords, percent, tokens, usd } from './words.js';

/**
 * Policy: weight of quality against price per priority. API speed is not
 * modelled (no sourced latency data); smaller, cheaper models answer faster, so
 * the speed priority leans on price.
 */
export const API_WEIGHTS = {
  quality: { quality: 0.85, price: 0.15 },
  balanced: { quality: 0.5, price: 0.5 },
  speed: { quality: 0.3, price: 0.7 },
} as const;

/** Policy: price score on a log scale, 1 at PRICE_LOW and 0 at PRICE_HIGH USD per 1M tokens (blended). */
export const PRICE_LOW = 0.1;
export const PRICE_HIGH = 100;
export const DEPRECATED_PENALTY = 0.1;

export interface ApiRanking {
  picks: ApiPick[];
  excluded: { modelId: string; reason: string }[];
  /** The cheapest suitable model at the volume, budget or not (before --top), for the cost rules. */
  cheapest: { modelId: string; monthlyUsd: number } | null;
  /** The best-scoring frontier-tier model, for the quality rule. */
  bestFrontier: string | null;
  notes: string[];
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

export function rankApi(input: ResolvedInput, models: readonly ApiModel[], catalog: Catalog): ApiRanking {
  const excluded: { modelId: string; reason: string }[] = [];
  const live = models.filter((m) => {
    if (m.retired && apiUseCaseFit(m, input.useCase) !== null) {
      excluded.push({ modelId: m.id, reason: 'retired by the provider' });
      return false;
    }
    return !m.retired;
  });
  const volume = input.tokensPerDay !== null ? { tokensPerDay: input.tokensPerDay, inputShare: input.inputShare } : null;
  const needsContext = input.contextExplicit || input.useCase === 'long-context';
  const w = API_WEIGHTS[input.priority];
  const scored: { model: ApiModel; score: number; pick: Omit<ApiPick, 'rank'> }[] = [];
  let cheapest: ApiRanking['cheapest'] = null;
  for (const m of live) {
    const fit = apiUseCaseFit(m, input.useCase);
    if (!fit) continue;
    if (needsContext && m.contextWindow < input.contextLength) {
      excluded.push({ modelId: m.id, reason: `context window ${contextWords(m.contextWindow)} is less than the ${contextWords(input.contextLength)} needed` });
      continue;
    }
    const monthly = volume ? apiMonthlyUsd(m, volume) : null;
    if (monthly !== null && (cheapest === null || monthly < cheapest.monthlyUsd)) {
      cheapest = { modelId: m.id, monthlyUsd: round(monthly, 2) };
    }
    if (monthly !== null && input.budgetUsd !== null && monthly > input.budgetUsd) {
      excluded.push({ modelId: m.id, reason: `${usd(monthly)}/month at ${tokens(volume!.tokensPerDay)} tokens/day is over the ${usd(input.budgetUsd)} budget` });
      continue;
    }
    const q = taskScore(catalog, m, input.useCase);
    const tier = derivedTier(catalog, m);
    const blended = blendedUsdPerToken(m, input.inputShare) * 1e6;
    const quality = Math.max(0, q.score - ESTIMATE_RISK * q.uncertainty);
    const score = w.quality * quality + w.price * priceScore(blended) - (m.deprecated ? DEPRECATED_PENALTY : 0);
    const reasons: string[] = [];
    reasons.push(`score ${score.toFixed(3)} = ${w.quality} × quality ${quality.toFixed(3)} (${q.score.toFixed(3)} − ${ESTIMATE_RISK} × uncertainty ${q.uncertainty.toFixed(3)}) + ${w.price} × price score ${priceScore(blended).toFixed(3)}${m.deprecated ? ` − ${DEPRECATED_PENALTY} (deprecated)` : ''}`);
    reasons.push(`${input.useCase} quality ${q.score.toFixed(2)}${q.estimated ? ' (mostly estimated)' : ''}: ${q.basis}`);
    reasons.push(fit === 'listed' ? `listed for ${input.useCase}` : `a general model, not listed for ${input.useCase}`);
    reasons.push(`tier ${tier}: derived from its general quality among the catalog's API models`);
    reasons.push(
      `$${m.usdPerMillionInput} in / $${m.usdPerMillionOutput} out per 1M tokens (${m.provider} via litellm, prices as of ${m.asOf})`,
    );
    if (monthly !== null && volume) {
      const budget = input.budgetUsd !== null ? `, within the ${usd(input.budgetUsd)} budget` : '';
      reasons.push(`≈ ${usd(monthly)}/month at ${tokens(volume.tokensPerDay)} tokens/day, ${percent(volume.inputShare)} input${budget}`);
    }
    reasons.push(
      `context window ${contextWords(m.contextWindow)} tokens${needsContext ? ` ≥ the ${contextWords(input.contextLength)} needed` : ''}`,
    );
    const caps = (['tools', 'vision', 'reasoning'] as const).filter((k) => m.capabilities[k]);
    if (caps.length > 0) reasons.push(`supports ${caps.join(', ')}`);
    if (m.deprecated) reasons.push('deprecated by the provider: plan a move to its successor');
    const pick: Omit<ApiPick, 'rank'> = {
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
      quality: { score: round(q.score), estimated: q.estimated, uncertainty: round(q.uncertainty), basis: q.basis },
      ...(m.dimensions !== undefined ? { dimensions: m.dimensions } : {}),
      score: round(score),
      setup: apiSetup(m, input.useCase === 'embedding'),
      reasons,
    };
    scored.push({ model: m, score, pick });
  }
  scored.sort((a, b) => b.score - a.score || a.model.id.localeCompare(b.model.id));
  const frontier = scored.find((s) => s.pick.tier === 'frontier');
  return {
    picks: scored.slice(0, input.top).map((s, i) => ({ rank: i + 1, ...s.pick })),
    excluded: excluded.sort((a, b) => a.modelId.localeCompare(b.modelId)),
    cheapest,
    bestFrontier: frontier ? frontier.model.id : null,
    notes: ['API speed is not modelled; the speed priority favours cheaper (smaller) models.'].filter(() => input.priority === 'speed'),
  };
}
