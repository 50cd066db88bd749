import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelFromGguf } from '../../src/gguf/model.js';
import { GgufReadError, readGgufFile } from '../../src/gguf/read.js';
import { makeGguf, tinyLlama, writeTinyLlama, type FixtureTensor } from '../fixtures/gguf/make-gguf.js';

let dir: string;
let tiny: string;
let tinyBytes: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'llm-pick-gguf-'));
  tiny = join(dir, 'tiny-Q4_K_M.gguf');
  tinyBytes = writeTinyLlama(tiny);
});

describe('GGUF header', () => {
  it('reads shape, file type and exact tensor bytes from a local file', async () => {
    const m = await readGgufFile(tiny);
    expect(m.architecture).toBe('llama');
    expect(m.name).toBe('Tiny Llama fixture');
    expect(m.quant).toBe('Q4_K_M');
    expect(m.weights.totalBytes).toBe(tinyBytes);
    expect(m.shape).toMatchObject({ layers: 4, hiddenSize: 256, attentionHeads: 2, kvHeads: 1, headDim: 128, vocabSize: 1000, ffnSize: 512, maxContext: 4096, tiedEmbeddings: false, origin: 'gguf' });
    expect(m.weights.layerBytes).toHaveLength(4);
    expect(m.weights.paramsByType.Q6_K).toBeGreaterThan(0);
    expect(m.fileBytes).toBeGreaterThan(tinyBytes);
  });

  it('reads split files shard by shard', async () => {
    const { tensors } = tinyLlama();
    const half = Math.ceil(tensors.length / 2);
    const kv = {
      'general.architecture': { str: 'llama' },
      'general.file_type': { u32: 15 },
      'llama.block_count': { u32: 4 },
      'llama.embedding_length': { u32: 256 },
      'llama.attention.head_count': { u32: 2 },
      'llama.attention.head_count_kv': { u32: 1 },
      'llama.context_length': { u32: 4096 },
      'llama.feed_forward_length': { u32: 512 },
    };
    writeFileSync(join(dir, 'split-00001-of-00002.gguf'), makeGguf(kv, tensors.slice(0, half)));
    writeFileSync(join(dir, 'split-00002-of-00002.gguf'), makeGguf({ 'general.architecture': { str: 'llama' } }, tensors.slice(half)));
    const m = await readGgufFile(join(dir, 'split-00001-of-00002.gguf'));
    expect(m.shards).toBe(2);
    expect(m.weights.totalBytes).toBe(tinyBytes);
  });

  it('names MoE experts, MLA and sliding windows from the metadata', () => {
    const t = (name: string, dims: number[], type: FixtureTensor['type'] = 'Q4_K') => ({ name, shape: dims, dtype: type === 'F32' ? 0 : 12 });
    const m = modelFromGguf(
      {
        'general.architecture': 'gemma2',
        'gemma2.block_count': 2,
        'gemma2.embedding_length': 256,
        'gemma2.attention.head_count': 2,
        'gemma2.attention.head_count_kv': 1,
        'gemma2.attention.key_length': 128,
        'gemma2.attention.sliding_window': 4096,
        'gemma2.context_length': 8192,
      },
      [t('token_embd.weight', [256, 1000]), t('blk.0.attn_q.weight', [256, 256]), t('blk.1.attn_q.weight', [256, 256])],
    );
    expect(m.shape.tiedEmbeddings).toBe(true);
    expect(m.shape.slidingWindow).toEqual({ window: 4096, slidingLayers: 1 });
    expect(m.quant).toBeNull();
    expect(m.quantLabel).toBe('Q4_K (mostly)');
  });

  it('refuses what is not a readable local GGUF file, in one line', async () => {
    const notGguf = join(dir, 'notes.gguf');
    writeFileSync(notGguf, 'this is not a model file, just some text long enough');
    mkdirSync(join(dir, 'folder.gguf'));
    await expect(readGgufFile(join(dir, 'missing.gguf'))).rejects.toThrow(/missing\.gguf: no such file$/);
    await expect(readGgufFile(join(dir, 'folder.gguf'))).rejects.toThrow(/is a directory/);
    await expect(readGgufFile(notGguf)).rejects.toThrow(/not a GGUF file/);
    await expect(readGgufFile('https://huggingface.co/x/y.gguf')).rejects.toBeInstanceOf(GgufReadError);
    writeFileSync(join(dir, 'short.gguf'), 'GGUF');
    await expect(readGgufFile(join(dir, 'short.gguf'))).rejects.toThrow(/too short/);
  });
});
