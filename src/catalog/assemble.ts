// Assembling a catalog from files: built-in data files are added side by side;
// a user catalog is merged over them by id (its fields override, new ids add).
// Every entry remembers the file it came from so findings get a file:line.
import {
  ENTRY_SCHEMAS,
  SECTIONS,
  checkTopLevel,
  formatPath,
  issuesToErrors,
  locate,
  type LoadResult,
  type ParsedFile,
  type Section,
} from './parse.js';
import { runRules } from './rules.js';
import { boundsOf } from './bounds.js';
import type { Catalog } from './schema.js';
import { GPU_FIELD_FORMS, idFromName, withGpuDefaults } from './user-gpu.js';

interface Origin {
  parsed: ParsedFile;
  index: number;
}

export interface Assembly {
  catalog: Catalog;
  origins: Record<Section, (Origin | null)[]>;
}

export function emptyAssembly(base?: Catalog): Assembly {
  const catalog: Catalog = base
    ? { models: [...base.models], gpus: [...base.gpus], quants: [...base.quants], engines: [...base.engines], scores: [...(base.scores ?? [])] }
    : { models: [], gpus: [], quants: [], engines: [], scores: [] };
  return {
    catalog,
    origins: {
      models: catalog.models.map(() => null),
      gpus: catalog.gpus.map(() => null),
      quants: catalog.quants.map(() => null),
      engines: catalog.engines.map(() => null),
      scores: catalog.scores.map(() => null),
    },
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Objects merge field by field; arrays and scalars are replaced. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? deepMerge(base[k], v) : v;
  return out;
}

/**
 * Add one parsed file. mode "add": every entry must be complete and new.
 * mode "merge": an entry whose id exists overrides that entry's fields.
 */
export function addFile(assembly: Assembly, parsed: ParsedFile, mode: 'add' | 'merge'): string[] {
  const top = checkTopLevel(parsed);
  if (top.length > 0) return top;
  const errors: string[] = [];
  const data = parsed.data as Partial<Record<Section, unknown[]>>;
  for (const section of SECTIONS) {
    const list = data[section];
    if (!list) continue;
    const seenInFile = new Set<string>();
    list.forEach((raw, index) => {
      const where = [section, index];
      // A user catalog GPU may leave its id out: it is derived from the name (src/catalog/user-gpu.ts).
      const userGpu = mode === 'merge' && section === 'gpus' && isPlainObject(raw);
      const id = isPlainObject(raw) ? (raw.id ?? (userGpu && typeof raw.name === 'string' ? idFromName(raw.name) : undefined)) : undefined;
      if (!isPlainObject(raw) || typeof id !== 'string') {
        const needs = section === 'gpus' && mode === 'merge' ? 'a "name" (or an "id")' : 'an "id"';
        errors.push(`${locate(parsed, where)} ${formatPath(where)}: each entry is a mapping with ${needs}`);
        return;
      }
      if (seenInFile.has(id.toLowerCase())) {
        errors.push(`${locate(parsed, [...where, 'id'])} ${formatPath([...where, 'id'])}: duplicate id "${id}" in this file`);
        return;
      }
      seenInFile.add(id.toLowerCase());
      const entries = assembly.catalog[section] as { id: string }[];
      const existingAt = mode === 'merge' ? entries.findIndex((e) => e.id.toLowerCase() === id.toLowerCase()) : -1;
      const candidate = existingAt >= 0 ? deepMerge(entries[existingAt], raw) : userGpu ? withGpuDefaults(raw, parsed.file) : raw;
      const result = ENTRY_SCHEMAS[section].safeParse(candidate);
      if (!result.success) {
        // A GPU whose vendor is unknown is told so once: its backend would follow from the vendor.
        const vendorMissing = userGpu && result.error.issues.some((i) => i.path[0] === 'vendor');
        const issues = result.error.issues.filter((i) => !(vendorMissing && i.path[0] === 'backend' && raw.backend === undefined));
        errors.push(...issuesToErrors(parsed, where, issues, { given: raw, forms: section === 'gpus' ? GPU_FIELD_FORMS : {} }));
        return;
      }
      const outOfRange = boundsOf(section, result.data);
      if (outOfRange.length > 0) {
        errors.push(...outOfRange.map((f) => `${locate(parsed, [...where, ...f.path])} ${formatPath([...where, ...f.path])}: ${f.message}`));
        return;
      }
      const origin = { parsed, index };
      if (existingAt >= 0) {
        entries[existingAt] = result.data as { id: string };
        assembly.origins[section][existingAt] = origin;
      } else {
        entries.push(result.data as { id: string });
        assembly.origins[section].push(origin);
      }
    });
  }
  return errors;
}

/** Cross-field rules over the assembled catalog; findings on built-in entries are skipped when onlyFiles is set. */
export function checkAssembly(assembly: Assembly, onlyWithOrigin = false): string[] {
  return runRules(assembly.catalog).flatMap((f) => {
    const origin = assembly.origins[f.section][f.index];
    if (!origin) return onlyWithOrigin ? [] : [`built-in catalog ${f.section}[${f.index}].${formatPath(f.path)}: ${f.message}`];
    const path = [f.section, origin.index, ...f.path];
    return [`${locate(origin.parsed, path)} ${formatPath(path)}: ${f.message}`];
  });
}

export function assembled(assembly: Assembly, errors: string[], warnings: string[] = []): LoadResult<Catalog> {
  return errors.length > 0 ? { value: null, errors, warnings } : { value: assembly.catalog, errors, warnings };
}
