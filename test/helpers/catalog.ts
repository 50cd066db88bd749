// The shipped catalog (data/), built from its YAML as the build does, for tests that check
// behaviour on every model the project ships. A catalog that does not build fails the test.
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../../src/catalog/build.js';
import type { Catalog } from '../../src/catalog/schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function shippedCatalog(): Catalog {
  const built = buildCatalog(`${root}data`, root);
  if (!built.value) throw new Error(`the shipped catalog does not build: ${built.errors.slice(0, 3).join('; ')}`);
  return built.value;
}
