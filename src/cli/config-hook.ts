// Applies the per-user defaults file to a command's options: a value from the file fills an
// option the command has and the user did not type (flags win over the file, the file over the
// built-in defaults). Hardware keys (gpu, vram, gpus, ram, cpu-only) go together: one hardware
// flag on the command line and the file's hardware is not used. `catalogs` come before --catalog.
// A malformed file stops the command with one line naming file, line and key (exit 2).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { UsageError } from '../core/errors.js';
import { configFilePath } from '../config/paths.js';
import { CONFIG_KEYS } from '../config/keys.js';
import type { CommandContext } from './context.js';
import type { ParsedLine } from './plain-line.js';

/** Commands that never read the defaults: config manages the file, schema prints fixed text, calibrate's --gpu names the measured card. */
const SKIP = new Set(['config', 'schema', 'calibrate']);

/** What the hook reads of a parsed command line (commander's or src/cli/plain-line.ts's). */
export type CommandView = Pick<ParsedLine, 'command' | 'parent' | 'has' | 'typed'> & { configFile: string | undefined };

export function configPathFor(view: Pick<CommandView, 'configFile'>, env: NodeJS.ProcessEnv = process.env): string {
  return configFilePath(env, env.HOME || homedir(), process.platform, view.configFile);
}

export async function applyConfigDefaults(view: CommandView, options: Record<string, unknown>, ctx: CommandContext): Promise<void> {
  if (SKIP.has(view.command) || SKIP.has(view.parent)) return;
  const flagged = view.configFile !== undefined;
  const path = configPathFor(view);
  // No file, nothing to do (and no YAML parser loaded); a --config-file that is missing is an error.
  if (!existsSync(path)) {
    if (flagged) throw new UsageError(`--config-file ${path}: no such file`);
    return;
  }
  const { loadConfig } = await import('../config/load.js');
  const loaded = await loadConfig(path);
  if (loaded.errors.length > 0) {
    const more = loaded.errors.length > 1 ? ` (and ${loaded.errors.length - 1} more)` : '';
    throw new UsageError(`${loaded.errors[0]}${more}; fix the file or pass --config-file`);
  }
  const has = view.has;
  const typed = view.typed;
  const hardwareTyped = CONFIG_KEYS.some((k) => k.group === 'hardware' && k.option && typed(k.option));
  for (const k of CONFIG_KEYS) {
    const value = loaded.values[k.key];
    if (value === undefined || !k.option || !has(k.option) || typed(k.option)) continue;
    if (k.group === 'hardware' && hardwareTyped) continue;
    options[k.option] = value;
  }
  const catalogs = loaded.values.catalogs;
  if (Array.isArray(catalogs)) ctx.catalogFiles = [...catalogs, ...ctx.catalogFiles];
}
