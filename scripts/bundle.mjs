// Bundles the CLI into one CommonJS file for start-up time: Node starts a CommonJS
// entry without its ES module loader, and one file replaces ~40 modules resolved one
// by one (measured by `npm run bench:startup`). Dependencies stay external and are
// loaded with import() where the source uses import() (chalk, zod, systeminformation,
// inquirer, the GGUF parser: only on the paths that need them); commander, needed by
// every run, is inlined. Output: dist/bin/llm-pick.cjs, two levels below the package
// root as src/cli/ is, so `new URL('../../', import.meta.url)` still finds package.json
// and dist/catalog.json.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => name !== 'commander');

await build({
  entryPoints: ['src/cli/index.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/bin/llm-pick.cjs',
  external,
  define: { 'import.meta.url': '__llmPickModuleUrl' },
  banner: { js: "const __llmPickModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Smaller source compiles faster at every start (the whole file is parsed each run);
  // keepNames, so `--debug` stack traces still name the real functions.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
});

// The MCP SDK's server path with its dependencies in one file (only `llm-pick mcp` loads it):
// a few hundred modules resolved one by one cost most of the time to answer initialize.
await build({
  entryPoints: ['src/cli/mcp-sdk.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/bin/mcp-sdk.cjs',
  minify: true,
  logLevel: 'warning',
});
