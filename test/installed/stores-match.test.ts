// Pure parts of the installed scan: where each store is per platform and env, and catalog matching.
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../src/catalog/load.js';
import type { EmbeddingModel, LocalModel } from '../../src/catalog/schema.js';
import { configDir, configFilePath } from '../../src/config/paths.js';
import { matchCatalog } from '../../src/installed/match.js';
import { storeRoots } from '../../src/installed/stores.js';

const dirs = (env: Record<string, string>, platform: NodeJS.Platform, home = '/home/u') => storeRoots(env, home, platform).map((r) => `${r.store} ${r.dir}`);

describe('store folders', () => {
  it('Linux defaults, with the Ollama service store', () => {
    expect(dirs({}, 'linux')).toEqual([
      'ollama /home/u/.ollama/models',
      'ollama /usr/share/ollama/.ollama/models',
      'hf /home/u/.cache/huggingface/hub',
      'lmstudio /home/u/.lmstudio/models',
      'lmstudio /home/u/.cache/lm-studio/models',
      'llama.cpp /home/u/.cache/llama.cpp',
    ]);
  });

  it('env vars move each store', () => {
    const d = dirs({ OLLAMA_MODELS: '/m/ollama', HF_HOME: '/m/hf', LLAMA_CACHE: '/m/llama', XDG_CACHE_HOME: '/c' }, 'linux');
    expect(d).toContain('ollama /m/ollama');
    expect(d).not.toContain('ollama /usr/share/ollama/.ollama/models');
    expect(d).toContain('hf /m/hf/hub');
    expect(d).toContain('llama.cpp /m/llama');
    expect(dirs({ HF_HUB_CACHE: '/x/hub', HF_HOME: '/m/hf' }, 'linux')).toContain('hf /x/hub');
    expect(dirs({ XDG_CACHE_HOME: '/c' }, 'linux')).toContain('hf /c/huggingface/hub');
  });

  it('macOS and Windows', () => {
    expect(dirs({}, 'darwin', '/Users/u')).toContain('llama.cpp /Users/u/Library/Caches/llama.cpp');
    expect(dirs({}, 'darwin', '/Users/u')).not.toContain('ollama /usr/share/ollama/.ollama/models');
    expect(dirs({ LOCALAPPDATA: 'C:/Users/u/AppData/Local', USERPROFILE: 'C:/Users/u' }, 'win32', 'C:/Users/u')).toEqual(
      expect.arrayContaining(['ollama C:/Users/u/.ollama/models', 'llama.cpp C:/Users/u/AppData/Local/llama.cpp']),
    );
  });

  it('per-user config folder', () => {
    expect(configDir({}, '/home/u', 'linux')).toBe('/home/u/.config/llm-pick');
    expect(configDir({ XDG_CONFIG_HOME: '/x' }, '/home/u', 'linux')).toBe('/x/llm-pick');
    expect(configDir({}, '/Users/u', 'darwin')).toBe('/Users/u/Library/Application Support/llm-pick');
    expect(configDir({ APPDATA: 'C:/R' }, 'C:/u', 'win32')).toBe('C:/R/llm-pick');
    expect(configDir({ LLM_PICK_CONFIG_DIR: '/t', XDG_CONFIG_HOME: '/x' }, '/home/u', 'linux')).toBe('/t');
    expect(configFilePath({ LLM_PICK_CONFIG: '/e.yaml' }, '/home/u', 'linux')).toBe('/e.yaml');
    expect(configFilePath({ LLM_PICK_CONFIG: '/e.yaml' }, '/home/u', 'linux', '/f.yaml')).toBe('/f.yaml');
  });
});

describe('catalog match', () => {
  const models = loadBuiltinCatalog().models.filter((m): m is LocalModel | EmbeddingModel => m.type !== 'api');
  const q = (over: Partial<Parameters<typeof matchCatalog>[0]>) => matchCatalog({ store: 'hf', name: '', repo: null, ggufName: null, params: 0, ...over }, models);

  it('by Ollama tag (":latest" implied)', () => {
    expect(q({ store: 'ollama', name: 'qwen3:8b' })).toEqual({ modelId: 'qwen-3-8b', by: 'ollama-tag' });
    expect(q({ store: 'ollama', name: 'no-such-model:latest' })).toBeNull();
  });

  it('by HF repo: official, GGUF repo, or a re-packer naming the official one', () => {
    expect(q({ repo: 'Qwen/Qwen3-8B' })).toEqual({ modelId: 'qwen-3-8b', by: 'hf-repo' });
    expect(q({ repo: 'bartowski/Qwen_Qwen3-8B-GGUF', params: 8.19e9 })).toEqual({ modelId: 'qwen-3-8b', by: 'hf-repo' });
    expect(q({ repo: 'someone/Qwen3-8B-GGUF', params: 8.19e9 })?.modelId).toBe('qwen-3-8b');
    // A name match with a very different parameter count is not the same model.
    expect(q({ repo: 'someone/Qwen3-8B-GGUF', params: 1e9 })).toBeNull();
  });

  it('by GGUF general.name', () => {
    const llama = models.find((m) => m.id === 'llama-3.1-8b')!;
    expect(q({ store: 'lmstudio', ggufName: llama.name, params: llama.params.total })).toEqual({ modelId: 'llama-3.1-8b', by: 'gguf-name' });
  });
});
