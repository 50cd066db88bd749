// Money: what an API costs at a volume, and the defaults of the local-cost flags. Pure arithmetic
// on stated inputs; the local side is economics.ts.
import type { ApiModel } from '../catalog/schema.js';

/** A month is 365/12 days (calendar average), so monthly figures don't depend on which month. */
export const DAYS_PER_MONTH = 365 / 12;
export const SECONDS_PER_HOUR = 3600;

export const DEFAULT_KWH_PRICE_USD = 0.15;
export const DEFAULT_HOURS_PER_DAY = 24;
export const DEFAULT_AMORTIZATION_MONTHS = 36;
export const DEFAULT_COST_TOKENS_PER_DAY = 1_000_000;

export interface Volume {
  tokensPerDay: number;
  /** Share of tokens that are input (0..1). */
  inputShare: number;
}

/** USD per token averaged over input and output at the input share. */
export function blendedUsdPerToken(model: Pick<ApiModel, 'usdPerMillionInput' | 'usdPerMillionOutput'>, inputShare: number): number {
  return (inputShare * model.usdPerMillionInput + (1 - inputShare) * model.usdPerMillionOutput) / 1e6;
}

export function apiMonthlyUsd(model: Pick<ApiModel, 'usdPerMillionInput' | 'usdPerMillionOutput'>, volume: Volume): number {
  return volume.tokensPerDay * DAYS_PER_MONTH * blendedUsdPerToken(model, volume.inputShare);
}

// What running locally costs (electricity that follows the load, machines needed, break-even) is
// economics.ts: one model for `cost`, `recommend` and the wizard.
