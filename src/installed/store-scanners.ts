// The readers of each model store (scan.ts finds which stores are there, and loads this only
// then): headers only (GGUF, safetensors), never a whole file.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { HfFolderError, readHfFolder } from './hf-folder.js';
import type { FoundModel, ScanProblem } from './types.js';
import type { StoreKind } from './stores.js';

const OLLAMA_MODEL_LAYER = 'application/vnd.ollama.image.model';
const SHARD = /-(\d{5})-of-(\d{5})\.gguf$/i;

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));
const errCode = (e: unknown) => `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`;

/** Files under dir, depth-limited, symlinks to files followed (HF snapshots are links to blobs). */
async function walk(dir: string, depth: number, out: string[] = []): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (depth > 0 && !e.name.startsWith('.')) await walk(p, depth - 1, out);
    } else out.push(p);
  }
  return out;
}

async function ggufModel(
  store: StoreKind,
  name: string,
  path: string,
  repo: string | null,
  problems: ScanProblem[],
): Promise<FoundModel | null> {
  try {
    const g = await (await import('../gguf/read.js')).readGgufFile(path);
    return {
      store,
      name,
      path,
      format: 'gguf',
      sizeBytes: g.fileBytes,
      quant: g.quantLabel,
      quantId: g.quant,
      architecture: g.architecture,
      ggufName: g.name,
      repo,
      shape: g.shape,
      weights: g.weights,
    };
  } catch (e) {
    // readGgufFile's messages start with the path already; fs errors carry a code.
    const code = (e as NodeJS.ErrnoException).code;
    const msg = code === 'ENOENT' ? 'no such file' : typeof code === 'string' && /^E[A-Z]+$/.test(code) ? errCode(e) : why(e);
    problems.push({ store, path, problem: msg.startsWith(path) ? msg.slice(path.length + 2) : msg });
    return null;
  }
}

/** Ollama: manifests/<registry>/<namespace>/<name>/<tag> → the model layer → blobs/sha256-<hex>. */
async function scanOllama(root: string, problems: ScanProblem[]): Promise<FoundModel[]> {
  const manifests = join(root, 'manifests');
  const files = await walk(manifests, 4);
  const out: FoundModel[] = [];
  for (const file of files) {
    const parts = relative(manifests, file).split(sep);
    if (parts.length !== 4) continue;
    const [registry, namespace, model, tag] = parts as [string, string, string, string];
    const name =
      registry === 'registry.ollama.ai' ? `${namespace === 'library' ? '' : `${namespace}/`}${model}:${tag}` : `${registry}/${namespace}/${model}:${tag}`;
    let manifest: { layers?: { mediaType?: string; digest?: string }[] };
    try {
      manifest = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      problems.push({ store: 'ollama', path: file, problem: e instanceof SyntaxError ? 'manifest is not JSON' : errCode(e) });
      continue;
    }
    const layer = manifest.layers?.find((l) => l.mediaType === OLLAMA_MODEL_LAYER);
    if (!layer || typeof layer.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(layer.digest)) {
      problems.push({ store: 'ollama', path: file, problem: `manifest of ${name} has no model layer (${OLLAMA_MODEL_LAYER}) with a sha256 digest` });
      continue;
    }
    const blob = join(root, 'blobs', layer.digest.replace(':', '-'));
    const m = await ggufModel('ollama', name, blob, null, problems);
    if (m) out.push(m);
  }
  return out;
}

/** HF hub cache: models--org--name/snapshots/<rev>/ (refs/main names the current revision). */
async function scanHf(root: string, problems: ScanProblem[]): Promise<FoundModel[]> {
  const out: FoundModel[] = [];
  let repos: string[];
  try {
    repos = (await readdir(root)).filter((n) => n.startsWith('models--'));
  } catch {
    return out;
  }
  for (const r of repos.sort()) {
    const repo = r.slice('models--'.length).replace('--', '/');
    const snapshots = join(root, r, 'snapshots');
    let revs: string[];
    try {
      revs = await readdir(snapshots);
    } catch {
      problems.push({ store: 'hf', path: join(root, r), problem: `${repo}: no snapshots folder (a download that never finished?)` });
      continue;
    }
    let main: string | null = null;
    try {
      main = (await readFile(join(root, r, 'refs', 'main'), 'utf8')).trim();
    } catch {
      // no refs/main: look at every snapshot
    }
    for (const rev of main && revs.includes(main) ? [main] : revs.sort()) {
      const dir = join(snapshots, rev);
      const files = await walk(dir, 2);
      const ggufs = files.filter((f) => f.toLowerCase().endsWith('.gguf'));
      const safetensors = files.some((f) => f.endsWith('.safetensors'));
      for (const f of ggufs) {
        const shard = SHARD.exec(f);
        if (shard && shard[1] !== '00001') continue;
        const m = await ggufModel('hf', `${repo}/${relative(dir, f).split(sep).join('/')}`, f, repo, problems);
        if (m) out.push(m);
      }
      if (!safetensors) {
        if (ggufs.length === 0 && files.some((f) => basename(f) === 'config.json')) {
          problems.push({ store: 'hf', path: dir, problem: `${repo}: config.json but no weights (*.safetensors or *.gguf)` });
        }
        continue;
      }
      try {
        const h = await readHfFolder(dir);
        out.push({
          store: 'hf',
          name: repo,
          path: dir,
          format: 'safetensors',
          sizeBytes: h.fileBytes,
          quant: h.quantLabel,
          quantId: null,
          architecture: h.architecture ?? h.modelType,
          ggufName: null,
          repo,
          shape: h.shape,
          weights: h.weights,
        });
      } catch (e) {
        const msg = e instanceof HfFolderError ? e.message : why(e);
        problems.push({ store: 'hf', path: dir, problem: msg.startsWith(dir) ? msg.slice(dir.length + 2) : msg });
      }
    }
  }
  return out;
}

/** LM Studio: <models>/<publisher>/<repo>/<file>.gguf. */
async function scanLmStudio(root: string, problems: ScanProblem[]): Promise<FoundModel[]> {
  const out: FoundModel[] = [];
  for (const f of (await walk(root, 3)).sort()) {
    if (!f.toLowerCase().endsWith('.gguf')) continue;
    const shard = SHARD.exec(f);
    if (shard && shard[1] !== '00001') continue;
    const parts = relative(root, f).split(sep);
    // mmproj files are vision projectors, not language models.
    if (/^mmproj/i.test(basename(f))) continue;
    const repo = parts.length >= 3 ? `${parts[0]}/${parts[1]}` : null;
    const m = await ggufModel('lmstudio', parts.join('/'), f, repo, problems);
    if (m) out.push(m);
  }
  return out;
}

/** llama.cpp -hf cache: flat files named <org>_<repo>_<file>.gguf (plus .json/.etag sidecars). */
async function scanLlamaCpp(root: string, problems: ScanProblem[]): Promise<FoundModel[]> {
  const out: FoundModel[] = [];
  for (const f of (await walk(root, 2)).sort()) {
    if (!f.toLowerCase().endsWith('.gguf') || /^mmproj/i.test(basename(f))) continue;
    const shard = SHARD.exec(f);
    if (shard && shard[1] !== '00001') continue;
    const m = await ggufModel('llama.cpp', relative(root, f).split(sep).join('/'), f, null, problems);
    if (m) out.push(m);
  }
  return out;
}

export const SCANNERS: Record<StoreKind, (root: string, problems: ScanProblem[]) => Promise<FoundModel[]>> = {
  ollama: scanOllama,
  hf: scanHf,
  lmstudio: scanLmStudio,
  'llama.cpp': scanLlamaCpp,
};
