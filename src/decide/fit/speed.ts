// fit's generic speed (pure): decode and prompt tokens/s when the hardware's bandwidth is known and
// the model runs (whole, or offloaded with RAM to hold the rest).
import type { FitVerdict } from '../../estimate/fit.js';
import { isGgufQuant } from '../../estimate/quants.js';
import type { SpeedEstimate, SpeedHardware, SpeedInput } from '../../estimate/types.js';
import type { ModelInput } from './model-input.js';

/** estimateSpeed (src/estimate/speed.ts), passed in so that the caller decides when to load it. */
export type SpeedFn = (input: SpeedInput) => SpeedEstimate;

/** Speed when the hardware's bandwidth is known and the model runs (whole, or offloaded with RAM to hold the rest). */
export function speedOf(input: ModelInput, v: FitVerdict, speedHw: SpeedHardware | null, estimateSpeed: SpeedFn, ctx: number): { input: SpeedInput; speed: SpeedEstimate } | null {
  if (!speedHw) return null;
  if (v.mode === 'gpu' && v.offload && v.offload.ramFits === false) return null;
  if ((v.mode === 'cpu' || v.mode === 'unified') && v.fits === false) return null;
  const gpuLayers = v.mode === 'cpu' ? 0 : v.mode === 'gpu' ? (v.offload?.gpuLayers ?? 0) : input.shape.layers;
  const speedInput: SpeedInput = {
    hardware: speedHw,
    weights: v.memory.weights,
    // The recurrent state (hybrid models) is read and written every token, like the KV cache.
    kvCacheBytes: v.memory.kvCacheBytes + v.memory.recurrentStateBytes,
    contextLength: ctx,
    activeParams: input.shape.activeParams,
    quant: input.quant,
    gpuLayers,
    totalLayers: input.shape.layers,
    multiGpu: isGgufQuant(input.quant) ? 'layer-split' : 'tensor-parallel',
  };
  return { input: speedInput, speed: estimateSpeed(speedInput) };
}
