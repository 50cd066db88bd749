// The width human output is laid out for: COLUMNS, else the terminal's, else 100 for a pipe;
// prose is wrapped on a terminal or when COLUMNS is set, not in a plain pipe.
import { describe, expect, it } from 'vitest';
import { decideWidth, decideWrap } from '../../src/core/ui.js';

describe('decideWidth', () => {
  it('takes COLUMNS first, then the terminal, then 100', () => {
    expect(decideWidth({ COLUMNS: '72' }, 120)).toBe(72);
    expect(decideWidth({}, 120)).toBe(120);
    expect(decideWidth({}, undefined)).toBe(100);
  });

  it('ignores a COLUMNS that is not a positive integer, and never goes below 40', () => {
    expect(decideWidth({ COLUMNS: 'wide' }, undefined)).toBe(100);
    expect(decideWidth({ COLUMNS: '0' }, 80)).toBe(80);
    expect(decideWidth({ COLUMNS: '-5' }, undefined)).toBe(100);
    expect(decideWidth({ COLUMNS: '20' }, undefined)).toBe(40);
  });
});

describe('decideWrap', () => {
  it('wraps on a terminal or with COLUMNS, not in a plain pipe', () => {
    expect(decideWrap({}, true)).toBe(true);
    expect(decideWrap({ COLUMNS: '60' }, false)).toBe(true);
    expect(decideWrap({}, false)).toBe(false);
    expect(decideWrap({ COLUMNS: 'x' }, false)).toBe(false);
  });
});
