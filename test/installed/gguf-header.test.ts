// The one GGUF header reader (fit --gguf and installed scans) agrees with @huggingface/gguf on the
// same file, keeps string arrays' lengths only, reads headers longer than its first 1 MiB read,
// and refuses cut or foreign files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gguf } from '@huggingface/gguf';
import { parseGgufHeader } from '../../src/gguf/header.js';
import { readGgufFile } from '../../src/gguf/read.js';
import { tinyLlama } from '../fixtures/gguf/make-gguf.js';

const dir = mkdtempSync(join(tmpdir(), 'llm-pick-header-'));

describe('the GGUF header reader', () => {
  it('reads what @huggingface/gguf reads', async () => {
    const { file } = tinyLlama();
    const path = join(dir, 'tiny.gguf');
    writeFileSync(path, file);
    const fast = parseGgufHeader(file);
    const ref = await gguf(path, { allowLocalFile: true });
    expect(fast.tensorDataOffset).toBe(Number(ref.tensorDataOffset));
    expect(fast.tensorInfos).toEqual(ref.tensorInfos.map((t) => ({ name: t.name, shape: t.shape, dtype: Number(t.dtype), offset: t.offset })));
    for (const key of ['general.architecture', 'general.name', 'general.file_type', 'llama.block_count', 'llama.embedding_length']) {
      expect(fast.metadata[key]).toEqual((ref.metadata as Record<string, unknown>)[key]);
    }
    expect((fast.metadata['tokenizer.ggml.tokens'] as unknown[]).length).toBe(1000);
    expect(fast.metadata['llama.rope.freq_base']).toBeCloseTo(10000);
  });

  it('refuses a cut header and a foreign file', async () => {
    const { file } = tinyLlama();
    writeFileSync(join(dir, 'cut.gguf'), file.subarray(0, 300));
    await expect(readGgufFile(join(dir, 'cut.gguf'))).rejects.toThrow(/truncated/);
    writeFileSync(join(dir, 'text.gguf'), 'this is not a model, only some text');
    await expect(readGgufFile(join(dir, 'text.gguf'))).rejects.toThrow(/no GGUF magic/);
  });

  it('reads a header longer than the first 1 MiB read (a 300K-entry vocabulary)', async () => {
    const { file } = tinyLlama(300_000);
    const header = parseGgufHeader(file);
    expect(header.tensorDataOffset).toBeGreaterThan(2 * 1024 * 1024);
    expect((header.metadata['tokenizer.ggml.tokens'] as unknown[]).length).toBe(300_000);
    const path = join(dir, 'big-vocab.gguf');
    writeFileSync(path, file);
    const g = await readGgufFile(path);
    expect(g.architecture).toBe('llama');
    expect(g.fileBytes).toBe(file.length);
  });
});
