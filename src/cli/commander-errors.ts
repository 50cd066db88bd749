// commander prints its own usage errors (unknown option, missing value, extra
// arguments, ...). DESIGN.md wants every bad input on one line that names the
// flag or argument and what is allowed, so each message is rewritten here before
// it is printed: the "Did you mean" suggestion joins the line instead of
// starting a second one, and the allowed options, commands or arguments are named.
import { visibleLine } from '../core/sanitize.js';
import type { Command, Option } from 'commander';
import { quoted } from '../options/parse.js';
import { didYouMean } from '../util/suggest.js';

/** `fit`, `catalog validate`, or '' for the root command. */
function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function helpOf(cmd: Command): string {
  const path = pathOf(cmd);
  return `see llm-pick${path ? ` ${path}` : ''} --help`;
}

/** Options this command accepts, its own and its parents' (commander accepts both). */
function optionsOf(cmd: Command): Option[] {
  const all: Option[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) all.push(...c.options);
  return all;
}

function findOption(cmd: Command, flag: string): Option | undefined {
  return optionsOf(cmd).find((o) => o.long === flag || o.short === flag || o.flags === flag);
}

function optionNames(cmd: Command): string {
  // --version is the root's own (`llm-pick fit --version` is not a thing).
  const names = optionsOf(cmd)
    .map((o) => o.long ?? o.short)
    .filter((n): n is string => Boolean(n) && (n !== '--version' || !cmd.parent));
  return [...new Set([...names, '--help'])].join(', ');
}

function argumentSyntax(cmd: Command): string {
  return cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(' ');
}

/** The same words as the root command's own check (src/cli/index.ts). */
/** The commands --help lists (the completion helper `__complete` is hidden). */
export function visibleCommands(cmd: Command): string[] {
  return cmd.commands.map((c) => c.name()).filter((n) => !n.startsWith('__'));
}

function unknownCommand(cmd: Command, name: string, suggestion?: string): string {
  const visible = visibleCommands(cmd);
  const names = visible.join(', ');
  const hint = suggestion ? ` (did you mean ${suggestion}?)` : didYouMean(name, visible);
  return `unknown command ${quoted(`${pathOf(cmd)} ${name}`.trim())}${hint}; commands: ${names} (${helpOf(cmd)})`;
}

/** One line for one commander error message (without the "llm-pick: " prefix). */
export function commanderErrorLine(message: string, cmd: Command): string {
  const text = message.replace(/\s+$/, '');
  const where = pathOf(cmd) || 'llm-pick';
  let m: RegExpExecArray | null;

  // A flag parser's own message (src/cli/flags.ts) already names the flag and what is allowed.
  if ((m = /^error: option '[^']*' argument [\s\S]* is invalid\. (-[\s\S]*)$/.exec(text))) return joinLines(m[1]!);

  if ((m = /^error: option '([^']*)' argument missing$/.exec(text))) {
    const option = findOption(cmd, m[1]!.split(/[ ,]+/).find((p) => p.startsWith('--')) ?? m[1]!);
    const flag = option?.long ?? m[1]!;
    return `${flag} needs a value${option?.description ? `: ${option.description}` : ''} (${helpOf(cmd)})`;
  }

  if ((m = /^error: unknown option '([\s\S]*?)'(?:\s*\(Did you mean ([^?]*)\?\))?$/.exec(text))) {
    // `llm-pick recomend --vram 24`: the mistake is the command, not the option after it.
    const first = cmd.args[0];
    if (cmd.commands.length > 0 && first !== undefined && !first.startsWith('-')) return unknownCommand(cmd, first);
    const suggestion = m[2] ? ` (did you mean ${m[2]}?)` : '';
    return `unknown option ${quoted(m[1]!)} for ${where}${suggestion}; options: ${optionNames(cmd)} (${helpOf(cmd)})`;
  }

  if ((m = /^error: unknown command '([\s\S]*?)'(?:\s*\(Did you mean ([^?]*)\?\))?$/.exec(text))) {
    return unknownCommand(cmd, m[1]!, m[2]);
  }

  if ((m = /^error: missing required argument '([^']*)'$/.exec(text))) {
    const arg = cmd.registeredArguments.find((a) => a.name() === m![1]);
    return `${where} needs <${m[1]}>${arg?.description ? `: ${arg.description}` : ''} (usage: llm-pick ${where} ${argumentSyntax(cmd)}; ${helpOf(cmd)})`;
  }

  if (/^error: too many arguments/.test(text)) {
    const expected = cmd.registeredArguments.length;
    const extra = cmd.args.slice(expected).map(quoted).join(' ');
    const allowed = expected === 0 ? 'takes no arguments' : `takes at most ${argumentSyntax(cmd)}`;
    return `${where} ${allowed}; got extra ${extra || 'arguments'} (${helpOf(cmd)})`;
  }

  return joinLines(text.replace(/^error: /, ''));
}

/** Join whatever lines a message has, so stderr gets exactly one. */
function joinLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

/** Route every command's usage errors through commanderErrorLine (after all commands exist). */
export function oneLineErrors(cmd: Command): void {
  cmd.configureOutput({
    outputError: (message, write) => write(`llm-pick: ${visibleLine(commanderErrorLine(message, cmd))}\n`),
  });
  for (const sub of cmd.commands) oneLineErrors(sub);
}
