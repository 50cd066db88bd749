// Human output of `llm-pick installed`: one row per model, then the problems, one line each.
import type { Ui } from '../core/ui.js';
import type { InstalledDocument } from '../installed/output-schema.js';
import { formatBytes, formatGiB, formatParams } from './format.js';
import { makeTable, type Column } from './table.js';
import { fitText } from './wrap.js';

export function renderInstalled(doc: InstalledDocument, ui: Ui): string {
  const lines: string[] = [];
  const looked = doc.stores.filter((s) => s.exists);
  if (doc.models.length === 0) {
    lines.push(`No models found in ${looked.length} store${looked.length === 1 ? '' : 's'} (looked in: ${doc.stores.map((s) => s.dir).join(', ')}).`);
  } else {
    const rows = doc.models.map((m) => [
      m.store,
      m.name,
      m.quant,
      formatParams(m.params),
      formatBytes(m.sizeBytes),
      m.match ? m.match.modelId : '—',
      formatGiB(m.fit.totalBytes),
      m.fit.fits === null
        ? '?'
        : m.fit.fits
          ? ui.c.green('fits')
          : m.fit.gpuLayers !== null
            ? { text: ui.c.yellow(`offload (${m.fit.gpuLayers} of ${m.layers} layers)`), short: ui.c.yellow(`off ${m.fit.gpuLayers}/${m.layers}`) }
            : ui.c.red('too big'),
    ]);
    const columns: Column[] = [
      { head: 'store', priority: 3 },
      { head: 'model', keep: true },
      { head: 'quant', priority: 8 },
      { head: 'params', align: 'right', priority: 5 },
      { head: 'on disk', short: 'disk', align: 'right', priority: 4 },
      { head: 'catalog', priority: 6 },
      { head: 'memory', short: 'mem', align: 'right', priority: 7 },
      { head: 'fit', priority: 9 },
    ];
    lines.push(makeTable(columns, rows, ui));
    const ctxs = [...new Set(doc.models.map((m) => m.fit.contextLength))].sort((a, b) => a - b);
    lines.push(`${doc.models.length} model${doc.models.length === 1 ? '' : 's'} in ${looked.map((s) => `${s.store} ${s.dir}`).join(', ')}`);
    lines.push(`memory: weights (exact, from the headers) + KV cache + overhead at ${ctxs.join(' / ')} tokens of context`);
  }
  lines.push(`memory available: ${doc.budget.explanation}`);
  for (const p of doc.problems) lines.push(ui.c.yellow(`skipped ${p.store} ${p.path}: ${p.problem}`));
  for (const w of doc.warnings) lines.push(ui.c.yellow(`warning: ${w}`));
  return fitText(lines.join('\n'), ui.textWidth);
}
