import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Banner } from '../../../extension/entrypoints/admin-page.content/banner';
import { type Gathered, gatherShownPage, isFiltered } from '../../../extension/lib/page/paging';
import { readRow } from '../../../extension/lib/page/read-row';
import { findUserLists, type UserList } from '../../../extension/lib/page/user-lists';
import { listLabels } from '../../fixtures/fixture-pages';
import { loadFixture } from './fixture-pages';

/**
 * What the banner says of a paged list on the captured apps' own pages, paged through as an admin
 * does: how much has been seen, whether that is all of it, and whether the list is filtered.
 */

const ORIGIN = 'http://127.0.0.1:8930';

function shownList(): UserList {
  const [list] = findUserLists(document);
  if (!list) throw new Error('no user list found');
  return list;
}

/** The banner's paging line for the page now loaded, and the gathering it leaves. */
function bannerFor(url: string, before: Gathered | null): { text: string; gathered: Gathered | null } {
  const list = shownList();
  const rows = list.rows();
  const shown = gatherShownPage(
    list.element,
    { count: rows.length, read: () => rows.flatMap((row) => readRow(list, row) ?? []) },
    before,
    `${ORIGIN}${url}`,
    1_800_000_000_000,
  );
  const { container } = render(
    <Banner
      checked={rows.length}
      counts={[]}
      sync={{ state: 'idle' }}
      paging={shown?.paging}
      onSync={() => {}}
    />,
    { container: document.createElement('div') },
  );
  const text = (container.querySelector('.rollcall-sync')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return { text, gathered: shown?.gathered ?? before };
}

/** Pages through a captured list, page by page as saved, and gives the banner's line on each. */
function pageThrough(name: string): string[] {
  let gathered: Gathered | null = null;
  return (listLabels(name).pageFiles ?? []).map(({ file, url }) => {
    loadFixture(file.replace(/\.html$/, ''));
    const shown = bannerFor(url, gathered);
    gathered = shown.gathered;
    return shown.text;
  });
}

function type(selector: string, value: string): void {
  const field = document.querySelector<HTMLInputElement>(selector);
  if (!field) throw new Error(`no field ${selector}`);
  field.value = value;
}

describe('the banner on a captured paged list', () => {
  it('WordPress (French, "Tous (56)", role links, an empty search box): every page seen after pages 1–3', () => {
    const lines = pageThrough('wordpress-users');
    expect(lines[0]).toContain('Seen page 1, 20 users. 36 of 56 not seen yet');
    expect(lines[1]).toContain('Seen pages 1–2, 40 users. 16 of 56 not seen yet');
    expect(lines[2]).toContain(
      'Seen pages 1–3, 56 users. Every page seen (56 of 56): a sync marks logins missing from the list removed.',
    );
    for (const line of lines) expect(line).not.toContain('filtered');
  });

  it('WordPress: a search typed, or a role chosen from the links above the list, is a filter', () => {
    loadFixture('wordpress-users');
    type('#user-search-input', 'dupont');
    expect(bannerFor('/wp-admin/users.php', null).text).toContain('The list is filtered');
    loadFixture('wordpress-users');
    expect(bannerFor('/wp-admin/users.php?role=editor', null).text).toContain('The list is filtered');
    expect(bannerFor('/wp-admin/users.php?s=dupont', null).text).toContain('The list is filtered');
  });

  it('WordPress: the pager’s page field and the bulk-role select are not filters', () => {
    loadFixture('wordpress-users.page-2');
    type('#current-page-selector', '3');
    expect(bannerFor('/wp-admin/users.php?paged=2', null).text).not.toContain('filtered');
  });

  it('DokuWiki (German, a filter row in the table’s header): every page seen after pages 1–4', () => {
    const lines = pageThrough('dokuwiki-user-manager');
    expect(lines[2]).toContain('Seen pages 1–3, 60 users. 3 of 63 not seen yet');
    expect(lines[3]).toContain('Seen pages 1–4, 63 users. Every page seen (63 of 63)');
    for (const line of lines) expect(line).not.toContain('filtered');
  });

  it('DokuWiki: a login typed in the header’s filter row is a filter; the add-user form is not', () => {
    loadFixture('dokuwiki-user-manager');
    type('#add_userid', 'neu.kollege');
    const url = '/doku.php?id=start&do=admin&page=usermanager&start=0';
    expect(bannerFor(url, null).text).not.toContain('filtered');
    type('thead input[name=userid]', 'empfang');
    expect(bannerFor(url, null).text).toContain('The list is filtered');
  });

  it('Directus (Dutch cards redrawn in place, read-only layout pickers): every page seen after both pages', () => {
    const lines = pageThrough('directus-user-directory');
    expect(lines[0]).toContain('Seen page 1, 25 users. 16 of 41 not seen yet');
    expect(lines[1]).toContain('Seen pages 1–2, 41 users. Every page seen (41 of 41)');
    for (const line of lines) expect(line).not.toContain('filtered');
    type('input[type=search]', 'balie');
    expect(bannerFor('/admin/users', null).text).toContain('The list is filtered');
  });

  it('MediaWiki (no total stated): the admin says whether the page is the whole list; a group chosen is a filter', () => {
    const lines = pageThrough('mediawiki-list-users');
    for (const line of lines) {
      expect(line).toContain('This page shows every user');
      expect(line).not.toContain('filtered');
    }
    loadFixture('mediawiki-list-users');
    const list = shownList();
    const url = `${ORIGIN}/index.php?title=Special:ListUsers&limit=20`;
    expect(isFiltered(list.element, url)).toBe(false);
    const group = [...document.getElementsByTagName('select')].find((select) => select.name === 'group');
    if (!group) throw new Error('no group select');
    group.selectedIndex = 2;
    expect(isFiltered(list.element, url)).toBe(true);
    expect(isFiltered(list.element, `${ORIGIN}/index.php?title=Special:ListUsers&group=sysop`)).toBe(true);
  });
});
