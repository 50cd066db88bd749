// A fast GGUF header reader for scanning many files (llm-pick installed): reads the header in
// 1 MiB chunks and skips string arrays (the tokenizer's 150k tokens) without decoding them, so a
// real model's header costs milliseconds. Layout per ggml docs/gguf.md: magic "GGUF", version
// u32, tensor count u64, KV count u64 (v1: u32 counts), KV pairs, tensor infos, aligned data.
import { open, type FileHandle } from 'node:fs/promises';
import type { GgufMetadata, GgufTensorInfo } from './model.js';

export class GgufHeaderError extends Error {}

const CHUNK = 2 ** 20;
/** Sanity bounds: no real file has more (DeepSeek V3 has ~1.1k tensors per shard, ~50 KV pairs). */
const MAX_TENSORS = 1e6;
const MAX_KV = 1e5;
const MAX_STRING = 2 ** 26;

class Reader {
  private buf = Buffer.alloc(0);
  private start = 0;
  pos = 0;
  constructor(
    private readonly fh: FileHandle,
    readonly size: number,
  ) {}

  private async ensure(n: number): Promise<void> {
    if (this.pos + n <= this.start + this.buf.length) return;
    if (this.pos + n > this.size) throw new GgufHeaderError(`truncated (the header runs past the end of the file at byte ${this.size})`);
    const len = Math.min(Math.max(n, CHUNK), this.size - this.pos);
    const buf = Buffer.alloc(len);
    const { bytesRead } = await this.fh.read(buf, 0, len, this.pos);
    if (bytesRead < n) throw new GgufHeaderError(`truncated (the header runs past the end of the file at byte ${this.size})`);
    this.buf = buf.subarray(0, bytesRead);
    this.start = this.pos;
  }
  private at(): number {
    return this.pos - this.start;
  }
  async u32(): Promise<number> {
    await this.ensure(4);
    const v = this.buf.readUInt32LE(this.at());
    this.pos += 4;
    return v;
  }
  async u64(): Promise<number> {
    await this.ensure(8);
    const v = Number(this.buf.readBigUInt64LE(this.at()));
    this.pos += 8;
    return v;
  }
  async scalar(type: number): Promise<number | boolean> {
    const size = SCALAR_SIZE[type];
    if (size === undefined) throw new GgufHeaderError(`unknown metadata value type ${type}`);
    await this.ensure(size);
    const o = this.at();
    const b = this.buf;
    this.pos += size;
    switch (type) {
      case 0: return b.readUInt8(o);
      case 1: return b.readInt8(o);
      case 2: return b.readUInt16LE(o);
      case 3: return b.readInt16LE(o);
      case 4: return b.readUInt32LE(o);
      case 5: return b.readInt32LE(o);
      case 6: return b.readFloatLE(o);
      case 7: return b.readUInt8(o) !== 0;
      case 10: return Number(b.readBigUInt64LE(o));
      case 11: return Number(b.readBigInt64LE(o));
      default: return b.readDoubleLE(o);
    }
  }
  async string(): Promise<string> {
    const n = await this.u64();
    if (n > MAX_STRING) throw new GgufHeaderError(`a string of ${n} bytes in the header`);
    await this.ensure(n);
    const s = this.buf.toString('utf8', this.at(), this.at() + n);
    this.pos += n;
    return s;
  }
  /** Skips `count` strings; reads lengths straight from the buffer, refilling only at its end. */
  async skipStrings(count: number): Promise<void> {
    let left = count;
    while (left > 0) {
      await this.ensure(8);
      const end = this.start + this.buf.length;
      // Synchronous run over what the buffer holds.
      while (left > 0 && this.pos + 8 <= end) {
        const n = Number(this.buf.readBigUInt64LE(this.pos - this.start));
        if (n > MAX_STRING) throw new GgufHeaderError(`a string of ${n} bytes in the header`);
        this.pos += 8 + n;
        left -= 1;
      }
      if (this.pos > this.size) throw new GgufHeaderError(`truncated (the header runs past the end of the file at byte ${this.size})`);
    }
  }
}

/** Bytes of each scalar metadata type (gguf_type: UINT8 0 ... FLOAT64 12; 8 string, 9 array). */
const SCALAR_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

/** Arrays of numbers this long or shorter are kept (per-layer head counts); longer ones keep only their length. */
const KEEP_ARRAY = 4096;

async function value(r: Reader, type: number): Promise<unknown> {
  if (type === 8) return r.string();
  if (type !== 9) return r.scalar(type);
  const itemType = await r.u32();
  const count = await r.u64();
  if (itemType === 8) {
    await r.skipStrings(count);
    // Only the count matters (vocabulary size); a sparse array carries it without the strings.
    return new Array<string>(count);
  }
  if (itemType === 9) throw new GgufHeaderError('nested arrays in the header');
  const size = SCALAR_SIZE[itemType];
  if (size === undefined) throw new GgufHeaderError(`unknown metadata value type ${itemType}`);
  if (count > KEEP_ARRAY) {
    r.pos += count * size;
    if (r.pos > r.size) throw new GgufHeaderError(`truncated (the header runs past the end of the file at byte ${r.size})`);
    return new Array<number>(count);
  }
  const out: unknown[] = [];
  for (let i = 0; i < count; i += 1) out.push(await r.scalar(itemType));
  return out;
}

export interface GgufHeader {
  metadata: GgufMetadata;
  tensorInfos: (GgufTensorInfo & { offset: number })[];
  tensorDataOffset: number;
  fileBytes: number;
}

export async function readGgufHeader(path: string): Promise<GgufHeader> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size < 24) throw new GgufHeaderError('not a GGUF file (too short)');
    const r = new Reader(fh, size);
    const magic = await r.u32();
    if (magic !== 0x46554747) throw new GgufHeaderError('not a GGUF file (no GGUF magic number at the start)');
    const version = await r.u32();
    if (version < 1 || version > 3) throw new GgufHeaderError(`GGUF version ${version} is not one this version reads (1 to 3)`);
    const tensors = version === 1 ? await r.u32() : await r.u64();
    const kvs = version === 1 ? await r.u32() : await r.u64();
    if (tensors > MAX_TENSORS || kvs > MAX_KV) throw new GgufHeaderError(`implausible header (${tensors} tensors, ${kvs} metadata pairs)`);
    const metadata: GgufMetadata = {};
    for (let i = 0; i < kvs; i += 1) {
      const key = await r.string();
      metadata[key] = await value(r, await r.u32());
    }
    const tensorInfos: GgufHeader['tensorInfos'] = [];
    for (let i = 0; i < tensors; i += 1) {
      const name = await r.string();
      const dims = await r.u32();
      if (dims > 8) throw new GgufHeaderError(`tensor ${name} has ${dims} dimensions`);
      const shape: number[] = [];
      for (let d = 0; d < dims; d += 1) shape.push(await r.u64());
      const dtype = await r.u32();
      const offset = await r.u64();
      tensorInfos.push({ name, shape, dtype, offset });
    }
    const alignment = typeof metadata['general.alignment'] === 'number' && metadata['general.alignment'] > 0 ? (metadata['general.alignment'] as number) : 32;
    const tensorDataOffset = Math.ceil(r.pos / alignment) * alignment;
    return { metadata, tensorInfos, tensorDataOffset, fileBytes: size };
  } finally {
    await fh.close();
  }
}
