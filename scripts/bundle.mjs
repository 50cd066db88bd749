// Bundles the CLI into one CommonJS file for start-up time: Node starts a CommonJS
// entry without its ES module loader, and one file replaces ~40 modules resolved one
// by one (measured by `npm run bench:startup`). Dependencies stay external and are
// loaded with import() where the source uses import() (chalk, zod, systeminformation,
// inquirer, the GGUF parser: only on the paths that need them); commander, needed by
// every run, is inlined. Output: dist/bin/llm-pick.cjs, two levels below the package
// root as src/cli/ is, so `new URL('../../', import.meta.url)` still finds package.json
// and the dist/catalog*.json files.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// commander (every run) and cli-table3 (patched below) are inlined; the rest load from node_modules.
const INLINED = new Set(['commander', 'cli-table3']);
const external = Object.keys(pkg.dependencies).filter((name) => !INLINED.has(name));

const OUT = 'dist/bin/llm-pick.cjs';
/** Commands with a bundle of their own (bin/llm-pick.cjs loads dist/bin/llm-pick.<command>.cjs where it exists). */
const ONE_COMMAND_BUNDLES = ['fit', 'recommend'];

// commander requires child_process (with net, stream and the rest it loads) at the top of
// lib/command.js, for executable subcommands, which llm-pick has none of: it costs every start
// several milliseconds. Here it is required when commander first spawns, which never happens.
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
// cli-table3 0.6.5 (src/cell.js, Cell.draw) cuts every cell to 10 characters for a debug message
// before each line it draws, whether debugging is on or not: width-aware cutting of an ANSI string
// is character by character, and it was half the time of `llm-pick models` (215 rows, cpu-prof).
// The message gets the cell's content uncut instead (cli-table3's debug output is never enabled here).
const CLI_TABLE_DEBUG_CUT = 'let content = utils.truncate(this.content, 10, this.truncate);';
const cliTableDebugCut = {
  name: 'cli-table3-debug-cut',
  setup(b) {
    b.onLoad({ filter: /[\\/]cli-table3[\\/]src[\\/]cell\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(CLI_TABLE_DEBUG_CUT)) throw new Error(`bundle: ${args.path} no longer has the line ${CLI_TABLE_DEBUG_CUT}`);
      return { contents: source.replace(CLI_TABLE_DEBUG_CUT, 'let content = this.content;'), loader: 'js' };
    });
  },
};

const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(COMMANDER_CHILD_PROCESS)) throw new Error(`bundle: ${args.path} no longer has the line ${COMMANDER_CHILD_PROCESS}`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(COMMANDER_CHILD_PROCESS, lazy), loader: 'js' };
    });
  },
};
/**
 * One CommonJS bundle of the CLI. `only`: a one-command bundle (src/cli/modules.ts), which holds
 * that command and what it runs, and none of the other commands, the wizard, mcp or completion.
 */
async function bundleCli(outfile, only) {
  const result = await build({
    entryPoints: ['src/cli/index.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
    write: false,
    external,
    define: {
      'import.meta.url': '__llmPickModuleUrl',
      __LLM_PICK_VERSION__: JSON.stringify(pkg.version),
      ...(only ? { __LLM_PICK_ONLY__: JSON.stringify(only) } : {}),
    },
    // bin/llm-pick.cjs compiles the bundle with V8's code cache (scripts/code-cache.mjs) in a
    // vm.Script, where a function restored from the cache cannot import(): it passes its own
    // import as __llmPickDynamicImport. Loaded with a plain require(), the bundle imports itself.
    // The bundle's own file URL: for a plain absolute path (letters, digits, `_`, `.`, `-`, no `.`
    // or `..` segment) it is `file://` and the path, which is what pathToFileURL returns for it;
    // pathToFileURL itself costs 1.3 M instructions at every start (callgrind), so only other paths
    // (Windows, spaces, `%`, non-ASCII: what it escapes) go through it.
    banner: {
      js: [
        "const __llmPickModuleUrl = /^(\\/[\\w.-]+)+$/.test(__filename) && !/\\/\\.\\.?(\\/|$)/.test(__filename) ? 'file://' + __filename : require('node:url').pathToFileURL(__filename).href;",
        "const __llmPickImport = typeof __llmPickDynamicImport === 'function' ? __llmPickDynamicImport : (specifier) => import(specifier);",
      ].join('\n'),
    },
    // Whitespace and syntax minified; identifiers kept, so `--debug` stack traces and error
    // classes' names are the source's (a name two modules share gets a digit: `run2`). This
    // replaced full minification with keepNames, whose __name(fn, "name") call for each function
    // cost more at every start than the longer names (fit --model llama-3.1-8b --quant q4 --vram 24
    // --json 136.7 -> 132.1 M instructions, fit --params 8 ... 133.0 -> 130.5 M; recommend within
    // noise; callgrind, main thread), and the code cache holds the bytecode whatever the names.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    plugins: [lazyChildProcess, cliTableDebugCut],
  });
  // Every import() of a dependency (chalk, zod, yaml, systeminformation, the prompts, node:path)
  // goes through __llmPickImport; the banner's own import() is the only one left.
  const [file] = result.outputFiles;
  let text = file.text;
  let rewritten = 0;
  text = text.replace(/(?<![\w$.])import\((?=["'])/g, () => {
    rewritten += 1;
    return '__llmPickImport(';
  });
  // esbuild writes non-ASCII characters of regular expression literals as they are (its ASCII
  // charset escapes strings only): escaped here, so the file is ASCII and Node reads it into a
  // one-byte string with no UTF-8 decoding, 3 M instructions less at each start (callgrind).
  // \uXXXX means the same character in a string, a template and a regular expression alike.
  text = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const left = [...text.matchAll(/(?<![\w$.])import\(/g)].length;
  if (rewritten === 0 || left !== 1) throw new Error(`bundle: ${rewritten} import() rewritten, ${left} left (expected 1: the banner's)`);
  // write: false creates no folder: on a fresh clone dist/bin does not exist yet.
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, text);
  // V8 checks a code cache against the source's length, not its text: a cache of the previous
  // bundle must not survive it (scripts/code-cache.mjs writes the new one).
  rmSync(`${outfile}.cache`, { force: true });
}

await bundleCli(OUT);
// The commands whose start is timed most (bench/startup.ts) get a bundle of their own, which
// bin/llm-pick.cjs loads for a command line that starts with the command: a third less to read,
// deserialize and run at the top (paired runs and instruction counts in scripts/code-cache.mjs).
for (const command of ONE_COMMAND_BUNDLES) await bundleCli(`dist/bin/llm-pick.${command}.cjs`, command);

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
