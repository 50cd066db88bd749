// Pure parser of `rocm-smi --showproductname --showmeminfo vram --json` (AMD, Linux).
import { INTEGRATED_VRAM_MAX_BYTES } from '../constants.js';
import type { DetectedGpu } from '../probe/types.js';

export const ROCM_SMI_ARGS = ['--showproductname', '--showmeminfo', 'vram', '--json'] as const;

export interface RocmParse {
  gpus: DetectedGpu[];
  warnings: string[];
}

function bytes(raw: unknown): number | null {
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return Math.round(raw);
  if (typeof raw === 'string' && /^\d+$/.test(raw.trim())) return Number(raw.trim());
  return null;
}

function text(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const t = raw.trim();
  return t === '' || /^n\/a$/i.test(t) ? null : t;
}

/** Keys differ across rocm-smi versions ("Card Series" / "Card series"); look them up case-insensitively. */
function field(card: Record<string, unknown>, ...names: string[]): unknown {
  const keys = Object.keys(card);
  for (const name of names) {
    const key = keys.find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) return card[key];
  }
  return undefined;
}

/**
 * "Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]" names a chip family; the part in
 * brackets is the closer product name, but may list several products.
 */
function productName(card: Record<string, unknown>): string | null {
  const series = text(field(card, 'Card Series', 'Card series', 'Marketing Name'));
  if (series === null) return text(field(card, 'Card Model', 'Card model'));
  const bracket = /\[([^\]]+)\]/.exec(series);
  if (bracket && !bracket[1]!.includes('/')) return `AMD ${bracket[1]!.trim()}`;
  return series;
}

/**
 * rocm-smi sometimes prints warnings before the JSON; the document is taken
 * from the first "{" to the last "}". Keys "card0", "card1", ... hold strings.
 */
export function parseRocmSmiJson(stdout: string): RocmParse {
  const warnings: string[] = [];
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end <= start) {
    return { gpus: [], warnings: stdout.trim() === '' ? [] : ['rocm-smi printed no JSON; AMD GPUs were not read'] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(stdout.slice(start, end + 1));
  } catch {
    return { gpus: [], warnings: ['rocm-smi printed JSON that could not be read; AMD GPUs were not read'] };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { gpus: [], warnings: ['rocm-smi printed JSON of an unexpected shape; AMD GPUs were not read'] };
  }
  const gpus: DetectedGpu[] = [];
  const cards = Object.entries(doc as Record<string, unknown>)
    .map(([key, card]) => ({ key, n: /^card(\d+)$/i.exec(key), card }))
    .filter((c): c is { key: string; n: RegExpExecArray; card: Record<string, unknown> } => c.n !== null && typeof c.card === 'object' && c.card !== null)
    .sort((a, b) => Number(a.n[1]) - Number(b.n[1]))
    .slice(0, 256); // bounded work (issue #22), as for nvidia-smi
  for (const { key, n, card } of cards) {
    const total = bytes(field(card, 'VRAM Total Memory (B)'));
    const used = bytes(field(card, 'VRAM Total Used Memory (B)'));
    const name = productName(card) ?? `AMD GPU (${key})`;
    if (total === null) warnings.push(`rocm-smi gave no VRAM size for ${key} (${name})`);
    gpus.push({
      index: Number(n[1]),
      name,
      vendor: 'amd',
      vramBytes: total,
      freeVramBytes: total !== null && used !== null ? Math.max(0, total - used) : null,
      source: 'rocm-smi',
      driverVersion: null,
      computeCapability: text(field(card, 'GFX Version')),
      unifiedMemory: false,
      integrated: total !== null && total < INTEGRATED_VRAM_MAX_BYTES,
      migEnabled: null,
      migInstances: [],
    });
  }
  return { gpus, warnings };
}
