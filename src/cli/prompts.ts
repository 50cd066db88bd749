// The one module that talks to @inquirer/prompts. Every prompt goes through
// `cancellable`, the single cancel handler: inquirer rejects with ExitPromptError
// on Ctrl-C (or when the terminal closes), and the wizard turns that into
// CancelledError → exit 130 with one short line (src/cli/main.ts).
// Tests do not load this module: they pass scripted Prompts to runWizard().
import type { Prompts } from '../wizard/types.js';
import { CancelledError } from '../core/errors.js';

/** Inquirer's error when the user closes a prompt (by name: the class lives in @inquirer/core, not a direct dependency). */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}

export async function cancellable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (isPromptExit(error)) throw new CancelledError();
    throw error;
  }
}

type Inquirer = typeof import('@inquirer/prompts');

export function createPrompts(load: () => Promise<Inquirer> = () => import('@inquirer/prompts')): Prompts {
  let lib: Promise<Inquirer> | undefined;
  const inquirer = () => (lib ??= load());
  return {
    select: (q) =>
      cancellable(async () =>
        (await inquirer()).select({
          message: q.message,
          choices: q.choices.map((c) => ({ value: c.value, name: c.name, description: c.description })),
          default: q.default,
          pageSize: 10,
        }),
      ),
    search: (q) =>
      cancellable(async () =>
        (await inquirer()).search({
          message: q.message,
          source: (term) => q.source(term).map((c) => ({ value: c.value, name: c.name, description: c.description })),
          pageSize: 10,
        }),
      ),
    input: (q) =>
      cancellable(async () =>
        (await inquirer()).input({ message: q.message, default: q.default, validate: q.validate, required: true }),
      ),
    confirm: (q) => cancellable(async () => (await inquirer()).confirm({ message: q.message, default: q.default })),
  };
}
