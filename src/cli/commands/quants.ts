// `llm-pick quants`: the quantization guide.
import type { Ui } from '../../core/ui.js';
import type { CommandContext } from '../context.js';
import { loadCatalog } from '../../catalog/load.js';
import type { Quant } from '../../catalog/schema.js';

export interface QuantsResult {
  schemaVersion: 1;
  kind: 'quants';
  count: number;
  quants: Quant[];
}

export async function run(_options: object, ctx: CommandContext): Promise<QuantsResult> {
  const { quants } = await loadCatalog(ctx.catalogFiles);
  // GGUF first, from most to fewest bits, then the GPU formats.
  const sorted = [...quants].sort(
    (a, b) => Number(a.format !== 'gguf') - Number(b.format !== 'gguf') || b.bitsPerWeight - a.bitsPerWeight,
  );
  return { schemaVersion: 1, kind: 'quants', count: sorted.length, quants: sorted };
}

/** The bucket and, where the note has one, the perplexity change: "excellent (+0.32% ppl)". */
function shortQuality(q: Quant): string {
  const ppl = /\(([+-][\d.]+%)\)/.exec(q.qualityNote)?.[1];
  return ppl ? `${q.quality} (${ppl} ppl)` : q.quality;
}

export async function render(result: QuantsResult, ui: Ui): Promise<string> {
  const { makeTable } = await import('../../render/table.js');
  const { fitText } = await import('../../render/wrap.js');
  const table = makeTable(
    [
      { head: 'quant', keep: true },
      { head: 'format', priority: 4 },
      { head: 'bits/weight', short: 'bits', align: 'right', priority: 6 },
      { head: 'quality', priority: 5 },
      { head: 'engines', priority: 3 },
      { head: 'also', priority: 2 },
    ],
    result.quants.map((q) => [
      q.recommended ? ui.c.green(`${q.id} ★`) : q.id,
      q.format,
      q.bitsPerWeight.toFixed(2),
      shortQuality(q),
      q.engines.join(', '),
      q.aliases.join(', '),
    ]),
    ui,
  );
  return fitText(`${table}\n${ui.c.dim('★ recommended. Bits per weight: whole-file figures published by llama.cpp; ppl: perplexity change vs F16 (Llama 3 8B). Notes and sources: --json.')}`, ui.textWidth);
}
