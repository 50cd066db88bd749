// `fit --vision [--images N]`: checks the flags against the model, builds the vision part of the
// fit request, and the `vision` object of the fit document. The arithmetic is src/estimate/vision.ts.
import type { LocalModel, Model } from '../../catalog/schema.js';
import { UsageError } from '../../core/errors.js';
import { estimateVision, imageTokensProblem, type VisionSpec } from '../../estimate/vision.js';
import type { FitDocument } from '../../render/fit-schema.js';

export interface VisionFlags {
  vision?: boolean;
  images?: number;
}

/** The model as fit sees it: a catalog model carries its projector (or null); other sources none. */
interface VisionModel {
  source: FitDocument['model']['source'];
  id: string | null;
  vision?: VisionSpec | null;
}

/**
 * The `vision` part of the fit request ({} without --vision). Exit 2 when --images comes without
 * --vision, the model has no projector in the catalog, or the images fill the context.
 */
export async function visionRequest(
  flags: VisionFlags,
  model: VisionModel,
  opts: { contextLength: number; flashAttn: boolean },
  models: () => Promise<readonly Model[]>,
): Promise<{ vision?: { spec: VisionSpec; images: number } }> {
  if (!flags.vision) {
    if (flags.images !== undefined) throw new UsageError('--images counts images for --vision: add --vision (or drop --images)');
    return {};
  }
  if (model.source !== 'catalog') throw new UsageError('--vision needs --model with a catalog projector (the mmproj sizes come from the catalog)');
  if (!model.vision) {
    const withOne = (await models())
      .filter((m): m is LocalModel => m.type === 'local' && !!m.vision)
      .map((m) => m.id)
      .sort();
    throw new UsageError(`${model.id} has no vision projector in the catalog (models with one: ${withOne.join(', ') || 'none'})`);
  }
  const images = flags.images ?? 1;
  const problem = imageTokensProblem(estimateVision(model.vision, images, opts.flashAttn), opts.contextLength);
  if (problem) throw new UsageError(problem);
  return { vision: { spec: model.vision, images } };
}

/** The document's `vision` object; null without --vision. */
