// All writing to stdout/stderr goes through here (colour: ui.ts). Every write passes the
// sanitizer (src/core/sanitize.ts): no control byte from outside data reaches the terminal.
import { writeSync } from 'node:fs';
import { decideColor } from '../core/ui.js';
import { jsonSafe, terminalSafe } from '../core/sanitize.js';

let colour: boolean | undefined;
/** Colour as the Ui decides it: only then do SGR colour sequences pass. */
function safe(text: string): string {
  colour ??= decideColor();
  return terminalSafe(text, colour);
}
let pipeGuard = false;
/** Set once a write had to go through process.stdout: every later write follows it, in order. */
let viaStream = false;

/**
 * A reader that goes away (`llm-pick models | head`) ends the output quietly, not with EPIPE.
 * Any other failure to write (a full disk: `> /dev/full`) is one line on stderr and exit 1,
 * not an uncaught exception with a stack trace.
 */
function guardPipe(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => failed(error));
}

function failed(error: NodeJS.ErrnoException): never {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`llm-pick: cannot write the output to stdout (${error.message.split('\n')[0]})\n`);
  process.exit(1);
}

/**
 * Writes straight to file descriptor 1. Creating process.stdout costs a one-shot command more
 * than its answer (for a pipe it loads net and builds a socket); stdout is blocking on Linux for
 * files, pipes and terminals. Where a write would block (a non-blocking pipe, as on macOS) the rest
 * goes through process.stdout, which waits for the reader.
 */
function writeStdout(text: string): void {
  if (viaStream) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code !== 'EAGAIN') failed(e);
      viaStream = true;
      guardPipe();
      process.stdout.write(bytes.subarray(offset));
      return;
    }
  }
}

export function writeOut(text: string): void {
  const clean = safe(text);
  writeStdout(clean.endsWith('\n') ? clean : `${clean}\n`);
}

export function writeErr(text: string): void {
  const clean = safe(text);
  process.stderr.write(clean.endsWith('\n') ? clean : `${clean}\n`);
}

/** Exactly one JSON document on stdout. */
export function writeJson(doc: unknown): void {
  writeStdout(`${jsonSafe(JSON.stringify(doc, null, 2))}\n`);
}
