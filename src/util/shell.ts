// Quoting for the commands and snippets llm-pick prints: a value from a catalog or a
// file goes into them as data, never as code.

/** POSIX shell quoting: bare when only safe characters, else single quotes. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Python string literal: JSON's escaping with every non-ASCII character as \uXXXX is a
 * valid double-quoted Python literal with the same value (no f-string, no raw string).
 */
export function pythonString(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
