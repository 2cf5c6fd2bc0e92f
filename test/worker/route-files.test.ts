import { describe, expect, it } from 'vitest';

// The route files' source, bundled as text by Vite.
const routeFiles = import.meta.glob<string>('../../worker/src/routes/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('route files', () => {
  it('build no queries: they call query modules and write through the audited path', () => {
    expect(Object.keys(routeFiles).length).toBeGreaterThan(10);
    const offenders = Object.entries(routeFiles)
      .filter(([, source]) => /from 'drizzle-orm'|from '\.\.\/db\/schema'|\bsql`|\.\$client\b/.test(source))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });
});
