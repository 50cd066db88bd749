// The vision part of the fit document and its warnings (pure), from the verdict's memory.
import type { FitVerdict } from '../../estimate/fit.js';
import type { FitDocument } from '../../render/fit-schema.js';

export function visionDoc(v: FitVerdict): FitDocument['vision'] {
  const x = v.memory.vision;
  if (!x) return null;
  return { images: x.images, tokensPerImage: x.tokensPerImage, imageTokens: x.imageTokens, projectorBytes: x.projectorBytes, computeBufferBytes: x.computeBufferBytes };
}

/** Warnings of a vision estimate (flash attention off without a published buffer for it; dynamic-resolution token counts). */
export function visionWarnings(v: FitVerdict): string[] {
  const x = v.memory.vision;
  if (!x) return [];
  return x.computeBufferUnderstated
    ? ['--vision with --no-flash-attn: the projector\'s compute buffer is counted at its flash-attention size (the only one published for this model); without flash attention it is several times larger']
    : [];
}
