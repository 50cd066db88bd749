// `llm-pick models`: the catalog, filterable.
import type { Ui } from '../../core/ui.js';
import type { CommandContext } from '../context.js';
import { loadCatalog } from '../../catalog/load.js';
import type { ApiModel, BenchmarkResult, EmbeddingModel, LocalModel, Model, UseCase } from '../../catalog/schema.js';
import type { TaskScoreJson } from '../../decide/output-schema.js';
import { billions } from '../../util/numbers.js';
import { UsageError } from '../../core/errors.js';
import { compareIds } from '../../util/compare-ids.js';

/** A catalog model with its benchmark results and task scores (measured or estimated). */
export type ModelWithQuality = Model & {
  benchmarks: BenchmarkResult[];
  tasks: TaskScoreJson[];
  useCaseScore?: { useCase: string; score: number; estimated: boolean; uncertainty: number };
};

export interface ModelsOptions {
  /** Positional: one model by any of its names. */
  args?: string[];
  type?: 'local' | 'embedding' | 'api';
  useCase?: UseCase;
  provider?: string;
  maxParams?: number;
  commercial?: boolean;
}

export interface ModelsResult {
  schemaVersion: 1;
  kind: 'models';
  filters: Omit<ModelsOptions, 'args'>;
  /** `models NAME`: the name as typed and the catalog id it resolved to. */
  query: { typed: string; modelId: string } | null;
  count: number;
  models: ModelWithQuality[];
}

/** Local and embedding models with a licence that allows commercial use (with or without conditions); API models are paid services. */
export function allowsCommercialUse(m: Model): boolean {
  return m.type === 'api' || m.license.commercial !== 'no';
}

export function filterModels(models: readonly Model[], o: ModelsOptions): Model[] {
  const provider = o.provider?.toLowerCase();
  return models.filter((m) => {
    if (o.type && m.type !== o.type) return false;
    if (o.useCase && !m.useCases.includes(o.useCase)) return false;
    if (provider && (m.type === 'api' ? m.provider : m.family).toLowerCase() !== provider) return false;
    if (o.maxParams !== undefined && (m.type === 'api' || m.params.total > o.maxParams * 1e9)) return false;
    if (o.commercial && !allowsCommercialUse(m)) return false;
    return true;
  });
}

export async function run(options: ModelsOptions, ctx: CommandContext): Promise<ModelsResult> {
  const catalog = await loadCatalog(ctx.catalogFiles);
  const filters: Omit<ModelsOptions, 'args'> = {};
  for (const key of ['type', 'useCase', 'provider', 'maxParams', 'commercial'] as const) {
    if (options[key] !== undefined) (filters as Record<string, unknown>)[key] = options[key];
  }
  const { modelTaskScores, taskJson, taskScore, usedResults } = await import('../../decide/quality.js');
  const typed = options.args?.[0];
  if (typed !== undefined) {
    const { resolveFor } = await import('../../catalog/resolve-model.js');
    const r = resolveFor(catalog.models, typed, { flag: 'models', accept: (m): m is Model => filterModels([m], filters).length === 1, what: 'a model these filters keep', list: 'llm-pick models' });
    if ('error' in r) throw new UsageError(r.error);
    const one = { ...r.model, benchmarks: usedResults(catalog, r.model), tasks: modelTaskScores(catalog, r.model).map(taskJson) } as ModelWithQuality;
    return { schemaVersion: 1, kind: 'models', filters, query: { typed: r.typed, modelId: r.model.id }, count: 1, models: [one] };
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const models: ModelWithQuality[] = filterModels(catalog.models, filters).map((m) => {
    const withQuality: ModelWithQuality = { ...m, benchmarks: usedResults(catalog, m), tasks: modelTaskScores(catalog, m).map(taskJson) };
    if (filters.useCase) {
      const q = taskScore(catalog, m, filters.useCase);
      withQuality.useCaseScore = { useCase: filters.useCase, score: round(q.score), estimated: q.estimated, uncertainty: round(q.uncertainty) };
    }
    return withQuality;
  });
  // --use-case: best first by the use case's task score.
  if (filters.useCase) models.sort((a, b) => b.useCaseScore!.score - a.useCaseScore!.score || compareIds(a.id, b.id));
  return { schemaVersion: 1, kind: 'models', filters, query: null, count: models.length, models };
}

/** Context sizes as people write them: 131072 → "128K" (binary, as configs use), 200000 → "200K", 1048576 → "1M". */
function tokens(n: number): string {
  const [k, m] = n % 1024 === 0 ? [1024, 1024 * 1024] : [1000, 1_000_000];
  if (n < k) return String(n);
  return n >= m ? `${+(n / m).toFixed(1)}M` : `${+(n / k).toFixed(0)}K`;
}

export async function render(result: ModelsResult, ui: Ui): Promise<string> {
  const { makeTable } = await import('../../render/table.js');
  const { fitText } = await import('../../render/wrap.js');
  if (result.count === 0) return 'No model matches these filters.';
  const local = result.models.filter((m): m is ModelWithQuality & (LocalModel | EmbeddingModel) => m.type !== 'api');
  const api = result.models.filter((m): m is ModelWithQuality & ApiModel => m.type === 'api');
  const useCase = result.filters.useCase;
  const scoreCell = (m: ModelWithQuality): string[] =>
    m.useCaseScore ? [`${m.useCaseScore.score.toFixed(2)}${m.useCaseScore.estimated ? '~' : ''}`] : [];
  const scoreHead = useCase ? [{ head: `${useCase} score`, short: 'score', align: 'right' as const, priority: 7 }] : [];
  const parts: string[] = [];
  if (local.length > 0) {
    // The id cell carries the Ollama tag and the successor on lines of their own, so the
    // table keeps to five columns at 100 characters.
    parts.push(
      makeTable(
        [
          { head: 'model', keep: true },
          ...scoreHead,
          { head: 'params', priority: 6 },
          { head: 'context', short: 'ctx', priority: 5 },
          { head: 'licence', priority: 4 },
          { head: 'use cases', priority: 3 },
        ],
        local.map((m) => {
          const p = m.params.active
            ? { text: `${billions(m.params.total)} (${billions(m.params.active)} active)`, short: `${billions(m.params.total)}-A${billions(m.params.active)}` }
            : billions(m.params.total);
          const lines = [m.type === 'embedding' ? `${m.id} ${ui.c.dim(m.role === 'reranker' ? '(reranker)' : '(embedding)')}` : m.id];
          if (m.ollama[0]) lines.push(ui.c.dim(`ollama: ${m.ollama[0].tag}`));
          if (m.supersededBy) lines.push(ui.c.dim(`→ ${m.supersededBy}`));
          // Narrow: the id and its successor, without the role and the Ollama tag.
          const short = [m.id, ...lines.slice(1).filter((l) => !l.includes('ollama: '))];
          return [
            { text: lines.join('\n'), short: short.join('\n') },
            ...scoreCell(m),
            p,
            tokens(m.architecture.maxContext),
            m.license.commercial === 'yes' ? m.license.id : `${m.license.id}\n${ui.c.dim(m.license.commercial === 'restricted' ? 'restricted' : 'non-commercial')}`,
            m.useCases.join(', '),
          ];
        }),
        ui,
      ),
    );
  }
  if (api.length > 0) {
    parts.push(
      makeTable(
        [
          { head: 'id', keep: true },
          ...scoreHead,
          { head: 'provider', priority: 3 },
          { head: 'tier', priority: 2 },
          { head: 'in $/1M', short: 'in', align: 'right', priority: 6 },
          { head: 'out $/1M', short: 'out', align: 'right', priority: 5 },
          { head: 'context', short: 'ctx', align: 'right', priority: 4 },
          { head: 'status', priority: 1 },
        ],
        api.map((m) => [
          m.id,
          ...scoreCell(m),
          m.provider,
          m.tier,
          m.usdPerMillionInput.toFixed(2),
          m.usdPerMillionOutput.toFixed(2),
          tokens(m.contextWindow),
          m.retired ? 'retired' : m.deprecated ? 'deprecated' : m.supersededBy ? 'superseded' : m.lineup ? `current ${m.lineup}` : 'current',
        ]),
        ui,
      ),
    );
    const asOf = [...new Set(api.map((m) => m.asOf))].join(', ');
    parts.push(ui.c.dim(`API prices as of ${asOf} (litellm's price file; see \`--json\` for sources).`));
  }
  if (useCase) parts.push(ui.c.dim(`${useCase} score: 0-1 from sourced benchmarks (docs: quality), best first; ~ mostly estimated. Per-task scores and sources: --json.`));
  const { catalogAsOf } = await import('../../catalog/as-of.js');
  parts.push(ui.c.dim(`${result.count} model(s); → marks the newer model that supersedes one. Catalog facts as of ${catalogAsOf() ?? 'unknown'}. Details and sources: llm-pick models --json`));
  return fitText(parts.join('\n'), ui.textWidth);
}
