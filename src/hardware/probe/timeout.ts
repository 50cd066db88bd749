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
