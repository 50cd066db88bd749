// Money: API cost at a volume, the cost of running locally, break-even volume and
// whether one local stream can serve the volume. Pure arithmetic on stated inputs.
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

export interface LocalCostInput {
  /** Power drawn while running, watts (null: unknown). */
  watts: number | null;
  hoursPerDay: number;
  kwhPriceUsd: number;
  hardwareCostUsd: number;
  months: number;
}

export interface LocalCost {
  electricityUsd: number | null;
  amortizationUsd: number;
  /** null when the power draw is unknown. */
  monthlyUsd: number | null;
}

export function localMonthlyCost(input: LocalCostInput): LocalCost {
  const electricityUsd =
    input.watts === null ? null : (input.watts / 1000) * input.hoursPerDay * DAYS_PER_MONTH * input.kwhPriceUsd;
  const amortizationUsd = input.months > 0 ? input.hardwareCostUsd / input.months : 0;
  return {
    electricityUsd,
    amortizationUsd,
    monthlyUsd: electricityUsd === null ? null : electricityUsd + amortizationUsd,
  };
}

/**
 * Tokens/day at which an API costs as much per month as running locally. The
 * local cost is flat (the machine runs hoursPerDay whatever the volume), so
 * break-even = local monthly / (days × USD per token). Infinity when the API is free.
 */
export function breakEvenTokensPerDay(
  localMonthlyUsd: number,
  model: Pick<ApiModel, 'usdPerMillionInput' | 'usdPerMillionOutput'>,
  inputShare: number,
): number {
  const perToken = blendedUsdPerToken(model, inputShare);
  if (perToken <= 0) return Number.POSITIVE_INFINITY;
  return localMonthlyUsd / (DAYS_PER_MONTH * perToken);
}

export interface Capacity {
  /** Seconds one stream needs per day: input at prompt speed, output at decode speed. */
  secondsNeededPerDay: number;
  secondsAvailablePerDay: number;
  /** Tokens/day one stream can serve at this input share within hoursPerDay. */
  maxTokensPerDay: number;
  canServe: boolean;
}

/** Whether one local stream (no batching) can serve the volume in the hours it runs. */
export function localCapacity(
  volume: Volume,
  speed: { decodeTokensPerSecond: number; promptTokensPerSecond: number },
  hoursPerDay: number,
): Capacity {
  const secondsPerToken =
    (volume.inputShare > 0 ? volume.inputShare / Math.max(speed.promptTokensPerSecond, 1e-9) : 0) +
    (volume.inputShare < 1 ? (1 - volume.inputShare) / Math.max(speed.decodeTokensPerSecond, 1e-9) : 0);
  const secondsAvailablePerDay = hoursPerDay * SECONDS_PER_HOUR;
  const secondsNeededPerDay = volume.tokensPerDay * secondsPerToken;
  return {
    secondsNeededPerDay,
    secondsAvailablePerDay,
    maxTokensPerDay: secondsPerToken > 0 ? secondsAvailablePerDay / secondsPerToken : Number.POSITIVE_INFINITY,
    canServe: secondsNeededPerDay <= secondsAvailablePerDay,
  };
}
