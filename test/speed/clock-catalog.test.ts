// The GPU boost clock from data/gpus.yaml reaches the speed estimate (the per-layer decode cost
// scales with it: speed-calibration.ts LAYER_OVERHEAD_CLOCK).
import { describe, expect, it } from 'vitest';
import { resolveHardware } from '../../src/hardware/resolve.js';
import { speedHardwareOf } from '../../src/hardware/speed.js';
import { estimateSpeedDetail } from '../../src/estimate/speed.js';
import type { SpeedInput, WeightsEstimate } from '../../src/estimate/types.js';
import { loadBuiltinCatalog } from '../../src/catalog/load.js';
import { MIB, detected, fakeProbe } from '../hardware/helpers.js';

// data/gpus.yaml as built into dist/catalog.json (npm run build).
const catalogGpus = loadBuiltinCatalog().gpus;

describe('boost clocks in the GPU catalog', () => {
  it('every clock carries its source, and is a plausible GPU clock', () => {
    const withClock = catalogGpus.filter((g) => g.boostClockMHz !== undefined);
    expect(withClock.length).toBeGreaterThan(50);
    for (const g of withClock) {
      expect(g.boostClockSource, g.id).toMatch(/gpu-info-api|https?:\/\//);
      expect(g.boostClockMHz, g.id).toBeGreaterThan(900);
      expect(g.boostClockMHz, g.id).toBeLessThan(3500);
    }
  });

  it('a catalog card lends its clock to the speed hardware; a split runs at the slowest card’s clock', async () => {
    const one = await resolveHardware({ gpu: 'A100 80GB SXM' }, { catalogGpus, probe: fakeProbe() });
    expect(speedHardwareOf(one)).toMatchObject({ gpuClockMHz: 1410 });
    const gpus = [
      detected({ index: 0, name: 'NVIDIA GeForce RTX 3090', vramBytes: 24268 * MIB, freeVramBytes: 23000 * MIB }),
      detected({ index: 1, name: 'NVIDIA GeForce RTX 3060', vramBytes: 12288 * MIB, freeVramBytes: 11500 * MIB }),
    ];
    const split = await resolveHardware({}, { catalogGpus, probe: fakeProbe({ gpus }) });
    expect(speedHardwareOf(split)).toMatchObject({ gpuClockMHz: 1695 });
  });

  it('an A100 (1410 MHz) pays more per layer than an RTX 4090 (2520 MHz) for the same bytes', async () => {
    const weights: WeightsEstimate = { totalBytes: 3.8e9, bytesReadPerToken: 3.75e9, perLayerBytes: 3.7e9 / 32, nonLayerBytes: 0.1e9, bitsPerWeight: 4.5 };
    const hw = async (gpu: string) => speedHardwareOf(await resolveHardware({ gpu }, { catalogGpus, probe: fakeProbe() }))!;
    const input = (hardware: SpeedInput['hardware']): SpeedInput => ({ hardware, weights, kvCacheBytes: 0, contextLength: 128, activeParams: 6.7e9, quant: 'Q4_0', gpuLayers: 32, totalLayers: 32 });
    const a100 = estimateSpeedDetail(input(await hw('A100 80GB SXM')));
    const rtx = estimateSpeedDetail(input(await hw('RTX 4090')));
    expect(a100.decode.overheadMs / rtx.decode.overheadMs).toBeCloseTo(2520 / 1410, 6);
  });
});
