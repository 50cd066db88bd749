// `llm-pick engines`: inference engines, what each is for, what runs where.
import type { Ui } from '../output.js';
import type { CommandContext } from '../context.js';
import { loadCatalog } from '../../catalog/load.js';
import type { Engine } from '../../catalog/schema.js';

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

export async function render(result: EnginesResult, ui: Ui): Promise<string> {
  const { makeTable } = await import('../../render/table.js');
  return makeTable(
    ['engine', 'best for', 'formats', 'runs on', 'multi-GPU / multi-node', 'install'],
    result.engines.map((e) => [
      e.name,
      e.bestFor,
      e.formats.join(', '),
      e.hardware.join(', '),
      `${e.multiGpu}\n${e.multiNode}`,
      e.install,
    ]),
    ui,
  );
}
