// Applies the per-user defaults file to a command's options: a value from the file fills an
// option the command has and the user did not type (flags win over the file, the file over the
// built-in defaults). Hardware keys (gpu, vram, gpus, ram, cpu-only) go together: one hardware
// flag on the command line and the file's hardware is not used. `catalogs` come before --catalog.
// A malformed file stops the command with one line naming file, line and key (exit 2).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { UsageError } from '../core/errors.js';
import { configFilePath } from '../config/paths.js';
import { CONFIG_KEYS } from '../config/keys.js';
import type { CommandContext } from './context.js';

/** Commands that never read the defaults: config manages the file, schema prints fixed text, calibrate's --gpu names the measured card. */
const SKIP = new Set(['config', 'schema', 'calibrate']);

export function configPathFor(cmd: Command, env: NodeJS.ProcessEnv = process.env): string {
  const flag = (cmd.optsWithGlobals() as { configFile?: string }).configFile;
  return configFilePath(env, env.HOME || homedir(), process.platform, flag);
}

export async function applyConfigDefaults(cmd: Command, options: Record<string, unknown>, ctx: CommandContext): Promise<void> {
  if (SKIP.has(cmd.name()) || SKIP.has(cmd.parent?.name() ?? '')) return;
  const flagged = (cmd.optsWithGlobals() as { configFile?: string }).configFile !== undefined;
  const path = configPathFor(cmd);
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
  const has = (attr: string) => cmd.options.some((o) => o.attributeName() === attr);
  const typed = (attr: string) => cmd.getOptionValueSource(attr) === 'cli';
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
