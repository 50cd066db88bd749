// Prose and commands that fit the terminal: lines broken at spaces only (never inside a
// token such as Q4_K_M or --tensor-parallel-size), hanging indents kept, colour codes not
// counted and carried over a break; shell commands broken between shell words with ` \`
// so that the copy still runs.

const ANSI = /\u001b\[[0-9;]*m/g;
const ANSI_AT = /^\u001b\[([0-9;]*)m/;

/** The text without colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Columns a line takes on screen (code points, colour codes not counted). */
export function visibleLength(text: string): number {
  return [...stripAnsi(text)].length;
}

/** SGR codes still in effect after `text`, given those in effect before it. */
function activeAfter(text: string, before: readonly string[]): string[] {
  let active = [...before];
  for (const m of text.matchAll(/\u001b\[([0-9;]*)m/g)) {
    const codes = (m[1] ?? '').split(';').map(Number);
    const n = codes[0] ?? 0;
    if (n === 0) active = [];
    else if (n === 22) active = active.filter((a) => !/^\u001b\[[12]m$/.test(a));
    else if (n === 39) active = active.filter((a) => !/^\u001b\[(3[0-8]|9[0-7])[;m]/.test(a));
    else if (n === 49) active = active.filter((a) => !/^\u001b\[(4[0-8]|10[0-7])[;m]/.test(a));
    else if (n >= 23 && n <= 29) active = active.filter((a) => a !== `\u001b[${n - 20}m`);
    else active.push(m[0]);
  }
  return active;
}

/**
 * Lays words out on lines of at most `width` columns: the first line starts with `first`,
 * the others with `rest`; words are joined by the spaces before them (`gaps`, one space by
 * default) on a line, and dropped at a break; `more` ends every line but the
 * last (a shell continuation, ` \`), and its width is kept free. A word wider than a whole
 * line gets a line of its own, broken after a `/`, `,` or `=` when it must be (in prose; a
 * shell word is never broken: its line is left longer).
 * Colour open at a break is closed at the line's end and opened again on the next.
 */
function layout(words: string[], width: number, first: string, rest: string, more = '', gaps: string[] = []): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  let active: string[] = activeAfter(first, []);
  const room = (w: number, prefix: string, last: boolean) => visibleLength(prefix) + w + (last ? 0 : more.length) <= width;
  const breakLine = (next: number, last: boolean) => {
    lines.push(`${line}${more}${active.length > 0 ? '\u001b[0m' : ''}`);
    // A shell word too wide for the indented line starts its line unindented (still one shell line).
    line = `${more && !room(next, rest, last) ? '' : rest}${active.join('')}`;
    empty = true;
  };
  words.forEach((word, i) => {
    const last = i === words.length - 1;
    const w = visibleLength(word);
    const gap = gaps[i] ?? ' ';
    if (!empty && !room(w + gap.length, line, last)) breakLine(w, last);
    if (!more && empty && !room(w, line, last) && visibleLength(line) < width) {
      // One word wider than the line: broken after a separator, the lesser evil.
      for (const piece of splitLong(word, width - visibleLength(rest) - (last ? 0 : more.length))) {
        if (!empty && !room(visibleLength(piece), line, last)) {
          lines.push(line);
          line = `${rest}${active.join('')}`;
          empty = true;
        }
        line += piece;
        empty = false;
        active = activeAfter(piece, active);
      }
      return;
    }
    line += `${empty ? '' : gap}${word}`;
    empty = false;
    active = activeAfter(word, active);
  });
  lines.push(line);
  return lines;
}

/** A token too long for any line, cut after `/`, `,`, `=` or `&` into pieces of at most `max` columns where it can be. */
function splitLong(word: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (visibleLength(rest) > max) {
    const plain = stripAnsi(rest);
    const cut = Math.max(...['/', ',', '=', '&', '?'].map((s) => plain.lastIndexOf(s, Math.max(0, max - 1))));
    if (cut <= 0) break;
    const at = rawIndex(rest, cut + 1);
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  pieces.push(rest);
  return pieces;
}

/** The index in `text` (with colour codes) of its `visible`-th visible character. */
function rawIndex(text: string, visible: number): number {
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < visible) {
    const m = ANSI_AT.exec(text.slice(i));
    if (m) i += m[0].length;
    else {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      seen += 1;
    }
  }
  return i;
}

/**
 * One line of prose as lines of at most `width` columns, broken at spaces only; lines after
 * the first start with `indent` (a hanging indent). Text with newlines is wrapped line by line.
 */
const NUMBER = /^[~≈(]?\$?[\d][\d.,]*$/;
const UNIT = /^(?:GiB|MiB|KiB|GB|MB|TB|GB\/s|tok\/s|ms|s|W|kWh|h|B|tokens?)[),.;:]?$/;

/** "17.0 GiB", "23 tok/s": a number and its unit stay on one line (joined in place, one space kept). */
function keepUnits(words: string[], gaps: string[]): void {
  for (let k = words.length - 2; k >= 0; k -= 1) {
    if (NUMBER.test(words[k]!) && UNIT.test(words[k + 1]!) && gaps[k + 1] === ' ') {
      words.splice(k, 2, `${words[k]} ${words[k + 1]}`);
      gaps.splice(k + 1, 1);
    }
  }
}

export function wrap(text: string, width: number, indent = ''): string[] {
  return text.split('\n').flatMap((line) => {
    if (visibleLength(line) <= width) return [line];
    const lead = /^(?:\u001b\[[0-9;]*m| )*/.exec(line)![0];
    const parts = line.slice(lead.length).split(/( +)/);
    const words = parts.filter((_, k) => k % 2 === 0 && parts[k] !== '');
    const gaps = parts.flatMap((p, k) => (k % 2 === 0 && p !== '' ? [k > 0 ? parts[k - 1]! : ''] : []));
    keepUnits(words, gaps);
    return layout(words, width, lead, indent, '', gaps);
  });
}

/** Shell words of a command line: split at spaces outside quotes; the quotes are kept. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  for (let i = 0; i < command.length; i += 1) {
    const ch = command[i]!;
    if (quote) {
      word += ch;
      if (ch === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else if (ch === quote) quote = null;
    } else if (ch === ' ') {
      if (word !== '') words.push(word);
      word = '';
    } else {
      word += ch;
      if (ch === '\\' && i + 1 < command.length) word += command[++i];
      else if (ch === '"' || ch === "'") quote = ch;
    }
  }
  if (word !== '') words.push(word);
  return words;
}

/**
 * A shell command as lines of at most `width` columns where its words allow: the first line
 * starts with `prefix` (e.g. "  $ "), breaks fall between shell words and end with ` \`, and
 * the lines after start with `indent`. Joining the lines at each ` \` + newline + indent gives
 * the command back.
 */
export function wrapCommand(command: string, width: number, prefix = '', indent = `${' '.repeat(visibleLength(prefix))}  `): string[] {
  if (visibleLength(prefix) + visibleLength(command) <= width) return [`${prefix}${command}`];
  // A flag stays on the line of its value ("-c 8192", "--max-model-len 8192").
  const units: string[] = [];
  const room = width - visibleLength(indent) - 2;
  for (const word of shellWords(command)) {
    const last = units[units.length - 1];
    const flag = last !== undefined && /^--?[\w-]+$/.test(stripAnsi(last)) && !stripAnsi(word).startsWith('-');
    if (flag && visibleLength(last) + 1 + visibleLength(word) <= room) units[units.length - 1] = `${last} ${word}`;
    else units.push(word);
  }
  return layout(units, width, prefix, indent, ' \\');
}

/** Lines drawn by makeTable (they fit by construction, and a border must not be re-wrapped). */
const TABLE_LINE = /^[┌│├└]/;
/** A shell command at the start of a line, after `$ ` or `Run: ` or alone: the programs llm-pick prints. */
const COMMAND =
  /^( *(?:\$ |Run: )?)((?:[A-Z][A-Z0-9_]*=\S+ )*(?:ollama|llama-server|llama-cli|llama-bench|rpc-server|vllm|sglang|python3?|pip3?|hf|huggingface-cli|export|ray|lms|mlx_lm\.\w+|docker|curl|llm-pick|nvidia-smi)(?: |$).*)$/;
/** A bullet or a short label that the wrapped lines hang under: "  - ", "  • ", "  #1 ", "  strengths:  ", "  multi-node: ". */
const HANGING = /^( *)((?:[-•*└+→]|\d+\.|#\d+) +|[a-zA-Z][\w/-]*(?: [\w/-]+)?: +)?/;

/**
 * Every line of `text` made to fit `width` columns: table lines are left alone, commands are
 * broken between shell words with ` \`, comments (`# …`) stay comments on every line, other
 * lines are wrapped at spaces under their bullet or label (or two columns in).
 */
export function fitText(text: string, width: number): string {
  let continued = false;
  return text
    .split('\n')
    .flatMap((line) => {
      const plain = stripAnsi(line);
      // The line after a shell continuation is still the command: never re-wrapped as prose.
      const inCommand = continued;
      continued = plain.endsWith(' \\');
      if (visibleLength(line) <= width || TABLE_LINE.test(plain)) return [line];
      if (inCommand) {
        const lead = /^ */.exec(plain)![0];
        const body = line.slice(rawIndex(line, lead.length));
        const tail = body.endsWith(' \\') ? ' \\' : '';
        const lines = wrapCommand(tail ? body.slice(0, -2) : body, width, lead, lead);
        lines[lines.length - 1] += tail;
        return lines;
      }
      const command = COMMAND.exec(plain);
      if (command) {
        // The prefix's visible characters end where the command's start (colour codes around it kept).
        const at = rawIndex(line, command[1]!.length);
        const prefix = line.slice(0, at);
        return wrapCommand(line.slice(at), width, prefix);
      }
      const comment = /^( *)# /.exec(plain);
      if (comment) return wrap(line, width, `${comment[1]}# `);
      const hang = HANGING.exec(plain)!;
      const indent = hang[2] ? hang[1]!.length + hang[2].length : hang[1]!.length + 2;
      return wrap(line, width, ' '.repeat(Math.min(indent, Math.floor(width / 2))));
    })
    .join('\n');
}
