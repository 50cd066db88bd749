// fit --hf DIR (config.json + safetensors headers) and fit --config FILE (shape only, --quant):
// the same breakdown as a catalog model of the same shape; errors name the file and field.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shapeFromHfConfig } from '../../src/installed/hf-config.js';
import { FitDocumentSchema, type FitDocument } from '../../src/render/fit-schema.js';
import { runBin } from '../helpers/bin.js';
import { makeSafetensors, tinyHfLlama } from '../fixtures/installed/make-stores.js';

const FIX = new URL('../fixtures/hf-config/', import.meta.url).pathname;
const env = { LLM_PICK_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'llm-pick-fitlocal-')) };

function fit(args: string[]): FitDocument {
  const r = runBin(['fit', '--json', '--vram', '24', ...args], { env });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return FitDocumentSchema.parse(JSON.parse(r.stdout));
}

describe('fit --config', () => {
  it('gives a Qwen3 8B config.json the catalog model\'s exact breakdown', () => {
    const a = fit(['--config', join(FIX, 'qwen3-8b.config.json'), '--quant', 'Q4_K_M']);
    const b = fit(['--model', 'qwen-3-8b', '--quant', 'Q4_K_M']);
    expect(a.model.source).toBe('config');
    expect(a.memory).toEqual(b.memory);
    // The catalog states the published 8.2 B; the layout counts 8.19 B.
    expect(Math.abs(a.model.params / b.model.params - 1)).toBeLessThan(0.01);
  });

  it('maps a MoE config (qwen3_moe) like the catalog\'s Qwen3 30B-A3B', () => {
    const a = fit(['--config', join(FIX, 'qwen3-30b-a3b.config.json'), '--quant', 'Q4_K_M']);
    const b = fit(['--model', 'qwen-3-30b-a3b', '--quant', 'Q4_K_M']);
    expect(a.model.moe).toEqual({ experts: 128, activeExperts: 8 });
    expect(a.memory.kvCacheBytes).toBe(b.memory.kvCacheBytes);
    expect(Math.abs(a.memory.weightsBytes / b.memory.weightsBytes - 1)).toBeLessThan(0.01);
  });

  it('needs --quant, and names the file and field it cannot map (exit 2)', () => {
    const noQuant = runBin(['fit', '--config', join(FIX, 'qwen3-8b.config.json')], { env });
    expect(noQuant.status).toBe(2);
    expect(noQuant.stderr).toMatch(/--quant is required with --config/);
    const dir = mkdtempSync(join(tmpdir(), 'llm-pick-cfg-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'mamba', hidden_size: 1 }));
    const r = runBin(['fit', '--config', join(dir, 'config.json'), '--quant', 'q4'], { env });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^llm-pick: --config .*config\.json: field model_type "mamba" is not one this version maps; known: llama, /);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'llama', hidden_size: 4096 }));
    const missing = runBin(['fit', '--config', join(dir, 'config.json'), '--quant', 'q4'], { env });
    expect(missing.stderr).toMatch(/config\.json: field num_hidden_layers missing \(model_type llama\)/);
  });

  it('maps the shapes of the common architectures', () => {
    const gemma3 = shapeFromHfConfig({
      model_type: 'gemma3',
      text_config: { model_type: 'gemma3_text', hidden_size: 3840, intermediate_size: 15360, num_hidden_layers: 48, num_attention_heads: 16, num_key_value_heads: 8, head_dim: 256, vocab_size: 262144, sliding_window: 1024, sliding_window_pattern: 6 },
    });
    expect(gemma3).toMatchObject({ layers: 48, headDim: 256, tiedEmbeddings: true, slidingWindow: { window: 1024, slidingLayers: 40 } });
    const ds = shapeFromHfConfig({
      model_type: 'deepseek_v3', hidden_size: 7168, intermediate_size: 18432, moe_intermediate_size: 2048, num_hidden_layers: 61, num_attention_heads: 128,
      num_key_value_heads: 128, vocab_size: 129280, n_routed_experts: 256, num_experts_per_tok: 8, n_shared_experts: 1, first_k_dense_replace: 3,
      kv_lora_rank: 512, q_lora_rank: 1536, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128, max_position_embeddings: 163840,
    });
    expect(ds.mla).toEqual({ kvLoraRank: 512, qLoraRank: 1536, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 });
    expect(ds.moe).toMatchObject({ experts: 256, activeExperts: 8, sharedExperts: 1, denseLayers: 3 });
    // DeepSeek V3 is published as 671 B parameters (37 B active) without the MTP layer.
    expect(ds.totalParams / 1e9).toBeGreaterThan(660);
    expect(ds.totalParams / 1e9).toBeLessThan(690);
    const oss = shapeFromHfConfig({
      model_type: 'gpt_oss', hidden_size: 2880, intermediate_size: 2880, num_hidden_layers: 24, num_attention_heads: 64, num_key_value_heads: 8, head_dim: 64,
      vocab_size: 201088, num_local_experts: 32, experts_per_token: 4, sliding_window: 128, max_position_embeddings: 131072,
      layer_types: Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 'sliding_attention' : 'full_attention')),
    });
    expect(oss).toMatchObject({ nativeExpertType: 'MXFP4', slidingWindow: { window: 128, slidingLayers: 12 }, moe: { experts: 32, activeExperts: 4 } });
    expect(shapeFromHfConfig({ model_type: 'phi3', hidden_size: 3072, intermediate_size: 8192, num_hidden_layers: 32, num_attention_heads: 32, vocab_size: 32064 }).fusedQkv).toBe(true);
  });
});

describe('fit --hf', () => {
  it('sizes the weights exactly from the safetensors headers', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'llm-pick-hf-')), 'tiny-llama');
    mkdirSync(dir);
    const tiny = tinyHfLlama();
    const st = makeSafetensors(tiny.tensors);
    writeFileSync(join(dir, 'config.json'), JSON.stringify(tiny.config));
    writeFileSync(join(dir, 'model.safetensors'), st.file);
    const d = fit(['--hf', dir]);
    expect(d.model).toMatchObject({ source: 'hf', params: tiny.params, layers: 2, kvHeads: 1, headDim: 128 });
    expect(d.quant).toMatchObject({ name: 'BF16', format: 'safetensors', source: 'file' });
    expect(d.memory.weightsBytes).toBe(st.tensorBytes);
    // With --quant: the same shape at another format, estimated.
    const q = fit(['--hf', dir, '--quant', 'Q8_0']);
    expect(q.quant.source).toBe('flag');
    expect(q.memory.weightsBytes).toBeLessThan(st.tensorBytes);
    // A cut file: one line naming it.
    writeFileSync(join(dir, 'model.safetensors'), st.file.subarray(0, st.file.length - 100));
    const cut = runBin(['fit', '--hf', dir], { env });
    expect(cut.status).toBe(2);
    expect(cut.stderr).toMatch(/^llm-pick: --hf .*model\.safetensors: truncated/);
  });
});
