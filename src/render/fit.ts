// Human output of `llm-pick fit`: breakdown table, memory bar, verdict, largest context and
// best quantization, speed, and how each number was computed.
import { kubernetesLines, servingLines } from './serving.js';
import type { Ui } from '../core/ui.js';
import type { FitDocument, FitScalePlan } from './fit-schema.js';
import { formatBytes, formatCount, formatGiB, formatParams, memoryBar } from './format.js';

/** GiB, or MiB/KiB for the tiny numbers of small models. */
const size = (bytes: number) => (bytes < 0.01 * 2 ** 30 ? formatBytes(bytes) : formatGiB(bytes));
import { heading, makeTable } from './table.js';
import { fitText, wrapCommand } from './wrap.js';
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
  const cards = d.gpuSplit?.map((x) => x.budgetBytes) ?? [];
  if (cards.length > 1 && cards.some((x) => x !== cards[0])) return `GPUs of ${cards.map((x) => formatGiB(x)).join(' + ')}`;
  return b.gpus > 1 ? `${b.gpus} GPUs × ${formatGiB(b.vramBytesPerGpu)}` : 'GPU memory';
}

function verdict(d: FitDocument, ui: Ui): string {
  const c = ui.c;
  if (d.fits === null || !d.budget) return c.yellow('? The memory available is not known: give --vram GiB, --gpu NAME (e.g. 3090) or --cpu-only --ram GiB.');
  const total = d.budget.totalBytes ?? 0;
  const head = d.headroomBytes ?? 0;
  if (d.fits) {
    const where = d.budget.mode === 'cpu' ? 'in RAM' : d.budget.mode === 'unified' ? 'in unified memory' : d.budget.gpus > 1 ? `on ${d.budget.gpus} GPUs` : 'on the GPU';
    const tight = head < 0.05 * total ? c.yellow(' (tight: little room for longer prompts or other programs)') : '';
    return `${c.green('✓ Fits')} ${where} with ${formatGiB(head)} to spare${d.budget.gpus > 1 && d.budget.mode === 'gpu' ? ' on the fullest card' : ''}.${tight}`;
  }
  if (d.budget.mode === 'gpu' && d.offload?.strategy === 'experts') {
    const o = d.offload;
    const gpuOk = d.gpuSplit ? d.gpuSplit.every((s) => s.bytes <= s.budgetBytes) : true;
    const mark = !gpuOk || o.ramFits === false ? c.red('✗ Does not run as named') : c.yellow('◐ Does not fit whole');
    const ram = o.ramFits === null ? ' (RAM size unknown)' : o.ramFits ? '' : c.red(', more than the RAM available');
    return `${mark}: runs with the experts of the first ${o.cpuMoeLayers} of ${o.totalLayers} layers in system RAM (--n-cpu-moe ${o.cpuMoeLayers}): ${formatGiB(o.gpuBytes)} on the GPU${d.budget.gpus > 1 ? 's' : ''}${gpuOk ? '' : c.red(' (more than the GPU memory available)')}, ${formatGiB(o.ramBytes)} in RAM${ram}.`;
  }
  if (d.budget.mode === 'gpu' && d.offload && d.offload.strategy !== 'none') {
    const o = d.offload;
    if (o.gpuLayers === 0) {
      const ram = o.ramFits === false ? c.red(' and RAM does not hold it either') : o.ramFits === null ? ' (RAM size unknown)' : '; it runs from RAM on the CPU (slow)';
      return `${c.red('✗ Does not fit')}: not even one layer fits the GPU memory available${ram}.`;
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

const tokS = (x: number) => (x >= 100 ? groupDigits(x) : x >= 10 ? x.toFixed(0) : x.toFixed(1));

function planLabel(p: FitScalePlan): string {
  switch (p.kind) {
    case 'single-gpu':
      return p.engine === 'vllm' ? 'vLLM, one GPU' : 'llama.cpp, one GPU';
    case 'tensor-parallel':
      return `vLLM tensor parallel ${p.tensorParallelSize}`;
    case 'pipeline-parallel':
      return `vLLM pipeline parallel ${p.pipelineParallelSize}`;
    case 'layer-split':
      return 'llama.cpp layer split';
    case 'multi-node-vllm':
      return `vLLM + Ray (TP ${p.tensorParallelSize}, PP ${p.pipelineParallelSize})`;
    case 'multi-node-rpc':
      return 'llama.cpp RPC';
  }
}

const gpus = (n: number) => `${n} GPU${n === 1 ? '' : 's'}`;
const devicesText = (p: FitScalePlan) => (p.nodes > 1 ? `${p.nodes} nodes × ${p.gpusPerNode}` : gpus(p.devices));

/** "2 × RTX 4090", "2 machines × 8 × H100". */
const planWhere = (p: FitScalePlan, device: string) =>
  p.nodes > 1 ? `${p.nodes} machines × ${p.gpusPerNode} × ${device}` : `${p.devices} × ${device}`;

/** "vLLM tensor parallelism (--tensor-parallel-size 2)". */
function planHow(p: FitScalePlan): string {
  switch (p.kind) {
    case 'single-gpu':
      return p.engine === 'vllm' ? 'vLLM' : 'llama.cpp';
    case 'tensor-parallel':
      return `vLLM tensor parallelism (--tensor-parallel-size ${p.tensorParallelSize})`;
    case 'pipeline-parallel':
      return `vLLM pipeline parallelism (--pipeline-parallel-size ${p.pipelineParallelSize})`;
    case 'layer-split':
      return "llama.cpp's layer split (--split-mode layer)";
    case 'multi-node-vllm':
      return `vLLM + Ray (--tensor-parallel-size ${p.tensorParallelSize} --pipeline-parallel-size ${p.pipelineParallelSize})`;
    case 'multi-node-rpc':
      return "llama.cpp's RPC backend (rpc-server, llama-server --rpc)";
  }
}

/**
 * "2 × RTX 4090 with A or B, or 2 machines × 8 × H100 with C": fitting plans grouped by hardware; a plan
 * that loads another format than the one asked for says so ("… in BNB-NF4").
 */
function fitSentence(plans: FitScalePlan[], device: string, asked: string): string {
  const groups = new Map<string, string[]>();
  for (const p of plans) {
    const where = planWhere(p, device);
    const how = p.quant === asked ? planHow(p) : `${planHow(p)} in ${p.quant}`;
    groups.set(where, [...(groups.get(where) ?? []), how]);
  }
  return [...groups].map(([where, hows]) => `${where} with ${hows.join(' or ')}`).join(', or ');
}

function scaleSection(d: FitDocument, ui: Ui): string[] {
  const s = d.scale;
  if (!s) return [];
  const c = ui.c;
  const multiNode = s.plans.some((p) => p.nodes > 1);
  const multiGpu = s.plans.some((p) => p.devices > 1);
  const out: string[] = ['', heading(multiNode ? 'Beyond one machine' : multiGpu ? 'Beyond one GPU' : 'Engines on one GPU', ui)];
  const fitting = s.plans.filter((p) => p.fits);
  if (s.plans.length === 0) {
    out.push(c.red(`No plan of up to 16 machines × 8 × ${s.device} holds it: try a smaller quantization or context.`));
    return out;
  }
  if (s.reason === 'does-not-fit') {
    out.push(
      fitting.length > 0
        ? `It would fit on ${fitSentence(fitting, s.device, d.quant.name)}.`
        : c.red(`Not even ${planWhere(s.plans[0]!, s.device)} holds it.`),
    );
  }
  const rows = s.plans.map((p) => [
    planLabel(p),
    p.quant,
    devicesText(p),
    `${formatGiB(p.perDevice.totalBytes, false)} / ${formatGiB(p.perDevice.budgetBytes)}`,
    p.fits ? c.green('yes') : c.red('no'),
    p.decodeTokensPerSecond === null || p.promptTokensPerSecond === null
      ? '— (bandwidth unknown)'
      : `${tokS(p.decodeTokensPerSecond)} · ${tokS(p.promptTokensPerSecond)}`,
  ]);
  // vLLM loads a safetensors format (its own column), not the GGUF: memory and speed are that format's.
  out.push(
    makeTable(
      [
        { head: 'plan', keep: true },
        { head: 'loads', priority: 5 },
        { head: 'GPUs', priority: 4 },
        { head: 'memory/GPU', short: 'GiB/GPU', align: 'right', priority: 6 },
        { head: 'fits', priority: 7 },
        { head: 'tok/s gen · prompt', short: 'tok/s', align: 'right', priority: 3 },
      ],
      rows,
      ui,
    ),
  );
  // The first plan that fits, and the first of the other engine too (a GGUF quant runs as is on llama.cpp).
  const shown = (['vllm', 'llama.cpp'] as const).map((e) => fitting.find((p) => p.engine === e)).filter((p) => p !== undefined);
  shown.sort((a, b) => fitting.indexOf(a) - fitting.indexOf(b));
  if (shown.length > 0) {
    out.push(c.dim('llm-pick prints these commands; it never starts them.'));
    for (const p of shown) {
      const where = p.nodes > 1 ? ` on ${p.nodes} machines × ${gpus(p.gpusPerNode)}` : p.devices > 1 ? ` on ${gpus(p.devices)}` : '';
      out.push(`${planLabel(p)}${where}, ${p.quant}:`);
      for (const cmd of p.commands) out.push(...(cmd.startsWith('#') ? [c.dim(`  ${cmd}`)] : wrapCommand(cmd, ui.textWidth, '  ')));
      for (const n of p.notes) out.push(c.dim(`  note: ${n}`));
      if (p.kind === 'multi-node-vllm') out.push(...kubernetesLines({ ...p, weightsBytesPerDevice: p.perDevice.weightsBytes }, ui));
    }
  } else {
    out.push(c.yellow('None of these plans fits: try more GPUs (--gpus), more machines (--nodes), a smaller quantization or a shorter context.'));
  }
  return out;
}

/** When --quant was left out: which quantization fit chose and why, and how to choose another. */
function chosenQuant(d: FitDocument): string[] {
  if (d.quant.source !== 'fit') return [];
  const budget = d.budget?.totalBytes != null ? formatGiB(d.budget.totalBytes) : 'the budget';
  return d.bestQuant !== null
    ? [`quantization: ${d.quant.name} — the best that fits ${budget}; choose with --quant`]
    : [`quantization: ${d.quant.name} — none fits ${budget}, so the smallest is shown; choose with --quant`];
}

/** "mmproj 811.8 MiB + compute 121 MiB; 1 image = 256 tokens of the 8,192". */
function visionNote(x: NonNullable<FitDocument['vision']>, ctx: number): string {
  const mib = (bytes: number, digits: number) => `${(bytes / 2 ** 20).toFixed(digits)} MiB`;
  return `mmproj ${mib(x.projectorBytes, 1)} + compute ${mib(x.computeBufferBytes, 0)}; ${x.images} image${x.images === 1 ? '' : 's'} = ${formatCount(x.imageTokens)} tokens of the ${formatCount(ctx)}`;
}

export function renderFit(d: FitDocument, ui: Ui): string {
  const c = ui.c;
  const out: string[] = [c.bold(header(d)), ...chosenQuant(d), ''];
  const m = d.memory;
  const rows: (string | number)[][] = [
    ['weights', size(m.weightsBytes), `${d.quant.name}, ${d.quant.source === 'file' ? 'from the file' : 'per-tensor mix'}`],
    ['KV cache', size(m.kvCacheBytes), `${formatCount(d.contextLength)} tokens, ${d.kvCacheType}`],
    ...(m.recurrentStateBytes > 0 ? [['recurrent state', size(m.recurrentStateBytes), 'hybrid layers, fixed per sequence (f32)']] : []),
    ['overhead', size(m.overheadBytes), 'compute buffer, context, output'],
    ...(d.vision ? [['vision', size(m.visionBytes), visionNote(d.vision, d.contextLength)]] : []),
    [c.bold('total'), c.bold(formatGiB(m.totalBytes)), ''],
    ['available', d.budget?.totalBytes != null ? formatGiB(d.budget.totalBytes) : '—', budgetNote(d)],
  ];
  out.push(makeTable(['memory', 'size', 'what'], rows, ui, ['left', 'right', 'left'], [0, 1]));
  if (d.budget?.totalBytes != null && d.budget.totalBytes > 0) {
    const width = Math.max(10, Math.min(40, ui.width - 40));
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
    const how = d.speed.calibrated ? `calibrated from your llama-bench run (${d.speed.source.replace(/^llama-bench /, '')})` : 'generic estimate';
    out.push(`Speed: about ${tokS(dec)} tok/s generating at ${formatCount(d.contextLength)} tokens of context (${tokS(d.speed.decodeTokensPerSecondAtDepth0)} tok/s with an empty context, as llama-bench tg128), ${tokS(pp)} tok/s reading the prompt (${how}).`);
  } else {
    out.push('Speed: not estimated: the GPU\'s memory bandwidth is unknown (see the warning below).');
  }
  if (d.offload && d.offload.strategy !== 'none') {
    out.push(`Why this placement: ${d.offload.reason}.`);
    if (d.offload.command) out.push(`Run: ${d.offload.command}`);
  }
  if (d.serving) out.push(...servingLines(d.serving, d.contextLength, ui));
  out.push(...scaleSection(d, ui));
  out.push('');
  out.push(c.dim('How each number was computed:'));
  for (const line of d.explanation) out.push(c.dim(`  • ${line}`));
  for (const p of d.scale?.plans ?? []) out.push(c.dim(`  • plan: ${p.explanation}`));
  for (const w of d.warnings) out.push(c.yellow(`warning: ${w}`));
  return fitText(out.join('\n'), ui.textWidth);
}
