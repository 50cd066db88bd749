// llama-bench output → measurements. Pure (the caller reads the file). Formats, as
// tools/llama-bench/README.md documents them: `-o json` (an array of test objects), `-o jsonl`
// (one object per line), and the default markdown table (`| model | size | params | backend |
// ngl | test | t/s |`). Device banners before the JSON (ggml_cuda_init lines) are skipped.
import { isGgufQuant, type GgufQuant } from '../estimate/quants.js';

export class BenchParseError extends Error {}

/** One llama-bench test row: a prompt (pp) or generation (tg) test. */
export interface BenchRow {
  test: 'pp' | 'tg';
  tokens: number;
  depth: number;
  tokensPerSecond: number;
  /** "qwen2 7B Q4_K - Medium" (llama-bench model_type). */
  modelType: string;
  modelFile: string | null;
  sizeBytes: number;
  params: number;
  gpuName: string | null;
  backend: string;
  gpuLayers: number | null;
  build: string | null;
  /** Where in the file: "line 3" (markdown, jsonl) or "entry 2" (json). */
  where: string;
}

type Obj = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function fromObject(o: Obj, file: string, where: string): BenchRow[] {
  const nPrompt = num(o.n_prompt) ?? 0;
  const nGen = num(o.n_gen) ?? 0;
  const ts = num(o.avg_ts);
  const modelType = str(o.model_type);
  if (!modelType || ts === null) throw new BenchParseError(`${file} ${where}: not a llama-bench result (needs model_type and avg_ts)`);
  const base = {
    depth: num(o.n_depth) ?? 0,
    tokensPerSecond: ts,
    modelType,
    modelFile: str(o.model_filename),
    sizeBytes: num(o.model_size) ?? 0,
    params: num(o.model_n_params) ?? 0,
    gpuName: str(o.gpu_info),
    backend: str(o.backends) ?? (o.cuda === true ? 'CUDA' : o.metal === true ? 'Metal' : 'CPU'),
    gpuLayers: num(o.n_gpu_layers),
    build: str(o.build_commit),
    where,
  };
  // pp+tg combined tests (-pg) measure neither alone: skipped.
  if (nPrompt > 0 && nGen === 0) return [{ ...base, test: 'pp', tokens: nPrompt }];
  if (nGen > 0 && nPrompt === 0) return [{ ...base, test: 'tg', tokens: nGen }];
  return [];
}

const UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 };
const COUNT: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

function markdown(text: string, file: string): BenchRow[] {
  const lines = text.split(/\r?\n/);
  // The device banner names the GPU: "Device 0: NVIDIA GeForce RTX 4090, compute capability 8.9, VMM: yes".
  const device = lines.map((l) => /Device 0: ([^,]+),/.exec(l)?.[1]?.trim()).find((x) => x);
  const headerAt = lines.findIndex((l) => /^\|\s*model\s*\|/.test(l));
  if (headerAt < 0) return [];
  const head = lines[headerAt]!.split('|').slice(1, -1).map((c) => c.trim());
  const col = (name: string) => head.indexOf(name);
  const need = ['model', 'size', 'params', 'backend', 'test', 't/s'];
  const missing = need.filter((n) => col(n) < 0);
  if (missing.length) throw new BenchParseError(`${file} line ${headerAt + 1}: the table has no ${missing.join(', ')} column (a llama-bench markdown table has ${need.join(', ')})`);
  const rows: BenchRow[] = [];
  for (let i = headerAt + 2; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const where = `line ${i + 1}`;
    const test = /^(pp|tg)\s*(\d+)(?:\s*@\s*d(\d+))?$/.exec(cells[col('test')] ?? '');
    if (!test) continue;
    const ts = /^([\d.]+)/.exec(cells[col('t/s')] ?? '');
    const size = /^([\d.]+)\s*(B|KiB|MiB|GiB|TiB)$/.exec(cells[col('size')] ?? '');
    const params = /^([\d.]+)\s*([KMBT])$/.exec(cells[col('params')] ?? '');
    if (!ts || !size || !params) throw new BenchParseError(`${file} ${where}: cannot read t/s, size or params in "${line.slice(0, 80)}"`);
    const ngl = col('ngl') >= 0 ? num(cells[col('ngl')]) : null;
    rows.push({
      test: test[1] as 'pp' | 'tg',
      tokens: Number(test[2]),
      depth: test[3] ? Number(test[3]) : 0,
      tokensPerSecond: Number(ts[1]),
      modelType: cells[col('model')]!,
      modelFile: null,
      sizeBytes: Math.round(Number(size[1]) * UNITS[size[2]!]!),
      params: Math.round(Number(params[1]) * COUNT[params[2]!]!),
      gpuName: device ?? null,
      backend: cells[col('backend')]!,
      gpuLayers: ngl,
      build: null,
      where,
    });
  }
  return rows;
}

/** Every pp and tg row in a llama-bench output, whatever its format. */
export function parseLlamaBench(text: string, file: string): BenchRow[] {
  const start = text.search(/^\s*[[{]/m);
  if (start >= 0 && !/^\|/m.test(text.slice(0, start))) {
    const body = text.slice(start).trim();
    if (body.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch (e) {
        throw new BenchParseError(`${file}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
      }
      if (!Array.isArray(parsed)) throw new BenchParseError(`${file}: expected a JSON array of llama-bench results`);
      return parsed.flatMap((o, i) => {
        if (typeof o !== 'object' || o === null) throw new BenchParseError(`${file} entry ${i + 1}: not an object`);
        return fromObject(o as Obj, file, `entry ${i + 1}`);
      });
    }
    // JSON lines: one object per line after the banner.
    const lines = text.split(/\r?\n/);
    const rows: BenchRow[] = [];
    lines.forEach((line, i) => {
      const t = line.trim();
      if (!t.startsWith('{')) return;
      let o: unknown;
      try {
        o = JSON.parse(t);
      } catch (e) {
        throw new BenchParseError(`${file} line ${i + 1}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
      }
      rows.push(...fromObject(o as Obj, file, `line ${i + 1}`));
    });
    return rows;
  }
  return markdown(text, file);
}

/** llama-bench's model_type ("qwen2 7B Q4_K - Medium", "llama 7B mostly Q4_0", "qwen3moe 30B.A3B Q4_K - Medium") → parts. */
export function parseModelType(modelType: string): { arch: string; sizeLabel: string; quant: GgufQuant | null; activeParams: number | null } {
  const m = /^(\S+)\s+(\S+)\s+(?:mostly\s+)?(.+)$/.exec(modelType.trim());
  if (!m) return { arch: modelType, sizeLabel: '', quant: null, activeParams: null };
  const [, arch, sizeLabel, quantText] = m as unknown as [string, string, string, string];
  // llama_model_ftype_name: "Q4_K - Medium" is Q4_K_M, "- Small" _S, "- Large" _L; IQ types add "- 4.25 bpw".
  const q = /^(\w+)(?:\s+-\s+(Small|Medium|Large|Extra Small))?/.exec(quantText);
  let quant: GgufQuant | null = null;
  if (q) {
    const suffix = q[2] === 'Small' ? '_S' : q[2] === 'Medium' ? '_M' : q[2] === 'Large' ? '_L' : q[2] === 'Extra Small' ? '_XS' : '';
    const id = `${q[1]!.toUpperCase()}${suffix}`;
    quant = isGgufQuant(id) ? id : isGgufQuant(q[1]!.toUpperCase()) ? (q[1]!.toUpperCase() as GgufQuant) : null;
  }
  // MoE size labels: "30B.A3B" = 30 B total, 3 B active.
  const active = /\.A([\d.]+)([MB])$/.exec(sizeLabel);
  return { arch, sizeLabel, quant, activeParams: active ? Number(active[1]) * (active[2] === 'B' ? 1e9 : 1e6) : null };
}

/** "CUDA", "ROCm", "Metal,BLAS", "Vulkan" → the estimator's backend. */
export function backendOf(text: string): 'cuda' | 'rocm' | 'metal' | 'vulkan' | 'sycl' | 'cpu' {
  const t = text.toLowerCase();
  if (t.includes('cuda')) return 'cuda';
  if (t.includes('rocm') || t.includes('hip')) return 'rocm';
  if (t.includes('metal') || t.includes('mtl')) return 'metal';
  if (t.includes('vulkan')) return 'vulkan';
  if (t.includes('sycl')) return 'sycl';
  return 'cpu';
}
