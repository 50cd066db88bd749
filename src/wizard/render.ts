// What the wizard adds after recommend's answer: the same question as one command.
import type { Ui } from '../core/ui.js';

export function renderCommandLine(line: string, ui: Ui): string {
  return `${ui.c.bold('The same answer without the questions')} ${ui.c.dim('(add --json for scripts)')}:\n  ${line}`;
}
