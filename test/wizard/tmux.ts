// Drive the built CLI in a real pseudo-terminal with tmux, on a private tmux
// server (-L) so nothing touches the user's sessions. Every wait is bounded.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/bin.js';

export const HAS_TMUX = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export class TmuxRun {
  private readonly socket = `llm-pick-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly dir = mkdtempSync(join(tmpdir(), 'llm-pick-wizard-'));
  private readonly exitFile = join(this.dir, 'exit');

  /** Starts `node bin/llm-pick.cjs ARGS` in a 120×50 terminal with NO_COLOR=1. */
  constructor(args: string[] = []) {
    const cli = ['node', 'bin/llm-pick.cjs', ...args].map(quote).join(' ');
    // The trailing sleep keeps the pane (and its text) after the program exits; stop() ends it.
    const script = `cd ${quote(ROOT)} && NO_COLOR=1 ${cli}; echo "EXIT=$?" > ${quote(this.exitFile)}; sleep 120`;
    this.tmux('new-session', '-d', '-x', '120', '-y', '50', script);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** The whole pane, scrollback included. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-3000').replace(/\s+$/, '\n');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', ...keys);
  }

  /** Polls the screen until `pattern` appears; throws with the screen after `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const text = this.screen();
      if (pattern.test(text)) return text;
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; screen:\n${text}`);
      await sleep(100);
    }
  }

  /** Waits for the program to exit; its exit status. */
  async exitCode(timeoutMs = 20_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      if (existsSync(this.exitFile)) {
        const m = /EXIT=(\d+)/.exec(readFileSync(this.exitFile, 'utf8'));
        if (m) return Number(m[1]);
      }
      if (Date.now() > end) throw new Error(`timed out waiting for the program to exit; screen:\n${this.screen()}`);
      await sleep(100);
    }
  }

  stop(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
