// Shell completion as shells run it: bash sources the printed script and calls
// its completion function on partial command lines (COMP_WORDS/COMP_CWORD), with
// the built binary on PATH as `llm-pick`.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runBin } from '../helpers/bin.js';

let binDir: string;

beforeAll(() => {
  binDir = mkdtempSync(join(tmpdir(), 'llm-pick-completion-'));
  const shim = join(binDir, 'llm-pick');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(shim, 0o755);
});

/** COMPREPLY for a command line whose last word is being typed ('' = after a space). */
function complete(line: string[]): string[] {
  const script = runBin(['completion', 'bash']).stdout;
  const words = ['llm-pick', ...line].map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const program = `${script}
COMP_WORDS=(${words}); COMP_CWORD=${line.length}
_llm_pick
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', program], { env: { ...process.env, PATH: `${binDir}:${process.env.PATH}` }, encoding: 'utf8', timeout: 20_000 });
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe('bash completion', () => {
  it('registers a completion function for llm-pick', () => {
    const script = runBin(['completion', 'bash']).stdout;
    const r = spawnSync('bash', ['-c', `${script}\ncomplete -p llm-pick`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('complete -F _llm_pick llm-pick');
  });

  it('completes commands', () => {
    expect(complete(['rec'])).toEqual(['recommend']);
    expect(complete(['c']).sort()).toEqual(['calibrate', 'catalog', 'completion', 'config', 'cost']);
  });

  it("completes a command's flags", () => {
    const flags = complete(['fit', '--kv']);
    expect(flags).toEqual(['--kv-quant', '--kv-cache-dtype']);
    expect(complete(['recommend', '--use-'])).toEqual(['--use-case']);
  });

  it('completes flag values from the option table and the installed catalog', () => {
    expect(complete(['recommend', '--use-case', 'lo'])).toEqual(['long-context']);
    expect(complete(['fit', '--gpu', 'rtx-309'])).toContain('rtx-3090');
    expect(complete(['fit', '--model', 'llama-3.1-'])).toContain('llama-3.1-8b');
    expect(complete(['fit', '--model', 'llama3.1:'])).toContain('llama3.1:8b');
    expect(complete(['fit', '--quant', 'Q4_K_'])).toEqual(expect.arrayContaining(['Q4_K_M', 'Q4_K_S']));
    expect(complete(['completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('completes file paths for file flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-pick-files-'));
    writeFileSync(join(dir, 'model.gguf'), '');
    expect(complete(['fit', '--gguf', join(dir, 'mo')])).toEqual([join(dir, 'model.gguf')]);
  });
});

describe('completion scripts', () => {
  it('zsh and fish scripts call the same candidates command', () => {
    for (const shell of ['zsh', 'fish']) {
      const r = runBin(['completion', shell]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('llm-pick __complete');
    }
  });

  it('an unknown shell is one line and exit 2', () => {
    const r = runBin(['completion', 'tcsh']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('llm-pick: completion takes one of bash, zsh, fish; got "tcsh"\n');
  });
});
