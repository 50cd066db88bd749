// `llm-pick catalog validate FILE`: exit 0 valid; 1 with every error listed;
// 2 when the file cannot be read or parsed.
import type { Ui } from '../../core/ui.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../../core/errors.js';
import { loadBuiltinCatalog, loadCatalog, mergeUserCatalog, readCatalogText } from '../../catalog/load.js';

export interface ValidateOptions {
  args: string[];
}

export interface ValidateResult {
  schemaVersion: 1;
  kind: 'catalog-validate';
  file: string;
  valid: boolean;
  /** Entries of each section after merging over the built-in catalog and any --catalog files (null when invalid). */
  counts: { models: number; gpus: number; quants: number; engines: number } | null;
  errors: string[];
  warnings: string[];
}

export async function run(options: ValidateOptions, ctx: CommandContext): Promise<ValidateResult> {
  const file = options.args[0];
  if (!file) throw new UsageError('catalog validate needs a FILE (YAML or JSON)');
  const read = readCatalogText(file, 'catalog validate');
  if ('error' in read) throw new UsageError(read.error);
  const { parseText } = await import('../../catalog/parse.js');
  const parsed = parseText(read.text, file);
  if (!parsed.value) throw new UsageError(`cannot parse ${parsed.errors[0] ?? file}`);
  // Over the built-in catalog and any --catalog files (a bad --catalog is an error, not ignored).
  const base = ctx.catalogFiles.length > 0 ? await loadCatalog(ctx.catalogFiles) : loadBuiltinCatalog();
  const result = await mergeUserCatalog(base, file, read.text);
  const c = result.value;
  return {
    schemaVersion: 1,
    kind: 'catalog-validate',
    file,
    valid: c !== null,
    counts: c ? { models: c.models.length, gpus: c.gpus.length, quants: c.quants.length, engines: c.engines.length } : null,
    errors: result.errors,
    warnings: result.warnings,
  };
}

export function exitCode(result: ValidateResult): number {
  return result.valid ? 0 : 1;
}

export function render(result: ValidateResult, ui: Ui): string {
  const lines = result.warnings.map((w) => ui.c.yellow(`warning: ${w}`));
  if (result.valid && result.counts) {
    const n = result.counts;
    lines.push(
      `${ui.c.green('✓')} ${result.file} is valid. Merged over the built-in catalog: ${n.models} models, ${n.gpus} GPUs, ${n.quants} quants, ${n.engines} engines.`,
    );
  } else {
    lines.push(...result.errors.map((e) => ui.c.red(e)));
    lines.push(`${ui.c.red('✗')} ${result.file}: ${result.errors.length} error(s).`);
  }
  return lines.join('\n');
}
