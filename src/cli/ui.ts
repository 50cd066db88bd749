// Colour and width for human output, decided once. Imported lazily (chalk costs
// start-up time), so --json output never loads it.
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
