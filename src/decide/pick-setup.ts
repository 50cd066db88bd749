// Setup commands of a candidate, per engine (shared by the generator and the
// embedding model of a RAG pipeline).
import type { Candidate, CandidateEnv } from './candidates.js';
import { gpuCount } from './hardware-view.js';
import { llamaCppSetup, ollamaSetup, type Setup, vllmSetup } from './setup.js';
import type { KvCacheType } from '../estimate/types.js';

export function setupFor(c: Candidate, kvCacheType: KvCacheType, env: CandidateEnv): Setup | null {
  const table = env.table;
  if (c.engine === 'ollama') return ollamaSetup(c.model, c.quant.id, c.contextLength, table);
  if (c.engine === 'llama.cpp') return llamaCppSetup(c.model, c.quant.id, c.contextLength, c.plan, kvCacheType, table);
  const card = env.hardware.gpus[0]?.vramBytes ?? 0;
  return vllmSetup(c.model, c.quant.id, c.contextLength, c.plan, gpuCount(env.hardware), card);
}
