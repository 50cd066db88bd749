// Scripted answers for the wizard's Prompts: an answer by question name, or the
// question's default (what Enter picks). Records the questions in order.
import type { Gpu } from '../../src/catalog/schema.js';
import type { HardwarePlan } from '../../src/hardware/types.js';
import { GoBack, type Prompts } from '../../src/wizard/types.js';

export interface Script {
  prompts: Prompts;
  asked: string[];
}

/** As an answer: press Esc (the prompt rejects with GoBack; refused where the question does not allow it). */
export const BACK = Symbol('Esc');

/** Successive answers to one question, asked again after Esc: answers({ useCase: seq('code', 'rag') }). */
export class Seq {
  constructor(readonly answers: readonly unknown[]) {}
}
export const seq = (...answers: unknown[]): Seq => new Seq(answers);

/**
 * select/confirm: the value; input: the typed text; search: the typed term (the
 * first match is picked); BACK: Esc; seq(...): one answer per time it is asked
 * (the last one repeats). An input or select given no answer takes its default,
 * which, when asked again, is the previous answer.
 */
export function scripted(given: Record<string, unknown> = {}): Script {
  const asked: string[] = [];
  const times = new Map<string, number>();
  const answers: Record<string, unknown> = {};
  const has = (name: string) => Object.prototype.hasOwnProperty.call(given, name);
  /** Records the question; takes this time's answer into `answers`; throws GoBack for BACK. */
  const ask = (q: { name: string; canGoBack?: boolean | undefined }): void => {
    asked.push(q.name);
    const n = times.get(q.name) ?? 0;
    times.set(q.name, n + 1);
    delete answers[q.name];
    if (!has(q.name)) return;
    const g = given[q.name];
    const answer = g instanceof Seq ? g.answers[Math.min(n, g.answers.length - 1)] : g;
    if (answer === BACK) {
      if (!q.canGoBack) throw new Error(`${q.name}: Esc pressed where going back is not offered`);
      throw new GoBack();
    }
    if (answer !== undefined) answers[q.name] = answer;
  };
  const answered = (name: string) => Object.prototype.hasOwnProperty.call(answers, name);
  const prompts: Prompts = {
    async select(q) {
      ask(q);
      if (answered(q.name)) {
        const v = answers[q.name];
        const choice = q.choices.find((c) => c.value === v);
        if (!choice) throw new Error(`${q.name}: no choice ${JSON.stringify(v)} in ${JSON.stringify(q.choices.map((c) => c.value))}`);
        return choice.value;
      }
      return q.default !== undefined ? q.default : q.choices[0]!.value;
    },
    async search(q) {
      ask(q);
      const term = answered(q.name) ? String(answers[q.name]) : undefined;
      // ":type-memory", ":cpu-only": the filter's ways out, picked by value.
      if (term?.startsWith(':')) {
        const way = q.source(term).find((c) => c.value === term);
        if (!way) throw new Error(`${q.name}: no choice ${term}`);
        return way.value;
      }
      const found = q.source(term);
      if (found.length === 0) throw new Error(`${q.name}: nothing matches ${JSON.stringify(term)}`);
      return found[0]!.value;
    },
    async input(q) {
      ask(q);
      const text = answered(q.name) ? String(answers[q.name]) : (q.default ?? '');
      const ok = q.validate ? q.validate(text) : true;
      if (ok !== true) throw new Error(`${q.name}: "${text}" refused: ${ok}`);
      return text;
    },
    async confirm(q) {
      ask(q);
      return answered(q.name) ? Boolean(answers[q.name]) : q.default;
    },
  };
  return { prompts, asked };
}

export function gpu(id: string, name: string, vramGiB: number, extra: Partial<Gpu> = {}): Gpu {
  return {
    id, name, aliases: [], vendor: 'nvidia', segment: 'consumer', backend: 'cuda', vramGiB, memoryOptionsGiB: [],
    unifiedMemory: false, memoryBandwidthGBps: 936, fp16Tflops: 71, tdpWatts: 350, source: 'test fixture', ...extra,
  };
}

export const GPUS: Gpu[] = [
  gpu('rtx-3090', 'NVIDIA GeForce RTX 3090', 24, { aliases: ['3090', 'RTX 3090'] }),
  gpu('rtx-3090-ti', 'NVIDIA GeForce RTX 3090 Ti', 24, { memoryBandwidthGBps: 1008 }),
  gpu('rtx-4060-ti-16gb', 'NVIDIA GeForce RTX 4060 Ti 16GB', 16, { memoryBandwidthGBps: 288 }),
  gpu('h100-sxm', 'NVIDIA H100 SXM 80GB', 80, { segment: 'datacenter', aliases: ['H100'], memoryBandwidthGBps: 3350 }),
  gpu('m3-max', 'Apple M3 Max', 128, {
    vendor: 'apple', segment: 'apple', backend: 'metal', unifiedMemory: true, memoryOptionsGiB: [36, 48, 64, 96, 128],
    memoryBandwidthGBps: 400, fp16Tflops: null, tdpWatts: null,
  }),
];

const GIB = 1024 ** 3;

/** A probed machine with no GPU. */
export const CPU_MACHINE: HardwarePlan = {
  origin: 'detected',
  gpus: [],
  ram: { totalBytes: 16 * GIB, freeBytes: 12 * GIB, bandwidthGBps: 50 },
  cpu: { model: 'Test CPU', cores: 8 },
  unifiedMemory: false,
  budget: { vramBytesPerGpu: 0, gpus: 0, ramBytes: 12 * GIB, unifiedMemory: false },
  budgetExplanation: 'test',
  warnings: [],
};

/** A probed machine with two RTX 3090s. */
export const TWO_3090: HardwarePlan = {
  ...CPU_MACHINE,
  gpus: [0, 1].map((index) => ({
    index, name: 'NVIDIA GeForce RTX 3090', vendor: 'nvidia' as const, vramBytes: 24 * GIB, freeVramBytes: 23 * GIB,
    memoryBandwidthGBps: 936, fp16Tflops: 71, backend: 'cuda' as const, catalogId: 'rtx-3090', tdpWatts: 350, source: 'nvidia-smi',
  })),
  ram: { totalBytes: 64 * GIB, freeBytes: 60 * GIB, bandwidthGBps: 50 },
  budget: { vramBytesPerGpu: 23 * GIB, gpus: 2, ramBytes: 60 * GIB, unifiedMemory: false },
};
