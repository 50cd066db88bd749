// The measured model's exact shape, when the catalog knows it: a catalog model with the same
// parameter count (within 2%), preferring one whose repo name is in the measured file's name.
// With it, the generic estimate of the measured model uses the same tensor layout as `fit --model`,
// so the efficiency carried to other models is not skewed by a synthesized shape. Pure.
import type { EmbeddingModel, LocalModel } from '../catalog/schema.js';
import type { CalibrationEntry } from '../estimate/calibrated-speed.js';
import { shapeFromModel } from '../estimate/shape.js';

const SAME_PARAMS = 0.02;
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

export function withReferenceShapes(entries: readonly CalibrationEntry[], models: readonly (LocalModel | EmbeddingModel)[]): CalibrationEntry[] {
  return entries.map((e) => {
    if (e.params <= 0) return e;
    const close = models.filter((m) => m.type === 'local' && Math.abs(Math.log(m.params.total / e.params)) < SAME_PARAMS);
    if (close.length === 0) return e;
    const file = norm(e.modelFile ?? '');
    const named = close.find((m) => file.includes(norm(m.hf.repo.split('/')[1]!))) ?? close[0]!;
    return { ...e, referenceShape: shapeFromModel(named), referenceModelId: named.id };
  });
}
