// Copies of the built package (bin, package.json, dist without tsc's output, node_modules linked),
// each changed by the test before it runs: an interrupted install, a damaged or edited built file.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ROOT } from './bin.js';

/**
 * A function that makes a copy of the package, lets `change` edit its dist/ folder and returns the
 * copy's bin/llm-pick.cjs; the copies are removed after the calling describe block's tests.
 */
export function packageCopies(prefix: string): (change: (dist: string) => void) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return (change) => {
    const pkg = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(pkg);
    mkdirSync(join(pkg, 'bin'));
    copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
    copyFileSync(join(ROOT, 'bin/llm-pick.cjs'), join(pkg, 'bin/llm-pick.cjs'));
    cpSync(join(ROOT, 'dist'), join(pkg, 'dist'), { recursive: true, filter: (src) => !/\.(js|d\.ts|map)$/.test(src) });
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    change(join(pkg, 'dist'));
    return join(pkg, 'bin/llm-pick.cjs');
  };
}
