// runTool against real processes: the stand-in scripts of test/fixtures/hardware/bin-*.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onPath, runTool } from '../../src/hardware/probe/exec.js';
import { FIXTURES, fixture } from './helpers.js';

const posix = process.platform !== 'win32';
const tmp = mkdtempSync(join(tmpdir(), 'llm-pick-exec-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A zombie (killed, not yet reaped by a parent that may never reap it) counts as dead. */
function alive(pid: number): boolean {
  if (existsSync('/proc/self/stat')) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!posix)('runTool', () => {
  it('returns the output of a tool that answers', async () => {
    const r = await runTool(`${FIXTURES}bin-two-gpus/nvidia-smi`, ['--query-gpu=index', '--format=csv'], 5000);
    expect(r).toEqual({ kind: 'ok', stdout: fixture('nvidia-smi/two-rtx4090.csv'), stderr: '' });
  });

  it('says "missing" for a tool that is not installed', async () => {
    expect(await runTool('llm-pick-no-such-tool-here', [], 5000)).toEqual({ kind: 'missing' });
  });

  it('reports the exit code and output of a failing tool', async () => {
    const r = await runTool(`${FIXTURES}bin-exit1/nvidia-smi`, [], 5000);
    expect(r).toMatchObject({ kind: 'failed', exitCode: 1 });
    expect(r.kind === 'failed' && r.stdout).toContain('NVIDIA-SMI has failed');
  });

  it('gives up on a hung tool at the deadline, though a grandchild holds the pipe', async () => {
    const started = Date.now();
    const r = await runTool(`${FIXTURES}bin-hang/nvidia-smi`, [], 300);
    expect(r.kind).toBe('timeout');
    // The script sleeps 30 s; answering well before that proves we did not wait for the pipe to close.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('kills the whole process group of a hung tool', async () => {
    const script = join(tmp, 'hang-and-tell');
    const pidFile = join(tmp, 'pid');
    writeFileSync(script, `#!/bin/sh\necho $$ > "${pidFile}"\nsleep 30 &\necho $! >> "${pidFile}"\nwait\n`);
    chmodSync(script, 0o755);
    const r = await runTool(script, [], 500);
    expect(r.kind).toBe('timeout');
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    expect(pids).toHaveLength(2);
    // SIGKILL is delivered at once; give the kernel a moment to reap.
    for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((res) => setTimeout(res, 20));
    expect(pids.filter(alive)).toEqual([]);
  });
});

describe.skipIf(!posix)('onPath (a missing tool is known without a spawn)', () => {
  it('finds a file in a PATH folder, and nothing where there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-pick-onpath-'));
    try {
      writeFileSync(join(dir, 'tool'), '#!/bin/sh\n');
      expect(onPath('tool', `/nonexistent${delimiter}${dir}`)).toBe(true);
      expect(onPath('other', `/nonexistent${delimiter}${dir}`)).toBe(false);
      expect(onPath('tool', '')).toBe(false);
      // A path with a slash is spawn's to resolve.
      expect(onPath('./tool', '')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a file that is there but cannot run is not "missing": spawn says why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-pick-onpath-'));
    try {
      writeFileSync(join(dir, 'nvidia-smi'), 'not a program\n');
      chmodSync(join(dir, 'nvidia-smi'), 0o644);
      expect(onPath('nvidia-smi', dir)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
