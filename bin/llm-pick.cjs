#!/usr/bin/env node
// Loads the bundled CLI (dist/bin/llm-pick.cjs, scripts/bundle.mjs) with V8's code cache
// (dist/bin/llm-pick.cjs.cache, written at build time by scripts/code-cache.mjs), so a start
// deserializes its bytecode instead of compiling it. The cache is only an optimisation: when
// it is missing or V8 rejects it (another Node version, other flags), V8 compiles the source.
// A function restored from a code cache cannot import() (it loses what Node attached to the
// script), so the bundle imports its dependencies through the import function passed here.
'use strict';
const path = require('node:path');

const BUNDLE = path.join(__dirname, '..', 'dist', 'bin', 'llm-pick.cjs');
const CACHE = `${BUNDLE}.cache`;
// The same wrapper Node puts around a CommonJS module; the cache is made for exactly this text.
const HEAD = '(function (exports, require, module, __filename, __dirname, __llmPickDynamicImport) { ';
const TAIL = '\n});';

/** The bundle's exports, and the compiled script (scripts/bundle.mjs makes the cache from it). */
function loadBundle(options = {}) {
  const fs = require('node:fs');
  const vm = require('node:vm');
  const Module = require('node:module');
  const source = fs.readFileSync(BUNDLE, 'utf8');
  let cachedData;
  if (options.cache !== false) {
    try {
      cachedData = fs.readFileSync(CACHE);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(HEAD + source + TAIL, { filename: BUNDLE, cachedData });
  const mod = new Module(BUNDLE, module);
  mod.filename = BUNDLE;
  mod.paths = Module._nodeModulePaths(path.dirname(BUNDLE));
  // Bare names resolve from this package's node_modules, as they would from dist/bin/.
  const dynamicImport = (specifier) => import(specifier);
  script.runInThisContext()(mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, path.dirname(BUNDLE), dynamicImport);
  mod.loaded = true;
  return { exports: mod.exports, script };
}

if (require.main === module) loadBundle().exports.main();
else module.exports = { loadBundle, BUNDLE, CACHE };
