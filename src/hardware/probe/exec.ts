// Run one external tool (no shell) with a hard deadline. On expiry the whole
// process group is killed and the answer is "timeout" at once: a child that
// forked (a shell script running `sleep`) keeps the pipes open, and waiting for
// them to close would wait for the grandchild.
//
// spawn rather than execFile: execFile does not pass `detached` on to spawn
// (node lib/child_process.js), and without its own process group a hung
// tool's children cannot be killed together.
//
// A tool that is not on PATH is "missing" without a spawn: most machines have no nvidia-smi or
// rocm-smi, and loading child_process and forking to learn so costs more than the rest of a
// `fit` (the same PATH walk execvp does, as libuv's uv_spawn runs it on POSIX).
import type * as ChildProcess from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import type { ToolResult, ToolRunner } from './types.js';

let childProcess: typeof ChildProcess | undefined;
const loadChildProcess = () => (childProcess ??= createRequire(import.meta.url)('node:child_process') as typeof ChildProcess);

/**
 * Whether a bare command name (no slash) names a file in one of PATH's folders; an empty PATH
 * entry is the current folder, as execvp reads it. A file that is there but not executable is left
 * to spawn, which reports why it cannot run it. Windows (PATHEXT) is left to spawn.
 */
export function onPath(command: string, path: string | undefined = process.env.PATH): boolean {
  if (process.platform === 'win32' || command.includes('/')) return true;
  for (const dir of (path ?? '').split(delimiter)) {
    const file = join(dir === '' ? '.' : dir, command);
    try {
      // throwIfNoEntry: a missing file (the common answer) costs no exception and stack trace.
      if (statSync(file, { throwIfNoEntry: false })?.isFile()) return true;
    } catch {
      // not here (a PATH entry that is a file, or not readable)
    }
  }
  return false;
}

const MAX_OUTPUT_BYTES = 1024 * 1024;

export const runTool: ToolRunner = (command, args, timeoutMs) =>
  new Promise<ToolResult>((resolve) => {
    if (!onPath(command)) {
      resolve({ kind: 'missing' });
      return;
    }
    const posix = process.platform !== 'win32';
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: ToolResult) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(result);
    };

    let child: ChildProcess.ChildProcess;
    try {
      child = loadChildProcess().spawn(command, [...args], { shell: false, windowsHide: true, detached: posix, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      finish({ kind: 'failed', exitCode: null, signal: null, stdout: '', stderr: '', message: (error as Error).message });
      return;
    }

    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT_BYTES) into.push(chunk);
    };
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(err));
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') finish({ kind: 'missing' });
      else finish({ kind: 'failed', exitCode: null, signal: null, stdout: text(out), stderr: text(err), message: error.code ?? error.message });
    });
    child.on('close', (code, signal) => {
      if (code === 0) finish({ kind: 'ok', stdout: text(out), stderr: text(err) });
      else finish({ kind: 'failed', exitCode: code, signal, stdout: text(out), stderr: text(err) });
    });

    timer = setTimeout(() => {
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // The group is gone already; kill the child itself in case it is not.
        child.kill('SIGKILL');
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
      // A tool stuck in the kernel may outlive SIGKILL: it must not keep llm-pick alive.
      child.unref();
      finish({ kind: 'timeout', stdout: text(out) });
    }, timeoutMs);
  });
