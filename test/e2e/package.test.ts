// The package as users install it: `npm pack`, then `npm install -g` of the tarball into an
// empty prefix (dependencies from npm's cache, as `npm ci` left them), then the installed
// binary runs offline: --version, fit and recommend.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_NETWORK, ROOT } from '../helpers/bin.js';

let bin = '';

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'llm-pick-pack-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['pack', '--pack-destination', dir, '--ignore-scripts'], { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  const prefix = join(dir, 'prefix');
  execFileSync(npm, ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, tgz)], {
    cwd: dir,
    stdio: 'ignore',
    timeout: 240_000,
  });
  bin = join(prefix, 'bin', 'llm-pick');
}, 300_000);

function run(args: string[]) {
  // The offline guard preloaded: any network attempt fails the run.
  return spawnSync(bin, args, { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--import=${NO_NETWORK}` } });
}

describe('the packed package, installed into an empty prefix', () => {
  it('installs a llm-pick binary with its runtime dependencies only', () => {
    expect(existsSync(bin)).toBe(true);
    const modules = join(bin, '..', '..', 'lib', 'node_modules', 'llm-pick', 'node_modules');
    const installed = existsSync(modules) ? readdirSync(modules) : [];
    for (const dev of ['vitest', 'typescript', 'esbuild', 'tsx', 'fast-check']) expect(installed).not.toContain(dev);
  });

  it('--version, fit and recommend answer offline', () => {
    const v = run(['--version']);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+ \(catalog facts as of \d{4}-\d{2}-\d{2}\)\n$/);
    const fit = run(['fit', '--params', '70', '--quant', 'q4', '--vram', '48', '--json']);
    expect(fit.status, fit.stderr).toBe(0);
    expect(JSON.parse(fit.stdout)).toMatchObject({ kind: 'fit', fits: true });
    const rec = run(['recommend', '--vram', '24', '--ram', '64', '--json']);
    expect(rec.status, rec.stderr).toBe(0);
    expect(JSON.parse(rec.stdout).local.length).toBeGreaterThan(0);
  });
});
