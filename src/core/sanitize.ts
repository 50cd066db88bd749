// Text from outside (catalog files, GGUF headers, paths, probes) is data, never a
// terminal command: C0 and C1 controls, DEL and bidi controls are rendered visibly
// (`\x1b`, `\u202e`) before they reach a terminal. One mechanism, applied at the
// output sink (src/cli/output.ts) and wherever an outside string is taken in for display.

/** C0 (but \n and \t), DEL, C1, the bidi embeddings/overrides/isolates, LRM/RLM/ALM, line/paragraph separators. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, and \n and \t too: for one-line values. */
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** SGR colour sequences, the only escape sequences llm-pick writes itself (chalk). */
const SGR = /\u001b\[[0-9;]{0,32}m/g;

/** \x1b for C0/C1/DEL, \u202e for the bidi controls. */
function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Multi-line text made safe for a terminal: newlines and tabs stay, every other control is shown. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** A value shown on one line: newlines and tabs are shown as \n and \t too. */
export function visibleLine(text: string): string {
  return text.replace(UNSAFE_ONE_LINE, escapeChar);
}

/** True when the text holds a control or bidi character (a value from outside to refuse or escape). */
export function hasControl(text: string): boolean {
  UNSAFE_ONE_LINE.lastIndex = 0;
  const found = UNSAFE_ONE_LINE.test(text);
  UNSAFE_ONE_LINE.lastIndex = 0;
  return found;
}

/**
 * The final guard on human output: with colour on, llm-pick's own SGR colour sequences
 * survive and every other ESC is shown; with colour off, every ESC is shown.
 */
export function terminalSafe(text: string, keepColour: boolean): string {
  if (!keepColour) return visible(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(SGR)) {
    out += visible(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + visible(text.slice(last));
}

/** JSON text with C1, DEL and bidi controls escaped too (JSON.stringify escapes only C0); still exact JSON. */
export function jsonSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
