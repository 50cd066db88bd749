// Plans on one machine (pure): vLLM tensor parallelism (pipeline parallelism when the heads do not
// divide) and llama.cpp's layer split, each on the fewest GPUs that hold the model, or on --gpus N.
import { validTensorParallel } from './tensor-parallel.js';
import { plan, speed } from './scale-per-device.js';
import type { MemoryOnlyScalePlan, Search } from './scale-types.js';
import { modelArg, vllmNotes, vllmServe } from './scale-commands.js';

/** Powers of two up to `max`. */
export const powersOfTwo = (max: number): number[] => {
  const out: number[] = [];
  for (let t = 1; t <= max; t *= 2) out.push(t);
  return out;
};

/** vLLM on one machine: the fewest GPUs (a power of two, as nodes hold 1, 2, 4 or 8) that a valid tensor-parallel size fits, or --gpus N. */
export function oneNodeVllmPlans(search: Search): MemoryOnlyScalePlan[] {
  const { input, maxPerNode, heads, kvHeads, name, vllm, fitsWith, explicitGpus } = search;
  const plans: MemoryOnlyScalePlan[] = [];
  let tp: number | undefined;
  if (explicitGpus !== undefined) tp = explicitGpus;
  else tp = powersOfTwo(maxPerNode).find((t) => validTensorParallel(t, heads, kvHeads) && fitsWith(vllm, { tp: t, pp: 1, devices: t }));
  if (tp !== undefined) {
    // vLLM's docs: when the GPU count does not divide the model, pipeline parallelism splits layers unevenly.
    const tensor = validTensorParallel(tp, heads, kvHeads);
    const sp = speed(input, vllm, { cards: tp, mode: tensor ? 'tensor-parallel' : 'layer-split', hops: 0 });
    const [tpSize, ppSize] = tensor ? [tp, 1] : [1, tp];
    plans.push(
      plan(
        input,
        vllm,
        {
          kind: !tensor ? 'pipeline-parallel' : tp === 1 ? 'single-gpu' : 'tensor-parallel',
          engine: 'vllm',
          nodes: 1,
          gpusPerNode: tp,
          devices: tp,
          tensorParallelSize: tpSize,
          pipelineParallelSize: ppSize,
          commands: [vllmServe(input, tpSize, ppSize, false)],
          notes: [
            ...vllmNotes(input),
            ...(!tensor
              ? [
                  `tensor parallel ${tp} is not allowed: ${heads} attention heads and ${kvHeads} KV heads must divide evenly; pipeline parallelism runs the ${tp} cards in turn (about one card's speed)`,
                ]
              : tp > 1
                ? [`tensor parallelism reads the weights on ${tp === 2 ? 'both' : `all ${tp}`} cards at once; every layer adds two all-reduces (${input.interconnect ?? 'pcie'})`]
                : []),
          ],
        },
        sp,
        `${tp} × ${name}, vLLM ${tensor ? 'tensor' : 'pipeline'} parallel ${tp}`,
      ),
    );
  }
  return plans;
}

/** llama.cpp on one machine: the fewest GPUs whose layer split holds the model, or --gpus N. */
export function oneNodeLlamaPlans(search: Search): MemoryOnlyScalePlan[] {
  const { input, maxPerNode, name, gguf, fitsWith, explicitGpus } = search;
  const plans: MemoryOnlyScalePlan[] = [];
  const n =
    explicitGpus ?? Array.from({ length: maxPerNode }, (_, i) => i + 1).find((k) => fitsWith(gguf, { tp: 1, pp: k, devices: k }));
  if (n !== undefined) {
    const sp = speed(input, gguf, { cards: n, mode: 'layer-split', hops: 0 });
    plans.push(
      plan(
        input,
        gguf,
        {
          kind: n === 1 ? 'single-gpu' : 'layer-split',
          engine: 'llama.cpp',
          nodes: 1,
          gpusPerNode: n,
          devices: n,
          tensorParallelSize: 1,
          pipelineParallelSize: n,
          commands: [`llama-server ${modelArg(input)} -ngl 99${n > 1 ? ' --split-mode layer' : ''} -c ${input.contextLength} -np 1`],
          notes: n > 1 ? [`llama.cpp's layer split runs the ${n} cards one after another: about one card's decode speed, with ${n}× the memory`] : [],
        },
        sp,
        n > 1 ? `${n} × ${name}, llama.cpp layer split` : `1 × ${name}, llama.cpp`,
      ),
    );
  }
  return plans;
}
