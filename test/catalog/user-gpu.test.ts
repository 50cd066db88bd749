// A GPU in a user catalog needs only a name and its memory; a missing field is
// reported as missing, with file, line and how to write it.
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog, mergeUserCatalog } from '../../src/catalog/load.js';
import { idFromName, vendorFromName, withGpuDefaults } from '../../src/catalog/user-gpu.js';
import { findGpu } from '../../src/catalog/gpu-match.js';

// The built-in catalog is dist/catalog.json: `npm run build` first (npm test does).
const base = () => loadBuiltinCatalog();

describe('minimal user catalog GPU', () => {
  it('name and memory are enough: id, vendor, backend derived; figures null; the file named as source', async () => {
    const r = await mergeUserCatalog(base(), 'mine.yaml', 'gpus:\n  - name: NVIDIA Tesla P4\n    vramGiB: 8\n');
    expect(r.errors).toEqual([]);
    const g = r.value!.gpus.find((x) => x.id === 'nvidia-tesla-p4')!;
    expect(g).toMatchObject({
      name: 'NVIDIA Tesla P4', vendor: 'nvidia', backend: 'cuda', segment: 'consumer', vramGiB: 8,
      memoryBandwidthGBps: null, fp16Tflops: null, tdpWatts: null, unifiedMemory: false, source: 'user catalog mine.yaml',
    });
    const m = findGpu(r.value!.gpus, 'tesla p4');
    expect(m && 'gpu' in m ? m.gpu.id : m).toBe('nvidia-tesla-p4');
  });

  it('given fields win over the derived ones', async () => {
    const text = 'gpus:\n  - id: p4\n    name: Tesla P4\n    vendor: nvidia\n    backend: vulkan\n    vramGiB: 8\n    memoryBandwidthGBps: 192\n';
    const r = await mergeUserCatalog(base(), 'mine.yaml', text);
    expect(r.errors).toEqual([]);
    expect(r.value!.gpus.find((x) => x.id === 'p4')).toMatchObject({ backend: 'vulkan', memoryBandwidthGBps: 192, fp16Tflops: null });
  });

  it('a missing field: file:line, the path, "is required" and how to write it (not zod\'s "expected one of")', async () => {
    const text = [
      'gpus:',
      '  - name: NVIDIA Tesla P4',
      '    vramGiB: 8',
      '  - name: Card A',
      '    vramGiB: 8',
      '  - name: NVIDIA Mystery',
      '    memoryBandwidthGBps: 300',
      '',
    ].join('\n');
    const r = await mergeUserCatalog(base(), 'bad.yaml', text);
    expect(r.value).toBeNull();
    expect(r.errors).toEqual([
      'bad.yaml:4: gpus[1].vendor is required: one of nvidia, amd, intel, apple (not found in the name)',
      'bad.yaml:6: gpus[2].vramGiB is required: memory per card in GiB as sold, a number such as 24',
    ]);
    expect(r.errors.join('\n')).not.toMatch(/Invalid option|expected one of/);
  });

  it('a typo of a missing field is said once, as the typo, with the field meant; other unknown fields stay', async () => {
    const r = await mergeUserCatalog(base(), 'typo.yaml', 'gpus:\n  - name: NVIDIA X\n    vramGB: 8\n    colour: red\n');
    expect(r.errors).toEqual(['typo.yaml:3 gpus[0]: unknown field "vramGB" (did you mean vramGiB?)', 'typo.yaml:2 gpus[0]: unknown field "colour"']);
  });

  it('a wrong value is still reported as wrong, at its own line', async () => {
    const r = await mergeUserCatalog(base(), 'bad.yaml', 'gpus:\n  - name: NVIDIA X\n    vramGiB: lots\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^bad\.yaml:3 gpus\[0\]\.vramGiB: /);
    expect(r.errors[0]).not.toContain('is required');
  });

  it('overriding a built-in GPU by id keeps its figures (no defaults applied)', async () => {
    const r = await mergeUserCatalog(base(), 'mine.yaml', 'gpus:\n  - id: rtx-3090\n    tdpWatts: 300\n');
    expect(r.errors).toEqual([]);
    expect(r.value!.gpus.find((x) => x.id === 'rtx-3090')).toMatchObject({ tdpWatts: 300, memoryBandwidthGBps: 935.8 });
  });
});

describe('user-gpu helpers', () => {
  it('vendor from the name', () => {
    expect(vendorFromName('GeForce GTX 1080 Ti')).toBe('nvidia');
    expect(vendorFromName('Radeon VII')).toBe('amd');
    expect(vendorFromName('Instinct MI100')).toBe('amd');
    expect(vendorFromName('Arc A380')).toBe('intel');
    expect(vendorFromName('Apple M2 Max')).toBe('apple');
    expect(vendorFromName('Mystery Accelerator')).toBeUndefined();
  });
  it('id from the name', () => {
    expect(idFromName('My Tesla P4 (8GB)')).toBe('my-tesla-p4-8gb');
  });
  it('an Apple chip is unified memory on metal', () => {
    expect(withGpuDefaults({ name: 'Apple M2 Max', vramGiB: 64 }, 'f.yaml')).toMatchObject({ vendor: 'apple', backend: 'metal', segment: 'apple', unifiedMemory: true });
  });
});
