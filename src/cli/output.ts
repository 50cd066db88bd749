// All writing to stdout/stderr goes through here (colour: ui.ts). Every write passes the
// sanitizer (src/core/sanitize.ts): no control byte from outside data reaches the terminal.
import { decideColor } from '../core/ui.js';
import { jsonSafe, terminalSafe } from '../core/sanitize.js';

let colour: boolean | undefined;
/** Colour as the Ui decides it: only then do SGR colour sequences pass. */
function safe(text: string): string {
  colour ??= decideColor();
  return terminalSafe(text, colour);
}
let pipeGuard = false;

/**
 * A reader that goes away (`llm-pick models | head`) ends the output quietly, not with EPIPE.
 * Any other failure to write (a full disk: `> /dev/full`) is one line on stderr and exit 1,
 * not an uncaught exception with a stack trace.
 */
function guardPipe(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`llm-pick: cannot write the output to stdout (${error.message.split('\n')[0]})\n`);
    process.exit(1);
  });
}

export function writeOut(text: string): void {
  guardPipe();
  const clean = safe(text);
  process.stdout.write(clean.endsWith('\n') ? clean : `${clean}\n`);
}

export function writeErr(text: string): void {
  const clean = safe(text);
  process.stderr.write(clean.endsWith('\n') ? clean : `${clean}\n`);
}

/** Exactly one JSON document on stdout. */
export function writeJson(doc: unknown): void {
  guardPipe();
  process.stdout.write(`${jsonSafe(JSON.stringify(doc, null, 2))}\n`);
}
