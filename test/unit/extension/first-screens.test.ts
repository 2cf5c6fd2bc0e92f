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
