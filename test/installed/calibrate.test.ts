// llama-bench parsing (json, jsonl, markdown from llama.cpp's README) and the calibrated speed:
// `calibrate FILE` makes fit reproduce the measured model's speeds, moves another model on the same
// GPU by the same efficiency, and `--reset` restores the generic estimate.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLlamaBench, parseModelType } from '../../src/calibrate/parse.js';
import { runBin } from '../helpers/bin.js';
import { CalibrateDocumentSchema } from '../../src/calibrate/output-schema.js';
import { FitDocumentSchema } from '../../src/render/fit-schema.js';

const FIX = new URL('../fixtures/llama-bench/', import.meta.url).pathname;
const read = (f: string) => readFileSync(join(FIX, f), 'utf8');

describe('llama-bench parsing', () => {
  it('reads -o json, -o jsonl and the markdown table', () => {
    const json = parseLlamaBench(read('rtx4080-qwen2.5-7b.json'), 'x.json');
    expect(json.map((r) => [r.test, r.tokens, r.depth, r.tokensPerSecond])).toEqual([
      ['pp', 512, 0, 7100.002165],
      ['tg', 128, 0, 118.881588],
    ]);
    expect(json[0]).toMatchObject({ gpuName: 'NVIDIA GeForce RTX 4080', backend: 'CUDA', params: 7615616512, sizeBytes: 4677120000, gpuLayers: 99 });
    const jsonl = parseLlamaBench(`ggml_cuda_init: found 1 CUDA devices:\n${read('rtx4080-qwen2.5-7b.jsonl')}`, 'x.jsonl');
    expect(jsonl.map((r) => r.tokensPerSecond)).toEqual([7263.609157, 119.844681]);
    const md = parseLlamaBench(read('qwen2-7b-depth.md'), 'x.md');
    expect(md.map((r) => [r.test, r.depth, r.tokensPerSecond])).toEqual([
      ['pp', 0, 7340.2],
      ['tg', 0, 120.6],
      ['pp', 512, 6425.91],
      ['tg', 512, 116.71],
    ]);
    expect(md[0]!.params).toBe(7.62e9);
    expect(md[0]!.gpuName).toBeNull();
  });

  it('maps llama-bench model types to quant ids', () => {
    expect(parseModelType('qwen2 7B Q4_K - Medium')).toMatchObject({ arch: 'qwen2', quant: 'Q4_K_M', activeParams: null });
    expect(parseModelType('llama 7B mostly Q4_0').quant).toBe('Q4_0');
    expect(parseModelType('llama 8B IQ4_XS - 4.25 bpw').quant).toBe('IQ4_XS');
    expect(parseModelType('qwen3moe 30B.A3B Q4_K - Medium')).toMatchObject({ quant: 'Q4_K_M', activeParams: 3e9 });
  });

  it('names the file and line of a broken JSON line', () => {
    expect(() => parseLlamaBench('{"model_type": "x", "avg_ts": 1}\n{broken', 'run.jsonl')).toThrow(/run\.jsonl line 2: not valid JSON/);
  });
});

describe('llm-pick calibrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'llm-pick-cal-'));
  const env = { LLM_PICK_CONFIG_DIR: dir };
  const fit = (model: string) => {
    const r = runBin(['fit', '--json', '--model', model, '--quant', 'Q4_K_M', '--gpu', '4080', '--ctx', '256'], { env });
    expect(r.status).toBe(0);
    return FitDocumentSchema.parse(JSON.parse(r.stdout)).speed!;
  };

  it('imports a run, reproduces the measured model, scales another, and resets', () => {
    const genericSame = fit('qwen-2.5-7b');
    const genericOther = fit('llama-3.1-8b');
    expect(genericSame.calibrated).toBe(false);
    expect(genericSame.source).toMatch(/^generic/);

    const imported = runBin(['calibrate', '--json', join(FIX, 'rtx4080-qwen2.5-7b.json')], { env });
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const doc = CalibrateDocumentSchema.parse(JSON.parse(imported.stdout));
    expect(doc.imported).toHaveLength(1);
    expect(doc.imported[0]).toMatchObject({ gpuId: 'rtx-4080', backend: 'cuda', quant: 'Q4_K_M', depth: 0 });

    const same = fit('qwen-2.5-7b');
    expect(same.calibrated).toBe(true);
    expect(same.calibration!.sameModel).toBe(true);
    expect(Math.abs(same.decodeTokensPerSecond / 118.881588 - 1)).toBeLessThan(0.05);
    expect(Math.abs(same.promptTokensPerSecond / 7100.002165 - 1)).toBeLessThan(0.05);

    const other = fit('llama-3.1-8b');
    expect(other.calibrated).toBe(true);
    expect(other.calibration!.sameModel).toBe(false);
    expect(other.decodeTokensPerSecond / genericOther.decodeTokensPerSecond).toBeCloseTo(other.calibration!.decodeFactor, 6);
    expect(other.promptTokensPerSecond / genericOther.promptTokensPerSecond).toBeCloseTo(other.calibration!.promptFactor, 6);
    // The efficiency is the measured model's: measured over its generic estimate (its catalog shape stands for it).
    expect(other.calibration!.referenceModelId).toBe('qwen-2.5-7b');
    expect(other.calibration!.decodeFactor).toBeCloseTo(118.881588 / genericSame.decodeTokensPerSecond, 2);
    expect(other.calibration!.promptFactor).toBeCloseTo(7100.002165 / genericSame.promptTokensPerSecond, 2);

    const human = runBin(['fit', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--gpu', '4080'], { env });
    expect(human.stdout).toMatch(/calibrated from your llama-bench run/);
    // Another GPU stays generic.
    const r3090 = JSON.parse(runBin(['fit', '--json', '--model', 'qwen-2.5-7b', '--quant', 'Q4_K_M', '--gpu', '3090'], { env }).stdout);
    expect(r3090.speed.calibrated).toBe(false);

    // recommend's picks on that GPU say so too.
    const rec = JSON.parse(runBin(['recommend', '--json', '--gpu', '4080', '--local-only', '--top', '100'], { env }).stdout) as { local: { modelId: string; speed: { calibrated: boolean } | null }[] };
    // (qwen-2.5-7b itself is shown under its successor now; the picks on that GPU scale by the measured efficiency.)
    expect(rec.local.length).toBeGreaterThan(0);
    expect(rec.local.every((p) => p.speed === null || p.speed.calibrated === true)).toBe(true);
    const rec3090 = JSON.parse(runBin(['recommend', '--json', '--gpu', '3090', '--local-only'], { env }).stdout) as typeof rec;
    expect(rec3090.local.every((p) => p.speed?.calibrated === false)).toBe(true);

    const shown = CalibrateDocumentSchema.parse(JSON.parse(runBin(['calibrate', '--show', '--json'], { env }).stdout));
    expect(shown.entries).toHaveLength(1);
    const reset = runBin(['calibrate', '--reset'], { env });
    expect(reset.stdout).toMatch(/Removed .*calibration\.json/);
    const after = fit('qwen-2.5-7b');
    expect(after.calibrated).toBe(false);
    expect(after.decodeTokensPerSecond).toBe(genericSame.decodeTokensPerSecond);
  });

  it('markdown tables need --gpu; bad files are one line, exit 2', () => {
    const md = runBin(['calibrate', join(FIX, 'qwen2-7b-depth.md')], { env });
    expect(md.status).toBe(2);
    expect(md.stdout).toBe('');
    expect(md.stderr).toMatch(/^llm-pick: calibrate: .*does not name its GPU.*--gpu NAME/);
    expect(md.stderr.trim().split('\n')).toHaveLength(1);
    const ok = runBin(['calibrate', join(FIX, 'qwen2-7b-depth.md'), '--gpu', '4080', '--json'], { env: { LLM_PICK_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'llm-pick-cal-')) } });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).imported.map((e: { depth: number }) => e.depth)).toEqual([0, 512]);
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, 'hello\n');
    const bad = runBin(['calibrate', junk], { env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no pp or tg results found/);
    const damaged = mkdtempSync(join(tmpdir(), 'llm-pick-cal-'));
    writeFileSync(join(damaged, 'calibration.json'), '{"version": 1, "entries": [{}]}');
    const r = runBin(['fit', '--model', 'qwen-2.5-7b', '--quant', 'q4', '--gpu', '4080'], { env: { LLM_PICK_CONFIG_DIR: damaged } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/calibration\.json: entries\.0\.gpuId/);
    expect(readFileSync(join(damaged, 'calibration.json'), 'utf8')).toBe('{"version": 1, "entries": [{}]}');
  });
});
