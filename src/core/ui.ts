// Colour and width for human output, decided once. chalk is imported only when
// colour is on (it is an ES module and costs start-up time); plain output uses a
// styler that returns its text unchanged.
import type { ChalkInstance } from 'chalk';

export interface Ui {
  color: boolean;
  c: ChalkInstance;
  /** Columns tables must fit: the terminal's, or COLUMNS, or 100 for a pipe (see decideWidth). */
  width: number;
  /**
   * Columns prose and commands are wrapped at: `width` for a terminal or COLUMNS; Infinity
   * (no wrapping) for a pipe without COLUMNS, whose lines stay whole for grep and the pager.
   */
  textWidth: number;
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

/** chalk at level 0, without chalk: any chain of styles (`c.bold.red(x)`) returns its text. */
function plainStyler(): ChalkInstance {
  const style = (...text: unknown[]): string => text.join(' ');
  const proxy: unknown = new Proxy(style, { get: (_target, key) => (key === 'level' ? 0 : proxy) });
  return proxy as ChalkInstance;
}

/** The narrowest layout drawn; a narrower terminal gets the 40-column layout. */
export const MIN_WIDTH = 40;
/** The width of a pipe or file without COLUMNS: a stable layout (the README's examples use it). */
export const PIPE_WIDTH = 100;

/**
 * Columns for human output: COLUMNS when it is a positive integer (so a pipe, a test or a
 * user can ask for a width), else the terminal's own width, else PIPE_WIDTH; never below MIN_WIDTH.
 */
export function decideWidth(
  env: NodeJS.ProcessEnv = process.env,
  columns: number | undefined = process.stdout.isTTY ? process.stdout.columns : undefined,
): number {
  const fromEnv = /^\s*\d+\s*$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0;
  const width = fromEnv > 0 ? fromEnv : columns && columns > 0 ? columns : PIPE_WIDTH;
  return Math.max(MIN_WIDTH, width);
}

/** Whether prose is wrapped: on a terminal, or when COLUMNS asks for a width. */
export function decideWrap(env: NodeJS.ProcessEnv = process.env, isTty: boolean = Boolean(process.stdout.isTTY)): boolean {
  return isTty || /^\s*[1-9]\d*\s*$/.test(env.COLUMNS ?? '');
}

function widths(): { width: number; textWidth: number } {
  const width = decideWidth();
  return { width, textWidth: decideWrap() ? width : Infinity };
}

let cached: Promise<Ui> | undefined;

export function getUi(): Promise<Ui> {
  cached ??= (async () => {
    const { width, textWidth } = widths();
    if (!decideColor()) return plainUi(width, textWidth);
    const { Chalk } = await import('chalk');
    return { color: true, c: new Chalk({ level: 1 }), width, textWidth };
  })();
  return cached;
}

/** A Ui without colour, for tests and plain output: tables fit `width`, prose is wrapped at `textWidth` (by default not at all, as in a pipe). */
export function plainUi(width = 100, textWidth = Infinity): Ui {
  return { color: false, c: plainStyler(), width, textWidth };
}
