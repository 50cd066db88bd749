// Human output of `llm-pick recommend` (and of the wizard's answer): the verdict
// with its reasons, local picks, API picks, and the setup of the top pick.
import type { Ui } from '../core/ui.js';
import type { ApiPick, LocalPick, RecommendResult } from '../decide/output-schema.js';
import { formatGiB, memoryBar } from './format.js';
import { heading, makeTable, type Cell, type Column } from './table.js';
import { fitText } from './wrap.js';
import { groupDigits } from '../util/numbers.js';
import { price as priceText, usd as usdText } from '../decide/words.js';
import { flagWords, type Origin, type Reason } from '../decide/origin.js';
import { leftOutSection, leftOutSummary } from './left-out.js';

export interface RecommendView {
  /** How a reason's origin is named: the flag (default) or the wizard's answer. */
  origin?: (o: Origin) => string;
  /** --explain: list the models left out and why, grouped. */
  explain?: boolean;
  /** Where the list of models left out is found, after their count ("--explain lists them"). */
  leftOutHint?: string;
}

const BAR_CELLS = 8;

/** The memory bar, and for a narrow table the GiB alone ("20.9", coloured; the budget is in the line above the table). */
function bar(used: number, budget: number, ui: Ui): Cell {
  const text = memoryBar(used, budget, BAR_CELLS);
  const colour = used > budget ? ui.c.red : used > budget * 0.9 ? ui.c.yellow : ui.c.green;
  return { text: `${colour(text.slice(0, BAR_CELLS))}${text.slice(BAR_CELLS)}`, short: colour(formatGiB(used, false)) };
}


/** Decode speed for the table, whose header carries the unit (tok/s). */
function decodeText(n: number): string {
  return n >= 100 ? groupDigits(n) : n.toFixed(1);
}

function verdictLine(r: RecommendResult, ui: Ui): string {
  const choice = r.deployment.choice;
  const word = choice === 'local' ? 'run it locally' : choice === 'api' ? 'use an API' : 'either works';
  const colour = choice === 'local' ? ui.c.green : choice === 'api' ? ui.c.cyan : ui.c.yellow;
  return `${ui.c.bold('Verdict:')} ${colour.bold(word)}`;
}

/** Reasons in order; next ones named the same (the wizard's one answer for --privacy and --offline) share one line. */
function sameOriginJoined(reasons: readonly Reason[], words: (o: Origin) => string): string[] {
  const out: { said: string | null; texts: string[] }[] = [];
  for (const r of reasons) {
    const said = r.origin ? words(r.origin) : null;
    const last = out.at(-1);
    if (said !== null && last?.said === said) last.texts.push(r.text);
    else out.push({ said, texts: [r.text] });
  }
  return out.map((g) => (g.said === null ? g.texts.join('; ') : `${g.said}: ${g.texts.join('; ')}`));
}

function fitsText(p: LocalPick, ui: Ui): Cell {
  if (p.fits === true) return ui.c.green('yes');
  if (p.fits === false && p.offload?.cpuMoeLayers) {
    const layers = `${p.offload.cpuMoeLayers}/${p.offload.totalLayers}`;
    return { text: ui.c.yellow(`experts ${layers}`), short: ui.c.yellow(`exp ${layers}`) };
  }
  if (p.fits === false && p.offload) {
    const layers = `${p.offload.gpuLayers}/${p.offload.totalLayers}`;
    return { text: ui.c.yellow(`offload ${layers}`), short: ui.c.yellow(`off ${layers}`) };
  }
  if (p.fits === false) return ui.c.yellow('no');
  return { text: ui.c.dim('unknown'), short: ui.c.dim('?') };
}

/** The task score column: use-case quality after the quantization cost, ~ when mostly estimated. */
export function qualityText(p: LocalPick): string {
  return `${p.quality.score.toFixed(2)}${p.quality.estimated ? '~' : ''}`;
}

function modelCell(p: LocalPick, ui: Ui): Cell {
  const lines = [p.modelId];
  // Narrow: the pipeline's models without their details, the variants left to Why and --json.
  const short = [p.modelId];
  if (p.pipeline) {
    lines.push(ui.c.dim(`+ ${p.pipeline.embedding.modelId} (${p.pipeline.embedding.quant}, embeddings)`));
    short.push(ui.c.dim(`+ ${p.pipeline.embedding.modelId}`));
  }
  if (p.pipeline?.reranker) {
    lines.push(ui.c.dim(`+ ${p.pipeline.reranker.modelId} (${p.pipeline.reranker.quant}, reranker)`));
    short.push(ui.c.dim(`+ ${p.pipeline.reranker.modelId}`));
  }
  for (const v of p.variants) {
    lines.push(ui.c.dim(`└ ${v.modelId} (${v.why.startsWith('superseded') ? 'superseded' : 'variant'})`));
  }
  return { text: lines.join('\n'), short: short.join('\n') };
}

function localTable(r: RecommendResult, ui: Ui): string {
  const rows = r.local.map((p) => [
    String(p.rank),
    modelCell(p, ui),
    qualityText(p),
    p.quant,
    p.memory.budgetBytes !== null
      ? bar(p.pipeline ? p.pipeline.totalBytes : p.memory.totalBytes, p.memory.budgetBytes, ui)
      : { text: formatGiB(p.pipeline ? p.pipeline.totalBytes : p.memory.totalBytes), short: formatGiB(p.pipeline ? p.pipeline.totalBytes : p.memory.totalBytes, false) },
    fitsText(p, ui),
    p.speed ? decodeText(p.type === 'embedding' ? p.speed.promptTokensPerSecond : p.speed.decodeTokensPerSecond) : ui.c.dim('?'),
    p.engine,
  ]);
  const task = r.inputs.useCase === 'embedding' ? 'Retrieval' : 'Quality';
  // Dropped first when the terminal is narrow: the rank (the order says it), then the engine.
  return makeTable(
    [
      { head: '#', align: 'right', priority: 1 },
      // The variants under a pick are the first thing a narrow table leaves out (Why names them).
      { head: 'Model', keep: true, priority: 2 },
      { head: task, short: task.slice(0, 4), align: 'right', priority: 5 },
      { head: 'Quant', priority: 8 },
      { head: 'Memory', short: 'GiB', priority: 6 },
      { head: 'Fits', priority: 7 },
      { head: 'tok/s', align: 'right', priority: 4 },
      { head: 'Engine', priority: 3 },
    ],
    rows,
    ui,
  );
}

function apiTable(r: RecommendResult, ui: Ui): string {
  const withCost = r.api.some((p) => p.monthlyUsd !== undefined);
  const rows = r.api.map((p: ApiPick) => [
    String(p.rank),
    p.dimensions ? { text: `${p.modelId}\n${ui.c.dim(`${p.dimensions} dimensions`)}`, short: `${p.modelId}\n${ui.c.dim(`${p.dimensions} dims`)}` } : p.modelId,
    p.provider,
    `${p.quality.score.toFixed(2)}${p.quality.estimated ? '~' : ''}`,
    p.tier,
    priceText(p.usdPerMillionInput),
    priceText(p.usdPerMillionOutput),
    ...(withCost ? [p.monthlyUsd !== undefined ? usdText(p.monthlyUsd) : '?'] : []),
  ]);
  const head: Column[] = [
    { head: '#', align: 'right', priority: 1 },
    { head: 'Model', keep: true },
    { head: 'Provider', priority: 3 },
    { head: 'Quality', short: 'Qual', align: 'right', priority: 7 },
    { head: 'Tier', priority: 2 },
    { head: 'In USD/1M', short: 'In $/1M', align: 'right', priority: 5 },
    { head: 'Out USD/1M', short: 'Out $/1M', align: 'right', priority: 4 },
    ...(withCost ? [{ head: 'USD/month', short: '$/month', align: 'right', priority: 6 } as const] : []),
  ];
  return makeTable(head, rows, ui);
}

function setupSection(r: RecommendResult, ui: Ui): string[] {
  const preferApi = r.deployment.choice === 'api' || r.local.length === 0;
  const local = r.local[0];
  const api = r.api[0];
  const out: string[] = [];
  if (!preferApi && local) {
    out.push(heading(`Set up ${local.modelId} (${local.quant}, ${local.engine})`, ui));
    for (const c of local.setup) out.push(`  $ ${c}`);
    if (local.pipeline) {
      out.push(ui.c.dim(`  # and the embedding model, ${local.pipeline.embedding.modelId} (${local.pipeline.embedding.quant}, ${local.pipeline.embedding.dimensions} dimensions):`));
      for (const c of local.pipeline.embedding.setup) out.push(`  $ ${c}`);
      if (local.pipeline.reranker) {
        out.push(ui.c.dim(`  # and the reranker, ${local.pipeline.reranker.modelId} (${local.pipeline.reranker.quant}):`));
        for (const c of local.pipeline.reranker.setup) out.push(`  $ ${c}`);
      }
    }
    for (const n of local.setupNotes) out.push(ui.c.dim(`  # ${n}`));
    for (const alt of local.alternatives) {
      out.push(ui.c.dim(`  # or with ${alt.engine} (${alt.quant}):`));
      for (const c of alt.setup) out.push(ui.c.dim(`  $ ${c}`));
    }
    out.push('', ui.c.bold(`Why ${local.modelId}`));
    for (const reason of local.reasons) out.push(`  - ${reason}`);
  } else if (api) {
    out.push(heading(`Set up ${api.modelId} (${api.provider}, via LiteLLM)`, ui));
    const [install, env, snippet] = api.setup;
    if (install) out.push(`  $ ${install}`);
    if (env) out.push(`  $ ${env}`);
    if (snippet) out.push(...snippet.split('\n').map((l) => `    ${l}`));
    out.push('', ui.c.bold(`Why ${api.modelId}`));
    for (const reason of api.reasons) out.push(`  - ${reason}`);
  }
  return out;
}

export function renderRecommend(r: RecommendResult, ui: Ui, view: RecommendView = {}): string {
  const i = r.inputs;
  const words = view.origin ?? flagWords;
  const lines: string[] = [];
  lines.push(verdictLine(r, ui));
  for (const reason of sameOriginJoined(r.deployment.reasonDetails, words)) lines.push(`  - ${reason}`);
  lines.push('');
  const volume = i.tokensPerDay !== null ? `, ${groupDigits(i.tokensPerDay)} tokens/day` : '';
  lines.push(
    ui.c.dim(
      `For ${i.useCase}, priority ${i.priority}, ${i.contextLength} tokens of context${volume}. Hardware: ${r.hardware.summary}` +
        (r.hardware.budgetBytes !== null ? `; memory available: ${formatGiB(r.hardware.budgetBytes)} (${r.hardware.explanation})` : ''),
    ),
  );
  if (!i.apiOnly) {
    lines.push('', heading('Local picks', ui));
    lines.push(r.local.length > 0 ? localTable(r, ui) : ui.c.yellow('  none fits (see notes)'));
    for (const p of r.local) if (p.installed) lines.push(`  #${p.rank} ${p.modelId} installed: ${p.installed.store} ${p.installed.name}`);
    if (r.local.length > 0) {
      const what = r.local[0]!.type === 'embedding' ? 'input tokens embedded per second (prompt processing)' : 'tokens generated per second (decode, one stream)';
      const where = r.hardware.cpuOnly ? '; memory is system RAM (CPU only)' : '';
      lines.push(ui.c.dim(`  tok/s: ${what}, estimated${where}.`));
      lines.push(ui.c.dim(`  ${r.inputs.useCase === 'embedding' ? 'Retrieval' : 'Quality'}: ${r.inputs.useCase} score 0-1 from sourced benchmarks, after the quantization's cost (~ mostly estimated); the list is ordered by score (see Why).`));
    }
    const lc = r.localCost;
    if (lc && lc.monthlyUsd !== null) {
      // The same figures as `llm-pick cost` (src/decide/economics.ts).
      const busy = lc.busyHoursPerDay === null ? '' : `, busy ${lc.busyHoursPerDay.toFixed(1)} h/day at ${lc.users} user${lc.users > 1 ? 's' : ''}`;
      // No API is named once the user ruled APIs out.
      const apiRuledOut = i.privacy || i.offline || i.localOnly;
      const be = !apiRuledOut && lc.breakEvenTokensPerDay !== null && lc.breakEvenAgainst ? `; break-even against ${lc.breakEvenAgainst}: ${groupDigits(lc.breakEvenTokensPerDay)} tokens/day` : '';
      lines.push(ui.c.dim(`  Running ${lc.modelId} here: ≈ $${lc.monthlyUsd.toFixed(2)}/month of electricity (${lc.gpusNeeded} GPU${lc.gpusNeeded > 1 ? 's' : ''}${busy})${be} — details: llm-pick cost`));
    }
  }
  if (r.api.length > 0) {
    lines.push('', heading('API picks', ui));
    lines.push(apiTable(r, ui));
  }
  const setup = setupSection(r, ui);
  if (setup.length > 0) lines.push('', ...setup);
  if (r.notes.length > 0) {
    lines.push('', ui.c.bold('Notes'));
    for (const n of r.notes) lines.push(`  - ${n}`);
  }
  if (view.explain) lines.push(...leftOutSection(r, ui, words));
  else if (r.excluded.length > 0) lines.push(ui.c.dim(`  ${leftOutSummary(r.excluded, words)} (${view.leftOutHint ?? '--explain lists them and why'}).`));
  return `${fitText(lines.join('\n'), ui.textWidth)}\n`;
}
