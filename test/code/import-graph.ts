/**
 * The kit's own import graph, read from the sources with no compiler: every `import`/`export ... from`,
 * `import type`, `import('...')` and `require('...')` of a relative path, resolved to a file. Type-only imports
 * count too: a cycle of types is still a cycle a reader has to untangle.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SPECIFIERS = [
  /\b(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/g,
  /\bimport\s+['"]([^'"]+)['"]/g,
  /\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Every `.ts` file under `dirs` (relative to `root`), as repository-relative paths. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        return entry.name === 'node_modules' || entry.name === '__snapshots__' ? [] : walk(rel);
      }
      return rel.endsWith('.ts') && !rel.endsWith('.d.ts') ? [rel] : [];
    });
  return dirs.filter((d) => fs.existsSync(path.join(root, d))).flatMap(walk);
}

/** The files a source imports, among the repository's own (packages are left out). */
export function importsOf(root: string, file: string, text = fs.readFileSync(path.join(root, file), 'utf8')): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[1];
      if (specifier.startsWith('.')) {
        const target = resolve(root, path.posix.join(path.posix.dirname(file), specifier));
        if (target) {
          found.add(target);
        }
      }
    }
  }
  return [...found];
}

function resolve(root: string, base: string): string | undefined {
  return [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile());
}

/** Every cycle of the graph, each once, as the files along it (the first repeated at the end). */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) {
    if (!state.has(file)) {
      visit(file);
    }
  }
  return cycles;
}
