// Reading small system files (sysfs, procfs) for the GPU probes, injectable: tests pass a
// reader rooted at a fixture tree (test/fixtures/hardware/sysfs/<machine>/), the real probe
// reads "/". Every read fails soft (null / []), and the caller bounds the whole probe in time.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface FsReader {
  /** File text, trimmed, NUL bytes removed (device-tree strings end in one); null when unreadable. */
  read(path: string): Promise<string | null>;
  /** Entry names of a directory; [] when unreadable. */
  list(dir: string): Promise<string[]>;
}

/** A reader of the real files under `root` ("/" on a machine; a fixture folder in tests). */
export function fsReader(root = '/'): FsReader {
  const at = (p: string) => (root === '/' ? p : join(root, p));
  return {
    read: async (p) => {
      try {
        return (await readFile(at(p), 'utf8')).replace(/\0/g, '').trim();
      } catch {
        return null;
      }
    },
    list: async (dir) => {
      try {
        return await readdir(at(dir));
      } catch {
        return [];
      }
    },
  };
}
