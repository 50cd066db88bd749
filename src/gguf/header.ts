// A bounded GGUF header parser (ggml docs/gguf.md: magic, version, tensor count, KV count,
// KV pairs, tensor infos, aligned data). One pass over a buffer already read with a size
// cap, every count checked against a ceiling before it drives a loop, so a hostile header
// costs milliseconds, not seconds of re-parsing (issue #22). Versions 2 and 3, little
// endian; llama.cpp no longer reads version 1 either. The one GGUF header reader: `fit --gguf`
// and the `installed` scan both read through src/gguf/read.ts.
import type { GgufMetadata } from './model.js';

export class GgufHeaderError extends Error {}

/** Tensors in one file: 1024 layers of 100 tensors each is far above any real model. */
export const MAX_TENSORS = 131_072;
/** Metadata key/value pairs: real files carry about 20 to 60. */
export const MAX_KV_PAIRS = 4096;
/** Entries of one metadata array: real vocabularies and merge lists hold at most about 300K. */
export const MAX_ARRAY_LENGTH = 1 << 20;
/** Bytes of one string (chat templates are tens of KB). */
export const MAX_STRING_BYTES = 4 * 1024 * 1024;
/** ggml's GGML_MAX_DIMS. */
const MAX_DIMS = 4;

export interface HeaderTensor {
  name: string;
  shape: bigint[];
  dtype: number;
  offset: bigint;
}

export interface ParsedHeader {
  metadata: GgufMetadata;
  tensorInfos: HeaderTensor[];
  tensorDataOffset: number;
}

/** Thrown when the buffer ends before the header does; the caller says whether the file or the cap ended. */
export class HeaderCutError extends Error {
  constructor(readonly needed: number) {
    super(`the header needs at least ${needed} bytes`);
  }
}

const FIXED: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

export function parseGgufHeader(buf: Buffer): ParsedHeader {
  let at = 0;
  const need = (n: number) => {
    if (at + n > buf.length) throw new HeaderCutError(at + n);
  };
  const u32 = () => (need(4), (at += 4), buf.readUInt32LE(at - 4));
  const u64 = () => (need(8), (at += 8), buf.readBigUInt64LE(at - 8));
  const str = (what: string) => {
    const len = u64();
    if (len > BigInt(MAX_STRING_BYTES)) throw new GgufHeaderError(`${what} is ${len} bytes long; at most ${MAX_STRING_BYTES} are allowed`);
    need(Number(len));
    at += Number(len);
    return buf.toString('utf8', at - Number(len), at);
  };
  const scalar = (type: number): unknown => {
    const size = FIXED[type]!;
    need(size);
    at += size;
    const p = at - size;
    switch (type) {
      case 0: return buf.readUInt8(p);
      case 1: return buf.readInt8(p);
      case 2: return buf.readUInt16LE(p);
      case 3: return buf.readInt16LE(p);
      case 4: return buf.readUInt32LE(p);
      case 5: return buf.readInt32LE(p);
      case 6: return buf.readFloatLE(p);
      case 7: return buf.readUInt8(p) !== 0;
      case 10: return buf.readBigUInt64LE(p);
      case 11: return buf.readBigInt64LE(p);
      default: return buf.readDoubleLE(p);
    }
  };
  const value = (type: number, key: string, depth: number): unknown => {
    if (type === 8) return str(`the value of ${key}`);
    if (type in FIXED) return scalar(type);
    if (type !== 9) throw new GgufHeaderError(`metadata ${JSON.stringify(key)} has value type ${type}, which GGUF does not define`);
    if (depth >= 2) throw new GgufHeaderError(`metadata ${JSON.stringify(key)} nests arrays too deep`);
    const sub = u32();
    const count = u64();
    if (count > BigInt(MAX_ARRAY_LENGTH)) throw new GgufHeaderError(`metadata ${JSON.stringify(key)} is an array of ${count} entries; at most ${MAX_ARRAY_LENGTH} are allowed`);
    const n = Number(count);
    if (sub in FIXED) need(n * FIXED[sub]!);
    // String arrays (the tokenizer's vocabulary and merges, up to ~300K entries) are walked, each
    // length checked, but not decoded: only their length is ever read (the vocabulary size), and
    // decoding them is most of the time a header costs. The entries stay empty (a sparse array).
    if (sub === 8) {
      for (let i = 0; i < n; i += 1) {
        const len = u64();
        if (len > BigInt(MAX_STRING_BYTES)) throw new GgufHeaderError(`an entry of ${key} is ${len} bytes long; at most ${MAX_STRING_BYTES} are allowed`);
        need(Number(len));
        at += Number(len);
      }
      return new Array<unknown>(n);
    }
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i += 1) out[i] = value(sub, key, depth + 1);
    return out;
  };

  need(4);
  if (buf.toString('latin1', 0, 4) !== 'GGUF') throw new GgufHeaderError('not a GGUF file (no GGUF magic number at the start)');
  at = 4;
  const version = u32();
  if (version === 0 || (version & 0xffff) === 0) throw new GgufHeaderError('a big-endian GGUF file; only little-endian files are read');
  if (version < 2 || version > 3) throw new GgufHeaderError(`GGUF version ${version} is not supported (versions 2 and 3 are)`);
  const tensorCount = u64();
  const kvCount = u64();
  if (tensorCount > BigInt(MAX_TENSORS)) throw new GgufHeaderError(`the header declares ${tensorCount} tensors; at most ${MAX_TENSORS} are allowed`);
  if (kvCount > BigInt(MAX_KV_PAIRS)) throw new GgufHeaderError(`the header declares ${kvCount} metadata pairs; at most ${MAX_KV_PAIRS} are allowed`);
  // A null-prototype object: a key such as "__proto__" is data, not the prototype.
  const metadata: GgufMetadata = Object.create(null) as GgufMetadata;
  for (let i = 0; i < Number(kvCount); i += 1) {
    const key = str('a metadata key');
    metadata[key] = value(u32(), key, 0);
  }
  const tensorInfos: HeaderTensor[] = [];
  for (let i = 0; i < Number(tensorCount); i += 1) {
    const name = str('a tensor name');
    const dims = u32();
    if (dims < 1 || dims > MAX_DIMS) throw new GgufHeaderError(`tensor ${JSON.stringify(name)} has ${dims} dimensions; 1 to ${MAX_DIMS} are allowed`);
    const shape: bigint[] = [];
    for (let d = 0; d < dims; d += 1) shape.push(u64());
    tensorInfos.push({ name, shape, dtype: u32(), offset: u64() });
  }
  const rawAlign = metadata['general.alignment'];
  const alignment = rawAlign === undefined ? 32 : Number(rawAlign);
  if (!Number.isInteger(alignment) || alignment < 1 || alignment > 1 << 20 || (alignment & (alignment - 1)) !== 0) {
    throw new GgufHeaderError(`general.alignment is ${String(rawAlign)}; it must be a power of two up to ${1 << 20}`);
  }
  return { metadata, tensorInfos, tensorDataOffset: Math.ceil(at / alignment) * alignment };
}
