// Offline by design (issue 8): every command runs with test/helpers/no-network.mjs preloaded,
// which ends the process with exit 99 and "NETWORK ATTEMPT" on any socket, DNS, HTTP or fetch
// attempt. Each command must answer (exit 0) without one. The guard itself is proven first, in
// a bare node and inside the CLI's own process, so these tests cannot pass vacuously.
// Needs the built binary (`npm run build`).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTinyLlama } from '../fixtures/gguf/make-gguf.js';
import { BIN, NO_NETWORK, runNodeAsync, type BinResult } from '../helpers/bin.js';

/** node [nodeArgs] [script args]: the guard is always preloaded. */
function guarded(nodeArgs: string[], args: string[]): Promise<BinResult> {
  return runNodeAsync(['--import', NO_NETWORK, ...nodeArgs, ...args], { timeoutMs: 30_000 });
}

const cli = (args: string[]) => guarded([], [BIN, ...args]);

const TINY = join(mkdtempSync(join(tmpdir(), 'llm-pick-offline-')), 'tiny-Q4_K_M.gguf');
writeTinyLlama(TINY);
const MINI = 'test/fixtures/catalog/mini.yaml';

describe.concurrent('the guard works (so the tests below cannot pass vacuously)', () => {
  const attempts: [string, string][] = [
    ['fetch', "await fetch('http://example.com/')"],
    ['a TCP socket', "require('node:net').connect(80, '127.0.0.1')"],
    ['a DNS lookup', "require('node:dns').lookup('example.com', () => {})"],
    ['an HTTPS request', "require('node:https').get('https://example.com/')"],
  ];
  for (const [name, code] of attempts) {
    it(`${name} in a bare node: exit 99, NETWORK ATTEMPT`, async () => {
      const wrapped = code.startsWith('await') ? `(async () => { ${code} })()` : code;
      const r = await guarded(['-e', wrapped], []);
      expect(r.status).toBe(99);
      expect(r.stderr).toMatch(/^NETWORK ATTEMPT: /m);
    });
  }

  it('inside the CLI process: a module that fetches, preloaded after the guard, stops llm-pick with exit 99', async () => {
    const r = await guarded(['--import', 'data:text/javascript,await fetch("http://example.com/")'], [BIN, 'models', '--json']);
    expect(r.status).toBe(99);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^NETWORK ATTEMPT: fetch http:\/\/example\.com\//m);
  });
});

/** Every command, planned hardware and this machine's (probed: the probe must not touch the network either). */
const COMMANDS: string[][] = [
  ['fit', '--params', '70', '--quant', 'q4', '--vram', '24'],
  ['fit', '--params', '8', '--quant', 'q4'],
  ['fit', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--gpu', '3090', '--ctx', '32768'],
  ['fit', '--model', 'qwen-3-30b-a3b', '--quant', 'q4', '--gpu', '4090', '--gpus', '2'],
  ['fit', '--gguf', TINY, '--vram', '8'],
  ['fit', '--gguf', TINY],
  ['recommend'],
  ['recommend', '--vram', '24', '--use-case', 'code', '--privacy'],
  ['recommend', '--api-only', '--tokens-per-day', '1000000', '--budget', '100'],
  ['hardware'],
  ['hardware', '--list'],
  ['hardware', '--gpu', '4090', '--gpus', '2'],
  ['models'],
  ['models', '--type', 'api', '--provider', 'openai'],
  ['--catalog', MINI, 'models', '--type', 'local'],
  ['quants'],
  ['engines'],
  ['cost'],
  ['cost', '--gpu', '4090', '--tokens-per-day', '10000000'],
  ['catalog', 'validate', MINI],
  ['schema'],
  ['schema', 'fit'],
];

describe.concurrent('every command answers with no network attempt', () => {
  for (const args of COMMANDS) {
    for (const json of [false, true]) {
      const full = json ? [...args, '--json'] : args;
      it(`llm-pick ${full.map((a) => (a === TINY ? 'tiny.gguf' : a)).join(' ')}`, async () => {
        const r = await cli(full);
        expect(r.stderr).not.toMatch(/NETWORK ATTEMPT/);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout.length).toBeGreaterThan(0);
        if (json) expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1 });
      });
    }
  }

  for (const args of [['--help'], ['fit', '--help'], ['catalog', 'validate', '--help'], ['--version']]) {
    it(`llm-pick ${args.join(' ')}`, async () => {
      const r = await cli(args);
      expect(r.stderr).not.toMatch(/NETWORK ATTEMPT/);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(args[0] === '--version' ? /^\d+\.\d+\.\d+ \(catalog facts as of \d{4}-\d{2}-\d{2}\)\n$/ : /Usage: llm-pick/);
    });
  }

  it('llm-pick with no terminal (the wizard declines, exit 2) makes no attempt either', async () => {
    const r = await cli([]);
    expect(r.stderr).not.toMatch(/NETWORK ATTEMPT/);
    expect(r.status).toBe(2);
  });

  it('a URL given to --gguf is refused, not fetched', async () => {
    const r = await cli(['fit', '--gguf', 'https://huggingface.co/x/y/resolve/main/y.gguf', '--json']);
    expect(r.stderr).not.toMatch(/NETWORK ATTEMPT/);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/llm-pick never downloads/);
  });
});
