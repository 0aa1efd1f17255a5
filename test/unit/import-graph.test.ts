// The source files' import graph has no cycles (type-only imports included): each module can be
// read, tested and replaced on its own, and the layers point one way (engine ← shared ← contexts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..');
const EXTENSIONS = ['.ts', '.tsx', '.mjs'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The repository files `file` imports by relative path (packages are not followed). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.flatMap((spec) => {
    const base = resolve(dirname(file), spec);
    const found = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))].find((f) => existsSync(f) && statSync(f).isFile());
    return found ? [found] : [];
  });
}

/** Every cycle reachable in the graph, each as the list of files around it. */
function findCycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'visiting') cycles.push(stack.slice(stack.indexOf(next)).concat(next));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

test('no file in src/ or scripts/ imports itself through other files', () => {
  const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'scripts'))];
  expect(files.length).toBeGreaterThan(50);
  const cycles = findCycles(files).map((cycle) => cycle.map((f) => relative(root, f)).join(' → '));
  expect(cycles).toEqual([]);
});
