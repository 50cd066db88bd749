// Writes V8's code cache for the bundled CLI (dist/bin/llm-pick.cjs.cache): bin/llm-pick.cjs
// compiles the bundle with it, so a start deserializes bytecode instead of parsing 480 KB of
// JavaScript and compiling each function on its first call. The cache is made after the bundle
// has run --help, fit and recommend (the hardware given), so the functions they call are in it:
// without them each run compiled them lazily, a fifth of the instructions of `--help` (callgrind).
// Measured with paired runs on this project's VM, NODE_EXTRA_CA_CERTS unset: fit --model 99 → 84
// ms, recommend --vram 24 171 → 152 ms, --help 70 → 67 ms, against 39 ms for `node -e 0`; a cache
// warmed with cost, models, hardware and human output too (770 KB) was no faster. Optional at run
// time: a missing or rejected cache (another Node version, other flags) only costs the compile.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'llm-pick.cjs');
const cache = join(root, 'dist', 'bin', 'llm-pick.cjs.cache');

// What the cache is warmed with: hardware always given, so nothing is probed and the result does
// not depend on the machine that builds it.
const WARM = [
  ['--help'],
  ['fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--json'],
  ['fit', '--model', 'llama-3.1-8b', '--vram', '24', '--json'],
  ['recommend', '--vram', '24', '--json'],
];

const child = `
const { loadBundle, CACHE } = require(${JSON.stringify(bin)});
const { exports: bundle, script } = loadBundle({ cache: false });
(async () => {
  for (const args of ${JSON.stringify(WARM)}) await bundle.main(['node', 'llm-pick', ...args]);
  process.exitCode = 0;
  require('node:fs').writeFileSync(CACHE, script.createCachedData());
})();
`;

rmSync(cache, { force: true });
// A home of its own: no user config file or catalog changes what runs.
const home = mkdtempSync(join(tmpdir(), 'llm-pick-cache-'));
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), NO_COLOR: '1', COLUMNS: '100' };
const r = spawnSync(process.execPath, ['-e', child], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
rmSync(home, { recursive: true, force: true });
if (r.status !== 0 || !existsSync(cache)) {
  // Not fatal: the CLI runs without it, only slower to start.
  console.error(`code cache: not written (${r.stderr.toString().trim().split('\n')[0] || `exit ${r.status}`})`);
} else {
  console.error('code cache: dist/bin/llm-pick.cjs.cache');
}
