// A GPU in a user catalog needs only what cannot be derived: its name and its
// memory (vramGiB). The rest is filled here before validation: the id from the
// name, the vendor from the name's words, the backend from the vendor, and the
// figures nobody gave (bandwidth, FP16 compute, power) as null, which the
// estimators read as "unknown": no speed without bandwidth, prompt speed from
// bandwidth without compute, no energy figure without power (each said in the
// output). Built-in data files get none of this: every figure there has a source.
import type { Gpu } from './schema.js';

type Raw = Record<string, unknown>;

const VENDOR_WORDS: readonly (readonly [Gpu['vendor'], RegExp])[] = [
  ['nvidia', /\b(nvidia|geforce|rtx|gtx|tesla|quadro|titan)\b/i],
  ['amd', /\b(amd|radeon|instinct|rx|mi\d+)\b/i],
  ['intel', /\b(intel|arc)\b/i],
  ['apple', /\b(apple|m[1-9]( pro| max| ultra)?)\b/i],
];
const BACKEND: Record<Gpu['vendor'], Gpu['backend']> = { nvidia: 'cuda', amd: 'rocm', intel: 'sycl', apple: 'metal' };

/** The vendor a GPU's name implies, or undefined (then vendor is required). */
export function vendorFromName(name: string): Gpu['vendor'] | undefined {
  return VENDOR_WORDS.find(([, words]) => words.test(name))?.[0];
}

/** "My Tesla P4 (8GB)" → "my-tesla-p4-8gb": an id that passes the catalog's id rule. */
export function idFromName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
}

/** What a user catalog GPU entry becomes before validation: given fields kept, the others filled as above. */
export function withGpuDefaults(raw: Raw, file: string): Raw {
  const name = typeof raw.name === 'string' ? raw.name : undefined;
  const vendor = (raw.vendor as Gpu['vendor'] | undefined) ?? (name ? vendorFromName(name) : undefined);
  const out: Raw = {
    ...(name && raw.id === undefined ? { id: idFromName(name) } : {}),
    ...(vendor ? { vendor } : {}),
    segment: vendor === 'apple' ? 'apple' : 'consumer',
    ...(vendor ? { backend: BACKEND[vendor] } : {}),
    unifiedMemory: vendor === 'apple',
    memoryBandwidthGBps: null,
    fp16Tflops: null,
    tdpWatts: null,
    source: `user catalog ${file}`,
  };
  for (const [key, value] of Object.entries(raw)) if (value !== undefined) out[key] = value;
  return out;
}

/** How each GPU field is written, for "is required" messages. */
export const GPU_FIELD_FORMS: Readonly<Record<string, string>> = {
  name: 'the GPU name as text, e.g. "NVIDIA Tesla P4"',
  vramGiB: 'memory per card in GiB as sold, a number such as 24',
  vendor: 'one of nvidia, amd, intel, apple (not found in the name)',
  id: 'lowercase letters, digits, ".", "_" and "-" (or give a name to derive it from)',
};
