// Scripted answers for the wizard's Prompts: an answer by question name, or the
// question's default (what Enter picks). Records the questions in order.
import type { Gpu } from '../../src/catalog/schema.js';
import type { HardwarePlan } from '../../src/hardware/types.js';
import type { Prompts } from '../../src/wizard/types.js';

export interface Script {
  prompts: Prompts;
  asked: string[];
}

/** select/confirm: the value; input: the typed text; search: the typed term (the first match is picked). */
export function scripted(answers: Record<string, unknown> = {}): Script {
  const asked: string[] = [];
  const has = (name: string) => Object.prototype.hasOwnProperty.call(answers, name);
  const prompts: Prompts = {
    async select(q) {
      asked.push(q.name);
      if (has(q.name)) {
        const v = answers[q.name];
        const choice = q.choices.find((c) => c.value === v);
        if (!choice) throw new Error(`${q.name}: no choice ${JSON.stringify(v)} in ${JSON.stringify(q.choices.map((c) => c.value))}`);
        return choice.value;
      }
      return q.default !== undefined ? q.default : q.choices[0]!.value;
    },
    async search(q) {
      asked.push(q.name);
      const term = has(q.name) ? String(answers[q.name]) : undefined;
      const found = q.source(term);
      if (found.length === 0) throw new Error(`${q.name}: nothing matches ${JSON.stringify(term)}`);
      return found[0]!.value;
    },
    async input(q) {
      asked.push(q.name);
      const text = has(q.name) ? String(answers[q.name]) : (q.default ?? '');
      const ok = q.validate ? q.validate(text) : true;
      if (ok !== true) throw new Error(`${q.name}: "${text}" refused: ${ok}`);
      return text;
    },
    async confirm(q) {
      asked.push(q.name);
      return has(q.name) ? Boolean(answers[q.name]) : q.default;
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
