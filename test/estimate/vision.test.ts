// The vision projector (mmproj): memory, image tokens, and how they move the fit verdicts.
import { describe, expect, it } from 'vitest';
import { bestQuantThatFits, checkFit, maxContextThatFits } from '../../src/estimate/fit.js';
import type { MemoryBudget } from '../../src/estimate/types.js';
import { estimateVision, imageTokensProblem, type VisionSpec } from '../../src/estimate/vision.js';
import { GiB, gpu, req } from './requests.js';

const MiB = 2 ** 20;
// gemma-3-4b's projector as llama.cpp logs it (PR ggml-org/llama.cpp#22790): "load_hparams: model size: 811.79 MiB",
// "alloc_compute_meta: CUDA0 compute buffer size = 121.25 MiB"; 1132.00 MiB without flash attention (PR #16837).
const GEMMA3: VisionSpec = {
  projectorBytes: Math.round(811.79 * MiB),
  computeBufferBytes: Math.round(121.25 * MiB),
  computeBufferBytesNoFlashAttn: Math.round(1132 * MiB),
  tokensPerImage: 256,
};
describe('estimateVision', () => {
  it('projector + compute buffer, images × tokens per image', () => {
    const v = estimateVision(GEMMA3, 3, true);
    expect(v.bytes).toBe(GEMMA3.projectorBytes + GEMMA3.computeBufferBytes);
    expect(v.imageTokens).toBe(768);
    expect(v.computeBufferUnderstated).toBe(false);
    expect(v.explanation).toContain('811.79 MiB');
    expect(v.explanation).toContain('121.25 MiB');
  });

  it('flash attention off uses the published no-flash-attention buffer, or flags the flash-attention one as low', () => {
    expect(estimateVision(GEMMA3, 1, false).computeBufferBytes).toBe(Math.round(1132 * MiB));
    const { computeBufferBytesNoFlashAttn: _none, ...onlyFa } = GEMMA3;
    const v = estimateVision(onlyFa, 1, false);
    expect(v.computeBufferBytes).toBe(GEMMA3.computeBufferBytes);
    expect(v.computeBufferUnderstated).toBe(true);
  });

  it('image tokens must leave room for text in the context', () => {
    expect(imageTokensProblem(estimateVision(GEMMA3, 31, true), 8192)).toBeNull();
    const p = imageTokensProblem(estimateVision(GEMMA3, 40, true), 8192);
    expect(p).toContain('--images 40');
    expect(p).toContain('--ctx 8192');
    expect(p).toContain('10240');
    expect(p).toContain('--images 31 or fewer');
    expect(imageTokensProblem(estimateVision(GEMMA3, 32, true), 8192)).not.toBeNull();
  });
});

describe('vision in the fit verdicts', () => {
  const vision = { spec: GEMMA3, images: 1 };

  it('the total grows by exactly the projector and its buffer, placed on the first GPU', () => {
    const without = checkFit(req({ budget: gpu(24, 2) }));
    const withV = checkFit(req({ budget: gpu(24, 2), vision }));
    const add = GEMMA3.projectorBytes + GEMMA3.computeBufferBytes;
    expect(withV.memory.visionBytes).toBe(add);
    expect(without.memory.visionBytes).toBe(0);
    expect(withV.memory.totalBytes - without.memory.totalBytes).toBe(add);
    expect(withV.split![0]!.bytes - without.split![0]!.bytes).toBe(add);
    expect(withV.split![1]!.bytes).toBe(without.split![1]!.bytes);
  });

  it('fits without vision, not with it: the verdict, the largest context and the best quantization follow', () => {
    const base = checkFit(req({ budget: null }));
    // A card with room for the text model and half the projector.
    const budget = gpu((base.memory.totalBytes + (GEMMA3.projectorBytes + GEMMA3.computeBufferBytes) / 2) / GiB);
    expect(checkFit(req({ budget })).fits).toBe(true);
    expect(checkFit(req({ budget, vision })).fits).toBe(false);
    expect(maxContextThatFits(req({ budget, vision }))!).toBeLessThan(maxContextThatFits(req({ budget }))!);
    const bestText = bestQuantThatFits(req({ budget }));
    const bestVision = bestQuantThatFits(req({ budget, vision }));
    expect(bestText).toBe('Q4_K_M');
    expect(bestVision).not.toBe('Q4_K_M');
  });

  it('CPU only: counted in RAM', () => {
    const cpu: MemoryBudget = { vramBytesPerGpu: 0, gpus: 0, ramBytes: 64 * GiB, unifiedMemory: false };
    const a = checkFit(req({ budget: cpu }));
    const b = checkFit(req({ budget: cpu, vision }));
    expect(b.headroomBytes! - a.headroomBytes!).toBe(-(GEMMA3.projectorBytes + GEMMA3.computeBufferBytes));
    expect(b.memory.vision!.explanation).toContain('in RAM');
    expect(checkFit(req({ vision })).memory.vision!.explanation).toContain('on the first GPU');
  });

  it('the largest context stays above the image tokens (null when even that does not fit)', () => {
    const many = { spec: GEMMA3, images: 64 }; // 16,384 image tokens
    const m = maxContextThatFits(req({ vision: many }));
    expect(m).toBeGreaterThan(16384);
    const base = checkFit(req({ budget: null, contextLength: 4096 }));
    const tight = gpu((base.memory.totalBytes + GEMMA3.projectorBytes + GEMMA3.computeBufferBytes) / GiB);
    expect(maxContextThatFits(req({ budget: tight, vision: many }))).toBeNull();
  });
});
