// Vision projector (mmproj) memory and image tokens, as llama.cpp's mtmd loads and runs it. Pure.
//
// - `llama-server -m MODEL.gguf --mmproj MMPROJ.gguf` loads the projector (the vision encoder and
//   its projection into the text model's width) on the GPU by default (--no-mmproj-offload keeps
//   it on the CPU), and allocates one compute buffer for encoding an image, sized at warm-up for
//   the largest image the projector takes (clip.cpp alloc_compute_meta: "compute buffer size").
// - Each image becomes tokensPerImage embeddings that take their place in the context like any
//   other token: images × tokensPerImage must fit inside -c.

/** A model's projector as the catalog describes it (src/catalog/schema.ts VisionSchema). */
export interface VisionSpec {
  /** The mmproj file's tensors as llama.cpp loads them ("load_hparams: model size"). */
  projectorBytes: number;
  /** The clip compute buffer with flash attention on (llama.cpp's default, "auto"). */
  computeBufferBytes: number;
  /** The clip compute buffer with flash attention off, when published. */
  computeBufferBytesNoFlashAttn?: number;
  /** Image embeddings one image adds to the context (the largest image, for dynamic-resolution projectors). */
  tokensPerImage: number;
}

export interface VisionEstimate {
  images: number;
  tokensPerImage: number;
  imageTokens: number;
  projectorBytes: number;
  computeBufferBytes: number;
  /** projectorBytes + computeBufferBytes: what --mmproj adds to the memory. */
  bytes: number;
  /** Flash attention off and no published buffer for it: the buffer shown is the flash-attention one, an underestimate. */
  computeBufferUnderstated: boolean;
  explanation: string;
}

const MIB = 2 ** 20;
const mib = (b: number) => `${(b / MIB).toFixed(2)} MiB`;

/** Projector, compute buffer and image tokens for `images` images (one compute buffer: images are encoded one at a time); onGpu false: CPU only. */
export function estimateVision(spec: VisionSpec, images: number, flashAttn: boolean, onGpu = true): VisionEstimate {
  const n = Math.max(0, Math.floor(images));
  const noFa = !flashAttn && spec.computeBufferBytesNoFlashAttn !== undefined;
  const computeBufferBytes = noFa ? spec.computeBufferBytesNoFlashAttn! : spec.computeBufferBytes;
  const computeBufferUnderstated = !flashAttn && !noFa;
  const imageTokens = n * spec.tokensPerImage;
  const bytes = spec.projectorBytes + computeBufferBytes;
  const fa = flashAttn ? 'flash attention on' : noFa ? 'flash attention off' : 'measured with flash attention on; larger without it';
  const explanation =
    `mmproj ${mib(spec.projectorBytes)} + compute buffer ${mib(computeBufferBytes)} (${fa}), ${onGpu ? 'on the first GPU as llama.cpp\'s mtmd loads it by default' : 'in RAM (CPU only; the buffer is the one measured on a GPU)'}; ` +
    `${n} image${n === 1 ? '' : 's'} × ${spec.tokensPerImage} tokens = ${imageTokens} tokens inside the context; ` +
    'llama-server -hf REPO:QUANT downloads the repo\'s mmproj by itself, -m FILE needs --mmproj MMPROJ.gguf';
  return { images: n, tokensPerImage: spec.tokensPerImage, imageTokens, projectorBytes: spec.projectorBytes, computeBufferBytes, bytes, computeBufferUnderstated, explanation };
}

/** Null when the images fit the context; otherwise the one-line reason (image tokens must leave room for text). */
export function imageTokensProblem(v: Pick<VisionEstimate, 'images' | 'tokensPerImage' | 'imageTokens'>, contextLength: number): string | null {
  if (v.imageTokens < contextLength) return null;
  const most = Math.floor((contextLength - 1) / v.tokensPerImage);
  return (
    `--images ${v.images} × ${v.tokensPerImage} tokens per image = ${v.imageTokens} tokens, which fill the --ctx ${contextLength} context with no room for text: ` +
    `give --ctx above ${v.imageTokens}${most >= 1 ? ` or --images ${most} or fewer` : ''}`
  );
}
