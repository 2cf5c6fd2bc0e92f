import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ALL_FIXTURES,
  AWAITING,
  FIXTURES,
  fixtureHtml,
  fixtureLabels,
  JUDGED_FIXTURES,
  listLabels,
} from '../../fixtures/fixture-pages';

/** What a row can be marked signed out, from the page alone (shared/page-verdicts.ts). */
const PAGE_KINDS = new Set(['generic', 'shared', 'default', 'lookalike']);

function rowsOnPage(name: string): string[] {
  // The inlined stylesheets say nothing of the rows, and are most of a capture's bytes.
  const html = fixtureHtml(name).replace(/<style[\s\S]*?<\/style>/g, '');
  const page = new DOMParser().parseFromString(html, 'text/html');
  const { rowSelector, loginSelector } = fixtureLabels(name).userList;
  return [...page.querySelectorAll(rowSelector)].map(
    (row) => row.querySelector(loginSelector)?.textContent?.trim() ?? '',
  );
}

describe('the fixture registry', () => {
  it('serves each saved page once', () => {
    expect(ALL_FIXTURES.length).toBeGreaterThanOrEqual(FIXTURES.length);
    expect(new Set(ALL_FIXTURES).size).toBe(ALL_FIXTURES.length);
  });

  for (const name of ALL_FIXTURES.filter((fixture) => !fixtureLabels(fixture).rendersAfterLoad)) {
    it(`labels every row ${name} shows, in the order it shows them, with a verdict a page can show`, () => {
      const labels = fixtureLabels(name);
      expect(rowsOnPage(name)).toEqual(labels.rows.map((row) => row.username));
      expect(labels.userList.rowCount).toBe(labels.rows.length);
      for (const row of labels.rows) {
        const kinds = row.signedOut.split(' ');
        expect(kinds.every((kind) => PAGE_KINDS.has(kind)) || row.signedOut === 'ok', row.username).toBe(
          true,
        );
      }
    });
  }

  it('splits a paged list into its saved pages, none longer than a page, all rows on one of them', () => {
    const lists = [...new Set(ALL_FIXTURES.map((name) => name.split('.')[0] as string))];
    const paged = lists.filter((name) => listLabels(name).pageFiles);
    expect(paged.length).toBeGreaterThanOrEqual(3);
    // At least one list of three pages or more, 20 a page.
    expect(
      paged.some(
        (name) => (listLabels(name).pageFiles?.length ?? 0) >= 3 && listLabels(name).pageSize === 20,
      ),
    ).toBe(true);
    for (const name of paged) {
      const list = listLabels(name);
      const files = list.pageFiles ?? [];
      expect(files[0]?.file).toBe(list.page);
      expect(files.length, name).toBeGreaterThanOrEqual(2);
      let seen = 0;
      files.forEach(({ file }, i) => {
        expect(existsSync(`test/fixtures/pages/${file}`), file).toBe(true);
        const page = fixtureLabels(file.slice(0, -'.html'.length));
        expect(page.rows.length, file).toBeGreaterThan(0);
        expect(page.rows.length, file).toBeLessThanOrEqual(list.pageSize ?? 0);
        expect(page.rows.every((row) => row.page === i + 1)).toBe(true);
        seen += page.rows.length;
      });
      expect(seen, name).toBe(list.rows.length);
    }
  });

  it('names only labelled lists as awaiting, and judges no page that awaits', () => {
    for (const name of Object.keys(AWAITING)) expect(() => listLabels(name), name).not.toThrow();
    for (const name of JUDGED_FIXTURES) expect(Object.keys(AWAITING)).not.toContain(name.split('.')[0]);
  });
});
