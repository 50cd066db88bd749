// Read the header of a local GGUF file (never the network): metadata and tensor infos, with
// @huggingface/gguf. Split files (NAME-00001-of-00003.gguf) are read shard by shard.
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { GGML_TYPE_BY_ID, tensorBytes } from '../estimate/ggml-types.js';
import { GgufFormatError, modelFromGguf, PLAIN_TYPE_BYTES, type GgufMetadata, type GgufModel, type GgufTensorInfo } from './model.js';

/** A file that cannot be read as a GGUF model; the message says why, in one line. */
export class GgufReadError extends Error {}

const SHARD = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;
/** Split files: llama.cpp's gguf-split writes a handful; 1024 is far above any. */
const MAX_SHARDS = 1024;

async function checkFile(path: string): Promise<number> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new GgufReadError(`${path}: is a directory; give a .gguf file`);
    if (!st.isFile()) throw new GgufReadError(`${path}: not a regular file`);
    return st.size;
  } catch (e) {
    if (e instanceof GgufReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new GgufReadError(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`}`);
  }
}

/**
 * Bytes of header (metadata and tensor infos) read at most. The largest real headers
 * hold a 256K-entry vocabulary with its merges and scores, about 10 MB (header-size.ts:
 * about 50 bytes per vocabulary entry); a larger header is refused before it is parsed on.
 */
export const MAX_HEADER_BYTES = 24 * 1024 * 1024;
/** Tensors in one file: 1024 layers of 100 tensors each is far above any real model. */
export const MAX_TENSORS = 131_072;
/** Metadata key/value pairs: real files carry about 20 to 60. */
export const MAX_KV_PAIRS = 4096;

const HEADER_URL = 'http://llm-pick.invalid/local.gguf';

/**
 * Open the file without blocking (a FIFO or a device opens at once and is refused as not a
 * regular file), and serve the parser's range reads from it, capped at MAX_HEADER_BYTES: the
 * parser's own local-file reader has no cap. Nothing goes to the network: the URL is a name.
 */
async function openHeader(path: string): Promise<{ handle: FileHandle; size: number; fetchLocal: typeof fetch }> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GgufReadError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory; give a .gguf file' : `cannot be read (${code ?? 'error'})`}`);
  }
  const st = await handle.stat();
  if (st.isDirectory() || !st.isFile()) {
    await handle.close();
    throw new GgufReadError(`${path}: ${st.isDirectory() ? 'is a directory; give a .gguf file' : 'not a regular file'}`);
  }
  const size = st.size;
  const fetchLocal = (async (_url: unknown, init?: { headers?: Record<string, string> }) => {
    const range = /bytes=(\d+)-(\d+)/.exec(init?.headers?.Range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start >= MAX_HEADER_BYTES) {
      throw new GgufReadError(`${path}: the GGUF header is larger than ${MAX_HEADER_BYTES / 1024 / 1024} MiB (no real model has one); refused`);
    }
    const end = Math.min(range ? Number(range[2]) + 1 : size, size, MAX_HEADER_BYTES);
    const buf = Buffer.alloc(Math.max(0, end - start));
    if (buf.length > 0) await handle.read(buf, 0, buf.length, start);
    return new Response(buf, { status: 206, headers: { 'content-range': `bytes ${start}-${end - 1}/${size}` } });
  }) as unknown as typeof fetch;
  return { handle, size, fetchLocal };
}

/** The first 24 bytes: magic, version, tensor count, KV count, checked against the ceilings before parsing. */
async function checkCounts(path: string, handle: FileHandle): Promise<void> {
  const head = Buffer.alloc(24);
  await handle.read(head, 0, 24, 0);
  if (head.toString('latin1', 0, 4) !== 'GGUF') throw new GgufReadError(`${path}: not a GGUF file (no GGUF magic number at the start)`);
  const version = head.readUInt32LE(4);
  if (version < 2) return; // v1 uses 32-bit counts; the parser checks them
  const tensors = head.readBigUInt64LE(8);
  const kv = head.readBigUInt64LE(16);
  if (tensors > BigInt(MAX_TENSORS)) throw new GgufReadError(`${path}: the header declares ${tensors} tensors; at most ${MAX_TENSORS} are allowed`);
  if (kv > BigInt(MAX_KV_PAIRS)) throw new GgufReadError(`${path}: the header declares ${kv} metadata pairs; at most ${MAX_KV_PAIRS} are allowed`);
}

async function parseOne(path: string): Promise<{ metadata: GgufMetadata; tensorInfos: GgufTensorInfo[]; size: number }> {
  const { handle, size, fetchLocal } = await openHeader(path);
  try {
    if (size < 24) throw new GgufReadError(`${path}: not a GGUF file (too short)`);
    await checkCounts(path, handle);
    const { gguf } = await import('@huggingface/gguf');
    const parsed = await gguf(HEADER_URL, { fetch: fetchLocal });
    // The parser reads past the end of a short file as zeros: a cut header or missing tensor
    // data (an interrupted download) must be refused, not sized.
    checkTensorData(path, Number(parsed.tensorDataOffset), parsed.tensorInfos, size);
    return {
      metadata: parsed.metadata as unknown as GgufMetadata,
      tensorInfos: parsed.tensorInfos.map((t) => ({ name: t.name, shape: t.shape, dtype: Number(t.dtype) })),
      size,
    };
  } catch (e) {
    if (e instanceof GgufReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new GgufReadError(`${path}: cannot be read (${code})`);
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    if (/magic/i.test(msg)) throw new GgufReadError(`${path}: not a GGUF file (no GGUF magic number at the start)`);
    if (e instanceof RangeError || /array buffer|out of bounds|offset is outside/i.test(msg)) {
      throw new GgufReadError(`${path}: not a readable GGUF file (the header is cut short or larger than ${MAX_HEADER_BYTES / 1024 / 1024} MiB)`);
    }
    throw new GgufReadError(`${path}: not a readable GGUF file (${msg})`);
  } finally {
    await handle.close();
  }
}

/**
 * Every tensor's data lies inside the file and no two overlap, as llama.cpp's gguf reader
 * requires (ggml/src/gguf.cpp checks each tensor's offset and the data size); a zero or
 * negative dimension and an unknown type are refused (llama.cpp: "invalid number of
 * elements", "invalid ggml type").
 */
function checkTensorData(
  path: string,
  dataOffset: number,
  tensors: readonly { name: string; shape: (bigint | number)[]; dtype: unknown; offset: bigint | number }[],
  size: number,
): void {
  const spans: { start: number; end: number; name: string }[] = [];
  let end = dataOffset;
  for (const t of tensors) {
    const type = GGML_TYPE_BY_ID[Number(t.dtype)];
    const plain = PLAIN_TYPE_BYTES[Number(t.dtype)];
    if (!type && !plain) throw new GgufReadError(`${path}: tensor ${JSON.stringify(t.name)} has ggml type ${String(t.dtype)}, unknown to this version; llama.cpp refuses such a file too`);
    const dims = t.shape.map(Number);
    if (dims.length === 0 || dims.some((d) => !Number.isSafeInteger(d) || d <= 0)) {
      throw new GgufReadError(`${path}: tensor ${JSON.stringify(t.name)} has shape [${t.shape.join(', ')}]; every dimension must be a whole number of at least 1`);
    }
    let elements = 1;
    for (const d of dims) elements *= d;
    const bytes = type ? tensorBytes(type, dims[0]!, elements) : elements * plain!;
    const start = dataOffset + Number(t.offset);
    const stop = start + bytes;
    if (!Number.isFinite(stop) || stop > size) {
      throw new GgufReadError(`${path}: truncated or malformed (tensor ${JSON.stringify(t.name)} ends at byte ${stop}, the file has ${size}); an incomplete download? Give a complete .gguf file`);
    }
    spans.push({ start, end: stop, name: t.name });
    end = Math.max(end, stop);
  }
  if (end > size) throw new GgufReadError(`${path}: truncated (the header describes ${end} bytes, the file has ${size}); an incomplete download? Give a complete .gguf file`);
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i += 1) {
    if (spans[i]!.start < spans[i - 1]!.end) {
      throw new GgufReadError(`${path}: tensors ${JSON.stringify(spans[i - 1]!.name)} and ${JSON.stringify(spans[i]!.name)} overlap in the file; llama.cpp refuses such a file`);
    }
  }
}

export interface GgufFile extends GgufModel {
  path: string;
  /** Size of the file(s) on disk. */
  fileBytes: number;
  shards: number;
}

/** Read a local GGUF file's header and build the model from it. URLs are refused (no network). */
export async function readGgufFile(path: string): Promise<GgufFile> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new GgufReadError(`${path}: a local file path is needed; llm-pick never downloads`);
  }
  // The path given is checked first: a missing file is "no such file", whatever its name.
  await checkFile(path);
  const shard = SHARD.exec(basename(path));
  const paths: string[] = [];
  if (shard) {
    const total = Number(shard[3]);
    if (total < 1 || Number(shard[2]) < 1 || Number(shard[2]) > total || total > MAX_SHARDS) {
      throw new GgufReadError(`${path}: shard ${Number(shard[2])} of ${total} is not a valid split file name (shards are numbered 1 to the total, at most ${MAX_SHARDS})`);
    }
    for (let i = 1; i <= total; i += 1) {
      paths.push(join(dirname(path), `${shard[1]}-${String(i).padStart(5, '0')}-of-${shard[3]}.gguf`));
    }
  } else {
    paths.push(path);
  }
  let metadata: GgufMetadata = {};
  const tensorInfos: GgufTensorInfo[] = [];
  let fileBytes = 0;
  for (const p of paths) {
    const one = await parseOne(p);
    if (p === paths[0]) metadata = one.metadata;
    for (const t of one.tensorInfos) tensorInfos.push(t);
    if (tensorInfos.length > MAX_TENSORS) throw new GgufReadError(`${path}: more than ${MAX_TENSORS} tensors in all shards; refused`);
    fileBytes += one.size;
  }
  try {
    const model = modelFromGguf(metadata, tensorInfos);
    return { ...model, path, fileBytes, shards: paths.length };
  } catch (e) {
    if (e instanceof GgufFormatError) throw new GgufReadError(`${path}: ${e.message}`);
    throw e;
  }
}
