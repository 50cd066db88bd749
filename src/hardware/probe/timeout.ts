// Bound a promise we cannot cancel (systeminformation): stop waiting, never hang.

export type Bounded<T> = { kind: 'ok'; value: T } | { kind: 'timeout' } | { kind: 'error'; error: unknown };

export function withTimeout<T>(work: Promise<T> | (() => Promise<T>), ms: number): Promise<Bounded<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), ms);
    let p: Promise<T>;
    try {
      p = typeof work === 'function' ? work() : work;
    } catch (error) {
      clearTimeout(timer);
      resolve({ kind: 'error', error });
      return;
    }
    p.then(
      (value) => {
        clearTimeout(timer);
        resolve({ kind: 'ok', value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ kind: 'error', error });
      },
    );
  });
}

/**
 * withTimeout's answer for work that waits on nothing (synchronous reads behind a promise, as
 * FsReader.immediate says), without a timer: a process's first setTimeout and clearTimeout
 * took 0.7 ms together on this project's VM (Node 20, hrtime around the calls), more than the
 * reads they would bound.
 */
export function settle<T>(work: () => Promise<T>): Promise<Bounded<T>> {
  try {
    return work().then(
      (value): Bounded<T> => ({ kind: 'ok', value }),
      (error: unknown): Bounded<T> => ({ kind: 'error', error }),
    );
  } catch (error) {
    return Promise.resolve({ kind: 'error', error });
  }
}

/** Reads through an FsReader: bounded by the deadline unless the reader answers at once. */
export function boundedRead<T>(reader: { immediate?: boolean }, work: () => Promise<T>, ms: number): Promise<Bounded<T>> {
  return reader.immediate ? settle(work) : withTimeout(work, ms);
}
