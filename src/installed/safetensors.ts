// safetensors headers: 8 bytes little-endian header length N, then N bytes of JSON
// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}} (huggingface/safetensors
// README, "Format"). Only the header is read. Tensor names (Transformers layout) are mapped to
// llama.cpp's categories so the weights get the same per-layer breakdown as a GGUF.
import { open } from 'node:fs/promises';
import type { TensorCategory } from '../estimate/tensors.js';
import type { PlacedTensor } from '../estimate/weights.js';

export class SafetensorsError extends Error {}

/** Bytes per element of each safetensors dtype (safetensors Dtype enum); sub-byte types are packed in U8/I32. */
const DTYPE_BYTES: Record<string, number> = {
  BOOL: 1, U8: 1, I8: 1, F8_E4M3: 1, F8_E5M2: 1, F8_E8M0: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, I64: 8, U64: 8, F64: 8,
};

export interface SafetensorsTensor {
  name: string;
  dtype: string;
  shape: number[];
  bytes: number;
}

/** Refuse a header over 100 MB: the largest real ones (DeepSeek V3 shards) are a few MB. */
const MAX_HEADER = 100e6;

export function parseSafetensorsHeader(json: string, file: string): { tensors: SafetensorsTensor[]; dataBytes: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new SafetensorsError(`${file}: not a safetensors file (the header is not JSON)`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SafetensorsError(`${file}: not a safetensors file (the header is not a JSON object)`);
  const tensors: SafetensorsTensor[] = [];
  let dataBytes = 0;
  for (const [name, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const t = v as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t?.dtype !== 'string' || !Array.isArray(t.shape) || !Array.isArray(t.data_offsets)) {
      throw new SafetensorsError(`${file}: tensor ${name} has no dtype, shape and data_offsets`);
    }
    const shape = t.shape.map(Number);
    const [begin, end] = t.data_offsets.map(Number) as [number, number];
    const bytes = end - begin;
    if (!Number.isFinite(bytes) || bytes < 0) throw new SafetensorsError(`${file}: tensor ${name} has bad data_offsets`);
    tensors.push({ name, dtype: t.dtype, shape, bytes });
    dataBytes = Math.max(dataBytes, end);
  }
  return { tensors, dataBytes };
}

/** Read one file's header; a header or data cut short (an interrupted download) is refused. */
export async function readSafetensorsHeader(path: string): Promise<{ tensors: SafetensorsTensor[]; fileBytes: number }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new SafetensorsError(`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const size = (await handle.stat()).size;
    if (size < 8) throw new SafetensorsError(`${path}: not a safetensors file (too short)`);
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    const n = Number(head.readBigUInt64LE(0));
    if (n <= 1 || n > MAX_HEADER) throw new SafetensorsError(`${path}: not a safetensors file (header length ${n})`);
    if (8 + n > size) throw new SafetensorsError(`${path}: truncated (the header needs ${8 + n} bytes, the file has ${size})`);
    const buf = Buffer.alloc(n);
    await handle.read(buf, 0, n, 8);
    const { tensors, dataBytes } = parseSafetensorsHeader(buf.toString('utf8'), path);
    if (8 + n + dataBytes > size) {
      throw new SafetensorsError(`${path}: truncated (the header describes ${8 + n + dataBytes} bytes, the file has ${size}); an incomplete download?`);
    }
    return { tensors, fileBytes: size };
  } finally {
    await handle.close();
  }
}

function categoryOf(name: string): TensorCategory {
  if (/embed_tokens\.weight$|wte\.weight$/.test(name)) return 'token_embd';
  if (/(^|\.)lm_head\.weight$/.test(name)) return 'output';
  if (/\.qkv_proj\./.test(name)) return 'attn_qkv';
  if (/\.kv_b_proj\./.test(name)) return 'attn_kv_b';
  if (/\.q_proj\./.test(name)) return 'attn_q';
  if (/\.k_proj\./.test(name)) return 'attn_k';
  if (/\.v_proj\./.test(name)) return 'attn_v';
  if (/\.o_proj\./.test(name)) return 'attn_output';
  if (/gate_up_proj|\.up_proj\./.test(name)) return 'ffn_up';
  if (/\.gate_proj\./.test(name)) return 'ffn_gate';
  if (/\.down_proj/.test(name)) return 'ffn_down';
  return 'other';
}

/** A safetensors tensor placed like a GGUF one: category, layer, ne0/ne1/experts, exact bytes. */
export function placeSafetensor(t: SafetensorsTensor): PlacedTensor {
  const dims = t.shape.length > 0 ? t.shape : [1];
  // Transformers stores [out, in]; ggml's ne0 is the row length (in).
  const cols = dims[dims.length - 1]!;
  const rows = dims.length >= 2 ? dims[dims.length - 2]! : 1;
  const experts = dims.slice(0, -2).reduce((a, b) => a * b, 1);
  const layer = /\.layers\.(\d+)\./.exec(t.name);
  return {
    name: t.name.replace(/\.weight$/, ''),
    category: categoryOf(t.name),
    layer: layer ? Number(layer[1]) : null,
    cols,
    rows,
    experts,
    quantizable: dims.length >= 2,
    // Per-expert tensors (mlp.experts.N.*) and fused expert tensors (gpt-oss mlp.experts.*); shared experts are always read.
    routed: /\.experts\./.test(t.name) && !/shared_expert/.test(t.name),
    type: t.dtype,
    // Exact: the byte range the file holds (packed 4-bit formats included).
    bytes: t.bytes,
  };
}

export function knownDtype(dtype: string): boolean {
  return DTYPE_BYTES[dtype] !== undefined;
}
