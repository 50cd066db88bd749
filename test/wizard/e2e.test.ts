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

  it('Esc goes back one question: the previous one is asked again with its answer as default; the changed answer is used', async () => {
    const t = new TmuxRun();
    try {
      await t.waitFor(/Esc goes back one question/);
      await t.waitFor(/Plan for which hardware\?/);
      t.keys('Down', 'Down', 'Enter');
      await t.waitFor(/GPU memory per card, in GiB \(24, 24GB\): \(24\)/);
      t.keys('16GB', 'Enter');
      await t.waitFor(/How many of these GPUs\? \(1\)/);
      t.keys('Enter');
      await t.waitFor(/What is the model for\?/);
      // Esc: back to the count (answered 1), then Esc again: back to the memory, offered as typed (16GB).
      t.keys('Escape');
      await t.waitFor(/What is the model for\?[\s\S]*How many of these GPUs\? \(1\)/);
      t.keys('Escape');
      await t.waitFor(/How many of these GPUs\? \(1\)[\s\S]*GPU memory per card, in GiB \(24, 24GB\): \(16GB\)/);
      // Change it: Backspace clears the offered default, then type 48GiB; two cards.
      t.keys('BSpace', '48GiB', 'Enter');
      await t.waitFor(/GPU memory per card, in GiB \(24, 24GB\): 48GiB\n\? How many of these GPUs\? \(1\)/);
      t.keys('2', 'Enter');
      for (const question of [/What is the model for\?\n/, /What matters most\?/, /Where may your data go\?/, /How many tokens a day/, /How long are the prompts/, /Is it for commercial use\?/]) {
        await t.waitFor(question);
        t.keys('Enter');
      }
      const code = await t.exitCode(60_000);
      const screen = t.screen();
      expect(code, screen).toBe(0);
      expect(screen).toContain('llm-pick recommend --vram 48 --gpus 2');
      expect(screen).not.toMatch(/^\s+at /m);
    } finally {
      t.stop();
    }
  }, 120_000);

  it('GPU filter: finds an RTX 2080 Ti, offers a way out when nothing matches; people at once reach the answer', async () => {
    const t = new TmuxRun();
    try {
      await t.waitFor(/Plan for which hardware\?/);
      t.keys('Down', 'Enter');
      await t.waitFor(/Which GPU\? \(type to filter\)/);
      t.keys('2080 ti');
      await t.waitFor(/NVIDIA GeForce RTX 2080 Ti \(11 GiB, 616 GB\/s\)/);
      t.keys('C-u');
      t.keys('zzz');
      await t.waitFor(/Type GPU memory instead…[\s\S]*No GPU \/ CPU only[\s\S]*no catalog GPU matches "zzz"/);
      t.keys('C-u');
      t.keys('3090');
      await t.waitFor(/❯ NVIDIA GeForce RTX 3090 \(24 GiB/);
      t.keys('Enter');
      await t.waitFor(/How many of these GPUs\? \(1\)/);
      t.keys('Enter');
      for (const question of [/What is the model for\?/, /What matters most\?/, /Where may your data go\?/]) {
        await t.waitFor(question);
        t.keys('Enter');
      }
      await t.waitFor(/How many tokens a day/);
      t.keys('Down', 'Down', 'Down', 'Enter'); // about 10M tokens/day
      await t.waitFor(/How many people use it at the same time\? \(1\)/);
      t.keys('4', 'Enter');
      for (const question of [/How long are the prompts/, /Is it for commercial use\?/]) {
        await t.waitFor(question);
        t.keys('Enter');
      }
      const code = await t.exitCode(60_000);
      const screen = t.screen();
      expect(code, screen).toBe(0);
      expect(screen).toContain('llm-pick recommend --tokens-per-day 10000000 --users 4 --gpu rtx-3090');
      // The answer itself is for 4 people at once: the local cost line counts the busy hours at 4 users.
      expect(screen).toMatch(/busy [\d.]+ h\/day at 4 users/);
    } finally {
      t.stop();
    }
  }, 120_000);

  it('Backspace on an empty answer goes back too (after clearing the offered default)', async () => {
    const t = new TmuxRun();
    try {
      await t.waitFor(/Plan for which hardware\?/);
      t.keys('Down', 'Down', 'Enter');
      await t.waitFor(/GPU memory per card, in GiB \(24, 24GB\): \(24\)/);
      t.keys('16GB', 'Enter');
      await t.waitFor(/How many of these GPUs\? \(1\)/);
      t.keys('BSpace');
      await t.waitFor(/How many of these GPUs\?\s*$/);
      t.keys('BSpace');
      await t.waitFor(/GPU memory per card, in GiB \(24, 24GB\): \(16GB\)\s*$/);
      t.keys('C-c');
      expect(await t.exitCode()).toBe(130);
    } finally {
      t.stop();
    }
  });

  it('Esc on the first question does nothing: the question stays, Enter still answers it', async () => {
    const t = new TmuxRun();
    try {
      await t.waitFor(/Plan for which hardware\?/);
      t.keys('Escape');
      // Readline waits 500 ms to tell a lone Esc from an escape sequence; then a key that proves the prompt still listens.
      await new Promise((r) => setTimeout(r, 800));
      t.keys('Down', 'Down', 'Enter');
      await t.waitFor(/GPU memory per card, in GiB/);
      expect(t.screen().match(/Plan for which hardware\?/g)).toHaveLength(1);
      t.keys('C-c');
      expect(await t.exitCode()).toBe(130);
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
