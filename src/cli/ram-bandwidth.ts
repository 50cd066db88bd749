// --ram-bandwidth GBPS (fit, recommend, cost): the user's figure for system RAM bandwidth
// replaces the detected or default one (plan.ram.bandwidthGBps) that layers and experts kept in
// RAM are read at.
import type { HardwarePlan } from '../hardware/types.js';


export function withRamBandwidth(plan: HardwarePlan, gbps: number | undefined): HardwarePlan {
  if (gbps === undefined) return plan;
  return { ...plan, ram: { ...plan.ram, bandwidthGBps: gbps, bandwidthSource: `--ram-bandwidth ${gbps} GB/s` } };
}
