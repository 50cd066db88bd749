// fit's llama.cpp and Ollama serving plan (pure): --users N slots of the context sharing one KV cache
// (-np, --kv-unified), how many fit whole, batched decode and time to first token, and the command.
import { checkFit } from '../../estimate/fit.js';
import { batchedDecode, llamaServerSlots, timeToFirstToken } from '../../estimate/serving.js';
import type { FitDocument } from '../../render/fit-schema.js';
import { round, speedParts, type ServingContext } from './serving-context.js';

/** An encoder-only embedder: --embedding, and its whole input in one micro-batch (-ub = -b = the context; src/estimate/overhead.ts). */
function encoderFlags(c: ServingContext): string {
  return c.shape.encoderOnly ? ` --embedding -ub ${c.contextLength} -b ${c.contextLength}` : '';
}

export function llamaServing(engine: 'llama.cpp' | 'ollama', c: ServingContext, users: number, promptTokens: number, warnings: string[]): FitDocument['serving'] {
  const slots = llamaServerSlots(users, c.contextLength);
  // An encoder-only embedder's micro-batch is one slot's input (-ub = the per-slot context), not the shared -c.
  const ubatch = c.shape.encoderOnly ? { ubatch: c.contextLength } : {};
  const shared = checkFit({ ...c.req, ...ubatch, weights: c.verdict.memory.weights, contextLength: slots.contextTotal });
  const fitsSlots = (k: number) => checkFit({ ...c.req, ...ubatch, weights: c.verdict.memory.weights, contextLength: k * c.contextLength }).fits === true;
  // The most slots of contextLength that fit whole (bisection: memory grows with slots).
  let maxSlots = 0;
  if (fitsSlots(1)) {
    let lo = 1;
    let hi = 2;
    while (hi <= 4096 && fitsSlots(hi)) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fitsSlots(mid)) lo = mid;
      else hi = mid;
    }
    maxSlots = lo;
  }
  // One user on a model that only runs with layers or experts in RAM: the offload plan already says so.
  if (shared.fits === false && (users > 1 || maxSlots > 0)) {
    warnings.push(`--users ${users}: ${users} slots of ${c.contextLength} tokens (-c ${slots.contextTotal}) do not fit whole; ${maxSlots} do`);
  }
  let aggregate: number | null = null;
  let perUser: number | null = null;
  let saturating: number | null = null;
  let ttft: number | null = null;
  // The layers on the GPU(s) for the shared context: all of them when it fits, else the offload's -ngl.
  const gpuLayers = shared.mode === 'cpu' ? 0 : shared.mode === 'gpu' ? (shared.offload?.gpuLayers ?? 0) : c.shape.layers;
  if (c.speedHw && shared.fits !== null) {
    const { d0, parts } = speedParts(c, c.speedHw, shared.memory.weights, c.quant, c.verdict.memory.kvCacheBytes, gpuLayers, 'layer-split');
    const b = batchedDecode(parts, users);
    aggregate = round(b.aggregateDecodeTokensPerSecond, 1);
    perUser = round(b.perUserDecodeTokensPerSecond, 1);
    saturating = b.saturatingBatch;
    ttft = round(timeToFirstToken(promptTokens, d0.promptTokensPerSecond, d0.decode.totalMs), 3);
  }
  // One user on a model that runs partly from RAM: the fit's own placement (experts or layers in RAM,
  // the faster of the two) is the plan; its command and speed are the serving plan's too.
  const placed = users === 1 && shared.fits === false && c.offload && c.offload.strategy !== 'none' && c.offload.command ? c.offload : null;
  if (placed && placed.decodeTokensPerSecond !== null) {
    aggregate = round(placed.decodeTokensPerSecond, 1);
    perUser = aggregate;
    saturating = null;
    // Its prompt speed too (experts in RAM: the PCIe copy of the RAM experts per micro-batch), not
    // the whole-layer placement's that the shared-context speed above was computed for.
    const firstStep = placed.decodeAtDepth0 != null && placed.decodeAtDepth0 > 0 ? placed.decodeAtDepth0 : placed.decodeTokensPerSecond;
    if (placed.promptTokensPerSecond != null && firstStep > 0) {
      ttft = round(timeToFirstToken(promptTokens, placed.promptTokensPerSecond, 1000 / firstStep), 3);
    }
  }
  const file = c.modelRef.gguf ?? 'MODEL.gguf';
  const command = placed && engine === 'llama.cpp' ? placed.command! :
    engine === 'ollama'
      ? `OLLAMA_NUM_PARALLEL=${slots.slots} OLLAMA_CONTEXT_LENGTH=${c.contextLength} ollama serve`
      : `llama-server ${file.startsWith('-hf ') ? file : `-m ${file}${c.verdict.memory.visionBytes > 0 ? ' --mmproj MMPROJ.gguf' : ''}`} -c ${slots.contextTotal} -np ${slots.slots}${slots.slots > 1 ? ' --kv-unified' : ''} -ngl ${gpuLayers >= c.shape.layers ? 99 : gpuLayers}${encoderFlags(c)}`;
  return {
    engine,
    users,
    gpuMemoryUtilization: null,
    kvCacheDtype: c.req.kvType,
    kvCacheBytes: shared.memory.kvCacheBytes,
    kvCacheTokens: shared.memory.kv.cells,
    kvCacheBytesPerSlot: Math.round(shared.memory.kvCacheBytes / slots.slots),
    maxConcurrency: maxSlots,
    maxModelLen: c.maxContext === null ? null : Math.floor(c.maxContext / users),
    starts: shared.fits,
    aggregateDecodeTokensPerSecond: aggregate,
    perUserDecodeTokensPerSecond: perUser,
    saturatingBatch: saturating,
    promptTokens,
    timeToFirstTokenSeconds: ttft,
    tensorParallelSize: 1,
    logLines: [],
    command,
    explanation: [
      `${engine === 'ollama' ? 'Ollama (llama.cpp)' : 'llama-server'}: ${slots.slots} slot${slots.slots > 1 ? 's' : ''} of ${c.contextLength} tokens share one KV cache of -c ${slots.contextTotal} tokens (--kv-unified); each slot holds ${((shared.memory.kvCacheBytes / slots.slots) / 2 ** 30).toFixed(2)} GiB; ${maxSlots > 0 ? `${maxSlots} slot${maxSlots === 1 ? '' : 's'} of ${c.contextLength} tokens fit whole` : `no slot of ${c.contextLength} tokens fits in GPU memory whole`}`,
      'batched decode: each step reads the weights once for all slots plus every slot\'s KV cache (halfway through its context on average), and is bounded by compute at large batch',
    ],
  };
}
