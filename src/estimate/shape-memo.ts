// One cache of a per-shape computation for the length of a run: keyed by the shape object (shapes
// are not mutated once built, and a WeakMap lets a shape go with its results) and a string of the
// other inputs. Used by the weights and KV cache estimates, which ranking and fit ask for again
// and again with the same shape.
import type { ModelShape } from './types.js';

/** A get-or-compute function over (shape, key): `compute` runs once per pair. */
export function shapeMemo<T>(): (shape: ModelShape, key: string, compute: () => T) => T {
  const memo = new WeakMap<ModelShape, Map<string, T>>();
  return (shape, key, compute) => {
    let byKey = memo.get(shape);
    if (!byKey) {
      byKey = new Map();
      memo.set(shape, byKey);
    }
    let value = byKey.get(key);
    if (value === undefined) {
      value = compute();
      byKey.set(key, value);
    }
    return value;
  };
}
