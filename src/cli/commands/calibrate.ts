// `llm-pick calibrate FILE`: imports a llama-bench run (-o json, -o jsonl or the markdown table)
// into the per-user calibration file, per GPU and backend; `--show` lists it, `--reset` removes it.
// From then on speed estimates on that GPU use the measured efficiency (src/estimate/calibrated-speed.ts).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { CalibrateDocument } from '../../calibrate/output-schema.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../../core/errors.js';
import type { Ui } from '../../core/ui.js';
import { fitText } from '../../render/wrap.js';

export interface CalibrateOptions {
  args: string[];
  show?: boolean;
  reset?: boolean;
  gpu?: string;
}

const MAX_BENCH_BYTES = 16 * 2 ** 20;

export function calibrationPath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return import('../../config/paths.js').then((p) => p.calibrationFilePath(env, env.HOME || homedir(), process.platform));
}

async function stored(path: string) {
  const { readCalibration, CalibrationFileError } = await import('../../calibrate/store.js');
  try {
    return await readCalibration(path);
  } catch (e) {
    if (e instanceof CalibrationFileError) throw new UsageError(e.message);
    throw e;
  }
}

async function readBench(file: string): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    if (text.length > MAX_BENCH_BYTES) throw new UsageError(`calibrate: ${file} is over 16 MiB; give the output of one llama-bench run`);
    return text;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`calibrate: ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder; give a llama-bench output file' : `cannot be read (${code ?? 'error'})`}`);
  }
}

export async function run(options: CalibrateOptions, ctx: CommandContext): Promise<CalibrateDocument> {
  const file = options.args[0];
  const modes = [file !== undefined, Boolean(options.show), Boolean(options.reset)].filter(Boolean).length;
  if (modes !== 1) {
    throw new UsageError(modes === 0 ? 'calibrate needs a llama-bench output FILE (-o json, -o jsonl or the markdown table), --show or --reset' : 'calibrate takes one of FILE, --show or --reset');
  }
  if (options.gpu !== undefined && file === undefined) throw new UsageError('--gpu goes with calibrate FILE (the GPU the run measured)');
  const path = await calibrationPath();
  const base = { schemaVersion: 1 as const, kind: 'calibrate' as const, file: path, imported: [], skipped: [], removed: false, warnings: [] as string[] };
  if (options.reset) {
    const { resetCalibration, CalibrationFileError } = await import('../../calibrate/store.js');
    try {
      return { ...base, action: 'reset', entries: [], removed: await resetCalibration(path) };
    } catch (e) {
      if (e instanceof CalibrationFileError) throw new UsageError(e.message);
      throw e;
    }
  }
  if (options.show) return { ...base, action: 'show', entries: await stored(path) };

  const text = await readBench(file!);
  const { parseLlamaBench, BenchParseError } = await import('../../calibrate/parse.js');
  let rows;
  try {
    rows = parseLlamaBench(text, file!);
  } catch (e) {
    if (e instanceof BenchParseError) throw new UsageError(`calibrate: ${e.message}`);
    throw e;
  }
  if (rows.length === 0) throw new UsageError(`calibrate: ${file}: no pp or tg results found; give llama-bench output (-o json, -o jsonl or its markdown table)`);
  const { loadCatalog } = await import('../../catalog/load.js');
  const { findGpu, closestGpus } = await import('../../catalog/gpu-match.js');
  const catalog = await loadCatalog(ctx.catalogFiles);
  const warnings: string[] = [];
  // gpu_info lists every card ("NVIDIA GeForce RTX 3090, NVIDIA GeForce RTX 3090"); the first is the one measured with -sm none / one GPU.
  const named = options.gpu ?? rows.find((r) => r.gpuName)?.gpuName?.split(',')[0]?.trim();
  if (!named) throw new UsageError(`calibrate: ${file} does not name its GPU (the markdown table leaves it out); add --gpu NAME (e.g. --gpu 4090)`);
  const match = findGpu(catalog.gpus, named);
  if (!match || 'ambiguous' in match) {
    const close = match && 'ambiguous' in match ? match.ambiguous : closestGpus(catalog.gpus, named);
    const flag = options.gpu !== undefined ? '--gpu' : `the GPU in ${file}`;
    throw new UsageError(`calibrate: ${flag} "${named}" is ${match ? 'ambiguous' : 'not in the GPU catalog'}${close.length ? `; close: ${close.map((g) => g.id).join(', ')}` : ''} (pass --gpu NAME, see \`llm-pick hardware --list\`)`);
  }
  const { entriesFromRows, mergeEntries } = await import('../../calibrate/entries.js');
  const { resolve } = await import('node:path');
  const { entries: imported, skipped } = entriesFromRows(rows, { id: match.gpu.id, name: match.gpu.name }, resolve(file!), new Date().toISOString());
  if (imported.length === 0) throw new UsageError(`calibrate: ${file}: no row measures the GPU alone (${skipped[0] ?? 'none'})`);
  for (const e of imported) if (!e.quant) warnings.push(`${e.modelType}: quantization not recognized; the other models' estimates assume Q4_K_M for it`);
  const { writeCalibration } = await import('../../calibrate/store.js');
  const entries = mergeEntries(await stored(path), imported);
  await writeCalibration(path, entries);
  return { ...base, action: 'import', imported, entries, skipped, warnings };
}

export function render(result: CalibrateDocument, ui: Ui): string {
  const lines: string[] = [];
  const line = (e: CalibrateDocument['entries'][number]) =>
    `  ${e.gpuName} (${e.backend}): ${e.modelType}, depth ${e.depth}: ${[
      e.prompt ? `pp${e.prompt.tokens} ${e.prompt.tokensPerSecond.toFixed(1)} tok/s` : null,
      e.decode ? `tg${e.decode.tokens} ${e.decode.tokensPerSecond.toFixed(1)} tok/s` : null,
    ]
      .filter(Boolean)
      .join(', ')}`;
  if (result.action === 'reset') lines.push(result.removed ? `Removed ${result.file}: speed estimates are generic again.` : `No calibration to remove (${result.file} does not exist).`);
  else if (result.action === 'import') {
    lines.push(`Imported ${result.imported.length} measurement${result.imported.length === 1 ? '' : 's'} into ${result.file}:`);
    lines.push(...result.imported.map(line));
    lines.push('Speed estimates on this GPU are now calibrated (fit says so in each speed figure).');
  } else if (result.entries.length === 0) lines.push(`No calibration stored (${result.file}); speed estimates are generic. Import one: llm-pick calibrate FILE`);
  else {
    lines.push(`${result.entries.length} measurement${result.entries.length === 1 ? '' : 's'} in ${result.file}:`);
    lines.push(...result.entries.map(line));
  }
  for (const s of result.skipped) lines.push(ui.c.yellow(`skipped ${s}`));
  for (const w of result.warnings) lines.push(ui.c.yellow(`warning: ${w}`));
  return fitText(lines.join('\n'), ui.textWidth);
}
