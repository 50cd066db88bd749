// Plans beyond one GPU or one machine (pure): how many cards of a kind hold the model with
// tensor parallelism (vLLM) or a layer split (llama.cpp), or how many machines with vLLM + Ray
// (tensor parallel inside a node, pipeline parallel across nodes) or llama.cpp's RPC backend;
// each with memory per device, expected speed and the commands. llm-pick never runs them.
//
// Commands and rules, as checked:
// - vLLM: `vllm serve MODEL --tensor-parallel-size T [--pipeline-parallel-size P]`; across nodes set T to
//   the GPUs per node and P to the nodes, start Ray first (`ray start --head` on the head node,
//   `ray start --address=<head>` on each worker) and pass `--distributed-executor-backend ray`
//   (vllm-project/vllm docs/serving/parallelism_scaling.md @ 096bd6a4; docs.vllm.ai distributed_serving).
//   6379 is the port `ray start --head` listens on by default (the address workers join).
// - vLLM's TP rule: "Total number of attention heads must be divisible by tensor parallel size"
//   (vllm/config.py verify_with_parallel_config @ c0c2335c), and KV heads are split or replicated:
//   kvHeads % T == 0 when T < kvHeads, else T % kvHeads == 0 (QKVParallelLinear in
//   vllm/model_executor/layers/linear.py, `divide()` asserts). Nodes hold 1, 2, 4 or 8 GPUs, so the
//   automatic search tries powers of two; an explicit --gpus N is checked against the same rule.
//   When no TP size is valid vLLM's docs suggest pipeline parallelism alone (T = 1, P = GPUs).
// - llama.cpp: `llama-server -m FILE -ngl 99 --split-mode layer` splits layers and KV across the GPUs
//   (`-sm, --split-mode {none,layer,row}`, tools/server/README.md); RPC: `rpc-server -H 0.0.0.0 -p 50052`
//   on each worker (flags in tools/rpc/rpc-server.cpp @ 3e926cbe: default host 127.0.0.1, port 50052)
//   and `llama-server ... --rpc host1:50052,host2:50052 -ngl 99` on the main host (tools/rpc/README.md
//   @ 339453e2). The README warns the RPC backend is a fragile, insecure proof of concept.
import { NETWORK_HOP_MS } from './speed-calibration.js';
import { estimateSpeedDetail, type Interconnect } from './speed.js';
import type { MemoryEstimate, ModelShape, SpeedHardware, WeightsEstimate } from './types.js';

export type PlanKind = 'single-gpu' | 'tensor-parallel' | 'pipeline-parallel' | 'layer-split' | 'multi-node-vllm' | 'multi-node-rpc';

export interface ScaleInput {
  /** The model's memory on one device: weights + KV cache + runtime overhead. */
  memory: MemoryEstimate;
  weights: WeightsEstimate;
  shape: Pick<ModelShape, 'layers' | 'attentionHeads' | 'kvHeads' | 'activeParams'>;
  /** Canonical quant id (Q4_K_M, AWQ-INT4, BF16, ...). */
  quant: string;
  contextLength: number;
  /** Usable bytes on one device (after the runtime reserve). */
  deviceBudgetBytes: number;
  /** One device of the kind planned (its `gpus` is ignored). */
  device: SpeedHardware;
  /** Shown in explanations, e.g. "RTX 4090". */
  deviceName?: string | undefined;
  /** HF repo for `vllm serve`; a placeholder is used when unknown. */
  hfRepo?: string | null | undefined;
  /** GGUF file (or `-hf REPO:QUANT`, passed as is) for llama-server; a placeholder is used when unknown. */
  ggufFile?: string | null | undefined;
  /** `fit --gpus N`: GPUs per machine to plan for (default: the fewest that fit, up to maxGpusPerNode). */
  gpus?: number | undefined;
  /** `fit --nodes M`: machines to plan for (default: the fewest that fit). */
  nodes?: number | undefined;
  /** Most GPUs one machine holds (default 8). */
  maxGpusPerNode?: number | undefined;
  /** Most machines the search tries (default 16). */
  maxNodes?: number | undefined;
  /** Link between the GPUs of one machine (default PCIe). */
  interconnect?: Interconnect | undefined;
}

export interface ScalePlan {
  kind: PlanKind;
  engine: 'vllm' | 'llama.cpp';
  nodes: number;
  gpusPerNode: number;
  devices: number;
  tensorParallelSize: number;
  pipelineParallelSize: number;
  weightsBytesPerDevice: number;
  kvCacheBytesPerDevice: number;
  overheadBytesPerDevice: number;
  bytesPerDevice: number;
  deviceBudgetBytes: number;
  fits: boolean;
  decodeTokensPerSecond: number;
  promptTokensPerSecond: number;
  /** One line: the split, memory per device and how the speed was estimated. */
  explanation: string;
  commands: string[];
  notes: string[];
}

/** A plan for a device whose memory bandwidth is unknown (`fit --vram` without `--gpu`): memory per device, no speed. */
export type MemoryOnlyScalePlan = Omit<ScalePlan, 'decodeTokensPerSecond' | 'promptTokensPerSecond'> & {
  decodeTokensPerSecond: number | null;
  promptTokensPerSecond: number | null;
};

const GIB = 2 ** 30;
const gib = (b: number): string => `${(b / GIB).toFixed(1)} GiB`;
const tps = (x: number): string => (x >= 100 ? Math.round(x).toString() : x >= 10 ? x.toFixed(0) : x.toFixed(1));

/** vLLM accepts tensor-parallel size `t` for this shape (attention heads and KV heads divide evenly). */
export function validTensorParallel(t: number, attentionHeads: number, kvHeads: number): boolean {
  if (!Number.isInteger(t) || t < 1) return false;
  if (attentionHeads % t !== 0) return false;
  return t >= kvHeads ? t % kvHeads === 0 : kvHeads % t === 0;
}

const GGUF_LIKE = /^(Q\d|IQ\d|MXFP4)/i;

interface Split {
  tp: number;
  pp: number;
  /** Devices that share the weights and the KV cache. */
  devices: number;
}

/** ScaleInput with the device's speed figures possibly unknown. */
type Inputs = Omit<ScaleInput, 'device'> & { device: SpeedHardware | null };

function perDevice(input: Inputs, s: Split): Pick<ScalePlan, 'weightsBytesPerDevice' | 'kvCacheBytesPerDevice' | 'overheadBytesPerDevice' | 'bytesPerDevice'> {
  const weights = input.memory.weightsBytes / s.devices;
  // Tensor parallelism splits KV heads across ranks, but a rank always holds at least one head.
  const kvShare = s.tp > 1 ? Math.min(s.tp, Math.max(1, input.shape.kvHeads)) * s.pp : s.devices;
  const kv = input.memory.kvCacheBytes / kvShare;
  // Each device has its own runtime context and buffers.
  const overhead = input.memory.overheadBytes;
  return {
    weightsBytesPerDevice: Math.ceil(weights),
    kvCacheBytesPerDevice: Math.ceil(kv),
    overheadBytesPerDevice: Math.ceil(overhead),
    bytesPerDevice: Math.ceil(weights + kv + overhead),
  };
}

interface PlanSpeed {
  decode: number;
  prompt: number;
  decodeMs: number;
  hopMs: number;
}

function speed(input: Inputs, s: { cards: number; mode: 'tensor-parallel' | 'layer-split'; hops: number }): PlanSpeed | null {
  if (input.device === null) return null;
  const d = estimateSpeedDetail(
    {
      hardware: { ...input.device, gpus: s.cards },
      weights: input.weights,
      kvCacheBytes: input.memory.kvCacheBytes,
      contextLength: input.contextLength,
      activeParams: input.shape.activeParams,
      quant: input.quant,
      gpuLayers: input.shape.layers,
      totalLayers: input.shape.layers,
      multiGpu: s.mode,
    },
    { interconnect: input.interconnect },
  );
  // Pipeline stages and RPC servers on other machines run one after another, each adding a network hop.
  const hopMs = s.hops * NETWORK_HOP_MS.value;
  return {
    decode: 1000 / (d.decode.totalMs + hopMs),
    prompt: d.promptTokensPerSecond,
    decodeMs: d.decode.totalMs,
    hopMs,
  };
}

function plan(
  input: Inputs,
  base: Omit<ScalePlan, keyof ReturnType<typeof perDevice> | 'fits' | 'deviceBudgetBytes' | 'decodeTokensPerSecond' | 'promptTokensPerSecond' | 'explanation'>,
  sp: PlanSpeed | null,
  what: string,
): MemoryOnlyScalePlan {
  const mem = perDevice(input, { tp: base.tensorParallelSize, pp: base.pipelineParallelSize, devices: base.devices });
  const fits = mem.bytesPerDevice <= input.deviceBudgetBytes;
  let speedText = 'speed unknown (no memory bandwidth for this device: name it with --gpu)';
  if (sp) {
    const hop = sp.hopMs > 0 ? ` + ${base.nodes - 1} network hop${base.nodes > 2 ? 's' : ''} × ${NETWORK_HOP_MS.value} ms` : '';
    speedText = `decode ≈ 1000 / (${sp.decodeMs.toFixed(1)} ms${hop}) ≈ ${tps(sp.decode)} tok/s, prompt ≈ ${tps(sp.prompt)} tok/s`;
  }
  const explanation =
    `${what}: ${gib(mem.bytesPerDevice)} per device (weights ${gib(mem.weightsBytesPerDevice)} + KV ${gib(mem.kvCacheBytesPerDevice)} + overhead ${gib(mem.overheadBytesPerDevice)}) ` +
    `of ${gib(input.deviceBudgetBytes)}${fits ? '' : ' — does not fit'}; ${speedText}`;
  return {
    ...base,
    ...mem,
    deviceBudgetBytes: input.deviceBudgetBytes,
    fits,
    decodeTokensPerSecond: sp ? sp.decode : null,
    promptTokensPerSecond: sp ? sp.prompt : null,
    explanation,
  };
}

const placeholderRepo = 'ORG/MODEL';
const placeholderFile = 'MODEL.gguf';

function vllmNotes(input: Inputs): string[] {
  const notes = ['vLLM figures use the llama.cpp-calibrated bandwidth model at batch 1; vLLM serves many requests at once far faster in total'];
  if (GGUF_LIKE.test(input.quant))
    notes.push(
      `vLLM runs safetensors checkpoints (BF16, AWQ, GPTQ, FP8); its GGUF support is experimental: pick a checkpoint of about the size of ${input.quant}, e.g. AWQ-INT4 for a 4-bit file`,
    );
  return notes;
}

function vllmServe(input: Inputs, tp: number, pp: number, ray: boolean): string {
  const parts = [`vllm serve ${input.hfRepo ?? placeholderRepo}`, `--tensor-parallel-size ${tp}`];
  if (pp > 1) parts.push(`--pipeline-parallel-size ${pp}`);
  if (ray) parts.push('--distributed-executor-backend ray');
  parts.push(`--max-model-len ${input.contextLength}`);
  return parts.join(' ');
}

/** `-m FILE`, or the `-hf REPO:QUANT` reference as given (llama-server downloads it). */
const modelArg = (input: Inputs): string => {
  const file = input.ggufFile ?? placeholderFile;
  return file.startsWith('-hf ') ? file : `-m ${file}`;
};

/** Powers of two up to `max`. */
const powersOfTwo = (max: number): number[] => {
  const out: number[] = [];
  for (let t = 1; t <= max; t *= 2) out.push(t);
  return out;
};

/**
 * Plans that hold the model on several GPUs or machines of one kind. Without `gpus`/`nodes` it
 * searches the fewest devices that fit; with them it plans exactly that hardware (fitting or not).
 * Sorted: fitting plans first, then fewer devices, then faster decode.
 */
export function planScale(input: ScaleInput): ScalePlan[] {
  return plansFor(input) as ScalePlan[];
}

/**
 * planScale for a device of unknown bandwidth (`fit --vram` without `--gpu`): the same plans and
 * memory per device, with speeds null.
 */
export function planScaleMemoryOnly(input: Omit<ScaleInput, 'device'>): MemoryOnlyScalePlan[] {
  return plansFor({ ...input, device: null });
}

function plansFor(input: Inputs): MemoryOnlyScalePlan[] {
  const maxPerNode = Math.max(1, Math.floor(input.maxGpusPerNode ?? 8));
  const maxNodes = Math.max(1, Math.floor(input.maxNodes ?? 16));
  const heads = input.shape.attentionHeads;
  const kvHeads = Math.max(1, input.shape.kvHeads);
  const name = input.deviceName ?? 'GPU';
  const plans: MemoryOnlyScalePlan[] = [];
  const fitsWith = (s: Split) => perDevice(input, s).bytesPerDevice <= input.deviceBudgetBytes;
  const explicitGpus = input.gpus !== undefined ? Math.max(1, Math.floor(input.gpus)) : undefined;
  const explicitNodes = input.nodes !== undefined ? Math.max(1, Math.floor(input.nodes)) : undefined;
  const singleNode = explicitNodes === undefined || explicitNodes === 1;

  // ---- one machine: vLLM tensor parallelism ----
  if (singleNode) {
    let tp: number | undefined;
    if (explicitGpus !== undefined) tp = explicitGpus;
    else tp = powersOfTwo(maxPerNode).find((t) => validTensorParallel(t, heads, kvHeads) && fitsWith({ tp: t, pp: 1, devices: t }));
    if (tp !== undefined) {
      if (validTensorParallel(tp, heads, kvHeads)) {
        const sp = speed(input, { cards: tp, mode: 'tensor-parallel', hops: 0 });
        plans.push(
          plan(
            input,
            {
              kind: tp === 1 ? 'single-gpu' : 'tensor-parallel',
              engine: 'vllm',
              nodes: 1,
              gpusPerNode: tp,
              devices: tp,
              tensorParallelSize: tp,
              pipelineParallelSize: 1,
              commands: [vllmServe(input, tp, 1, false)],
              notes: [
                ...vllmNotes(input),
                ...(tp > 1 ? [`tensor parallelism reads the weights on all ${tp} cards at once; every layer adds two all-reduces (${input.interconnect ?? 'pcie'})`] : []),
              ],
            },
            sp,
            `${tp} × ${name}, vLLM tensor parallel ${tp}`,
          ),
        );
      } else {
        // vLLM's docs: when the GPU count does not divide the model, pipeline parallelism splits layers unevenly.
        const sp = speed(input, { cards: tp, mode: 'layer-split', hops: 0 });
        plans.push(
          plan(
            input,
            {
              kind: 'pipeline-parallel',
              engine: 'vllm',
              nodes: 1,
              gpusPerNode: tp,
              devices: tp,
              tensorParallelSize: 1,
              pipelineParallelSize: tp,
              commands: [vllmServe(input, 1, tp, false)],
              notes: [
                ...vllmNotes(input),
                `tensor parallel ${tp} is not allowed: ${heads} attention heads and ${kvHeads} KV heads must divide evenly; pipeline parallelism runs the ${tp} cards in turn (about one card's speed)`,
              ],
            },
            sp,
            `${tp} × ${name}, vLLM pipeline parallel ${tp}`,
          ),
        );
      }
    }
  }

  // ---- one machine: llama.cpp layer split ----
  if (singleNode) {
    const n =
      explicitGpus ?? Array.from({ length: maxPerNode }, (_, i) => i + 1).find((k) => fitsWith({ tp: 1, pp: k, devices: k }));
    if (n !== undefined) {
      const sp = speed(input, { cards: n, mode: 'layer-split', hops: 0 });
      plans.push(
        plan(
          input,
          {
            kind: n === 1 ? 'single-gpu' : 'layer-split',
            engine: 'llama.cpp',
            nodes: 1,
            gpusPerNode: n,
            devices: n,
            tensorParallelSize: 1,
            pipelineParallelSize: n,
            commands: [`llama-server ${modelArg(input)} -ngl 99${n > 1 ? ' --split-mode layer' : ''} -c ${input.contextLength}`],
            notes: n > 1 ? [`llama.cpp's layer split runs the ${n} cards one after another: about one card's decode speed, with ${n}× the memory`] : [],
          },
          sp,
          n > 1 ? `${n} × ${name}, llama.cpp layer split` : `1 × ${name}, llama.cpp`,
        ),
      );
    }
  }

  // ---- several machines ----
  if (explicitNodes === undefined || explicitNodes > 1) {
    // vLLM + Ray: TP = GPUs per node, PP = nodes (vLLM docs). The search fills whole machines (the
    // largest valid TP); with --nodes M but no --gpus, the fewest GPUs per machine that hold it on M.
    const validPerNode = powersOfTwo(maxPerNode).filter((t) => validTensorParallel(t, heads, kvHeads));
    const largestPerNode = validPerNode.at(-1) ?? 1;
    const perNode =
      explicitGpus ??
      (explicitNodes !== undefined
        ? (validPerNode.find((t) => fitsWith({ tp: t, pp: explicitNodes, devices: explicitNodes * t })) ?? largestPerNode)
        : largestPerNode);
    const tpOk = validTensorParallel(perNode, heads, kvHeads);
    const tp = tpOk ? perNode : 1;
    const nodeSearch = explicitNodes !== undefined ? [explicitNodes] : Array.from({ length: maxNodes - 1 }, (_, i) => i + 2);
    const m = nodeSearch.find((k) => explicitNodes !== undefined || fitsWith({ tp, pp: k * (perNode / tp), devices: k * perNode }));
    const needsMoreThanOneNode = explicitNodes !== undefined || !plans.some((p) => p.fits && p.engine === 'vllm');
    if (m !== undefined && needsMoreThanOneNode) {
      const pp = m * (perNode / tp);
      const sp = speed(input, { cards: tp, mode: tp > 1 ? 'tensor-parallel' : 'layer-split', hops: m - 1 });
      plans.push(
        plan(
          input,
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
              `# on each of the ${m - 1} other node${m > 2 ? 's' : ''}`,
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
            fitsWith({ tp: 1, pp: explicitNodes * k, devices: explicitNodes * k }),
          ) ?? maxPerNode)
        : 1);
    const r = nodeSearch.find((k) => explicitNodes !== undefined || fitsWith({ tp: 1, pp: k * g, devices: k * g }));
    const needsRpc = explicitNodes !== undefined || !plans.some((p) => p.fits && p.engine === 'llama.cpp');
    if (r !== undefined && needsRpc) {
      const sp = speed(input, { cards: r * g, mode: 'layer-split', hops: r - 1 });
      const workers = Array.from({ length: r - 1 }, (_, i) => `WORKER${i + 1}_IP:50052`);
      plans.push(
        plan(
          input,
          {
            kind: 'multi-node-rpc',
            engine: 'llama.cpp',
            nodes: r,
            gpusPerNode: g,
            devices: r * g,
            tensorParallelSize: 1,
            pipelineParallelSize: r * g,
            commands: [
              `# on each of the ${r - 1} worker${r > 2 ? 's' : ''} (llama.cpp built with -DGGML_RPC=ON)`,
              'rpc-server -H 0.0.0.0 -p 50052',
              '# on the main host',
              `llama-server ${modelArg(input)} --rpc ${workers.join(',')} -ngl 99 -c ${input.contextLength}`,
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
  }

  return plans.sort(
    (a, b) => Number(b.fits) - Number(a.fits) || a.devices - b.devices || (b.decodeTokensPerSecond ?? 0) - (a.decodeTokensPerSecond ?? 0),
  );
}
