/**
 * What the project's TypeScript modules import, read with oxc-parser. Relative specifiers are
 * resolved the way the bundlers do here (`./x` → x.ts, x.tsx, x/index.ts); packages are named as
 * imported ('zod', 'preact/hooks').
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseSync } from 'oxc-parser';

function resolveImport(from: string, specifier: string): string | null {
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

export interface Imports {
  /** The project's modules it imports, as absolute paths. */
  modules: string[];
  /** The packages it imports. */
  packages: string[];
}

/**
 * The imports of `file`. `loaded`: only what the bundle loads with the module itself: no type-only
 * import or export (erased), no `import()` (a chunk of its own, fetched when called).
 */
export function importsOf(file: string, { loaded = false }: { loaded?: boolean } = {}): Imports {
  const source = readFileSync(file, 'utf8');
  const { module, errors } = parseSync(file, source);
  if (errors.length > 0) throw new Error(`${file}: ${errors[0]?.message}`);
  const specifiers = [
    ...module.staticImports
      .filter((entry) => !loaded || entry.entries.length === 0 || entry.entries.some((e) => !e.isType))
      .map((entry) => entry.moduleRequest.value),
    ...module.staticExports.flatMap((entry) =>
      entry.entries.filter((e) => !loaded || !e.isType).map((e) => e.moduleRequest?.value ?? ''),
    ),
    ...(loaded
      ? []
      : module.dynamicImports.map(({ moduleRequest }) =>
          source.slice(moduleRequest.start, moduleRequest.end).replace(/^(['"`])(.*)\1$/, '$2'),
        )),
  ].filter((specifier) => specifier !== '');
  const modules = specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolveImport(file, specifier))
    .filter((found) => found !== null);
  return {
    modules: [...new Set(modules)],
    packages: [...new Set(specifiers.filter((specifier) => !specifier.startsWith('.')))],
  };
}

/** Every module `entry` loads with it, itself included: its static value imports, followed. */
export function loadedWith(entry: string): Map<string, Imports> {
  const reached = new Map<string, Imports>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    const imports = importsOf(file, { loaded: true });
    reached.set(file, imports);
    for (const next of imports.modules) visit(next);
  };
  visit(resolve(entry));
  return reached;
}
