// What `fit` estimates (pure): the model as the CLI resolved it from --params, --model, --gguf, --hf
// or --config (shape, quantization, where each came from), and what llama-server is told to load.
import type { VisionSpec } from '../../estimate/vision.js';
import type { FitDocument } from '../../render/fit-schema.js';
import type { QuantId } from '../../estimate/quants.js';
import type { ModelShape } from '../../estimate/types.js';
import type { WeightsDetail } from '../../estimate/weights.js';
import { shellQuote } from '../../util/shell.js';

export interface ModelInput {
  source: FitDocument['model']['source'];
  id: string | null;
  /** --model as typed, resolved to id. */
  typed: string | null;
  name: string;
  path: string | null;
  architecture: string | null;
  shape: ModelShape;
  quant: QuantId;
  quantLabel: string;
  /** flag: --quant (or the model's native format); file: the file's own types; fit: the best that fits the budget (--quant left out). */
  quantSource: FitDocument['quant']['source'];
  weights?: WeightsDetail;
  /** Catalog models: the vision projector (null: none), for --vision. */
  vision?: VisionSpec | null;
  /** Catalog models: repos for the vLLM and llama.cpp commands of scale plans. */
  hf?: { repo: string; ggufRepo: string | null; ggufQuants: string[] };
  warnings: string[];
}

/** What llama-server loads: `-hf REPO:QUANT` when the catalog lists that quant in its GGUF repo, the --gguf file, else null (a placeholder). */
export function ggufReference(input: ModelInput): string | null {
  if (input.source === 'gguf' && input.path) return shellQuote(input.path);
  const hf = input.hf;
  if (!hf?.ggufRepo) return null;
  const norm = (q: string) => q.trim().toUpperCase().replace(/-/g, '_');
  const spelled = hf.ggufQuants.find((q) => norm(q) === norm(input.quant));
  return spelled ? `-hf ${shellQuote(`${hf.ggufRepo}:${spelled}`)}` : null;
}
