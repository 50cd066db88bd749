// Validates data/**/*.yaml with the catalog's zod schemas and rules, and writes
// dist/catalog.json, dist/catalog-models.json, dist/catalog-scores.json (what the CLI reads at run
// time), the quality table and the weights table. Runs after tsc.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../dist/catalog/build.js';
import { LEAN_FORMAT, leanModel } from '../dist/catalog/lean.js';
import { packQualityNumbers, precomputeQuality } from '../dist/decide/task-fit.js';
import { ggufQuantsOf, quantTable } from '../dist/decide/quants.js';
import { resolveQuant } from '../dist/estimate/quants.js';
import { shapeFromModel } from '../dist/estimate/shape.js';
import { estimateWeights } from '../dist/estimate/weights.js';
import { formatWeightsTable, packWeights, shapeKey } from '../dist/estimate/weights-table.js';

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
// Written as ASCII (each other character as its \u escape, which JSON.parse reads back as the same
// string): node reads an ASCII file into a one-byte string and parses it on the one-byte path; a single
// '—' in the text makes the whole file a two-byte string, decoded from UTF-8 and parsed at up to twice
// the cost (docs/notes/perfcat.md).
const asciiJson = (value) => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
// Three files, each read when first needed (src/catalog/load.ts): GPUs, quants and engines (every
// command), the models (most), the raw benchmark scores (only without dist/quality.json).
writeFileSync(`${root}dist/catalog.json`, asciiJson({ gpus: c.gpus, quants: c.quants, engines: c.engines, asOf: meta.asOf }));
// The models file is the JSON array of the models, as JSON.stringify writes it; beside it, where each
// model's text starts and how long it is (dist/catalog-models-index.json, {id: [offset, length]}, ASCII so
// characters are bytes): `fit --model ID` reads and parses its model alone (src/catalog/load.ts).
/** The JSON array of the values (ASCII), and where each value's text lies in it: [offset, length]. */
function asciiJsonArray(values) {
  const texts = values.map((v) => asciiJson(v));
  const at = [];
  let offset = 1;
  for (const text of texts) {
    at.push([offset, text.length]);
    offset += text.length + 1;
  }
  return { text: `[${texts.join(',')}]`, at };
}
const models = asciiJsonArray(c.models);
writeFileSync(`${root}dist/catalog-models.json`, models.text);
writeFileSync(`${root}dist/catalog-models-index.json`, asciiJson(Object.fromEntries(c.models.map((m, i) => [m.id, models.at[i]]))));
// The models as ranking reads them (src/catalog/lean.ts: no sources, notes, descriptions, raw quality
// signals or vision block), tied to the models file by its byte length: `recommend` parses ~170 KB of
// them instead of the ~600 KB of whole models (src/catalog/load.ts loadRankingCatalog).
writeFileSync(
  `${root}dist/catalog-models-lean.json`,
  asciiJson({ format: LEAN_FORMAT, modelsBytes: models.text.length, count: c.models.length, models: c.models.map(leanModel) }),
);
writeFileSync(`${root}dist/catalog-scores.json`, asciiJson(c.scores));
// The quality table (a fit over every model's benchmark results) is computed here, once, not at
// each start; its own file, read only by the commands that rank models (src/catalog/load.ts), laid
// out as the models file: the JSON array of the entries, each entry's place in it kept. Beside it the
// numbers that ranking reads for every model, packed (dist/quality-numbers.bin, with each entry's
// [offset, length]; src/decide/task-fit.ts packQualityNumbers): ranking parses the words of the
// picks it shows alone.
const quality = precomputeQuality(c);
const qualityArray = asciiJsonArray(quality);
writeFileSync(`${root}dist/quality.json`, qualityArray.text);
writeFileSync(`${root}dist/quality-numbers.bin`, packQualityNumbers(c, quality, qualityArray.at));
// The weights of every local and embedding model at every GGUF quantization the catalog offers it in
// (src/estimate/weights-table.ts): ranking reads them instead of summing ~59,000 tensors at each start.
const quants = quantTable(c.quants);
const weights = {};
let stored = 0;
for (const model of c.models) {
  if (model.type === 'api') continue;
  const shape = shapeFromModel(model);
  const byQuant = (weights[shapeKey(shape)] ??= {});
  for (const q of ggufQuantsOf(model, quants)) {
    const resolved = resolveQuant(q.id);
    if ('error' in resolved || byQuant[resolved.id]) continue;
    byQuant[resolved.id] = packWeights(estimateWeights(shape, resolved.id));
    stored += 1;
  }
}
writeFileSync(`${root}dist/weights.tsv`, formatWeightsTable(weights));
// The JSON table of earlier builds, which nothing reads any more.
rmSync(`${root}dist/weights.json`, { force: true });
writeFileSync(`${root}dist/catalog-meta.json`, asciiJson({ asOf: meta.asOf }));
console.error(
  `catalog: ${c.models.length} models, ${c.gpus.length} GPUs, ${c.quants.length} quants, ${c.engines.length} engines → dist/catalog.json; ${stored} weights estimates → dist/weights.tsv`,
);
