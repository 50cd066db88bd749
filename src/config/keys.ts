// The keys of the per-user defaults file, what each takes, and which option it fills. One table:
// the loader checks values against it, `config set` parses with it, and the CLI hook applies it
// to the options a command has (flags win over the file, the file over built-in defaults). Pure.
import { MAX_GIB, MAX_GPUS } from '../core/limits.js';
import { PRIORITIES, RECOMMEND_USE_CASES } from '../decide/types.js';

export type ConfigValue = string | number | boolean | string[];

export interface ConfigKey {
  key: string;
  /** The command option (camelCase, as commander names it) it is the default of; null: read elsewhere. */
  option: string | null;
  description: string;
  /** Hardware keys are applied together, and only when no hardware flag was given. */
  group?: 'hardware';
  /** A value from YAML (or from `config set` text, when fromText) → the value, or what is allowed. */
  check(value: unknown, fromText: boolean): { value: ConfigValue } | { allowed: string };
}

const num = (v: unknown, fromText: boolean): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (fromText && typeof v === 'string' && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v.trim())) return Number(v);
  return null;
};

function number(min: number, max: number, what: string, integer = false) {
  const allowed = `${what}: a ${integer ? 'whole number' : 'number'} from ${min} to ${max}`;
  return (v: unknown, t: boolean) => {
    const n = num(v, t);
    return n !== null && n >= min && n <= max && (!integer || Number.isInteger(n)) ? { value: n } : { allowed };
  };
}

function positive(max: number, what: string) {
  const allowed = `${what}: a number greater than 0 and at most ${max}`;
  return (v: unknown, t: boolean) => {
    const n = num(v, t);
    return n !== null && n > 0 && n <= max ? { value: n } : { allowed };
  };
}

function choice(values: readonly string[]) {
  return (v: unknown) => {
    const found = typeof v === 'string' ? values.find((x) => x.toLowerCase() === v.trim().toLowerCase()) : undefined;
    return found ? { value: found } : { allowed: `one of ${values.join(', ')}` };
  };
}

const text = (what: string) => (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? { value: v.trim() } : { allowed: what });

const bool = (v: unknown, t: boolean) => {
  if (typeof v === 'boolean') return { value: v };
  if (t && typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return { value: v.trim().toLowerCase() === 'true' };
  return { allowed: 'true or false' };
};

/** Engines a --engine flag takes (DESIGN.md second round: llama.cpp, vllm, sglang, ollama). */
export const ENGINE_CHOICES = ['llama.cpp', 'vllm', 'sglang', 'ollama'] as const;

export const CONFIG_KEYS: readonly ConfigKey[] = [
  { key: 'gpu', option: 'gpu', group: 'hardware', description: 'plan for this GPU from the catalog (like --gpu), e.g. rtx-3090', check: text('a GPU name from `llm-pick hardware --list`') },
  { key: 'vram', option: 'vram', group: 'hardware', description: 'GiB of GPU memory per card (like --vram)', check: positive(MAX_GIB, 'GiB') },
  { key: 'gpus', option: 'gpus', group: 'hardware', description: 'number of identical GPUs (like --gpus)', check: number(1, MAX_GPUS, 'GPUs', true) },
  { key: 'ram', option: 'ram', group: 'hardware', description: 'GiB of system RAM (like --ram)', check: positive(MAX_GIB, 'GiB') },
  { key: 'cpu-only', option: 'cpuOnly', group: 'hardware', description: 'plan for CPU inference only (like --cpu-only)', check: bool },
  { key: 'kwh-price', option: 'kwhPrice', description: 'electricity price per kWh, in the currency below (like cost --kwh-price)', check: number(0, 100, 'price per kWh') },
  {
    key: 'currency',
    option: null,
    description: 'currency of kwh-price, ISO 4217 (prices are computed in USD; shown for reference)',
    check: (v) => (typeof v === 'string' && /^[A-Za-z]{3}$/.test(v.trim()) ? { value: v.trim().toUpperCase() } : { allowed: 'a three-letter ISO 4217 code such as USD or EUR' }),
  },
  { key: 'use-case', option: 'useCase', description: 'default use case for recommend (like --use-case)', check: choice(RECOMMEND_USE_CASES) },
  { key: 'priority', option: 'priority', description: 'default priority for recommend (like --priority)', check: choice(PRIORITIES) },
  {
    key: 'catalogs',
    option: null,
    description: 'user catalogs merged over the built-in one, before any --catalog (a list of paths)',
    check: (v, t) => {
      const list = Array.isArray(v) ? v : t && typeof v === 'string' ? v.split(',') : typeof v === 'string' ? [v] : null;
      return list && list.length > 0 && list.every((x) => typeof x === 'string' && x.trim() !== '')
        ? { value: list.map((x) => (x as string).trim()) }
        : { allowed: 'a list of catalog file paths' };
    },
  },
  { key: 'engine', option: 'engine', description: 'preferred inference engine (like --engine, where a command has it)', check: choice(ENGINE_CHOICES) },
];

export const CONFIG_KEY_NAMES = CONFIG_KEYS.map((k) => k.key);

export function configKey(name: string): ConfigKey | undefined {
  return CONFIG_KEYS.find((k) => k.key === name.trim().toLowerCase());
}
