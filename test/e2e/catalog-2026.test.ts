// Issue 18, end to end on the built binary (`npm run build` first): every non-hybrid 2025-26 family
// answers `fit --model <catalog id>`. Ollama tags (`--model glm-4.7-flash`) wait for the name
// resolver of issue 20; until then only the catalog ids are checked here.
import { describe, expect, it } from 'vitest';
import { runNodeAsync, BIN } from '../helpers/bin.js';

const fit = (id: string) => runNodeAsync([BIN, 'fit', '--model', id, '--quant', 'q4', '--vram', '24', '--json']);

describe('fit --model, 2025-26 families', () => {
  it.each([
    ['glm-4.7-flash', 'MLA MoE'], ['glm-4.5-air', 'MoE with a NextN block'], ['minimax-m2', 'MoE'], ['deepseek-v3.2', 'MLA MoE'],
    ['kimi-k2-thinking', 'MLA MoE'], ['llama-4-maverick', 'interleaved MoE'], ['devstral-small-2-24b', 'dense'],
    ['gpt-oss-safeguard-20b', 'MXFP4 MoE'], ['seed-oss-36b', 'dense'], ['ernie-4.5-21b-a3b', 'MoE'], ['phi-4-mini-instruct', 'fused QKV'],
    ['qwen3-embedding-8b', 'embedding'], ['qwen3-reranker-0.6b', 'reranker'], ['ministral-3-8b', 'dense'], ['devstral-2-123b', 'dense'],
    ['olmo-3-32b', 'sliding window'], ['glm-5', 'MLA MoE'], ['mistral-small-4-119b', 'MLA MoE'], ['granite-4.0-micro', 'dense'],
  ])('%s (%s) answers with its catalog shape', async (id) => {
    const r = await fit(id);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { model: { id: string; source: string }; memory: { weightsBytes: number } };
    expect(doc.model).toMatchObject({ id, source: 'catalog' });
    expect(doc.memory.weightsBytes).toBeGreaterThan(0);
  });

  it('Mistral Small 4 caches the 320-value MLA latent (kv_lora_rank 256 + rope 64) per layer: 36 × 32,768 × 320 × 2 bytes', async () => {
    // kv_lora_rank 256 + qk_rope_head_dim 64 ("320 floats/token/layer", https://github.com/ml-explore/mlx-lm/pull/1075).
    const r = await runNodeAsync([BIN, 'fit', '--model', 'mistral-small-4-119b', '--quant', 'q4', '--ctx', '32768', '--vram', '96', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { memory: { weightsBytes: number; kvCacheBytes: number; recurrentStateBytes: number } };
    expect(doc.memory.kvCacheBytes).toBe(36 * 32768 * 320 * 2);
    expect(doc.memory.recurrentStateBytes).toBe(0);
    // 118.97 B parameters at Q4_K_M: about 67 GiB of weights ("68GB" for the 2-file Q4_K_M, find_string id 52184285369).
    expect(doc.memory.weightsBytes / 2 ** 30).toBeGreaterThan(66);
    expect(doc.memory.weightsBytes / 2 ** 30).toBeLessThan(69);
  });

  it('Muse Glimmer 30B, held back from the built-in catalog, answers through --catalog under its id and its Ollama tag', async () => {
    for (const name of ['muse-glimmer-30b', 'muse-glimmer:30b']) {
      const r = await runNodeAsync([BIN, 'fit', '--catalog', 'docs/held-back/muse-glimmer-30b.yaml', '--model', name, '--quant', 'q4', '--ctx', '32768', '--vram', '24', '--json']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const doc = JSON.parse(r.stdout) as { model: { id: string }; memory: { kvCacheBytes: number } };
      expect(doc.model.id).toBe('muse-glimmer-30b');
      // 13 full-attention layers keep 32,768 tokens, 39 sliding layers keep 2048 + a 512-token ubatch; 2 KV heads × 128, f16.
      expect(doc.memory.kvCacheBytes).toBe(13 * 32768 * 1024 + 39 * 2560 * 1024);
    }
  });

  it('LFM2.5 2.6B, held back from the built-in catalog, answers through --catalog: 8 attention layers of KV, 22 short-conv states', async () => {
    const r = await runNodeAsync([BIN, 'fit', '--catalog', 'docs/held-back/lfm2.5-2.6b.yaml', '--model', 'lfm2.5-2.6b', '--quant', 'q4', '--ctx', '131072', '--vram', '8', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { model: { id: string }; memory: { kvCacheBytes: number; recurrentStateBytes: number } };
    expect(doc.model.id).toBe('lfm2.5-2.6b');
    expect(doc.memory.kvCacheBytes).toBe(8 * 131072 * 2 * 8 * 64 * 2);
    expect(doc.memory.recurrentStateBytes).toBe(22 * 2048 * 2 * 4);
  });

  it('Llama 4 Maverick at 4 bits needs about 243 GB of weights (24 of 48 layers hold 128 experts)', async () => {
    const r = await fit('llama-4-maverick');
    const doc = JSON.parse(r.stdout) as { memory: { weightsBytes: number }; fits: boolean };
    expect(doc.memory.weightsBytes / 1e9).toBeGreaterThan(235);
    expect(doc.memory.weightsBytes / 1e9).toBeLessThan(250);
    expect(doc.fits).toBe(false);
  });
});
