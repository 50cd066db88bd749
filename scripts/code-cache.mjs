// Writes V8's code cache for the bundled CLI (dist/bin/llm-pick.cjs.cache): bin/llm-pick.cjs
// compiles the bundle with it, so a start deserializes bytecode instead of parsing 480 KB of
// JavaScript and compiling each function on its first call. The cache is made after the bundle
// has run --help, fit and recommend (the hardware given), so the functions they call are in it:
// without them each run compiled them lazily, a fifth of the instructions of `--help` (callgrind).
// Measured with paired runs on this project's VM, NODE_EXTRA_CA_CERTS unset: fit --model 99 → 84
// ms, recommend --vram 24 171 → 152 ms, --help 70 → 67 ms, against 39 ms for `node -e 0`; a cache
// warmed with cost, models, hardware and human output too (770 KB) was no faster. Optional at run
// time: a missing or rejected cache (another Node version, other flags) only costs the compile.
// Each one-command bundle (dist/bin/llm-pick.fit.cjs, scripts/bundle.mjs) gets its own cache, warmed
// with its command's lines only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'llm-pick.cjs');
const binDir = join(root, 'dist', 'bin');

// What the cache is warmed with: the hardware given, and detected once per command, so that the
// probe's code is in the cache too (fit detected 217 → 209 M instructions, recommend 397 → 384 M,
// callgrind). Detection runs on the machine that builds (nvidia-smi under its timeout where it is
// installed): which functions the cache holds may depend on that machine; what the CLI prints does not.
const WARM = [
  ['--help'],
  ['fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--json'],
  ['fit', '--model', 'llama-3.1-8b', '--vram', '24', '--json'],
  ['fit', '--params', '8', '--quant', 'q4', '--json'],
  ['recommend', '--vram', '24', '--json'],
  ['recommend', '--json'],
];

/** The full bundle, and each one-command bundle with the name of its command. */
const bundles = [
  { file: join(binDir, 'llm-pick.cjs'), command: null },
  ...readdirSync(binDir)
    .map((name) => /^llm-pick\.([a-z]+)\.cjs$/.exec(name))
    .filter((m) => m !== null)
    .map((m) => ({ file: join(binDir, m[0]), command: m[1] })),
];

// A home of its own: no user config file or catalog changes what runs.
const home = mkdtempSync(join(tmpdir(), 'llm-pick-cache-'));
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), NO_COLOR: '1', COLUMNS: '100' };
for (const { file, command } of bundles) {
  const cache = `${file}.cache`;
  const warm = command === null ? WARM : WARM.filter((args) => args[0] === command);
  const child = `
const { loadBundle } = require(${JSON.stringify(bin)});
const { exports: bundle, script } = loadBundle({ bundle: ${JSON.stringify(file)}, cache: false });
(async () => {
  for (const args of ${JSON.stringify(warm)}) await bundle.main(['node', 'llm-pick', ...args]);
  process.exitCode = 0;
  require('node:fs').writeFileSync(${JSON.stringify(cache)}, script.createCachedData());
})();
`;
  rmSync(cache, { force: true });
  const r = spawnSync(process.execPath, ['-e', child], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  const name = `dist/bin/${file.slice(binDir.length + 1)}.cache`;
  if (r.status !== 0 || !existsSync(cache)) {
    // Not fatal: the CLI runs without it, only slower to start.
    console.error(`code cache: ${name} not written (${r.stderr.toString().trim().split('\n')[0] || `exit ${r.status}`})`);
  } else {
    console.error(`code cache: ${name}`);
  }
}
rmSync(home, { recursive: true, force: true });
