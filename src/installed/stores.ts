// Where each model store lives on this platform. Pure: env, home and platform come in.
import { join } from 'node:path';

export type StoreKind = 'ollama' | 'hf' | 'lmstudio' | 'llama.cpp';
export const STORE_KINDS: readonly StoreKind[] = ['ollama', 'hf', 'lmstudio', 'llama.cpp'];

export interface StoreRoot {
  store: StoreKind;
  dir: string;
  /** How the folder was chosen (an env var, or the default). */
  from: string;
}

type Env = Record<string, string | undefined>;

export function storeRoots(env: Env, home: string, platform: NodeJS.Platform): StoreRoot[] {
  const roots: StoreRoot[] = [];
  const add = (store: StoreKind, dir: string, from: string) => {
    if (!roots.some((r) => r.store === store && r.dir === dir)) roots.push({ store, dir, from });
  };
  const xdgCache = env.XDG_CACHE_HOME || join(home, '.cache');
  // Ollama: OLLAMA_MODELS, else ~/.ollama/models (docs/faq.md "Where are models stored?": macOS
  // ~/.ollama/models, Linux /usr/share/ollama/.ollama/models for the system service, Windows
  // C:\Users\%username%\.ollama\models). A set OLLAMA_MODELS moves the service's store too.
  if (env.OLLAMA_MODELS) add('ollama', env.OLLAMA_MODELS, 'OLLAMA_MODELS');
  else {
    add('ollama', join(env.USERPROFILE && platform === 'win32' ? env.USERPROFILE : home, '.ollama', 'models'), 'default');
    if (platform === 'linux') add('ollama', '/usr/share/ollama/.ollama/models', 'system service');
  }
  // huggingface_hub: HF_HUB_CACHE, else HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub.
  if (env.HF_HUB_CACHE) add('hf', env.HF_HUB_CACHE, 'HF_HUB_CACHE');
  else if (env.HF_HOME) add('hf', join(env.HF_HOME, 'hub'), 'HF_HOME');
  else add('hf', join(xdgCache, 'huggingface', 'hub'), 'default');
  // LM Studio: ~/.lmstudio/models (0.3+), the older ~/.cache/lm-studio/models.
  add('lmstudio', join(home, '.lmstudio', 'models'), 'default');
  add('lmstudio', join(home, '.cache', 'lm-studio', 'models'), 'default (older LM Studio)');
  // llama.cpp -hf downloads: LLAMA_CACHE, else XDG_CACHE_HOME or ~/.cache (Linux/BSD), ~/Library/Caches (macOS),
  // LOCALAPPDATA (Windows), + llama.cpp (ggml-org/llama.cpp common/common.cpp fs_get_cache_directory, looked up with find_string).
  if (env.LLAMA_CACHE) add('llama.cpp', env.LLAMA_CACHE, 'LLAMA_CACHE');
  else if (platform === 'darwin') add('llama.cpp', join(home, 'Library', 'Caches', 'llama.cpp'), 'default');
  else if (platform === 'win32') add('llama.cpp', join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'llama.cpp'), 'default');
  else add('llama.cpp', join(xdgCache, 'llama.cpp'), 'default');
  return roots;
}
