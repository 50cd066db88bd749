// Human output of fit's serving section (src/decide/fit/serving.ts).
import type { Ui } from '../core/ui.js';
import type { FitServing } from './fit-schema.js';
import { groupDigits } from '../util/numbers.js';
import { productionStackForServe, type VllmServePlanLike } from '../decide/kubernetes.js';
import { wrapCommand } from './wrap.js';

const tok = (x: number) => (x >= 100 ? groupDigits(Math.round(x)) : x >= 10 ? x.toFixed(0) : x.toFixed(1));
const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;

export function servingLines(s: FitServing, contextLength: number, ui: Ui): string[] {
  const c = ui.c;
  const out: string[] = [];
  const who = `${s.users} user${s.users > 1 ? 's' : ''}`;
  out.push(c.bold(`Serving ${who} with ${s.engine}${s.tensorParallelSize > 1 ? ` (tensor parallel ${s.tensorParallelSize})` : ''}:`));
  if (s.engine === 'vllm' || s.engine === 'sglang') {
    const perGpu = s.tensorParallelSize > 1 ? ' per GPU' : '';
    out.push(`  KV cache pool: ${groupDigits(s.kvCacheTokens)} tokens (${gib(s.kvCacheBytes)}${perGpu}) at --gpu-memory-utilization ${s.gpuMemoryUtilization}; ${s.maxConcurrency.toFixed(2)} requests of ${groupDigits(contextLength)} tokens at once`);
    for (const l of s.logLines) out.push(c.dim(`  as ${s.engine === 'vllm' ? 'vLLM' : 'SGLang'} logs it: ${l}`));
  } else {
    // No slot fits whole: the model runs partly from RAM (the placement above), not in "0 slots".
    const whole =
      s.maxConcurrency > 0
        ? `${s.maxConcurrency} slot${s.maxConcurrency === 1 ? '' : 's'} of ${groupDigits(contextLength)} tokens fit whole`
        : `no slot of ${groupDigits(contextLength)} tokens fits in GPU memory whole`;
    out.push(`  KV cache: -c ${groupDigits(s.kvCacheTokens)} tokens (${gib(s.kvCacheBytes)}), ${gib(s.kvCacheBytesPerSlot)} per slot; ${whole}`);
  }
  if (s.maxModelLen !== null) out.push(`  Longest context per request that starts: ${groupDigits(s.maxModelLen)} tokens${s.starts === false ? c.red(' (this plan does not start)') : ''}`);
  if (s.aggregateDecodeTokensPerSecond !== null && s.perUserDecodeTokensPerSecond !== null) {
    out.push(`  Decode: ${tok(s.aggregateDecodeTokensPerSecond)} tok/s in all, ${tok(s.perUserDecodeTokensPerSecond)} tok/s per user${s.saturatingBatch !== null ? `; compute-bound from ${s.saturatingBatch} concurrent requests` : ''}`);
  }
  if (s.timeToFirstTokenSeconds !== null) out.push(`  Time to first token for a ${groupDigits(s.promptTokens)}-token prompt: ${s.timeToFirstTokenSeconds.toFixed(2)} s (one request alone)`);
  if (s.command) out.push(...wrapCommand(s.command, ui.textWidth, `  ${c.dim('$')} `));
  return out;
}

/** The Kubernetes route (vLLM's production-stack Helm chart) for a multi-node vLLM plan: commands, then notes. */
export function kubernetesLines(plan: VllmServePlanLike, ui: Ui): string[] {
  const k = productionStackForServe(plan);
  if (!k) return [];
  const c = ui.c;
  return [...k.commands.map((cmd) => (cmd.startsWith('#') ? c.dim(`  ${cmd}`) : `  ${cmd}`)), ...k.notes.map((n) => c.dim(`  note: ${n}`))];
}
