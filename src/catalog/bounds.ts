// Ceilings on catalog numbers (hostile input, issue #22): a count that drives a loop or
// an allocation (layers, experts, heads, context) and every figure that is printed
// (sizes, prices) is checked against a documented ceiling after the schema, so a shared
// catalog with `layers: 1e6` or a price of 1e300 is one clear error naming file, line
// and field, never a 4 GB allocation or "$Infinity".
import { MAX_GIB, MAX_PRICE_USD, SHAPE_LIMITS as L } from '../core/limits.js';

export interface BoundFinding {
  path: (string | number)[];
  message: string;
}

type Obj = Record<string, unknown>;

function check(out: BoundFinding[], obj: Obj | null | undefined, prefix: (string | number)[], limits: Record<string, number>): void {
  if (!obj || typeof obj !== 'object') return;
  for (const [field, max] of Object.entries(limits)) {
    const v = obj[field];
    if (typeof v !== 'number') continue;
    if (!Number.isFinite(v) || v > max || v < -max) out.push({ path: [...prefix, field], message: `${v} is out of range: at most ${max}` });
  }
}

const ARCH = {
  layers: L.layers,
  hiddenSize: L.width,
  attentionHeads: L.heads,
  kvHeads: L.heads,
  headDim: L.width,
  vocabSize: L.vocab,
  ffnSize: L.width,
  maxContext: L.context,
  mtpLayers: L.layers,
};

/** Findings for one entry of a section, paths relative to the entry. */
export function boundsOf(section: string, entry: unknown): BoundFinding[] {
  const out: BoundFinding[] = [];
  const e = entry as Obj;
  if (section === 'models') {
    const arch = e.architecture as Obj | undefined;
    check(out, arch, ['architecture'], ARCH);
    if (arch) {
      check(out, arch.slidingWindow as Obj, ['architecture', 'slidingWindow'], { window: L.context, slidingLayers: L.layers });
      check(out, arch.moe as Obj, ['architecture', 'moe'], {
        experts: L.experts,
        activeExperts: L.experts,
        expertFfnSize: L.width,
        sharedExperts: L.experts,
        sharedExpertFfnSize: L.width,
        denseLayers: L.layers,
        layerStep: L.layers,
      });
      check(out, arch.mla as Obj, ['architecture', 'mla'], { kvLoraRank: L.width, qLoraRank: L.width, qkNopeHeadDim: L.width, qkRopeHeadDim: L.width, vHeadDim: L.width });
      const moe = arch.moe as Obj | null | undefined;
      if (moe && typeof moe.activeExperts === 'number' && typeof moe.experts === 'number' && moe.activeExperts > moe.experts) {
        out.push({ path: ['architecture', 'moe', 'activeExperts'], message: `${moe.activeExperts} active experts of ${moe.experts}: at most experts` });
      }
    }
    check(out, e.params as Obj, ['params'], { total: L.params, active: L.params });
    check(out, e, [], {
      dimensions: L.width,
      maxTokens: L.context,
      usdPerMillionInput: MAX_PRICE_USD,
      usdPerMillionOutput: MAX_PRICE_USD,
      usdPerMillionCachedInput: MAX_PRICE_USD,
      contextWindow: L.context,
      maxOutputTokens: L.context,
    });
    (Array.isArray(e.ollama) ? (e.ollama as Obj[]) : []).forEach((t, i) => check(out, t, ['ollama', i], { sizeBytes: L.bytes, contextWindow: L.context }));
    (Array.isArray(e.ggufFiles) ? (e.ggufFiles as Obj[]) : []).forEach((f, i) => check(out, f, ['ggufFiles', i], { bytes: L.bytes }));
    (Array.isArray(e.quality) ? (e.quality as Obj[]) : []).forEach((q, i) => check(out, q, ['quality', i], { value: 1e9 }));
  } else if (section === 'gpus') {
    check(out, e, [], { vramGiB: MAX_GIB, memoryBandwidthGBps: 1e6, fp16Tflops: 1e6, tdpWatts: 1e5 });
    (Array.isArray(e.memoryOptionsGiB) ? (e.memoryOptionsGiB as number[]) : []).forEach((v, i) => {
      if (typeof v === 'number' && v > MAX_GIB) out.push({ path: ['memoryOptionsGiB', i], message: `${v} is out of range: at most ${MAX_GIB}` });
    });
  } else if (section === 'quants') {
    check(out, e, [], { bitsPerWeight: 64 });
  }
  return out;
}
