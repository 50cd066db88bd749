// The fast GGUF header reader (installed scans) agrees with @huggingface/gguf on the same file,
// keeps string arrays' lengths only, and refuses cut or foreign files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gguf } from '@huggingface/gguf';
import { readGgufHeader } from '../../src/gguf/fast-header.js';
import { tinyLlama } from '../fixtures/gguf/make-gguf.js';

const dir = mkdtempSync(join(tmpdir(), 'llm-pick-header-'));

describe('readGgufHeader', () => {
  it('reads what @huggingface/gguf reads', async () => {
    const { file } = tinyLlama();
    const path = join(dir, 'tiny.gguf');
    writeFileSync(path, file);
    const fast = await readGgufHeader(path);
    const ref = await gguf(path, { allowLocalFile: true });
    expect(fast.tensorDataOffset).toBe(Number(ref.tensorDataOffset));
    expect(fast.tensorInfos).toEqual(ref.tensorInfos.map((t) => ({ name: t.name, shape: t.shape.map(Number), dtype: Number(t.dtype), offset: Number(t.offset) })));
    for (const key of ['general.architecture', 'general.name', 'general.file_type', 'llama.block_count', 'llama.embedding_length']) {
      expect(fast.metadata[key]).toEqual((ref.metadata as Record<string, unknown>)[key]);
    }
    expect((fast.metadata['tokenizer.ggml.tokens'] as unknown[]).length).toBe(1000);
    expect(fast.metadata['llama.rope.freq_base']).toBeCloseTo(10000);
  });

  it('refuses a cut header and a foreign file', async () => {
    const { file } = tinyLlama();
    writeFileSync(join(dir, 'cut.gguf'), file.subarray(0, 300));
    await expect(readGgufHeader(join(dir, 'cut.gguf'))).rejects.toThrow(/truncated/);
    writeFileSync(join(dir, 'text.gguf'), 'this is not a model, only some text');
    await expect(readGgufHeader(join(dir, 'text.gguf'))).rejects.toThrow(/no GGUF magic/);
  });
});
