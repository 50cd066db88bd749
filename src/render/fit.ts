// Human output of `llm-pick fit`: breakdown table, memory bar, verdict, largest context and
// best quantization, speed, and how each number was computed.
import type { Ui } from '../cli/ui.js';
import type { FitDocument } from './fit-schema.js';
import { formatBytes, formatCount, formatGiB, formatParams, memoryBar } from './format.js';

/** GiB, or MiB/KiB for the tiny numbers of small models. */
const size = (bytes: number) => (bytes < 0.01 * 2 ** 30 ? formatBytes(bytes) : formatGiB(bytes));
import { makeTable } from './table.js';
import { groupDigits } from '../util/numbers.js';

function header(d: FitDocument): string {
  const m = d.model;
  const what =
    m.source === 'params'
      ? `${formatParams(m.params)} parameters (synthesized shape)`
      : `${m.name}${m.id ? ` (${m.id})` : ''}, ${formatParams(m.params)} parameters${m.moe ? `, ${formatParams(m.activeParams)} active` : ''}`;
  const fa = d.flashAttention ? 'flash attention on' : 'flash attention off';
  return `${what} · ${d.quant.name} (${d.quant.bitsPerWeight.toFixed(2)} bits/weight) · ${formatCount(d.contextLength)} tokens · KV cache ${d.kvCacheType} · ${fa}`;
}

function budgetNote(d: FitDocument): string {
  const b = d.budget;
  if (!b) return 'unknown';
  if (b.mode === 'cpu') return 'system RAM (CPU only)';
  if (b.mode === 'unified') return 'unified memory the GPU may use';
  return b.gpus > 1 ? `${b.gpus} GPUs × ${formatGiB(b.vramBytesPerGpu)}` : 'GPU memory';
}

function verdict(d: FitDocument, ui: Ui): string {
  const c = ui.c;
  if (d.fits === null || !d.budget) return c.yellow('? No memory budget known: give --vram GiB, --gpu NAME (e.g. 3090) or --cpu-only --ram GiB.');
  const total = d.budget.totalBytes ?? 0;
  const head = d.headroomBytes ?? 0;
  if (d.fits) {
    const where = d.budget.mode === 'cpu' ? 'in RAM' : d.budget.mode === 'unified' ? 'in unified memory' : d.budget.gpus > 1 ? `on ${d.budget.gpus} GPUs` : 'on the GPU';
    const tight = head < 0.05 * total ? c.yellow(' (tight: little room for longer prompts or other programs)') : '';
    return `${c.green('✓ Fits')} ${where} with ${formatGiB(head)} to spare${d.budget.gpus > 1 && d.budget.mode === 'gpu' ? ' on the fullest card' : ''}.${tight}`;
  }
  if (d.budget.mode === 'gpu' && d.offload) {
    const o = d.offload;
    if (o.gpuLayers === 0) {
      const ram = o.ramFits === false ? c.red(' and RAM does not hold it either') : o.ramFits === null ? ' (RAM size unknown)' : '; it runs from RAM on the CPU (slow)';
      return `${c.red('✗ Does not fit')}: not even one layer fits the GPU budget${ram}.`;
    }
    const ram =
      o.ramFits === false
        ? c.red(`, and RAM does not hold the ${formatGiB(o.ramBytes)} that stays there`)
        : o.ramFits === null
          ? `; ${formatGiB(o.ramBytes)} stays in RAM (RAM size unknown)`
          : `; ${formatGiB(o.ramBytes)} stays in RAM (fits), decode slows to the CPU's pace for those layers`;
    return `${c.yellow('◐ Does not fit whole')}: ${o.gpuLayers} of ${o.totalLayers} layers fit on the GPU${d.budget.gpus > 1 ? 's' : ''} (-ngl ${o.gpuLayers})${ram}.`;
  }
  const where = d.budget.mode === 'cpu' ? 'RAM' : 'the memory the GPU may use';
  return `${c.red('✗ Does not fit')} in ${where}: ${formatGiB(-head)} short.`;
}

export function renderFit(d: FitDocument, ui: Ui): string {
  const c = ui.c;
  const out: string[] = [c.bold(header(d)), ''];
  const m = d.memory;
  const rows: (string | number)[][] = [
    ['weights', size(m.weightsBytes), `${d.quant.name}, ${d.quant.source === 'file' ? 'from the file' : 'per-tensor mix'}`],
    ['KV cache', size(m.kvCacheBytes), `${formatCount(d.contextLength)} tokens, ${d.kvCacheType}`],
    ['overhead', size(m.overheadBytes), 'compute buffer, context, output'],
    [c.bold('total'), c.bold(formatGiB(m.totalBytes)), ''],
    ['budget', d.budget?.totalBytes != null ? formatGiB(d.budget.totalBytes) : '—', budgetNote(d)],
  ];
  out.push(makeTable(['memory', 'size', 'what'], rows, ui, ['left', 'right', 'left']));
  if (d.budget?.totalBytes != null && d.budget.totalBytes > 0) {
    const width = Math.max(10, Math.min(40, ui.width - 30));
    if (d.gpuSplit && d.gpuSplit.length > 1) {
      for (const s of d.gpuSplit) out.push(`GPU ${s.gpu} (${s.layers} layers) ${memoryBar(s.bytes, s.budgetBytes, width)}`);
    } else {
      const bar = memoryBar(m.totalBytes, d.budget.totalBytes, width);
      out.push(d.fits ? c.green(bar) : c.red(bar));
    }
  }
  out.push('');
  out.push(verdict(d, ui));
  if (d.budget) {
    out.push(
      d.maxContext !== null
        ? `Largest context that fits whole: ${formatCount(d.maxContext)} tokens${d.maxContext >= d.model.maxContext ? ' (the model\'s maximum)' : ''}.`
        : `Largest context that fits whole: none (not even 256 tokens with ${d.quant.name}).`,
    );
    out.push(
      d.bestQuant !== null
        ? `Best quantization that fits whole at ${formatCount(d.contextLength)} tokens: ${d.bestQuant}.`
        : `Best quantization that fits whole at ${formatCount(d.contextLength)} tokens: none of the GGUF types.`,
    );
  }
  if (d.speed) {
    const dec = d.speed.decodeTokensPerSecond;
    const pp = d.speed.promptTokensPerSecond;
    const f = (x: number) => (x >= 100 ? groupDigits(x) : x >= 10 ? x.toFixed(0) : x.toFixed(1));
    out.push(`Speed: about ${f(dec)} tok/s generating, ${f(pp)} tok/s reading the prompt.`);
  }
  out.push('');
  out.push(c.dim('How each number was computed:'));
  for (const line of d.explanation) out.push(c.dim(`  • ${line}`));
  for (const w of d.warnings) out.push(c.yellow(`warning: ${w}`));
  return out.join('\n');
}
