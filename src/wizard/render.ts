// What the wizard adds after recommend's answer: the same question as one command.
import type { Ui } from '../core/ui.js';
import { fitText, wrapCommand } from '../render/wrap.js';

export function renderCommandLine(line: string, ui: Ui): string {
  const title = fitText(`${ui.c.bold('The same answer without the questions')} ${ui.c.dim('(add --json for scripts)')}:`, ui.textWidth);
  return [title, ...wrapCommand(line, ui.textWidth, '  ')].join('\n');
}
