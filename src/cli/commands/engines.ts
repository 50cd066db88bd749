// `llm-pick engines`: inference engines, what each is for, what runs where.
import type { Ui } from '../../core/ui.js';
import type { CommandContext } from '../context.js';
import { loadCatalog } from '../../catalog/load.js';
import type { Engine } from '../../catalog/schema.js';
import { fitText, wrapCommand } from '../../render/wrap.js';

export interface EnginesResult {
  schemaVersion: 1;
  kind: 'engines';
  count: number;
  engines: Engine[];
}

export async function run(_options: object, ctx: CommandContext): Promise<EnginesResult> {
  const { engines } = await loadCatalog(ctx.catalogFiles);
  return { schemaVersion: 1, kind: 'engines', count: engines.length, engines };
}

export function render(result: EnginesResult, ui: Ui): string {
  // Engines carry sentences, not figures: a list reads better than a table. The install
  // line is a command when it reads as one (broken between shell words with ` \`).
  const install = (text: string) =>
    /^[a-z][\w.-]* /.test(text) && !/^Download /.test(text) ? wrapCommand(text, ui.textWidth, '  install:    ', '      ').join('\n') : `  install:    ${text}`;
  const text = result.engines
    .map((e) =>
      [
        `${ui.c.bold(e.name)} — ${e.bestFor}`,
        `  strengths:  ${e.strengths}`,
        `  formats:    ${e.formats.join(', ')}    runs on: ${e.hardware.join(', ')}`,
        `  multi-GPU:  ${e.multiGpu}`,
        `  multi-node: ${e.multiNode}`,
        install(e.install),
        `  ${ui.c.dim(e.url)}`,
      ].join('\n'),
    )
    .join('\n\n');
  return fitText(text, ui.textWidth);
}
