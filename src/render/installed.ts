// Human output of `llm-pick installed`: one row per model, then the problems, one line each.
import type { Ui } from '../core/ui.js';
import type { InstalledDocument } from '../installed/output-schema.js';
import { formatBytes, formatGiB, formatParams } from './format.js';
import { makeTable } from './table.js';

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
      m.fit.fits === null ? '?' : m.fit.fits ? ui.c.green('fits') : m.fit.gpuLayers !== null ? ui.c.yellow(`offload (${m.fit.gpuLayers} of ${m.layers} layers)`) : ui.c.red('too big'),
    ]);
    lines.push(makeTable(['store', 'model', 'quant', 'params', 'on disk', 'catalog', 'memory', 'fit'], rows, ui, ['left', 'left', 'left', 'right', 'right', 'left', 'right', 'left'], [0, 2, 3, 4, 6]));
    const ctxs = [...new Set(doc.models.map((m) => m.fit.contextLength))].sort((a, b) => a - b);
    lines.push(`${doc.models.length} model${doc.models.length === 1 ? '' : 's'} in ${looked.map((s) => `${s.store} ${s.dir}`).join(', ')}`);
    lines.push(`memory: weights (exact, from the headers) + KV cache + overhead at ${ctxs.join(' / ')} tokens of context`);
  }
  lines.push(`memory available: ${doc.budget.explanation}`);
  for (const p of doc.problems) lines.push(ui.c.yellow(`skipped ${p.store} ${p.path}: ${p.problem}`));
  for (const w of doc.warnings) lines.push(ui.c.yellow(`warning: ${w}`));
  return lines.join('\n');
}
