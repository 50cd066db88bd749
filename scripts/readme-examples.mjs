// The README's examples, run as written: every `$ llm-pick ...` line in a ```console block is
// run with the built binary (no colour, 100 columns, an empty HOME) and its output compared
// with the lines under it. A block line "…" marks output cut for the README: then the shown
// lines must appear in order. Lines with a pipe are shown, not run.
//   node scripts/readme-examples.mjs          check (exit 1 on a difference)
//   node scripts/readme-examples.mjs --write  rewrite the outputs of uncut examples
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = join(ROOT, 'README.md');
const BIN = join(ROOT, 'bin/llm-pick.cjs');

/** Shell words of a command line: double and single quotes group, nothing else is special. */
export function words(line) {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Every example: its line index in the README, the command words, the shown output lines, cut or not. */
export function examples(text) {
  const lines = text.split('\n');
  const out = [];
  let inConsole = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.startsWith('```')) {
      inConsole = !inConsole && line.trim() === '```console';
      continue;
    }
    if (!inConsole || !line.startsWith('$ llm-pick')) continue;
    const shown = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith('$ ') && !lines[j].startsWith('```')) shown.push(lines[j++]);
    out.push({ index: i, end: j, command: line.slice(2), args: words(line.slice(2)).slice(1), shown, cut: shown.includes('…'), piped: line.includes('|') });
  }
  return out;
}

/** A fixed, empty HOME, made afresh for each example, so printed paths are the same on every machine. */
export const HOME = '/tmp/llm-pick-readme-home';

export function run(args) {
  rmSync(HOME, { recursive: true, force: true });
  mkdirSync(HOME, { recursive: true });
  const home = HOME;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', COLUMNS: '100', LLM_PICK_CONFIG_DIR: join(home, 'config') },
  });
  return `${r.stdout}${r.stderr}`.replace(/\n+$/, '').split('\n');
}

/** Where an example's output differs from what the README shows; null when it matches. */
export function difference(example, actual) {
  if (!example.cut) {
    const shown = example.shown.join('\n').replace(/\n+$/, '');
    return shown === actual.join('\n') ? null : `README shows:\n${shown}\n\nthe command prints:\n${actual.join('\n')}`;
  }
  let k = 0;
  for (const line of example.shown.filter((l) => l !== '…' && l.trim() !== '')) {
    while (k < actual.length && actual[k] !== line) k += 1;
    if (k === actual.length) return `the README line ${JSON.stringify(line)} is not in the output (in this order)`;
    k += 1;
  }
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  let text = readFileSync(README, 'utf8');
  const found = examples(text).filter((e) => !e.piped);
  let failed = 0;
  // From the last to the first, so indexes stay valid while rewriting.
  for (const e of [...found].reverse()) {
    const actual = run(e.args);
    const diff = difference(e, actual);
    if (!diff) continue;
    if (write && !e.cut) {
      const lines = text.split('\n');
      lines.splice(e.index + 1, e.end - e.index - 1, ...actual);
      text = lines.join('\n');
      console.error(`updated: ${e.command}`);
    } else {
      failed += 1;
      console.error(`differs: ${e.command}\n${diff}\n`);
    }
  }
  if (write) writeFileSync(README, text);
  console.error(`${found.length} examples, ${failed} differ`);
  process.exitCode = failed > 0 ? 1 : 0;
}
