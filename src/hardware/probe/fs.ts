// Reading small system files (sysfs, procfs) for the GPU probes, injectable: tests pass a
// reader rooted at a fixture tree (test/fixtures/hardware/sysfs/<machine>/), the real probe
// reads "/". Every read fails soft (null / []), and the caller bounds the whole probe in time.
//
// The reads are synchronous (node:fs, loaded with Node itself) behind the async interface: the
// files are a few bytes of kernel memory, and node:fs/promises alone took longer to load (1.2 ms)
// than all the reads of a probe. None of them touches the device: PCI ids and class are fields
// the kernel keeps (drivers/pci/pci-sysfs.c), the amdgpu mem_info_* files print the memory
// manager's counters (drivers/gpu/drm/amd/amdgpu/amdgpu_vram_mgr.c, amdgpu_mem_info_vram_used_show:
// sysfs_emit of ttm_resource_manager_usage), so a read cannot wait on a hung card.
// Each path is read once per reader (the device-tree model is asked by two probes).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FsReader {
  /** File text, trimmed, NUL bytes removed (device-tree strings end in one); null when unreadable. */
  read(path: string): Promise<string | null>;
  /** Entry names of a directory; [] when unreadable. */
  list(dir: string): Promise<string[]>;
  /** Every answer is read before the call returns (synchronous reads): the caller needs no deadline. */
  immediate?: boolean;
}

/** A reader of the real files under `root` ("/" on a machine; a fixture folder in tests). */
export function fsReader(root = '/'): FsReader {
  const at = (p: string) => (root === '/' ? p : join(root, p));
  const files = new Map<string, string | null>();
  const dirs = new Map<string, string[]>();
  const readText = (p: string): string | null => {
    try {
      return readFileSync(at(p), 'utf8').replace(/\0/g, '').trim();
    } catch {
      return null;
    }
  };
  const listDir = (dir: string): string[] => {
    try {
      return readdirSync(at(dir));
    } catch {
      return [];
    }
  };
  return {
    immediate: true,
    read: async (p) => {
      if (!files.has(p)) files.set(p, readText(p));
      return files.get(p)!;
    },
    list: async (dir) => {
      if (!dirs.has(dir)) dirs.set(dir, listDir(dir));
      return [...dirs.get(dir)!];
    },
  };
}
