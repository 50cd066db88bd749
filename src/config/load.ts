// Reading the per-user defaults file (YAML): `loadConfig(path) → { values, errors }`, every error
// one line naming the file, the line and the key. Nothing is written here.
import { readFile } from 'node:fs/promises';
import { configKey, CONFIG_KEY_NAMES, type ConfigValue } from './keys.js';

export interface LoadedConfig {
  path: string;
  exists: boolean;
  values: Record<string, ConfigValue>;
  /** "FILE:LINE KEY: what is wrong and what is allowed". */
  errors: string[];
}

/** Parse config text; pure apart from the yaml import. */
export async function parseConfig(text: string, path: string): Promise<Omit<LoadedConfig, 'exists'>> {
  const { parseDocument, LineCounter, isMap, isScalar } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const errors: string[] = [];
  const values: Record<string, ConfigValue> = {};
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lines.linePos(offset).line);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return { path, values, errors: [`${path}:${lineOf(e.pos[0])}: not valid YAML (${e.message.split('\n')[0]})`] };
  }
  if (doc.contents === null) return { path, values, errors };
  if (!isMap(doc.contents)) return { path, values, errors: [`${path}:${lineOf(doc.contents.range?.[0])}: expected KEY: VALUE lines (keys: ${CONFIG_KEY_NAMES.join(', ')})`] };
  for (const pair of doc.contents.items) {
    const keyNode = pair.key;
    const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const line = lineOf(isScalar(keyNode) ? keyNode.range?.[0] : undefined);
    const def = configKey(name);
    if (!def) {
      errors.push(`${path}:${line} ${name}: unknown key; keys: ${CONFIG_KEY_NAMES.join(', ')}`);
      continue;
    }
    const raw = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? (isScalar(pair.value) ? pair.value.value : null);
    const checked = def.check(raw, false);
    if ('allowed' in checked) errors.push(`${path}:${line} ${name}: takes ${checked.allowed}; got ${JSON.stringify(raw)?.slice(0, 60)}`);
    else values[def.key] = checked.value;
  }
  return { path, values, errors };
}

/** The file's values and errors; a missing file is empty (no error). */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { path, exists: false, values: {}, errors: [] };
    return { path, exists: true, values: {}, errors: [`${path}: cannot be read (${code ?? 'error'})`] };
  }
  return { ...(await parseConfig(text, path)), exists: true };
}
