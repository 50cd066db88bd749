// The common older cards are in the shipped catalog, resolve by the names people
// type (--gpu) and are found by the wizard's GPU filter.
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../src/catalog/load.js';
import { findGpu } from '../../src/catalog/gpu-match.js';
import { gpuChoices } from '../../src/wizard/hardware.js';

// dist/catalog.json: `npm run build` first (npm test does).
const gpus = () => loadBuiltinCatalog().gpus;

const NAMES: readonly (readonly [string, string])[] = [
  ['2060', 'rtx-2060'], ['RTX 2060 Super', 'rtx-2060-super'], ['2070', 'rtx-2070'], ['NVIDIA GeForce RTX 2070 SUPER', 'rtx-2070-super'],
  ['2080', 'rtx-2080'], ['rtx 2080 super', 'rtx-2080-super'], ['2080 Ti', 'rtx-2080-ti'], ['NVIDIA GeForce RTX 2080 Ti', 'rtx-2080-ti'],
  ['GTX 1650', 'gtx-1650'], ['1660', 'gtx-1660'], ['1660 super', 'gtx-1660-super'], ['GTX 1660 Ti', 'gtx-1660-ti'],
  ['p40', 'p40'], ['Tesla P40', 'p40'], ['P100', 'p100-pcie-16gb'], ['V100', 'v100-sxm2-16gb'], ['V100 PCIe 32GB', 'v100-pcie-32gb'],
  ['T4', 't4'], ['A10', 'a10'], ['A4000', 'rtx-a4000'], ['RTX A5000', 'rtx-a5000'], ['rtx a6000', 'rtx-a6000'],
  ['MI50', 'mi50-16gb'], ['MI50 32GB', 'mi50-32gb'], ['MI60', 'mi60'],
  ['arc a770', 'arc-a770-16gb'], ['A750', 'arc-a750'], ['Arc B580', 'arc-b580'],
];

describe('older GPUs in the shipped catalog', () => {
  it.each(NAMES)('--gpu %s resolves to %s', (name, id) => {
    const m = findGpu(gpus(), name);
    expect(m && 'gpu' in m ? m.gpu.id : m).toBe(id);
  });

  it('every added card carries memory, bandwidth, power and a source naming the row', () => {
    for (const id of new Set(NAMES.map(([, id]) => id))) {
      const g = gpus().find((x) => x.id === id)!;
      expect(g.vramGiB, id).toBeGreaterThan(0);
      expect(g.memoryBandwidthGBps, id).toBeGreaterThan(0);
      expect(g.tdpWatts, id).toBeGreaterThan(0);
      expect(g.source, id).toMatch(/@ [0-9a-f]{7,40}|https:\/\//);
    }
  });

  it('figures as the source lists them (spot checks)', () => {
    const by = (id: string) => gpus().find((x) => x.id === id)!;
    expect(by('rtx-2080-ti')).toMatchObject({ vramGiB: 11, memoryBandwidthGBps: 616, fp16Tflops: 107.6, tdpWatts: 250 });
    expect(by('p40')).toMatchObject({ vramGiB: 24, memoryBandwidthGBps: 345.6, fp16Tflops: null, tdpWatts: 250 });
    expect(by('mi50-32gb')).toMatchObject({ vramGiB: 32, memoryBandwidthGBps: 1024, tdpWatts: 300, backend: 'rocm' });
    expect(by('arc-a750')).toMatchObject({ vramGiB: 8, memoryBandwidthGBps: 512, tdpWatts: 225, backend: 'sycl' });
  });

  it.each([['2080 ti', 'rtx-2080-ti'], ['p40', 'p40'], ['arc a770', 'arc-a770-16gb'], ['1660', 'gtx-1660'], ['mi60', 'mi60']])(
    'the wizard filter finds %s',
    (term, id) => {
      expect(gpuChoices(gpus(), term).map((c) => c.value)).toContain(id);
    },
  );
});
