// fit reads the built-in GPU catalog only to name cards: detected with no card found (a CPU-only
// machine), it is not read (src/cli/commands/fit-hardware.ts needsGpuCatalog). The probe is faked.
import { describe, expect, it } from 'vitest';
import { needsGpuCatalog, type CardProbe } from '../../src/cli/commands/fit-hardware.js';

/** A probe that finds `cards` cards, with nvidia-smi installed or not, and counts what was asked. */
function fakeProbe(cards: number, nvidiaSmi: boolean) {
  const asked = { gpus: 0, installed: [] as string[] };
  const probe: CardProbe = {
    gpus: async () => {
      asked.gpus += 1;
      return { gpus: Array.from({ length: cards }, (_, i) => ({ index: i })) };
    },
    installed: (command) => {
      asked.installed.push(command);
      return nvidiaSmi;
    },
  };
  return { probe, asked };
}

describe('needsGpuCatalog: whether fit reads the GPU catalog', () => {
  it('detected, no card found, no nvidia-smi: not read', async () => {
    const { probe, asked } = fakeProbe(0, false);
    expect(await needsGpuCatalog({}, [], probe)).toBe(false);
    expect(asked).toEqual({ gpus: 1, installed: ['nvidia-smi'] });
  });

  it('detected, a card found (sysfs, no nvidia-smi): read', async () => {
    expect(await needsGpuCatalog({}, [], fakeProbe(1, false).probe)).toBe(true);
    expect(await needsGpuCatalog({ gpus: 2, ram: 64, budgetFrom: 'total' }, [], fakeProbe(2, false).probe)).toBe(true);
  });

  it('nvidia-smi installed: read at once, without waiting for the probe', async () => {
    const { probe, asked } = fakeProbe(0, true);
    expect(await needsGpuCatalog({}, [], probe)).toBe(true);
    expect(asked.gpus).toBe(0);
  });

  it('--gpu or a user catalog: read without probing (as before)', async () => {
    for (const [flags, files] of [
      [{ gpu: '3090' }, []],
      [{ gpu: '3090', vram: 24 }, []],
      [{ cpuOnly: true }, ['my.yaml']],
      [{}, ['my.yaml']],
    ] as const) {
      const { probe, asked } = fakeProbe(0, false);
      expect(await needsGpuCatalog(flags, files, probe)).toBe(true);
      expect(asked).toEqual({ gpus: 0, installed: [] });
    }
  });

  it('--vram or --cpu-only without them: not read, nothing probed (as before)', async () => {
    for (const flags of [{ vram: 24 }, { cpuOnly: true }, { vram: 24, gpus: 2 }] as const) {
      const { probe, asked } = fakeProbe(2, true);
      expect(await needsGpuCatalog(flags, [], probe)).toBe(false);
      expect(asked).toEqual({ gpus: 0, installed: [] });
    }
  });
});
