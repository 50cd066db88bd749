// LLM_PICK_PHASES=1: one line of phase timings on stderr at exit (bench/startup.ts reads it);
// unset, nothing. The figures are not checked (no timed tests): only the line's form, and that
// the command's own output is untouched.
import { describe, expect, it } from 'vitest';
import { parsePhases } from '../../bench/startup.js';
import { runBin } from '../helpers/bin.js';

const LINE = /^phases: load=\d+\.\d catalog=\d+\.\d probe=\d+\.\d compute=\d+\.\d render=\d+\.\d total=\d+\.\d$/;
const FIT = ['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--vram', '24', '--ram', '64', '--json'];

describe('LLM_PICK_PHASES', () => {
  it('=1: the same output, and one phases line on stderr', () => {
    const plain = runBin(FIT);
    const timed = runBin(FIT, { env: { LLM_PICK_PHASES: '1' } });
    expect(timed.status).toBe(0);
    expect(timed.stdout).toBe(plain.stdout);
    expect(plain.stderr).toBe('');
    const lines = timed.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(LINE);
    const phases = parsePhases(timed.stderr)!;
    // This command reads the catalog and computes: both phases were seen.
    expect(phases.catalog).toBeGreaterThan(0);
    expect(phases.compute).toBeGreaterThan(0);
  });

  it('--help and a usage error still end with the line (exit codes unchanged)', () => {
    const help = runBin(['--help'], { env: { LLM_PICK_PHASES: '1' } });
    expect(help.status).toBe(0);
    expect(help.stderr.trimEnd()).toMatch(LINE);
    const bad = runBin(['fit', '--vram', 'lots'], { env: { LLM_PICK_PHASES: '1' } });
    expect(bad.status).toBe(2);
    const lines = bad.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(LINE);
  });
});
