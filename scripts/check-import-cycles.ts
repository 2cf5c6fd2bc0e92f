/**
 * Fails when modules of worker/, extension/, shared/ or cli/ import each other in a cycle, type-only
 * imports included (a cycle of types is still two modules that cannot be understood apart).
 * Imports are read with oxc-parser; relative specifiers are resolved the way the bundlers do here
 * (`./x` → x.ts, x.tsx, x/index.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseSync } from 'oxc-parser';

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

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const { module, errors } = parseSync(file, source);
  if (errors.length > 0) throw new Error(`${relative(ROOT, file)}: ${errors[0]?.message}`);
  const specifiers = [
    ...module.staticImports.map((entry) => entry.moduleRequest.value),
    ...module.staticExports.flatMap((entry) => entry.entries.map((e) => e.moduleRequest?.value ?? '')),
    ...module.dynamicImports.map(({ moduleRequest }) =>
      source.slice(moduleRequest.start, moduleRequest.end).replace(/^(['"`])(.*)\1$/, '$2'),
    ),
  ];
  return [
    ...new Set(specifiers.map((specifier) => resolveImport(file, specifier)).filter((f) => f !== null)),
  ];
}

const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
const graph = new Map(files.map((file) => [file, importsOf(file)]));

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
