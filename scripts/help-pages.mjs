// Writes dist/bin/help.json: the help pages and the version line, as the built bundle prints them
// to a pipe, for each command line that asks for one (`--help`, `-h`, `help`, `fit --help`,
// `help fit`, `catalog validate -h`, `--version`, ...). bin/llm-pick.cjs answers exactly these
// command lines from the file when stdout is not a terminal, without loading the bundle (a third of
// a start). Each page is the bundle's own output for that very command line, run here: commander
// and the option table (src/options/table.ts) stay the only source of the text. Runs after the bundle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(root, 'dist', 'bin', 'llm-pick.cjs');
const OUT = join(root, 'dist', 'bin', 'help.json');

/** The command lines that ask for a help page or the version, from the program's own commands. */
export function helpLines(program) {
  const visible = (cmd) => cmd.createHelp().visibleCommands(cmd).filter((c) => c.name() !== 'help');
  const lines = [['--help'], ['-h'], ['help'], ['--version'], ['-V']];
  for (const cmd of visible(program)) {
    lines.push([cmd.name(), '--help'], [cmd.name(), '-h'], ['help', cmd.name()]);
    for (const sub of visible(cmd)) lines.push([cmd.name(), sub.name(), '--help'], [cmd.name(), sub.name(), '-h']);
  }
  return lines;
}

/** What the bundle prints for these arguments, stdout a pipe, in a home with no config file. */
function bundleOutput(args, home) {
  const runner = `require(${JSON.stringify(BUNDLE)}).main(['node', 'llm-pick', ...process.argv.slice(1)])`;
  const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), NO_COLOR: '1' };
  const r = spawnSync(process.execPath, ['-e', runner, '--', ...args], { env, encoding: 'utf8', timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  rmSync(OUT, { force: true });
  const { buildProgram } = createRequire(import.meta.url)(BUNDLE);
  const home = mkdtempSync(join(tmpdir(), 'llm-pick-help-'));
  const pages = [];
  const lines = {};
  try {
    for (const args of helpLines(buildProgram())) {
      const r = bundleOutput(args, home);
      if (r.status !== 0 || r.stderr !== '' || r.stdout === '') {
        throw new Error(`help pages: \`llm-pick ${args.join(' ')}\` exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
      }
      let at = pages.indexOf(r.stdout);
      if (at < 0) at = pages.push(r.stdout) - 1;
      lines[args.join('\n')] = at;
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  writeFileSync(OUT, JSON.stringify({ lines, pages }));
  console.error(`help pages: dist/bin/help.json (${Object.keys(lines).length} command lines, ${pages.length} pages)`);
}
