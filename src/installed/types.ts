// What a scan of the model stores finds (scan.ts, store-scanners.ts).
import type { ModelShape } from '../estimate/types.js';
import type { WeightsDetail } from '../estimate/weights.js';
import type { StoreKind, StoreRoot } from './stores.js';

export interface FoundModel {
  store: StoreKind;
  /** As the store names it: an Ollama tag, an HF repo id (with the file for GGUF repos), a path under the store. */
  name: string;
  /** The file (GGUF) or folder (safetensors snapshot) that holds the weights. */
  path: string;
  format: 'gguf' | 'safetensors';
  /** Bytes on disk of the weights file(s). */
  sizeBytes: number;
  quant: string;
  /** GGUF quant id when known (for the estimator). */
  quantId: string | null;
  architecture: string | null;
  /** GGUF general.name. */
  ggufName: string | null;
  /** HF repo id when the store knows it (HF cache, LM Studio publisher/repo folders, llama.cpp cache names). */
  repo: string | null;
  shape: ModelShape;
  weights: WeightsDetail;
}

export interface ScanProblem {
  store: StoreKind;
  path: string;
  problem: string;
}

export interface ScanResult {
  models: FoundModel[];
  problems: ScanProblem[];
  /** Stores looked at, and whether each exists. */
  stores: (StoreRoot & { exists: boolean })[];
}
