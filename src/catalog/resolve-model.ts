// Model names as people type them: the catalog id, the display name, an Ollama tag
// (`llama3.1:8b`, `bge-m3:latest`, the bare `bge-m3`), an HF repo (official or GGUF),
// a litellm key with or without its provider prefix (`anthropic/claude-sonnet-4-5`),
// an alias the catalog lists (dated snapshots), all matched case-, space- and
// punctuation-insensitively (`Claude 3.5 Sonnet` ~ `claude-3-5-sonnet`).
//
// Pure: the index is built once per catalog (a WeakMap on the model list) from
// whatever the catalog holds; nothing here names a model.
import type { Model } from './schema.js';
import { compareIds } from '../util/compare-ids.js';

/** Longest typed value that is matched at all; longer values are a miss with no suggestions (bounded work). */
export const MAX_NAME_LENGTH = 200;
/** Characters of a typed value compared for "did you mean". */
const SUGGEST_PREFIX = 64;
/** Most candidates listed for an ambiguous name, and most suggestions for a miss. */
export const MAX_LISTED = 6;

export type MatchKind = 'id' | 'name' | 'alias' | 'litellm' | 'ollama' | 'hf' | 'derived';

export type Resolution =
  | { status: 'found'; typed: string; model: Model; matchedBy: MatchKind; note: string | null }
  | { status: 'ambiguous'; typed: string; candidates: Model[] }
  /** The name is a catalog model, but not of the kind the flag takes (an API model for fit). */
  | { status: 'other-kind'; typed: string; candidates: Model[] }
  | { status: 'missing'; typed: string; suggestions: Model[] };

/** Lowercase letters and digits only: `Qwen/Qwen2.5-Coder-7B-Instruct` → `qwenqwen25coder7binstruct`. */
export function normalizeModelName(text: string): string {
  // "+" is a word in model names (Command R+ is not Command R). A loop, not regexes: the
  // index normalizes a few thousand names at start-up.
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out += String.fromCharCode(c);
    else if (c === 43) out += 'plus';
  }
  return out;
}

interface Entry {
  index: number;
  kind: MatchKind;
  /** Reached by dropping a snapshot date (`claude-3-5-sonnet-20241022` → `claude-3-5-sonnet`). */
  dated: boolean;
  /** Reached by dropping `-latest` (`mistral-large-latest` → `mistral-large`). */
  latest?: boolean;
}

export interface ModelIndex {
  models: readonly Model[];
  /** Names as written (id, litellm key, alias, tag, repo, display name) → entries. */
  exact: Map<string, Entry[]>;
  /** Names with variant words and dates dropped, bare Ollama names, repo names without owner. */
  derived: Map<string, Entry[]>;
  /** Normalized exact names with their model, for "did you mean". */
  suggestKeys: { key: string; index: number }[];
}

// Trailing words that name a variant of the same weights or a snapshot, not another model.
const VARIANT_SUFFIX = /[-_. ](instruct|it|chat|hf|gguf|latest|preview)$/i;
// Snapshot dates: 20241022, 2024-10-22, 08-2024 (Cohere), 0528 / 2411 / 2503 (4 digits: YYMM or MMDD).
const DATE_SUFFIX = /[-_. ](\d{8}|\d{4}-\d{2}-\d{2}|\d{2}-\d{4}|\d{4})$/;

/** The name with trailing variant words and dates dropped, one at a time; each form once. */
function shortenings(name: string): { text: string; dated: boolean; latest: boolean }[] {
  const out: { text: string; dated: boolean; latest: boolean }[] = [];
  let latest = false;
  let text = name.trim();
  let dated = false;
  for (let i = 0; i < 4; i += 1) {
    const variant = VARIANT_SUFFIX.exec(text);
    const date = variant ? null : DATE_SUFFIX.exec(text);
    const m = variant ?? date;
    if (!m) break;
    if (date) dated = true;
    if (variant?.[1]?.toLowerCase() === 'latest') latest = true;
    text = text.slice(0, m.index);
    if (text.length < 2) break;
    out.push({ text, dated, latest });
  }
  return out;
}

function withoutProvider(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash >= 0 ? id.slice(slash + 1) : id;
}

function add(map: Map<string, Entry[]>, text: string, entry: Entry): void {
  const key = normalizeModelName(text);
  if (key === '') return;
  const list = map.get(key) ?? [];
  const same = list.find((e) => e.index === entry.index);
  if (!same) list.push(entry);
  else {
    if (!entry.dated) same.dated = false;
    if (entry.latest) same.latest = true;
  }
  map.set(key, list);
}

function namesOf(m: Model): { exact: [string, MatchKind][]; derived: (string | [string, boolean])[] } {
  const exact: [string, MatchKind][] = [
    [m.id, 'id'],
    [m.name, 'name'],
  ];
  // "Claude 3.5 Sonnet (2024-10-22)" without its parenthesis is a dateless name, like an id without its date.
  const bare = m.name.replace(/\s*\([^)]*\)\s*/g, ' ');
  const derived: (string | [string, boolean])[] = [withoutProvider(m.id), [bare, /\(\s*\d{2,4}-\d{2}(-\d{2})?\s*\)/.test(m.name)]];
  if (m.type === 'api') {
    exact.push([m.litellmId, 'litellm'], [`${m.provider}/${withoutProvider(m.id)}`, 'litellm']);
    for (const a of m.aliases) {
      exact.push([a, 'alias'], [`${m.provider}/${withoutProvider(a)}`, 'alias']);
      derived.push(withoutProvider(a));
    }
    derived.push(withoutProvider(m.litellmId));
  } else {
    for (const t of m.ollama) {
      exact.push([t.tag, 'ollama']);
      const [base, tag] = t.tag.split(':');
      if (tag === undefined || tag === 'latest') exact.push([`${base}:latest`, 'ollama'], [base!, 'ollama']);
      else derived.push(base!);
    }
    for (const repo of [m.hf.repo, m.hf.ggufRepo]) {
      if (!repo) continue;
      exact.push([repo, 'hf'], [`hf.co/${repo}`, 'hf']);
      derived.push(withoutProvider(repo));
    }
  }
  return { exact, derived };
}

function build(models: readonly Model[]): ModelIndex {
  const exact = new Map<string, Entry[]>();
  const derived = new Map<string, Entry[]>();
  const suggest = new Map<string, Set<number>>();
  models.forEach((m, index) => {
    const names = namesOf(m);
    for (const [text, kind] of names.exact) {
      add(exact, text, { index, kind, dated: false });
      const key = normalizeModelName(text);
      if (key) suggest.set(key, (suggest.get(key) ?? new Set()).add(index));
    }
    const seen = new Set<string>();
    const forms = [...names.derived, ...names.exact.map(([t]) => t)].filter((f) => {
      const text = typeof f === 'string' ? f : `${f[0]}\u0000${f[1]}`;
      if (seen.has(text)) return false;
      seen.add(text);
      return true;
    });
    for (const form of forms) {
      const [text, dated] = typeof form === 'string' ? [form, false] : form;
      add(derived, text, { index, kind: 'derived', dated });
      for (const s of shortenings(withoutProvider(text))) add(derived, s.text, { index, kind: 'derived', dated: dated || s.dated, latest: s.latest });
    }
  });
  const suggestKeys = [...suggest].flatMap(([key, set]) => [...set].map((index) => ({ key, index })));
  return { models, exact, derived, suggestKeys };
}

const cache = new WeakMap<readonly Model[], ModelIndex>();

/** The index of a catalog's models, built on first use and kept for that list. */
export function modelIndex(models: readonly Model[]): ModelIndex {
  let index = cache.get(models);
  if (!index) {
    index = build(models);
    cache.set(models, index);
  }
  return index;
}

/** Forms of the typed value to look up, most literal first: as typed; without `:latest`, `hf.co/`, `ollama/` or a `:QUANT` tail. */
function queryForms(typed: string): string[] {
  const t = typed.trim();
  const forms = [t];
  const noLatest = t.replace(/:latest$/i, '');
  if (noLatest !== t) forms.push(noLatest);
  const hf = /^(?:https?:\/\/)?(?:hf\.co|huggingface\.co)\/([\w.-]+\/[\w.-]+?)(?::[\w.-]+)?\/?$/i.exec(t);
  if (hf) forms.push(hf[1]!);
  const prefixed = /^(ollama|ollama_chat|openai|anthropic|gemini|google|vertex_ai|deepseek|mistral|mistralai|xai|cohere|cohere_chat)\/(.+)$/i.exec(t);
  if (prefixed) forms.push(prefixed[2]!);
  return forms;
}

type Picked = { found: Entry; why: string | null } | { ambiguous: Model[] } | { other: Model[] } | null;

function pick(index: ModelIndex, entries: Entry[], accept: (m: Model) => boolean): Picked {
  const all = entries.map((e) => index.models[e.index]!);
  const ok = entries.filter((e) => accept(index.models[e.index]!));
  if (ok.length === 1) return { found: ok[0]!, why: null };
  if (ok.length === 0) return all.length > 0 ? { other: all } : null;
  const models = ok.map((e) => index.models[e.index]!);
  // A `-latest` alias is what the provider serves under the bare name.
  const latest = ok.filter((e) => e.latest);
  if (latest.length === 1) return { found: latest[0]!, why: 'the provider\'s -latest alias' };
  // A name without its date names the newest snapshot (as providers' `-latest` aliases do),
  // when every candidate is a dated snapshot of one provider's family.
  if (ok.every((e) => e.dated) && new Set(models.map((m) => `${m.type === 'api' ? m.provider : ''}|${m.family}`)).size === 1) {
    const newest = [...ok].sort((a, b) => compareIds(index.models[b.index]!.released, index.models[a.index]!.released));
    if (index.models[newest[0]!.index]!.released !== index.models[newest[1]!.index]!.released) return { found: newest[0]!, why: 'the newest snapshot' };
  }
  return { ambiguous: models };
}

/** The catalog id a typed name is first looked up as (trimmed, lowercase); null when it is too long to match anything. */
export function idKey(typed: string): string | null {
  return typed.length > MAX_NAME_LENGTH ? null : typed.trim().toLowerCase();
}

/**
 * Resolves a typed model name against the catalog. `accept` limits the models the
 * flag takes (local ones for fit, API ones for --api-model); a name that only
 * matches other models is reported as such.
 */
export function resolveModel(models: readonly Model[], typed: string, accept: (m: Model) => boolean = () => true): Resolution {
  const key = idKey(typed);
  if (key === null) return { status: 'missing', typed, suggestions: [] };
  // The catalog id as written needs no index (one-shot commands stay fast).
  const byId = models.filter((m) => m.id === key);
  if (byId.length === 1 && accept(byId[0]!)) return { status: 'found', typed, model: byId[0]!, matchedBy: 'id', note: null };
  const index = modelIndex(models);
  let other: Model[] | null = null;
  for (const map of [index.exact, index.derived]) {
    for (const form of queryForms(typed)) {
      const entries = map.get(normalizeModelName(form));
      if (!entries) continue;
      const r = pick(index, entries, accept);
      if (!r) continue;
      if ('found' in r) {
        const model = index.models[r.found.index]!;
        const note = r.why ? `${quote(typed.trim())} names several snapshots; taken as ${r.why}, ${model.id}` : null;
        return { status: 'found', typed, model, matchedBy: r.found.kind, note };
      }
      if ('ambiguous' in r) return { status: 'ambiguous', typed, candidates: r.ambiguous.slice(0, MAX_LISTED) };
      other ??= r.other;
    }
  }
  if (other) return { status: 'other-kind', typed, candidates: other.slice(0, MAX_LISTED) };
  return { status: 'missing', typed, suggestions: suggest(index, typed, accept) };
}

/** Optimal string alignment distance (a swap of two adjacent characters is one edit), giving up above `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, prev2[j - 2]! + 1);
      cur.push(best);
      rowMin = Math.min(rowMin, best);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Up to MAX_LISTED models for "did you mean": names that start with or contain
 * the typed one (`gemma4` ~ `gemma-4-31b-it`), then names within a few edits.
 */
function suggest(index: ModelIndex, typed: string, accept: (m: Model) => boolean): Model[] {
  const q = normalizeModelName(typed).slice(0, SUGGEST_PREFIX);
  if (q.length < 2) return [];
  // Edits allowed grow with the name: 1 up to 4 characters, 2 up to 8, then a third of it (at most 4).
  const max = q.length <= 4 ? 1 : q.length <= 8 ? 2 : Math.min(4, Math.floor(q.length / 3));
  const best = new Map<number, number>();
  for (const { key, index: i } of index.suggestKeys) {
    if (!accept(index.models[i]!)) continue;
    let score: number;
    if (key.startsWith(q)) score = (key.length - q.length) / 100;
    else if (q.length >= 4 && key.includes(q)) score = 0.5 + (key.length - q.length) / 100;
    else {
      const d = Math.min(boundedDistance(q, key, max), boundedDistance(q, key.slice(0, q.length), max) + 0.5);
      if (d > max) continue;
      score = 1 + d;
    }
    // Among equals, current models first (a retired or superseded one is rarely what was meant).
    const m = index.models[i]!;
    score += (m.supersededBy ? 0.1 : 0) + (m.type === 'api' && m.retired ? 0.2 : 0);
    const prev = best.get(i);
    if (prev === undefined || score < prev) best.set(i, score);
  }
  return [...best]
    .sort((a, b) => a[1] - b[1] || compareIds(index.models[a[0]]!.id, index.models[b[0]]!.id))
    .slice(0, MAX_LISTED)
    .map(([i]) => index.models[i]!);
}

const KIND_WORDS: Record<Model['type'], string> = { local: 'a local model', embedding: 'an embedding model', api: 'an API model' };

function quote(raw: string): string {
  return JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
}

/**
 * The one-line message for a name that did not resolve to one model, naming the flag.
 * `what` is the kind of model the flag takes ("a local model"); `list` the command listing them.
 */
export function resolutionMessage(flag: string, r: Exclude<Resolution, { status: 'found' }>, what: string, list: string): string {
  const typed = quote(r.typed.trim());
  const ids = (ms: readonly Model[]) => ms.map((m) => m.id).join(', ');
  switch (r.status) {
    case 'ambiguous':
      return `${flag} ${typed} names several models: ${ids(r.candidates)}; give one of these ids`;
    case 'other-kind': {
      const kinds = [...new Set(r.candidates.map((m) => KIND_WORDS[m.type]))].join(' or ');
      return `${flag} ${typed} is ${ids(r.candidates)}, ${kinds}; ${flag.replace(/:$/, '')} takes ${what} (see \`${list}\`)`;
    }
    case 'missing':
      if (r.typed.length > MAX_NAME_LENGTH) return `${flag} takes ${what} name of at most ${MAX_NAME_LENGTH} characters; got ${r.typed.length}`;
      return `${flag} ${typed} is not in the catalog${r.suggestions.length > 0 ? `; did you mean ${ids(r.suggestions)}?` : ''} (all: \`${list}\`)`;
  }
}

export interface Resolved<M extends Model> {
  model: M;
  typed: string;
  /** Set when a name was read one way of several (the newest snapshot, a `-latest` alias). */
  note: string | null;
}

/** One model for a flag's value, or the one-line message that says why not. */
export function resolveFor<M extends Model>(
  models: readonly Model[],
  typed: string,
  spec: { flag: string; accept: (m: Model) => m is M; what: string; list: string },
): Resolved<M> | { error: string } {
  const r = resolveModel(models, typed, spec.accept);
  if (r.status === 'found') return { model: r.model as M, typed: typed.trim(), note: r.note };
  return { error: resolutionMessage(spec.flag, r, spec.what, spec.list) };
}

/**
 * What resolveFor answers for `typed` when `model` is the catalog's model with the id idKey(typed),
 * looked up alone (the built-in catalog reads one model by id, src/catalog/load.ts): null when there
 * is none or the flag does not take it, and resolveFor over the whole list says why.
 */
export function resolvedById<M extends Model>(typed: string, model: Model | undefined, accept: (m: Model) => m is M): Resolved<M> | null {
  return model && accept(model) ? { model, typed: typed.trim(), note: null } : null;
}

export const isLocalOrEmbedding = (m: Model): m is Exclude<Model, { type: 'api' }> => m.type !== 'api';
export const isApi = (m: Model): m is Extract<Model, { type: 'api' }> => m.type === 'api';
