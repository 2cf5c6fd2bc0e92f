// Bundles the command line (cli/main.ts and what it imports from shared/ and extension/lib/page/)
// into one JS file, cli/dist/rollcall.mjs, since Node strips no types in node_modules: `npm pack ./cli`
// ships it (prepack), and in a checkout cli/rollcall.mjs builds it before each run. happy-dom stays
// a dependency of the package (cli/package.json).
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
export const BUILT = join(root, 'cli/dist/rollcall.mjs');

/**
 * Vite's `import.meta.glob('./dir/*.ts', { eager: true, import: 'default' })`, which the page
 * detector uses to find its layouts (one file each), as the static imports it stands for.
 */
const eagerGlob = {
  name: 'eager-import-meta-glob',
  setup(bundle) {
    bundle.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.glob')) return undefined;
      const imports = [];
      const contents = await replaceAsync(
        source,
        /import\.meta\.glob(?:<[^>]*>)?\(\s*'(\.\/[^'*]*)\*(\.ts)'\s*,\s*\{\s*eager:\s*true,\s*import:\s*'default'\s*\}\s*\)/g,
        async (folder, extension) => {
          const files = (await readdir(resolve(dirname(path), folder)))
            .filter((file) => file.endsWith(extension))
            .sort();
          const entries = files.map((file) => {
            const name = `__glob${imports.length}`;
            imports.push(`import ${name} from '${folder}${file}';`);
            return `'${folder}${file}': ${name}`;
          });
          return `{ ${entries.join(', ')} }`;
        },
      );
      return { contents: `${imports.join('\n')}\n${contents}`, loader: 'ts' };
    });
  },
};

async function replaceAsync(text, pattern, replace) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index), await replace(...match.slice(1)));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** Builds the command line into `outfile` (written whole, then moved in place). */
export async function buildCli(outfile = BUILT) {
  const result = await build({
    entryPoints: [join(root, 'cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['happy-dom'],
    define: { 'import.meta.env.FIREFOX': 'false' },
    plugins: [eagerGlob],
    write: false,
    logLevel: 'error',
    legalComments: 'none',
  });
  await mkdir(dirname(outfile), { recursive: true });
  const partial = `${outfile}.${process.pid}.tmp`;
  await writeFile(partial, result.outputFiles[0].contents);
  await rename(partial, outfile);
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outfile = await buildCli(process.argv[2] ? resolve(process.argv[2]) : BUILT);
  console.log(`built ${relative(process.cwd(), outfile)}`);
}
