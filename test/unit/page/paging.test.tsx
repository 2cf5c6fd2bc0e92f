import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Banner } from '../../../extension/entrypoints/admin-page.content/banner';
import {
  type Gathered,
  gatheringKey,
  gatherPage,
  gatherShownPage,
  pageNumber,
  pageSpans,
  parseStatedRange,
  statedRange,
} from '../../../extension/lib/page/paging';
import type { PageRow } from '../../../shared/schemas/page-row';

afterEach(() => {
  document.body.innerHTML = '';
});

const row = (username: string): PageRow => ({
  username,
  displayName: null,
  email: null,
  status: null,
  role: null,
  lastSignIn: null,
  permissions: null,
});
const rows = (...names: string[]) => names.map(row);
const shownRows = (...names: string[]) => ({ count: names.length, read: () => rows(...names) });

describe('what a page says of its place in a paged list', () => {
  it.each([
    ['Showing 21–40 of 48 users', { from: 21, to: 40, total: 48 }],
    ['1-20 of 1,204', { from: 1, to: 20, total: 1204 }],
    ['48 users', { from: null, to: null, total: 48 }],
    ['Zeige 1 bis 20 von 48 Einträgen', { from: 1, to: 20, total: 48 }],
    ['48 Benutzer', { from: null, to: null, total: 48 }],
    ['Affichage de l’élément 1 à 20 sur 48 éléments', { from: 1, to: 20, total: 48 }],
    ['Mostrando registros del 1 al 20 de un total de 48 registros', { from: 1, to: 20, total: 48 }],
    ['Toon 1 tot 20 van 48', { from: 1, to: 20, total: 48 }],
    ['1–20 z 48', { from: 1, to: 20, total: 48 }],
    ['Visualizzazione da 1 a 20 di 48', { from: 1, to: 20, total: 48 }],
    ['1–20 af 48', { from: 1, to: 20, total: 48 }],
    ['Zobrazeno 1–20 z 48', { from: 1, to: 20, total: 48 }],
    ['48 käyttäjää', { from: null, to: null, total: 48 }],
    ['Összesen: 1 204', { from: null, to: null, total: 1204 }],
    ['Afișare 1 la 20 din 48', { from: 1, to: 20, total: 48 }],
    ['48 kayıttan 1 - 20 arasındaki kayıtlar gösteriliyor', { from: 1, to: 20, total: 48 }],
    ['Показаны 1–20 из 48', { from: 1, to: 20, total: 48 }],
    ['Записи с 1 по 20 из 48 записей', { from: 1, to: 20, total: 48 }],
    ['48 件中 1 から 20 まで表示', { from: 1, to: 20, total: 48 }],
    ['第 1 至 20 项，共 48 项', { from: 1, to: 20, total: 48 }],
    ['총 48건', { from: null, to: null, total: 48 }],
  ])('reads %j', (text, expected) => {
    expect(parseStatedRange(text)).toEqual(expected);
  });

  it('reads nothing from dates, scores and prose', () => {
    expect(parseStatedRange('Updated 3 December 2026')).toBeNull();
    expect(parseStatedRange('Page loaded in 120 ms')).toBeNull();
    expect(parseStatedRange('40–21 of 48')).toBeNull();
  });

  it('finds the pager beside the list or beside its wrapper, and the page shown', () => {
    document.body.innerHTML = `<div class="panel"><div class="wrap"><table id="t"><tr><td>x</td></tr></table></div>
      <div class="pager"><span>Showing 41–48 of 48</span><button>Next</button></div></div>`;
    const table = document.getElementById('t') as Element;
    const range = statedRange(table);
    expect(range).toEqual({ from: 41, to: 48, total: 48 });
    // The last page shows fewer rows than the others.
    expect(pageNumber(range, 8, 'https://app.example/users', 20)).toBe(3);
    expect(pageNumber({ from: 21, to: 40, total: 48 }, 20, 'https://app.example/users')).toBe(2);
    expect(pageNumber(null, 20, 'https://app.example/users?page=4')).toBe(4);
    expect(pageNumber(null, 20, 'https://app.example/users')).toBeNull();
  });

  it('keys a list’s pages by its address without the page number', () => {
    expect(gatheringKey('https://app.example/admin/users?page=2')).toBe('https://app.example/admin/users');
    expect(gatheringKey('https://app.example/admin/users/page/3')).toBe('https://app.example/admin/users');
  });
});

describe('gathering a paged list', () => {
  const at = 1_800_000_000_000;

  it('counts the pages and users seen, is complete once all are, and takes a page seen again once', () => {
    const list: { gathered: Gathered | null } = { gathered: null };
    const page = (names: string[], from: number, to: number) => {
      list.gathered = gatherPage(list.gathered, {
        rows: rows(...names),
        range: { from, to, total: 5 },
        number: null,
        now: at,
      });
      return list.gathered;
    };
    page(['a', 'b'], 1, 2);
    expect(Object.keys(page(['c', 'd'], 3, 4).rows)).toEqual(['a', 'b', 'c', 'd']);
    expect(page(['a', 'b'], 1, 2).pages).toHaveLength(2);
    const last = page(['e'], 5, 5);
    expect(last.pages).toHaveLength(3);
    expect(Object.keys(last.rows)).toHaveLength(5);
  });

  it('starts afresh when the total changes or an hour has gone by', () => {
    const first = gatherPage(null, {
      rows: rows('a', 'b'),
      range: { from: 1, to: 2, total: 5 },
      number: 1,
      now: at,
    });
    const changed = gatherPage(first, {
      rows: rows('c', 'd'),
      range: { from: 3, to: 4, total: 6 },
      number: 2,
      now: at,
    });
    expect(changed.pages).toEqual([2]);
    const later = gatherPage(first, {
      rows: rows('c', 'd'),
      range: { from: 3, to: 4, total: 5 },
      number: 2,
      now: at + 61 * 60 * 1000,
    });
    expect(Object.keys(later.rows)).toEqual(['c', 'd']);
  });

  it('leaves a list alone that shows no pager and states no total', () => {
    document.body.innerHTML = '<table id="t"><tr><td>x</td></tr></table><p>Welcome back</p>';
    const table = document.getElementById('t') as Element;
    expect(gatherShownPage(table, shownRows('a'), null, 'https://app.example/users', at)).toBeNull();
  });

  it('calls a list filtered when a search is typed beside it', () => {
    document.body.innerHTML = `<div><form><input type="search" value="sales"></form>
      <table id="t"><tr><td>x</td></tr></table><p>1 staff found</p></div>`;
    const table = document.getElementById('t') as Element;
    const shown = gatherShownPage(table, shownRows('a'), null, 'https://app.example/users', at);
    expect(shown?.paging).toMatchObject({ users: 1, total: 1, complete: true, filtered: true });
  });

  it('takes a list the page says it shows whole as complete, without reading its rows again', () => {
    document.body.innerHTML = '<div><table id="t"><tr><td>x</td></tr></table><p>2 users</p></div>';
    const table = document.getElementById('t') as Element;
    const read = vi.fn(() => rows('a', 'b'));
    const shown = gatherShownPage(table, { count: 2, read }, null, 'https://app.example/users', at);
    expect(shown).toEqual({
      gathered: null,
      paging: { pages: [1], users: 2, total: 2, complete: true, filtered: false },
    });
    expect(read).not.toHaveBeenCalled();
  });

  it('writes page numbers as a reader does', () => {
    expect(pageSpans([3, 1, 2])).toBe('1–3');
    expect(pageSpans([1, 3, 4])).toBe('1, 3–4');
    expect(pageSpans([2])).toBe('2');
  });
});

describe('the banner of a paged list', () => {
  const base = { checked: 20, counts: [], sync: { state: 'idle' } as const };

  it('counts what has been seen and syncs a partial capture that removes no one', () => {
    const onSync = vi.fn();
    render(
      <Banner
        {...base}
        paging={{ pages: [1, 2, 3], users: 48, total: 60, complete: false, filtered: false }}
        onSync={onSync}
      />,
    );
    expect(screen.getByText(/Seen pages 1–3, 48 users\./).textContent).toContain('12 of 60 not seen yet');
    expect(screen.queryByRole('checkbox')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sync this list to Rollcall' }));
    expect(onSync).toHaveBeenCalledWith(false);
  });

  it('says when every page has been seen, and only then syncs a complete capture', () => {
    const onSync = vi.fn();
    render(
      <Banner
        {...base}
        paging={{ pages: [1, 2, 3], users: 48, total: 48, complete: true, filtered: false }}
        onSync={onSync}
      />,
    );
    expect(screen.getByText(/Every page seen \(48 of 48\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sync this list to Rollcall' }));
    expect(onSync).toHaveBeenCalledWith(true);
  });

  it('never calls a filtered list complete', () => {
    const onSync = vi.fn();
    render(
      <Banner
        {...base}
        paging={{ pages: [1], users: 1, total: 1, complete: true, filtered: true }}
        onSync={onSync}
      />,
    );
    expect(screen.getByText(/The list is filtered/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sync this list to Rollcall' }));
    expect(onSync).toHaveBeenCalledWith(false);
  });
});
