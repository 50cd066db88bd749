// src/cli/plain-line.ts reads a plain command line without commander: for every line it takes, a
// command's action must receive exactly what commander gives it (options with their key order,
// context, --config-file, which options the command has and which were typed), and every line
// commander refuses (or answers with help) must be left to commander. Lines: every flag of every
// table command alone, with good and bad values, with the global flags, in pairs, repeated, and
// the shapes the reader leaves to commander.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, lineInputs, parsedOf } from '../../src/cli/index.js';
import { plainLine, type ParsedLine } from '../../src/cli/plain-line.js';
import { CONFIG_KEYS } from '../../src/config/keys.js';
import { COMMANDS, GLOBAL_OPTIONS, optionsOf } from '../../src/options/table.js';
import type { OptionSpec } from '../../src/options/types.js';

/** Values to give a valued option: good ones in each spelling its parser takes, and bad ones. */
function valuesOf(o: OptionSpec): string[] {
  switch (o.type) {
    case 'boolean':
      return [];
    case 'number': {
      const low = o.minExclusive ? o.min + 0.5 : o.min;
      const units: Record<string, string[]> = { gib: ['24GB', '12GiB'], context: ['32k', '128K'], billions: ['8B', '1.5B'], volume: ['5M', '500k'], usd: ['$50'], plain: [] };
      return [String(low), String(o.max), String(o.integer ? Math.ceil(low) : low * 2), ...(units[o.unit] ?? []), String(o.max * 10), 'abc', '', '0', '1.5'];
    }
    case 'choice':
      return [o.choices[0]!.value, o.choices[o.choices.length - 1]!.value.toUpperCase(), ...Object.keys(o.aliases ?? {}).slice(0, 2), 'nope'];
    case 'string':
      return ['x', ' spaced value ', 'Q4_K_M', '', '   '];
  }
}

/** One word list per flag use: the flag alone (boolean) or with each value. */
function uses(o: OptionSpec): string[][] {
  return o.type === 'boolean' ? [[o.flag]] : valuesOf(o).map((v) => [o.flag, v]);
}

function lines(): string[][] {
  const out: string[][] = [];
  const globals = GLOBAL_OPTIONS.flatMap(uses);
  for (const spec of COMMANDS) {
    const own = optionsOf(spec.name);
    const name = spec.name;
    out.push([name], [name, '--json'], [name, '--help'], [name, '-h'], [name, '--version'], [name, '--', '--json'], [name, 'extra'], [name, '--bogus']);
    for (const o of own) {
      for (const u of uses(o)) {
        out.push([name, ...u], [name, ...u, '--json'], [name, '--json', ...u, '--debug'], [name, ...u, '--no-color', '--catalog', 'a.yaml']);
        // `--flag=value` (a boolean's `--flag=` is commander's error).
        out.push([name, `${u[0]}=${u[1] ?? ''}`, '--json'], [name, `${u[0]}=${u[1] ?? 'true'}`]);
      }
      if (o.type !== 'boolean') out.push([name, `${o.flag}=-5`], [name, `${o.flag}=--json`], [name, `${o.flag}=a=b`], [name, `${o.flag}=`]);
      const first = uses(o)[0]!;
      // Repeated (also once as --flag=value), with a value that starts with '-', without its value, with an argument after it.
      // (`fit --model --json`: commander reads --json as the program's flag, so --model has no value.)
      out.push([name, ...first, ...first], [name, `${o.flag}=${first[1] ?? ''}`, ...first], [name, o.flag, '-5'], [name, o.flag, '--json'], [name, o.flag], [name, ...first, 'extra']);
    }
    // Pairs of flags (each with its first value), in both orders.
    for (const a of own) for (const b of own) if (a !== b) out.push([name, ...uses(a)[0]!, ...uses(b)[0]!]);
    for (const g of globals) out.push([name, ...g], [name, ...g, ...g], [name, `${g[0]}=${g[1] ?? ''}`]);
    // A global flag before the command: commander's.
    out.push(['--json', name]);
  }
  out.push(['fit', '--params', '70', '--quant', 'q4', '--json'], ['fit', '--model', 'llama-3.1-8b', '--quant', 'q4', '--vram', '24', '--json'], ['fit', '--params', '8', '--config-file', '/nowhere/c.yaml']);
  return out;
}

/** What commander gives the action for these words, or 'refused' (an error, help or the version). */
async function viaCommander(words: string[]): Promise<ParsedLine | 'refused'> {
  const argv = ['node', 'llm-pick', ...words];
  const program = buildProgram(argv);
  let got: ParsedLine | undefined;
  const quiet = (c: Command) => {
    c.configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined });
    for (const sub of c.commands) quiet(sub);
  };
  quiet(program);
  for (const sub of program.commands) sub.action((...args: unknown[]) => void (got = parsedOf(args[args.length - 1] as Command)));
  program.action((...args: unknown[]) => void (got = parsedOf(args[args.length - 1] as Command)));
  try {
    await program.parseAsync(argv);
  } catch {
    return 'refused';
  }
  return got ?? 'refused';
}

/** Everything the action reads of a parsed line, as text (key order included). */
function seen(line: ParsedLine): string {
  const { options, ctx, configFile } = lineInputs(line);
  const keys = [...new Set([...optionsOf(line.command).map((o) => o.key), ...CONFIG_KEYS.map((k) => k.option ?? 'none'), 'json', 'args'])];
  return JSON.stringify({
    command: line.command,
    parent: line.parent,
    options,
    optionKeys: Object.keys(options as object),
    ctx,
    configFile: configFile ?? null,
    has: keys.filter((k) => line.has(k)),
    typed: keys.filter((k) => line.typed(k)),
  });
}

describe('plain command lines without commander', () => {
  it('every line it reads gives what commander gives; every line commander refuses is left to commander', async () => {
    let read = 0;
    let left = 0;
    for (const words of lines()) {
      const plain = plainLine(['node', 'llm-pick', ...words]);
      const commander = await viaCommander(words);
      if (commander === 'refused') {
        expect(plain, words.join(' ')).toBeNull();
        continue;
      }
      if (plain === null) {
        left += 1;
        continue;
      }
      read += 1;
      expect(seen(plain), words.join(' ')).toBe(seen(commander));
    }
    // Most accepted lines are read here; the ones left are repeats and the like.
    expect(read).toBeGreaterThan(4000);
    expect(left).toBeLessThan(read / 10);
  });

  it('reads the benchmark lines and leaves help, the version, a repeated --catalog and an argument to commander', () => {
    expect(plainLine(['node', 'llm-pick', 'fit', '--params', '70', '--quant', 'q4', '--json'])?.options).toEqual({ kvQuant: 'f16', flashAttn: true, params: 70, quant: 'q4' });
    expect(plainLine(['node', 'llm-pick', 'fit', '--vram=24', '--params=8B', '--quant=q4'])?.options).toEqual({ kvQuant: 'f16', flashAttn: true, vram: 24, params: 8, quant: 'q4' });
    for (const words of [['fit', '--help'], ['fit', '-h'], ['--version'], ['fit', '--catalog', 'a', '--catalog', 'b'], ['fit', '--vram=24', '--vram', '24'], ['models', 'llama3.1:8b'], ['help', 'fit'], [], ['fit', '--json=1']]) {
      expect(plainLine(['node', 'llm-pick', ...words]), words.join(' ')).toBeNull();
    }
  });
});
