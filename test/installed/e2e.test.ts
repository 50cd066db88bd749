// `llm-pick installed --json` on fake stores under a temporary HOME: exact sizes, quantization,
// catalog matches, problems one line each; recommend's `installed` marks and --installed-only.
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';
import { addHfRepo, addOllamaModel, makeSafetensors, storeEnv, tinyGguf, tinyHfLlama } from '../fixtures/installed/make-stores.js';
import { InstalledDocumentSchema, type InstalledDocument } from '../../src/installed/output-schema.js';

let home: string;
let env: NodeJS.ProcessEnv;
let blob: string;
let snapshot: string;
let hfBytes: number;
let hfTensorBytes: number;
const lmFile = () => join(home, '.lmstudio', 'models', 'lmstudio-community', 'Tiny-GGUF', 'tiny-Q4_K_M.gguf');

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'llm-pick-installed-'));
  const ollama = join(home, 'ollama-store');
  env = storeEnv(home);
  blob = addOllamaModel(ollama, 'qwen3', '8b', tinyGguf());
  // A manifest whose blob never arrived.
  mkdirSync(join(ollama, 'manifests', 'registry.ollama.ai', 'library', 'ghost'), { recursive: true });
  writeFileSync(
    join(ollama, 'manifests', 'registry.ollama.ai', 'library', 'ghost', 'latest'),
    JSON.stringify({ layers: [{ mediaType: 'application/vnd.ollama.image.model', digest: `sha256:${'0'.repeat(64)}` }] }),
  );
  const hf = tinyHfLlama();
  const st = makeSafetensors(hf.tensors);
  hfBytes = st.file.length;
  hfTensorBytes = st.tensorBytes;
  snapshot = addHfRepo(join(home, '.cache', 'huggingface', 'hub'), 'meta-llama/Llama-3.2-1B-Instruct', {
    'config.json': JSON.stringify(hf.config),
    'model.safetensors': st.file,
  });
  const gguf = tinyGguf();
  mkdirSync(join(home, '.lmstudio', 'models', 'lmstudio-community', 'Tiny-GGUF'), { recursive: true });
  writeFileSync(lmFile(), gguf);
  // An interrupted download and a foreign file in the llama.cpp cache.
  mkdirSync(join(home, '.cache', 'llama.cpp'), { recursive: true });
  writeFileSync(join(home, '.cache', 'llama.cpp', 'cut.gguf'), gguf.subarray(0, Math.floor(gguf.length / 2)));
  writeFileSync(join(home, '.cache', 'llama.cpp', 'notes.gguf'), 'not a model at all, just text');
});

function installed(args: string[] = []): InstalledDocument {
  const r = runBin(['installed', '--json', '--vram', '24', ...args], { env });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return InstalledDocumentSchema.parse(JSON.parse(r.stdout));
}

describe('llm-pick installed', () => {
  it('finds each store\'s models with exact sizes, quantization and catalog match', () => {
    const doc = installed();
    const byStore = (s: string) => doc.models.filter((m) => m.store === s);
    const [ollama] = byStore('ollama');
    expect(ollama).toMatchObject({ name: 'qwen3:8b', path: blob, format: 'gguf', quant: 'Q4_K_M', sizeBytes: statSync(blob).size, layers: 4 });
    expect(ollama!.match).toEqual({ modelId: 'qwen-3-8b', by: 'ollama-tag' });
    const [hf] = byStore('hf');
    expect(hf).toMatchObject({ name: 'meta-llama/Llama-3.2-1B-Instruct', path: snapshot, format: 'safetensors', quant: 'BF16', sizeBytes: hfBytes });
    expect(hf!.params).toBe(tinyHfLlama().params);
    expect(hf!.fit.weightsBytes).toBe(hfTensorBytes);
    expect(hf!.match).toEqual({ modelId: 'llama-3.2-1b', by: 'hf-repo' });
    const [lm] = byStore('lmstudio');
    expect(lm).toMatchObject({ name: 'lmstudio-community/Tiny-GGUF/tiny-Q4_K_M.gguf', path: lmFile(), sizeBytes: statSync(lmFile()).size, match: null });
    expect(doc.models.every((m) => m.fit.fits === true)).toBe(true);
  });

  it('reports unreadable, partial and foreign files one line each and goes on', () => {
    const doc = installed();
    const problems = doc.problems.map((p) => `${p.store} ${p.path.slice(home.length)}: ${p.problem}`);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/ollama .*sha256-0{64}: no such file/);
    expect(problems.join('\n')).toMatch(/llama\.cpp .*cut\.gguf: truncated/);
    expect(problems.join('\n')).toMatch(/llama\.cpp .*notes\.gguf: not a GGUF file/);
  });

  it('prints a table and the skipped files in human output', () => {
    const r = runBin(['installed', '--vram', '24'], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/qwen3:8b .*Q4_K_M/);
    expect(r.stdout).toMatch(/qwen-3-8b/);
    expect(r.stdout).toMatch(/skipped llama\.cpp .*cut\.gguf: truncated/);
  });

  it('marks recommend picks already on disk and limits them with --installed-only', () => {
    const r = runBin(['recommend', '--json', '--vram', '24', '--local-only', '--installed-only'], { env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { local: { modelId: string; installed: { store: string; path: string } | null }[] };
    expect(doc.local.map((p) => p.modelId).sort()).toEqual(['llama-3.2-1b', 'qwen-3-8b']);
    expect(doc.local.find((p) => p.modelId === 'qwen-3-8b')!.installed).toMatchObject({ store: 'ollama', path: blob });
    const all = JSON.parse(runBin(['recommend', '--json', '--vram', '24', '--local-only', '--top', '100'], { env }).stdout) as typeof doc;
    expect(all.local.find((p) => p.modelId === 'qwen-3-8b')!.installed).toMatchObject({ store: 'ollama', path: blob });
    expect(all.local.filter((p) => p.installed === null).length).toBeGreaterThan(0);
    const human = runBin(['recommend', '--vram', '24', '--local-only', '--installed-only'], { env });
    expect(human.stdout).toMatch(/installed: ollama qwen3:8b/);
  });
});
