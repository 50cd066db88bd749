// Run the built CLI (bin/llm-pick.cjs) as a real process. `npm test` builds first (pretest).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = `${ROOT}bin/llm-pick.cjs`;
export const NO_NETWORK = `${ROOT}test/helpers/no-network.mjs`;

export interface BinResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

type RunOptions = { env?: NodeJS.ProcessEnv; input?: string; nodeArgs?: string[]; timeoutMs?: number; cwd?: string };

export function runBin(args: string[], opts: RunOptions = {}): BinResult {
  return runNode([...(opts.nodeArgs ?? []), BIN, ...args], opts);
}

/**
 * What one bundle (dist/bin/llm-pick.cjs, or a one-command bundle) prints for these arguments,
 * loaded with require: no help pages from dist/bin/help.json, no choice of bundle.
 */
export function runBundle(bundle: string, args: string[], opts: Omit<RunOptions, 'nodeArgs'> = {}): BinResult {
  const runner = `require(${JSON.stringify(bundle)}).main(['node', 'llm-pick', ...process.argv.slice(1)])`;
  return runNode(['-e', runner, '--', ...args], opts);
}

/** `node ...nodeArgs` with NO_COLOR, synchronously. */
function runNode(nodeArgs: string[], opts: RunOptions): BinResult {
  const r = spawnSync(process.execPath, nodeArgs, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, COLUMNS: undefined, ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 20_000,
    // models --json of the whole catalog is over spawnSync's 1 MiB default.
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Asynchronous runs, a few at a time (the machine has 2 cores shared with other work).
const MAX_PARALLEL = 3;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** `node ...nodeArgs` with NO_COLOR, killed after timeoutMs; at most MAX_PARALLEL at once. */
export function runNodeAsync(
  nodeArgs: string[],
  opts: { stdoutFd?: number; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<BinResult> {
  return slot(
    () =>
      new Promise<BinResult>((resolve, reject) => {
        const child = spawn(process.execPath, nodeArgs, {
          cwd: ROOT,
          env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, COLUMNS: undefined, ...opts.env },
          stdio: ['ignore', opts.stdoutFd ?? 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
        child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
        const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
        child.on('error', reject);
        child.on('close', (status) => {
          clearTimeout(timer);
          resolve({ status, stdout, stderr });
        });
      }),
  );
}
