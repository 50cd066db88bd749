// Writes V8's code cache for the bundled CLI (dist/bin/llm-pick.cjs.cache): bin/llm-pick.cjs
// compiles the bundle with it, so a start deserializes bytecode instead of parsing 450 KB of
// JavaScript. The cache holds what loading the bundle compiles (its top level and the modules
// every command loads), not what commands then run: a cache made after running fit, recommend
// and --help in one process was three times larger, and deserializing it cost more than it
// saved (measured with bench/startup.ts on this project's 2-core VM). Optional at run time: a
// missing or rejected cache (another Node version, other flags) only costs the compile.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'llm-pick.cjs');
const cache = join(root, 'dist', 'bin', 'llm-pick.cjs.cache');

const child = `
const { loadBundle, CACHE } = require(${JSON.stringify(bin)});
const { script } = loadBundle({ cache: false });
require('node:fs').writeFileSync(CACHE, script.createCachedData());
`;

rmSync(cache, { force: true });
const r = spawnSync(process.execPath, ['-e', child], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
if (r.status !== 0 || !existsSync(cache)) {
  // Not fatal: the CLI runs without it, only slower to start.
  console.error(`code cache: not written (${r.stderr.toString().trim().split('\n')[0] || `exit ${r.status}`})`);
} else {
  console.error('code cache: dist/bin/llm-pick.cjs.cache');
}
