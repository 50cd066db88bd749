// One declaration per option: every option in the table reaches commander's help
// (with its allowed values), each command's published JSON Schema of options, and
// the wizard's questions where the wizard asks it.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/index.js';
import { COMMANDS, optionsOf } from '../../src/options/table.js';
import { OPTION_COMMANDS, jsonSchemaOf } from '../../src/schemas/index.js';
import { COMMERCIAL_MESSAGE, PRIORITIES, PRIORITY_MESSAGE, USE_CASES, USE_CASE_MESSAGE } from '../../src/wizard/questions.js';
import { commercial, priority, useCase } from '../../src/options/table.js';
import { candidates } from '../../src/cli/completion.js';
import { MCP_TOOLS } from '../../src/cli/mcp.js';
import { loadBuiltinCatalog } from '../../src/catalog/load.js';

function helpOf(name: string): string {
  const program = buildProgram();
  const cmd = program.commands.find((c) => c.name() === name)!;
  return cmd.helpInformation();
}

describe('the option table is the one source', () => {
  for (const spec of COMMANDS) {
    it(`${spec.name}: every option is in --help, with its allowed values`, () => {
      const help = helpOf(spec.name);
      for (const o of optionsOf(spec.name)) {
        expect(help).toContain(o.flag);
        if (o.type === 'choice') for (const c of o.choices) expect(help).toContain(c.value);
      }
    });
  }

  for (const name of OPTION_COMMANDS) {
    it(`${name}: every option is in the published options schema, with its limits`, async () => {
      const schema = (await jsonSchemaOf(`${name}-options`)) as { properties: Record<string, Record<string, unknown>> };
      const keys = optionsOf(name).map((o) => o.key);
      expect(Object.keys(schema.properties).sort()).toEqual([...keys].sort());
      for (const o of optionsOf(name)) {
        if (o.type === 'number') expect(schema.properties[o.key]!.maximum).toBe(o.max);
        if (o.type === 'choice') expect(schema.properties[o.key]!.enum).toEqual(o.choices.map((c) => c.value));
      }
    });
  }

  for (const spec of COMMANDS) {
    it(`${spec.name}: every option completes in the shell, and is an MCP tool input`, async () => {
      const flags = candidates([spec.name, '--'], loadBuiltinCatalog());
      for (const o of optionsOf(spec.name)) expect(flags).toContain(o.flag);
      if (spec.options.length === 0) return;
      const { optionsSchema } = await import('../../src/options/zod.js');
      expect(Object.keys(optionsSchema(spec.name).shape).sort()).toEqual(optionsOf(spec.name).map((o) => o.key).sort());
      if (spec.name !== 'calibrate') expect(MCP_TOOLS).toContain(spec.name);
    });
  }

  it('every command in the table has a published options schema or takes no options', () => {
    for (const spec of COMMANDS) expect(spec.options.length === 0 || OPTION_COMMANDS.includes(spec.name)).toBe(true);
  });

  it("the wizard asks with the table's words and choices", () => {
    expect(USE_CASES.map((c) => c.value)).toEqual(useCase.choices.map((c) => c.value));
    expect(PRIORITIES.map((c) => c.name)).toEqual(priority.choices.map((c) => c.label));
    expect(USE_CASE_MESSAGE).toBe(useCase.wizard!.message);
    expect(PRIORITY_MESSAGE).toBe(priority.wizard!.message);
    expect(COMMERCIAL_MESSAGE).toBe(commercial.wizard!.message);
  });

  it('every option key is unique per command and every flag is a long flag', () => {
    for (const spec of COMMANDS) {
      const keys = optionsOf(spec.name).map((o) => o.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const o of optionsOf(spec.name)) expect(o.flag).toMatch(/^--[a-z][a-z0-9-]*$/);
    }
  });
});

describe('help examples', () => {
  it('every example in every command help runs and answers (exit 0)', async () => {
    const { BIN, runNodeAsync } = await import('../helpers/bin.js');
    const examples = COMMANDS.flatMap((c) => c.examples);
    expect(examples.length).toBeGreaterThanOrEqual(COMMANDS.length);
    const results = await Promise.all(
      examples.map(async (line) => {
        const args = (line.match(/"[^"]*"|\S+/g) ?? []).slice(1).map((w) => w.replace(/^"|"$/g, ''));
        return { line, r: await runNodeAsync([BIN, ...args]) };
      }),
    );
    for (const { line, r } of results) {
      expect(r.stderr, line).toBe('');
      expect(r.status, line).toBe(0);
      expect(r.stdout.length, line).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('the catalog says its age', () => {
  it('--version, models and every --json document carry the date the facts were last checked', async () => {
    const { readFileSync } = await import('node:fs');
    const { ROOT, runBin } = await import('../helpers/bin.js');
    const asOf = JSON.parse(readFileSync(`${ROOT}data/catalog-meta.json`, 'utf8')).asOf as string;
    expect(runBin(['--version']).stdout).toContain(`catalog facts as of ${asOf}`);
    expect(runBin(['models', '--type', 'api']).stdout).toContain(`Catalog facts as of ${asOf}`);
    for (const args of [['models'], ['quants'], ['engines'], ['fit', '--params', '8', '--quant', 'q4']]) {
      const doc = JSON.parse(runBin([...args, '--json']).stdout);
      expect(Object.keys(doc).slice(0, 3)).toEqual(['schemaVersion', 'kind', 'catalogAsOf']);
      expect(doc.catalogAsOf).toBe(asOf);
    }
  });

  it('human output notes a catalog older than six months, and only then', async () => {
    const { staleNote } = await import('../../src/catalog/as-of.js');
    expect(staleNote('2026-12-06', new Date('2027-03-01'))).toBeNull();
    expect(staleNote('2026-12-06', new Date('2027-07-01'))).toMatch(/last checked on 2026-12-06 \(6 months ago\)/);
  });
});
