// Colour and width for human output, decided once. chalk is imported only when
// colour is on (it is an ES module and costs start-up time); plain output uses a
// styler that returns its text unchanged.
import type { ChalkInstance } from 'chalk';

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

/** chalk at level 0, without chalk: any chain of styles (`c.bold.red(x)`) returns its text. */
function plainStyler(): ChalkInstance {
  const style = (...text: unknown[]): string => text.join(' ');
  const proxy: unknown = new Proxy(style, { get: (_target, key) => (key === 'level' ? 0 : proxy) });
  return proxy as ChalkInstance;
}

function terminalWidth(): number {
  return process.stdout.columns && process.stdout.columns > 40 ? process.stdout.columns : 100;
}

let cached: Promise<Ui> | undefined;

export function getUi(): Promise<Ui> {
  cached ??= (async () => {
    if (!decideColor()) return plainUi(terminalWidth());
    const { Chalk } = await import('chalk');
    return { color: true, c: new Chalk({ level: 1 }), width: terminalWidth() };
  })();
  return cached;
}

/** A Ui without colour, for tests and plain output. */
export function plainUi(width = 100): Ui {
  return { color: false, c: plainStyler(), width };
}
