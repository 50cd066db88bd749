// fit's model input (reads files and the catalog): --params, --model, --gguf, --hf or --config
// resolved to a shape and a quantization. With --params or --model and no --quant the quantization
// is left open (quant null): run() picks the best that fits once the budget is known.
import type { EmbeddingModel, LocalModel, Model } from '../../catalog/schema.js';
import { UsageError } from '../../core/errors.js';
import type { ModelInput } from '../../decide/fit/model-input.js';
import { resolveQuant, type QuantId } from '../../estimate/quants.js';
import { shapeFromModel, shapeFromParams } from '../../estimate/shape.js';
import type { ModelShape } from '../../estimate/types.js';

export interface InputFlags {
  params?: number | undefined;
  model?: string | undefined;
  gguf?: string | undefined;
  hf?: string | undefined;
  config?: string | undefined;
  quant?: string | undefined;
}

/** A model whose quantization fit chooses (--params or --model without --quant). */
export type OpenQuantInput = Omit<ModelInput, 'quant' | 'quantLabel' | 'quantSource'> & { quant: null };

/** --quant resolved to its canonical id (q4 → Q4_K_M); a name it does not know is a usage error. */
export function flagQuant(quant: string): QuantId {
  const r = resolveQuant(quant);
  if ('error' in r) throw new UsageError(r.error);
  return r.id;
}

/**
 * models: the catalog's models; byId: the catalog's model with this exact id, read without the others
 * where the catalog can (the built-in one), or undefined (then the name is looked up in models()).
 */
export async function modelInput(
  options: InputFlags,
  models: () => Promise<readonly Model[]>,
  byId: (id: string) => Promise<Model | undefined> = async () => undefined,
): Promise<ModelInput | OpenQuantInput> {
  const given = [options.params, options.model, options.gguf, options.hf, options.config].filter((x) => x !== undefined).length;
  if (given !== 1) {
    throw new UsageError(
      given === 0
        ? 'fit needs a model: give exactly one of --params B (billions), --model ID (see `llm-pick models`), --gguf FILE, --hf DIR or --config FILE'
        : 'give exactly one of --params, --model, --gguf, --hf or --config, not several',
    );
  }
  if (options.hf !== undefined || options.config !== undefined) return localFolderInput(options);
  if (options.gguf !== undefined) {
    if (options.quant !== undefined) {
      throw new UsageError('--quant cannot be combined with --gguf: the file\'s own tensor types are used (drop --quant, or use --model ID --quant X)');
    }
    const { readGgufFile, GgufReadError } = await import('../../gguf/read.js');
    try {
      const file = await readGgufFile(options.gguf);
      return {
        source: 'gguf',
        id: null,
        typed: null,
        name: file.name ?? file.path,
        path: file.path,
        architecture: file.architecture,
        shape: file.shape,
        quant: file.quant ?? 'F16',
        quantLabel: file.quantLabel,
        quantSource: 'file',
        weights: file.weights,
        warnings: file.warnings,
      };
    } catch (e) {
      if (e instanceof GgufReadError) throw new UsageError(`--gguf ${e.message}`);
      throw e;
    }
  }
  if (options.params !== undefined) {
    const shape = shapeFromParams(options.params);
    const common = { source: 'params' as const, id: null, typed: null, name: `${options.params} B-parameter dense model`, path: null, architecture: null, shape, warnings: [] };
    if (options.quant === undefined) return { ...common, quant: null };
    const quant = flagQuant(options.quant);
    return { ...common, quant, quantLabel: quant, quantSource: 'flag' };
  }
  const { idKey, resolvedById, resolveFor, isLocalOrEmbedding } = await import('../../catalog/resolve-model.js');
  const key = idKey(options.model!);
  const r =
    resolvedById(options.model!, key === null ? undefined : await byId(key), isLocalOrEmbedding) ??
    resolveFor(await models(), options.model!, { flag: '--model', accept: isLocalOrEmbedding, what: 'a local model', list: 'llm-pick models --type local' });
  if ('error' in r) throw new UsageError(r.error);
  const found = r.model;
  const local = found as LocalModel | EmbeddingModel;
  const shape = shapeFromModel(local);
  const common = {
    source: 'catalog' as const,
    id: local.id,
    typed: r.typed,
    name: local.name,
    path: null,
    architecture: null,
    shape,
    hf: { repo: local.hf.repo, ggufRepo: local.hf.ggufRepo, ggufQuants: local.hf.ggufQuants },
    vision: local.type === 'local' ? (local.vision ?? null) : null,
    warnings: r.note ? [r.note] : [],
  };
  // Experts released in MXFP4 (gpt-oss) are what every GGUF of the model keeps: that is the default.
  const quant = options.quant !== undefined ? flagQuant(options.quant) : shape.nativeExpertType === 'MXFP4' ? 'MXFP4' : null;
  if (quant === null) return { ...common, quant: null };
  return { ...common, quant, quantLabel: quant, quantSource: 'flag' };
}

/** --hf DIR (exact tensors from the safetensors headers, or --quant for another format) and --config FILE (shape only). */
async function localFolderInput(options: InputFlags): Promise<ModelInput> {
  const { readHfFolder, readHfConfig, HfFolderError } = await import('../../installed/hf-folder.js');
  const { basename, join } = await import('node:path');
  const flag = options.hf !== undefined ? '--hf' : '--config';
  try {
    if (options.config !== undefined) {
      if (options.quant === undefined) throw new UsageError('--quant is required with --config (a config.json has the shape, not the weights): q4, q8, fp16, Q4_K_M, ...');
      const quant = flagQuant(options.quant);
      const { raw, shape } = await readHfConfig(options.config);
      return folderModel('config', options.config, raw, shape, quant, quant, 'flag');
    }
    const dir = options.hf!;
    if (options.quant !== undefined) {
      // Another format of the same model: the shape from config.json, the weights estimated at --quant.
      const quant = flagQuant(options.quant);
      const { raw, shape } = await readHfConfig(join(dir, 'config.json'));
      return folderModel('hf', dir, raw, shape, quant, quant, 'flag');
    }
    const m = await readHfFolder(dir);
    const input = folderModel('hf', dir, { architectures: [m.architecture] }, m.shape, storedQuantId(m.quantLabel), m.quantLabel, 'file');
    // An HF cache snapshot (models--org--name/snapshots/<rev>) is named by its repo id.
    const trimmed = dir.replace(/[\\/]+$/, '');
    const cached = /models--([^\\/]+?)--([^\\/]+)[\\/]snapshots[\\/][^\\/]+$/.exec(trimmed);
    return { ...input, name: cached ? `${cached[1]}/${cached[2]}` : basename(trimmed), weights: m.weights };
  } catch (e) {
    if (e instanceof HfFolderError) throw new UsageError(`${flag} ${e.message}`);
    throw e;
  }
}

function folderModel(source: 'hf' | 'config', path: string, raw: unknown, shape: ModelShape, quant: QuantId, quantLabel: string, quantSource: 'flag' | 'file'): ModelInput {
  const archs = (raw as { architectures?: unknown[] }).architectures;
  const name = (raw as { _name_or_path?: unknown })._name_or_path;
  return {
    source,
    id: null,
    typed: null,
    name: typeof name === 'string' && name ? name : path,
    path,
    architecture: Array.isArray(archs) && typeof archs[0] === 'string' ? archs[0] : null,
    shape,
    quant,
    quantLabel,
    quantSource,
    warnings: [],
  };
}

/** A checkpoint's stored format as the estimator's quant id (the exact bytes come from the headers anyway). */
function storedQuantId(label: string): QuantId {
  const r = resolveQuant(label);
  return 'id' in r ? r.id : 'BF16';
}
