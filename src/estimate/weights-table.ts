// Weights computed at build time. The per-tensor estimate (src/estimate/weights.ts) is exact and
// pure, and the same for every run: scripts/build-catalog.mjs computes it once for every catalog
// model at every GGUF quantization the catalog offers it in, and writes dist/weights.tsv. A run
// that asks for one of those (recommend ranks ~100 models: ~135 estimates over ~59,000 tensors)
// reads the answer instead of summing the tensors again.
//
// Keyed by the shape itself (its JSON), not by a model id: a user catalog that changes
// a model gets a different shape and is computed, and any shape equal to a catalog shape gets the
// catalog's answer, which is the same answer (weights depend on the shape, the quant and the mix
// options only). Only estimates without mix options are stored. test/estimate/weights-table.test.ts
// checks every stored entry against the computation.
import type { ModelShape, WeightsDetail } from './types.js';

/**
 * A WeightsDetail as stored. The per-layer arrays are stored whole: JSON.parse builds them natively,
 * where expanding run-length pairs ran interpreted, element by element, at every start; expert bytes
 * that are all 0 (a dense model) as [].
 */
export interface PackedWeights {
  t: number;
  r: number;
  pl: number;
  nl: number;
  bpw: number;
  p: number;
  /** Per-layer bytes; when every layer has the same, the one value and `ln` the layer count. */
  lb: number[];
  ln?: number;
  /** Per-layer expert bytes, the same way (`en`); [] when all are 0 (a dense model). */
  eb: number[];
  en?: number;
  te: number;
  o: number;
  n: number;
  pt: Record<string, number>;
}

/**
 * A per-layer array as stored: when every element is the same (and there are several), the one value
 * and the count, so unpacking fills natively instead of parsing each; else the array whole.
 */
function packArray(a: readonly number[]): { values: number[]; count?: number } {
  return a.length > 1 && a.every((b) => b === a[0]) ? { values: [a[0]!], count: a.length } : { values: [...a] };
}

/** packArray's array back: filled from the one value, or the stored array itself. */
function unpackArray(values: number[], count: number | undefined): number[] {
  return count !== undefined ? new Array<number>(count).fill(values[0]!) : values;
}

export function packWeights(w: WeightsDetail): PackedWeights {
  const lb = packArray(w.layerBytes);
  // A dense model's expert bytes are all 0: stored as [].
  const eb = w.expertLayerBytes.some((b) => b !== 0) ? packArray(w.expertLayerBytes) : { values: [] };
  return {
    t: w.totalBytes,
    r: w.bytesReadPerToken,
    pl: w.perLayerBytes,
    nl: w.nonLayerBytes,
    bpw: w.bitsPerWeight,
    p: w.params,
    lb: lb.values,
    ...(lb.count !== undefined ? { ln: lb.count } : {}),
    eb: eb.values,
    ...(eb.count !== undefined ? { en: eb.count } : {}),
    te: w.tokenEmbeddingBytes,
    o: w.outputBytes,
    n: w.tensorCount,
    pt: w.paramsByType,
  };
}

/** The WeightsDetail of a packed entry; its arrays (unless filled from one value) and paramsByType are the entry's own (shared: do not mutate). */
export function unpackWeights(p: PackedWeights): WeightsDetail {
  const lb = unpackArray(p.lb, p.ln);
  const eb = unpackArray(p.eb, p.en);
  return {
    totalBytes: p.t,
    bytesReadPerToken: p.r,
    perLayerBytes: p.pl,
    nonLayerBytes: p.nl,
    bitsPerWeight: p.bpw,
    params: p.p,
    layerBytes: lb,
    expertLayerBytes: eb.length > 0 || lb.length === 0 ? eb : new Array<number>(lb.length).fill(0),
    tokenEmbeddingBytes: p.te,
    outputBytes: p.o,
    tensorCount: p.n,
    paramsByType: p.pt,
  };
}

const keys = new WeakMap<ModelShape, string>();

/**
 * The shape's JSON, the table's key: equal shapes, equal keys, and unequal shapes never share one.
 * The text itself, not a hash of it: V8 hashes a property name natively, where a hash loop in
 * JavaScript ran interpreted over every character of a hundred shapes at each start (80,000
 * characters, more than the rest of the lookups together).
 */
export function shapeKey(shape: ModelShape): string {
  let key = keys.get(shape);
  if (key === undefined) {
    key = JSON.stringify(shape);
    keys.set(shape, key);
  }
  return key;
}

/**
 * The table as text (dist/weights.tsv): one line per shape, its key (the shape's JSON, which holds
 * no tab or line break) then a quant id and its packed entry's JSON, tab-separated, for each quant.
 * Reading it parses no entry: each is parsed when first asked for.
 */
export function formatWeightsTable(table: Record<string, Record<string, PackedWeights>>): string {
  return Object.entries(table)
    .map(([key, byQuant]) => [key, ...Object.entries(byQuant).flatMap(([quant, packed]) => [quant, JSON.stringify(packed)])].join('\t'))
    .join('\n');
}

/**
 * formatWeightsTable's text as the CLI reads it: its lines by the length of their key, the shape's
 * JSON (~600 characters). A line is found by comparing its key with the shape's, not by a property
 * or Map key per line: making ~100 such keys of 600 characters (internalized or hashed) cost more
 * than the rest of reading the file (microbenchmark: 500-800 µs against ~50). Its cells are split
 * when its shape is first asked for; a malformed line reads as a shape the table does not hold.
 */
export type WeightsLines = Map<number, string[]>;

export function indexWeightsLines(text: string): WeightsLines {
  const lines: WeightsLines = new Map();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const keyLength = tab < 0 ? line.length : tab;
    const same = lines.get(keyLength);
    if (same) same.push(line);
    else lines.set(keyLength, [line]);
  }
  return lines;
}

/** The quants of the line whose key is `key`: null when there is none, or it is malformed. */
function lineQuants(lines: WeightsLines, key: string): Record<string, PackedWeights | string> | null {
  for (const line of lines.get(key.length) ?? []) {
    if (!line.startsWith(key)) continue;
    const cells = line.split('\t');
    if (cells.length % 2 !== 1) return null;
    const byQuant: Record<string, string> = {};
    for (let i = 1; i < cells.length; i += 2) byQuant[cells[i]!] = cells[i + 1]!;
    return byQuant;
  }
  return null;
}

let load: (() => WeightsLines | null) | null = null;
let table: WeightsLines | null | undefined;
/** Per shape object: its quants in the table (null: none stored), found once. */
let quantsByShape = new WeakMap<ModelShape, Record<string, PackedWeights | string> | null>();

/**
 * Where the stored weights come from (the CLI passes a reader of dist/weights.tsv). Read on the
 * first estimate that could use it; null (missing or damaged file) means every estimate is computed.
 */
export function useWeightsTable(reader: (() => WeightsLines | null) | null): void {
  load = reader;
  table = undefined;
  quantsByShape = new WeakMap();
}

/** The stored weights of `shape` at `quant`, or null when they were not stored. */
export function storedWeights(shape: ModelShape, quant: string): WeightsDetail | null {
  if (!load) return null;
  if (table === undefined) table = load();
  if (!table) return null;
  let byQuant = quantsByShape.get(shape);
  if (byQuant === undefined) {
    byQuant = lineQuants(table, shapeKey(shape));
    quantsByShape.set(shape, byQuant);
  }
  let packed = byQuant?.[quant];
  if (typeof packed === 'string') {
    try {
      packed = JSON.parse(packed) as PackedWeights;
    } catch {
      // A damaged entry is as good as none: the estimate is computed.
      return null;
    }
    byQuant![quant] = packed;
  }
  return packed ? unpackWeights(packed) : null;
}
