import { describe, expect, it } from 'vitest';
import { parseRocmSmiJson } from '../../src/hardware/parse/rocm-smi.js';
import { fixture } from './helpers.js';

describe('parseRocmSmiJson (recorded outputs)', () => {
  it('reads total and used VRAM in bytes and the product name', () => {
    const { gpus, warnings } = parseRocmSmiJson(fixture('rocm-smi/rx7900xt.json'));
    expect(warnings).toEqual([]);
    expect(gpus).toEqual([
      expect.objectContaining({
        index: 0,
        name: 'Radeon RX 7900 XT',
        vendor: 'amd',
        vramBytes: 21458059264,
        freeVramBytes: 21458059264 - 27856896,
        computeCapability: 'gfx1100',
        integrated: false,
        source: 'rocm-smi',
      }),
    ]);
  });

  it('marks a tiny-VRAM APU as integrated and names a chip family by its product', () => {
    const { gpus } = parseRocmSmiJson(fixture('rocm-smi/navi21-with-igpu.json'));
    expect(gpus.map((g) => [g.name, g.integrated])).toEqual([
      ['Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]', false],
      ['Raphael', true],
    ]);
    expect(gpus[0]!.freeVramBytes).toBe(17163091968 - 692142080);
  });

  it('skips warnings printed before the JSON', () => {
    expect(parseRocmSmiJson(fixture('rocm-smi/warning-before-json.txt')).gpus).toHaveLength(1);
  });

  it('reads older lowercase keys, ignores "system", and warns about a card without VRAM', () => {
    const { gpus, warnings } = parseRocmSmiJson(fixture('rocm-smi/mi210-missing-vram.json'));
    expect(gpus.map((g) => [g.index, g.name, g.vramBytes])).toEqual([
      [0, 'AMD Instinct MI210', 68702699520],
      [1, 'AMD Instinct MI210', null],
    ]);
    expect(warnings).toEqual(['rocm-smi gave no VRAM size for card1 (AMD Instinct MI210)']);
  });

  it('says so when the JSON is cut off or missing', () => {
    expect(parseRocmSmiJson(fixture('rocm-smi/truncated.txt')).warnings[0]).toMatch(/no JSON|could not be read/);
    expect(parseRocmSmiJson('ERROR: something\n').warnings).toEqual(['rocm-smi printed no JSON; AMD GPUs were not read']);
    expect(parseRocmSmiJson('')).toEqual({ gpus: [], warnings: [] });
    expect(parseRocmSmiJson('[1, 2]').gpus).toEqual([]);
  });
});
