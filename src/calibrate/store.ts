// The per-user calibration file (<config dir>/calibration.json): read, written whole (to a
// temporary file, then renamed, so a crash never leaves half a file), removed by --reset.
// node:fs/promises is imported by the functions that touch the file: fit and recommend import
// this module for CalibrationFileError on every run, most of them with no file to read.
import { dirname } from 'node:path';
import type { CalibrationEntry } from '../estimate/calibrated-speed.js';

export class CalibrationFileError extends Error {}

/** Stored entries; none when the file does not exist. A damaged file is an error naming it (never overwritten). */
export async function readCalibration(path: string): Promise<CalibrationEntry[]> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new CalibrationFileError(`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CalibrationFileError(`${path}: not valid JSON (${(e as Error).message.split('\n')[0]}); fix it or run \`llm-pick calibrate --reset\``);
  }
  // zod only when there is a file to check: every fit and recommend asks for it.
  const { CalibrationFileSchema } = await import('./file-schema.js');
  const parsed = CalibrationFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CalibrationFileError(`${path}: ${issue.path.join('.') || 'file'}: ${issue.message}; fix it or run \`llm-pick calibrate --reset\``);
  }
  return parsed.data.entries;
}

export async function writeCalibration(path: string, entries: readonly CalibrationEntry[]): Promise<void> {
  const { mkdir, rename, writeFile } = await import('node:fs/promises');
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
  await rename(tmp, path);
}

/** Removes the file; true when there was one. */
export async function resetCalibration(path: string): Promise<boolean> {
  const { rm } = await import('node:fs/promises');
  try {
    await rm(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new CalibrationFileError(`${path}: cannot be removed (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
