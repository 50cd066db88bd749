// Vision projectors (mmproj) against llama.cpp's own clip lines, run on zero-weight mmproj GGUFs
// of each tower (test/fixtures/mmproj-logs/*.json: the lines, with where they come from). Every
// figure is read from those files, none is typed in. llama.cpp prints "%.2f MiB", so the catalog's
// bytes must print the same two decimals; the sources must quote the lines they came from.
import { describe, expect, it } from 'vitest';
import { catalogModel, jsonFixtures, mib2 } from '../helpers/llama-logs.js';
import { estimateVision } from '../../src/estimate/vision.js';

const MiB = 2 ** 20;
const LOGS = new URL('../fixtures/mmproj-logs/', import.meta.url);

interface Fixture {
  mmproj: string;
  catalogRows: string[];
  source: { flashAttnOn: string; flashAttnOff: string };
  quote: { flashAttnOn: string[]; flashAttnOff: string[] };
  projector: string;
  modelSizeMib: string;
  computeBufferMib: string;
  computeBufferMibNoFlashAttn: string;
  warmupImageTokens: number;
  tokensPerImage: number;
  /** Gemma 4 E2B/E4B: the mmproj also holds the audio conformer, whose context mtmd loads and warms up too (its own buffer). */
  audioComputeBufferMib?: string;
  /** The buffer for the largest image, where it is larger than the warm-up image (Gemma 4: 280 tokens against 256). */
  largestImage?: {
    source: string;
    quote: { flashAttnOn: string[]; flashAttnOff: string[] };
    computeBufferMib: string;
    computeBufferMibNoFlashAttn: string;
    tokens: number;
  };
}



const fixtures = jsonFixtures<Fixture>(LOGS);

const has = (lines: string[], text: string) => lines.some((l) => l.includes(text));

describe('mmproj fixtures quote what they claim', () => {
  it('covers Gemma 4, the Qwen3.5/3.6 towers, Mistral Small 3.x and Llama 4', () => {
    const rows = fixtures.flatMap((f) => f.catalogRows);
    for (const id of ['gemma-4-31b', 'gemma-4-26b-a4b', 'gemma-4-e4b', 'gemma-4-e2b', 'qwen-3.5-27b', 'qwen-3.6-27b', 'qwen-3.5-35b-a3b', 'qwen-3.6-35b-a3b', 'qwen-3.5-0.8b', 'qwen-3.5-4b', 'qwen-3.5-9b', 'mistral-small-3.1-24b', 'mistral-small-3.2-24b', 'llama-4-scout', 'llama-4-maverick']) expect(rows).toContain(id);
  });

  for (const fx of fixtures) {
    it(`${fx.mmproj}: every figure appears in a quoted line, with flash attention on and off`, () => {
      const on = fx.quote.flashAttnOn;
      const off = fx.quote.flashAttnOff;
      expect(has(on, `load_hparams: projector: ${fx.projector}`)).toBe(true);
      expect(has(on, `load_hparams: model size: ${fx.modelSizeMib} MiB`)).toBe(true);
      expect(has(off, `load_hparams: model size: ${fx.modelSizeMib} MiB`)).toBe(true);
      expect(has(on, `compute buffer size = ${fx.computeBufferMib} MiB`)).toBe(true);
      expect(has(on, 'warmup: flash attention is enabled')).toBe(true);
      expect(has(off, `compute buffer size = ${fx.computeBufferMibNoFlashAttn} MiB`)).toBe(true);
      expect(has(off, 'warmup: flash attention is disabled')).toBe(true);
      expect(has(on, `-> ${fx.warmupImageTokens} tokens`)).toBe(true);
      if (fx.mmproj !== 'llama-4-scout') expect(has(on, `-> ${fx.tokensPerImage} tokens`) || has(on, `image_max_pixels: `)).toBe(true);
      expect(fx.source.flashAttnOn).toContain('b97ebdc98f6053604a19d861c08d8087601b96e0');
      if (fx.largestImage) {
        const l = fx.largestImage;
        expect(has(l.quote.flashAttnOn, `-> ${l.tokens} tokens`)).toBe(true);
        expect(has(l.quote.flashAttnOn, `compute buffer size = ${l.computeBufferMib} MiB`)).toBe(true);
        expect(has(l.quote.flashAttnOn, 'warmup: flash attention is enabled')).toBe(true);
        expect(has(l.quote.flashAttnOff, `compute buffer size = ${l.computeBufferMibNoFlashAttn} MiB`)).toBe(true);
        expect(has(l.quote.flashAttnOff, 'warmup: flash attention is disabled')).toBe(true);
        expect(l.tokens).toBe(fx.tokensPerImage);
      } else if (fx.mmproj === 'llama-4-scout') {
        // Llama 4: tiles of the warm-up size; the largest image is 3 x 3 tiles + the overview.
        expect(fx.tokensPerImage).toBe(10 * fx.warmupImageTokens);
      } else {
        expect(fx.warmupImageTokens).toBe(fx.tokensPerImage);
      }
    });
  }
});

describe('catalog vision blocks equal the llama.cpp lines', () => {
  for (const fx of fixtures) {
    for (const id of fx.catalogRows) {
      // The buffer for the image the row counts: the largest one where measured apart, else the warm-up one.
      // Plus the audio context's buffer where the mmproj carries an audio encoder (allocated at load as well).
      const audio = Number(fx.audioComputeBufferMib ?? 0);
      const on = (Number(fx.largestImage?.computeBufferMib ?? fx.computeBufferMib) + audio).toFixed(2);
      const off = (Number(fx.largestImage?.computeBufferMibNoFlashAttn ?? fx.computeBufferMibNoFlashAttn) + audio).toFixed(2);
      it(`${id}: projector ${fx.modelSizeMib} MiB, buffer ${on} / ${off} MiB, ${fx.tokensPerImage} tokens per image`, () => {
        const v = catalogModel(id).vision;
        expect(v).toBeTruthy();
        expect(mib2(v!.projectorBytes)).toBe(fx.modelSizeMib);
        expect(mib2(v!.computeBufferBytes)).toBe(on);
        expect(mib2(v!.computeBufferBytesNoFlashAttn!)).toBe(off);
        expect(v!.source).toContain(`${fx.largestImage?.computeBufferMib ?? fx.computeBufferMib} MiB`);
        if (fx.audioComputeBufferMib) {
          expect(v!.source).toContain(`${fx.audioComputeBufferMib} MiB`);
          expect(has(fx.quote.flashAttnOn, 'clip_model_loader: has audio encoder')).toBe(true);
          expect(has(fx.quote.flashAttnOn, 'warmup: warmup with audio size')).toBe(true);
        }
        expect(v!.tokensPerImage).toBe(fx.tokensPerImage);
        // The row's source quotes the lines it came from.
        expect(v!.source).toContain(`model size: ${fx.modelSizeMib} MiB`);
        expect(v!.source).toContain(`${fx.largestImage?.computeBufferMibNoFlashAttn ?? fx.computeBufferMibNoFlashAttn} MiB`);
        // The estimate carries them: flash attention off swaps in the measured no-FA buffer.
        const noFa = estimateVision(v!, 1, false);
        expect(noFa.computeBufferUnderstated).toBe(false);
        expect(mib2(noFa.computeBufferBytes)).toBe(off);
      });
    }
  }

  it('Gemma 4: 280 tokens is llama.cpp\'s largest image (image_max_pixels 645120 = 280 × 48²), the warm-up image 256', () => {
    const fx = fixtures.find((f) => f.mmproj === 'gemma-4-31b')!;
    expect(has(fx.quote.flashAttnOn, 'image_max_pixels: 645120')).toBe(true);
    expect(645120 / (16 * 3) ** 2).toBe(fx.tokensPerImage);
    expect(has(fx.quote.flashAttnOn, 'preprocessed image 672x960 -> 280 tokens')).toBe(true);
    expect(fx.warmupImageTokens).toBe(256);
    // llama.cpp allocates the warm-up buffer at start and grows it for a 280-token image.
    expect(Number(fx.largestImage!.computeBufferMib)).toBeGreaterThan(Number(fx.computeBufferMib));
  });

  it('Qwen3.5/3.6 27B: the public log of an unnamed 27B-class Qwen-VL projector (ollama#17482) prints the lines printed here', () => {
    const fx = fixtures.find((f) => f.mmproj === 'qwen-3.5-27b')!;
    for (const id of ['qwen-3.5-27b', 'qwen-3.6-27b']) {
      const v = catalogModel(id).vision!;
      expect(v.source).toContain('ollama/ollama issue #17482');
      expect(v.source).toContain(`'load_hparams: model size: ${fx.modelSizeMib} MiB'`);
      expect(v.source).toContain(`'CUDA0 compute buffer size = ${fx.computeBufferMib} MiB'`);
    }
  });

  it('Qwen3.5-4B: the zero-weight run reproduces the public log of PR #22673 (644.26 MiB, 223.30 MiB)', () => {
    const fx = fixtures.find((f) => f.mmproj === 'qwen-3.5-4b')!;
    const v = catalogModel('qwen-3.5-4b').vision!;
    expect(v.source).toContain("'load_hparams: model size: 644.26 MiB'");
    expect(v.source).toContain("'CUDA0 compute buffer size = 223.30 MiB'");
    expect(fx.modelSizeMib).toBe('644.26');
    expect(fx.computeBufferMib).toBe('223.30');
  });
});
