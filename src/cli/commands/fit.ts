// `llm-pick fit`: memory breakdown, fit verdict, largest context and best quantization that fit,
// and the expected speed when the GPU is known. This file runs the steps in order; each lives in
// its own module (docs/notes/split.md has the map):
//   fit-input.ts          --params/--model/--gguf/--hf/--config → shape and quantization (reads files)
//   fit-hardware.ts       the memory budget: flags or the probe (reads the machine)
//   fit-calibration.ts    a llama-bench run the user imported replaces the generic speed (reads files)
//   src/decide/fit/       the pure rest: context, verdict and quant choice, speed, experts or layers
//                         in RAM, serving, multi-GPU plans, explanation, the document
// Rendering is src/render/fit.ts.
import { UsageError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';
import { fitContext } from '../../decide/fit/context.js';
import { fitDocument } from '../../decide/fit/document.js';
import { fitExplanation } from '../../decide/fit/explain.js';
import { ggufReference, type ModelInput } from '../../decide/fit/model-input.js';
import { offloadChoice, type OffloadFlags } from '../../decide/fit/offload.js';
import type { ScaleFlags } from '../../decide/fit/scale-section.js';
import type { ServingFlags } from '../../decide/fit/serving-context.js';
import { speedOf } from '../../decide/fit/speed.js';
import { chooseQuant, fitRequest, fitVerdicts } from '../../decide/fit/verdict.js';
import { GENERIC_SOURCE, type CalibratedSpeed } from '../../estimate/calibrated-speed.js';
import type { KvCacheType } from '../../estimate/types.js';
import type { HardwareFlags } from '../../hardware/types.js';
import type { FitDocument } from '../../render/fit-schema.js';
import type { CommandContext } from '../context.js';
import { withCalibration } from './fit-calibration.js';
import { fitHardware } from './fit-hardware.js';
import { modelInput, type InputFlags } from './fit-input.js';

export interface FitOptions extends HardwareFlags, InputFlags, OffloadFlags, ScaleFlags {
  ctx?: number;
  kvQuant?: KvCacheType;
  /** --no-flash-attn sets this to false (commander). */
  flashAttn?: boolean;
  /** --ram-bandwidth GB/s: replaces the plan's RAM bandwidth. */
  ramBandwidth?: number;
  requireFit?: boolean;
  /** --allow-rope-scaling: a --ctx beyond the model maximum is sized, not refused. */
  allowRopeScaling?: boolean;
  /** Serving flags (--engine, --users, --gpu-memory-utilization, --prompt-tokens, --kv-cache-dtype): src/decide/fit/serving.ts. */
  engine?: ServingFlags['engine'];
  users?: number;
  gpuMemoryUtilization?: number;
  promptTokens?: number;
  kvCacheDtype?: ServingFlags['kvCacheDtype'];
  /** --vision, --images N: the projector (mmproj) and image tokens (fit-vision.ts). */
  vision?: boolean;
  images?: number;
}

const QUANT_CHOICES = 'q3, q4, q5, q6, q8, fp16 or a GGUF type (Q4_K_M, IQ4_XS, ...)';

export async function run(options: FitOptions, ctx: CommandContext): Promise<FitDocument> {
  const catalogP = async () => (await import('../../catalog/load.js')).loadCatalog(ctx.catalogFiles);
  // --model ID on the built-in catalog reads that one model (src/catalog/load.ts builtinModelById).
  const byId = async (id: string) => (ctx.catalogFiles.length === 0 ? (await import('../../catalog/load.js')).builtinModelById(id) : undefined);
  const resolved = await modelInput(options, async () => (await catalogP()).models, byId);
  const flag = options.params !== undefined ? '--params' : '--model';
  if (resolved.quant === null && (options.engine === 'vllm' || options.engine === 'sglang')) {
    throw new UsageError(`--quant is required with --engine ${options.engine}: fit chooses among GGUF types (llama.cpp) only; give --quant awq, gptq, fp8, bnb-nf4 or bf16`);
  }
  const serving = await import('../../decide/fit/serving.js');
  if (resolved.quant !== null) serving.servingEngine(options, resolved.quant);
  const warnings = [...resolved.warnings];
  const kv = fitContext(resolved, options, warnings);
  const hw = await fitHardware(options, ctx.catalogFiles, catalogP);
  const { plan, gpuContext } = hw;
  warnings.push(...plan.warnings);

  const { visionRequest } = await import('./fit-vision.js');
  const { visionWarnings } = await import('../../decide/fit/vision.js');
  const visionReq = await visionRequest(options, resolved, kv, async () => (await catalogP()).models);
  let input: ModelInput;
  if (resolved.quant === null) {
    // --quant left out: the best GGUF type that fits whole, or the smallest when none does.
    const chosen = chooseQuant({ ...fitRequest({ shape: resolved.shape, quant: 'F16' }, kv, plan.budget, gpuContext), ...visionReq });
    if (!chosen) {
      throw new UsageError(
        `--quant is required with ${flag} when no memory budget is known (no GPU found, no --vram, --gpu or --cpu-only --ram): give --quant ${QUANT_CHOICES}, or a budget and fit picks the best quantization that fits`,
      );
    }
    input = { ...resolved, quant: chosen.quant, quantLabel: chosen.quant, quantSource: 'fit' };
  } else {
    input = resolved;
  }
  const engine = serving.servingEngine(options, input.quant);

  const req = { ...fitRequest(input, kv, plan.budget, gpuContext), ...visionReq };
  const verdicts = fitVerdicts(req, plan);
  const v = verdicts.verdict;
  warnings.push(...visionWarnings(v));

  const { estimateSpeed } = await import('../../estimate/speed.js');
  const speedHw = hw.speedHw;
  const generic = speedOf(input, v, speedHw, estimateSpeed, kv.contextLength);
  const choice = await offloadChoice(options, input, v, plan, speedHw, generic?.speed ?? null, kv, warnings);
  // A llama-bench run the user imported (calibrate) replaces the generic estimate on that GPU;
  // it applies to the layer placement it measured, not to experts kept in RAM.
  const speed: CalibratedSpeed | null =
    generic && choice.speed === generic.speed
      ? await withCalibration(generic, plan, input.shape.totalParams, ctx.catalogFiles)
      : choice.speed
        ? { ...choice.speed, calibrated: false, source: GENERIC_SOURCE, calibration: null }
        : null;

  const explanation = fitExplanation({ input, verdict: v, ctx: kv, choice, plan, gpuContext, speed, whenIdle: verdicts.whenIdle }, warnings);
  const { scaleSection } = await import('../../decide/fit/scale-section.js');
  const scale = await scaleSection(options, input, v, plan, speedHw, { ...kv, gpuContext }, warnings);
  const servingBase = {
    shape: input.shape,
    quant: input.quant,
    contextLength: kv.contextLength,
    req,
    verdict: v,
    plan,
    speedHw: speed ? speedHw : null,
    maxContext: verdicts.maxContext,
    modelRef: { hfRepo: input.hf?.repo ?? null, gguf: ggufReference(input) },
  };
  // Experts in RAM: their own plan at an empty context; else the layer placement's.
  const depth0 = !speed ? null : choice.decodeAtDepth0 != null ? choice.decodeAtDepth0 : serving.decodeAtDepth0(servingBase);
  const servingCtx = {
    ...servingBase,
    offload: choice.doc
      ? { strategy: choice.doc.strategy, command: choice.doc.command, decodeTokensPerSecond: speed?.decodeTokensPerSecond ?? null, promptTokensPerSecond: speed?.promptTokensPerSecond ?? null, decodeAtDepth0: depth0 }
      : null,
  };
  const servingDoc = serving.servingSection(options, engine, servingCtx, warnings);
  return fitDocument({ input, ctx: kv, plan, verdicts, choice, speed, depth0, serving: servingDoc, scale, explanation, warnings });
}

export async function render(result: FitDocument, ui: Ui): Promise<string> {
  const { renderFit } = await import('../../render/fit.js');
  return renderFit(result, ui);
}

/** --require-fit: exit 3 unless the model is known to fit (no budget known counts as not known to fit). */
export function exitCode(result: FitDocument, options: FitOptions): number {
  return options.requireFit && result.fits !== true ? 3 : 0;
}
