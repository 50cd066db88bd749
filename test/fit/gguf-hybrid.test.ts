// fit --gguf of hybrid and per-layer-attention files: small generated GGUF headers (tensor data is
// zeros) carrying the metadata llama.cpp reads for these architectures.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateKvCache } from '../../src/estimate/kv-cache.js';
import { layerInfos } from '../../src/estimate/layers.js';
import { estimateRecurrentState } from '../../src/estimate/recurrent.js';
import { readGgufFile } from '../../src/gguf/read.js';
import { runBin } from '../helpers/bin.js';
import { makeGguf, type FixtureTensor, type KvValue } from '../fixtures/gguf/make-gguf.js';

let dir: string;
const D = 256;

function common(arch: string, layers: number, extra: Record<string, KvValue>): Record<string, KvValue> {
  return {
    'general.architecture': { str: arch },
    'general.file_type': { u32: 7 },
    [`${arch}.block_count`]: { u32: layers },
    [`${arch}.context_length`]: { u32: 32768 },
    [`${arch}.embedding_length`]: { u32: D },
    [`${arch}.attention.head_count`]: { u32: 4 },
    ...extra,
  };
}

/** `<arch>.ssm.*` as convert_hf_to_gguf writes them (llama.cpp ssm_d_conv/d_state/d_inner/n_group/dt_rank). */
function ssmKv(arch: string, inner: number, groups: number, heads: number): Record<string, KvValue> {
  return {
    [`${arch}.attention.key_length`]: { u32: 64 },
    [`${arch}.ssm.conv_kernel`]: { u32: 4 },
    [`${arch}.ssm.state_size`]: { u32: 128 },
    [`${arch}.ssm.inner_size`]: { u32: inner },
    [`${arch}.ssm.group_count`]: { u32: groups },
    [`${arch}.ssm.time_step_rank`]: { u32: heads },
  };
}

function base(): FixtureTensor[] {
  return [
    { name: 'token_embd.weight', dims: [D, 1000], type: 'Q8_0' },
    { name: 'output_norm.weight', dims: [D], type: 'F32' },
  ];
}

function attn(il: number, kv: number, hd = 64, withV = true): FixtureTensor[] {
  const t: FixtureTensor[] = [
    { name: `blk.${il}.attn_q.weight`, dims: [D, 4 * hd], type: 'Q8_0' },
    { name: `blk.${il}.attn_k.weight`, dims: [D, kv * hd], type: 'Q8_0' },
    { name: `blk.${il}.attn_output.weight`, dims: [4 * hd, D], type: 'Q8_0' },
  ];
  if (withV) t.push({ name: `blk.${il}.attn_v.weight`, dims: [D, kv * hd], type: 'Q8_0' });
  return t;
}

function ssm(il: number): FixtureTensor[] {
  return [
    { name: `blk.${il}.ssm_in.weight`, dims: [D, 1024], type: 'Q8_0' },
    { name: `blk.${il}.ssm_out.weight`, dims: [512, D], type: 'Q8_0' },
  ];
}

const write = (name: string, kv: Record<string, KvValue>, tensors: FixtureTensor[]) => {
  const path = join(dir, name);
  writeFileSync(path, makeGguf(kv, tensors));
  return path;
};

let qwen35: string;
let granite: string;
let nemotron: string;
let gemma4: string;
let lfm2: string;
let falconH1: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'llm-pick-gguf-hybrid-'));
  // falcon-h1: attention and Mamba2 side by side in every layer (llama-model.cpp create_memory: both filters true).
  const f: FixtureTensor[] = base();
  for (let il = 0; il < 4; il += 1) f.push(...attn(il, 2), ...ssm(il));
  falconH1 = write(
    'falcon-h1.gguf',
    common('falcon-h1', 4, { 'falcon-h1.attention.head_count_kv': { u32: 2 }, ...ssmKv('falcon-h1', 512, 1, 8) }),
    f,
  );
  // qwen35: every 4th layer is attention (full_attention_interval 4); Gated DeltaNet sizes in ssm.*.
  const q: FixtureTensor[] = base();
  for (let il = 0; il < 8; il += 1) q.push(...((il + 1) % 4 === 0 ? attn(il, 2) : ssm(il)));
  qwen35 = write(
    'qwen35-hybrid.gguf',
    common('qwen35', 8, {
      'qwen35.attention.head_count_kv': { u32: 2 },
      'qwen35.full_attention_interval': { u32: 4 },
      ...ssmKv('qwen35', 512, 2, 4),
    }),
    q,
  );
  // granitehybrid: a layer is recurrent iff its head_count_kv entry is 0.
  const g: FixtureTensor[] = base();
  const gKv = [0, 0, 0, 2, 0, 0, 0, 2];
  gKv.forEach((kv, il) => g.push(...(kv > 0 ? attn(il, kv) : ssm(il))));
  granite = write(
    'granite-hybrid.gguf',
    common('granitehybrid', 8, {
      'granitehybrid.attention.head_count_kv': { i32s: gKv },
      ...ssmKv('granitehybrid', 512, 1, 8),
    }),
    g,
  );
  // nemotron_h: attention iff head_count_kv > 0, Mamba2 iff feed_forward_length == 0 too, else MLP.
  const n: FixtureTensor[] = base();
  const nKv = [0, 0, 2, 0, 0, 0];
  const nFf = [0, 512, 0, 0, 512, 0];
  nKv.forEach((kv, il) => n.push(...(kv > 0 ? attn(il, kv) : nFf[il]! > 0 ? [{ name: `blk.${il}.ffn_up.weight`, dims: [D, 512], type: 'Q8_0' as const }] : ssm(il))));
  nemotron = write(
    'nemotron-h.gguf',
    common('nemotron_h', 6, {
      'nemotron_h.attention.head_count_kv': { i32s: nKv },
      'nemotron_h.feed_forward_length': { i32s: nFf },
      ...ssmKv('nemotron_h', 512, 8, 8),
    }),
    n,
  );
  // gemma4: sliding_window_pattern per layer, KV heads per layer, key_length (global) vs key_length_swa,
  // shared KV layers at the end; the global layer has no attn_v (attention_k_eq_v).
  const swa = [true, true, true, true, true, false, true, true, true, true, true, false];
  const gmKv = swa.map((s) => (s ? 4 : 1));
  const gm: FixtureTensor[] = base();
  swa.forEach((s, il) => gm.push(...attn(il, gmKv[il]!, s ? 64 : 128, s)));
  gemma4 = write(
    'gemma4.gguf',
    common('gemma4', 12, {
      'gemma4.attention.head_count_kv': { i32s: gmKv },
      'gemma4.attention.key_length': { u32: 128 },
      'gemma4.attention.value_length': { u32: 128 },
      'gemma4.attention.key_length_swa': { u32: 64 },
      'gemma4.attention.value_length_swa': { u32: 64 },
      'gemma4.attention.sliding_window': { u32: 512 },
      'gemma4.attention.sliding_window_pattern': { bools: swa },
      'gemma4.attention.shared_kv_layers': { u32: 2 },
    }),
    gm,
  );
  // lfm2: short-convolution layers have head_count_kv 0; the conv cache is shortconv.l_cache - 1 rows of n_embd.
  const lKv = [0, 0, 2, 0, 0, 2];
  const l: FixtureTensor[] = base();
  lKv.forEach((kv, il) => l.push(...(kv > 0 ? attn(il, kv) : [{ name: `blk.${il}.shortconv.in_proj.weight`, dims: [D, 3 * D], type: 'Q8_0' as const }])));
  lfm2 = write(
    'lfm2.gguf',
    common('lfm2', 6, {
      'lfm2.attention.head_count_kv': { i32s: lKv },
      'lfm2.attention.key_length': { u32: 64 },
      'lfm2.shortconv.l_cache': { u32: 3 },
    }),
    l,
  );
});

describe('GGUF headers of hybrid models', () => {
  it('qwen35: attention every full_attention_interval layers, Gated DeltaNet state from ssm.* (llama.cpp n_embd_r / n_embd_s)', async () => {
    const m = await readGgufFile(qwen35);
    const infos = layerInfos(m.shape);
    expect(infos.map((l) => l.kind)).toEqual(['recurrent', 'recurrent', 'recurrent', 'attention', 'recurrent', 'recurrent', 'recurrent', 'attention']);
    expect(estimateRecurrentState(m.shape).bytes).toBe(6 * (3 * (512 + 2 * 2 * 128) + 128 * 512) * 4);
    expect(estimateKvCache(m.shape, 4096).bytes).toBe(2 * 4096 * 2 * 2 * 64 * 2);
  });

  it('granitehybrid: recurrent iff head_count_kv[il] == 0; KV heads from the array', async () => {
    const m = await readGgufFile(granite);
    expect(layerInfos(m.shape).filter((l) => l.hasKv).length).toBe(2);
    expect(m.shape.kvHeads).toBe(2);
    expect(estimateRecurrentState(m.shape).bytes).toBe(6 * (3 * (512 + 2 * 128) + 128 * 512) * 4);
  });

  it('nemotron_h: MLP layers (feed_forward_length > 0) keep neither KV nor state', async () => {
    const m = await readGgufFile(nemotron);
    expect(layerInfos(m.shape).map((l) => l.kind)).toEqual(['recurrent', 'ffn', 'attention', 'recurrent', 'ffn', 'recurrent']);
    expect(estimateRecurrentState(m.shape).layers).toBe(3);
  });

  it('gemma4: per-layer windows, head sizes and KV heads, shared KV layers and k_eq_v', async () => {
    const m = await readGgufFile(gemma4);
    expect(m.shape.slidingWindow?.slidingLayers).toBe(10);
    expect(m.shape.globalAttention).toEqual({ headDim: 128, kvHeads: 1, kEqV: true });
    expect(m.shape.kvSharedLayers).toBe(2);
    const infos = layerInfos(m.shape);
    // Layers 10 and 11 are shared: 9 sliding layers and 1 global layer keep a cache.
    expect(infos.filter((l) => l.hasKv && l.sliding)).toHaveLength(9);
    expect(infos.filter((l) => l.hasKv && !l.sliding)).toHaveLength(1);
    const swaCells = 1024; // pad(512 + 512)
    expect(estimateKvCache(m.shape, 8192).bytes).toBe(8192 * 2 * 1 * 128 * 2 + 9 * swaCells * 2 * 4 * 64 * 2);
  });

  it('falcon-h1: every layer keeps both a KV cache and a Mamba2 state, and has both blocks\' weights', async () => {
    const m = await readGgufFile(falconH1);
    const infos = layerInfos(m.shape);
    expect(infos.map((l) => l.kind)).toEqual(['parallel', 'parallel', 'parallel', 'parallel']);
    expect(infos.filter((l) => l.hasKv)).toHaveLength(4);
    expect(estimateRecurrentState(m.shape).bytes).toBe(4 * (3 * (512 + 2 * 128) + 128 * 512) * 4);
    expect(estimateKvCache(m.shape, 4096).bytes).toBe(4 * 4096 * 2 * 2 * 64 * 2);
  });

  it('lfm2: short-convolution state of (l_cache - 1) × n_embd per conv layer', async () => {
    const m = await readGgufFile(lfm2);
    expect(estimateRecurrentState(m.shape).bytes).toBe(4 * 2 * D * 4);
    expect(layerInfos(m.shape).filter((l) => l.hasKv)).toHaveLength(2);
  });

  it('fit --gguf --json reports memory.recurrentStateBytes from the header (e2e, built binary)', () => {
    const r = runBin(['fit', '--gguf', qwen35, '--ctx', '4096', '--json'], { env: { NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { memory: { recurrentStateBytes: number; kvCacheBytes: number; totalBytes: number } };
    expect(doc.memory.recurrentStateBytes).toBe(6 * (3 * (512 + 2 * 2 * 128) + 128 * 512) * 4);
    expect(doc.memory.kvCacheBytes).toBe(2 * 4096 * 2 * 2 * 64 * 2);
  });
});
