// What the wizard adds after recommend's answer: the reasons in the wizard's own
// words (the answers the user picked, not flags they never typed) and the same
// question as one command.
import type { Ui } from '../core/ui.js';
import { flagWords, type Origin } from '../decide/origin.js';
import { commercial, priority } from '../options/table.js';
import { DATA_RULES, VOLUMES } from './questions.js';
import type { DataRule, RecommendFlags } from './types.js';
import { fitText, wrapCommand } from '../render/wrap.js';

export function renderCommandLine(line: string, ui: Ui): string {
  const title = fitText(`${ui.c.bold('The same answer without the questions')} ${ui.c.dim('(add --json for scripts)')}:`, ui.textWidth);
  return [title, ...wrapCommand(line, ui.textWidth, '  ')].join('\n');
}

function dataRule(o: RecommendFlags): DataRule {
  return o.privacy && o.offline ? 'private-offline' : o.privacy ? 'private' : o.offline ? 'offline' : 'anywhere';
}

const chose = (label: string | undefined, question?: string) => `you chose “${label}”${question ? ` for “${question}”` : ''}`;

/**
 * A reason's origin as the wizard asked it: the answer picked, in the questions' own words
 * (questions.ts and the option table); an option the wizard never asks keeps its flag.
 */
export function wizardOrigin(options: RecommendFlags): (o: Origin) => string {
  return (o) => {
    switch (o.option) {
      case 'privacy':
      case 'offline':
        return chose(DATA_RULES.find((d) => d.value === dataRule(options))?.name);
      case 'tokensPerDay':
        return o.given ? flagWords(o) : chose(VOLUMES.find((v) => v.value === null)?.name);
      case 'priority': {
        if (priority.type !== 'choice') return flagWords(o);
        const label = priority.choices.find((c) => c.value === o.value)?.label;
        return label ? chose(label, priority.wizard?.message) : flagWords(o);
      }
      case 'commercial':
        return `you answered yes to “${commercial.wizard?.message}”`;
      default:
        return flagWords(o);
    }
  };
}
