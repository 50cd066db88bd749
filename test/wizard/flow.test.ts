// The wizard's flow with the prompt module replaced by scripted answers and
// recommend replaced by a fake that records the options it was given.
import { describe, expect, it } from 'vitest';
import { runWizard } from '../../src/wizard/session.js';
import type { HardwarePlan } from '../../src/hardware/types.js';
import type { RecommendFlags } from '../../src/wizard/types.js';
import { BACK, CPU_MACHINE, GPUS, TWO_3090, scripted, seq } from './scripted.js';
import { BACK_HINT } from '../../src/wizard/flow.js';

async function session(answers: Record<string, unknown>, found: HardwarePlan | null = CPU_MACHINE, catalogFiles: string[] = []) {
  const script = scripted(answers);
  const said: string[] = [];
  const calls: RecommendFlags[] = [];
  const outcome = await runWizard({
    prompts: script.prompts,
    probe: async () => found,
    gpus: GPUS,
    recommend: async (options) => {
      calls.push(options);
      return { kind: 'recommend', fake: true };
    },
    say: (line) => said.push(line),
    catalogFiles,
  });
  return { ...outcome, asked: script.asked, said, calls };
}

describe('wizard flow', () => {
  it('Enter all the way through: recommend with no flags, on the hardware found', async () => {
    const r = await session({});
    expect(r.asked).toEqual(['hardware', 'useCase', 'priority', 'data', 'volume', 'context', 'commercial']);
    expect(r.said).toEqual(['Found: no GPU; RAM 16.0 GiB; 8 CPU cores', BACK_HINT]);
    expect(r.calls).toEqual([{ useCase: 'chat', priority: 'balanced' }]);
    expect(r.options).toEqual({ useCase: 'chat', priority: 'balanced' });
    expect(r.commandLine).toBe('llm-pick recommend');
    expect(r.recommendation).toEqual({ kind: 'recommend', fake: true });
  });

  it('shows the GPUs found, grouped', async () => {
    const r = await session({}, TWO_3090);
    expect(r.said[0]).toBe('Found: 2 × NVIDIA GeForce RTX 3090, 24.0 GiB each (23.0 GiB free); RAM 64.0 GiB; 8 CPU cores');
    expect(r.commandLine).toBe('llm-pick recommend');
  });

  it('shows detection warnings under what was found', async () => {
    const r = await session({}, { ...CPU_MACHINE, warnings: ['nvidia-smi did not answer within 3 s'] });
    expect(r.said).toEqual(['Found: no GPU; RAM 16.0 GiB; 8 CPU cores', '  note: nvidia-smi did not answer within 3 s', BACK_HINT]);
  });

  it('carries on when detection failed', async () => {
    const r = await session({}, null);
    expect(r.said[0]).toBe('Found: nothing (hardware detection failed)');
    expect(r.options).toEqual({ useCase: 'chat', priority: 'balanced' });
  });

  it('a GPU picked from the catalog, two of them, for code at best quality', async () => {
    const r = await session({ hardware: 'gpu', gpu: '3090 ti', gpus: '2', useCase: 'code', priority: 'quality' });
    expect(r.asked).toEqual(['hardware', 'gpu', 'gpus', 'useCase', 'priority', 'data', 'volume', 'context', 'commercial']);
    expect(r.calls).toEqual([{ useCase: 'code', priority: 'quality', gpu: 'rtx-3090-ti', gpus: 2 }]);
    expect(r.commandLine).toBe('llm-pick recommend --use-case code --priority quality --gpu rtx-3090-ti --gpus 2');
  });

  it('one catalog GPU adds no --gpus', async () => {
    const r = await session({ hardware: 'gpu', gpu: 'H100' });
    expect(r.commandLine).toBe('llm-pick recommend --gpu h100-sxm');
  });

  it('an Apple chip: asks its memory size, not a count', async () => {
    const r = await session({ hardware: 'gpu', gpu: 'm3 max', memory: 64 });
    expect(r.asked.slice(0, 3)).toEqual(['hardware', 'gpu', 'memory']);
    expect(r.asked).not.toContain('gpus');
    expect(r.options).toMatchObject({ gpu: 'm3-max', vram: 64 });
    expect(r.commandLine).toBe('llm-pick recommend --vram 64 --gpu m3-max');
  });

  it("an Apple chip at its largest memory needs no --vram", async () => {
    const r = await session({ hardware: 'gpu', gpu: 'm3 max' });
    expect(r.commandLine).toBe('llm-pick recommend --gpu m3-max');
  });

  it('privacy on, a typed volume, 32K context, commercial use', async () => {
    const r = await session({ data: 'private', volume: 'type', volumeTyped: '50M', context: 32768, commercial: true });
    expect(r.asked).toContain('volumeTyped');
    expect(r.calls).toEqual([
      { useCase: 'chat', priority: 'balanced', privacy: true, tokensPerDay: 50_000_000, ctx: 32768, commercial: true },
    ]);
    expect(r.commandLine).toBe('llm-pick recommend --ctx 32768 --privacy --tokens-per-day 50000000 --commercial');
  });

  it('private and offline', async () => {
    const r = await session({ data: 'private-offline', volume: 1_000_000 });
    expect(r.commandLine).toBe('llm-pick recommend --privacy --offline --tokens-per-day 1000000');
  });

  it('typed GPU memory (Enter takes 24 GiB) and a typed context', async () => {
    const r = await session({ hardware: 'vram', context: 'type', contextTyped: '64K' });
    expect(r.options).toEqual({ useCase: 'chat', priority: 'balanced', vram: 24, ctx: 65536 });
    expect(r.commandLine).toBe('llm-pick recommend --ctx 65536 --vram 24');
  });

  it('typed GPU memory with a decimal, three cards', async () => {
    const r = await session({ hardware: 'vram', vram: '11.5', gpus: '3' });
    expect(r.commandLine).toBe('llm-pick recommend --vram 11.5 --gpus 3');
  });

  it('CPU only', async () => {
    const r = await session({ hardware: 'cpu', useCase: 'summarization', priority: 'speed' }, TWO_3090);
    expect(r.commandLine).toBe('llm-pick recommend --use-case summarization --priority speed --cpu-only');
  });

  it('embeddings: no context question', async () => {
    const r = await session({ useCase: 'embedding' });
    expect(r.asked).not.toContain('context');
    expect(r.commandLine).toBe('llm-pick recommend --use-case embedding');
  });

  it('user catalogs are repeated, shell-quoted', async () => {
    const r = await session({}, CPU_MACHINE, ['my gpus.yaml', "it's.json"]);
    expect(r.commandLine).toBe(`llm-pick recommend --catalog 'my gpus.yaml' --catalog 'it'\\''s.json'`);
  });

  it('an empty GPU catalog falls back to typing the memory', async () => {
    const script = scripted({ hardware: 'gpu', vram: '16' });
    const said: string[] = [];
    const r = await runWizard({ prompts: script.prompts, probe: async () => CPU_MACHINE, gpus: [], recommend: async () => null, say: (l) => said.push(l) });
    expect(said).toContain('The GPU catalog is empty; type the GPU memory instead.');
    expect(r.commandLine).toBe('llm-pick recommend --vram 16');
  });

  it('typed numbers take units as the flags do (16GB, 2.5M, 64k)', async () => {
    const r = await session({ hardware: 'vram', vram: '16GB', volume: 'type', volumeTyped: '2.5M', context: 'type', contextTyped: '64k' });
    expect(r.commandLine).toBe('llm-pick recommend --ctx 65536 --tokens-per-day 2500000 --vram 16');
  });

  it('typed numbers are validated in the prompt', async () => {
    await expect(session({ hardware: 'vram', vram: 'lots' })).rejects.toThrow('type GiB of GPU memory (e.g. 24, 24GB or 24GiB)');
    await expect(session({ hardware: 'vram', vram: '0' })).rejects.toThrow('greater than 0 and at most 16384');
    await expect(session({ hardware: 'vram', gpus: '1.5' })).rejects.toThrow('a whole number from 1 to 64');
    await expect(session({ volume: 'type', volumeTyped: 'many' })).rejects.toThrow('type a number of tokens per day (e.g. 5000000, 500k or 5M)');
    await expect(session({ context: 'type', contextTyped: '0' })).rejects.toThrow('from 1 to 16777216');
  });
});

describe('wizard: Esc goes back one question', () => {
  it('re-asks the previous question with the previous answer as default; the changed answer is used', async () => {
    // priority answered "quality", then Esc on "data": priority is asked again (default quality) and changed to speed.
    const r = await session({ useCase: 'code', priority: seq('quality', 'speed'), data: seq(BACK, 'private') });
    expect(r.asked).toEqual(['hardware', 'useCase', 'priority', 'data', 'priority', 'data', 'volume', 'context', 'commercial']);
    expect(r.options).toEqual({ useCase: 'code', priority: 'speed', privacy: true });
  });

  it('Enter on the re-asked question keeps the earlier answer (it is the default)', async () => {
    const r = await session({ hardware: 'vram', vram: seq('16GB', undefined), gpus: seq(BACK, '2') });
    expect(r.asked.slice(0, 4)).toEqual(['hardware', 'vram', 'gpus', 'vram']);
    expect(r.commandLine).toBe('llm-pick recommend --vram 16 --gpus 2');
  });

  it('Esc twice goes back two questions; questions skipped on the way are skipped again', async () => {
    // Embeddings skip the context question: Esc on commercial goes back to users, then to volume.
    const r = await session({ useCase: 'embedding', volume: seq(1_000_000, 10_000_000), commercial: seq(BACK, true), users: seq('1', BACK, '3') });
    expect(r.asked).toEqual(['hardware', 'useCase', 'priority', 'data', 'volume', 'users', 'commercial', 'users', 'volume', 'users', 'commercial']);
    expect(r.options).toEqual({ useCase: 'embedding', priority: 'balanced', tokensPerDay: 10_000_000, users: 3, commercial: true });
  });

  it('going back to the volume and choosing "Don\'t know" drops the people-at-once answer', async () => {
    const r = await session({ volume: seq(1_000_000, null), users: seq('5', BACK), context: seq(BACK, null) });
    expect(r.asked).toEqual(['hardware', 'useCase', 'priority', 'data', 'volume', 'users', 'context', 'users', 'volume', 'context', 'commercial']);
    expect(r.options).toEqual({ useCase: 'chat', priority: 'balanced' });
  });

  it('going back past a branch: typed memory changed to a catalog GPU drops the typed memory', async () => {
    // hardware vram → vram 16 → Esc on the count → Esc on vram → hardware, now a catalog GPU → H100 → 1 card.
    const r = await session({ hardware: seq('vram', 'gpu'), vram: seq('16', BACK), gpus: seq(BACK, '1'), gpu: 'h100' });
    expect(r.asked.slice(0, 7)).toEqual(['hardware', 'vram', 'gpus', 'vram', 'hardware', 'gpu', 'gpus']);
    expect(r.commandLine).toBe('llm-pick recommend --gpu h100-sxm');
  });

  it('Esc on the first question is not offered (nothing to go back to)', async () => {
    await expect(session({ hardware: BACK })).rejects.toThrow('Esc pressed where going back is not offered');
  });
});

describe('wizard: the GPU filter never dead-ends', () => {
  it('"Type GPU memory instead" from the filter asks the memory, with units', async () => {
    const r = await session({ hardware: 'gpu', gpu: ':type-memory', vram: '16G', gpus: '2' });
    expect(r.asked.slice(0, 4)).toEqual(['hardware', 'gpu', 'vram', 'gpus']);
    expect(r.commandLine).toBe('llm-pick recommend --vram 16 --gpus 2');
  });

  it('"No GPU / CPU only" from the filter plans for the CPU', async () => {
    const r = await session({ hardware: 'gpu', gpu: ':cpu-only' }, TWO_3090);
    expect(r.asked).not.toContain('gpus');
    expect(r.commandLine).toBe('llm-pick recommend --cpu-only');
  });
});

describe('wizard: how many people use it at once', () => {
  it('asked once a volume is known, default 1 (no flag); a typed count reaches recommend as --users', async () => {
    const unknown = await session({});
    expect(unknown.asked).not.toContain('users');
    const one = await session({ volume: 1_000_000 });
    expect(one.asked).toContain('users');
    expect(one.options.users).toBeUndefined();
    const r = await session({ volume: 10_000_000, users: '8' });
    expect(r.calls).toEqual([{ useCase: 'chat', priority: 'balanced', tokensPerDay: 10_000_000, users: 8 }]);
    expect(r.commandLine).toBe('llm-pick recommend --tokens-per-day 10000000 --users 8');
  });

  it('is checked as the flag is', async () => {
    await expect(session({ volume: 100_000, users: '0' })).rejects.toThrow('a whole number from 1 to 100000');
    await expect(session({ volume: 100_000, users: 'many' })).rejects.toThrow('type a number of concurrent requests');
  });
});
