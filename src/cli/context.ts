// What every command receives besides its own options, and what a command module exports.
import type { Ui } from '../core/ui.js';

export interface CommandContext {
  json: boolean;
  debug: boolean;
  /** --catalog FILE (repeatable): user catalogs merged over the built-in one, by id. */
  catalogFiles: string[];
}

/** Every --json document has these two fields. */
export interface JsonDocument {
  schemaVersion: number;
  kind: string;
}

/**
 * A command is `(options) => Promise<Result>`: it returns data; rendering is a
 * separate step. `exitCode` lets a command answer and still exit non-zero
 * (`fit --require-fit`).
 */
export interface CommandModule<O, R extends JsonDocument> {
  run(options: O, ctx: CommandContext): Promise<R>;
  /** Human output; may import its table code lazily so --json never loads it. `options`: flags that only shape it (recommend --explain). */
  render(result: R, ui: Ui, options: O): string | Promise<string>;
  exitCode?(result: R, options: O): number;
}
