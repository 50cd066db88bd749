// Checks a generated setup command against the catalog and the memory plan:
// every tag, repo and quant must exist for the model, every number must agree.
import type { Catalog, LocalModel, EmbeddingModel } from '../../src/catalog/schema.js';
import type { LocalPick } from '../../src/decide/output-schema.js';
import { normalizeQuantName } from '../../src/decide/quants.js';
import { VLLM_MAX_GPU_UTILIZATION } from '../../src/decide/setup.js';
import type { HardwarePlan } from '../../src/hardware/types.js';

function flag(parts: string[], name: string): string | undefined {
  const i = parts.indexOf(name);
  return i >= 0 ? parts[i + 1] : undefined;
}

/** Returns the problems found (empty when every command is valid). */
export function setupProblems(commands: readonly string[], engine: string, pick: LocalPick, quant: string, catalog: Catalog, hardware: HardwarePlan): string[] {
  const found = catalog.models.find((m) => m.id === pick.modelId);
  if (!found || found.type === 'api') return [`${pick.modelId} is not a local model of the catalog`];
  const model: LocalModel | EmbeddingModel = found;
  const problems: string[] = [];
  const sameQuant = (a: string, b: string) => normalizeQuantName(a) === normalizeQuantName(b);
  if (commands.length === 0) problems.push('no commands');
  for (const cmd of commands) {
    const parts = cmd.split(/\s+/);
    if (engine === 'ollama') {
      const m = /^ollama (pull|run) (\S+)$/.exec(cmd);
      if (m) {
        const tag = model.ollama.find((t) => t.tag === m[2]);
        if (!tag) problems.push(`unknown Ollama tag ${m[2]}`);
        else if (!sameQuant(tag.quant, quant)) problems.push(`tag ${m[2]} is ${tag.quant}, not ${quant}`);
        continue;
      }
      const ctx = /^OLLAMA_CONTEXT_LENGTH=(\d+) ollama serve$/.exec(cmd);
      if (ctx) {
        if (Number(ctx[1]) !== pick.contextLength) problems.push(`OLLAMA_CONTEXT_LENGTH ${ctx[1]} ≠ ${pick.contextLength}`);
        continue;
      }
      const embed = /^curl http:\/\/localhost:11434\/api\/embed -d '(.*)'$/.exec(cmd);
      if (embed) {
        const body = JSON.parse(embed[1]!) as { model: string; options: { num_ctx: number } };
        if (!model.ollama.some((t) => t.tag === body.model)) problems.push(`unknown Ollama tag ${body.model}`);
        if (body.options.num_ctx !== pick.contextLength) problems.push('num_ctx differs from the plan');
        continue;
      }
      problems.push(`unexpected Ollama command: ${cmd}`);
    } else if (engine === 'llama.cpp') {
      if (parts[0] !== 'llama-server') {
        problems.push(`unexpected llama.cpp command: ${cmd}`);
        continue;
      }
      const hf = flag(parts, '-hf') ?? '';
      const [repo, repoQuant] = hf.split(':');
      if (repo !== model.hf.ggufRepo) problems.push(`repo ${repo} is not ${model.hf.ggufRepo}`);
      if (!repoQuant || !model.hf.ggufQuants.includes(repoQuant)) problems.push(`quant ${repoQuant} not in ggufQuants`);
      else if (!sameQuant(repoQuant, quant)) problems.push(`-hf quant ${repoQuant} ≠ ${quant}`);
      if (Number(flag(parts, '-c')) !== pick.contextLength) problems.push(`-c ${flag(parts, '-c')} ≠ ${pick.contextLength}`);
      // One slot, as the plan counts (llama-server starts 4 by default).
      if (flag(parts, '-np') !== '1') problems.push(`-np ${flag(parts, '-np')} ≠ 1`);
      const ngl = Number(flag(parts, '-ngl'));
      const layers = model.architecture.layers;
      if (quant === pick.quant) {
        // Experts in RAM (--n-cpu-moe N) keep every layer and the output on the GPU.
        const cpuMoe = flag(parts, '--n-cpu-moe');
        const expected = cpuMoe !== undefined ? layers + 1 : pick.placement === 'offload' ? pick.offload!.gpuLayers : pick.placement === 'cpu' ? 0 : layers + 1;
        if (ngl !== expected) problems.push(`-ngl ${ngl} ≠ ${expected} (${pick.placement})`);
        if (cpuMoe !== undefined && !(pick.placement === 'offload' && Number(cpuMoe) >= 1 && Number(cpuMoe) <= layers)) problems.push(`--n-cpu-moe ${cpuMoe} on a ${pick.placement} pick`);
      } else if (!(ngl >= 0 && ngl <= layers + 1)) {
        problems.push(`-ngl ${ngl} out of range`);
      }
      if (model.type === 'embedding' && !parts.includes('--embedding')) problems.push('embedding model without --embedding');
    } else if (engine === 'vllm') {
      if (!cmd.startsWith('vllm serve ')) {
        problems.push(`unexpected vLLM command: ${cmd}`);
        continue;
      }
      if (parts[2] !== model.hf.repo) problems.push(`repo ${parts[2]} is not ${model.hf.repo}`);
      if (Number(flag(parts, '--max-model-len')) !== pick.contextLength) problems.push('--max-model-len differs from the plan');
      const util = Number(flag(parts, '--gpu-memory-utilization'));
      const gpus = hardware.budget?.gpus ?? 1;
      const card = hardware.gpus[0]?.vramBytes ?? 0;
      if (!(util > 0 && util <= VLLM_MAX_GPU_UTILIZATION)) problems.push(`utilization ${util} out of range`);
      if (quant === pick.quant && util * card * gpus < pick.memory.totalBytes) problems.push('utilization does not hold the plan');
      const tp = flag(parts, '--tensor-parallel-size');
      if (gpus > 1 ? Number(tp) !== gpus : tp !== undefined) problems.push(`--tensor-parallel-size ${tp} with ${gpus} GPUs`);
      const q = flag(parts, '--quantization');
      if ((normalizeQuantName(quant) === 'FP8') !== (q === 'fp8')) problems.push(`--quantization ${q} for ${quant}`);
    } else {
      problems.push(`unknown engine ${engine}`);
    }
  }
  return problems;
}

/** Problems of a pick's own setup and of each alternative. */
export function pickSetupProblems(pick: LocalPick, catalog: Catalog, hardware: HardwarePlan): string[] {
  return [
    ...setupProblems(pick.setup, pick.engine, pick, pick.quant, catalog, hardware),
    ...pick.alternatives.flatMap((a) => setupProblems(a.setup, a.engine, pick, a.quant, catalog, hardware).map((p) => `alternative ${a.engine}: ${p}`)),
  ];
}
