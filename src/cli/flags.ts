// Flag values are parsed and checked here, against tables of allowed values;
// every error names the flag and what is allowed.
import { InvalidArgumentError } from 'commander';

function fail(message: string): never {
  throw new InvalidArgumentError(message);
}

function toNumber(flag: string, raw: string, what: string): number {
  const text = raw.trim();
  if (text === '' || !/^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    fail(`${flag} takes ${what}; got "${raw}"`);
  }
  const n = Number(text);
  if (!Number.isFinite(n)) fail(`${flag} takes ${what}; got "${raw}"`);
  return n;
}

/** A positive, finite number no larger than max. */
export function positiveNumber(flag: string, what: string, max: number) {
  return (raw: string): number => {
    const n = toNumber(flag, raw, what);
    if (n <= 0 || n > max) fail(`${flag} takes ${what} greater than 0 and at most ${max}; got "${raw}"`);
    return n;
  };
}

/** A non-negative, finite number no larger than max. */
export function nonNegativeNumber(flag: string, what: string, max: number) {
  return (raw: string): number => {
    const n = toNumber(flag, raw, what);
    if (n > max) fail(`${flag} takes ${what} from 0 to ${max}; got "${raw}"`);
    return n;
  };
}

/** A whole number in [min, max]. */
export function integer(flag: string, what: string, min: number, max: number) {
  return (raw: string): number => {
    const n = toNumber(flag, raw, what);
    if (!Number.isInteger(n) || n < min || n > max) {
      fail(`${flag} takes ${what}, a whole number from ${min} to ${max}; got "${raw}"`);
    }
    return n;
  };
}

/** A fraction in [0, 1]. */
export function fraction(flag: string, what: string) {
  return (raw: string): number => {
    const n = toNumber(flag, raw, what);
    if (n > 1) fail(`${flag} takes ${what}, a number from 0 to 1; got "${raw}"`);
    return n;
  };
}

/** One of a table of values, case-insensitive; returns the canonical spelling. */
export function choice<T extends string>(flag: string, values: readonly T[]) {
  return (raw: string): T => {
    const found = values.find((v) => v.toLowerCase() === raw.trim().toLowerCase());
    if (!found) fail(`${flag} must be one of ${values.join(', ')}; got "${raw}"`);
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
