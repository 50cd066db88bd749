// The installed-models layer's entry for commands: scan the stores this platform uses.
import { homedir } from 'node:os';
import { scanStores, type ScanResult } from './scan.js';
import { storeRoots } from './stores.js';

export { scanStores, type FoundModel, type ScanProblem, type ScanResult } from './scan.js';
export { storeRoots, type StoreKind, type StoreRoot } from './stores.js';

/** Every store of this machine (env vars, HOME, platform), read in place. */
export function scanThisMachine(env: NodeJS.ProcessEnv = process.env): Promise<ScanResult> {
  return scanStores(storeRoots(env, env.HOME || homedir(), process.platform));
}
