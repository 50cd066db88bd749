import { describe, expect, it } from 'vitest';
import {
  ALLREDUCE_MS,
  BACKEND_CALIBRATION,
  FA_OFF_SCORE_BYTES,
  FALLBACK_TFLOPS_PER_GBPS,
  LAYER_OVERHEAD_CLOCK,
  METAL_TWO_DIE,
  MOE_PROMPT_EFFICIENCY,
  NETWORK_HOP_MS,
  PCIE_GBPS,
  PROMPT_UBATCH_TOKENS,
  QUANT_FAMILY_FACTOR,
} from '../../src/estimate/speed-calibration.js';
import { benchData, evaluate, fitCalibration, medianAbsError } from './evaluate.js';

describe('calibration constants', () => {
  it('are physical: efficiencies in (0, 1], per-layer costs under a millisecond', () => {
    for (const [backend, c] of Object.entries(BACKEND_CALIBRATION)) {
      expect(c.decodeEfficiency, backend).toBeGreaterThan(0.3);
      expect(c.decodeEfficiency, backend).toBeLessThanOrEqual(1);
      expect(c.promptEfficiency, backend).toBeGreaterThan(0);
      expect(c.promptEfficiency, backend).toBeLessThanOrEqual(1);
      expect(c.layerOverheadMs, backend).toBeGreaterThanOrEqual(0);
      expect(c.layerOverheadMs, backend).toBeLessThan(1);
    }
    for (const f of Object.values(QUANT_FAMILY_FACTOR)) {
      expect(f.factor).toBeGreaterThan(0);
      expect(f.factor).toBeLessThanOrEqual(1);
    }
  });

  it('every entry says where it comes from', () => {
    const sources = [
      ...Object.values(BACKEND_CALIBRATION).map((c) => c.source),
      ...Object.values(QUANT_FAMILY_FACTOR).map((f) => f.source),
      ...Object.values(FALLBACK_TFLOPS_PER_GBPS).map((f) => f.source),
      ...Object.values(ALLREDUCE_MS).map((f) => f.source),
      PROMPT_UBATCH_TOKENS.source,
      FA_OFF_SCORE_BYTES.source,
      LAYER_OVERHEAD_CLOCK.referenceMHz.source,
      PCIE_GBPS.source,
      NETWORK_HOP_MS.source,
    ];
    for (const s of sources) expect(s.length).toBeGreaterThan(20);
  });

  it('equal what the fit on the fit rows gives (bench/speed.ts --fit)', () => {
    const fit = fitCalibration();
    for (const [backend, c] of Object.entries(fit.backends)) {
      const cur = BACKEND_CALIBRATION[backend as keyof typeof BACKEND_CALIBRATION];
      expect(cur.decodeEfficiency, backend).toBeCloseTo(c.decodeEfficiency, 2);
      expect(cur.layerOverheadMs, backend).toBeCloseTo(c.layerOverheadMs, 3);
      expect(cur.promptEfficiency, backend).toBeCloseTo(c.promptEfficiency, 2);
    }
    for (const [family, f] of Object.entries(fit.families))
      expect(QUANT_FAMILY_FACTOR[family as keyof typeof QUANT_FAMILY_FACTOR].factor, family).toBeCloseTo(f, 2);
    for (const [b, r] of Object.entries(fit.fallbackTflopsPerGBps))
      expect(FALLBACK_TFLOPS_PER_GBPS[b as keyof typeof FALLBACK_TFLOPS_PER_GBPS].value, b).toBeCloseTo(r, 3);
    expect(METAL_TWO_DIE.decodeEfficiency).toBeCloseTo(fit.metalTwoDie.decodeEfficiency, 2);
    expect(METAL_TWO_DIE.layerOverheadMs).toBeCloseTo(fit.metalTwoDie.layerOverheadMs, 3);
    expect(fit.moePrompt.vulkan, 'a Vulkan MoE prompt pair in the fit split').toBeDefined();
    for (const [b, m] of Object.entries(fit.moePrompt))
      expect(MOE_PROMPT_EFFICIENCY[b as keyof typeof MOE_PROMPT_EFFICIENCY].value, b).toBeCloseTo(m.value, 2);
    expect(fit.faOff.rows.length, 'a -fa 0 / -fa 1 pair in the fit split').toBeGreaterThanOrEqual(2);
    expect(FA_OFF_SCORE_BYTES.value).toBeCloseTo(fit.faOff.value, 0);
  });

  it('calibrate only on fit rows: no held-out row feeds any fitted constant', () => {
    const fit = fitCalibration();
    const used = new Set([
      ...Object.values(fit.backends).flatMap((c) => [...c.decodeRows, ...c.promptRows]),
      ...Object.values(fit.moePrompt).flatMap((m) => m.rows),
      ...fit.metalTwoDie.decodeRows,
      ...fit.faOff.rows,
    ]);
    const heldOut = new Set(benchData().rows.filter((r) => r.split === 'held-out').map((r) => `${r.id}|${r.test}`));
    const fitIds = new Set(benchData().rows.filter((r) => r.split === 'fit').map((r) => r.id));
    for (const id of used) expect(fitIds.has(id), id).toBe(true);
    expect(heldOut.size).toBeGreaterThan(20);
  });
});

describe('accuracy against published llama.cpp speeds', () => {
  const { evaluated } = evaluate(benchData().rows);
  const ref = (r: { source: string; flag?: string | undefined }) => r.source.startsWith('reference/') && !r.flag;

  it('meets the targets on the reference file: median decode error ≤ 20%, prompt ≤ 35%', () => {
    expect(medianAbsError(evaluated, 'decode', ref).median).toBeLessThanOrEqual(0.2);
    expect(medianAbsError(evaluated, 'prompt', ref).median).toBeLessThanOrEqual(0.35);
  });

  it('holds on rows the fit never saw (held-out GPUs, models and apps)', () => {
    const held = (r: { split: string; flag?: string | undefined }) => r.split === 'held-out' && !r.flag;
    const d = medianAbsError(evaluated, 'decode', held);
    const p = medianAbsError(evaluated, 'prompt', held);
    expect(d.n).toBeGreaterThan(20);
    expect(d.median).toBeLessThanOrEqual(0.2);
    expect(p.median).toBeLessThanOrEqual(0.35);
  });

  it('predicts every mapped row (nothing silently dropped)', () => {
    const { rows } = benchData();
    expect(evaluated.length).toBe(rows.length);
  });
});
