// Build-time: validate every data/**/*.yaml file and compile them into one JSON
// catalog. Used by scripts/build-catalog.mjs and by the tests of the shipped data.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { addFile, assembled, checkAssembly, emptyAssembly } from './assemble.js';
import { parseText, type LoadResult } from './parse.js';
import type { Catalog } from './schema.js';

export function listDataFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export function buildCatalog(dataDir: string, cwd = process.cwd()): LoadResult<Catalog> {
  const assembly = emptyAssembly();
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const path of listDataFiles(dataDir)) {
    const parsed = parseText(readFileSync(path, 'utf8'), relative(cwd, path));
    warnings.push(...parsed.warnings);
    if (!parsed.value) {
      errors.push(...parsed.errors);
      continue;
    }
    errors.push(...addFile(assembly, parsed.value, 'add'));
  }
  if (errors.length === 0) errors.push(...checkAssembly(assembly));
  return assembled(assembly, errors, warnings);
}
