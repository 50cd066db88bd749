// The one module that talks to @inquirer/prompts. Every prompt goes through
// `cancellable`, the single cancel handler: inquirer rejects with ExitPromptError
// on Ctrl-C (or when the terminal closes), and the wizard turns that into
// CancelledError → exit 130 with one short line (src/cli/main.ts).
// Esc goes back a question: while a question that allows it (canGoBack) is open,
// an Esc keypress aborts the prompt through its AbortSignal (inquirer's own way
// to close a prompt from outside) and the prompt rejects with GoBack, which the
// wizard's flow turns into the previous question (src/wizard/flow.ts).
// Tests do not load this module: they pass scripted Prompts to runWizard().
import { GoBack, type Prompts } from '../wizard/types.js';
import { CancelledError } from '../core/errors.js';
import { decideColor } from '../core/ui.js';

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

/** The keypress events readline emits on the prompt's input (inquirer reads keys the same way). */
export interface KeySource {
  on(event: 'keypress', listener: (text: string | undefined, key: { name?: string } | undefined) => void): unknown;
  off(event: 'keypress', listener: (text: string | undefined, key: { name?: string } | undefined) => void): unknown;
}

/**
 * A text answer as the prompt last showed it, to tell Backspace on an empty
 * answer (go back) from Backspace that edits. Inquirer's text prompt clears its
 * offered default on the first Backspace on an empty line, so with a default
 * shown it takes two: the first clears the default, the second goes back.
 */
export class TextState {
  value = '';
  constructor(private defaultShown: boolean) {}
  /** Called before the prompt handles the key; true: go back. */
  backOn(key: { name?: string } | undefined): boolean {
    if (this.value !== '') return false;
    if (key?.name === 'tab') this.defaultShown = false;
    if (key?.name !== 'backspace') return false;
    if (this.defaultShown) {
      this.defaultShown = false;
      return false;
    }
    return true;
  }
}

/**
 * Runs one prompt; when canGoBack, Esc (or, for a text answer, Backspace on an
 * empty answer) aborts it and it rejects with GoBack. A lone Esc reaches
 * readline as key "escape" after its escape-sequence wait (500 ms). Our key
 * listener is added before the prompt's own, so it sees each key first.
 */
export async function withBack<T>(
  canGoBack: boolean | undefined,
  keys: KeySource,
  ask: (signal: AbortSignal | undefined) => Promise<T>,
  text?: TextState,
): Promise<T> {
  if (!canGoBack) return cancellable(() => ask(undefined));
  const controller = new AbortController();
  const onKey = (_text: string | undefined, key: { name?: string } | undefined): void => {
    if (key?.name === 'escape' || text?.backOn(key)) controller.abort();
  };
  keys.on('keypress', onKey);
  try {
    return await cancellable(() => ask(controller.signal));
  } catch (error) {
    if (controller.signal.aborted && error instanceof Error && error.name === 'AbortPromptError') throw new GoBack();
    throw error;
  } finally {
    keys.off('keypress', onKey);
  }
}

type Inquirer = typeof import('@inquirer/prompts');

export function createPrompts(load: () => Promise<Inquirer> = () => import('@inquirer/prompts'), keys: KeySource = process.stdin): Prompts {
  let lib: Promise<Inquirer> | undefined;
  const inquirer = () => (lib ??= load());
  return {
    select: (q) =>
      withBack(q.canGoBack, keys, async (signal) =>
        (await inquirer()).select(
          {
            message: q.message,
            choices: q.choices.map((c) => ({ value: c.value, name: c.name, description: c.description })),
            default: q.default,
            pageSize: 10,
          },
          { signal },
        ),
      ),
    search: (q) =>
      withBack(q.canGoBack, keys, async (signal) =>
        (await inquirer()).search(
          {
            message: q.message,
            source: (term) => q.source(term).map((c) => ({ value: c.value, name: c.name, description: c.description })),
            pageSize: 10,
          },
          { signal },
        ),
      ),
    input: (q) => {
      const text = new TextState(Boolean(q.default));
      // The transformer sees the answer as typed at every render: that is how Backspace on an empty answer is told apart.
      const transformer = (value: string, { isFinal }: { isFinal: boolean }): string => {
        text.value = value;
        // Given a transformer, inquirer leaves the final answer unstyled: cyan, as it would be, where colour is on.
        return isFinal && decideColor() ? `\u001b[36m${value}\u001b[39m` : value;
      };
      return withBack(
        q.canGoBack,
        keys,
        async (signal) => (await inquirer()).input({ message: q.message, default: q.default, validate: q.validate, required: true, transformer }, { signal }),
        text,
      );
    },
    confirm: (q) =>
      withBack(q.canGoBack, keys, async (signal) => (await inquirer()).confirm({ message: q.message, default: q.default }, { signal })),
  };
}
