// How long `llm-pick installed` takes on a generated store of hundreds of models: Ollama
// manifests + blobs, HF hub snapshots (config.json + safetensors) and LM Studio GGUFs, headers
// only. Scans in-process (median of rounds) and through the built binary once.
// Run: node --import tsx bench/installed.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanStores } from '../src/installed/scan.js';
import { storeRoots } from '../src/installed/stores.js';
import { addHfRepo, addOllamaModel, makeSafetensors, tinyGguf, tinyHfLlama } from '../test/fixtures/installed/make-stores.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PER_STORE = Number(process.env.MODELS ?? 100);
const BIG_VOCAB = 151936; // Qwen2.5/3 vocabulary (reference/architectures.json): a real header's largest part
const BIG = Number(process.env.BIG ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runInstalled(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'llm-pick-bench-installed-'));
  try {
    const ollama = join(home, 'ollama');
    const hub = join(home, '.cache', 'huggingface', 'hub');
    const lm = join(home, '.lmstudio', 'models');
    const hf = tinyHfLlama();
    const st = makeSafetensors(hf.tensors).file;
    for (let i = 0; i < PER_STORE; i += 1) {
      addOllamaModel(ollama, `model${i}`, 'q4', tinyGguf(`Model ${i}`, 1000));
      addHfRepo(hub, `org${i}/Model-${i}`, { 'config.json': JSON.stringify({ ...hf.config, _i: i }), 'model.safetensors': st });
      const dir = join(lm, `pub${i}`, `Model-${i}-GGUF`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `model-${i}-Q4_K_M.gguf`), tinyGguf(`LM ${i}`, 1000));
    }
    for (let i = 0; i < BIG; i += 1) addOllamaModel(ollama, `big${i}`, 'q4', tinyGguf(`Big ${i}`, BIG_VOCAB));
    const env = { HOME: home, OLLAMA_MODELS: ollama, XDG_CACHE_HOME: '', HF_HOME: '', HF_HUB_CACHE: '', LLAMA_CACHE: '' };
    const roots = storeRoots(env, home, process.platform);
    const times: number[] = [];
    const cpu: number[] = [];
    let found = 0;
    for (let r = 0; r < ROUNDS; r += 1) {
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      const scan = await scanStores(roots);
      const used = process.cpuUsage(c);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      // CPU time is what the scan costs whatever else the machine runs; wall time depends on the load.
      cpu.push((used.user + used.system) / 1e3);
      found = scan.models.length;
    }
    const t = process.hrtime.bigint();
    const cli = spawnSync(process.execPath, [`${ROOT}bin/llm-pick.cjs`, 'installed', '--json', '--vram', '24'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    const cliMs = Number(process.hrtime.bigint() - t) / 1e6;
    const cliModels = cli.status === 0 ? (JSON.parse(cli.stdout) as { models: unknown[] }).models.length : `exit ${cli.status}`;
    return [
      `store: ${PER_STORE} Ollama + ${PER_STORE} HF snapshots + ${PER_STORE} LM Studio GGUFs (tiny headers) + ${BIG} Ollama GGUFs with a ${BIG_VOCAB}-token vocabulary`,
      `scanStores: ${found} models, median ${median(times).toFixed(0)} ms wall (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}), median ${median(cpu).toFixed(0)} ms CPU, over ${ROUNDS} rounds; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
      `llm-pick installed --json --vram 24 (one run, process start, catalog and fits included): ${cliMs.toFixed(0)} ms, ${cliModels} models`,
    ].join('\n');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runInstalled());
