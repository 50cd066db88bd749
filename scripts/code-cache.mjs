// Writes V8's code cache for the bundled CLI (dist/bin/llm-pick.cjs.cache): bin/llm-pick.cjs
// compiles the bundle with it, so a start deserializes bytecode instead of parsing 400 KB of
// JavaScript. The cache is made after a few typical commands have run in one process (with
// output discarded), so the functions they use are in it too. Runs after the bundle and the
// catalog are built. Optional at run time: a missing or rejected cache only costs the compile.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'llm-pick.cjs');
// Hardware given: nothing is probed at build time, and the results do not depend on this machine.
const RUNS = [
  ['--help'],
  ['fit', '--params', '70', '--quant', 'q4', '--vram', '24', '--json'],
  ['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--vram', '24'],
  ['recommend', '--vram', '24', '--json'],
  ['recommend', '--vram', '24'],
  ['models', '--json'],
];

const child = `
const { loadBundle, CACHE } = require(${JSON.stringify(bin)});
const { exports, script } = loadBundle({ cache: false });
(async () => {
  if (!script) return;
  for (const argv of ${JSON.stringify(RUNS)}) await exports.main(['node', 'llm-pick', ...argv]);
  require('node:fs').writeFileSync(CACHE, script.createCachedData());
})().finally(() => { process.exitCode = 0; });
`;

const cache = join(root, 'dist', 'bin', 'llm-pick.cjs.cache');
rmSync(cache, { force: true });
// A home without a defaults or calibration file: the runs see the built-in defaults only.
const home = mkdtempSync(join(tmpdir(), 'llm-pick-cache-'));
const env = { ...process.env, HOME: home, USERPROFILE: home, APPDATA: home, NO_COLOR: '1' };
delete env.XDG_CONFIG_HOME;
delete env.LLM_PICK_PHASES;
const r = spawnSync(process.execPath, ['-e', child], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
rmSync(home, { recursive: true, force: true });
if (r.status !== 0 || !existsSync(cache)) {
  // Not fatal: the CLI runs without it, only slower to start.
  console.error(`code cache: not written (${r.stderr.toString().trim().split('\n')[0] || `exit ${r.status}`})`);
} else {
  console.error('code cache: dist/bin/llm-pick.cjs.cache');
}
