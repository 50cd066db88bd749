// Output snapshot of a fixed list of end-to-end scenarios through the built binary, for refactors
// that must not change behaviour: run it before and after, then `diff -r BEFORE AFTER`.
//   npm run build && node scripts/snapshot-outputs.mjs /tmp/before
// Each scenario writes DIR/<name>.txt: the command, stdout, stderr and the exit code. The
// environment is fixed (no colour, 100 columns, an empty HOME and config folder, no GPU tool on
// PATH unless a scenario puts a stand-in nvidia-smi from test/fixtures/hardware first), and every
// scenario names its hardware and RAM, so the outputs do not depend on this machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/llm-pick.cjs');
const FIX = join(ROOT, 'test/fixtures');
const HW = join(FIX, 'hardware');

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/snapshot-outputs.mjs OUT_DIR');
  process.exit(2);
}

const CLEAN_PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir !== '' && !['nvidia-smi', 'rocm-smi'].some((tool) => existsSync(join(dir, tool))))
  .join(delimiter);

// SNAPSHOT_HOME: another fixed folder, so that two checkouts can take snapshots at once (compare
// snapshots taken with the same one: a path in an output names it).
const HOME = process.env.SNAPSHOT_HOME ?? '/tmp/llm-pick-snapshot-home';
const CONFIG = join(HOME, 'config');

/** [name, args, options]: `bin` puts a stand-in GPU tool first on PATH; `keepConfig` keeps earlier scenarios' config (calibration). */
const fit = (...args) => ['fit', ...args];
const SCENARIOS = [
  // one GPU, given as memory or by name
  ['fit-params70-q4-vram24', fit('--params', '70', '--quant', 'q4', '--vram', '24')],
  ['fit-params70-q4-vram24-json', fit('--params', '70', '--quant', 'q4', '--vram', '24', '--ram', '64', '--json')],
  ['fit-params8-q4-vram24-json', fit('--params', '8', '--quant', 'Q5_K_M', '--vram', '24', '--json')],
  ['fit-llama8b-q4-3090', fit('--model', 'llama-3.1-8b', '--quant', 'q4', '--gpu', 'RTX 3090', '--ram', '64')],
  ['fit-llama8b-q4-3090-json', fit('--model', 'llama-3.1-8b', '--quant', 'q4', '--gpu', 'RTX 3090', '--ram', '64', '--json')],
  ['fit-llama8b-fp16-kvq8-4090-json', fit('--model', 'llama-3.1-8b', '--quant', 'fp16', '--kv-quant', 'q8_0', '--gpu', '4090', '--json')],
  ['fit-llama8b-kvq4-nofa', fit('--model', 'llama-3.1-8b', '--quant', 'q8', '--kv-quant', 'q4_0', '--no-flash-attn', '--vram', '12')],
  ['fit-llama70b-q4-3090-offload', fit('--model', 'llama-3.1-70b', '--quant', 'q4', '--gpu', 'RTX 3090', '--ram', '64')],
  ['fit-llama70b-q4-3090-offload-json', fit('--model', 'llama-3.1-70b', '--quant', 'q4', '--gpu', 'RTX 3090', '--ram', '64', '--json')],
  ['fit-llama70b-q4-3090-noram', fit('--model', 'llama-3.1-70b', '--quant', 'q4', '--gpu', 'RTX 3090', '--ram', '16')],
  ['fit-qwen7b-require-fit', fit('--model', 'qwen-2.5-72b', '--quant', 'q8', '--vram', '24', '--require-fit')],
  ['fit-cpu-only', fit('--model', 'qwen-3-8b', '--quant', 'q4', '--cpu-only', '--ram', '32', '--json')],
  ['fit-apple-m3max', fit('--model', 'qwen-3-32b', '--quant', 'q4', '--gpu', 'M3 Max', '--ram', '64')],
  ['fit-config-fixture', fit('--config', join(FIX, 'hf-config/qwen3-8b.config.json'), '--quant', 'q4', '--vram', '24', '--json')],
  // serving engines
  ['fit-h100-vllm-users8', fit('--model', 'llama-3.1-70b', '--quant', 'fp8', '--gpu', 'H100', '--engine', 'vllm', '--users', '8')],
  ['fit-h100-vllm-users8-json', fit('--model', 'llama-3.1-70b', '--quant', 'fp8', '--gpu', 'H100', '--engine', 'vllm', '--users', '8', '--json')],
  ['fit-h100-awq-sglang-json', fit('--model', 'llama-3.1-70b', '--quant', 'awq', '--gpu', 'H100', '--engine', 'sglang', '--users', '4', '--kv-cache-dtype', 'fp8', '--json')],
  ['fit-4090-llamacpp-users4', fit('--model', 'qwen-3-14b', '--quant', 'q4', '--gpu', '4090', '--users', '4', '--prompt-tokens', '4000')],
  ['fit-4090-ollama-users2-json', fit('--model', 'qwen-3-14b', '--quant', 'q4', '--gpu', '4090', '--engine', 'ollama', '--users', '2', '--json')],
  ['fit-a100-vllm-gmu-json', fit('--model', 'qwen-3-32b', '--quant', 'bf16', '--gpu', 'A100 80GB SXM', '--engine', 'vllm', '--gpu-memory-utilization', '0.8', '--json')],
  ['fit-vllm-q4-engine', fit('--model', 'llama-3.1-8b', '--quant', 'q4', '--gpu', '4090', '--engine', 'vllm')],
  // several GPUs and machines
  ['fit-70b-2x4090', fit('--model', 'llama-3.1-70b', '--quant', 'q4', '--gpu', 'RTX 4090', '--gpus', '2')],
  ['fit-70b-2x4090-json', fit('--model', 'llama-3.1-70b', '--quant', 'q4', '--gpu', 'RTX 4090', '--gpus', '2', '--json')],
  ['fit-70b-3x4090-json', fit('--model', 'llama-3.1-70b', '--quant', 'q4', '--gpu', 'RTX 4090', '--gpus', '3', '--json')],
  ['fit-405b-h100-search', fit('--model', 'llama-3.1-405b', '--quant', 'q4', '--gpu', 'H100')],
  ['fit-405b-h100-search-json', fit('--model', 'llama-3.1-405b', '--quant', 'q8', '--gpu', 'H100 SXM', '--json')],
  ['fit-405b-nodes2', fit('--model', 'llama-3.1-405b', '--quant', 'fp16', '--gpu', 'H100', '--nodes', '2', '--gpus', '8')],
  ['fit-405b-nodes3-json', fit('--model', 'llama-3.1-405b', '--quant', 'q8', '--gpu', 'RTX 4090', '--nodes', '3', '--json')],
  ['fit-params70-vram24-gpus4', fit('--params', '70', '--quant', 'q8', '--vram', '24', '--gpus', '4')],
  ['fit-params120-vram24-nodes2-json', fit('--params', '120', '--quant', 'q4', '--vram', '24', '--nodes', '2', '--json')],
  ['fit-params70-cpu-gpus2', fit('--params', '70', '--quant', 'q4', '--cpu-only', '--ram', '64', '--nodes', '2')],
  // experts in RAM
  ['fit-gptoss120b-3090', fit('--model', 'gpt-oss-120b', '--gpu', 'RTX 3090', '--ram', '64')],
  ['fit-gptoss120b-3090-json', fit('--model', 'gpt-oss-120b', '--gpu', 'RTX 3090', '--ram', '64', '--json')],
  ['fit-gptoss120b-ncpumoe26-json', fit('--model', 'gpt-oss-120b', '--gpu', 'RTX 3090', '--gpus', '2', '--ram', '64', '--n-cpu-moe', '26', '--json')],
  ['fit-gptoss120b-cpumoe', fit('--model', 'gpt-oss-120b', '--gpu', 'RTX 3090', '--ram', '64', '--cpu-moe', '--ram-bandwidth', '80')],
  ['fit-gptoss120b-ncpumoe2', fit('--model', 'gpt-oss-120b', '--gpu', 'RTX 3090', '--ram', '64', '--n-cpu-moe', '2')],
  ['fit-qwen30ba3b-3060-json', fit('--model', 'qwen-3-30b-a3b', '--quant', 'q4', '--gpu', 'RTX 3060', '--ram', '32', '--json')],
  ['fit-qwen30ba3b-vram8', fit('--model', 'qwen-3-30b-a3b', '--quant', 'q8', '--vram', '8', '--ram', '64')],
  ['fit-dense-ncpumoe', fit('--model', 'llama-3.1-70b', '--quant', 'q4', '--gpu', 'RTX 3090', '--n-cpu-moe', '10')],
  ['fit-both-moe-flags', fit('--model', 'gpt-oss-120b', '--gpu', 'RTX 3090', '--cpu-moe', '--n-cpu-moe', '3')],
  // hybrids (recurrent state)
  ['fit-qwen36-hybrid-3090', fit('--model', 'qwen-3.6-35b-a3b', '--quant', 'Q4_K_M', '--gpu', 'RTX 3090', '--ctx', '65536')],
  ['fit-granite-h-small-json', fit('--model', 'granite-4.0-h-small', '--quant', 'q4', '--vram', '24', '--json')],
  ['fit-nemotron-nano-json', fit('--model', 'nemotron-3-nano-30b-a3b', '--quant', 'q8', '--gpu', '4090', '--ram', '64', '--json')],
  ['fit-lfm2-350m', fit('--model', 'lfm2-350m', '--quant', 'q8', '--vram', '8')],
  // context beyond the model's maximum
  ['fit-ctx-beyond', fit('--model', 'llama-3.1-8b', '--quant', 'q4', '--ctx', '200000', '--vram', '24')],
  ['fit-ctx-rope', fit('--model', 'llama-3.1-8b', '--quant', 'q4', '--ctx', '200000', '--vram', '24', '--allow-rope-scaling')],
  ['fit-ctx-rope-json', fit('--model', 'llama-3.1-8b', '--quant', 'q4', '--ctx', '262144', '--gpu', 'H100', '--allow-rope-scaling', '--json')],
  ['fit-params-ctx-big', fit('--params', '8', '--quant', 'q4', '--ctx', '1000000', '--vram', '80')],
  // --quant left out, and other input errors (the --quant ones change on purpose with issue #16)
  ['fit-model-noquant-vram24', fit('--model', 'llama-3.1-8b', '--vram', '24')],
  ['fit-model-noquant-vram24-json', fit('--model', 'qwen-3-32b', '--vram', '24', '--json')],
  ['fit-params-noquant-vram24', fit('--params', '70', '--vram', '24')],
  ['fit-params-noquant-vram24-json', fit('--params', '70', '--vram', '24', '--json')],
  ['fit-params-noquant-cpu-only', fit('--params', '70', '--cpu-only')],
  ['fit-config-noquant', fit('--config', join(FIX, 'hf-config/qwen3-8b.config.json'), '--vram', '24')],
  ['fit-no-model', fit('--vram', '24')],
  ['fit-two-models', fit('--params', '7', '--model', 'llama-3.1-8b', '--quant', 'q4')],
  ['fit-bad-quant', fit('--params', '7', '--quant', 'q9', '--vram', '24')],
  ['fit-unknown-model', fit('--model', 'llama-9', '--quant', 'q4', '--vram', '24')],
  ['fit-gmu-llamacpp', fit('--params', '7', '--quant', 'q4', '--vram', '24', '--gpu-memory-utilization', '0.8')],
  ['fit-gguf-missing', fit('--gguf', '/nonexistent/model.gguf', '--vram', '24')],
  ['fit-gguf-quant', fit('--gguf', '/nonexistent/model.gguf', '--quant', 'q4')],
  // detected GPUs (stand-in nvidia-smi)
  ['fit-detected-two-gpus-json', fit('--params', '70', '--quant', 'q4', '--ram', '64', '--json'), { bin: 'bin-two-gpus' }],
  ['fit-detected-mixed', fit('--params', '70', '--quant', 'q4', '--ram', '64'), { bin: 'bin-mixed-5090-5080' }],
  ['fit-detected-mixed-big-json', fit('--model', 'llama-3.1-70b', '--quant', 'q8', '--ram', '64', '--json'), { bin: 'bin-mixed-5090-5080' }],
  ['fit-detected-busy', fit('--model', 'qwen-3-32b', '--quant', 'q4', '--ram', '64'), { bin: 'bin-busy-3090' }],
  ['fit-detected-busy-noquant', fit('--model', 'qwen-3-32b', '--ram', '64', '--json'), { bin: 'bin-busy-3090' }],
  // calibration: a llama-bench run imported first, then fit on that GPU
  ['calibrate-import', ['calibrate', join(FIX, 'llama-bench/rtx4080-qwen2.5-7b.json')], { keepConfig: true }],
  ['fit-calibrated-4080', fit('--model', 'qwen-2.5-7b', '--quant', 'q4', '--gpu', 'RTX 4080'), { keepConfig: true }],
  ['fit-calibrated-4080-json', fit('--model', 'qwen-2.5-7b', '--quant', 'q4', '--gpu', 'RTX 4080', '--json'), { keepConfig: true }],
  ['fit-calibrated-other-model-json', fit('--model', 'qwen-2.5-14b', '--quant', 'q4', '--gpu', 'RTX 4080', '--json'), { keepConfig: true }],
  ['fit-calibrated-experts', fit('--model', 'gpt-oss-120b', '--gpu', 'RTX 4080', '--ram', '64'), { keepConfig: true }],
  // other commands that share the estimator
  ['recommend-vram24-json', ['recommend', '--vram', '24', '--json']],
  ['recommend-code-3090-json', ['recommend', '--use-case', 'code', '--gpu', 'RTX 3090', '--ram', '64', '--json']],
  ['recommend-chat-h100-vllm-json', ['recommend', '--gpu', 'H100', '--engine', 'vllm', '--users', '8', '--json']],
  ['recommend-vram24', ['recommend', '--vram', '24', '--ram', '64']],
  ['cost-3090-json', ['cost', '--gpu', 'RTX 3090', '--tokens-per-day', '5M', '--json']],
  ['cost-api-json', ['cost', '--api-model', 'gpt-4.1-mini', '--tokens-per-day', '2M', '--json']],
  ['cost-3090', ['cost', '--gpu', 'RTX 3090', '--tokens-per-day', '5M']],
  // A named local model (cost's own one-model quality table) and a name with several snapshots (release dates).
  ['cost-model-json', ['cost', '--gpu', 'RTX 3090', '--model', 'qwen-2.5-14b', '--tokens-per-day', '1M', '--json']],
  ['cost-snapshots-json', ['cost', '--gpu', 'RTX 3090', '--api-model', 'claude-3.5-sonnet', '--api-model', 'anthropic/claude-sonnet-4-5', '--json']],
];

mkdirSync(out, { recursive: true });
rmSync(HOME, { recursive: true, force: true });
mkdirSync(CONFIG, { recursive: true });
for (let [name, args, opts = {}] of SCENARIOS) {
  if (!opts.keepConfig) {
    rmSync(HOME, { recursive: true, force: true });
    mkdirSync(CONFIG, { recursive: true });
  }
  // The free RAM of this machine changes from run to run: every estimate gets a RAM size unless it names one.
  if (['fit', 'recommend', 'cost'].includes(args[0]) && !args.includes('--ram')) args = [...args, '--ram', '64'];
  const PATH = opts.bin ? `${join(HW, opts.bin)}${delimiter}${CLEAN_PATH}` : CLEAN_PATH;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH, HOME, NO_COLOR: '1', COLUMNS: '100', LLM_PICK_CONFIG_DIR: CONFIG },
  });
  const text = `$ llm-pick ${args.join(' ')}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n--- exit ${r.status}${r.signal ? ` (${r.signal})` : ''}\n`;
  writeFileSync(join(out, `${name}.txt`), text);
  process.stdout.write(`${name}: exit ${r.status}\n`);
}
