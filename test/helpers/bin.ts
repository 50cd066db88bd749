// Run the built CLI (bin/llm-pick.cjs) as a real process. `npm test` builds first (pretest).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = `${ROOT}bin/llm-pick.cjs`;
export const NO_NETWORK = `${ROOT}test/helpers/no-network.mjs`;

export interface BinResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runBin(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: string; nodeArgs?: string[]; timeoutMs?: number; cwd?: string } = {},
): BinResult {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
