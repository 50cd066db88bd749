// Where per-user files live: LLM_PICK_CONFIG_DIR (tests, portable installs), else
// $XDG_CONFIG_HOME/llm-pick, else the platform's config folder (macOS ~/Library/Application
// Support, Windows %APPDATA%, elsewhere ~/.config). Pure: env, home and platform come in.
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

export function configDir(env: Env, home: string, platform: NodeJS.Platform): string {
  if (env.LLM_PICK_CONFIG_DIR) return env.LLM_PICK_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'llm-pick');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'llm-pick');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'llm-pick');
  return join(home, '.config', 'llm-pick');
}

/** The defaults file: --config-file, else LLM_PICK_CONFIG, else <configDir>/config.yaml. */
export function configFilePath(env: Env, home: string, platform: NodeJS.Platform, flag?: string): string {
  if (flag) return flag;
  if (env.LLM_PICK_CONFIG) return env.LLM_PICK_CONFIG;
  return join(configDir(env, home, platform), 'config.yaml');
}

export function calibrationFilePath(env: Env, home: string, platform: NodeJS.Platform): string {
  return join(configDir(env, home, platform), 'calibration.json');
}
