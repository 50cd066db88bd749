// Plans across machines (pure): vLLM + Ray (tensor parallel inside a node, pipeline parallel across
// nodes) and llama.cpp's RPC backend, on the fewest machines that hold the model, or on --nodes M.
import { validTensorParallel } from './tensor-parallel.js';
import { plan, speed } from './scale-per-device.js';
import type { MemoryOnlyScalePlan, Search } from './scale-types.js';
import { NETWORK_HOP_MS } from './speed-calibration.js';
import { modelArg, onEach, vllmNotes, vllmServe } from './scale-commands.js';
import { powersOfTwo } from './scale-one-node.js';

/**
 * Plans of several machines, given the one-machine plans found so far (`earlier`): a machine count is
 * searched only for an engine that no single machine runs, unless --nodes M asks for one.
 */
export function multiNodePlans(search: Search, earlier: readonly MemoryOnlyScalePlan[]): MemoryOnlyScalePlan[] {
  const { input, maxPerNode, maxNodes, heads, kvHeads, name, vllm, gguf, fitsWith, explicitGpus, explicitNodes } = search;
  const plans: MemoryOnlyScalePlan[] = [...earlier];
  // vLLM + Ray: TP = GPUs per node, PP = nodes (vLLM docs). The search fills whole machines (the
  // largest valid TP); with --nodes M but no --gpus, the fewest GPUs per machine that hold it on M.
  const validPerNode = powersOfTwo(maxPerNode).filter((t) => validTensorParallel(t, heads, kvHeads));
  const largestPerNode = validPerNode.at(-1) ?? 1;
  const perNode =
    explicitGpus ??
    (explicitNodes !== undefined
      ? (validPerNode.find((t) => fitsWith(vllm, { tp: t, pp: explicitNodes, devices: explicitNodes * t })) ?? largestPerNode)
      : largestPerNode);
  const tpOk = validTensorParallel(perNode, heads, kvHeads);
  const tp = tpOk ? perNode : 1;
  const nodeSearch = explicitNodes !== undefined ? [explicitNodes] : Array.from({ length: maxNodes - 1 }, (_, i) => i + 2);
  const m = nodeSearch.find((k) => explicitNodes !== undefined || fitsWith(vllm, { tp, pp: k * (perNode / tp), devices: k * perNode }));
  const needsMoreThanOneNode = explicitNodes !== undefined || !plans.some((p) => p.fits && p.engine === 'vllm');
  if (m !== undefined && needsMoreThanOneNode) {
    const pp = m * (perNode / tp);
    const sp = speed(input, vllm, { cards: tp, mode: tp > 1 ? 'tensor-parallel' : 'layer-split', hops: m - 1 });
    plans.push(
      plan(
        input,
        vllm,
        {
          kind: 'multi-node-vllm',
          engine: 'vllm',
          nodes: m,
          gpusPerNode: perNode,
          devices: m * perNode,
          tensorParallelSize: tp,
          pipelineParallelSize: pp,
          commands: [
            '# on the head node',
            'ray start --head --port=6379',
            onEach(m - 1, 'other node', 'other nodes'),
            'ray start --address=HEAD_IP:6379',
            '# then, on the head node',
            vllmServe(input, tp, pp, true),
          ],
          notes: [
            ...vllmNotes(input),
            'every node needs the same vLLM version and the model at the same path; pipeline stages run in turn, so decode pays a network hop per extra node',
            ...(tpOk ? [] : [`tensor parallel ${perNode} is not allowed for ${heads} heads / ${kvHeads} KV heads: pipeline parallel only`]),
          ],
        },
        sp,
        `${m} nodes × ${perNode} × ${name}, vLLM + Ray (tensor ${tp} × pipeline ${pp})`,
      ),
    );
  }

  // llama.cpp RPC: the main host plus m − 1 workers each exposing its GPUs; layers spread over all of them.
  // One GPU per machine in the search; with --nodes M but no --gpus, the fewest per machine that hold it.
  // "By default, rpc-server exposes all available accelerator devices on the host" (tools/rpc/README.md
  // @ 038514c9), so one server per worker; older builds expose one device (start one per GPU then).
  const g =
    explicitGpus ??
    (explicitNodes !== undefined
      ? (Array.from({ length: maxPerNode }, (_, i) => i + 1).find((k) =>
          fitsWith(gguf, { tp: 1, pp: explicitNodes * k, devices: explicitNodes * k }),
        ) ?? maxPerNode)
      : 1);
  const r = nodeSearch.find((k) => explicitNodes !== undefined || fitsWith(gguf, { tp: 1, pp: k * g, devices: k * g }));
  const needsRpc = explicitNodes !== undefined || !plans.some((p) => p.fits && p.engine === 'llama.cpp');
  if (r !== undefined && needsRpc) {
    const sp = speed(input, gguf, { cards: r * g, mode: 'layer-split', hops: r - 1 });
    const workers = Array.from({ length: r - 1 }, (_, i) => `WORKER${i + 1}_IP:50052`);
    plans.push(
      plan(
        input,
        gguf,
        {
          kind: 'multi-node-rpc',
          engine: 'llama.cpp',
          nodes: r,
          gpusPerNode: g,
          devices: r * g,
          tensorParallelSize: 1,
          pipelineParallelSize: r * g,
          commands: [
            `${onEach(r - 1, 'worker', 'workers')} (llama.cpp built with -DGGML_RPC=ON)`,
            'rpc-server -H 0.0.0.0 -p 50052',
            '# on the main host',
            `llama-server ${modelArg(input)} --rpc ${workers.join(',')} -ngl 99 -c ${input.contextLength} -np 1`,
          ],
          notes: [
            'the RPC backend is a proof of concept: never expose rpc-server to an untrusted network (tools/rpc/README.md)',
            `decode adds about ${NETWORK_HOP_MS.value} ms per remote machine per token on gigabit Ethernet`,
            ...(g > 1
              ? [`rpc-server exposes all ${g} GPUs of its host in current llama.cpp; with an older build start one rpc-server per GPU (CUDA_VISIBLE_DEVICES=i, its own port) and list each in --rpc`]
              : []),
          ],
        },
        sp,
        `${r} machines × ${g} × ${name}, llama.cpp RPC`,
      ),
    );
  }
  return plans.slice(earlier.length);
}
