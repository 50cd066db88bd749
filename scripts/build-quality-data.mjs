// Writes data/quality/*.yaml from the sourced reference files (a development
// tool: run by hand when the reference files change; the YAML is committed).
//   node scripts/build-quality-data.mjs [REFERENCE_DIR]
// Keys: local models by their Hugging Face repo id, API models by their catalog
// (litellm) id, so that the rows resolve to catalog models whoever adds them;
// the reference file's own catalogKey is kept as an alias.
// Only benchmarks that feed a task (src/decide/benchmarks.ts) are copied, and
// only rows of models that are in the catalog or in the 2026 model lists.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify, parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
// The reference facts sit beside the checkout (../shared/reference), or where the first argument says.
const ref = process.argv[2] ?? fileURLToPath(new URL('../../shared/reference', import.meta.url));
const read = (f) => JSON.parse(readFileSync(`${ref}/${f}`, 'utf8'));

const USED = new Set([
  'SWE-bench Verified', 'Aider polyglot', 'LiveCodeBench', 'EvalPlus HumanEval+', 'EvalPlus MBPP+',
  'BFCL v4 overall', 'BFCL v3 overall', 'tau2-bench retail', 'tau2-bench airline', 'tau2-bench telecom', 'Terminal-Bench 2.0',
  'LMArena text', 'GPQA Diamond', 'GPQA', 'AIME 2025', 'MMLU-Pro', 'IFEval', 'IFBench', 'Multi-IF',
  'RULER', 'OpenAI MRCR', 'LongBench v2', 'MMMLU', 'Global-MMLU-Lite', 'MMLU-ProX', 'Open LLM Leaderboard v2',
  'MTEB(eng, v2)', 'MTEB(Multilingual, v2)',
]);

// Catalog models: id -> key (HF repo for local/embedding, id for API).
const keyOf = new Map();
const modelFiles = readdirSync(`${root}data/models`).map((f) => `${root}data/models/${f}`);
for (const file of [...modelFiles, `${root}data/api-models.yaml`]) {
  for (const m of parse(readFileSync(file, 'utf8')).models ?? []) keyOf.set(m.id, m.type === 'api' ? m.id : m.hf.repo);
}
// Ollama-style keys of quality.json (llama3.1:8b) -> catalog ids through the catalog's ollama tags.
const byTag = new Map();
for (const file of modelFiles) {
  for (const m of parse(readFileSync(file, 'utf8')).models ?? []) for (const t of m.ollama ?? []) byTag.set(t.tag, m.id);
}
// 2026 lists: id -> HF repo where the repo is confirmed.
for (const f of ['local_models_2026_a.json', 'local_models_2026_b.json', 'local_models_2026_c.json']) {
  for (const m of read(f).models) {
    const repo = typeof m.hfRepo === 'string' && /^[\w.-]+\/[\w.-]+$/.test(m.hfRepo) ? m.hfRepo : m.id;
    if (!keyOf.has(m.id)) keyOf.set(m.id, repo);
  }
}

// The same model under another spelling in the quality files (checked by name and
// size against the 2026 lists); thinking/instruct variants with their own repo are not merged.
const SAME_MODEL = {
  'qwen-3-next-80b-a3b-instruct': 'qwen-3-next-80b-a3b',
  'qwen-3-4b-2507': 'qwen-3-4b-instruct-2507',
  'devstral-small-2': 'devstral-small-2-24b',
  'devstral-2': 'devstral-2-123b',
  'nemotron-nano-9b-v2': 'nvidia-nemotron-nano-9b-v2',
  'nvidia-nemotron-3-nano-30b-a3b-bf16': 'nemotron-3-nano-30b-a3b',
  'nvidia-nemotron-3-nano-4b': 'nemotron-3-nano-4b',
  'qwen3.5-397b-a17b': 'qwen-3.5-397b-a17b',
  'magistral-small-1.2': 'magistral-small-2509',
  'devstral-small-2507': 'devstral-small-1.1-2507',
};
for (const [alias, id] of Object.entries(SAME_MODEL)) if (keyOf.has(id) && !keyOf.has(alias)) keyOf.set(alias, keyOf.get(id));

const entries = new Map(); // key -> { id, aliases:Set, results: [] }
function add(catalogKey, row, file) {
  const key = keyOf.get(catalogKey);
  if (!key) return;
  let e = entries.get(`${file}\u0000${key}`);
  if (!e) entries.set(`${file}\u0000${key}`, (e = { id: key, aliases: new Set(), results: [], file }));
  if (catalogKey !== key) e.aliases.add(catalogKey);
  for (const [id, k] of keyOf) if (k === key && id !== key && !(id in SAME_MODEL)) e.aliases.add(id);
  const dup = e.results.some((r) => r.benchmark === row.benchmark && r.variant === row.variant && r.value === row.value && r.asOf === row.asOf);
  if (!dup) e.results.push(row);
}

function clean(s) {
  return String(s).replace(/\s+/g, ' ').trim();
}

function fromRows(file, rows, keep = () => true) {
  for (const s of rows) {
    if (!USED.has(s.benchmark) || !keep(s)) continue;
    if (typeof s.value !== 'number') continue;
    const row = {
      benchmark: s.benchmark,
      variant: clean(s.variant),
      value: s.value,
      asOf: s.asOf,
      source: clean(s.source),
      primary: Boolean(s.primary),
    };
    if (s.reasoningSetting) row.setting = clean(s.reasoningSetting);
    add(s.catalogKey, row, file);
  }
}

const lmarenaOverall = (s) => s.benchmark !== 'LMArena text' || /^text overall/.test(s.variant);
const rulerAvg = (s) => s.benchmark !== 'RULER' || /avg 4K-128K|at 128K/.test(s.variant);
fromRows('code', read('quality_2026_code.json').scores);
fromRows('general', read('quality_2026_general.json').scores, (s) => lmarenaOverall(s) && rulerAvg(s));

// quality.json (2025-08): LMArena 2025-08-04 snapshot and Open LLM Leaderboard v2.
for (const s of read('quality.json').scores) {
  const id = keyOf.has(s.catalog_key) ? s.catalog_key : byTag.get(s.catalog_key);
  if (!id) continue;
  if (s.metric === 'lmarena_text_score') {
    add(id, { benchmark: 'LMArena text', variant: 'text overall, style control (2025-08-04 snapshot)', value: s.value, asOf: '2025-08-04', source: `reference/quality.json: ${clean(s.source)}`, primary: true }, 'general');
  } else if (s.metric === 'open_llm_leaderboard_v2_average') {
    add(id, { benchmark: 'Open LLM Leaderboard v2', variant: 'average of IFEval/BBH/MATH Lvl5/GPQA/MUSR/MMLU-PRO (normalized)', value: s.value, asOf: '2025-03', source: `reference/quality.json: ${clean(s.source)}`, primary: true }, 'general');
  }
}

// Embedding models: MTEB retrieval means (computed from embeddings-benchmark/results).
const emb = read('embedding_quality_2026.json');
for (const m of emb.models) {
  const key = m.type === 'embedding-api' ? m.litellmKey?.toLowerCase() : m.hfRepo;
  if (!key) continue;
  keyOf.set(m.id, key);
  for (const s of m.scores) {
    if (!USED.has(s.benchmark) || typeof s.value !== 'number') continue;
    // The measures of src/decide/benchmarks.ts: eng v2 Retrieval and mean, multilingual v2 Retrieval.
    if (!/^Retrieval/.test(s.variant) && !(s.benchmark === 'MTEB(eng, v2)' && /^Mean \(Task\)/.test(s.variant))) continue;
    add(m.id, { benchmark: s.benchmark, variant: clean(s.variant), value: s.value, asOf: s.asOf, source: clean(s.source), primary: true }, 'embedding');
  }
}

mkdirSync(`${root}data/quality`, { recursive: true });
const header = (what) =>
  `# Benchmark results per model (${what}), generated by scripts/build-quality-data.mjs from\n` +
  `# ../shared/reference (every row's source is its own; primary: true = the benchmark's own\n` +
  `# leaderboard data or the maker's README; false = vendor figures relayed by others).\n` +
  `# Keys: HF repo id (local) or catalog id (API); aliases are other ids of the same model.\n`;
for (const file of ['code', 'general', 'embedding']) {
  const list = [...entries.values()]
    .filter((e) => e.file === file)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((e) => ({ id: e.id, ...(e.aliases.size ? { aliases: [...e.aliases].sort() } : {}), results: e.results }));
  writeFileSync(`${root}data/quality/${file}.yaml`, header(file) + stringify({ scores: list }, { lineWidth: 0 }));
  console.error(`data/quality/${file}.yaml: ${list.length} models, ${list.reduce((n, e) => n + e.results.length, 0)} results`);
}

// API embedding models (data/api-embedding-models.yaml): those with a litellm key
// and price in embedding_quality_2026.json. Input price only (embeddings have no output).
const PROVIDER = {
  OpenAI: ['openai', 'OPENAI_API_KEY'],
  Google: ['gemini', 'GEMINI_API_KEY'],
  'Voyage AI': ['voyage', 'VOYAGE_API_KEY'],
  Cohere: ['cohere', 'COHERE_API_KEY'],
  Mistral: ['mistral', 'MISTRAL_API_KEY'],
};
const apiEmbeddings = emb.models
  .filter((m) => m.type === 'embedding-api' && m.litellmKey && typeof m.usdPerMillionTokens === 'number' && PROVIDER[m.provider])
  .map((m) => {
    const [provider, envVar] = PROVIDER[m.provider];
    const dims = Array.isArray(m.dimensions) ? Math.max(...m.dimensions) : m.dimensions;
    return {
      id: m.litellmKey.toLowerCase(),
      type: 'api',
      name: m.name,
      family: `${provider}-embedding`,
      released: m.releaseDate ?? '2025-01',
      litellmId: m.litellmKey,
      provider,
      envVar,
      usdPerMillionInput: m.usdPerMillionTokens,
      usdPerMillionOutput: 0,
      contextWindow: m.maxTokens,
      capabilities: { vision: false, tools: false, reasoning: false },
      useCases: ['embedding'],
      ...(dims ? { dimensions: dims } : {}),
      tier: 'mid',
      tierSource: 'placeholder required by the schema: API tiers are derived from retrieval scores (src/decide/quality.ts derivedTier)',
      asOf: '2026-07-24',
      priceSource: m.priceSource,
      sources: [m.specSource, ...(m.releaseDate ? [] : ['release date: not stated in the sources; 2025-01 is a placeholder'])],
    };
  });
writeFileSync(
  `${root}data/api-embedding-models.yaml`,
  `# API embedding models: prices from litellm's price file and specs from mteb ModelMeta, via\n# reference/embedding_quality_2026.json (generated by scripts/build-quality-data.mjs).\n` +
    stringify({ models: apiEmbeddings }, { lineWidth: 0 }),
);
console.error(`data/api-embedding-models.yaml: ${apiEmbeddings.length} models`);
