// The built binary: no terminal → exit 2 without waiting; in a real terminal
// (tmux) Enter through every question gives the answer and its command line;
// Ctrl-C at the first question exits 130 with one short line.
// `npm test` builds first (pretest); run `npm run build` before running this file alone.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runBin } from '../helpers/bin.js';
import { HAS_TMUX, TmuxRun } from './tmux.js';

describe('llm-pick without a terminal', () => {
  it('stdin from /dev/null: exit 2, one line on stderr, nothing on stdout', () => {
    const r = spawnSync('sh', ['-c', `node "${BIN}" < /dev/null`], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^llm-pick: .*`llm-pick recommend`.*--help/);
  });

  it('piped stdin and stdout: exit 2, the same line', () => {
    const r = runBin([], { input: '\n\n\n' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('llm-pick recommend');
  });

  it('--json with no command: exit 2, pointing to recommend --json', () => {
    const r = runBin(['--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('llm-pick recommend --json');
  });
});

describe.skipIf(!HAS_TMUX)('llm-pick in a terminal (tmux)', () => {
  it('Enter through every question (GPU memory typed: 24 GiB) gives the answer and the command line', async () => {
    const t = new TmuxRun();
    try {
      await t.waitFor(/Plan for which hardware\?/);
      // The third choice, "A GPU with this much memory…", so the answer does not depend on this machine.
      t.keys('Down', 'Down', 'Enter');
      for (const question of [
        /GPU memory per card, in GiB \(24, 24GB\): \(24\)/,
        /How many of these GPUs\?/,
        /What is the model for\?/,
        /What matters most\?/,
        /Where may your data go\?/,
        /How many tokens a day/,
        /How long are the prompts/,
        /Is it for commercial use\?/,
      ]) {
        await t.waitFor(question);
        t.keys('Enter');
      }
      const code = await t.exitCode();
      const screen = t.screen();
      expect(screen, screen).toContain('The same answer without the questions');
      expect(screen).toContain('llm-pick recommend --vram 24');
      expect(screen).toMatch(/^Verdict: /m);
      expect(screen).not.toMatch(/^\s+at /m);
      expect(code, screen).toBe(0);
    } finally {
      t.stop();
    }
  });

  it('Ctrl-C at the first question: exit 130, one short line, no stack trace', async () => {
    const t = new TmuxRun();
    try {
      await t.waitFor(/Plan for which hardware\?/);
      t.keys('C-c');
      const code = await t.exitCode();
      const screen = t.screen();
      expect(code, screen).toBe(130);
      expect(screen).toContain('llm-pick: Cancelled.');
      expect(screen).not.toMatch(/^\s+at /m);
      expect(screen).not.toMatch(/ExitPromptError|Error:/);
    } finally {
      t.stop();
    }
  });
});
