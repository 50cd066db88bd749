// Flag values are parsed and checked here, against tables of allowed values;
// every error names the flag and what is allowed, on one line (the value is
// quoted as JSON so a newline or control character in it cannot split the line).
import { InvalidArgumentError } from 'commander';
import { RECOMMEND_USE_CASES, type RecommendUseCase } from '../decide/types.js';
import { useCaseFromName } from '../decide/use-case-names.js';

function fail(message: string): never {
  throw new InvalidArgumentError(message);
}

/** The value as typed, quoted on one line (control characters escaped), shortened when long. */
export function quoted(raw: string): string {
  const text = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
  return JSON.stringify(text);
}

/** A plain decimal number (sign, digits, optional fraction and exponent); NaN for anything else. */
function toNumber(raw: string): number {
  const text = raw.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number.NaN;
  return Number(text);
}

function checked(flag: string, raw: string, allowed: string, ok: (n: number) => boolean): number {
  const n = toNumber(raw);
  // 1e400 parses to Infinity, and NaN/Infinity never pass the regex: only finite numbers get through.
  if (!Number.isFinite(n) || !ok(n)) fail(`${flag} takes ${allowed}; got ${quoted(raw)}`);
  return n;
}

/** A positive, finite number no larger than max. */
export function positiveNumber(flag: string, what: string, max: number) {
  return (raw: string): number => checked(flag, raw, `${what}: a number greater than 0 and at most ${max}`, (n) => n > 0 && n <= max);
}

/** A non-negative, finite number no larger than max. */
export function nonNegativeNumber(flag: string, what: string, max: number) {
  return (raw: string): number => checked(flag, raw, `${what}: a number from 0 to ${max}`, (n) => n >= 0 && n <= max);
}

/** A whole number in [min, max]. */
export function integer(flag: string, what: string, min: number, max: number) {
  return (raw: string): number =>
    checked(flag, raw, `${what}: a whole number from ${min} to ${max}`, (n) => Number.isInteger(n) && n >= min && n <= max);
}

/** A fraction in [0, 1]. */
export function fraction(flag: string, what: string) {
  return (raw: string): number => checked(flag, raw, `${what}: a number from 0 to 1`, (n) => n >= 0 && n <= 1);
}

/** One of a table of values, case-insensitive; returns the canonical spelling. */
export function choice<T extends string>(flag: string, values: readonly T[]) {
  return (raw: string): T => {
    const found = values.find((v) => v.toLowerCase() === raw.trim().toLowerCase());
    if (!found) fail(`${flag} must be one of ${values.join(', ')}; got ${quoted(raw)}`);
    return found;
  };
}

/** A non-empty string (names, ids, paths). */
export function nonEmpty(flag: string, what: string) {
  return (raw: string): string => {
    if (raw.trim() === '') fail(`${flag} takes ${what}; got an empty value`);
    return raw.trim();
  };
}

/** Repeatable string flag. */
export function collect(flag: string, what: string) {
  const one = nonEmpty(flag, what);
  return (raw: string, previous: string[] | undefined): string[] => [...(previous ?? []), one(raw)];
}

/** A use case under its name or one of its other names (classification, long context, ...): src/decide/use-case-names.ts. */
export function useCase(flag: string) {
  return (raw: string): RecommendUseCase => {
    const found = useCaseFromName(raw);
    if (!found) fail(`${flag} must be one of ${RECOMMEND_USE_CASES.join(', ')}; got ${quoted(raw)}`);
    return found;
  };
}
