// A real pty for terminal-layout tests: the command runs in a detached tmux pane of a given width
// (COLUMNS unset, so the program asks the terminal), and the pane's text comes back.
import { spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;

/**
 * Runs `node ...nodeArgs` in a tmux pane `width` columns wide and returns what the pane shows,
 * wrapped lines joined (-J), trailing blanks cut. env: added to this process's, without colour.
 */
export function inPty(nodeArgs: string[], width: number, env: NodeJS.ProcessEnv = {}): string {
  const socket = `llm-pick-pty-${process.pid}-${width}-${Math.random().toString(36).slice(2, 8)}`;
  const full: NodeJS.ProcessEnv = { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: undefined, COLUMNS: undefined, TMUX: undefined };
  const quoted = [process.execPath, ...nodeArgs].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `${quoted} 2>/dev/null; tmux -L ${socket} wait-for -S done; sleep 60`;
  const tm = (cmd: string[], timeout = 30_000) => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...cmd], { env: full, encoding: 'utf8', timeout });
  try {
    const started = tm(['new-session', '-d', '-x', String(width), '-y', '50', script]);
    if (started.status !== 0) throw new Error(`tmux new-session: ${started.stderr}`);
    const waited = tm(['wait-for', 'done'], 90_000);
    if (waited.status !== 0) throw new Error('the command did not finish in the tmux pane');
    return tm(['capture-pane', '-p', '-J', '-S', '-']).stdout.replace(/\s+$/, '');
  } finally {
    tm(['kill-server']);
  }
}
