// Human output of `llm-pick hardware`: GPUs with where each figure came from,
// RAM, CPU, the budget line and warnings; or the GPU catalog (--list).
import type { Ui } from '../core/ui.js';
import type { HardwareDocument, HardwareListDocument } from '../hardware/document.js';
import { formatGiB as gibText } from './format.js';
import { heading, makeTable } from './table.js';
import { fitText } from './wrap.js';

function bandwidth(gbps: number | null, ui: Ui): string {
  return gbps === null ? ui.c.dim('unknown') : `${gbps} GB/s`;
}

/** "4 × 1g.20gb, 3g.40gb" */
function migText(instances: { profile: string }[]): string {
  const counts = new Map<string, number>();
  for (const i of instances) counts.set(i.profile, (counts.get(i.profile) ?? 0) + 1);
  return [...counts].map(([p, n]) => (n > 1 ? `${n} × ${p}` : p)).join(', ');
}

function gpuRows(doc: HardwareDocument, ui: Ui): string[][] {
  return doc.gpus.map((g) => {
    const notes = [g.integrated ? 'integrated' : '', g.unifiedMemory ? 'unified memory' : '', g.mig ? `MIG: ${migText(g.mig.instances) || 'instances unknown'}` : '']
      .filter((x) => x !== '')
      .map((x) => ui.c.dim(x));
    const usable =
      g.usableBytes === null ? ui.c.dim('not counted') : g.inBudget ? ui.c.green(gibText(g.usableBytes)) : ui.c.dim(`${gibText(g.usableBytes)}\n(left out)`);
    return [
      String(g.index),
      [g.name, ...notes].join('\n'),
      gibText(g.vramBytes),
      g.freeVramBytes === null ? ui.c.dim('-') : gibText(g.freeVramBytes),
      usable,
      bandwidth(g.memoryBandwidthGBps, ui),
    ];
  });
}

/** "GPU 0, 1: memory and free memory from nvidia-smi; bandwidth from catalog: rtx-4090", one line per distinct story. */
function sourceLines(doc: HardwareDocument): string[] {
  const byText = new Map<string, number[]>();
  for (const g of doc.gpus) {
    const s = g.sources;
    const memory = s.freeMemory === s.memory ? `memory and free memory from ${s.memory}` : `memory from ${s.memory}${s.freeMemory ? `; free memory from ${s.freeMemory}` : ''}`;
    const text = `${memory}; bandwidth ${s.bandwidth ? `from ${s.bandwidth}` : 'unknown (not in the GPU catalog)'}`;
    byText.set(text, [...(byText.get(text) ?? []), g.index]);
  }
  const lines = [...byText].map(([text, indexes]) => `GPU ${indexes.join(', ')}: ${text}`);
  for (const g of doc.gpus) {
    if (g.heldBy.length === 0) continue;
    lines.push(`GPU ${g.index}: in use by ${g.heldBy.map((h) => `${h.name} (pid ${h.pid}, ${gibText(h.bytes)})`).join(', ')}`);
  }
  return lines;
}

export function renderHardware(doc: HardwareDocument, ui: Ui): string {
  const parts: string[] = [];
  const title = doc.origin === 'detected' ? 'GPUs (detected)' : doc.origin === 'none' ? 'GPUs' : 'GPUs (planned, not probed)';
  parts.push(heading(title, ui));
  if (doc.gpus.length === 0) {
    parts.push(doc.origin === 'flags' && doc.budget?.gpus === 0 ? 'none (--cpu-only)' : 'none found');
  } else {
    const table = makeTable(
      [
        { head: '#', align: 'right', keep: true },
        { head: 'GPU', keep: true },
        { head: 'memory', short: 'mem', align: 'right', priority: 6 },
        { head: 'free', align: 'right', priority: 4 },
        { head: 'usable', align: 'right', priority: 5 },
        { head: 'bandwidth', short: 'GB/s', align: 'right', priority: 3 },
      ],
      gpuRows(doc, ui),
      ui,
    );
    parts.push([table, ui.c.dim('Where the figures come from:'), ...sourceLines(doc).map((l) => ui.c.dim(`  ${l}`))].join('\n'));
  }

  const ram = doc.ram;
  const ramLine =
    ram.totalBytes === null
      ? 'unknown'
      : `${gibText(ram.totalBytes)} total, ${ram.freeBytes === null ? 'free unknown' : `${gibText(ram.freeBytes)} free`}${ram.source ? ui.c.dim(` (${ram.source})`) : ''}`;
  const lines = [
    `${ui.c.bold('RAM:')} ${ramLine}`,
    `${ui.c.bold('RAM bandwidth:')} ${ram.bandwidthGBps} GB/s${ram.bandwidthSource ? ui.c.dim(` (${ram.bandwidthSource})`) : ''}`,
  ];
  if (doc.cpu) {
    const cores = [doc.cpu.physicalCores ? `${doc.cpu.physicalCores} physical` : '', doc.cpu.cores ? `${doc.cpu.cores} logical` : ''].filter((s) => s !== '').join(', ');
    lines.push(`${ui.c.bold('CPU:')} ${doc.cpu.model ?? 'unknown'}${cores ? ` (${cores} cores)` : ''}`);
  }
  lines.push(`${ui.c.bold('Unified memory:')} ${doc.unifiedMemory ? 'yes: GPU memory and RAM are one pool, counted once' : 'no'}`);
  if (doc.budget) {
    const b = doc.budget;
    const cards = b.vramBytesByGpu ? b.vramBytesByGpu.map((x) => gibText(x)).join(' + ') : `${b.gpus} × ${gibText(b.vramBytesPerGpu)}`;
    const what = b.gpus === 0 ? `CPU only, ${b.ramBytes === null ? 'RAM unknown' : `${gibText(b.ramBytes)} RAM`}` : `${cards} GPU${b.ramBytes !== null && b.ramBytes > 0 ? ` + ${gibText(b.ramBytes)} RAM for offload` : ''}`;
    lines.push(`${ui.c.bold('Memory available:')} ${ui.c.green(what)}`);
    lines.push(ui.c.dim(`  ${b.explanation}`));
  } else {
    lines.push(`${ui.c.bold('Memory available:')} unknown`);
  }
  if (doc.probes.length > 0) lines.push(ui.c.dim(['Probed:', ...doc.probes.map((p) => `  ${p}`)].join('\n')));
  parts.push(lines.join('\n'));
  if (doc.warnings.length > 0) {
    parts.push([ui.c.yellow.bold('Warnings:'), ...doc.warnings.map((w) => ui.c.yellow(`  - ${w}`))].join('\n'));
  }
  return fitText(parts.join('\n\n'), ui.textWidth);
}

export function renderGpuList(doc: HardwareListDocument, ui: Ui): string {
  if (doc.gpus.length === 0) return 'The GPU catalog is empty.';
  const rows = doc.gpus.map((g) => [
    g.id,
    // Narrow: the name without its maker (the id says it), "RTX 3060" for "NVIDIA GeForce RTX 3060".
    { text: g.name, short: g.name.replace(/^(?:NVIDIA(?: GeForce)?|AMD(?: Radeon)?|Intel|Apple) /, '') },
    g.vendor,
    g.unifiedMemory ? `up to ${gibText(g.vramBytes)} unified` : gibText(g.vramBytes),
    bandwidth(g.memoryBandwidthGBps, ui),
    g.fp16Tflops === null ? ui.c.dim('-') : `${g.fp16Tflops}`,
    g.tdpWatts === null ? ui.c.dim('-') : `${g.tdpWatts} W`,
  ]);
  const text = [
    heading(`GPU catalog (${doc.gpus.length})`, ui),
    makeTable(
      [
        { head: 'id', keep: true },
        { head: 'name', priority: 3 },
        { head: 'vendor', priority: 1 },
        { head: 'memory', align: 'right', priority: 7 },
        { head: 'bandwidth', align: 'right', priority: 6 },
        { head: 'FP16 TFLOPS', short: 'TFLOPS', align: 'right', priority: 5 },
        { head: 'TDP', align: 'right', priority: 4 },
      ],
      rows,
      ui,
    ),
    ui.c.dim('Use an id or name with --gpu, e.g. --gpu rtx-3090 --gpus 2.'),
  ].join('\n');
  return fitText(text, ui.textWidth);
}
