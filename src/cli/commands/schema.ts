// TEMPORARY placeholder so the program compiles while this command is being built; replaced by its owner.
import { CliError } from '../errors.js';
import type { JsonDocument } from '../context.js';

export async function run(): Promise<JsonDocument> {
  throw new CliError('the "schema" command is not built yet', 1);
}

export function render(): string {
  return '';
}
