// The output sink's sanitizer (src/core/sanitize.ts) and the catalog ceilings, as pure functions.
import { describe, expect, it } from 'vitest';
import { boundsOf } from '../../src/catalog/bounds.js';
import { hasControl, jsonSafe, terminalSafe, visible, visibleLine } from '../../src/core/sanitize.js';
import { shellQuote } from '../../src/util/shell.js';
import { HOSTILE_STRINGS, RAW_CONTROL } from './gen.js';

describe('sanitizer', () => {
  for (const [k, s] of Object.entries(HOSTILE_STRINGS)) {
    it(`${k}: shown visibly, on one line, in human output and JSON`, () => {
      expect(visible(s)).not.toMatch(RAW_CONTROL);
      expect(visibleLine(`${s}\n${s}`)).not.toMatch(/[\n\r]/);
      expect(terminalSafe(s, false)).not.toMatch(RAW_CONTROL);
      expect(hasControl(s)).toBe(true);
      const json = jsonSafe(JSON.stringify({ s }));
      expect(json).not.toMatch(RAW_CONTROL);
      expect(JSON.parse(json)).toEqual({ s });
      expect(shellQuote(s)).not.toMatch(RAW_CONTROL);
    });
  }
  it('keeps newlines and tabs of multi-line text, and shows ESC as \\x1b and bidi as \\u202e', () => {
    expect(visible('a\n\tb\u001b[2J\u202e')).toBe('a\n\tb\\x1b[2J\\u202e');
  });
  it('with colour on, llm-pick\'s own SGR sequences survive and any other escape is shown', () => {
    const coloured = '\u001b[32mfits\u001b[39m \u001b]52;c;AA==\u0007';
    expect(terminalSafe(coloured, true)).toBe('\u001b[32mfits\u001b[39m \\x1b]52;c;AA==\\x07');
    expect(terminalSafe(coloured, false)).toBe('\\x1b[32mfits\\x1b[39m \\x1b]52;c;AA==\\x07');
  });
  it('leaves ordinary text, accents and CJK alone', () => {
    for (const s of ['Llama 3.1 8B', 'naïve', '通义千问', 'Ünïcode — dash']) {
      expect(visible(s)).toBe(s);
      expect(hasControl(s)).toBe(false);
    }
  });
});

describe('catalog ceilings', () => {
  const arch = { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, vocabSize: 128256, ffnSize: 14336, maxContext: 131072 };
  it('accept a real shape', () => {
    expect(boundsOf('models', { architecture: arch, params: { total: 8e9 } })).toEqual([]);
  });
  it.each([
    ['layers', { architecture: { ...arch, layers: 1e6 } }, ['architecture', 'layers']],
    ['maxContext', { architecture: { ...arch, maxContext: 2 ** 27 } }, ['architecture', 'maxContext']],
    ['experts', { architecture: { ...arch, moe: { experts: 5000, activeExperts: 8, expertFfnSize: 1 } } }, ['architecture', 'moe', 'experts']],
    ['activeExperts', { architecture: { ...arch, moe: { experts: 8, activeExperts: 9, expertFfnSize: 1 } } }, ['architecture', 'moe', 'activeExperts']],
    ['price', { usdPerMillionOutput: 1e300 }, ['usdPerMillionOutput']],
    ['params', { params: { total: 1e300 } }, ['params', 'total']],
  ])('refuse %s beyond its ceiling, naming the field', (_n, entry, path) => {
    expect(boundsOf('models', entry).map((f) => f.path)).toContainEqual(path);
  });
  it('refuse a GPU of 1e300 GiB', () => {
    expect(boundsOf('gpus', { vramGiB: 1e300 })[0]?.path).toEqual(['vramGiB']);
  });
});
