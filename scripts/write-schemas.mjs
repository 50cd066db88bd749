// Writes schemas/<kind>.schema.json from the zod schemas (run after a deliberate
// change to a --json document; a test fails while the files are stale).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OUTPUT_KINDS, jsonSchemaOf } from '../dist/schemas/index.js';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const kind of OUTPUT_KINDS) {
  writeFileSync(`${dir}${kind}.schema.json`, `${JSON.stringify(await jsonSchemaOf(kind), null, 2)}\n`);
}
console.error(`wrote ${OUTPUT_KINDS.length} schemas to schemas/`);
