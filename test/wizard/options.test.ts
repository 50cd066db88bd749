// The command line the wizard prints is the one `llm-pick recommend` parses back
// into the very options the wizard used (round trip through commander).
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/index.js';
import { commandLine, recommendArgs, shellQuote } from '../../src/wizard/options.js';
import type { RecommendFlags } from '../../src/wizard/types.js';
import { USERS_MESSAGE } from '../../src/wizard/questions.js';
import { users } from '../../src/options/table.js';

async function parseBack(args: string[]): Promise<{ options: Record<string, unknown>; catalog: unknown }> {
  const program = buildProgram();
  let options: Record<string, unknown> = {};
  program.commands.find((c) => c.name() === 'recommend')!.action((opts: Record<string, unknown>) => {
    options = opts;
  });
  await program.parseAsync(['node', 'llm-pick', ...args]);
  return { options, catalog: program.opts().catalog };
}

const CASES: RecommendFlags[] = [
  { useCase: 'chat', priority: 'balanced' },
  { useCase: 'code', priority: 'quality', gpu: 'rtx-3090-ti', gpus: 2 },
  { useCase: 'chat', priority: 'balanced', privacy: true, offline: true, tokensPerDay: 50_000_000, ctx: 32768, commercial: true },
  { useCase: 'long-context', priority: 'speed', vram: 11.5, gpus: 3, ctx: 131072 },
  { useCase: 'embedding', priority: 'balanced', cpuOnly: true },
  { useCase: 'rag', priority: 'balanced', gpu: 'm3-max', vram: 64, tokensPerDay: 0 },
  {
    useCase: 'extraction', priority: 'quality', latencyCritical: true, inputShare: 0.5, budget: 200, localOnly: true,
    allowOffload: true, top: 3, ram: 64, vram: 8,
  },
  { useCase: 'summarization', priority: 'balanced', apiOnly: true, tokensPerDay: 1e13 },
  { useCase: 'chat', priority: 'balanced', tokensPerDay: 10_000_000, users: 8, gpu: 'rtx-3090' },
];

describe('recommendArgs round trip', () => {
  it.each(CASES.map((c) => [recommendArgs(c).join(' '), c] as const))('%s', async (_line, flags) => {
    const { options } = await parseBack(recommendArgs(flags));
    expect(options).toEqual(flags);
  });

  it('user catalogs travel as --catalog', async () => {
    const args = recommendArgs({ useCase: 'code', priority: 'balanced' }, ['a.yaml', 'b c.json']);
    expect(args).toEqual(['recommend', '--use-case', 'code', '--catalog', 'a.yaml', '--catalog', 'b c.json']);
    expect((await parseBack(args)).catalog).toEqual(['a.yaml', 'b c.json']);
  });
});

describe('the people-at-once question', () => {
  it("asks with the option table's words for --users", () => {
    expect(USERS_MESSAGE).toBe(users.wizard!.message);
  });
});

describe('commandLine', () => {
  it('leaves out the defaults', () => {
    expect(commandLine(recommendArgs({ useCase: 'chat', priority: 'balanced' }))).toBe('llm-pick recommend');
  });

  it('quotes what the shell would split or expand', () => {
    expect(shellQuote('rtx-3090')).toBe('rtx-3090');
    expect(shellQuote('./cat/my.yaml')).toBe('./cat/my.yaml');
    expect(shellQuote('RTX 3090')).toBe("'RTX 3090'");
    expect(shellQuote('$HOME/x')).toBe("'$HOME/x'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });
});
