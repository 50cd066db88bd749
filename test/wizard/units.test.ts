import { describe, expect, it } from 'vitest';
import { CancelledError, UsageError } from '../../src/core/errors.js';
import { TextState, cancellable, createPrompts, isPromptExit } from '../../src/cli/prompts.js';
import { EventEmitter } from 'node:events';
import { GoBack } from '../../src/wizard/types.js';
import { assertInteractive } from '../../src/wizard/guard.js';
import { NO_GPU, TYPE_MEMORY, describeFound, gpuChoices } from '../../src/wizard/hardware.js';
import { checkContext, checkGiB, checkGpuCount, checkTokensPerDay } from '../../src/wizard/numbers.js';
import { parseQuantity } from '../../src/options/quantity.js';
import { GPUS } from './scripted.js';

class ExitPromptError extends Error {
  override name = 'ExitPromptError';
}

describe('typed numbers', () => {
  it('parses plain numbers and the suffixes each unit allows', () => {
    expect(parseQuantity('24', 'volume')).toBe(24);
    expect(parseQuantity(' 1.5M ', 'volume')).toBe(1_500_000);
    expect(parseQuantity('2,000,000', 'volume')).toBe(2_000_000);
    expect(parseQuantity('128K', 'context')).toBe(131072);
    expect(parseQuantity('1b', 'volume')).toBe(1e9);
    expect(parseQuantity('24GB', 'gib')).toBe(24);
    expect(parseQuantity('24 GiB', 'gib')).toBe(24);
    expect(parseQuantity('16G', 'gib')).toBe(16);
    expect(parseQuantity('8B', 'billions')).toBe(8);
    expect(parseQuantity('500M', 'billions')).toBe(0.5);
    expect(parseQuantity('$20', 'usd')).toBe(20);
    expect(parseQuantity('-3', 'volume')).toBe(-3);
    // A suffix that does not belong to the unit, or no number at all.
    expect(parseQuantity('24K', 'gib')).toBeNaN();
    expect(parseQuantity('8B', 'context')).toBeNaN();
    expect(parseQuantity('1,5', 'volume')).toBeNaN();
    expect(parseQuantity('abc', 'volume')).toBeNaN();
    expect(parseQuantity('', 'volume')).toBeNaN();
  });

  it('checks each answer against the flag declaration', () => {
    expect(checkGiB('24')).toBe(true);
    expect(checkGiB('16GB')).toBe(true);
    expect(checkGiB('16384')).toBe(true);
    expect(checkGiB('16385')).toMatch(/at most 16384/);
    expect(checkGiB('24K')).toMatch(/GiB of GPU memory \(e\.g\. 24, 24GB or 24GiB\)/);
    expect(checkGpuCount('64')).toBe(true);
    expect(checkGpuCount('65')).toMatch(/1 to 64/);
    expect(checkGpuCount('')).toMatch(/1 to 64/);
    expect(checkTokensPerDay('0')).toBe(true);
    expect(checkTokensPerDay('2M')).toBe(true);
    expect(checkTokensPerDay('-1')).toMatch(/from 0 to/);
    expect(checkContext('64k')).toBe(true);
    expect(checkContext('1.3k')).toMatch(/whole number/);
    expect(checkContext('20000000')).toMatch(/16777216/);
  });

  it('never names a flag (the user answered a question, not a flag)', () => {
    for (const check of [checkGiB, checkGpuCount, checkTokensPerDay, checkContext]) expect(check('x')).not.toMatch(/--/);
  });
});

describe('not a terminal', () => {
  it('--json: exit 2, pointing to recommend --json', () => {
    const e = (() => {
      try {
        assertInteractive({ json: true, stdinTty: true, stdoutTty: true });
      } catch (error) {
        return error;
      }
    })();
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    expect((e as UsageError).message).toContain('llm-pick recommend --json');
  });

  it.each([
    [false, true],
    [true, false],
    [false, false],
  ])('stdin TTY %s, stdout TTY %s: exit 2, pointing to recommend and --help', (stdinTty, stdoutTty) => {
    expect(() => assertInteractive({ json: false, stdinTty, stdoutTty })).toThrow(UsageError);
    expect(() => assertInteractive({ json: false, stdinTty, stdoutTty })).toThrow(/llm-pick recommend.*--help/);
  });

  it('a terminal: no error', () => {
    expect(() => assertInteractive({ json: false, stdinTty: true, stdoutTty: true })).not.toThrow();
  });
});

describe('the cancel handler', () => {
  it("turns inquirer's ExitPromptError into CancelledError (exit 130)", async () => {
    expect(isPromptExit(new ExitPromptError('User force closed the prompt with SIGINT'))).toBe(true);
    const e = await cancellable(() => Promise.reject(new ExitPromptError('x'))).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(CancelledError);
    expect((e as CancelledError).exitCode).toBe(130);
    expect((e as CancelledError).message).toBe('Cancelled.');
  });

  it('lets other errors through', async () => {
    await expect(cancellable(() => Promise.reject(new TypeError('boom')))).rejects.toThrow(TypeError);
  });

  it('applies to every prompt of createPrompts', async () => {
    const reject = () => Promise.reject(new ExitPromptError('SIGINT'));
    const fake = { select: reject, search: reject, input: reject, confirm: reject };
    const p = createPrompts(async () => fake as never);
    await expect(p.select({ name: 'a', message: 'a', choices: [{ value: 1, name: 'one' }] })).rejects.toBeInstanceOf(CancelledError);
    await expect(p.search({ name: 'b', message: 'b', source: () => [] })).rejects.toBeInstanceOf(CancelledError);
    await expect(p.input({ name: 'c', message: 'c' })).rejects.toBeInstanceOf(CancelledError);
    await expect(p.confirm({ name: 'd', message: 'd', default: false })).rejects.toBeInstanceOf(CancelledError);
  });

  it('passes the question to inquirer', async () => {
    const seen: unknown[] = [];
    const fake = { select: async (config: unknown) => (seen.push(config), 2) };
    const p = createPrompts(async () => fake as never);
    const v = await p.select({ name: 'n', message: 'Pick', choices: [{ value: 2, name: 'two', description: 'd' }], default: 2 });
    expect(v).toBe(2);
    expect(seen[0]).toMatchObject({ message: 'Pick', default: 2, choices: [{ value: 2, name: 'two', description: 'd' }] });
  });
});

describe('Esc goes back (createPrompts)', () => {
  /** A fake inquirer select that waits until its AbortSignal fires, then rejects as inquirer does. */
  const waiting = {
    select: (_config: unknown, context: { signal?: AbortSignal }) =>
      new Promise((_resolve, reject) => {
        if (!context.signal) return; // never settles: Esc is not listened for
        context.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortPromptError' })));
      }),
  };
  const question = { name: 'n', message: 'Pick', choices: [{ value: 1, name: 'one' }] };

  it('Esc on a question that allows it rejects with GoBack and stops listening', async () => {
    const keys = new EventEmitter();
    const p = createPrompts(async () => waiting as never, keys as never);
    const asked = p.select({ ...question, canGoBack: true });
    await new Promise((r) => setImmediate(r));
    expect(keys.listenerCount('keypress')).toBe(1);
    keys.emit('keypress', 'x', { name: 'x' });
    keys.emit('keypress', undefined, { name: 'escape' });
    await expect(asked).rejects.toBeInstanceOf(GoBack);
    expect(keys.listenerCount('keypress')).toBe(0);
  });

  it('Backspace on an empty text answer: the first clears the offered default, the next goes back', () => {
    const bs = { name: 'backspace' };
    const withDefault = new TextState(true);
    expect(withDefault.backOn(bs)).toBe(false); // inquirer clears the default "(24)"
    expect(withDefault.backOn(bs)).toBe(true);
    const typed = new TextState(false);
    typed.value = '3';
    expect(typed.backOn(bs)).toBe(false); // deletes the 3
    typed.value = '';
    expect(typed.backOn({ name: 'x' })).toBe(false);
    expect(typed.backOn(bs)).toBe(true);
    const tabbed = new TextState(true);
    expect(tabbed.backOn({ name: 'tab' })).toBe(false); // Tab copies the default into the line
    tabbed.value = '';
    expect(tabbed.backOn(bs)).toBe(true);
  });

  it('the first question (canGoBack false) does not listen for Esc', async () => {
    const keys = new EventEmitter();
    const p = createPrompts(async () => waiting as never, keys as never);
    void p.select({ ...question, canGoBack: false });
    await new Promise((r) => setImmediate(r));
    expect(keys.listenerCount('keypress')).toBe(0);
  });
});

describe('hardware choices', () => {
  it('filters catalog GPUs loosely, desktop cards first', () => {
    const ways = [TYPE_MEMORY, NO_GPU];
    expect(gpuChoices(GPUS, '3090').map((c) => c.value)).toEqual(['rtx-3090', 'rtx-3090-ti', ...ways]);
    expect(gpuChoices(GPUS, 'geforce rtx 4060').map((c) => c.value)).toEqual(['rtx-4060-ti-16gb', ...ways]);
    expect(gpuChoices(GPUS, 'h100')[0]).toEqual({ value: 'h100-sxm', name: 'NVIDIA H100 SXM 80GB (80 GiB, 3350 GB/s)' });
    expect(gpuChoices(GPUS, undefined).map((c) => c.value)).toEqual(['rtx-4060-ti-16gb', 'rtx-3090', 'rtx-3090-ti', 'm3-max', 'h100-sxm', ...ways]);
  });

  it('when nothing matches, offers typing the memory or CPU only, saying nothing matched', () => {
    const none = gpuChoices(GPUS, 'nothing like it');
    expect(none.map((c) => c.name)).toEqual(['Type GPU memory instead…', 'No GPU / CPU only']);
    expect(none[0]!.description).toBe('no catalog GPU matches "nothing like it": type its memory (24, 24GB)');
  });

  it('describes unified memory without counting RAM again', () => {
    const GIB = 1024 ** 3;
    const line = describeFound({
      origin: 'detected',
      gpus: [{
        index: 0, name: 'Apple M3 Max', vendor: 'apple', vramBytes: 64 * GIB, freeVramBytes: null, memoryBandwidthGBps: 400,
        fp16Tflops: null, backend: 'metal', catalogId: 'm3-max', tdpWatts: null, source: 'apple', unifiedMemory: true,
      }],
      ram: { totalBytes: 64 * GIB, freeBytes: 40 * GIB, bandwidthGBps: 400 },
      cpu: { model: 'Apple M3 Max', cores: 16 },
      unifiedMemory: true,
      budget: null,
      budgetExplanation: '',
      warnings: [],
    });
    expect(line).toBe('Found: Apple M3 Max, 64.0 GiB unified memory; 16 CPU cores');
  });
});

describe('withSpinner', () => {
  it('draws on a terminal and clears its line when done', async () => {
    const { withSpinner } = await import('../../src/wizard/spinner.js');
    const written: string[] = [];
    const stream = { isTTY: true, write: (s: string) => (written.push(s), true) };
    await expect(withSpinner('Looking', async () => 42, stream)).resolves.toBe(42);
    expect(written[0]).toMatch(/^\r\u001b\[2K. Looking$/);
    expect(written.at(-1)).toBe('\r\u001b[2K');
  });

  it('draws nothing elsewhere, and passes errors through', async () => {
    const { withSpinner } = await import('../../src/wizard/spinner.js');
    const written: string[] = [];
    const stream = { isTTY: false, write: (s: string) => (written.push(s), true) };
    await expect(withSpinner('Looking', async () => { throw new Error('probe failed'); }, stream)).rejects.toThrow('probe failed');
    expect(written).toEqual([]);
  });
});
