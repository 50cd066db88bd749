// Quoting for the commands and snippets llm-pick prints: a value from a catalog or a
// file goes into them as data, never as code.

import { hasControl } from '../core/sanitize.js';

/**
 * POSIX shell quoting: bare when only safe characters, else single quotes. A value with a
 * control or bidi character (a newline in a file name) is written as $'...' with the
 * character escaped, so the printed command stays on one visible line.
 */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(arg)) return arg;
  if (hasControl(arg)) {
    const body = arg.replace(/[\\']/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
    return `$'${body}'`;
  }
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Python string literal: JSON's escaping with every non-ASCII character as \uXXXX is a
 * valid double-quoted Python literal with the same value (no f-string, no raw string).
 */
export function pythonString(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
