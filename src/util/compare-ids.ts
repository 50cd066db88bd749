// Ids (models, quants) in String.prototype.localeCompare's order without its cost: the first
// localeCompare of a process loads ICU's collator (about 13 ms measured on Node 20, the same reason
// src/util/numbers.ts avoids toLocaleString). For ids of lower-case letters, digits, '.', '-' and '/'
// the root collation orders character by character as the code points do ('-' < '.' < '/' < digits
// < letters, no ignorable characters, no contractions); any other id is compared by localeCompare.
const PLAIN = /^[a-z0-9./-]*$/;

/** The sign of a.localeCompare(b) (what a sort or an `||` chain reads). */
export function compareIds(a: string, b: string): number {
  if (PLAIN.test(a) && PLAIN.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}
