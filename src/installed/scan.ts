// Finds the models already on disk, in place, read-only: headers only (GGUF, safetensors),
// never a whole file. A file that cannot be read is one problem line; the scan goes on.
//
// Most machines have none of the stores: each is looked for with one stat, and the readers of
// the stores (store-scanners.ts, with node:fs/promises and the GGUF and safetensors code) are
// loaded only when one is there. recommend scans while the hardware is probed.
import { realpathSync, statSync } from 'node:fs';
import type { StoreRoot } from './stores.js';
import type { FoundModel, ScanProblem, ScanResult } from './types.js';

export type { FoundModel, ScanProblem, ScanResult } from './types.js';

/** A folder (a link to one counts), without an exception for the common answer, "not there". */
function isDir(p: string): boolean {
  try {
    return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

export async function scanStores(roots: readonly StoreRoot[]): Promise<ScanResult> {
  const problems: ScanProblem[] = [];
  const models: FoundModel[] = [];
  const stores: ScanResult['stores'] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    const exists = isDir(root.dir);
    stores.push({ ...root, exists });
    if (!exists) continue;
    // The same folder reached twice (a symlinked store) is scanned once.
    let real = root.dir;
    try {
      real = realpathSync.native(root.dir);
    } catch {
      // keep the given path
    }
    if (seen.has(`${root.store}:${real}`)) continue;
    seen.add(`${root.store}:${real}`);
    const { SCANNERS } = await import('./store-scanners.js');
    models.push(...(await SCANNERS[root.store](root.dir, problems)));
  }
  return { models, problems, stores };
}
