// Weights computed at build time. The per-tensor estimate (src/estimate/weights.ts) is exact and
// pure, and the same for every run: scripts/build-catalog.mjs computes it once for every catalog
// model at every GGUF quantization the catalog offers it in, and writes dist/weights.json. A run
// that asks for one of those (recommend ranks ~100 models: ~135 estimates over ~59,000 tensors)
// reads the answer instead of summing the tensors again.
//
// Keyed by the shape itself (a hash of its JSON), not by a model id: a user catalog that changes
// a model gets a different shape and is computed, and any shape equal to a catalog shape gets the
// catalog's answer, which is the same answer (weights depend on the shape, the quant and the mix
// options only). Only estimates without mix options are stored. test/estimate/weights-table.test.ts
// checks every stored entry against the computation.
import type { ModelShape, WeightsDetail } from './types.js';

/** A WeightsDetail as stored: per-layer arrays run-length encoded as [value, count, value, count, ...]. */
export interface PackedWeights {
  t: number;
  r: number;
  pl: number;
  nl: number;
  bpw: number;
  p: number;
  lb: number[];
  eb: number[];
  te: number;
  o: number;
  n: number;
  pt: Record<string, number>;
}

/** shapeKey → quant id → weights. */
export type WeightsTable = Record<string, Record<string, PackedWeights>>;

function runs(values: readonly number[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    if (out.length > 0 && out[out.length - 2] === v) out[out.length - 1]! += 1;
    else out.push(v, 1);
  }
  return out;
}

function unruns(packed: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < packed.length; i += 2) {
    for (let k = 0; k < packed[i + 1]!; k += 1) out.push(packed[i]!);
  }
  return out;
}

export function packWeights(w: WeightsDetail): PackedWeights {
  return {
    t: w.totalBytes,
    r: w.bytesReadPerToken,
    pl: w.perLayerBytes,
    nl: w.nonLayerBytes,
    bpw: w.bitsPerWeight,
    p: w.params,
    lb: runs(w.layerBytes),
    eb: runs(w.expertLayerBytes),
    te: w.tokenEmbeddingBytes,
    o: w.outputBytes,
    n: w.tensorCount,
    pt: w.paramsByType,
  };
}

export function unpackWeights(p: PackedWeights): WeightsDetail {
  return {
    totalBytes: p.t,
    bytesReadPerToken: p.r,
    perLayerBytes: p.pl,
    nonLayerBytes: p.nl,
    bitsPerWeight: p.bpw,
    params: p.p,
    layerBytes: unruns(p.lb),
    expertLayerBytes: unruns(p.eb),
    tokenEmbeddingBytes: p.te,
    outputBytes: p.o,
    tensorCount: p.n,
    paramsByType: { ...p.pt },
  };
}

const keys = new WeakMap<ModelShape, string>();

/** A 53-bit hash (cyrb53) of the shape's JSON, in base 36: equal shapes, equal keys. */
export function shapeKey(shape: ModelShape): string {
  let key = keys.get(shape);
  if (key === undefined) {
    const text = JSON.stringify(shape);
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    key = (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
    keys.set(shape, key);
  }
  return key;
}

let load: (() => WeightsTable | null) | null = null;
let table: WeightsTable | null | undefined;

/**
 * Where the stored weights come from (the CLI passes a reader of dist/weights.json). Read on the
 * first estimate that could use it; null (missing or damaged file) means every estimate is computed.
 */
export function useWeightsTable(reader: (() => WeightsTable | null) | null): void {
  load = reader;
  table = undefined;
}

/** The stored weights of `shape` at `quant`, or null when they were not stored. */
export function storedWeights(shape: ModelShape, quant: string): WeightsDetail | null {
  if (!load) return null;
  if (table === undefined) table = load();
  const packed = table?.[shapeKey(shape)]?.[quant];
  return packed ? unpackWeights(packed) : null;
}
