// Who holds GPU memory: `nvidia-smi --query-compute-apps=gpu_bus_id,pid,process_name,used_memory
// --format=csv,noheader,nounits` (the query and its field names: nvidia-smi --help-query-compute-apps;
// the same query with a header is quoted in utkuozdemir/nvidia_gpu_exporter#108), and the bus id of
// each card (`--query-gpu=index,pci.bus_id`) to tell the cards apart. Pure parsers.
import { MIB } from '../constants.js';

export const COMPUTE_APPS_ARGS = ['--query-compute-apps=gpu_bus_id,pid,process_name,used_memory', '--format=csv,noheader,nounits'];
export const BUS_ID_ARGS = ['--query-gpu=index,pci.bus_id', '--format=csv,noheader'];

export interface ComputeApp {
  busId: string;
  pid: number;
  /** The program's file name ("ollama"), not its path. */
  name: string;
  /** null: "[N/A]" (Windows WDDM does not report per-process memory). */
  bytes: number | null;
}

/** Bus ids differ in case and in the domain's width ("00000000:01:00.0" vs "0000:01:00.0"). */
export function normalizeBusId(id: string): string {
  const m = /([0-9a-f]+):([0-9a-f]{2}):([0-9a-f]{2})\.([0-9a-f])\s*$/i.exec(id.trim());
  return m ? `${m[2]}:${m[3]}.${m[4]}`.toLowerCase() : id.trim().toLowerCase();
}

export function parseComputeApps(stdout: string): ComputeApp[] {
  const apps: ComputeApp[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || /^no running/i.test(t)) continue;
    const first = t.indexOf(',');
    const second = t.indexOf(',', first + 1);
    const last = t.lastIndexOf(',');
    if (first < 0 || second < 0 || last <= second) continue;
    const pid = Number(t.slice(first + 1, second).trim());
    if (!Number.isInteger(pid) || pid < 0) continue;
    const path = t.slice(second + 1, last).trim();
    const mem = t.slice(last + 1).trim();
    apps.push({
      busId: normalizeBusId(t.slice(0, first)),
      pid,
      name: path.split(/[\\/]/).pop() || path,
      bytes: /^\d+$/.test(mem) ? Number(mem) * MIB : null,
    });
  }
  return apps;
}

/** index → normalized bus id, from `--query-gpu=index,pci.bus_id --format=csv,noheader`. */
export function parseBusIds(stdout: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s*(\d+)\s*,\s*(\S+)\s*$/.exec(line);
    if (m) out.set(Number(m[1]), normalizeBusId(m[2]!));
  }
  return out;
}
