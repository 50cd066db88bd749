// Parsing and validating catalog files (YAML or JSON) into typed entries, with
// errors as `file:line path: message`. Only the CLI prints them.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { closest } from '../util/suggest.js';
import { z } from 'zod';
import {
  CatalogFileSchema,
  EngineSchema,
  GpuSchema,
  ModelSchema,
  QuantSchema,
  ScoreEntrySchema,
  type Catalog,
} from './schema.js';

export type Section = keyof Catalog;
export const SECTIONS: readonly Section[] = ['models', 'gpus', 'quants', 'engines', 'scores'];

export const ENTRY_SCHEMAS = {
  models: ModelSchema,
  gpus: GpuSchema,
  quants: QuantSchema,
  engines: EngineSchema,
  scores: ScoreEntrySchema,
} as const;

export type PathPart = string | number;

/** A parsed file: plain data plus a way to say on which line a path sits. */
export interface ParsedFile {
  file: string;
  data: unknown;
  lineOf(path: readonly PathPart[]): number | null;
}

export interface LoadResult<T> {
  value: T | null;
  errors: string[];
  warnings: string[];
}

export function formatPath(path: readonly PathPart[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
}

export function locate(parsed: ParsedFile, path: readonly PathPart[]): string {
  // The deepest part of the path that exists in the file gives the line.
  for (let n = path.length; n >= 0; n -= 1) {
    const line = parsed.lineOf(path.slice(0, n));
    if (line !== null) return `${parsed.file}:${line}`;
  }
  return parsed.file;
}

/**
 * Parse YAML or JSON text (JSON is read by the same YAML 1.2 parser, which keeps
 * line numbers). Safe: the core schema only, so no custom tags run.
 */
export function parseText(text: string, file: string): LoadResult<ParsedFile> {
  if (text.includes('\u0000')) {
    return { value: null, errors: [`${file}: not a text file (it holds NUL bytes); a catalog is YAML or JSON`], warnings: [] };
  }
  if (text.trim() === '') {
    return { value: null, errors: [`${file}: the file is empty; a catalog is YAML or JSON with models, gpus, quants or engines`], warnings: [] };
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    return { value: null, errors: [`${file}:1: ${readFailure(error)}`], warnings: [] };
  }
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    return {
      value: null,
      errors: doc.errors.map((e) => `${file}:${lineAt(e.pos[0])}: ${/call stack/i.test(e.message) ? readFailure(new RangeError()) : firstLine(e.message)}`),
      warnings: [],
    };
  }
  const warnings = doc.warnings.map((w) => `${file}:${lineAt(w.pos[0])}: ${firstLine(w.message)}`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { value: null, errors: [`${file}: ${readFailure(error)}`], warnings };
  }
  const lineOf = (path: readonly PathPart[]): number | null => {
    const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? lineAt(range[0]) : null;
  };
  return { value: { file, data, lineOf }, errors: [], warnings };
}

/** The parser recurses: a file nested thousands of levels deep exhausts the stack. */
function readFailure(error: unknown): string {
  if (error instanceof RangeError) return 'nested too deeply to read; a catalog is lists of flat entries (models, gpus, quants, engines)';
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** The entry as written, to tell a missing field from a wrong one; `forms`: how a field is written, by name. */
export interface GivenEntry {
  given: unknown;
  forms: Readonly<Record<string, string>>;
}

/**
 * zod issues as `file:line path: message`, with the path prefixed by where the
 * value sits. A field the entry leaves out is `file:line: path is required: how
 * it is written`, not zod's "expected one of ...".
 */
export function issuesToErrors(
  parsed: ParsedFile,
  prefix: readonly PathPart[],
  issues: readonly z.core.$ZodIssue[],
  entry?: GivenEntry,
): string[] {
  const missing = entry
    ? issues.filter((i) => i.path.length === 1 && isMissing(entry.given, i.path[0] as PathPart)).map((i) => String(i.path[0]))
    : [];
  // An unknown field that is a typo of a missing one (vramGB for vramGiB) is said once, as the typo, first.
  const typos = new Map<string, string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys' || issue.path.length > 0) continue;
    for (const key of issue.keys) {
      const near = closest(key, missing, 1)[0];
      if (near !== undefined && ![...typos.values()].includes(near)) typos.set(key, near);
    }
  }
  const typoErrors = [...typos].map(([key, near]) => `${locate(parsed, [...prefix, key])} ${formatPath(prefix)}: unknown field "${key}" (did you mean ${near}?)`);
  const rest = issues.flatMap((issue): z.core.$ZodIssue[] => {
    if (issue.path.length === 1 && typos.size > 0 && [...typos.values()].includes(String(issue.path[0]))) return [];
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0 && typos.size > 0) {
      const keys = issue.keys.filter((k) => !typos.has(k));
      return keys.length > 0 ? [{ ...issue, keys }] : [];
    }
    return [issue];
  });
  return [...typoErrors, ...rest.map((issue) => {
    const path = [...prefix, ...(issue.path as PathPart[])];
    if (entry && issue.path.length === 1 && isMissing(entry.given, issue.path[0] as PathPart)) {
      const field = String(issue.path[0]);
      return `${locate(parsed, path)}: ${formatPath(path)} is required: ${entry.forms[field] ?? allowedForm(issue)}`;
    }
    return `${locate(parsed, path)} ${formatPath(path)}: ${describeIssue(issue)}`;
  })];
}

function isMissing(given: unknown, key: PathPart): boolean {
  return given !== null && typeof given === 'object' && !Array.isArray(given) && (given as Record<string, unknown>)[String(key)] === undefined;
}

/** What a missing field takes, from the issue zod raised for it. */
function allowedForm(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_type') return issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`;
  return describeIssue(issue);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    return 'type must be one of local, embedding, api';
  }
  return issue.message;
}

/** The top-level shape: an object whose lists are known sections. */
export function checkTopLevel(parsed: ParsedFile): string[] {
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return [`${parsed.file}:1: a catalog is a mapping with any of: ${SECTIONS.join(', ')}`];
  }
  const errors: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!SECTIONS.includes(key as Section)) {
      errors.push(`${locate(parsed, [key])} ${key}: unknown section; allowed: ${SECTIONS.join(', ')}`);
    } else if (!Array.isArray(value)) {
      errors.push(`${locate(parsed, [key])} ${key}: must be a list`);
    }
  }
  return errors;
}

/** Validate a whole file on its own (every entry complete): the built-in data files. */
export function validateFile(parsed: ParsedFile): LoadResult<Catalog> {
  const top = checkTopLevel(parsed);
  if (top.length > 0) return { value: null, errors: top, warnings: [] };
  const result = CatalogFileSchema.safeParse(parsed.data);
  if (!result.success) return { value: null, errors: issuesToErrors(parsed, [], result.error.issues), warnings: [] };
  const d = result.data;
  return {
    value: { models: d.models ?? [], gpus: d.gpus ?? [], quants: d.quants ?? [], engines: d.engines ?? [], scores: d.scores ?? [] },
    errors: [],
    warnings: [],
  };
}
