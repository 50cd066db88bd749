// `llm-pick config show|path|set KEY VALUE`: the per-user defaults file. `set` checks the value
// against the key table, keeps the file's comments and other keys, and never touches a file it
// cannot parse (the error names file, line and key; exit 2).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { homedir } from 'node:os';
import type { ConfigDocument } from '../../config/output-schema.js';
import type { CommandContext, CommandModule } from '../context.js';
import { UsageError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';

export interface ConfigOptions {
  args: string[];
  /** Set by the program from the global --config-file. */
  configFile?: string;
}

type Action = ConfigDocument['action'];

async function locate(options: ConfigOptions): Promise<{ file: string; fileFrom: ConfigDocument['fileFrom'] }> {
  const { configFilePath } = await import('../../config/paths.js');
  const env = process.env;
  const file = configFilePath(env, env.HOME || homedir(), process.platform, options.configFile);
  return { file, fileFrom: options.configFile ? '--config-file' : env.LLM_PICK_CONFIG ? 'LLM_PICK_CONFIG' : 'default' };
}

async function run(action: Action, options: ConfigOptions): Promise<ConfigDocument> {
  const { CONFIG_KEYS, CONFIG_KEY_NAMES, configKey } = await import('../../config/keys.js');
  const { loadConfig } = await import('../../config/load.js');
  const where = await locate(options);
  const keys = CONFIG_KEYS.map((k) => ({ key: k.key, option: k.option, description: k.description }));
  const base = { schemaVersion: 1 as const, kind: 'config' as const, action, ...where, keys, set: null };
  if (action === 'path') {
    const loaded = await loadConfig(where.file);
    return { ...base, exists: loaded.exists, values: loaded.values };
  }
  const loaded = await loadConfig(where.file);
  if (loaded.errors.length > 0) {
    throw new UsageError(`${loaded.errors[0]}${action === 'set' ? '; the file was not changed' : ''}`);
  }
  if (action === 'show') return { ...base, exists: loaded.exists, values: loaded.values };

  const [name, ...rest] = options.args;
  if (name === undefined || rest.length === 0) throw new UsageError(`config set takes KEY VALUE; keys: ${CONFIG_KEY_NAMES.join(', ')}`);
  const def = configKey(name);
  if (!def) throw new UsageError(`config set: unknown key "${name}"; keys: ${CONFIG_KEY_NAMES.join(', ')}`);
  const raw = rest.join(' ');
  const checked = def.check(raw, true);
  if ('allowed' in checked) throw new UsageError(`config set ${def.key} takes ${checked.allowed}; got ${JSON.stringify(raw).slice(0, 80)}`);
  // Edit the YAML document in place so comments and other keys stay as the user wrote them.
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(loaded.exists ? await readFile(where.file, 'utf8') : '');
  doc.set(def.key, checked.value);
  await mkdir(dirname(where.file), { recursive: true });
  const tmp = `${where.file}.${process.pid}.tmp`;
  await writeFile(tmp, doc.toString());
  await rename(tmp, where.file);
  return { ...base, exists: true, values: { ...loaded.values, [def.key]: checked.value }, set: { key: def.key, value: checked.value } };
}

function render(result: ConfigDocument, _ui: Ui): string {
  if (result.action === 'path') return `${result.file}${result.exists ? '' : ' (does not exist yet; `llm-pick config set KEY VALUE` creates it)'}`;
  if (result.set) return `Set ${result.set.key} = ${JSON.stringify(result.set.value)} in ${result.file}`;
  const lines: string[] = [];
  lines.push(`${result.file}${result.exists ? '' : ' (does not exist: built-in defaults apply)'}`);
  for (const k of result.keys) {
    const v = result.values[k.key];
    lines.push(`  ${k.key.padEnd(10)} ${v === undefined ? '—' : Array.isArray(v) ? v.join(', ') : String(v)}${v === undefined ? `  (${k.description})` : ''}`);
  }
  lines.push('Flags win over this file; the file wins over built-in defaults. Change a value: llm-pick config set KEY VALUE');
  return lines.join('\n');
}

/** One module per subcommand, sharing run and render. */
export function forAction(action: Action): CommandModule<ConfigOptions, ConfigDocument> {
  return { run: (options: ConfigOptions, _ctx: CommandContext) => run(action, options), render };
}
