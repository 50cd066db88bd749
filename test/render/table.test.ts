// Tables that fit a width: short forms first, then the lowest-priority columns dropped and
// named under the table; one line per row, kept columns never cut.
import { describe, expect, it } from 'vitest';
import { plainUi } from '../../src/core/ui.js';
import { makeTable, planColumns, type Column } from '../../src/render/table.js';
import { visibleLength } from '../../src/render/wrap.js';

const columns: Column[] = [
  { head: 'Model', keep: true },
  { head: 'Quality', short: 'Q', align: 'right', priority: 5 },
  { head: 'Memory', short: 'GiB', priority: 4 },
  { head: 'Engine', priority: 1 },
];
const rows = [
  ['qwen-3.6-35b-a3b', '0.76', { text: '███████░ 20.9 / 23.5 GiB', short: '20.9' }, 'llama.cpp'],
  ['gpt-oss-120b', '0.71', { text: '███████▶ 60.1 / 23.5 GiB', short: '60.1' }, 'ollama'],
];

const lines = (width: number) => makeTable(columns, rows, plainUi(width)).split('\n');

describe('makeTable', () => {
  it('draws everything in full when it fits', () => {
    const out = lines(100);
    expect(out.join('\n')).toContain('███████░ 20.9 / 23.5 GiB');
    expect(out.join('\n')).not.toContain('hidden');
  });

  it('takes the short forms of the lowest priorities first, then drops columns and says which', () => {
    const mid = lines(50).join('\n');
    expect(mid).toContain('│ GiB');
    expect(mid).toContain('Quality');
    expect(mid).toContain('llama.cpp');
    const narrow = lines(30);
    const text = narrow.join('\n').replace(/\n +/g, ' ');
    expect(text).not.toContain('llama.cpp');
    expect(text).toContain('hidden at 30 columns: Memory, Engine');
    for (const l of narrow) expect(visibleLength(l)).toBeLessThanOrEqual(30);
  });

  it('puts each row on one line and never cuts a kept column', () => {
    for (const width of [30, 40, 60, 100]) {
      const table = lines(width).filter((l) => l.startsWith('│'));
      expect(table).toHaveLength(3);
      expect(table[1]).toContain('qwen-3.6-35b-a3b');
      expect(table.join('')).not.toContain('…');
    }
  });

  it('prints blocks of lines when even the kept column does not fit', () => {
    const out = makeTable(columns, rows, plainUi(12)).split('\n');
    expect(out[0]).toBe('qwen-3.6-35b-a3b');
    expect(out).toContain('  Q: 0.76');
  });

  it('takes plain header texts with alignments and kept indices as before', () => {
    const out = makeTable(['a', 'b'], [['x', 'y']], plainUi(100), ['left', 'right']);
    expect(out.split('\n')[3]).toBe('│ x │ y │');
  });
});

describe('planColumns', () => {
  it('drops nothing kept, and gives up (null) when the kept columns alone are too wide', () => {
    expect(planColumns([10, 10], [10, 5], [9, 1], [true, false], 30)).toEqual({ shown: [0, 1], short: [false, false] });
    expect(planColumns([10, 10], [10, 5], [9, 1], [true, false], 20)).toEqual({ shown: [0], short: [false, true] });
    expect(planColumns([12, 10], [8, 5], [9, 1], [true, false], 26)).toEqual({ shown: [0, 1], short: [false, true] });
    expect(planColumns([30, 10], [30, 5], [9, 1], [true, false], 20)).toBeNull();
  });
});
