// What the decision engine needs from the estimator, as an injected port: the
// engine never does memory or speed math itself. The real implementation
// (src/decide/estimator.ts) wraps src/estimate/; tests pass fakes.
import type { EmbeddingModel, LocalModel } from '../catalog/schema.js';
import type { ExpertsInRam } from '../estimate/expert-offload.js';
import type {
  KvCacheType,
  MemoryBudget,
  MemoryEstimate,
  SpeedEstimate,
  SpeedInput,
  WeightsEstimate,
} from '../estimate/types.js';

export type RunnableModel = LocalModel | EmbeddingModel;

/**
 * Where a model at a quantization and context sits in a budget.
 * gpu: everything in GPU memory (Apple: unified memory);
 * cpu: everything in system RAM, no GPU (CPU-only plans);
 * offload: some repeating layers on the GPU(s), the rest in system RAM;
 * none: does not fit even with system RAM.
 */
export type Placement = 'gpu' | 'cpu' | 'offload' | 'none';

export interface PlacementPlan {
  memory: MemoryEstimate;
  weights: WeightsEstimate;
  placement: Placement;
  /** Repeating layers held by the GPU(s) (0 on CPU-only; totalLayers when placement is gpu). */
  gpuLayers: number;
  totalLayers: number;
  /**
   * MoE experts in system RAM (llama.cpp -ngl 999 --n-cpu-moe N): every layer on the GPU(s) but
   * the routed experts of the first N. Placement is then 'offload' with gpuLayers = totalLayers.
   */
  experts?: ExpertsInRam | undefined;
}

export interface EstimatorPort {
  /**
   * Memory and placement of a catalog model at a quantization (canonical id such as
   * Q4_K_M, F16, FP8) and context length, against a budget (null: nothing known).
   */
  place(
    model: RunnableModel,
    quant: string,
    contextLength: number,
    kvCacheType: KvCacheType,
    budget: MemoryBudget | null,
  ): PlacementPlan;
  /** Decode and prompt tokens/s (src/estimate/speed.ts; experts in RAM: src/estimate/expert-offload.ts). */
  speed(input: SpeedInput & { experts?: ExpertsInRam | undefined }): SpeedEstimate;
  /** Parameters read per token (MoE: active only), for the prompt FLOPs. */
  activeParams(model: RunnableModel): number;
  /** Tensor type the official weights keep their MoE experts in (gpt-oss: MXFP4), or null. */
  nativeExpertType?(model: RunnableModel): string | null;
}
