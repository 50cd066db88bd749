import { describe, expect, it } from 'vitest';
import type { PlacementPlan } from '../../src/decide/port.js';
import { quantTable } from '../../src/decide/quants.js';
import {
  apiSetup,
  ggufRepoQuant,
  gpuLayersFlag,
  llamaCppSetup,
  ollamaSetup,
  vllmSetup,
  vllmUtilization,
} from '../../src/decide/setup.js';
import { API_MODELS, EMBEDDING_MODELS, GIB, LOCAL_MODELS, QUANTS } from './fixtures.js';

const table = quantTable(QUANTS);
const small = LOCAL_MODELS.find((m) => m.id === 'small-8b')!;
const longModel = LOCAL_MODELS.find((m) => m.id === 'long-8b')!;
const embed = EMBEDDING_MODELS[0]!;

function plan(placement: PlacementPlan['placement'], totalBytes = 6 * GIB, gpuLayers = 32): PlacementPlan {
  return {
    memory: { weightsBytes: totalBytes - GIB, kvCacheBytes: GIB / 2, overheadBytes: GIB / 2, totalBytes },
    weights: { totalBytes: totalBytes - GIB, bytesReadPerToken: totalBytes - GIB, perLayerBytes: 1, nonLayerBytes: 1, bitsPerWeight: 4.9 },
    placement,
    gpuLayers,
    totalLayers: 32,
  };
}

describe('Ollama setup', () => {
  it('pulls and runs the tag the catalog lists for the quant, and sets the context', () => {
    const s = ollamaSetup(small, 'Q4_K_M', 16384, table)!;
    expect(s.commands).toEqual(['ollama pull small:8b', 'OLLAMA_CONTEXT_LENGTH=16384 ollama serve', 'ollama run small:8b']);
    expect(s.notes[0]).toMatch(/\/set parameter num_ctx 16384/);
  });
  it('matches quant spellings loosely (q8_0 → Q8_0 tag)', () => {
    expect(ollamaSetup(small, 'q8_0', 8192, table)?.commands[0]).toBe('ollama pull small:8b-q8_0');
  });
  it('gives nothing for a quant without a tag', () => {
    expect(ollamaSetup(small, 'Q6_K', 8192, table)).toBeNull();
    expect(ollamaSetup(longModel, 'Q4_K_M', 8192, table)).toBeNull();
  });
  it('embedding models: pull, then the embed API with num_ctx', () => {
    const s = ollamaSetup(embed, 'F16', 512, table)!;
    expect(s.commands[0]).toBe('ollama pull embed-large');
    expect(s.commands[1]).toContain('/api/embed');
    expect(s.commands[1]).toContain('"num_ctx": 512');
  });
});

describe('llama.cpp setup', () => {
  it('uses the GGUF repo and the quant spelling it lists, -c from the plan, all layers + output', () => {
    const s = llamaCppSetup(small, 'q4_k_m', 8192, plan('gpu'), 'f16', table)!;
    expect(s.commands).toEqual(['llama-server -hf gguf-org/small-8b-GGUF:Q4_K_M -c 8192 -np 1 -ngl 33']);
  });
  it('partial offload: -ngl is the planned layer count', () => {
    const s = llamaCppSetup(small, 'Q4_K_M', 8192, plan('offload', 40 * GIB, 12), 'f16', table)!;
    expect(s.commands[0]).toMatch(/-ngl 12$/);
    expect(s.notes[0]).toMatch(/12 of 32 layers on the GPU/);
  });
  it('CPU only: -ngl 0', () => {
    expect(gpuLayersFlag(plan('cpu', 6 * GIB, 0))).toBe(0);
  });
  it('quantized KV cache: -fa on and the cache types', () => {
    const s = llamaCppSetup(small, 'Q4_K_M', 8192, plan('gpu'), 'q4_0', table)!;
    expect(s.commands[0]).toBe('llama-server -hf gguf-org/small-8b-GGUF:Q4_K_M -c 8192 -np 1 -ngl 33 -fa on -ctk q4_0 -ctv q4_0');
  });
  it('only quants listed in hf.ggufQuants', () => {
    expect(ggufRepoQuant(longModel, 'Q8_0', table)).toBeNull();
    expect(llamaCppSetup(longModel, 'Q8_0', 8192, plan('gpu'), 'f16', table)).toBeNull();
  });
  it('embedding models get --embedding; an encoder-only one its whole input in one micro-batch (-ub = -b = -c)', () => {
    expect(embed.architecture.encoderOnly).toBe(true);
    expect(llamaCppSetup(embed, 'Q8_0', 512, plan('gpu'), 'f16', table)?.commands[0]).toMatch(/-c 512 .*--embedding -ub 512 -b 512$/);
  });
});

describe('vLLM setup', () => {
  it('utilization: vLLM default 0.90 when the plan fits under it, more up to 0.95, null beyond', () => {
    expect(vllmUtilization(10 * GIB, 1, 24 * GIB)).toBe(0.9);
    expect(vllmUtilization(22.5 * GIB, 1, 24 * GIB)).toBe(0.94);
    expect(vllmUtilization(23 * GIB, 1, 24 * GIB)).toBeNull();
    expect(vllmUtilization(40 * GIB, 2, 24 * GIB)).toBe(0.9);
  });
  it('serves the official repo with the context and the utilization', () => {
    const s = vllmSetup(small, 'BF16', 8192, plan('gpu', 18 * GIB), 1, 24 * GIB)!;
    expect(s.commands).toEqual(['vllm serve org/small-8b --max-model-len 8192 --gpu-memory-utilization 0.90']);
    expect(s.notes[0]).toMatch(/gated/);
  });
  it('FP8 and several GPUs', () => {
    const s = vllmSetup(small, 'FP8', 32768, plan('gpu', 30 * GIB), 2, 24 * GIB)!;
    expect(s.commands[0]).toBe(
      'vllm serve org/small-8b --max-model-len 32768 --gpu-memory-utilization 0.90 --tensor-parallel-size 2 --quantization fp8',
    );
  });
  it('no command when the plan cannot be held', () => {
    expect(vllmSetup(small, 'BF16', 8192, plan('gpu', 30 * GIB), 1, 24 * GIB)).toBeNull();
    expect(vllmSetup(embed, 'BF16', 512, plan('gpu'), 1, 24 * GIB)).toBeNull();
  });
});

describe('API setup (LiteLLM)', () => {
  it('installs litellm, sets the env var, calls completion with the litellm id', () => {
    const m = API_MODELS.find((x) => x.id === 'gemini/long-x')!;
    const [install, env, snippet] = apiSetup(m, false);
    expect(install).toBe('pip install litellm');
    expect(env).toBe('export GEMINI_API_KEY="<your gemini API key>"');
    expect(snippet).toContain('from litellm import completion');
    expect(snippet).toContain('completion(model="gemini/long-x", messages=[{"role": "user", "content": "Hello"}])');
  });
  it('embedding models call embedding()', () => {
    const m = API_MODELS.find((x) => x.id === 'embed-api')!;
    expect(apiSetup(m, true)[2]).toContain('embedding(model="embed-api", input=["text to embed"])');
  });
});
