import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadedWith } from '../../../scripts/lib/import-graph';

// The popup and the console draw their first screen from the local copy and the background's
// answers: none of it needs a zod schema, and building the contract's schemas took most of the
// console's own start-up. Screens opened later (in chunks of their own) and the background may use zod.
describe("the popup's and the console's first screens", () => {
  it.each([
    ['popup', 'extension/entrypoints/popup/main.tsx'],
    ['console', 'extension/entrypoints/console/main.tsx'],
  ])('%s: no module loaded with it imports zod', (_, entry) => {
    const reached = loadedWith(entry);
    const withZod = [...reached]
      .filter(([, imports]) => imports.packages.some((name) => name === 'zod' || name.startsWith('zod/')))
      .map(([file]) => relative(process.cwd(), file));
    expect(reached.size).toBeGreaterThan(10);
    expect(withZod).toEqual([]);
  });
});

// A stopped background starts again for a page's logins, and the page waits for it: what it
// evaluates first is the judge and the event listeners. The rest, with the API contract and its
// schemas (two thirds of the script's start-up), is a dynamic import, evaluated when first needed.
describe("the background's first part", () => {
  it('loads no part of the API contract, and of the schemas only the page rows', () => {
    const reached = [...loadedWith('extension/entrypoints/background/index.ts')].map(([file, imports]) => ({
      file: relative(process.cwd(), file),
      zod: imports.packages.some((name) => name === 'zod' || name.startsWith('zod/')),
    }));
    expect(reached.map(({ file }) => file)).toContain('extension/lib/page/page-judge.ts');
    expect(reached.filter(({ file }) => file.startsWith('shared/contract/'))).toEqual([]);
    expect(reached.filter(({ zod }) => zod).map(({ file }) => file)).toEqual([
      'extension/lib/zod-jitless.ts',
      'shared/schemas/page-row.ts',
    ]);
  });
});
