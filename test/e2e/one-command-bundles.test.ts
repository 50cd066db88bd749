// One-command bundles (scripts/bundle.mjs, src/cli/modules.ts): a command line that starts with
// `fit` or `recommend` runs from that command's own bundle, which prints exactly what the full
// bundle prints (good runs, human and JSON, bad flags, errors), holds its command and not the
// others, and which bin/llm-pick.cjs picks by the first argument only.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runBin, runBundle } from '../helpers/bin.js';

const DIST_BIN = join(ROOT, 'dist/bin');
const FULL = join(DIST_BIN, 'llm-pick.cjs');
const bin = createRequire(import.meta.url)(join(ROOT, 'bin/llm-pick.cjs')) as { bundleFor(args: string[]): string };

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'llm-pick-bundles-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const fromBundle = (bundle: string, args: string[]) => runBundle(bundle, args, { env: { HOME: home }, timeoutMs: 30_000 });

const HW = ['--vram', '24', '--ram', '64'];
const CASES: string[][] = [
  ['fit', '--params', '8', '--quant', 'q4', ...HW, '--json'],
  ['fit', '--model', 'llama-3.1-8b', ...HW],
  ['fit', '--model', 'qwen-3.6-35b-a3b', '--gpu', 'RTX 3090', '--ram', '64', '--json'],
  ['fit', '--params', 'seventy', ...HW],
  ['fit', '--model', 'no-such-model', ...HW],
  ['fit', '--bogus'],
  ['fit', '--params', '8', ...HW, '--engine', 'nope'],
  ['recommend', ...HW, '--json'],
  ['recommend', '--use-case', 'code', ...HW],
  ['recommend', '--gpu', 'RTX 4090', '--ram', '64', '--tokens-per-day', '2000000', '--json'],
  ['recommend', '--use-case', 'poetry', ...HW],
  ['recommend', 'now', ...HW],
];

describe('one-command bundles', () => {
  it('bin picks the bundle by the first argument: fit and recommend their own, anything else the full one', () => {
    expect(bin.bundleFor(['fit', '--params', '8'])).toBe(join(DIST_BIN, 'llm-pick.fit.cjs'));
    expect(bin.bundleFor(['recommend'])).toBe(join(DIST_BIN, 'llm-pick.recommend.cjs'));
    for (const args of [[], ['models'], ['--json', 'fit'], ['cost'], ['hardware'], ['../fit'], ['Fit']]) expect(bin.bundleFor(args)).toBe(FULL);
  });

  it.each(CASES.map((args) => [args.join(' '), args] as const))('%s prints what the full bundle prints', (_name, args) => {
    const own = runBin(args, { env: { HOME: home } });
    const full = fromBundle(FULL, args);
    expect(own.stdout.length + own.stderr.length).toBeGreaterThan(0);
    expect({ status: own.status, stdout: own.stdout, stderr: own.stderr }).toEqual(full);
  }, 60_000);

  it('hold their own command and leave the others out', () => {
    const text = (name: string) => readFileSync(join(DIST_BIN, name), 'utf8');
    const [full, fit, recommend] = [text('llm-pick.cjs'), text('llm-pick.fit.cjs'), text('llm-pick.recommend.cjs')];
    // The bundles keep the source's identifiers (scripts/bundle.mjs): a function is in a bundle when its declaration is.
    const has = (bundle: string, fn: string) => new RegExp(`\\bfunction ${fn}\\d*\\(`).test(bundle);
    for (const fn of ['rankLocal', 'fitVerdicts', 'runWizard', 'serveMcp', 'completionScript']) expect(has(full, fn)).toBe(true);
    expect([has(fit, 'fitVerdicts'), has(fit, 'rankLocal'), has(fit, 'runWizard'), has(fit, 'serveMcp')]).toEqual([true, false, false, false]);
    expect([has(recommend, 'rankLocal'), has(recommend, 'fitVerdicts'), has(recommend, 'runWizard'), has(recommend, 'completionScript')]).toEqual([true, false, false, false]);
    expect(fit.length).toBeLessThan(full.length * 0.8);
    expect(recommend.length).toBeLessThan(full.length * 0.8);
  });

  it('are ASCII (read without UTF-8 decoding) and carry the version of package.json', () => {
    for (const name of ['llm-pick.cjs', 'llm-pick.fit.cjs', 'llm-pick.recommend.cjs']) {
      const bytes = readFileSync(join(DIST_BIN, name));
      expect({ name, nonAscii: bytes.findIndex((b) => b > 0x7f) }).toEqual({ name, nonAscii: -1 });
    }
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const shown = fromBundle(FULL, ['--version']);
    expect(shown.stdout.startsWith(`${version} (catalog facts as of `)).toBe(true);
  });

  it('a command left out of a one-command bundle is an internal error there, never a wrong answer', () => {
    const r = fromBundle(join(DIST_BIN, 'llm-pick.fit.cjs'), ['models']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('llm-pick: internal: models is not in this one-command bundle (dist/bin/llm-pick.fit.cjs)\n');
  });
});
