/**
 * Fails when modules of worker/, extension/, shared/ or cli/ import each other in a cycle, type-only
 * imports included (a cycle of types is still two modules that cannot be understood apart).
 * Imports are read as scripts/lib/import-graph.ts reads them.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { importsOf } from './lib/import-graph.ts';

const ROOT = resolve(import.meta.dirname, '..');
const FOLDERS = ['worker', 'extension', 'shared', 'cli'];
const SKIP = new Set(['node_modules', '.output', '.wxt', '.wrangler']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
const graph = new Map(files.map((file) => [file, importsOf(file).modules]));

// Tarjan's strongly connected components: every component of more than one module is a cycle.
let index = 0;
const indices = new Map<string, number>();
const lowlinks = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const components: string[][] = [];

function connect(file: string): void {
  indices.set(file, index);
  lowlinks.set(file, index);
  index += 1;
  stack.push(file);
  onStack.add(file);
  for (const next of graph.get(file) ?? []) {
    if (!indices.has(next)) {
      connect(next);
      lowlinks.set(file, Math.min(lowlinks.get(file) ?? 0, lowlinks.get(next) ?? 0));
    } else if (onStack.has(next)) {
      lowlinks.set(file, Math.min(lowlinks.get(file) ?? 0, indices.get(next) ?? 0));
    }
  }
  if (lowlinks.get(file) !== indices.get(file)) return;
  const component: string[] = [];
  for (;;) {
    const member = stack.pop() as string;
    onStack.delete(member);
    component.push(member);
    if (member === file) break;
  }
  if (component.length > 1 || (graph.get(file) ?? []).includes(file)) components.push(component);
}

for (const file of graph.keys()) if (!indices.has(file)) connect(file);

const cycles = components.map((component) => component.map((file) => relative(ROOT, file)).sort());

if (cycles.length > 0) {
  console.error(`Import cycles in ${FOLDERS.join(', ')}:`);
  for (const cycle of cycles) console.error(`  ${cycle.join(' ↔ ')}`);
  process.exit(1);
}
