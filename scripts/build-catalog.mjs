// Validates data/**/*.yaml with the catalog's zod schemas and rules, and writes
// dist/catalog.json (what the CLI reads at run time). Runs after tsc.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../dist/catalog/build.js';
import { precomputeQuality } from '../dist/decide/task-fit.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = buildCatalog(`${root}data`, root);
for (const w of result.warnings) console.error(`warning: ${w}`);
if (!result.value) {
  for (const e of result.errors) console.error(e);
  console.error(`catalog: ${result.errors.length} error(s); dist/catalog.json not written`);
  process.exit(1);
}
const c = result.value;
// The date the facts were last checked (data/catalog-meta.json): every --json document carries it.
const meta = JSON.parse(readFileSync(`${root}data/catalog-meta.json`, 'utf8'));
if (typeof meta.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(meta.asOf) || Number.isNaN(Date.parse(meta.asOf))) {
  console.error('data/catalog-meta.json: asOf must be a date as YYYY-MM-DD');
  process.exit(1);
}
mkdirSync(`${root}dist`, { recursive: true });
writeFileSync(`${root}dist/catalog.json`, JSON.stringify({ ...c, asOf: meta.asOf }));
// The quality table (a fit over every model's benchmark results) is computed here, once, not at
// each start; its own file, read only by the commands that rank models (src/catalog/load.ts).
writeFileSync(`${root}dist/quality.json`, JSON.stringify(precomputeQuality(c)));
writeFileSync(`${root}dist/catalog-meta.json`, JSON.stringify({ asOf: meta.asOf }));
console.error(
  `catalog: ${c.models.length} models, ${c.gpus.length} GPUs, ${c.quants.length} quants, ${c.engines.length} engines → dist/catalog.json`,
);
