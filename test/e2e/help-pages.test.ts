// Help pages answered without loading the bundle (bin/llm-pick.cjs, dist/bin/help.json written by
// scripts/help-pages.mjs): on a pipe every help command line prints exactly what the bundle itself
// prints for it, the table holds every visible command, the pages are read from the file (a page
// changed there is what the bin prints), and on a terminal commander still lays the page out to the
// terminal's width.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { helpLines } from '../../scripts/help-pages.mjs';
import { buildProgram } from '../../src/cli/index.js';
import { ROOT, runBin, runBundle } from '../helpers/bin.js';
import { packageCopies } from '../helpers/package-copy.js';
import { hasTmux, inPty } from '../helpers/pty.js';

interface HelpTable {
  lines: Record<string, number>;
  pages: string[];
}

const table = JSON.parse(readFileSync(join(ROOT, 'dist/bin/help.json'), 'utf8')) as HelpTable;
let home: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'llm-pick-help-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('prebuilt help pages', () => {
  it('cover every visible command, with --help, -h and help NAME, and the version', () => {
    const expected = (helpLines(buildProgram()) as string[][]).map((args) => args.join('\n'));
    expect(Object.keys(table.lines).sort()).toEqual([...expected].sort());
    for (const name of ['fit', 'recommend', 'cost', 'installed', 'config']) {
      expect(Object.keys(table.lines)).toContain(`${name}\n--help`);
      expect(Object.keys(table.lines)).toContain(`help\n${name}`);
    }
    expect(Object.keys(table.lines)).toContain('catalog\nvalidate\n-h');
  });

  it('print on a pipe exactly what the bundle prints for the same command line', () => {
    for (const line of Object.keys(table.lines)) {
      const args = line.split('\n');
      const fast = runBin(args, { env: { HOME: home } });
      const bundle = runBundle(join(ROOT, 'dist/bin/llm-pick.cjs'), args, { env: { HOME: home } });
      expect({ args, ...fast }).toEqual({ args, ...bundle });
      expect(fast.status).toBe(0);
    }
  }, 180_000);

  it('leave every other command line to the bundle', () => {
    const r = runBin(['fit', '--help', '--json'], { env: { HOME: home } });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(table.pages[table.lines['fit\n--help']!]);
    const bad = runBin(['help', 'fitt'], { env: { HOME: home } });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^llm-pick: help: unknown command "fitt" \(did you mean fit\?\); commands: fit, /);
  });
});

describe('the pages come from dist/bin/help.json', () => {
  // A copy of the package with one page changed: the bin answers from the file.
  const copyOf = packageCopies('llm-pick-help-copy-');
  let bin: string;
  beforeAll(() => {
    const changed: HelpTable = { ...table, pages: table.pages.map((p, i) => (i === table.lines['--help'] ? 'from the table\n' : p)) };
    bin = copyOf((dist) => writeFileSync(join(dist, 'bin/help.json'), JSON.stringify(changed)));
  });

  const runCopy = (args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, HOME: home }, encoding: 'utf8', timeout: 20_000 });

  it('a page changed in the file is what a pipe gets; the others are untouched', () => {
    expect(runCopy(['--help']).stdout).toBe('from the table\n');
    expect(runCopy(['fit', '--help']).stdout).toBe(table.pages[table.lines['fit\n--help']!]);
  });

  it('without the file, the bundle prints the page itself', () => {
    rmSync(join(bin, '../../dist/bin/help.json'));
    const r = runCopy(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(table.pages[table.lines['--help']!]);
  });
});

describe.skipIf(!hasTmux)('on a terminal (tmux pty, 120 columns)', () => {
  it('--help is laid out by commander to the terminal width, not the 80-column page', () => {
    const shown = inPty([join(ROOT, 'bin/llm-pick.cjs'), '--help'], 120, { HOME: home });
    let page = '';
    buildProgram()
      .configureOutput({ getOutHelpWidth: () => 120, writeOut: (text) => (page += text) })
      .outputHelp();
    const trim = (text: string) => text.split('\n').map((l) => l.replace(/\s+$/, '')).join('\n').replace(/\s+$/, '');
    expect(trim(shown)).toBe(trim(page));
    expect(trim(shown)).not.toBe(trim(table.pages[table.lines['--help']!]!));
  }, 90_000);
});
