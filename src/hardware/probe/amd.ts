// AMD GPUs from rocm-smi (Linux, ROCm installed), bounded by a timeout.
import { firstLine } from '../parse/nvidia-smi.js';
import { ROCM_SMI_ARGS, parseRocmSmiJson } from '../parse/rocm-smi.js';
import type { ToolProbe } from './nvidia.js';
import type { ToolRunner } from './types.js';

export const ROCM_SMI = 'rocm-smi';

export async function probeRocm(run: ToolRunner, timeoutMs: number): Promise<ToolProbe> {
  const result = await run(ROCM_SMI, ROCM_SMI_ARGS, timeoutMs);
  if (result.kind === 'missing') return { status: 'missing', gpus: [], warnings: [], probe: 'rocm-smi: not installed' };
  if (result.kind === 'timeout') {
    const s = `${Math.round(timeoutMs / 100) / 10} s`;
    return {
      status: 'timeout',
      gpus: [],
      warnings: [`rocm-smi did not answer within ${s}; AMD GPU memory was not read`],
      probe: `rocm-smi: no answer within ${s}`,
    };
  }
  if (result.kind === 'failed') {
    const said = firstLine(result.stderr) || firstLine(result.stdout);
    return {
      status: 'failed',
      gpus: [],
      warnings: [`rocm-smi failed${result.exitCode !== null ? ` (exit ${result.exitCode})` : ''}${said ? `: ${said}` : ''}; AMD GPU memory was not read`],
      probe: 'rocm-smi: failed',
    };
  }
  const parsed = parseRocmSmiJson(result.stdout);
  const n = parsed.gpus.length;
  return {
    status: n > 0 ? 'ok' : 'failed',
    gpus: parsed.gpus,
    warnings: parsed.warnings,
    probe: `rocm-smi: ${n === 1 ? '1 GPU' : `${n} GPUs`}`,
  };
}
