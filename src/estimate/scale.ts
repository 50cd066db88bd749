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
// - What vLLM loads (vllmFormatFor): it serves safetensors checkpoints, not GGUF files (its GGUF support
//   is experimental), and the catalog's hf.repo is the 16-bit release. So a vLLM plan loads that repo
//   as is (16-bit), or quantizes it while loading, and its memory and speed are computed for that format:
//   · `--quantization fp8`: "Dynamic quantization of an original precision BF16/FP16 model to FP8 ...
//     without any calibration data"; all Linear modules except lm_head get FP8 E4M3 weights with a
//     per-tensor scale. FP8 W8A8 needs compute capability >= 8.9 (Ada, Hopper); Ampere (>= 8.0; >= 7.5
//     Turing in newer docs) runs it weight-only (W8A16) through FP8 Marlin (vllm-project/vllm
//     docs/features/quantization/fp8.md @ 0244607697939bcf5e9bbb4b9976cf8c2b710982, "Online Dynamic
//     Quantization"; docs.vllm.ai/en/v0.5.5/quantization/fp8.html). The same page warns it loads the
//     model at original precision first; vllm-project/vllm#31914 (merged 2026-01) creates the weights
//     on `meta` and quantizes them as they stream in, and #37851 updated that doc accordingly.
//   · `--quantization bitsandbytes`: "Inflight quantization: load as 4bit quantization" of a 16-bit
//     checkpoint (docs/features/quantization/bnb.md @ 03c1ab5320abc4acd19c2ed16c4fc6aa4b129e8d, "OpenAI
//     Compatible Server"). vllm/model_executor/model_loader/bitsandbytes_loader.py @ 0406fb9f
//     (_unquantized_generator) slices each rank's tensor-parallel shard and calls
//     quantize_4bit(..., quant_type="nf4") tensor by tensor, and dequantize_dq keeps absmax in float32:
//     4 + 32/64 bits per weight, the BNB-NF4 of gpu-formats.ts. In-flight quantization is 4-bit only, and
//     "Prequant BitsAndBytes models with tensor parallelism is not supported" (same file), so an 8-bit
//     bitsandbytes plan is made FP8 instead. vLLM's hardware table lists bitsandbytes for NVIDIA only
//     (docs/features/quantization/supported_hardware.md @ 01129ffb).
//   · AWQ / GPTQ need a checkpoint quantized ahead of time, which the catalog does not list: the command
//     names a placeholder repo (ORG/<name>-AWQ). 4-6-bit GGUF quants map to in-flight NF4 instead, so
//     that the command runs from the catalog's repo; the notes give the trade-off.
//   · gpt-oss ships its experts in MXFP4 (shape.nativeExpertType): served as stored, like the decision
//     engine does (src/decide/candidates.ts vllmCandidate), with no --quantization flag.
import { isGgufQuant, type QuantId } from './quants.js';
import { NETWORK_HOP_MS } from './speed-calibration.js';
import { estimateSpeedDetail, type Interconnect } from './speed.js';
import type { MemoryEstimate, ModelShape, SpeedHardware, WeightsEstimate } from './types.js';

export type PlanKind = 'single-gpu' | 'tensor-parallel' | 'pipeline-parallel' | 'layer-split' | 'multi-node-vllm' | 'multi-node-rpc';

/** What `vllm serve` loads for a quant (vllmFormatFor). */
export interface VllmFormat {
  /** The quant the vLLM command loads: vLLM plans' memory and speed are computed for it. */
  quant: QuantId;
  /** How plans name it: the quant, or what a natively quantized checkpoint holds ("MXFP4+BF16"). */
  label: string;
  /** `--quantization X`: the 16-bit checkpoint is quantized while loading; null: loaded as stored. */
  flag: 'fp8' | 'bitsandbytes' | null;
  /** Set when the catalog's (16-bit) repo is not what loads: the placeholder repo's suffix, e.g. "-AWQ". */
  placeholderSuffix: string | null;
  /** Why this format, what it needs and what it costs. */
  notes: string[];
}

/** The vLLM plans' load: its format and the model's memory on one device in that format. */
export interface VllmLoad {
  format: VllmFormat;
  memory: MemoryEstimate;
  weights: WeightsEstimate;
}

export interface ScaleInput {
  /** The model's memory on one device as llama.cpp runs it (the quant below): weights + KV cache + runtime overhead. */
  memory: MemoryEstimate;
  weights: WeightsEstimate;
  shape: Pick<ModelShape, 'layers' | 'attentionHeads' | 'kvHeads' | 'activeParams'>;
  /** Canonical quant id (Q4_K_M, AWQ-INT4, BF16, ...). */
  quant: string;
  /** What vLLM plans load instead (vllmFormatFor(quant) and its memory): vLLM does not run GGUF files. */
  vllm: VllmLoad;
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
  /** The format the commands load: the GGUF quant for llama.cpp, vllmFormatFor's for vLLM. */
  quant: string;
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

/** 16-bit GGUF types: the checkpoint itself. */
const SIXTEEN_BIT = new Set(['F32', 'F16', 'BF16']);
/** 8- and 6-bit GGUF types: FP8 is the nearest vLLM format that loses no more than they do. */
const EIGHT_BIT = new Set(['Q8_0', 'Q6_K']);

const NOT_GGUF = "vLLM serves safetensors checkpoints, not this GGUF (its GGUF support is experimental)";

/**
 * What a vLLM plan loads for `quant`, from the catalog's repo (the 16-bit release): the checkpoint as
 * stored for 16-bit quants and natively quantized experts (gpt-oss), FP8 quantized while loading for
 * 8- and 6-bit ones (and BNB-INT8), NF4 quantized while loading (bitsandbytes) for 5 bits and below,
 * and an AWQ/GPTQ checkpoint (placeholder repo) for those formats. Sources in the header comment.
 */
export function vllmFormatFor(quant: QuantId, shape: Pick<ModelShape, 'nativeExpertType'> = {}): VllmFormat {
  const fp8Hardware =
    'FP8 runs W8A8 on compute capability >= 8.9 (Ada, Hopper: RTX 40xx, L40S, H100) and weight-only through FP8 Marlin on Ampere; ' +
    'vLLM releases before vllm-project/vllm#31914 (2026) load the 16-bit weights before quantizing and need room for them at start-up';
  const fp8 = (why: string): VllmFormat => ({
    quant: 'FP8',
    label: 'FP8',
    flag: 'fp8',
    placeholderSuffix: null,
    notes: [`${why}: the 16-bit checkpoint is quantized to FP8 while loading (--quantization fp8, no calibration data); ${fp8Hardware}`],
  });
  if (shape.nativeExpertType) {
    // estimateWeights(shape, 'BF16') keeps native experts at their type (quant-mix.ts): the checkpoint as stored.
    return {
      quant: 'BF16',
      label: `${shape.nativeExpertType}+BF16`,
      flag: null,
      placeholderSuffix: null,
      notes: [`the checkpoint ships its experts in ${shape.nativeExpertType} and the rest in 16-bit: vLLM serves it as stored, with no --quantization flag`],
    };
  }
  if (SIXTEEN_BIT.has(quant)) {
    return { quant: 'BF16', label: 'BF16', flag: null, placeholderSuffix: null, notes: ['vLLM serves the 16-bit checkpoint as stored'] };
  }
  if (EIGHT_BIT.has(quant)) return fp8(`${NOT_GGUF}; for ${quant}`);
  if (quant === 'FP8') return fp8('FP8');
  if (quant === 'BNB-INT8') {
    return fp8(
      "BNB-INT8: vLLM quantizes in flight with bitsandbytes to 4 bits only, and pre-quantized bitsandbytes checkpoints do not run with tensor parallelism, so this 8-bit plan uses FP8 (about the same size)",
    );
  }
  if (quant === 'AWQ-INT4' || quant === 'GPTQ-INT4') {
    const suffix = quant === 'AWQ-INT4' ? '-AWQ' : '-GPTQ-Int4';
    return {
      quant,
      label: quant,
      flag: null,
      placeholderSuffix: suffix,
      notes: [
        `the catalog lists only the 16-bit checkpoint: ORG/…${suffix} is a placeholder for a published ${quant} checkpoint of this model (vLLM reads its quantization from its config.json)`,
      ],
    };
  }
  // 5 bits and below (K-, I- and legacy quants, MXFP4 of a model not released in it) and BNB-NF4.
  const why = isGgufQuant(quant) ? `${NOT_GGUF}; for ${quant}` : 'BNB-NF4';
  return {
    quant: 'BNB-NF4',
    label: 'BNB-NF4',
    flag: 'bitsandbytes',
    placeholderSuffix: null,
    notes: [
      `${why}: the 16-bit checkpoint is quantized to 4-bit NF4 with bitsandbytes while loading (--quantization bitsandbytes; pip install bitsandbytes; NVIDIA GPUs)`,
      'trade-off: this runs from the catalog\'s repo with nothing else to find, but bitsandbytes kernels are slower than AWQ/GPTQ (Marlin) ones and the speed here assumes a bandwidth-bound 4-bit kernel (no bitsandbytes measurement), so expect less; with a published AWQ checkpoint of the model, plan it with --quant awq',
    ],
  };
}

interface Split {
  tp: number;
  pp: number;
  /** Devices that share the weights and the KV cache. */
  devices: number;
}

/** ScaleInput with the device's speed figures possibly unknown. */
type Inputs = Omit<ScaleInput, 'device'> & { device: SpeedHardware | null };

/** What one engine loads: the GGUF for llama.cpp, input.vllm for vLLM. */
interface Load {
  /** For the speed model (its dequantization family). */
  quant: string;
  /** For people and the plan's `quant`. */
  label: string;
  memory: MemoryEstimate;
  weights: WeightsEstimate;
}

const ggufLoad = (input: Inputs): Load => ({ quant: input.quant, label: input.quant, memory: input.memory, weights: input.weights });
const vllmLoad = (input: Inputs): Load => ({
  quant: input.vllm.format.quant,
  label: input.vllm.format.label,
  memory: input.vllm.memory,
  weights: input.vllm.weights,
});

function perDevice(input: Inputs, load: Load, s: Split): Pick<ScalePlan, 'weightsBytesPerDevice' | 'kvCacheBytesPerDevice' | 'overheadBytesPerDevice' | 'bytesPerDevice'> {
  const weights = load.memory.weightsBytes / s.devices;
  // Tensor parallelism splits KV heads across ranks, but a rank always holds at least one head.
  const kvShare = s.tp > 1 ? Math.min(s.tp, Math.max(1, input.shape.kvHeads)) * s.pp : s.devices;
  const kv = load.memory.kvCacheBytes / kvShare;
  // Each device has its own runtime context and buffers.
  const overhead = load.memory.overheadBytes;
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

function speed(input: Inputs, load: Load, s: { cards: number; mode: 'tensor-parallel' | 'layer-split'; hops: number }): PlanSpeed | null {
  if (input.device === null) return null;
  const d = estimateSpeedDetail(
    {
      hardware: { ...input.device, gpus: s.cards },
      weights: load.weights,
      kvCacheBytes: load.memory.kvCacheBytes,
      contextLength: input.contextLength,
      activeParams: input.shape.activeParams,
      quant: load.quant,
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
  load: Load,
  base: Omit<ScalePlan, keyof ReturnType<typeof perDevice> | 'quant' | 'fits' | 'deviceBudgetBytes' | 'decodeTokensPerSecond' | 'promptTokensPerSecond' | 'explanation'>,
  sp: PlanSpeed | null,
  what: string,
): MemoryOnlyScalePlan {
  const mem = perDevice(input, load, { tp: base.tensorParallelSize, pp: base.pipelineParallelSize, devices: base.devices });
  const fits = mem.bytesPerDevice <= input.deviceBudgetBytes;
  let speedText = 'speed unknown (no memory bandwidth for this device: name it with --gpu)';
  if (sp) {
    const hop = sp.hopMs > 0 ? ` + ${base.nodes - 1} network hop${base.nodes > 2 ? 's' : ''} × ${NETWORK_HOP_MS.value} ms` : '';
    speedText = `decode ≈ 1000 / (${sp.decodeMs.toFixed(1)} ms${hop}) ≈ ${tps(sp.decode)} tok/s, prompt ≈ ${tps(sp.prompt)} tok/s`;
  }
  const explanation =
    `${what}, ${load.label}: ${gib(mem.bytesPerDevice)} per device (weights ${gib(mem.weightsBytesPerDevice)} + KV ${gib(mem.kvCacheBytesPerDevice)} + overhead ${gib(mem.overheadBytesPerDevice)}) ` +
    `of ${gib(input.deviceBudgetBytes)}${fits ? '' : ' — does not fit'}; ${speedText}`;
  return {
    ...base,
    quant: load.label,
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
function vllmRepo(input: Inputs): string {
  const suffix = input.vllm.format.placeholderSuffix;
  if (suffix === null) return input.hfRepo ?? placeholderRepo;
  const name = input.hfRepo ? input.hfRepo.slice(input.hfRepo.indexOf('/') + 1) : 'MODEL';
  return `ORG/${name}${suffix}`;
}

function vllmServe(input: Inputs, tp: number, pp: number, ray: boolean): string {
  const parts = [`vllm serve ${vllmRepo(input)}`];
  if (input.vllm.format.flag) parts.push(`--quantization ${input.vllm.format.flag}`);
  parts.push(`--tensor-parallel-size ${tp}`);
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

/** "# on the other node" / "# on each of the 3 other nodes". */
const onEach = (n: number, one: string, many: string): string => (n === 1 ? `# on the ${one}` : `# on each of the ${n} ${many}`);

/** Powers of two up to `max`. */
const powersOfTwo = (max: number): number[] => {
  const out: number[] = [];
  for (let t = 1; t <= max; t *= 2) out.push(t);
  return out;
};

/**
 * Plans that hold the model on several GPUs or machines of one kind. Without `gpus`/`nodes` it
 * searches the fewest devices that fit; with them it plans exactly that hardware (fitting or not).
 * Sorted: fitting plans first; within each group, fewer machines, then fewer GPUs, then faster decode
 * (one machine of 8 GPUs is simpler to run than 11 machines of one, whatever the speed).
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

/** The order of planScale: fitting first, then fewer machines, fewer GPUs, faster decode (unknown last). */
export function comparePlans(a: MemoryOnlyScalePlan, b: MemoryOnlyScalePlan): number {
  return (
    Number(b.fits) - Number(a.fits) ||
    a.nodes - b.nodes ||
    a.devices - b.devices ||
    (b.decodeTokensPerSecond ?? 0) - (a.decodeTokensPerSecond ?? 0)
  );
}

function plansFor(input: Inputs): MemoryOnlyScalePlan[] {
  const maxPerNode = Math.max(1, Math.floor(input.maxGpusPerNode ?? 8));
  const maxNodes = Math.max(1, Math.floor(input.maxNodes ?? 16));
  const heads = input.shape.attentionHeads;
  const kvHeads = Math.max(1, input.shape.kvHeads);
  const name = input.deviceName ?? 'GPU';
  const plans: MemoryOnlyScalePlan[] = [];
  const vllm = vllmLoad(input);
  const gguf = ggufLoad(input);
  const fitsWith = (load: Load, s: Split) => perDevice(input, load, s).bytesPerDevice <= input.deviceBudgetBytes;
  const explicitGpus = input.gpus !== undefined ? Math.max(1, Math.floor(input.gpus)) : undefined;
  const explicitNodes = input.nodes !== undefined ? Math.max(1, Math.floor(input.nodes)) : undefined;
  const singleNode = explicitNodes === undefined || explicitNodes === 1;

  // ---- one machine: vLLM tensor parallelism ----
  if (singleNode) {
    let tp: number | undefined;
    if (explicitGpus !== undefined) tp = explicitGpus;
    else tp = powersOfTwo(maxPerNode).find((t) => validTensorParallel(t, heads, kvHeads) && fitsWith(vllm, { tp: t, pp: 1, devices: t }));
    if (tp !== undefined) {
      if (validTensorParallel(tp, heads, kvHeads)) {
        const sp = speed(input, vllm, { cards: tp, mode: 'tensor-parallel', hops: 0 });
        plans.push(
          plan(
            input,
            vllm,
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
                ...(tp > 1
                  ? [`tensor parallelism reads the weights on ${tp === 2 ? 'both' : `all ${tp}`} cards at once; every layer adds two all-reduces (${input.interconnect ?? 'pcie'})`]
                  : []),
              ],
            },
            sp,
            `${tp} × ${name}, vLLM tensor parallel ${tp}`,
          ),
        );
      } else {
        // vLLM's docs: when the GPU count does not divide the model, pipeline parallelism splits layers unevenly.
        const sp = speed(input, vllm, { cards: tp, mode: 'layer-split', hops: 0 });
        plans.push(
          plan(
            input,
            vllm,
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
  }

  return plans.sort(comparePlans);
}
