import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { PLANNED_RESERVE_BYTES } from '../../src/hardware/constants.js';
import { resolveHardware } from '../../src/hardware/resolve.js';
import { speedHardwareOf } from '../../src/hardware/speed.js';
import type { HardwareFlags } from '../../src/hardware/types.js';
import { GIB, MIB, detected, fakeProbe, system, testCatalog } from './helpers.js';

const catalogGpus = testCatalog();

function resolve(flags: HardwareFlags, probe = fakeProbe()) {
  return resolveHardware(flags, { catalogGpus, probe });
}

const TWO_4090 = [
  detected({ index: 0, name: 'NVIDIA GeForce RTX 4090', vramBytes: 24564 * MIB, freeVramBytes: 24057 * MIB }),
  detected({ index: 1, name: 'NVIDIA GeForce RTX 4090', vramBytes: 24564 * MIB, freeVramBytes: 24105 * MIB }),
];

describe('detected hardware', () => {
  it('counts every GPU, budgets from FREE memory, and says so', async () => {
    const probe = fakeProbe({ gpus: TWO_4090 });
    const plan = await resolve({}, probe);
    expect(plan.origin).toBe('detected');
    expect(plan.gpus.map((g) => [g.name, g.memoryBandwidthGBps, g.catalogId])).toEqual([
      ['NVIDIA GeForce RTX 4090', 1008, 'rtx-4090'],
      ['NVIDIA GeForce RTX 4090', 1008, 'rtx-4090'],
    ]);
    expect(plan.budget).toEqual({ vramBytesPerGpu: 24057 * MIB, gpus: 2, ramBytes: 48 * GIB, unifiedMemory: false });
    expect(plan.budgetExplanation).toMatch(/FREE memory/);
    expect(plan.budgetGpuIndexes?.sort()).toEqual([0, 1]);
    expect(plan.gpus[0]!.sources).toEqual({ memory: 'nvidia-smi', freeMemory: 'nvidia-smi', bandwidth: 'catalog: rtx-4090' });
    expect(plan.ram).toMatchObject({ totalBytes: 64 * GIB, freeBytes: 48 * GIB, bandwidthGBps: 51.2 });
    expect(plan.cpu).toEqual({ model: 'AMD Ryzen 9 7950X', cores: 32, physicalCores: 16 });
    expect(plan.warnings).toEqual([]);
    expect(probe.calls).toEqual({ gpus: 1, system: 1 });
  });

  it('asks for GPUs and for RAM/CPU at once, so their deadlines do not add up', async () => {
    let gpusAsked = false;
    const probe = {
      async gpus() {
        gpusAsked = true;
        return { gpus: TWO_4090, warnings: [], probes: [] };
      },
      async system() {
        // Answer only once the GPU probe has started: sequential probing would never get here in time.
        for (let i = 0; i < 5 && !gpusAsked; i++) await Promise.resolve();
        if (!gpusAsked) throw new Error('GPU probe not started while RAM/CPU were probed');
        return system();
      },
    };
    await expect(resolveHardware({}, { catalogGpus, probe })).resolves.toMatchObject({ origin: 'detected' });
  });

  it('keeps an unknown card with its detected memory, without bandwidth, and warns', async () => {
    const plan = await resolve({}, fakeProbe({ gpus: [detected({ name: 'NVIDIA Mystery 9000', vramBytes: 20 * GIB, freeVramBytes: 19 * GIB })] }));
    expect(plan.gpus[0]).toMatchObject({ memoryBandwidthGBps: null, catalogId: null, vramBytes: 20 * GIB });
    expect(plan.budget?.vramBytesPerGpu).toBe(19 * GIB);
    expect(plan.warnings.join('\n')).toMatch(/not in the GPU catalog: bandwidth unknown/);
    expect(speedHardwareOf(plan)).toBeNull();
  });

  it('matches nvidia-smi names that differ from catalog names (A100-SXM4-80GB)', async () => {
    const plan = await resolve({}, fakeProbe({ gpus: [detected({ name: 'NVIDIA A100-SXM4-80GB', vramBytes: 81920 * MIB, freeVramBytes: 81833 * MIB })] }));
    expect(plan.gpus[0]!.catalogId).toBe('a100-80gb-sxm');
  });

  it('picks the catalog variant that has the detected memory (RTX 3080 with 12 GiB)', async () => {
    const catalog = [
      ...catalogGpus,
      { ...catalogGpus.find((g) => g.id === 'rtx-3060')!, id: 'rtx-3080', name: 'NVIDIA GeForce RTX 3080', aliases: ['3080', 'RTX 3080'], vramGiB: 10, memoryBandwidthGBps: 760 },
      { ...catalogGpus.find((g) => g.id === 'rtx-3060')!, id: 'rtx-3080-12gb', name: 'NVIDIA GeForce RTX 3080 12GB', aliases: ['RTX 3080 12GB'], vramGiB: 12, memoryBandwidthGBps: 912 },
    ];
    const gpus = [detected({ name: 'NVIDIA GeForce RTX 3080', vramBytes: 12288 * MIB, freeVramBytes: 12000 * MIB })];
    const plan = await resolveHardware({}, { catalogGpus: catalog, probe: fakeProbe({ gpus }) });
    expect(plan.gpus[0]).toMatchObject({ catalogId: 'rtx-3080-12gb', memoryBandwidthGBps: 912 });
    expect(plan.warnings).toEqual([]);
    const ten = await resolveHardware({}, { catalogGpus: catalog, probe: fakeProbe({ gpus: [detected({ name: 'NVIDIA GeForce RTX 3080', vramBytes: 10240 * MIB })] }) });
    expect(ten.gpus[0]!.catalogId).toBe('rtx-3080');
  });

  it('same memory, different bandwidth: the slower card, said plainly', async () => {
    const catalog = catalogGpus.map((g) => (g.id === 'h100-sxm' ? { ...g, aliases: [...g.aliases, 'NVIDIA H100'] } : g.id === 'h100-pcie' ? { ...g, aliases: [...g.aliases, 'NVIDIA H100'] } : g));
    const plan = await resolveHardware({}, { catalogGpus: catalog, probe: fakeProbe({ gpus: [detected({ name: 'NVIDIA H100', vramBytes: 81559 * MIB, freeVramBytes: 81000 * MIB })] }) });
    expect(plan.gpus[0]!.catalogId).toBe('h100-pcie');
    expect(plan.warnings.join('\n')).toMatch(/could be .* or .*; using the lower bandwidth \(2039 GB\/s of h100-pcie\)/);
  });

  it('unequal cards (3090 + 3060): both counted, each at its own size, for a llama.cpp split in proportion', async () => {
    const gpus = [
      detected({ index: 0, name: 'NVIDIA GeForce RTX 3090', vramBytes: 24268 * MIB, freeVramBytes: 23000 * MIB }),
      detected({ index: 1, name: 'NVIDIA GeForce RTX 3060', vramBytes: 12288 * MIB, freeVramBytes: 11500 * MIB }),
    ];
    const plan = await resolve({}, fakeProbe({ gpus }));
    // vramBytesPerGpu is the equal share (vLLM tensor parallel); the list is what llama.cpp splits by.
    expect(plan.budget).toMatchObject({ vramBytesPerGpu: 11500 * MIB, gpus: 2, vramBytesByGpu: [23000 * MIB, 11500 * MIB] });
    expect(plan.budgetGpuIndexes).toEqual([0, 1]);
    expect(plan.budgetExplanation).toMatch(/GPU 0 22\.5 GiB \+ GPU 1 11\.2 GiB = 33\.7 GiB usable/);
    expect(plan.budgetExplanation).toMatch(/llama\.cpp's layer split uses both, in proportion/);
    expect(plan.budgetExplanation).toMatch(/vLLM tensor parallel needs equal shares: 11\.2 GiB per card/);
  });

  it('3090 + 2 × 3060: all three at their own sizes; a split runs at the share-weighted bandwidth', async () => {
    const gpus = [
      detected({ index: 0, name: 'NVIDIA GeForce RTX 3090', vramBytes: 24268 * MIB, freeVramBytes: 23000 * MIB }),
      detected({ index: 1, name: 'NVIDIA GeForce RTX 3060', vramBytes: 12288 * MIB, freeVramBytes: 11500 * MIB }),
      detected({ index: 2, name: 'NVIDIA GeForce RTX 3060', vramBytes: 12288 * MIB, freeVramBytes: 11800 * MIB }),
    ];
    const plan = await resolve({}, fakeProbe({ gpus }));
    expect(plan.budget).toMatchObject({ vramBytesPerGpu: 11500 * MIB, gpus: 3, vramBytesByGpu: [23000 * MIB, 11500 * MIB, 11800 * MIB] });
    // layers run in turn: time = Σ share / bandwidth (derived); 46300 / (23000/935.8 + 23300/360) = 518.5
    expect(speedHardwareOf(plan)).toMatchObject({ memoryBandwidthGBps: 518.5, gpus: 3, backend: 'cuda' });
  });

  it('a card under 1 GiB free is left out of a split', async () => {
    const gpus = [
      detected({ index: 0, name: 'NVIDIA GeForce RTX 3090', vramBytes: 24268 * MIB, freeVramBytes: 23000 * MIB }),
      detected({ index: 1, name: 'NVIDIA GeForce RTX 3060', vramBytes: 12288 * MIB, freeVramBytes: 800 * MIB }),
    ];
    const plan = await resolve({}, fakeProbe({ gpus }));
    expect(plan.budget).toMatchObject({ vramBytesPerGpu: 23000 * MIB, gpus: 1 });
    expect(plan.budget!.vramBytesByGpu).toBeUndefined();
  });

  it('--gpus N with detection takes the N best cards, or plans copies of the best one', async () => {
    const one = await resolve({ gpus: 1 }, fakeProbe({ gpus: TWO_4090 }));
    expect(one.budget).toMatchObject({ gpus: 1, vramBytesPerGpu: 24105 * MIB });
    expect(one.budgetGpuIndexes).toEqual([1]);
    const four = await resolve({ gpus: 4 }, fakeProbe({ gpus: TWO_4090 }));
    expect(four.budget).toMatchObject({ gpus: 4, vramBytesPerGpu: 24105 * MIB });
    expect(four.warnings.join('\n')).toMatch(/planning for 4 × NVIDIA GeForce RTX 4090; this machine has 2 usable GPUs/);
  });

  it('MIG: a process sees one instance, so the card counts as its largest instance', async () => {
    const gpus = [
      detected({ index: 0, name: 'NVIDIA A100-SXM4-80GB', vramBytes: 81920 * MIB, freeVramBytes: 81833 * MIB, migEnabled: true, migInstances: [{ profile: '3g.40gb', memoryBytes: 40e9 }, { profile: '1g.10gb', memoryBytes: 10e9 }] }),
    ];
    const plan = await resolve({}, fakeProbe({ gpus }));
    expect(plan.budget).toMatchObject({ vramBytesPerGpu: 40e9, gpus: 1 });
    expect(plan.budgetExplanation).toMatch(/MIG/);
    expect(plan.gpus[0]!.mig).toEqual({ enabled: true, instances: gpus[0]!.migInstances });
  });

  it('MIG with unknown instances: the card is not counted', async () => {
    const gpus = [detected({ name: 'NVIDIA A100-SXM4-80GB', vramBytes: 81920 * MIB, freeVramBytes: 81833 * MIB, migEnabled: true })];
    const plan = await resolve({}, fakeProbe({ gpus }));
    expect(plan.budget).toMatchObject({ gpus: 0, vramBytesPerGpu: 0 });
    expect(plan.gpus[0]!.usableBytes).toBeNull();
  });

  it('no GPU: CPU budget from free RAM', async () => {
    const plan = await resolve({}, fakeProbe({ gpus: [], warnings: ['nvidia-smi did not answer within 3 s; NVIDIA GPUs were not read (plan with --gpu NAME or --vram GB)'] }));
    expect(plan.budget).toEqual({ vramBytesPerGpu: 0, gpus: 0, ramBytes: 48 * GIB, unifiedMemory: false });
    expect(plan.warnings).toContain('nvidia-smi did not answer within 3 s; NVIDIA GPUs were not read (plan with --gpu NAME or --vram GB)');
    expect(speedHardwareOf(plan)).toEqual({ memoryBandwidthGBps: 51.2, fp16Tflops: null, backend: 'cpu', gpus: 0, ramBandwidthGBps: 51.2 });
  });

  it('a card without a memory size takes it from the catalog, and says so', async () => {
    const gpus = [detected({ name: 'NVIDIA GeForce RTX 3090', vramBytes: null, freeVramBytes: null, source: 'systeminformation' })];
    const plan = await resolve({}, fakeProbe({ gpus }));
    expect(plan.gpus[0]).toMatchObject({ vramBytes: 24 * GIB, freeVramBytes: null, usableBytes: 24 * GIB - PLANNED_RESERVE_BYTES });
    expect(plan.gpus[0]!.sources?.memory).toMatch(/^catalog: rtx-3090/);
    expect(plan.budgetExplanation).toMatch(/total memory minus/);
  });

  it('an unknown card without a memory size is left out with a warning; an iGPU is listed but not counted', async () => {
    const gpus = [
      detected({ index: 0, name: 'AMD Navi 99', vendor: 'amd', vramBytes: null, freeVramBytes: null, source: 'systeminformation', vramNote: 'a PCI window' }),
      detected({ index: 1, name: 'Intel UHD Graphics 630', vendor: 'intel', vramBytes: 1536 * MIB, freeVramBytes: null, source: 'systeminformation', integrated: true }),
    ];
    const plan = await resolve({}, fakeProbe({ gpus }));
    expect(plan.gpus.map((g) => [g.name, g.usableBytes])).toEqual([['Intel UHD Graphics 630', null]]);
    expect(plan.warnings.join('\n')).toMatch(/GPU 0 \(AMD Navi 99\).*no memory size \(a PCI window\)/);
    expect(plan.budget?.gpus).toBe(0);
  });
});

describe('unified memory: never counted twice', () => {
  const apple = detected({ name: 'Apple M2 Pro', vendor: 'apple', vramBytes: null, freeVramBytes: null, source: 'apple', unifiedMemory: true, driverVersion: null, computeCapability: null });
  const mac = (total: number, free: number) => system({ ram: { totalBytes: total, freeBytes: free, source: 'systeminformation' }, platform: 'darwin', arch: 'arm64' });

  it('Apple Silicon: the GPU gets 2/3 of 32 GiB, capped by free memory; RAM is not added on top', async () => {
    const plan = await resolve({}, fakeProbe({ gpus: [apple] }, mac(32 * GIB, 24 * GIB)));
    const gpuShare = Math.floor((32 * GIB * 2) / 3);
    expect(plan.gpus[0]).toMatchObject({ vramBytes: gpuShare, unifiedMemory: true, memoryBandwidthGBps: 200, backend: 'metal' });
    expect(plan.unifiedMemory).toBe(true);
    expect(plan.budget).toMatchObject({ vramBytesPerGpu: gpuShare, gpus: 1, unifiedMemory: true });
    expect(plan.budget!.vramBytesPerGpu + plan.budget!.ramBytes!).toBeLessThanOrEqual(plan.ram.freeBytes!);
    expect(plan.ram).toMatchObject({ bandwidthGBps: 200, totalBytes: 32 * GIB });
  });

  it('Apple Silicon with little free memory: the budget is what is free', async () => {
    const plan = await resolve({}, fakeProbe({ gpus: [apple] }, mac(32 * GIB, 10 * GIB)));
    expect(plan.budget).toMatchObject({ vramBytesPerGpu: 10 * GIB, ramBytes: 0 });
  });

  it('Apple Silicon above 36 GiB: 3/4; iogpu.wired_limit_mb overrides', async () => {
    const big = await resolve({}, fakeProbe({ gpus: [apple] }, mac(64 * GIB, 60 * GIB)));
    expect(big.gpus[0]!.vramBytes).toBe(48 * GIB);
    const raised = await resolve({}, fakeProbe({ gpus: [{ ...apple, wiredLimitBytes: 56000 * MIB }] }, mac(64 * GIB, 60 * GIB)));
    expect(raised.gpus[0]!.vramBytes).toBe(56000 * MIB);
    expect(raised.gpus[0]!.sources?.memory).toMatch(/iogpu.wired_limit_mb/);
  });

  it('--gpus N does not multiply unified memory', async () => {
    const plan = await resolve({ gpus: 2 }, fakeProbe({ gpus: [apple] }, mac(32 * GIB, 24 * GIB)));
    expect(plan.budget?.gpus).toBe(1);
    expect(plan.warnings.join('\n')).toMatch(/--gpus 2 ignored: Apple M2 Pro shares the machine's memory/);
  });

  it('NVIDIA GB10 ([N/A] memory): GPU memory is system RAM, counted once', async () => {
    const gb10 = detected({ name: 'NVIDIA GB10', vramBytes: null, freeVramBytes: null, unifiedMemory: true, computeCapability: '12.1' });
    const plan = await resolve({}, fakeProbe({ gpus: [gb10] }, system({ ram: { totalBytes: 119 * GIB, freeBytes: 110 * GIB, source: 'systeminformation' }, arch: 'arm64' })));
    expect(plan.gpus[0]).toMatchObject({ vramBytes: 119 * GIB, freeVramBytes: 110 * GIB, unifiedMemory: true });
    expect(plan.budget).toMatchObject({ vramBytesPerGpu: 110 * GIB, ramBytes: 0, unifiedMemory: true });
  });
});

describe('planned hardware (flags): no GPU probe', () => {
  it('--gpu NAME: catalog memory minus the stated reserve, catalog bandwidth', async () => {
    const probe = fakeProbe({ gpus: TWO_4090 });
    const plan = await resolve({ gpu: '3090' }, probe);
    expect(probe.calls.gpus).toBe(0);
    expect(plan.origin).toBe('catalog');
    expect(plan.gpus).toHaveLength(1);
    expect(plan.gpus[0]).toMatchObject({ name: 'NVIDIA GeForce RTX 3090', vramBytes: 24 * GIB, freeVramBytes: null, memoryBandwidthGBps: 935.8, catalogId: 'rtx-3090' });
    expect(plan.budget).toEqual({ vramBytesPerGpu: 24 * GIB - PLANNED_RESERVE_BYTES, gpus: 1, ramBytes: 48 * GIB, unifiedMemory: false });
    expect(plan.budgetExplanation).toMatch(/reserve/);
    expect(plan.probes?.[0]).toBe('GPUs: not probed (--gpu given)');
  });

  it('--gpu NAME --gpus N: N identical cards', async () => {
    const plan = await resolve({ gpu: 'RTX 4090', gpus: 2 });
    expect(plan.gpus.map((g) => g.index)).toEqual([0, 1]);
    expect(plan.budget).toMatchObject({ gpus: 2, vramBytesPerGpu: 24 * GIB - PLANNED_RESERVE_BYTES });
    expect(speedHardwareOf(plan)).toMatchObject({ memoryBandwidthGBps: 1008, fp16Tflops: 330, gpus: 2 });
  });

  it('--vram GB: that memory per card, no bandwidth, a warning', async () => {
    const probe = fakeProbe({ gpus: TWO_4090 });
    const plan = await resolve({ vram: 16, gpus: 2 }, probe);
    expect(probe.calls.gpus).toBe(0);
    expect(plan.origin).toBe('flags');
    expect(plan.budget).toMatchObject({ gpus: 2, vramBytesPerGpu: 16 * GIB - PLANNED_RESERVE_BYTES });
    expect(plan.gpus[0]).toMatchObject({ memoryBandwidthGBps: null, vramBytes: 16 * GIB, source: '--vram' });
    expect(plan.warnings.join('\n')).toMatch(/--vram without --gpu/);
  });

  it('--gpu NAME --vram GB: the card bandwidth with the given memory', async () => {
    const plan = await resolve({ gpu: '3090', vram: 20 });
    expect(plan.gpus[0]).toMatchObject({ vramBytes: 20 * GIB, memoryBandwidthGBps: 935.8 });
    expect(plan.gpus[0]!.sources).toEqual({ memory: '--vram', freeMemory: null, bandwidth: 'catalog: rtx-3090' });
  });

  it('an unknown --gpu is a usage error naming close catalog names, before anything is probed', async () => {
    const probe = fakeProbe();
    const error = await resolve({ gpu: 'RTX 4900' }, probe).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^--gpu "RTX 4900" is not in the GPU catalog; close names: .*rtx-4090/);
    expect(probe.calls).toEqual({ gpus: 0, system: 0 });
  });

  it('an ambiguous --gpu is a usage error listing the candidates', async () => {
    const error = await resolve({ gpu: 'H100' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/matches several GPUs: .*h100-pcie.*h100-sxm|matches several GPUs: .*h100-sxm.*h100-pcie/);
  });

  it('--gpu of an Apple chip: unified memory of the largest configuration unless --ram says, no CPU of this machine', async () => {
    const plan = await resolve({ gpu: 'M2 Pro' });
    expect(plan.unifiedMemory).toBe(true);
    expect(plan.ram.totalBytes).toBe(32 * GIB);
    expect(plan.gpus[0]!.vramBytes).toBe(Math.floor((32 * GIB * 2) / 3));
    expect(plan.warnings.join('\n')).toMatch(/assuming the 32 GiB Apple M2 Pro/);
    expect(plan.cpu).toBeNull();
    expect(plan.budget!.vramBytesPerGpu + plan.budget!.ramBytes!).toBe(32 * GIB);
    const small = await resolve({ gpu: 'M2 Pro', ram: 16 });
    expect(small.ram.totalBytes).toBe(16 * GIB);
    expect(small.warnings).toEqual([]);
  });

  it('--cpu-only: no GPU, budget from RAM; conflicting flags are a usage error', async () => {
    const probe = fakeProbe({ gpus: TWO_4090 });
    const plan = await resolve({ cpuOnly: true }, probe);
    expect(probe.calls.gpus).toBe(0);
    expect(plan.gpus).toEqual([]);
    expect(plan.budget).toEqual({ vramBytesPerGpu: 0, gpus: 0, ramBytes: 48 * GIB, unifiedMemory: false });
    await expect(resolve({ cpuOnly: true, gpu: '3090' })).rejects.toThrow(/--cpu-only .* cannot be combined with --gpu, --vram or --gpus/);
  });

  it('--ram overrides the RAM of this machine', async () => {
    const plan = await resolve({ gpu: '4090', ram: 128 });
    expect(plan.ram).toMatchObject({ totalBytes: 128 * GIB, freeBytes: 128 * GIB, source: '--ram' });
    expect(plan.budget?.ramBytes).toBe(128 * GIB);
    const cpu = await resolve({ cpuOnly: true, ram: 8 });
    expect(cpu.budget?.ramBytes).toBe(8 * GIB);
    expect(cpu.budgetExplanation).toMatch(/--ram/);
  });
});
