// The import graph of src/, read from the source text: layers point down (nothing
// outside src/cli imports it) and no file reaches itself through its imports,
// static or dynamic (`await import()` counts: it is still a dependency).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2])!;
      deps.push(relative(ROOT, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))));
    }
    graph.set(relative(ROOT, file), deps);
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 1);
    stack.push(node);
    for (const dep of graph.get(node) ?? []) {
      if (!graph.has(dep)) continue;
      if (state.get(dep) === 1) return [...stack.slice(stack.indexOf(dep)), dep];
      if (state.get(dep) === undefined) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 2);
    return null;
  };
  for (const node of graph.keys()) {
    if (state.get(node) === undefined) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
}

describe('import graph of src/', () => {
  const graph = importGraph();

  it('reads the real tree (every relative import resolves to a file)', () => {
    expect(graph.size).toBeGreaterThan(50);
    const missing = [...graph].flatMap(([file, deps]) => deps.filter((d) => !graph.has(d)).map((d) => `${file} -> ${d}`));
    expect(missing).toEqual([]);
  });

  it('nothing outside src/cli imports src/cli', () => {
    const upward = [...graph].flatMap(([file, deps]) =>
      file.startsWith('src/cli/') ? [] : deps.filter((d) => d.startsWith('src/cli/')).map((d) => `${file} -> ${d}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no import circle', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('finds a circle when there is one (the check can fail)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
  });
});
