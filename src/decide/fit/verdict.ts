// The fit verdict (pure): does the model fit the budget, would it on the idle cards, the largest
// context and the best GGUF quantization that fit whole, and the quantization fit picks when
// --quant is left out.
import { bestQuantThatFits, checkFit, maxContextThatFits, type FitRequest, type FitVerdict } from '../../estimate/fit.js';
import { QUALITY_ORDER, type GgufQuant } from '../../estimate/quants.js';
import type { MemoryBudget, ModelShape } from '../../estimate/types.js';
import type { WeightsDetail } from '../../estimate/weights.js';
import type { HardwarePlan } from '../../hardware/types.js';
import type { FitDocument } from '../../render/fit-schema.js';
import type { FitContext } from './context.js';

/** What checkFit is asked: the model at its quant and context on the plan's budget. */
export function fitRequest(
  model: { shape: ModelShape; quant: FitRequest['quant']; weights?: WeightsDetail | undefined },
  ctx: FitContext,
  budget: MemoryBudget | null,
  gpuContext: boolean,
): FitRequest {
  return {
    shape: model.shape,
    quant: model.quant,
    contextLength: ctx.contextLength,
    kvType: ctx.kvType,
    flashAttn: ctx.flashAttn,
    budget,
    gpuContext,
    ...(model.weights ? { weights: model.weights } : {}),
  };
}

export interface FitVerdicts {
  verdict: FitVerdict;
  whenIdle: FitDocument['whenIdle'];
  maxContext: number | null;
  bestQuant: GgufQuant | null;
}

export function fitVerdicts(req: FitRequest, plan: HardwarePlan): FitVerdicts {
  const verdict = checkFit(req);
  // Memory held by other processes: the verdict on the idle cards beside the one for what is free now.
  const idleVerdict = plan.idleBudget ? checkFit({ ...req, budget: plan.idleBudget }) : null;
  const whenIdle =
    idleVerdict && plan.heldSummary
      ? { fits: idleVerdict.fits, budgetBytes: idleVerdict.budgetBytes === null ? null : Math.round(idleVerdict.budgetBytes), heldBy: plan.heldSummary }
      : null;
  const maxContext = maxContextThatFits(req);
  const { weights: _exact, ...forQuants } = req;
  return { verdict, whenIdle, maxContext, bestQuant: bestQuantThatFits(forQuants) };
}

/**
 * The quantization when --quant is left out and a budget is known: the best GGUF type that fits
 * whole (bestQuantThatFits), or, when none does, the smallest, so that the answer shows how far
 * off the model is. Null without a budget of known size (the caller asks for --quant).
 */
export function chooseQuant(req: Omit<FitRequest, 'quant' | 'weights'>): { quant: GgufQuant; fits: boolean } | null {
  const smallest = QUALITY_ORDER.at(-1)!;
  // No budget, or one whose size is unknown (CPU with RAM unknown): nothing to choose against.
  if (checkFit({ ...req, quant: smallest }).fits === null) return null;
  const best = bestQuantThatFits({ ...req, quant: QUALITY_ORDER[0]! });
  return best ? { quant: best, fits: true } : { quant: smallest, fits: false };
}
