// Loading the catalog at run time: the built-in one was validated and compiled
// to dist/catalog.json at build time (scripts/build-catalog.mjs), so one-shot
// commands read one JSON file and load neither YAML nor zod. User catalogs
// (--catalog FILE) are parsed and validated here, lazily.
import { closeSync, constants, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { CliError, UsageError } from '../core/errors.js';
import { phaseClock, recordPhase } from '../core/phases.js';
import type { LoadResult } from './parse.js';
import type { Catalog, Model } from './schema.js';
import { checkedLeanModels } from './lean.js';
import { indexWeightsLines, type WeightsLines } from '../estimate/weights-table.js';

/** Package root: two levels above both src/catalog/load.ts and dist/catalog/load.js. */
const ROOT = new URL('../../', import.meta.url);
export const BUILTIN_CATALOG_URL = new URL('dist/catalog.json', ROOT);
const BUILTIN_MODELS_URL = new URL('dist/catalog-models.json', ROOT);
const BUILTIN_LEAN_MODELS_URL = new URL('dist/catalog-models-lean.json', ROOT);
const BUILTIN_MODEL_INDEX_URL = new URL('dist/catalog-models-index.json', ROOT);
const BUILTIN_SCORES_URL = new URL('dist/catalog-scores.json', ROOT);
export const DATA_DIR_URL = new URL('data/', ROOT);
const QUALITY_URL = new URL('dist/quality.json', ROOT);
const QUALITY_NUMBERS_URL = new URL('dist/quality-numbers.bin', ROOT);
const WEIGHTS_URL = new URL('dist/weights.tsv', ROOT);

function readQuality(): unknown {
  try {
    return JSON.parse(readFileSync(QUALITY_URL, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/**
 * The quality table's numbers packed at build time (dist/quality-numbers.bin; src/decide/task-fit.ts
 * PackedQuality reads them and checks them against the catalog), and each model's entry of
 * dist/quality.json on demand: the file is read once when the first entry is asked for (one read,
 * not one per entry: `models --json` asks for all of them), and only the entries asked for are
 * decoded (ASCII, one byte a character) and parsed. null when the packed file cannot be read.
 */
function readQualityPacked(): { bytes: Uint8Array; entry(offset: number, length: number): string | null } | null {
  let bytes: Buffer | null | undefined;
  const entry = (offset: number, length: number): string | null => {
    if (bytes === undefined) {
      try {
        bytes = readFileSync(QUALITY_URL);
      } catch {
        bytes = null;
      }
    }
    return bytes !== null && offset >= 0 && length >= 0 && offset + length <= bytes.length ? bytes.toString('latin1', offset, offset + length) : null;
  };
  try {
    return { bytes: readFileSync(QUALITY_NUMBERS_URL), entry };
  } catch {
    return null;
  }
}

/**
 * The weights computed at build time for the built-in catalog's shapes (scripts/build-catalog.mjs,
 * src/estimate/weights-table.ts), or null when the file is missing or damaged (then every estimate
 * is computed, with the same result).
 */
export function readBuiltWeights(): WeightsLines | null {
  try {
    // ASCII (test/estimate/weights-table.test.ts): latin1 reads it without UTF-8 decoding (-0.6 M instructions).
    return indexWeightsLines(readFileSync(WEIGHTS_URL, 'latin1'));
  } catch {
    return null;
  }
}

const MAX_CATALOG_BYTES = 16 * 1024 * 1024;
/** How long a pipe given as a catalog may keep llm-pick waiting for its data. */
const READ_WAIT_MS = 3000;

/** qualityScores, qualityPacked: the quality table computed at build time (src/decide/task-fit.ts reads them); merged catalogs go without. */
let builtin: (Catalog & { qualityScores?: unknown; qualityPacked?: unknown }) | undefined;
/** The built-in models once parsed (the `models` of the built-in catalog). */
let builtinModels: Catalog['models'] | undefined;

/** A built-in catalog file's JSON; a missing file is an install that was never built. */
function readBuiltin(url: URL, name: string): unknown {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch {
    throw new CliError(`the built-in catalog (${name}) is missing: run \`npm run build\``, 1);
  }
  return JSON.parse(text);
}

/**
 * The built-in catalog. GPUs, quants and engines come from dist/catalog.json; the models and the
 * benchmark scores from their own files, read on first use: `fit --params` and `hardware` never
 * parse the 550 KB of models, and ranking (which reads the quality table computed at build time,
 * dist/quality.json) never parses the 310 KB of raw scores.
 */
export function loadBuiltinCatalog(): Catalog {
  if (!builtin) {
    const start = phaseClock();
    const parsed = readBuiltin(BUILTIN_CATALOG_URL, 'dist/catalog.json') as Pick<Catalog, 'gpus' | 'quants' | 'engines'>;
    let scores: Catalog['scores'] | undefined;
    const lazy = <T>(read: () => T): T => {
      const at = phaseClock();
      const value = read();
      recordPhase('catalog', at);
      return value;
    };
    const catalog = { gpus: parsed.gpus, quants: parsed.quants, engines: parsed.engines } as Catalog & { qualityScores?: unknown };
    Object.defineProperty(catalog, 'models', {
      enumerable: true,
      get: () => (builtinModels ??= lazy(() => readBuiltin(BUILTIN_MODELS_URL, 'dist/catalog-models.json') as Catalog['models'])),
    });
    Object.defineProperty(catalog, 'scores', {
      enumerable: true,
      get: () => (scores ??= lazy(() => readBuiltin(BUILTIN_SCORES_URL, 'dist/catalog-scores.json') as Catalog['scores'])),
    });
    // The quality table computed at build time (src/decide/task-fit.ts reads it), from its own file
    // on first use: fit and the listings never pay for it. Missing or damaged: undefined, recomputed.
    let quality: unknown;
    Object.defineProperty(catalog, 'qualityScores', {
      enumerable: false,
      get: () => (quality ??= readQuality()),
    });
    // Ranking reads the numbers alone, packed, and the entries of the picks it shows (task-fit.ts).
    let packed: ReturnType<typeof readQualityPacked> | undefined;
    Object.defineProperty(catalog, 'qualityPacked', {
      enumerable: false,
      get: () => (packed ??= lazy(readQualityPacked)),
    });
    builtin = catalog;
    recordPhase('catalog', start);
  }
  return builtin;
}

/** The built-in catalog as recommend ranks on it (loadRankingCatalog). */
let ranking: Catalog | undefined;

/**
 * The lean models (src/catalog/lean.ts, dist/catalog-models-lean.json), or null when that file is
 * missing, damaged or not made from the models file beside it (its byte length), or when the whole
 * models are parsed already.
 */
function readLeanModels(): Catalog['models'] | null {
  if (builtinModels) return null;
  const start = phaseClock();
  try {
    const modelsBytes = statSync(BUILTIN_MODELS_URL).size;
    return checkedLeanModels(JSON.parse(readFileSync(BUILTIN_LEAN_MODELS_URL, 'utf8')), modelsBytes);
  } catch {
    return null;
  } finally {
    recordPhase('catalog', start);
  }
}

/**
 * The built-in catalog for `recommend`: the same GPUs, quants, engines, scores and quality table,
 * and the models in their lean form (every field but sources, notes, descriptions, raw quality
 * signals and the vision block; src/catalog/lean.ts), read on first use. Ranking reads nothing
 * else of a model, and its result holds no model object: the answer is the same, from ~170 KB of
 * JSON instead of ~600 KB. A lean file that cannot be used gives the whole models. `wholeCatalog`
 * (not enumerable) is the built-in catalog, for what needs whole models (the quality table when it
 * must be computed: src/decide/task-fit.ts).
 */
export function loadRankingCatalog(): Catalog {
  if (!ranking) {
    const base = loadBuiltinCatalog() as Catalog & { qualityScores?: unknown; qualityPacked?: unknown };
    let models: Catalog['models'] | undefined;
    const catalog = { gpus: base.gpus, quants: base.quants, engines: base.engines } as Catalog;
    Object.defineProperty(catalog, 'models', { enumerable: true, get: () => (models ??= readLeanModels() ?? base.models) });
    Object.defineProperty(catalog, 'scores', { enumerable: true, get: () => base.scores });
    Object.defineProperty(catalog, 'qualityScores', { enumerable: false, get: () => base.qualityScores });
    Object.defineProperty(catalog, 'qualityPacked', { enumerable: false, get: () => base.qualityPacked });
    Object.defineProperty(catalog, 'wholeCatalog', { enumerable: false, value: base });
    ranking = catalog;
  }
  return ranking;
}

/** Where each built-in model's text lies in dist/catalog-models.json: id → [offset, length]; null when unreadable. */
let modelOffsets: Record<string, [number, number]> | null | undefined;

/** The model's JSON text cut out of dist/catalog-models.json, or null when the index or the file cannot be read. */
function builtinModelText(id: string): string | null {
  try {
    modelOffsets ??= JSON.parse(readFileSync(BUILTIN_MODEL_INDEX_URL, 'latin1')) as Record<string, [number, number]>;
  } catch {
    modelOffsets = null;
  }
  const at = modelOffsets && Object.hasOwn(modelOffsets, id) ? modelOffsets[id] : undefined;
  if (!Array.isArray(at)) return null;
  const [offset, length] = at;
  try {
    const fd = openSync(BUILTIN_MODELS_URL, 'r');
    try {
      const bytes = Buffer.alloc(length);
      return readSync(fd, bytes, 0, length, offset) === length ? bytes.toString('latin1') : null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/**
 * One built-in model by its catalog id, read alone (the ~600 KB of the others are not parsed), or
 * undefined when the index does not name it. The index (dist/catalog-models-index.json) only speeds
 * the lookup up: a missing or damaged index, or a slice that is not the model it names, gives
 * undefined, and the caller looks the name up in the whole list (`models`) as before, with the same
 * errors. Once the whole list is parsed, the model is taken from it.
 */
export function builtinModelById(id: string): Model | undefined {
  if (builtinModels) return builtinModels.find((m) => m.id === id);
  const start = phaseClock();
  try {
    const text = builtinModelText(id);
    if (text === null) return undefined;
    const model = JSON.parse(text) as Model;
    return model.id === id ? model : undefined;
  } catch {
    return undefined;
  } finally {
    recordPhase('catalog', start);
  }
}

/** The file's bytes, or null when it holds more than max. */
function readAtMost(file: string, max: number): Buffer | null {
  // O_NONBLOCK: a FIFO with no writer opens at once (and reads as empty) instead of blocking
  // forever; a pipe that is slow to write is waited for at most READ_WAIT_MS (issue #22).
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const chunks: Buffer[] = [];
    const chunk = Buffer.alloc(1 << 16);
    let total = 0;
    const deadline = Date.now() + READ_WAIT_MS;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > deadline) throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (n === 0) return Buffer.concat(chunks, total);
      total += n;
      if (total > max) return null;
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
  } finally {
    closeSync(fd);
  }
}

/** Read a catalog file's text, or say in one line why it cannot be read. */
export function readCatalogText(file: string, flag = '--catalog'): { text: string } | { error: string } {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { error: `${flag} ${file}: is a directory; give a YAML or JSON file` };
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: `${flag} ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`}` };
  }
  if (size > MAX_CATALOG_BYTES) return { error: `${flag} ${file}: too large (${size} bytes; at most ${MAX_CATALOG_BYTES})` };
  try {
    // Bounded: a device or pipe reports size 0 and may never end (/dev/zero).
    const bytes = readAtMost(file, MAX_CATALOG_BYTES);
    if (!bytes) return { error: `${flag} ${file}: too large (more than ${MAX_CATALOG_BYTES} bytes)` };
    return { text: bytes.toString('utf8') };
  } catch (e) {
    return { error: `${flag} ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

/** Merge one user catalog over a base catalog: every error, with file:line. */
export async function mergeUserCatalog(base: Catalog, file: string, text: string): Promise<LoadResult<Catalog>> {
  const { parseText } = await import('./parse.js');
  const { addFile, assembled, checkAssembly, emptyAssembly } = await import('./assemble.js');
  const parsed = parseText(text, file);
  if (!parsed.value) return { value: null, errors: parsed.errors, warnings: parsed.warnings };
  const assembly = emptyAssembly(base);
  const errors = addFile(assembly, parsed.value, 'merge');
  if (errors.length === 0) errors.push(...checkAssembly(assembly, true));
  return assembled(assembly, errors, parsed.warnings);
}

const cache = new Map<string, Promise<Catalog>>();

/** The built-in catalog with user catalogs merged over it, in order. Bad user catalogs are a UsageError. */
export function loadCatalog(files: readonly string[] = []): Promise<Catalog> {
  const key = files.join('\u0000');
  let pending = cache.get(key);
  if (!pending) {
    const start = phaseClock();
    pending = (async () => {
      let catalog = loadBuiltinCatalog();
      for (const file of files) {
        const read = readCatalogText(file);
        if ('error' in read) throw new UsageError(read.error);
        const result = await mergeUserCatalog(catalog, file, read.text);
        if (!result.value) {
          const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more: run \`llm-pick catalog validate ${file}\`)` : '';
          throw new UsageError(`${result.errors[0]}${more}`);
        }
        catalog = result.value;
      }
      return catalog;
    })().finally(() => recordPhase('catalog', start));
    cache.set(key, pending);
  }
  return pending;
}
