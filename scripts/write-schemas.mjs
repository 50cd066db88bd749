// Writes schemas/<kind>.schema.json from the zod schemas (run after a deliberate
// change to a --json document; a test fails while the files are stale).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCHEMA_KINDS, jsonSchemaOf } from '../dist/schemas/index.js';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const kind of SCHEMA_KINDS) {
  writeFileSync(`${dir}${kind}.schema.json`, `${JSON.stringify(await jsonSchemaOf(kind), null, 2)}\n`);
}
console.error(`wrote ${SCHEMA_KINDS.length} schemas to schemas/`);
