// For tests of the estimator against llama.cpp's own log lines: a catalog row read from
// data/models/*.yaml and checked by the catalog's schema (the shape the build would ship), the
// fixtures of a folder, and MiB printed as llama.cpp prints them.
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { LocalModelSchema, type LocalModel } from '../../src/catalog/schema.js';

const DATA = new URL('../../data/models/', import.meta.url);

export function catalogModel(id: string): LocalModel {
  for (const file of readdirSync(DATA).filter((f) => f.endsWith('.yaml'))) {
    const doc = parse(readFileSync(new URL(file, DATA), 'utf8')) as { models?: unknown[] };
    const raw = doc.models?.find((m) => (m as { id: string }).id === id);
    if (raw) return LocalModelSchema.parse(raw);
  }
  throw new Error(`${id}: not in data/models`);
}

/** Every *.json fixture of a folder, parsed, in name order. */
export function jsonFixtures<T>(dir: URL): T[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as T);
}

const MiB = 2 ** 20;

/**
 * printf("%.2f") of bytes in MiB, as llama.cpp prints it. glibc rounds an exact binary tie to even
 * (149.625 MiB prints as "149.62"), where Number.toFixed rounds it up; the values here are exact
 * multiples of 1/1024 MiB, so a tie is a real tie.
 */
export function mib2(bytes: number): string {
  const hundredths = (bytes / MiB) * 100;
  const floor = Math.floor(hundredths);
  const frac = hundredths - floor;
  const rounded = frac > 0.5 ? floor + 1 : frac < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  return (rounded / 100).toFixed(2);
}
