// All writing to stdout/stderr goes through here; colour is decided once.
import { Chalk, type ChalkInstance } from 'chalk';

export interface Ui {
  color: boolean;
  c: ChalkInstance;
  /** Terminal width for tables, 100 when unknown. */
  width: number;
}

export function decideColor(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
  isTty: boolean = Boolean(process.stdout.isTTY),
): boolean {
  if (argv.includes('--no-color')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (argv.includes('--color')) return true;
  return isTty && env.TERM !== 'dumb';
}

let cached: Ui | undefined;

export function getUi(): Ui {
  if (!cached) {
    const color = decideColor();
    cached = {
      color,
      c: new Chalk({ level: color ? 1 : 0 }),
      width: process.stdout.columns && process.stdout.columns > 40 ? process.stdout.columns : 100,
    };
  }
  return cached;
}

/** A Ui without colour, for tests and JSON paths. */
export function plainUi(width = 100): Ui {
  return { color: false, c: new Chalk({ level: 0 }), width };
}

let pipeGuard = false;

/** A reader that goes away (`llm-pick models | head`) ends the output quietly, not with EPIPE. */
function guardPipe(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export function writeOut(text: string): void {
  guardPipe();
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function writeErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Exactly one JSON document on stdout. */
export function writeJson(doc: unknown): void {
  guardPipe();
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}
