// Generators of hostile inputs (issue #22): small GGUF headers with any value type,
// catalogs with a field replaced, stand-in nvidia-smi scripts. Everything is written to a
// temporary directory at test time; nothing large is kept in git.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** GGUF metadata values with their wire type (ggml docs/gguf.md: gguf_metadata_value_type). */
export type Kv =
  | { u32: number }
  | { i32: number }
  | { u64: bigint }
  | { f32: number }
  | { str: string }
  | { strs: string[] }
  | { i32s: number[] }
  /** An array header declaring `count` entries of type `sub`, with no entries written. */
  | { declared: bigint; sub: number }
  /** A value of an undefined GGUF type. */
  | { badType: number };

export interface RawTensor {
  name: string;
  dims: (number | bigint)[];
  /** ggml type id: 0 F32, 12 Q4_K, 14 Q6_K, 99 unknown. */
  type: number;
  /** Offset in the data section; by default each tensor follows the last, 32-byte aligned. */
  offset?: number;
}

const TYPE_BYTES: Record<number, [number, number]> = { 0: [1, 4], 1: [1, 2], 12: [256, 144], 14: [256, 210] };

class W {
  parts: Buffer[] = [];
  size = 0;
  push(b: Buffer) {
    this.parts.push(b);
    this.size += b.length;
  }
  u32(n: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n >>> 0);
    this.push(b);
  }
  i32(n: number) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.push(b);
  }
  u64(n: number | bigint) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.push(b);
  }
  str(s: string) {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
}

export function tensorBytes(t: RawTensor): number {
  const [block, bytes] = TYPE_BYTES[t.type] ?? [1, 1];
  const dims = t.dims.map(Number);
  return Math.max(0, Math.ceil(dims[0]! / block) * bytes * dims.slice(1).reduce((a, b) => a * b, 1));
}

export interface GgufOptions {
  /** Declared counts instead of the real ones (hostile headers). */
  tensorCount?: bigint;
  kvCount?: bigint;
  /** Data bytes written after the header; by default what the tensors need. */
  dataBytes?: number;
  /** Cut the file to this many bytes. */
  truncate?: number;
}

export function gguf(kv: Record<string, Kv>, tensors: RawTensor[], o: GgufOptions = {}): Buffer {
  const w = new W();
  w.push(Buffer.from('GGUF'));
  w.u32(3);
  w.u64(o.tensorCount ?? BigInt(tensors.length));
  w.u64(o.kvCount ?? BigInt(Object.keys(kv).length));
  for (const [key, v] of Object.entries(kv)) {
    w.str(key);
    if ('u32' in v) (w.u32(4), w.u32(v.u32));
    else if ('i32' in v) (w.u32(5), w.i32(v.i32));
    else if ('u64' in v) (w.u32(10), w.u64(v.u64));
    else if ('f32' in v) {
      w.u32(6);
      const b = Buffer.alloc(4);
      b.writeFloatLE(v.f32);
      w.push(b);
    } else if ('str' in v) (w.u32(8), w.str(v.str));
    else if ('strs' in v) {
      w.u32(9);
      w.u32(8);
      w.u64(v.strs.length);
      for (const s of v.strs) w.str(s);
    } else if ('declared' in v) {
      w.u32(9);
      w.u32(v.sub);
      w.u64(v.declared);
    } else if ('badType' in v) {
      w.u32(v.badType);
      w.u32(0);
    } else {
      w.u32(9);
      w.u32(5);
      w.u64(v.i32s.length);
      for (const n of v.i32s) w.i32(n);
    }
  }
  let end = 0;
  const align = (n: number) => Math.ceil(n / 32) * 32;
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(typeof d === 'bigint' ? d : BigInt(Math.max(0, d)));
    w.u32(t.type);
    const offset = t.offset ?? end;
    w.u64(offset);
    end = Math.max(end, align(offset + tensorBytes(t)));
  }
  w.push(Buffer.alloc(align(w.size) - w.size));
  // Data as the tensors need, at most 4 MiB: a hostile size is declared, not written.
  w.push(Buffer.alloc(o.dataBytes ?? Math.min(end, 4 * 1024 * 1024)));
  const all = Buffer.concat(w.parts);
  return o.truncate !== undefined ? all.subarray(0, o.truncate) : all;
}

/** A tiny valid Llama-shaped model: 2 layers, hidden 256, 2 heads, vocabulary 512. */
export function tinyKv(over: Record<string, Kv> = {}): Record<string, Kv> {
  return {
    'general.architecture': { str: 'llama' },
    'general.name': { str: 'tiny' },
    'general.file_type': { u32: 15 },
    'llama.block_count': { u32: 2 },
    'llama.context_length': { u32: 4096 },
    'llama.embedding_length': { u32: 256 },
    'llama.feed_forward_length': { u32: 512 },
    'llama.attention.head_count': { u32: 2 },
    'llama.attention.head_count_kv': { u32: 1 },
    ...over,
  };
}

export function tinyTensors(): RawTensor[] {
  const t: RawTensor[] = [
    { name: 'token_embd.weight', dims: [256, 512], type: 12 },
    { name: 'output.weight', dims: [256, 512], type: 14 },
    { name: 'output_norm.weight', dims: [256], type: 0 },
  ];
  for (let i = 0; i < 2; i += 1) {
    t.push(
      { name: `blk.${i}.attn_q.weight`, dims: [256, 256], type: 12 },
      { name: `blk.${i}.attn_k.weight`, dims: [256, 128], type: 12 },
      { name: `blk.${i}.attn_v.weight`, dims: [256, 128], type: 14 },
      { name: `blk.${i}.attn_output.weight`, dims: [256, 256], type: 12 },
      { name: `blk.${i}.ffn_gate.weight`, dims: [256, 512], type: 12 },
      { name: `blk.${i}.ffn_up.weight`, dims: [256, 512], type: 12 },
      { name: `blk.${i}.ffn_down.weight`, dims: [512, 256], type: 14 },
    );
  }
  return t;
}

/** Control and bidi characters a hostile value carries, by name. */
export const HOSTILE_STRINGS: Record<string, string> = {
  esc: 'A\u001b[2J\u001b[HB',
  osc52: 'A\u001b]52;c;dG91Y2ggL3RtcC9wd25lZA==\u0007B',
  osc8: 'A\u001b]8;;http://evil.example/\u001b\\link\u001b]8;;\u001b\\B',
  cr: 'Aaaaaaa\rB',
  nul: 'A\u0000B',
  bel: 'A\u0007B',
  del: 'A\u007fB',
  c1csi: 'A\u009b2JB',
  c1nel: 'A\u0085B',
  bidi: 'A\u202eevil\u202cB',
  isolate: 'A\u2066B\u2069',
  lrm: 'A\u200eB\u061c',
  sgr: 'A\u001b[31mred\u001b[0mB',
};

/** The raw bytes none of llm-pick's output may carry when they came from outside. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function writeFile(dir: string, name: string, data: Buffer | string, mode?: number): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, data);
  if (mode !== undefined) chmodSync(p, mode);
  return p;
}

/** A stand-in nvidia-smi that prints the given CSV for --query-gpu. */
export function fakeNvidiaSmi(dir: string, csv: string): string {
  writeFile(dir, 'gpus.csv', csv);
  writeFile(dir, 'nvidia-smi', `#!/bin/sh\ncase "$*" in\n  *--query-gpu=*) cat "$(dirname "$0")/gpus.csv" ;;\n  *) exit 2 ;;\nesac\n`, 0o755);
  return dir;
}
