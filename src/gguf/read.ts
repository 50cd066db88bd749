// Read the header of a local GGUF file (never the network): metadata and tensor infos, with
// the bounded parser in header.ts. Split files (NAME-00001-of-00003.gguf) are read shard by shard.
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { GGML_TYPE_BY_ID, tensorBytes } from '../estimate/ggml-types.js';
import { GgufHeaderError, HeaderCutError, MAX_TENSORS, parseGgufHeader } from './header.js';
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
 * about 50 bytes per vocabulary entry); a larger header is refused.
 */
export const MAX_HEADER_BYTES = 24 * 1024 * 1024;
/** The first read; the header grows it as it needs. */
const FIRST_READ = 1024 * 1024;

/**
 * Open without blocking (a FIFO or a device opens at once and is refused as not a regular
 * file), read at most MAX_HEADER_BYTES, and parse the header in one bounded pass.
 */
async function parseOne(path: string): Promise<{ metadata: GgufMetadata; tensorInfos: GgufTensorInfo[]; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GgufReadError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory; give a .gguf file' : `cannot be read (${code ?? 'error'})`}`);
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new GgufReadError(`${path}: is a directory; give a .gguf file`);
    if (!st.isFile()) throw new GgufReadError(`${path}: not a regular file`);
    const size = st.size;
    if (size < 24) throw new GgufReadError(`${path}: not a GGUF file (too short)`);
    // Read the header in growing steps (1 MiB first: most headers are a few MiB; the parser
    // says how many bytes it needs when the buffer ends early), never past MAX_HEADER_BYTES.
    const cap = Math.min(size, MAX_HEADER_BYTES);
    let buf = Buffer.alloc(Math.min(cap, FIRST_READ));
    let got = 0;
    let parsed: ReturnType<typeof parseGgufHeader> | undefined;
    for (;;) {
      while (got < buf.length) {
        const { bytesRead } = await handle.read(buf, got, buf.length - got, got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      try {
        parsed = parseGgufHeader(buf.subarray(0, got));
        break;
      } catch (e) {
        if (e instanceof HeaderCutError && got === buf.length && buf.length < cap) {
          const grown = Buffer.alloc(Math.min(cap, Math.max(e.needed, buf.length * 2)));
          buf.copy(grown, 0, 0, got);
          buf = grown;
          continue;
        }
        if (e instanceof HeaderCutError) {
          throw new GgufReadError(
            size > MAX_HEADER_BYTES
              ? `${path}: the GGUF header is larger than ${MAX_HEADER_BYTES / 1024 / 1024} MiB (no real model has one); refused`
              : `${path}: truncated (the header describes ${e.needed} bytes, the file has ${size}); an incomplete download? Give a complete .gguf file`,
          );
        }
        if (e instanceof GgufHeaderError) throw new GgufReadError(`${path}: ${e.message.startsWith('not a GGUF') ? e.message : `not a readable GGUF file (${e.message})`}`);
        throw e;
      }
    }
    checkTensorData(path, parsed.tensorDataOffset, parsed.tensorInfos, size);
    return {
      metadata: parsed.metadata,
      tensorInfos: parsed.tensorInfos.map((t) => ({ name: t.name, shape: t.shape, dtype: t.dtype })),
      size,
    };
  } catch (e) {
    if (e instanceof GgufReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new GgufReadError(`${path}: cannot be read (${code})`);
    throw new GgufReadError(`${path}: not a readable GGUF file (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
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
