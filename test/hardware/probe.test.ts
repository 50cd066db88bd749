// The real probe wiring, with the outside world faked: which tools are asked,
// in which order, how often, and what happens when they misbehave.
import { describe, expect, it } from 'vitest';
import { createProbe, type SiModule } from '../../src/hardware/probe/index.js';
import type { OsFacts } from '../../src/hardware/probe/system.js';
import type { ToolResult, ToolRunner } from '../../src/hardware/probe/types.js';
import { GIB, MIB, fixture, fixtureJson } from './helpers.js';

type Script = (command: string, args: readonly string[]) => ToolResult | Promise<ToolResult>;

function runner(script: Script): ToolRunner & { calls: string[] } {
  const calls: string[] = [];
  const run = (async (command: string, args: readonly string[]) => {
    calls.push(`${command} ${args.join(' ')}`);
    return script(command, args);
  }) as unknown as ToolRunner & { calls: string[] };
  run.calls = calls;
  return run;
}

const ok = (stdout: string): ToolResult => ({ kind: 'ok', stdout, stderr: '' });
const missing: ToolResult = { kind: 'missing' };

function osFacts(over: Partial<OsFacts> = {}): OsFacts {
  return {
    totalmem: () => 16 * GIB,
    freemem: () => 8 * GIB,
    cpus: () => [{ model: 'Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz' }, { model: 'x' }],
    constrainedMemory: () => undefined,
    platform: 'linux',
    arch: 'x64',
    ...over,
  };
}

function fakeSi(over: Partial<SiModule> = {}): SiModule & { graphicsCalls: number } {
  const si = {
    graphicsCalls: 0,
    mem: async () => fixtureJson('systeminformation/mem-linux-vm.json'),
    cpu: async () => fixtureJson('systeminformation/cpu-linux-vm.json'),
    graphics: async () => {
      si.graphicsCalls += 1;
      return fixtureJson('systeminformation/graphics-linux-nvidia-no-driver.json');
    },
    ...over,
  };
  return si as SiModule & { graphicsCalls: number };
}

const never = <T>() => new Promise<T>(() => {});

describe('GPU probe on Linux', () => {
  it('reads nvidia-smi, asks rocm-smi, and does not call systeminformation graphics after nvidia-smi answered', async () => {
    const run = runner((cmd) => (cmd === 'nvidia-smi' ? ok(fixture('nvidia-smi/two-rtx4090.csv')) : missing));
    const si = fakeSi();
    const probe = createProbe({ run, loadSi: async () => si, os: osFacts(), timeoutMs: 100 });
    const r = await probe.gpus();
    expect(r.gpus.map((g) => g.index)).toEqual([0, 1]);
    expect(r.probes).toEqual(['nvidia-smi: 2 GPUs', 'rocm-smi: not installed', 'systeminformation graphics: not asked (GPUs already read)']);
    expect(si.graphicsCalls).toBe(0);
    expect(run.calls).toEqual([
      'nvidia-smi --query-gpu=index,name,memory.total,memory.free,driver_version,compute_cap,mig.mode.current --format=csv,noheader,nounits',
      'rocm-smi --showproductname --showmeminfo vram --json',
    ]);
  });

  it('probes once per process: the answer is cached', async () => {
    const run = runner((cmd) => (cmd === 'nvidia-smi' ? ok(fixture('nvidia-smi/single-rtx4090.csv')) : missing));
    const probe = createProbe({ run, loadSi: async () => fakeSi(), os: osFacts(), timeoutMs: 100 });
    const [a, b] = await Promise.all([probe.gpus(), probe.gpus()]);
    await probe.gpus();
    expect(a).toBe(b);
    expect(run.calls.filter((c) => c.startsWith('nvidia-smi'))).toHaveLength(1);
  });

  it('calls systeminformation graphics only when nvidia-smi is not installed (its own nvidia-smi call then fails at once)', async () => {
    const si = fakeSi();
    const probe = createProbe({ run: runner(() => missing), loadSi: async () => si, os: osFacts(), timeoutMs: 100 });
    const r = await probe.gpus();
    expect(si.graphicsCalls).toBe(1);
    expect(r.gpus.map((g) => g.name)).toEqual(['NVIDIA GeForce RTX 3090']);
    expect(r.warnings.join('\n')).toMatch(/nvidia-smi is not installed/);
  });

  it('after a hung nvidia-smi: a warning, and no systeminformation call (it would hang on nvidia-smi with no timeout)', async () => {
    const si = fakeSi();
    const run = runner((cmd) => (cmd === 'nvidia-smi' ? { kind: 'timeout', stdout: '' } : missing));
    const r = await createProbe({ run, loadSi: async () => si, os: osFacts(), timeoutMs: 3000 }).gpus();
    expect(r.gpus).toEqual([]);
    expect(r.warnings).toEqual(['nvidia-smi did not answer within 3 s; NVIDIA GPUs were not read (plan with --gpu NAME or --vram GB)']);
    expect(si.graphicsCalls).toBe(0);
  });

  it('a failing nvidia-smi: its first line in the warning', async () => {
    const run = runner((cmd) =>
      cmd === 'nvidia-smi' ? { kind: 'failed', exitCode: 9, signal: null, stdout: fixture('nvidia-smi/driver-failure.txt'), stderr: '' } : missing,
    );
    const r = await createProbe({ run, loadSi: async () => fakeSi(), os: osFacts(), timeoutMs: 100 }).gpus();
    expect(r.warnings).toEqual([
      "nvidia-smi failed (exit 9): NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.; NVIDIA GPUs were not read",
    ]);
  });

  it('"No devices were found" is said as such', async () => {
    const run = runner((cmd) => (cmd === 'nvidia-smi' ? { kind: 'failed', exitCode: 6, signal: null, stdout: fixture('nvidia-smi/no-devices.txt'), stderr: '' } : missing));
    const r = await createProbe({ run, loadSi: async () => fakeSi(), os: osFacts(), timeoutMs: 100 }).gpus();
    expect(r.warnings).toEqual(['nvidia-smi found no NVIDIA GPU ("No devices were found")']);
  });

  it('an old driver that rejects compute_cap is asked again with the basic fields', async () => {
    const run = runner((cmd, args) => {
      if (cmd !== 'nvidia-smi') return missing;
      if (args[0]!.includes('compute_cap')) return { kind: 'failed', exitCode: 2, signal: null, stdout: fixture('nvidia-smi/old-driver-invalid-field.txt'), stderr: '' };
      return ok(fixture('nvidia-smi/old-driver-basic.csv'));
    });
    const r = await createProbe({ run, loadSi: async () => fakeSi(), os: osFacts(), timeoutMs: 100 }).gpus();
    expect(r.gpus[0]).toMatchObject({ name: 'NVIDIA GeForce RTX 3090', computeCapability: null });
    expect(run.calls).toContain('nvidia-smi --query-gpu=index,name,memory.total,memory.free,driver_version --format=csv,noheader,nounits');
    expect(r.warnings).toEqual([]);
  });

  it('MIG mode: lists the instances with nvidia-smi -L', async () => {
    const run = runner((cmd, args) => {
      if (cmd !== 'nvidia-smi') return missing;
      return ok(args[0] === '-L' ? fixture('nvidia-smi/mig-a100-list.txt') : fixture('nvidia-smi/mig-a100.csv'));
    });
    const r = await createProbe({ run, loadSi: async () => fakeSi(), os: osFacts(), timeoutMs: 100 }).gpus();
    expect(r.gpus[0]!.migInstances).toHaveLength(4);
    expect(r.gpus[1]!.migInstances).toEqual([]);
    expect(run.calls).toContain('nvidia-smi -L');
  });

  it('AMD: rocm-smi cards follow the NVIDIA ones', async () => {
    const run = runner((cmd) =>
      cmd === 'nvidia-smi' ? ok(fixture('nvidia-smi/single-rtx4090.csv')) : ok(fixture('rocm-smi/rx7900xt.json')),
    );
    const r = await createProbe({ run, loadSi: async () => fakeSi(), os: osFacts(), timeoutMs: 100 }).gpus();
    expect(r.gpus.map((g) => [g.index, g.vendor])).toEqual([
      [0, 'nvidia'],
      [1, 'amd'],
    ]);
  });

  it('a systeminformation graphics call that never returns is abandoned after the timeout', async () => {
    const si = fakeSi({ graphics: () => never() });
    const r = await createProbe({ run: runner(() => missing), loadSi: async () => si, os: osFacts(), timeoutMs: 50 }).gpus();
    expect(r.gpus).toEqual([]);
    expect(r.warnings).toEqual(['systeminformation did not list graphics cards within 0.1 s']);
  });
});

describe('GPU probe on Windows', () => {
  it('tries System32\\nvidia-smi.exe when nvidia-smi is not on PATH; no rocm-smi', async () => {
    const run = runner((cmd) => (cmd.endsWith('System32\\nvidia-smi.exe') ? ok(fixture('nvidia-smi/single-rtx4090.csv')) : missing));
    const si = fakeSi();
    const r = await createProbe({ run, loadSi: async () => si, os: osFacts({ platform: 'win32' }), timeoutMs: 100 }).gpus();
    expect(r.gpus).toHaveLength(1);
    // reg.exe is asked too (twice, at once): the registry sizes AMD and Intel adapters
    expect(run.calls.map((c) => c.split(' ')[0]).filter((c) => c !== 'reg')).toEqual(['nvidia-smi', expect.stringMatching(/System32\\nvidia-smi\.exe$/)]);
    expect(si.graphicsCalls).toBe(0);
  });
});

describe('GPU probe on macOS', () => {
  it('Apple Silicon: the chip from the CPU brand, the wired limit from sysctl, no nvidia-smi', async () => {
    const run = runner((cmd) => (cmd === 'sysctl' ? ok('0\n') : missing));
    const os = osFacts({ platform: 'darwin', arch: 'arm64', cpus: () => [{ model: 'Apple M2 Pro' }] });
    const r = await createProbe({ run, loadSi: async () => fakeSi(), os, timeoutMs: 100 }).gpus();
    expect(r.gpus).toEqual([expect.objectContaining({ name: 'Apple M2 Pro', vendor: 'apple', unifiedMemory: true, wiredLimitBytes: null })]);
    expect(run.calls).toEqual(['sysctl -n iogpu.wired_limit_mb']);
    expect(r.probes).toContain('sysctl iogpu.wired_limit_mb: 0 (macOS default)');
  });

  it('Apple Silicon with a raised wired limit', async () => {
    const run = runner(() => ok('26000\n'));
    const os = osFacts({ platform: 'darwin', arch: 'arm64', cpus: () => [{ model: 'Apple M1 Max' }] });
    const r = await createProbe({ run, loadSi: async () => fakeSi(), os, timeoutMs: 100 }).gpus();
    expect(r.gpus[0]!.wiredLimitBytes).toBe(26000 * MIB);
  });

  it('an Intel Mac: systeminformation graphics (it runs no nvidia-smi on macOS)', async () => {
    const si = fakeSi({ graphics: async () => fixtureJson('systeminformation/graphics-mac-intel.json') });
    const os = osFacts({ platform: 'darwin', arch: 'x64' });
    const r = await createProbe({ run: runner(() => missing), loadSi: async () => si, os, timeoutMs: 100 }).gpus();
    expect(r.gpus.map((g) => g.name)).toEqual(['Intel UHD Graphics 630', 'AMD Radeon Pro 5500M']);
  });
});

describe('system probe', () => {
  it('RAM and CPU from systeminformation', async () => {
    const s = await createProbe({ run: runner(() => missing), loadSi: async () => fakeSi(), os: osFacts(), timeoutMs: 100 }).system({ detail: true });
    const mem = fixtureJson<{ total: number; available: number }>('systeminformation/mem-linux-vm.json');
    expect(s.ram).toEqual({ totalBytes: mem.total, freeBytes: mem.available, source: 'systeminformation' });
    expect(s.cpu).toEqual({ model: 'Intel Xeon® Processor', cores: 2, physicalCores: 2, source: 'systeminformation' });
  });

  it('falls back to node:os when systeminformation hangs or fails to load', async () => {
    const hung = await createProbe({ loadSi: async () => fakeSi({ mem: () => never(), cpu: () => never() }), os: osFacts(), timeoutMs: 30 }).system({ detail: true });
    expect(hung.ram).toEqual({ totalBytes: 16 * GIB, freeBytes: 8 * GIB, source: 'node:os' });
    expect(hung.cpu).toMatchObject({ model: 'Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz', cores: 2, source: 'node:os' });
    expect(hung.warnings.join('\n')).toMatch(/did not report memory/);
    const broken = await createProbe({ loadSi: () => Promise.reject(new Error('no module')), os: osFacts(), timeoutMs: 30 }).system({ detail: true });
    expect(broken.ram.source).toBe('node:os');
  });

  it('in a container, RAM is capped by the cgroup limit', async () => {
    const s = await createProbe({ loadSi: async () => fakeSi({ mem: async () => ({ total: 64 * GIB, available: 60 * GIB }) }), os: osFacts({ constrainedMemory: () => 8 * GIB }), timeoutMs: 100 }).system({ detail: true });
    expect(s.ram).toMatchObject({ totalBytes: 8 * GIB, freeBytes: 8 * GIB });
    expect(s.ram.source).toMatch(/cgroup/);
    // Node reports a huge number when there is no limit.
    const free = await createProbe({ loadSi: async () => fakeSi({ mem: async () => ({ total: 64 * GIB, available: 60 * GIB }) }), os: osFacts({ constrainedMemory: () => 2 ** 64 }), timeoutMs: 100 }).system({ detail: true });
    expect(free.ram.totalBytes).toBe(64 * GIB);
  });

  it('is cached too', async () => {
    let loads = 0;
    const probe = createProbe({ loadSi: async () => (loads++, fakeSi()), os: osFacts(), timeoutMs: 100 });
    await Promise.all([probe.system({ detail: true }), probe.system({ detail: true })]);
    expect(loads).toBe(1);
  });

  it('for a budget alone, reads node:os on Linux without loading systeminformation; macOS still asks it', async () => {
    let loads = 0;
    const linux = await createProbe({ loadSi: async () => (loads++, fakeSi()), os: osFacts({ platform: 'linux' }), timeoutMs: 100 }).system();
    expect(loads).toBe(0);
    expect(linux.ram.source).toBe('node:os');
    await createProbe({ loadSi: async () => (loads++, fakeSi()), os: osFacts({ platform: 'darwin' }), timeoutMs: 100 }).system();
    expect(loads).toBe(1);
  });
});
