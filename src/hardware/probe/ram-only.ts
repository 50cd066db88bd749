// A probe for planned hardware: RAM and CPU only, never a GPU tool. On macOS,
// where node:os undercounts available memory, systeminformation is still asked.
import { PROBE_TIMEOUT_MS } from '../constants.js';
import { loadSystemInformation, probeSystem } from './system.js';
import type { HardwareProbe } from './types.js';

let once: ReturnType<HardwareProbe['system']> | undefined;

export const ramOnlyProbe: HardwareProbe = {
  gpus: () => Promise.reject(new Error('planned hardware: GPUs are not probed')),
  system: () => (once ??= probeSystem({ timeoutMs: PROBE_TIMEOUT_MS, loadSi: process.platform === 'darwin' ? loadSystemInformation : null })),
};
