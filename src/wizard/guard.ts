// The wizard is for people at a terminal: elsewhere it must not wait for input.
import { UsageError } from '../core/errors.js';

export function assertInteractive(t: { json: boolean; stdinTty: boolean; stdoutTty: boolean }): void {
  if (t.json) {
    throw new UsageError('the wizard asks questions and has no --json output; use `llm-pick recommend --json` with flags (see `llm-pick recommend --help`)');
  }
  if (!t.stdinTty || !t.stdoutTty) {
    throw new UsageError('no terminal to ask questions in; use `llm-pick recommend` with flags (see `llm-pick recommend --help` or `llm-pick --help`)');
  }
}
