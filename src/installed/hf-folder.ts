// A local Transformers model folder (or an HF cache snapshot): config.json for the shape,
// the safetensors headers for the exact tensors. Reads headers only; never the network.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelShape } from '../estimate/types.js';
import { summarizeTensors, type WeightsDetail } from '../estimate/weights.js';
import { HfConfigError, shapeFromHfConfig, storedQuantOf } from './hf-config.js';
import { placeSafetensor, readSafetensorsHeader, SafetensorsError } from './safetensors.js';

export class HfFolderError extends Error {}

export interface HfFolderModel {
  dir: string;
  modelType: string;
  architecture: string | null;
  shape: ModelShape;
  /** Exact tensors from the safetensors headers. */
  weights: WeightsDetail;
  /** From quantization_config / torch_dtype, else the dtype holding most bytes. */
  quantLabel: string;
  files: number;
  fileBytes: number;
}

/** Read and map config.json; errors name the file and field. */
export async function readHfConfig(file: string): Promise<{ raw: unknown; shape: ModelShape & { modelType: string } }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new HfFolderError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new HfFolderError(`${file}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  try {
    return { raw, shape: shapeFromHfConfig(raw, file) };
  } catch (e) {
    if (e instanceof HfConfigError) throw new HfFolderError(e.message);
    throw e;
  }
}

export async function readHfFolder(dir: string): Promise<HfFolderModel> {
  let names: string[];
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) throw new HfFolderError(`${dir}: not a folder; give a model folder with config.json and *.safetensors`);
    names = await readdir(dir);
  } catch (e) {
    if (e instanceof HfFolderError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new HfFolderError(`${dir}: ${code === 'ENOENT' ? 'no such folder' : `cannot be read (${code ?? 'error'})`}`);
  }
  const { raw, shape } = await readHfConfig(join(dir, 'config.json'));
  const files = names.filter((n) => n.endsWith('.safetensors')).sort();
  if (files.length === 0) throw new HfFolderError(`${dir}: no *.safetensors files next to config.json (use --config FILE --quant Q for the shape alone)`);
  const placed = [];
  let fileBytes = 0;
  const bytesByDtype = new Map<string, number>();
  for (const f of files) {
    try {
      const h = await readSafetensorsHeader(join(dir, f));
      fileBytes += h.fileBytes;
      for (const t of h.tensors) {
        placed.push(placeSafetensor(t));
        bytesByDtype.set(t.dtype, (bytesByDtype.get(t.dtype) ?? 0) + t.bytes);
      }
    } catch (e) {
      if (e instanceof SafetensorsError) throw new HfFolderError(e.message);
      throw e;
    }
  }
  const ratio = shape.moe ? shape.moe.activeExperts / shape.moe.experts : 1;
  const weights = summarizeTensors(placed, shape.layers, ratio);
  // The header's parameter count replaces the layout's (vision towers, packed formats are what they are).
  const routed = placed.filter((t) => t.routed).reduce((a, t) => a + t.cols * t.rows * t.experts, 0);
  shape.totalParams = weights.params;
  shape.activeParams = weights.params - routed * (1 - ratio);
  const dominant = [...bytesByDtype.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';
  const archs = (raw as { architectures?: unknown }).architectures;
  return {
    dir,
    modelType: shape.modelType,
    architecture: Array.isArray(archs) && typeof archs[0] === 'string' ? archs[0] : null,
    shape,
    weights,
    quantLabel: storedQuantOf(raw) ?? dominant,
    files: files.length,
    fileBytes,
  };
}
