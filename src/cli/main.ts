// One top-level runner: import the command lazily, run it, render, map errors to exit codes.
import { CliError } from '../core/errors.js';
import { phaseClock, recordPhase, timePhase } from '../core/phases.js';
import { catalogAsOf, stamped, staleNote } from '../catalog/as-of.js';
import { visibleLine } from '../core/sanitize.js';
import type { CommandContext, CommandModule, JsonDocument } from './context.js';
import { writeErr, writeJson, writeOut } from './output.js';

const ISSUE_HINT = 'This is a bug in llm-pick; please report it with the command you ran (add --debug for details).';

export async function runCommand<O, R extends JsonDocument>(
  load: () => Promise<CommandModule<O, R>>,
  options: O,
  ctx: CommandContext,
): Promise<void> {
  try {
    const mod = await timePhase('load', load);
    const result = await timePhase('compute', () => mod.run(options, ctx));
    const renderStart = phaseClock();
    if (ctx.json) writeJson(stamped(result));
    else {
      const { getUi } = await import('../core/ui.js');
      writeOut(await mod.render(result, await getUi(), options));
      const note = staleNote(catalogAsOf(), new Date());
      if (note) writeErr(note);
    }
    recordPhase('render', renderStart);
    const code = mod.exitCode?.(result, options) ?? 0;
    if (code !== 0) process.exitCode = code;
  } catch (error) {
    reportError(error, ctx.debug);
  }
}

/** Bad input is one line: a newline or control character in a value the message quotes is escaped. */
export function oneLine(message: string): string {
  return visibleLine(message);
}

export function reportError(error: unknown, debug: boolean): void {
  if (error instanceof CliError) {
    writeErr(`llm-pick: ${oneLine(error.message)}`);
    process.exitCode = error.exitCode;
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeErr(`llm-pick: unexpected error: ${oneLine(message.split('\n')[0]!)}`);
  if (debug && error instanceof Error && error.stack) writeErr(error.stack);
  else writeErr(ISSUE_HINT);
  process.exitCode = 1;
}
