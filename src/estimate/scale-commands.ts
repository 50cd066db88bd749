// The commands and notes of multi-GPU plans (pure): `vllm serve` with its parallel sizes and
// quantization, llama-server's model argument, the Ray and RPC lines, and what vLLM plans load.
//
// Commands and rules, as checked:
// - vLLM: `vllm serve MODEL --tensor-parallel-size T [--pipeline-parallel-size P]`; across nodes set T to
//   the GPUs per node and P to the nodes, start Ray first (`ray start --head` on the head node,
//   `ray start --address=<head>` on each worker) and pass `--distributed-executor-backend ray`
//   (vllm-project/vllm docs/serving/parallelism_scaling.md @ 096bd6a4; docs.vllm.ai distributed_serving).
//   6379 is the port `ray start --head` listens on by default (the address workers join).
// - llama.cpp: `llama-server -m FILE -ngl 99 --split-mode layer` splits layers and KV across the GPUs
//   (`-sm, --split-mode {none,layer,row}`, tools/server/README.md); RPC: `rpc-server -H 0.0.0.0 -p 50052`
//   on each worker (flags in tools/rpc/rpc-server.cpp @ 3e926cbe: default host 127.0.0.1, port 50052)
//   and `llama-server ... --rpc host1:50052,host2:50052 -ngl 99` on the main host (tools/rpc/README.md
//   @ 339453e2). The README warns the RPC backend is a fragile, insecure proof of concept.
import type { WeightsEstimate } from './types.js';
import type { Inputs } from './scale-types.js';

const placeholderRepo = 'ORG/MODEL';
const placeholderFile = 'MODEL.gguf';

export function vllmNotes(input: Inputs): string[] {
  const f = input.vllm.format;
  const notes = [...f.notes];
  const bits = (w: WeightsEstimate) => w.bitsPerWeight.toFixed(2);
  if (f.label !== input.quant && bits(input.vllm.weights) !== bits(input.weights)) {
    notes.push(
      `memory and speed of this plan are for ${f.label} (${bits(input.vllm.weights)} bits per weight over the model), not for the ${input.quant} of the llama.cpp plans (${bits(input.weights)})`,
    );
  }
  notes.push('vLLM figures use the llama.cpp-calibrated bandwidth model at batch 1; vLLM serves many requests at once far faster in total');
  return notes;
}

/** The repo `vllm serve` loads: the catalog's, or a placeholder named after it when another checkpoint is needed. */
export function vllmRepo(input: Inputs): string {
  const suffix = input.vllm.format.placeholderSuffix;
  if (suffix === null) return input.hfRepo ?? placeholderRepo;
  const name = input.hfRepo ? input.hfRepo.slice(input.hfRepo.indexOf('/') + 1) : 'MODEL';
  return `ORG/${name}${suffix}`;
}

export function vllmServe(input: Inputs, tp: number, pp: number, ray: boolean): string {
  const parts = [`vllm serve ${vllmRepo(input)}`];
  if (input.vllm.format.flag) parts.push(`--quantization ${input.vllm.format.flag}`);
  parts.push(`--tensor-parallel-size ${tp}`);
  if (pp > 1) parts.push(`--pipeline-parallel-size ${pp}`);
  if (ray) parts.push('--distributed-executor-backend ray');
  parts.push(`--max-model-len ${input.contextLength}`);
  return parts.join(' ');
}

/** `-m FILE`, or the `-hf REPO:QUANT` reference as given (llama-server downloads it). */
export const modelArg = (input: Inputs): string => {
  const file = input.ggufFile ?? placeholderFile;
  return file.startsWith('-hf ') ? file : `-m ${file}`;
};

/** "# on the other node" / "# on each of the 3 other nodes". */
export const onEach = (n: number, one: string, many: string): string => (n === 1 ? `# on the ${one}` : `# on each of the ${n} ${many}`);
