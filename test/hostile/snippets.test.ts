// Printed setup snippets cannot be made to run code (issue #22): every value a catalog,
// GGUF or path puts into a shell command or a Python snippet is quoted for it. Each
// generated command is parsed by bash itself (the words it yields must be the intended
// argv, the hostile value one word) and each Python snippet by Python's own parser (the
// statements must be exactly the three intended, the model a single string literal).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { PlacementPlan } from '../../src/decide/port.js';
import { quantTable } from '../../src/decide/quants.js';
import { apiSetup, llamaCppSetup, ollamaSetup, vllmSetup } from '../../src/decide/setup.js';
import { pythonString, shellQuote } from '../../src/util/shell.js';
import { API_MODELS, GIB, LOCAL_MODELS, QUANTS } from '../decide/fixtures.js';
import { HOSTILE_STRINGS } from './gen.js';

const table = quantTable(QUANTS);
const small = LOCAL_MODELS.find((m) => m.id === 'small-8b')!;
const api = API_MODELS[0]!;

/** Values people or attackers put where a name goes. */
const VALUES: string[] = [
  `"); import os; os.system("touch /tmp/pwned") #`,
  `'; touch /tmp/pwned; echo '`,
  '$(touch /tmp/pwned)',
  '`touch /tmp/pwned`',
  'a b c',
  'x && touch /tmp/pwned',
  'x | sh',
  'x\ntouch /tmp/pwned',
  'x\\" + __import__("os").system("id") + "',
  "x'\"'\"'y",
  '${IFS}touch${IFS}/tmp/pwned',
  '~root/*',
  'x#comment',
  'naïve—ünïcode',
  '"""',
  "'''",
  'x\\',
  '\\u0022',
  ...Object.values(HOSTILE_STRINGS).filter((s) => !s.includes('\u0000')),
];

const plan: PlacementPlan = {
  memory: { weightsBytes: 5 * GIB, kvCacheBytes: GIB / 2, overheadBytes: GIB / 2, totalBytes: 6 * GIB },
  weights: { totalBytes: 5 * GIB, bytesReadPerToken: 5 * GIB, perLayerBytes: 1, nonLayerBytes: 1, bitsPerWeight: 4.9 },
  placement: 'gpu',
  gpuLayers: 32,
  totalLayers: 32,
};

/** The words bash makes of each command line, run as arguments of a function that only prints them (no PATH). */
function bashWords(lines: string[]): (string[] | null)[] {
  const script = ['PATH=', 'w() { printf "%s\\036" "$@"; printf "\\035"; }', ...lines.map((l) => `w ${l}`)].join('\n');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', cwd: '/' });
  const groups = r.stdout.split('\u001d').slice(0, -1);
  if (r.status !== 0 || groups.length !== lines.length) return lines.map(() => null);
  return groups.map((g) => g.split('\u001e').slice(0, -1));
}

function commandsFor(value: string): string[] {
  const tagged = { ...small, ollama: [{ ...small.ollama[0]!, tag: value, quant: 'Q4_K_M' }] };
  const repo = { ...small, hf: { ...small.hf, repo: value, ggufRepo: value, ggufQuants: ['Q4_K_M'] } };
  const quant = { ...small, hf: { ...small.hf, ggufRepo: 'owner/name', ggufQuants: [value] } };
  return [
    ...(ollamaSetup(tagged, 'Q4_K_M', 8192, table)?.commands ?? []),
    ...(llamaCppSetup(repo, 'Q4_K_M', 8192, plan, 'f16', table)?.commands ?? []),
    ...(vllmSetup(repo, 'BF16', 8192, plan, 1, 80 * GIB)?.commands ?? []),
    // A quant the table does not know is not matched: quote it directly as setup.ts does.
    `llama-server -hf ${shellQuote(`${quant.hf.ggufRepo}:${value}`)} -c 8192`,
    `llama-server -m ${shellQuote(value)} -c 8192`,
  ];
}

describe('shell commands keep every value one word', () => {
  const safe = commandsFor('PLACEHOLDER');
  const cases = VALUES.map((v) => ({ v, cmds: commandsFor(v) }));
  const all = bashWords(cases.flatMap((c) => c.cmds));
  const expected = bashWords(safe);
  let at = 0;
  for (const c of cases) {
    const words = all.slice(at, at + c.cmds.length);
    at += c.cmds.length;
    it(`value ${JSON.stringify(c.v).slice(0, 40)}`, () => {
      expect(c.cmds).toHaveLength(safe.length);
      for (const line of c.cmds) expect(line).not.toMatch(/\n/);
      words.forEach((w, i) => {
        expect(w).toEqual(expected[i]!.map((x) => x.replaceAll('PLACEHOLDER', c.v)));
      });
    });
  }
});

describe('Python snippets hold one string literal, never code', () => {
  const check = `
import ast, json, sys
out = []
for src, want, calls in json.load(sys.stdin):
    tree = ast.parse(src)
    ok = len(tree.body) == 3 and isinstance(tree.body[1], ast.Assign)
    call = tree.body[1].value if ok else None
    ok = ok and isinstance(call, ast.Call) and sum(isinstance(n, ast.Call) for n in ast.walk(tree)) == calls
    kw = [k for k in call.keywords if k.arg == "model"] if ok else []
    ok = ok and len(kw) == 1 and isinstance(kw[0].value, ast.Constant) and kw[0].value.value == want
    out.append(ok)
print(json.dumps(out))
`;
  const snippets = VALUES.flatMap((v) => [false, true].map((embedding) => ({ v, embedding, src: apiSetup({ ...api, litellmId: v }, embedding)[2]! })));
  const r = spawnSync('python3', ['-c', check], { input: JSON.stringify(snippets.map((s) => [s.src, s.v, s.embedding ? 3 : 2])), encoding: 'utf8' });
  const results = r.status === 0 ? (JSON.parse(r.stdout) as boolean[]) : [];
  snippets.forEach((s, i) => {
    it(`${s.embedding ? 'embedding' : 'completion'} model=${JSON.stringify(s.v).slice(0, 40)}`, () => {
      expect(r.stderr).toBe('');
      expect(results[i]).toBe(true);
    });
  });
  it('pythonString is ASCII only', () => {
    for (const v of VALUES) expect(pythonString(v)).toMatch(/^[\x20-\x7e]+$/);
  });
});
