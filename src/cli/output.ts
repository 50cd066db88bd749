// All writing to stdout/stderr goes through here (colour: ui.ts).
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
