// Read the header of a local GGUF file (never the network): metadata and tensor infos, with
// @huggingface/gguf. Split files (NAME-00001-of-00003.gguf) are read shard by shard.
import { stat } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { GGML_TYPE_BY_ID, tensorBytes } from '../estimate/ggml-types.js';
import { GgufFormatError, modelFromGguf, type GgufMetadata, type GgufModel, type GgufTensorInfo } from './model.js';

/** A file that cannot be read as a GGUF model; the message says why, in one line. */
export class GgufReadError extends Error {}

const SHARD = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;

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

async function parseOne(path: string): Promise<{ metadata: GgufMetadata; tensorInfos: GgufTensorInfo[] }> {
  const size = await checkFile(path);
  if (size < 24) throw new GgufReadError(`${path}: not a GGUF file (too short)`);
  const { gguf } = await import('@huggingface/gguf');
  try {
    const parsed = await gguf(path, { allowLocalFile: true });
    // The parser reads past the end of a short file as zeros: a cut header or missing tensor
    // data (an interrupted download) must be refused, not sized.
    const needed = ggufBytesNeeded(Number(parsed.tensorDataOffset), parsed.tensorInfos);
    if (needed > size) {
      throw new GgufReadError(`${path}: truncated (the header describes ${needed} bytes, the file has ${size}); an incomplete download? Give a complete .gguf file`);
    }
    return {
      metadata: parsed.metadata as unknown as GgufMetadata,
      tensorInfos: parsed.tensorInfos.map((t) => ({ name: t.name, shape: t.shape, dtype: Number(t.dtype) })),
    };
  } catch (e) {
    if (e instanceof GgufReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new GgufReadError(`${path}: cannot be read (${code})`);
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    if (/magic/i.test(msg)) throw new GgufReadError(`${path}: not a GGUF file (no GGUF magic number at the start)`);
    throw new GgufReadError(`${path}: not a readable GGUF file (${msg})`);
  }
}

/** Bytes a complete file holds: the header, then each tensor's data at its offset (types this build knows). */
export function ggufBytesNeeded(dataOffset: number, tensors: readonly { shape: (bigint | number)[]; dtype: unknown; offset: bigint | number }[]): number {
  let end = dataOffset;
  for (const t of tensors) {
    const type = GGML_TYPE_BY_ID[Number(t.dtype)];
    const dims = t.shape.map(Number);
    if (!type || dims.length === 0) continue;
    const elements = dims.reduce((a, b) => a * b, 1);
    end = Math.max(end, dataOffset + Number(t.offset) + tensorBytes(type, dims[0]!, elements));
  }
  return end;
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
  const shard = SHARD.exec(basename(path));
  const paths: string[] = [];
  if (shard) {
    const total = Number(shard[3]);
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
    tensorInfos.push(...one.tensorInfos);
    fileBytes += await checkFile(p);
  }
  try {
    const model = modelFromGguf(metadata, tensorInfos);
    return { ...model, path, fileBytes, shards: paths.length };
  } catch (e) {
    if (e instanceof GgufFormatError) throw new GgufReadError(`${path}: ${e.message}`);
    throw e;
  }
}
