#!/usr/bin/env node
// Loads the bundled CLI (dist/bin/llm-pick.cjs, scripts/bundle.mjs) with V8's code cache
// (dist/bin/llm-pick.cjs.cache, written at build time by scripts/code-cache.mjs), so a start
// deserializes its bytecode instead of compiling it. The cache is only an optimisation: when
// it is missing or V8 rejects it (another Node version, other flags), V8 compiles the source.
// A command line that starts with `fit` or `recommend` loads that command's own bundle
// (dist/bin/llm-pick.fit.cjs, with its own cache): a third less code to read and set up.
// A function restored from a code cache cannot import() (it loses what Node attached to the
// script), so the bundle imports its dependencies through the import function passed here.
//
// Help pages and the version line are answered from dist/bin/help.json without loading the
// bundle, when stdout is not a terminal: the pages are what the bundle itself printed for exactly
// these command lines at build time (scripts/help-pages.mjs), at the 80 columns commander lays
// out for a pipe or a file. On a terminal, commander lays the page out to its width.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const BUNDLE = path.join(__dirname, '..', 'dist', 'bin', 'llm-pick.cjs');
const HELP = path.join(__dirname, '..', 'dist', 'bin', 'help.json');
// The same wrapper Node puts around a CommonJS module; the cache is made for exactly this text.
const HEAD = '(function (exports, require, module, __filename, __dirname, __llmPickDynamicImport) { ';
const TAIL = '\n});';
/** The arguments with which a command line can ask for a help page or the version. */
const HELP_WORDS = new Set(['--help', '-h', 'help', '--version', '-V']);

/**
 * The bundle for these arguments: a command's own (dist/bin/llm-pick.<command>.cjs, scripts/bundle.mjs)
 * where there is one and the command line starts with it, else the full one.
 */
function bundleFor(args) {
  const command = args[0];
  if (command !== undefined && /^[a-z]+$/.test(command)) {
    const own = path.join(path.dirname(BUNDLE), `llm-pick.${command}.cjs`);
    if (fs.existsSync(own)) return own;
  }
  return BUNDLE;
}

/**
 * The bundle's exports, and the compiled script (scripts/code-cache.mjs makes the cache from it).
 * options.bundle: which bundle (the full one by default); options.cache false: compile without the cache.
 */
function loadBundle(options = {}) {
  const vm = require('node:vm');
  // The CommonJS Module class, as this file's own module has it: require('node:module') loads
  // Node's public module API on top (1 M instructions at every start, callgrind).
  const Module = module.constructor;
  const bundle = options.bundle ?? BUNDLE;
  const source = fs.readFileSync(bundle, 'utf8');
  let cachedData;
  if (options.cache !== false) {
    try {
      cachedData = fs.readFileSync(`${bundle}.cache`);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(HEAD + source + TAIL, { filename: bundle, cachedData });
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  // Bare names resolve from this package's node_modules, as they would from dist/bin/.
  const dynamicImport = (specifier) => import(specifier);
  script.runInThisContext()(mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle), dynamicImport);
  mod.loaded = true;
  return { exports: mod.exports, script };
}

/**
 * Whether stdout is surely not a terminal: not a character device, or the null device. (A
 * terminal is a character device; asking process.stdout would build the stream, a few ms.)
 */
function stdoutNotTerminal() {
  try {
    const out = fs.fstatSync(1);
    return !out.isCharacterDevice() || out.rdev === fs.statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}

/** The prebuilt answer to exactly these arguments (a help page, the version), or null. */
function prebuilt(args) {
  if (args.length === 0 || args.length > 3 || !args.some((a) => HELP_WORDS.has(a))) return null;
  if (!stdoutNotTerminal()) return null;
  let table;
  try {
    table = JSON.parse(fs.readFileSync(HELP, 'utf8'));
  } catch {
    return null;
  }
  const page = table.lines[args.join('\n')];
  return typeof page === 'number' ? table.pages[page] : null;
}

/** Writes all of the text to stdout (a pipe that is full says EAGAIN: the stream takes the rest). */
function writeAll(text) {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(1, bytes, offset);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
      process.stdout.write(bytes.subarray(offset));
      return;
    }
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const page = prebuilt(args);
  if (page !== null) {
    try {
      writeAll(page);
    } catch (error) {
      // The reader went away (EPIPE): nothing more to say, as the bundle's own output does.
      if (error.code !== 'EPIPE') throw error;
    }
    // The phases line of LLM_PICK_PHASES=1 (src/core/phases.ts): all of it is loading.
    if (process.env.LLM_PICK_PHASES === '1') {
      const ms = performance.now().toFixed(1);
      process.stderr.write(`phases: load=${ms} catalog=0.0 probe=0.0 compute=0.0 render=0.0 total=${ms}\n`);
    }
  } else loadBundle({ bundle: bundleFor(args) }).exports.main();
} else module.exports = { loadBundle, bundleFor };
