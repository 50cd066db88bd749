// Human output of `llm-pick cost`: the volume, API costs per month, the local
// cost with its assumptions, the break-even volume and whether local keeps up.
import type { Ui } from '../core/ui.js';
import type { CostResult } from '../decide/output-schema.js';
import { groupDigits } from '../util/numbers.js';
import { price as priceText, tokens as tokensText, tps as tpsText, usd as usdText } from '../decide/words.js';
import { renderCostChart } from './cost-chart.js';
import { heading, makeTable } from './table.js';
import { fitText } from './wrap.js';

export function renderCost(r: CostResult, ui: Ui): string {
  const v = r.volume;
  const l = r.local;
  const lines: string[] = [];
  lines.push(
    `${ui.c.bold('Volume:')} ${groupDigits(v.tokensPerDay)} tokens/day (${tokensText(v.inputTokensPerDay)} input, ${tokensText(v.outputTokensPerDay)} output; input share ${v.inputShare})`,
  );
  lines.push('', heading(`API, per month${r.pricesAsOf ? ` (prices as of ${r.pricesAsOf} or later; each price's source: llm-pick models --json)` : ''}`, ui));
  const cheaper = l.monthlyUsd;
  lines.push(
    makeTable(
      [
        { head: 'Model', keep: true },
        { head: 'Role', priority: 2 },
        { head: 'In $/1M', short: 'In', align: 'right', priority: 4 },
        { head: 'Out $/1M', short: 'Out', align: 'right', priority: 3 },
        { head: 'USD/month', short: '$/month', align: 'right', priority: 6 },
        { head: 'Break-even tok/day', short: 'Even tok/day', align: 'right', priority: 5 },
      ],
      r.api.map((a) => [
        a.comparableToLocal ? `${a.modelId} ≈` : a.modelId,
        [a.lineup, a.status === 'current' ? null : a.status].filter(Boolean).join(', ') || '-',
        priceText(a.usdPerMillionInput),
        priceText(a.usdPerMillionOutput),
        cheaper !== null && a.monthlyUsd > cheaper ? ui.c.yellow(usdText(a.monthlyUsd)) : usdText(a.monthlyUsd),
        a.breakEvenTokensPerDay === null ? '?' : tokensText(a.breakEvenTokensPerDay),
      ]),
      ui,
    ),
  );
  lines.push('', heading('Local, per month', ui));
  lines.push(`  Hardware: ${l.hardware}${l.modelId ? `, running ${l.modelId} (${l.quant})` : ''}`);
  const busy = l.busyHoursPerDay === null ? null : Math.min(l.busyHoursPerDay / l.machinesNeeded, l.hoursPerDay);
  lines.push(
    `  Electricity: ${
      l.electricityUsd === null
        ? 'unknown'
        : busy === null
          ? `${usdText(l.electricityUsd)} (${l.watts} W × ${l.hoursPerDay} h/day × ${usdText(l.kwhPrice)}/kWh)`
          : `${usdText(l.electricityUsd)} (${l.energyKwhPerDay} kWh/day: ${busy.toFixed(1)} h busy at ${l.watts} W + ${(l.hoursPerDay - busy).toFixed(1)} h idle at ${l.idleWatts} W${l.machinesNeeded > 1 ? `, × ${l.machinesNeeded} machines` : ''}; ${usdText(l.kwhPrice)}/kWh)`
    }`,
  );
  if (l.busyHoursPerDay !== null) {
    lines.push(`  Load: ${l.busyHoursPerDay.toFixed(1)} busy hours a day at ${l.users} concurrent user${l.users > 1 ? 's' : ''}; GPUs needed: ${l.gpusNeeded}${l.machinesNeeded > 1 ? ` (${l.machinesNeeded} machines)` : ''}`);
  }
  lines.push(`  Hardware amortization: ${usdText(l.amortizationUsd)}${l.hardwareCostUsd > 0 ? ` (${usdText(l.hardwareCostUsd)} / ${l.months} months)` : ''}`);
  lines.push(`  ${ui.c.bold('Total:')} ${l.monthlyUsd === null ? 'unknown' : ui.c.bold(usdText(l.monthlyUsd))}`);
  if (l.capacity) {
    const cap = l.capacity;
    const word = cap.canServe ? ui.c.green('can serve the volume') : ui.c.red('one machine cannot serve the volume alone');
    lines.push(
      `  Capacity: ≈ ${tpsText(cap.decodeTokensPerSecond)} decode, ${tpsText(cap.promptTokensPerSecond)} prompt → up to ${tokensText(cap.maxTokensPerDay)} tokens/day: ${word}`,
    );
  }
  if (r.breakEvenTokensPerDay !== null && r.breakEvenAgainst) {
    lines.push(
      '',
      `${ui.c.bold('Break-even:')} ${groupDigits(r.breakEvenTokensPerDay)} tokens/day against ${r.breakEvenAgainst}, the cheapest API listed${r.api.some((a) => a.comparableToLocal) ? ' of quality comparable to the local model (≈)' : ''}`,
    );
  }
  const chart = renderCostChart(r, ui);
  if (chart.length > 0) lines.push('', heading('Monthly cost against volume (log scales)', ui), ...chart);
  if (r.notes.length > 0) {
    lines.push('', ui.c.bold('Notes'));
    for (const n of r.notes) lines.push(`  - ${n}`);
  }
  lines.push('', ui.c.bold('Assumptions'));
  for (const a of l.assumptions) lines.push(ui.c.dim(`  - ${a}`));
  return `${fitText(lines.join('\n'), ui.textWidth)}\n`;
}
