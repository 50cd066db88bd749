// What a run loads and reads (built binary, a preload that records Node's module list and the
// node:fs calls): with the hardware given, no GPU probe runs, so no system file is read, no
// PATH folder is searched for nvidia-smi, and neither child_process nor node:fs/promises is
// loaded; with no model store on disk, recommend does not load the store readers either; and
// perf_hooks loads only when the phases are timed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';
import { FIXTURES } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'llm-pick-loads-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CLEAN_PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir !== '' && !['nvidia-smi', 'rocm-smi'].some((tool) => existsSync(join(dir, tool))))
  .join(delimiter);

let runs = 0;
/** One run of the CLI in an empty home; what it loaded and touched. */
function traced(args: string[], opts: { home?: string; path?: string; env?: NodeJS.ProcessEnv } = {}) {
  runs += 1;
  const home = opts.home ?? join(work, `home-${runs}`);
  mkdirSync(home, { recursive: true });
  const trace = join(work, `trace-${runs}.json`);
  // Every store inside the home: OLLAMA_MODELS also keeps a system-wide Ollama store of this machine out.
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    OLLAMA_MODELS: join(home, '.ollama', 'models'),
    HF_HUB_CACHE: undefined,
    HF_HOME: undefined,
    LLAMA_CACHE: undefined,
    PATH: opts.path ?? CLEAN_PATH,
    TRACE_FILE: trace,
    ...opts.env,
  };
  const r = runBin(args, { env, nodeArgs: ['-r', `${FIXTURES}trace-loads.cjs`], timeoutMs: 30_000 });
  const t = JSON.parse(readFileSync(trace, 'utf8')) as { modules: string[]; touched: string[] };
  return { ...r, ...t, home, paths: t.touched.map((x) => x.slice(x.indexOf(' ') + 1)) };
}

const systemFiles = (paths: string[]) => paths.filter((p) => p.startsWith('/sys/') || p.startsWith('/proc/'));
const toolLookups = (paths: string[]) => paths.filter((p) => /[\\/](nvidia-smi|rocm-smi)(\.exe)?$/.test(p));

// macOS asks systeminformation for RAM even with the hardware given; Windows has no /sys.
describe.skipIf(process.platform !== 'linux')('hardware given: nothing probed (built binary, traced)', () => {
  it('fit --vram: no system file, no tool lookup, neither child_process nor node:fs/promises', () => {
    const r = traced(['fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--json']);
    expect(r.status).toBe(0);
    expect(systemFiles(r.paths)).toEqual([]);
    expect(toolLookups(r.paths)).toEqual([]);
    expect(r.modules).not.toContain('child_process');
    expect(r.modules).not.toContain('fs/promises');
    // `performance` is read only to time the phases (LLM_PICK_PHASES=1): its first use loads perf_hooks.
    expect(r.modules).not.toContain('perf_hooks');
    expect(traced(['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--vram', '24', '--json']).modules).not.toContain('perf_hooks');
    const timed = traced(['fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--json'], { env: { LLM_PICK_PHASES: '1' } });
    expect(timed.status).toBe(0);
    expect(timed.modules).toContain('perf_hooks');
  });

  it('recommend --vram with no model store: the stores are looked for, but their readers are not loaded', () => {
    const r = traced(['recommend', '--vram', '24', '--json']);
    expect(r.status).toBe(0);
    expect(systemFiles(r.paths)).toEqual([]);
    expect(toolLookups(r.paths)).toEqual([]);
    expect(r.paths).toContain(join(r.home, '.ollama', 'models'));
    expect(r.paths).toContain(join(r.home, '.cache', 'huggingface', 'hub'));
    expect(r.modules).not.toContain('child_process');
    expect(r.modules).not.toContain('fs/promises');
  });

  it('recommend --vram with an Ollama store on disk: the store readers are loaded and read it', () => {
    const home = join(work, 'home-store');
    mkdirSync(join(home, '.ollama', 'models', 'manifests'), { recursive: true });
    const r = traced(['recommend', '--vram', '24', '--json'], { home });
    expect(r.status).toBe(0);
    expect(r.modules).toContain('fs/promises');
    expect(systemFiles(r.paths)).toEqual([]);
  });

  it('detected (a stand-in nvidia-smi first on PATH): the tool is looked up and run', () => {
    const r = traced(['fit', '--params', '8', '--quant', 'q4', '--json'], { path: `${FIXTURES}bin-two-gpus${delimiter}${CLEAN_PATH}` });
    expect(r.status).toBe(0);
    expect(toolLookups(r.paths)).toContain(`${FIXTURES}bin-two-gpus/nvidia-smi`);
    expect(r.modules).toContain('child_process');
    expect(r.modules).not.toContain('fs/promises');
  });
});
