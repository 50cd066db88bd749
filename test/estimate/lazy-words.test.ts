// A speed explanation worded when first read (issue #12, perfrank): ranking estimates ~90
// candidates and shows a few, so estimateSpeed words its one-line explanation only when something
// reads it. It must be estimateSpeedDetail's eager one: the same text, and the same JSON (property
// order included) wherever an estimate is written out whole.
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/catalog.js';
import type { Catalog } from '../../src/catalog/schema.js';
import { estimateMemory } from '../../src/estimate/memory.js';
import { shapeFromModel } from '../../src/estimate/shape.js';
import { estimateSpeed, estimateSpeedDetail } from '../../src/estimate/speed.js';
import type { ModelShape, SpeedHardware } from '../../src/estimate/types.js';

let catalog: Catalog;
let shapes: { id: string; shape: ModelShape }[];

beforeAll(() => {
  catalog = shippedCatalog();
  shapes = catalog.models.flatMap((m) => (m.type === 'api' ? [] : [{ id: m.id, shape: shapeFromModel(m) }]));
});

/** The object as plain data: every getter read once, in property order. */
const plain = <T extends object>(o: T): T => ({ ...o });

describe('estimateSpeed', () => {
  const hardware: SpeedHardware[] = [
    { memoryBandwidthGBps: 60, fp16Tflops: null, backend: 'cpu', gpus: 0, ramBandwidthGBps: 60 },
    { memoryBandwidthGBps: 1008, fp16Tflops: 165, backend: 'cuda', gpus: 1, ramBandwidthGBps: 80 },
    { memoryBandwidthGBps: 936, fp16Tflops: 71, backend: 'cuda', gpus: 2, ramBandwidthGBps: 50, cudaGraphs: false, gpuClockMHz: 1700 },
    { memoryBandwidthGBps: 800, fp16Tflops: null, backend: 'metal', gpus: 1, ramBandwidthGBps: 800 },
  ];

  it("is estimateSpeedDetail's figures and explanation, as JSON too, for every shipped shape on four machines", () => {
    let compared = 0;
    for (const { id, shape } of shapes) {
      const weights = estimateMemory(shape, 'Q4_K_M', { contextLength: 8192, kvType: 'f16', flashAttn: true, gpus: 1, gpuContext: true }).weights;
      for (const hw of hardware) {
        for (const gpuLayers of [0, Math.floor(shape.layers / 2), shape.layers]) {
          for (const multiGpu of ['layer-split', 'tensor-parallel'] as const) {
            const input = {
              hardware: hw,
              weights,
              kvCacheBytes: 1e9,
              contextLength: 8192,
              activeParams: shape.activeParams,
              quant: 'Q4_K_M',
              gpuLayers,
              totalLayers: shape.layers,
              multiGpu,
              flashAttention: gpuLayers % 2 === 0,
              attentionHeads: shape.attentionHeads,
            };
            const lazy = estimateSpeed(input);
            const eager = estimateSpeedDetail(input);
            const expected = { decodeTokensPerSecond: eager.decodeTokensPerSecond, promptTokensPerSecond: eager.promptTokensPerSecond, explanation: eager.explanation };
            expect(JSON.stringify(lazy), id).toBe(JSON.stringify(expected));
            expect(plain(lazy)).toStrictEqual(expected);
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(3000);
  });
});
