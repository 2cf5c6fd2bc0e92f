import { afterEach, describe, expect, it } from 'vitest';
import type { PageAdapter } from '../../../extension/lib/page/adapter-schema';
import { fieldForHeader } from '../../../extension/lib/page/header-fields';
import { markAnchor } from '../../../extension/lib/page/in-page-warnings';
import { readRow } from '../../../extension/lib/page/read-row';
import {
  findUserLists,
  LIST_LAYOUTS,
  LIST_SELECTOR,
  type UserList,
} from '../../../extension/lib/page/user-lists';
import { FIXTURES, fixtureHtml, fixtureLabels, loadFixture } from './fixture-pages';

afterEach(() => {
  document.body.innerHTML = '';
});

/** Every table, grid and list of a fixture other than its user list, as the other fixtures' negatives. */
function nonUserLists(): string {
  return FIXTURES.map((name) => {
    const page = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
    for (const script of page.querySelectorAll('script')) script.remove();
    for (const list of findUserLists(page)) listPart(list).remove();
    return page.body.innerHTML;
  }).join('\n');
}

/**
 * A list's element, or for a list a data-table library draws as two tables (Ant Design, Element
 * Plus, DevExtreme, w2ui, Passbolt) or as a header table and a table per row (ExtJS 3, Zimbra), the library's
 * wrapper of both: the header half alone is a list. Element UI's and View UI's wrappers hold their
 * copies of the table too, each one a list, and Ant Design 3's (ant-design-vue 1) the copies of its
 * fixed columns.
 */
function listPart(list: UserList): Element {
  return (
    list.element.closest(
      '.ant-table-container, .ant-table-content, .el-table__inner-wrapper, .el-table, .ivu-table, .dx-datagrid, .w2ui-grid, .tableview, .x-grid3, .DwtListView',
    ) ?? list.element
  );
}

/** Parsing every fixture at once takes seconds on a busy machine. */
const ALL_FIXTURES_MS = 30_000;

describe('the user-list detector', () => {
  for (const name of FIXTURES.filter((fixture) => !fixtureLabels(fixture).rendersAfterLoad)) {
    it(`finds the one user list of ${name}, with its layout, its columns and every row`, () => {
      loadFixture(name);
      const labels = fixtureLabels(name);
      const lists = findUserLists(document);
      expect(lists).toHaveLength(1);
      const [list] = lists;
      if (!list) return;
      expect(list.layout).toBe(labels.userList.layout);
      // Rows with nothing in them (a row sizing the columns, empty rows filling a grid's box), and
      // a template row kept hidden (ownCloud's), are listed and read as no one.
      const hidden = (row: Element) => /display:\s*none/.test(row.getAttribute('style') ?? '');
      const listed = list.rows().filter((row) => !hidden(row) || readRow(list, row) !== null);
      for (const row of listed.filter((row) => !row.textContent?.trim()))
        expect(readRow(list, row)).toBeNull();
      const rows = listed.filter((row) => row.textContent?.trim()).map((row) => readRow(list, row));
      expect(rows).toHaveLength(labels.userList.rowCount);
      const columns = new Set(Object.keys(list.columns));
      if (rows.some((row) => row?.permissions)) columns.add('permissions');
      expect([...columns].sort()).toEqual(expect.arrayContaining([...labels.userList.columns].sort()));
      expect(rows.map((row) => row?.username)).toEqual(labels.rows.map((row) => row.username));
      // A label's "" is a row that shows no display name.
      expect(rows.map((row) => row?.displayName ?? '')).toEqual(labels.rows.map((row) => row.displayName));
      // Where the labels give roles or statuses, every row's is as labelled (none where none is).
      for (const field of ['role', 'status'] as const)
        if (labels.rows.some((row) => row[field] !== undefined))
          expect(rows.map((row) => row?.[field])).toEqual(labels.rows.map((row) => row[field] ?? null));
    });
  }

  it(
    'reads each element by one layout at most',
    () => {
      const selectors = LIST_LAYOUTS.filter((layout) => layout.finds.length > 0).map((layout) =>
        layout.finds.join(', '),
      );
      document.body.innerHTML = `${FIXTURES.map((name) => fixtureHtml(name)).join('\n')}
      <table role="grid"></table><ul role="grid"></ul><ol role="table"></ol><div role="treegrid"></div>`;
      const elements = [...document.querySelectorAll(LIST_SELECTOR)];
      expect(elements.length).toBeGreaterThan(20);
      for (const element of elements)
        expect(
          selectors.filter((selector) => element.matches(selector)),
          element.outerHTML.slice(0, 80),
        ).toHaveLength(1);
    },
    ALL_FIXTURES_MS,
  );

  it('finds the single-page app’s list once it renders, on every page', async () => {
    loadFixture('spa-team', { runScripts: true });
    expect(findUserLists(document)).toEqual([]);
    await expect.poll(() => findUserLists(document).length, { timeout: 2000 }).toBe(1);
    const labels = fixtureLabels('spa-team');
    const seen: string[] = [];
    for (;;) {
      const [list] = findUserLists(document);
      if (!list) throw new Error('the list went away');
      seen.push(...list.rows().map((row) => readRow(list, row)?.username ?? '?'));
      const next = document.querySelector<HTMLButtonElement>('#next-page');
      if (!next || next.disabled) break;
      next.click();
    }
    expect(seen.sort()).toEqual(labels.rows.map((row) => row.username).sort());
  });

  it(
    'leaves every non-user table, grid and list of all fixtures alone',
    () => {
      document.body.innerHTML = nonUserLists();
      // Matters, fee scales, summaries, transactions, settlements, saved payers (with an Email column),
      // tasks, a calendar grid, departures and layout tables; a wiki's menus, personal tools (linking
      // to the signed-in user's page) and footer links.
      expect(document.querySelectorAll('table, [role=grid]').length).toBeGreaterThanOrEqual(9);
      expect(document.querySelectorAll('ul, ol').length).toBeGreaterThanOrEqual(8);
      expect(findUserLists(document)).toEqual([]);
    },
    ALL_FIXTURES_MS,
  );

  it('reads granted permissions from per-user checkbox columns, live as the admin ticks them', () => {
    loadFixture('payments-users');
    const labels = fixtureLabels('payments-users');
    const [list] = findUserLists(document);
    if (!list) throw new Error('no list');
    const byUser = new Map(list.rows().map((row) => [readRow(list, row)?.username, row]));
    for (const [username, permissions] of Object.entries(labels.permissions ?? {})) {
      const row = byUser.get(username);
      expect(row && readRow(list, row)?.permissions).toEqual(permissions);
    }
    const lwei = byUser.get('lwei');
    const refunds = lwei?.querySelector<HTMLInputElement>('input[aria-label="Process refunds"]');
    if (!lwei || !refunds) throw new Error('no row');
    refunds.checked = true;
    expect(readRow(list, lwei)?.permissions).toContain('Process refunds');
  });

  it('joins first and last names, and takes the email that is the login', () => {
    loadFixture('booking-grid');
    const [list] = findUserLists(document);
    const row = list?.rows()[5];
    if (!list || !row) throw new Error('no row');
    expect(readRow(list, row)).toEqual({
      username: 'nair@harbourtravel.com.au',
      displayName: 'Vikram & Anjali Nair',
      email: 'nair@harbourtravel.com.au',
      role: 'Consultant',
      status: 'Enabled',
      lastSignIn: '2026-11-22 10:05',
      permissions: null,
    });
  });

  it('reads the login in brackets after the name, under a legend that names users (SeedDMS)', () => {
    // SeedDMS 6 in German: each user's name cell holds "Name (login)", the email and a comment.
    const user = (name: string, login: string, email: string, role: string) =>
      `<tr><td></td><td>${name} (${login})<br><a href="mailto:${email}">${email}</a><br><small></small></td>
        <td>Mitarbeiter</td><td>${role}</td><td>22 MiB</td><td></td><td><a href="#">Bearbeiten</a></td></tr>`;
    document.body.innerHTML = `<legend>Benutzerübersicht</legend>
      <input type="text" placeholder="Hier tippen zum Filtern der Liste">
      <table><thead><tr><th></th><th>Name</th><th>Gruppen</th><th>Rolle</th><th>Plattenplatz</th>
        <th>Authentifizierung</th><th></th></tr></thead>
      <tbody>${user('Tom Smith', 'tsmith', 'tom.smith@firm.example', 'User')}
        ${user('Super User', 'admin', 'admin@firm.example', 'Admin')}
        ${user('Reception Desk', 'reception', 'reception@firm.example', 'User')}</tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no list');
    expect(list.rows().map((row) => readRow(list, row))).toEqual([
      expect.objectContaining({
        username: 'tsmith',
        displayName: 'Tom Smith',
        email: 'tom.smith@firm.example',
      }),
      expect.objectContaining({ username: 'admin', displayName: 'Super User', role: 'Admin' }),
      expect.objectContaining({ username: 'reception', displayName: 'Reception Desk' }),
    ]);
    // A status in brackets is no login.
    document.body.querySelector('tbody td:nth-child(2)')?.replaceChildren('Tom Smith (suspended)');
    const suspended = readRow(list, list.rows()[0] as Element);
    expect(suspended?.username).not.toBe('suspended');
    expect(suspended?.status).toBe('suspended');
  });

  it('reads a name header beside a first or last name as the other part, in each language', () => {
    const table = (headers: string[], cells: string[]) => `<table>
      <thead><tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
      <tbody><tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr></tbody></table>`;
    const read = (headers: string[], cells: string[]) => {
      document.body.innerHTML = table(headers, cells);
      const [list] = findUserLists(document);
      const row = list?.rows()[0];
      if (!list || !row) throw new Error('no list');
      return readRow(list, row)?.displayName;
    };
    expect(read(['Nom d’utilisateur', 'Prénom', 'Nom'], ['mpaul', 'Marie et Paul', 'Girard'])).toBe(
      'Marie et Paul Girard',
    );
    expect(read(['Benutzername', 'Name', 'Vorname'], ['hkoch', 'Koch', 'Herbert'])).toBe('Herbert Koch');
    expect(read(['Usuario', 'Nombre', 'Apellidos'], ['agarcia', 'Ana', 'García López'])).toBe(
      'Ana García López',
    );
    expect(read(['Gebruikersnaam', 'Voornaam', 'Naam'], ['jdevries', 'Jan', 'de Vries'])).toBe(
      'Jan de Vries',
    );
    // A name alone is the whole name.
    expect(read(['Username', 'Name'], ['jsmith', 'John Smith'])).toBe('John Smith');
  });

  it('reads each column from its place in rows with merged cells and rows with all of them', () => {
    document.body.innerHTML = `<table>
      <thead><tr><th>Name</th><th>Username</th><th>Role</th><th>Status</th></tr></thead>
      <tbody>
        <tr><td>Amy Nguyen</td><td>amy.nguyen</td><td>Partner</td><td>Active</td></tr>
        <tr><td colspan="2">Reception desk</td><td>Front desk</td><td>Disabled</td></tr>
        <tr><td>Tomasz Nowak</td><td>tnowak</td><td colspan="2">Leaver, access removed</td></tr>
        <tr><td>Priya Raman</td><td>praman</td><td>Paralegal</td><td>Active</td></tr>
      </tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no list');
    const read = list.rows().map((row) => readRow(list, row));
    expect(read.map((row) => row && [row.username, row.displayName, row.role, row.status])).toEqual([
      ['amy.nguyen', 'Amy Nguyen', 'Partner', 'Active'],
      ['Reception desk', 'Reception desk', 'Front desk', 'Disabled'],
      // A merged cell stands in every column it spans.
      ['tnowak', 'Tomasz Nowak', 'Leaver, access removed', 'Leaver, access removed'],
      ['praman', 'Priya Raman', 'Paralegal', 'Active'],
    ]);
  });

  it('reads a list edited in place: the text in each field, the option picked, never a password', () => {
    document.body.innerHTML = `<form><table><thead><tr>
        <th>Codice</th><th>Nome utente</th><th>Nome completo</th><th>Profilo</th><th>Password</th></tr></thead>
      <tbody>
        <tr><td>1</td><td><input name="u1" value="segreteria" readonly></td><td><input type="text" value=" Segreteria "></td>
          <td><select><option>Operatore</option><option selected>Amministratore</option></select></td>
          <td><input type="password" value="Segreto-2026"></td></tr>
        <tr><td>2</td><td><input type="email" value="mario.rossi@studio.example"></td><td><input value="Mario Rossi"></td>
          <td><select><option selected>Operatore</option></select></td><td><input type="password" value="x"></td></tr>
      </tbody></table></form>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no list');
    const rows = list.rows().map((row) => readRow(list, row));
    expect(rows).toMatchObject([
      { username: 'segreteria', displayName: 'Segreteria', role: 'Amministratore' },
      { username: 'mario.rossi@studio.example', displayName: 'Mario Rossi', role: 'Operatore' },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Segreto/);
  });

  it('reads a table of cells in no rows, a row per header’s width, its badges in the login’s cell (Flarum)', () => {
    const headers = ['ID', 'Username', 'Display name', 'Joined', 'Email'];
    const users = [
      ['1', 'tsmith', 'Tom Smith', 'March 2, 2021', 'tom.smith@firm.example'],
      ['2', 'reception', 'Reception Desk', 'January 15, 2020', 'reception@firm.example'],
      ['3', 'jdoe', 'John Doe', 'May 11, 2020', 'john.doe@firm.example'],
    ];
    document.body.innerHTML = `<section class="UserListPage-grid" role="table" aria-rowcount="4" aria-colcount="5">
      ${headers.map((header, i) => `<div role="columnheader" aria-colindex="${i + 1}" aria-rowindex="1">${header}</div>`).join('')}
      ${users
        .map((cells, row) =>
          cells
            .map(
              (text, i) =>
                `<div role="cell" aria-colindex="${i + 1}" aria-rowindex="${row + 2}">${i === 1 ? `<a href="/u/${text}">${text}</a>` : text}</div>`,
            )
            .join(''),
        )
        .join('')}</section>`;
    const [list, ...others] = findUserLists(document);
    if (!list) throw new Error('no list');
    expect(others).toEqual([]);
    expect(list.layout).toBe('aria');
    const rows = list.rows();
    expect(rows.map((row) => row.textContent)).toEqual(['1', '2', '3']);
    expect(rows.map((row) => readRow(list, row))).toMatchObject([
      { username: 'tsmith', displayName: 'Tom Smith', email: 'tom.smith@firm.example' },
      { username: 'reception', displayName: 'Reception Desk', email: 'reception@firm.example' },
      { username: 'jdoe', displayName: 'John Doe', email: 'john.doe@firm.example' },
    ]);
    const cells = [...document.querySelectorAll('[role=cell]')];
    expect(cells.filter((cell) => list.isRow(cell))).toEqual(rows);
    expect(rows.map((row) => markAnchor(list, row).textContent)).toEqual(['tsmith', 'reception', 'jdoe']);
  });

  it('reads a row drawn twice in a grid, its fixed column copied over it, once (Handsontable)', () => {
    const rows = (cells: (login: string, name: string) => string) =>
      [
        ['segreteria', 'Segreteria'],
        ['mrossi', 'Mario Rossi'],
      ]
        .map(
          ([login = '', name = ''], i) =>
            `<tr role="row" aria-rowindex="${i + 2}"><th role="rowheader">${i + 1}</th>${cells(login, name)}</tr>`,
        )
        .join('');
    const header = (titles: string[]) =>
      `<thead role="rowgroup"><tr role="row" aria-rowindex="1"><th role="columnheader"></th>${titles.map((t) => `<th role="columnheader">${t}</th>`).join('')}</tr></thead>`;
    document.body.innerHTML = `<div role="treegrid" class="ht-wrapper">
      <div class="ht_master" role="presentation"><table role="presentation">${header(['Nome utente', 'Nome completo', 'Ruolo'])}<tbody role="rowgroup">${rows(
        (login, name) =>
          `<td role="gridcell">${login}</td><td role="gridcell">${name}</td><td role="gridcell">Operatore</td>`,
      )}</tbody></table></div>
      <div class="ht_clone_inline_start" role="presentation" style="position:absolute"><table role="presentation">${header(['Nome utente'])}<tbody role="rowgroup">${rows(
        (login) => `<td role="gridcell">${login}</td>`,
      )}</tbody></table></div></div>`;
    const [list, ...others] = findUserLists(document);
    if (!list) throw new Error('no list');
    expect(others).toEqual([]);
    expect(list.rows().map((row) => readRow(list, row))).toMatchObject([
      { username: 'segreteria', displayName: 'Segreteria', role: 'Operatore' },
      { username: 'mrossi', displayName: 'Mario Rossi', role: 'Operatore' },
    ]);
  });

  describe('a table drawn in two, its header fixed above rows that scroll', () => {
    const headerHalf = (
      gutter = '',
    ) => `<table><colgroup><col><col><col><col>${gutter ? '<col>' : ''}</colgroup>
      <thead><tr><th><a href="#">Nome utente</a></th><th>Nome completo</th><th>Ruolo</th><th>Ultimo accesso</th>${gutter}</tr></thead></table>`;
    const rowsHalf = `<table><colgroup><col><col><col><col></colgroup><tbody>
      <tr><td>segreteria</td><td>Segreteria</td><td>Operatore</td><td>05/12/2026</td></tr>
      <tr><td>mrossi</td><td>Mario Rossi</td><td>Amministratore</td><td>04/12/2026</td></tr>
    </tbody></table>`;
    /** The header half drawn as a table of one row of `<td>`s, with no `<thead>`. */
    const headerRowOfCells = (row: string, cell: string) =>
      headerHalf()
        .replace(/<\/?thead>/g, '')
        .replace(/<tr>/, `<tbody>${row}`)
        .replace('</tr>', '</tr></tbody>')
        .replace(/<th>/g, cell)
        .replace(/<\/th>/g, '</td>');
    const readAll = () =>
      findUserLists(document).map((list) => ({
        rows: list.rows().map((row) => readRow(list, row)?.username),
        role: list.columns.role,
      }));

    it('reads the rows with the header of the table above them, each in its own wrapper (Kendo UI)', () => {
      document.body.innerHTML = `<div class="k-grid"><div class="k-grid-header"><div class="k-grid-header-wrap">${headerHalf()}</div></div>
        <div class="k-grid-content">${rowsHalf}</div><div class="k-pager-wrap">1 - 2 di 2 elementi</div></div>`;
      expect(readAll()).toEqual([{ rows: ['segreteria', 'mrossi'], role: 2 }]);
    });

    it('takes a header with a column more, over the rows’ scroll bar', () => {
      document.body.innerHTML = `<div>${headerHalf('<th class="gutter"></th>')}</div><div><div>${rowsHalf}</div></div>`;
      expect(readAll()).toEqual([{ rows: ['segreteria', 'mrossi'], role: 2 }]);
    });

    it('reads rows that keep a hidden copy of the header half as their own header (DataTables 1 and 2)', () => {
      const copy = headerHalf()
        .replace(/<\/?table>|<colgroup>.*?<\/colgroup>/gs, '')
        .replace(
          /<th>/g,
          '<th style="height:0;padding:0"><div class="dataTables_sizing" style="height:0;overflow:hidden">',
        )
        .replace(/<\/th>/g, '</div></th>');
      document.body.innerHTML = `<div class="dataTables_scroll"><div class="dataTables_scrollHead"><div class="dataTables_scrollHeadInner">${headerHalf()}</div></div>
        <div class="dataTables_scrollBody">${rowsHalf.replace('<tbody>', `${copy}<tbody>`)}</div></div>`;
      expect(readAll()).toEqual([{ rows: ['segreteria', 'mrossi'], role: 2 }]);
    });

    it('keeps a header alone a list where the table after it has a header of its own', () => {
      document.body.innerHTML = `<div>${headerHalf()}</div><h2>Inviti in sospeso</h2><div><table>
        <thead><tr><th>Email</th><th>Invitato da</th><th>Ruolo</th><th>Scade</th></tr></thead>
        <tbody><tr><td>anna@studio.example</td><td>mrossi</td><td>Operatore</td><td>12/12/2026</td></tr></tbody></table></div>`;
      expect(readAll()).toEqual([{ rows: [], role: 2 }]);
    });

    it('keeps a header alone a list, as a page that draws its rows later shows it', () => {
      document.body.innerHTML = `<div>${headerHalf()}</div><p>Caricamento…</p>`;
      expect(readAll()).toEqual([{ rows: [], role: 2 }]);
    });

    it('reads the rows with a header drawn as a row of cells in a table of its own (DevExtreme)', () => {
      const header = headerRowOfCells('<tr role="row">', '<td role="columnheader">');
      document.body.innerHTML = `<div role="group"><div class="dx-datagrid-headers" role="presentation"><div>${header}</div></div>
        <div class="dx-datagrid-rowsview"><div><div><div role="grid">${rowsHalf}</div></div></div></div></div>`;
      expect(readAll()).toEqual([{ rows: ['segreteria', 'mrossi'], role: 2 }]);
    });

    it('reads the rows with a header table that holds a row of filters under the header (DevExtreme)', () => {
      const filter = '<td><div role="menubar"><i class="dx-icon"></i></div><input type="text"></td>';
      const header = headerRowOfCells('<tr role="row">', '<td role="columnheader">').replace(
        '</tr>',
        `</tr><tr role="row">${filter.repeat(3)}<td><select><option>Tutti</option></select></td></tr>`,
      );
      document.body.innerHTML = `<div role="group"><div class="dx-datagrid-headers" role="presentation"><div>${header}</div></div>
        <div class="dx-datagrid-rowsview"><div><div><div role="grid">${rowsHalf}</div></div></div></div></div>`;
      expect(readAll()).toEqual([{ rows: ['segreteria', 'mrossi'], role: 2 }]);
    });

    it('does not take a table whose second row says something as a header half', () => {
      const header = headerRowOfCells('<tr>', '<td>').replace(
        '</tr>',
        '</tr><tr><td>amministratore</td><td>Amministratore</td><td>Operatore</td><td>01/12/2026</td></tr>',
      );
      document.body.innerHTML = `<div>${header}</div><div><div>${rowsHalf}</div></div>`;
      expect(readAll().map(({ rows }) => rows)).toContainEqual(['amministratore']);
    });

    it('reads a grid drawn again over itself for its fixed columns once, from the copy that shows the logins (Element UI)', () => {
      // Each copy is the whole table, its header and rows halves, with the cells of the columns it
      // does not show hidden: the login column is fixed on the left, the role on the right.
      const copy = (shows: (column: number) => boolean) => {
        const cell = (tag: string, column: number, text: string) =>
          `<${tag}${shows(column) ? '' : ' class="is-hidden"'}><div class="cell">${text}</div></${tag}>`;
        const header = ['Nome utente', 'Nome completo', 'Ruolo', 'Ultimo accesso'];
        const users = [
          ['segreteria', 'Segreteria', 'Operatore', '05/12/2026'],
          ['mrossi', 'Mario Rossi', 'Amministratore', '04/12/2026'],
        ];
        return `<div><table><thead><tr>${header.map((text, i) => cell('th', i, text)).join('')}</tr></thead></table></div>
          <div><table><tbody>${users.map((user) => `<tr>${user.map((text, i) => cell('td', i, text)).join('')}</tr>`).join('')}</tbody></table></div>`;
      };
      document.body.innerHTML = `<style>.is-hidden > * { visibility: hidden }</style><div class="el-table">
        <div class="main">${copy((column) => column === 1 || column === 3)}</div>
        <div class="fixed-left" style="position: absolute">${copy((column) => column === 0)}</div>
        <div class="fixed-right" style="position: absolute">${copy((column) => column === 2)}</div></div>`;
      const lists = findUserLists(document);
      expect(lists.map((list) => list.rows().map((row) => readRow(list, row)?.username))).toEqual([
        ['segreteria', 'mrossi'],
      ]);
      expect(lists[0]?.element.closest('.fixed-left')).not.toBeNull();
    });

    it('reads a grid drawn again over itself once where a copy puts its fixed columns first (View UI)', () => {
      const copy = (order: number[], shows: (column: number) => boolean) => {
        const cell = (tag: string, column: number, text: string) =>
          `<${tag}${shows(column) ? '' : ' class="ivu-table-hidden"'}><div>${text}</div></${tag}>`;
        const row = (texts: string[], tag: string) =>
          `<tr>${order.map((column) => cell(tag, column, texts[column] as string)).join('')}</tr>`;
        const users = [
          ['segreteria', 'Segreteria', 'Operatore', 'Attivo'],
          ['mrossi', 'Mario Rossi', 'Amministratore', 'Attivo'],
        ];
        return `<div><table><thead>${row(['Nome utente', 'Nome completo', 'Ruolo', 'Stato'], 'th')}</thead></table></div>
          <div><table><tbody>${users.map((user) => row(user, 'td')).join('')}</tbody></table></div>`;
      };
      document.body.innerHTML = `<style>.ivu-table-hidden { visibility: hidden }</style><div class="ivu-table">
        <div class="main">${copy([0, 1, 2, 3], (column) => column === 1 || column === 2)}</div>
        <div class="fixed-left" style="position: absolute">${copy([0, 1, 2, 3], (column) => column === 0)}</div>
        <div class="fixed-right" style="position: absolute">${copy([3, 0, 1, 2], (column) => column === 3)}</div></div>`;
      const lists = findUserLists(document);
      expect(lists.map((list) => list.rows().map((row) => readRow(list, row)?.username))).toEqual([
        ['segreteria', 'mrossi'],
      ]);
      expect(lists[0]?.element.closest('.fixed-left')).not.toBeNull();
    });

    it('reads a grid once where it draws a copy of only its fixed columns over itself, and marks on the copy (Ant Design 3)', () => {
      // A selection column, then the login: the columns fixed on the left.
      const box = '<input type="checkbox">';
      const table = (columns: number) => {
        const header = ['', 'Nome utente', 'Nome completo', 'Ruolo', 'Ultimo accesso'].slice(0, columns);
        const users = [
          [box, 'segreteria', 'Segreteria', 'Operatore', '05/12/2026'],
          [box, 'mrossi', 'Mario Rossi', 'Amministratore', '04/12/2026'],
        ];
        return `<div><table><thead><tr>${header.map((text) => `<th>${text}</th>`).join('')}</tr></thead></table></div>
          <div><table><tbody>${users
            .map(
              (user) =>
                `<tr>${user
                  .slice(0, columns)
                  .map((text) => `<td>${text}</td>`)
                  .join('')}</tr>`,
            )
            .join('')}</tbody></table></div>`;
      };
      document.body.innerHTML = `<div class="ant-table-content">
        <div class="scroll">${table(5)}</div>
        <div class="fixed-left" style="position: absolute">${table(2)}</div></div>`;
      const lists = findUserLists(document);
      expect(lists.map((list) => list.rows().map((row) => readRow(list, row)?.username))).toEqual([
        ['segreteria', 'mrossi'],
      ]);
      // Read from the whole table (every field), drawn on the copy's login cells.
      const [list] = lists as [UserList];
      expect(list.element.closest('.scroll')).not.toBeNull();
      expect(readRow(list, list.rows()[1] as Element)?.role).toBe('Amministratore');
      expect(list.marksOn?.closest('.fixed-left') ?? null).not.toBeNull();
      const anchor = markAnchor(list, list.rows()[1] as Element);
      expect([anchor.textContent, anchor.closest('.fixed-left') !== null]).toEqual(['mrossi', true]);
    });

    it('keeps two lists alike in one box apart where their rows differ in number', () => {
      document.body.innerHTML = `<div><div>${headerHalf()}</div><div>${rowsHalf}</div>
        <div>${headerHalf()}</div><div>${rowsHalf.replace(/<tr>.*?<\/tr>/s, '')}</div></div>`;
      expect(readAll().map(({ rows }) => rows)).toEqual([['segreteria', 'mrossi'], ['mrossi']]);
    });

    it('keeps two lists alike in one box apart where their rows are other users', () => {
      const others = rowsHalf.replace('segreteria', 'amministrazione').replace('mrossi', 'lbianchi');
      document.body.innerHTML = `<div><div>${headerHalf()}</div><div>${rowsHalf}</div>
        <div>${headerHalf()}</div><div>${others}</div></div>`;
      expect(readAll().map(({ rows }) => rows)).toEqual([
        ['segreteria', 'mrossi'],
        ['amministrazione', 'lbianchi'],
      ]);
    });

    it('reads the rows with a header half drawn after them, past the frozen columns’ tables (w2ui)', () => {
      const header = headerRowOfCells('<tr>', '<td class="w2ui-head">');
      // The rows' table starts with a row that sizes the columns, and ends with empty rows.
      const rows = rowsHalf
        .replace('<tbody>', '<tbody><tr><td></td><td></td><td></td><td></td></tr>')
        .replace(
          '</tbody>',
          '<tr class="w2ui-empty-record"><td></td><td></td><td></td><td></td></tr></tbody>',
        );
      document.body.innerHTML = `<div class="w2ui-grid-body">
        <div class="w2ui-grid-frecords"><table><tbody><tr><td><input type="checkbox"></td><td></td></tr><tr><td><input type="checkbox"></td><td></td></tr></tbody></table></div>
        <div class="w2ui-grid-records">${rows}</div>
        <div class="w2ui-grid-fcolumns"><table><tbody><tr><td><input type="checkbox"></td><td></td></tr></tbody></table></div>
        <div class="w2ui-grid-columns">${header}</div></div>`;
      expect(readAll()).toEqual([{ rows: [undefined, 'segreteria', 'mrossi', undefined], role: 2 }]);
    });

    it('reads rows whose first row is a hidden copy of the header half’s titles (Ant Design)', () => {
      const measure =
        '<tr aria-hidden="true" style="height:0"><th>Nome utente</th><th>Nome completo</th><th>Ruolo</th><th>Ultimo accesso</th></tr>';
      document.body.innerHTML = `<div class="ant-table-header">${headerHalf()}</div><div class="ant-table-body">${rowsHalf.replace('<tbody>', `<tbody>${measure}`)}</div>`;
      expect(readAll()).toEqual([{ rows: ['segreteria', 'mrossi'], role: 2 }]);
    });

    it('keeps a table whose first row names its own columns apart from a header half before it', () => {
      document.body.innerHTML = `<div>${headerHalf()}</div><div><table><tbody>
        <tr><td><b>Email</b></td><td><b>Nome utente</b></td><td><b>Ruolo</b></td><td><b>Scade</b></td></tr>
        <tr><td>anna@studio.example</td><td>anna</td><td>Operatore</td><td>12/12/2026</td></tr></tbody></table></div>`;
      expect(readAll()).toEqual([
        { rows: [], role: 2 },
        { rows: ['anna'], role: 2 },
      ]);
    });

    it('joins an empty table of rows only to the header nearest it, not one past a table of rows', () => {
      document.body.innerHTML = `<div class="dt-scroll-head">${headerHalf()}</div><div class="dt-scroll-body">${rowsHalf}</div>
        <div class="dt-scroll-foot"><table><colgroup><col><col><col><col></colgroup></table></div>`;
      expect(readAll()).toEqual([{ rows: ['segreteria', 'mrossi'], role: 2 }]);
    });

    it('does not join a header to a table of other columns', () => {
      document.body.innerHTML = `<div>${headerHalf()}</div><div><table><tbody>
        <tr><td>Totale utenti</td><td>2</td></tr><tr><td>Attivi</td><td>2</td></tr></tbody></table></div>`;
      expect(readAll()).toEqual([{ rows: [], role: 2 }]);
    });
  });

  it('reads a user cell with an avatar, a name and an email line, and skips row actions', () => {
    document.body.innerHTML = `
      <table><thead><tr><th>User</th><th>Role</th><th>Last seen</th><th></th></tr></thead>
      <tbody><tr>
        <td><img alt="Amy Nguyen" src="data:,"><div><a href="#">Amy <b>Nguyen</b></a><small>amy.nguyen@firm.example</small></div></td>
        <td>Bookkeeper</td><td>2 days ago</td><td><button>Edit</button><button>Remove</button></td>
      </tr></tbody></table>`;
    const [list] = findUserLists(document);
    const row = list?.rows()[0];
    if (!list || !row) throw new Error('no row');
    expect(readRow(list, row)).toMatchObject({
      username: 'amy.nguyen@firm.example',
      displayName: 'Amy Nguyen',
      role: 'Bookkeeper',
      lastSignIn: '2 days ago',
    });
  });

  it('does not take a contact list or an audit log for a user list', () => {
    document.title = 'Acme CRM';
    document.body.innerHTML = `
      <table><tr><th>Name</th><th>Email</th><th>Phone</th></tr><tr><td>Ruth</td><td>r@x.example</td><td>1</td></tr></table>
      <table><tr><th>User</th><th>Action</th><th>When</th></tr><tr><td>amy</td><td>Signed in</td><td>today</td></tr></table>`;
    expect(findUserLists(document)).toEqual([]);
  });

  it('reads headers beside a sort hint for screen readers or an icon font’s ligature, and cells beside icons', () => {
    document.body.innerHTML = `<table><thead><tr>
        <th aria-sort="ascending"><button>Username<span class="govuk-visually-hidden"> (sorted A to Z)</span></button></th>
        <th><a href="?sort=name">Full name <span class="sr-only">sort by full name</span></a></th>
        <th>Role <i class="material-icons">arrow_upward</i></th><th>Status</th></tr></thead>
      <tbody><tr><td>reception</td><td><mat-icon>person</mat-icon> Reception</td>
        <td><span class="material-symbols-outlined">badge</span>Caseworker</td><td>Active</td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    expect(list?.columns).toMatchObject({ username: 0, displayName: 1, role: 2, status: 3 });
    const [row] = list?.rows() ?? [];
    // The icons' names are no part of what a cell says.
    expect(list && row && readRow(list, row)).toMatchObject({ displayName: 'Reception', role: 'Caseworker' });
  });

  describe('names, emails and a role each', () => {
    const team = (above: string) => `${above}
      <div><table><thead><tr><th>Name</th><th>Email</th><th>Role</th><th></th></tr></thead><tbody>
        <tr><td>Olivia Martin</td><td>olivia@acme.example</td><td>Owner</td><td><button>Remove</button></td></tr>
        <tr><td>Front Desk</td><td>frontdesk@acme.example</td><td>Member</td><td><button>Remove</button></td></tr>
      </tbody></table></div>`;
    const logins = () =>
      findUserLists(document).map((list) => list.rows().map((row) => readRow(list, row)?.username));

    it.each([
      ['a heading "Team"', '<h1>Team</h1><p>Manage who can see your bookings.</p><button>Invite</button>'],
      ['a heading "User management"', '<h2>User management</h2>'],
      ['a heading "Benutzerverwaltung"', '<header><h1>Benutzerverwaltung</h1></header>'],
      [
        'a heading "Gestion des utilisateurs"',
        '<h1>Gestion des utilisateurs</h1><div class="toolbar"></div>',
      ],
    ])('are a team’s access under %s', (_, above) => {
      document.body.innerHTML = team(above);
      expect(logins()).toEqual([['olivia@acme.example', 'frontdesk@acme.example']]);
    });

    it('are a team’s access where the page’s title says so, or the table’s caption', () => {
      document.title = 'Members · Acme Travel';
      document.body.innerHTML = team('');
      expect(logins()).toEqual([['olivia@acme.example', 'frontdesk@acme.example']]);
      document.title = 'Acme Travel';
      document.body.innerHTML = team('').replace('<thead>', '<caption>Users</caption><thead>');
      expect(logins()).toEqual([['olivia@acme.example', 'frontdesk@acme.example']]);
    });

    it('are a CRM’s contacts under "Contacts", or with no heading at all', () => {
      document.title = 'Acme CRM';
      document.body.innerHTML = `${team('<h1>Contacts</h1>')}${team('<h1>Users</h1><h2>Key contacts at each client</h2>')}${team('')}`;
      expect(logins()).toEqual([]);
    });
  });

  describe('names and emails alone', () => {
    // Invoice Ninja's users: a checkbox, the name, the email.
    const people = (above: string) => `${above}
      <div><table><thead><tr><th><input type="checkbox"></th><th>name</th><th>email</th></tr></thead><tbody>
        <tr><td><input type="checkbox"></td><td><a href="#">Olivia Martin</a></td><td>olivia@acme.example</td></tr>
        <tr><td><input type="checkbox"></td><td><a href="#">Front Desk</a></td><td>frontdesk@acme.example</td></tr>
      </tbody></table></div>`;
    const logins = () =>
      findUserLists(document).map((list) => list.rows().map((row) => readRow(list, row)?.username));

    it('are the users under a heading that says so', () => {
      document.title = 'Settings';
      document.body.innerHTML = people('<h2>User Details</h2>');
      expect(logins()).toEqual([['olivia@acme.example', 'frontdesk@acme.example']]);
    });

    it('are not users under "Contacts" or with no heading', () => {
      document.title = 'Acme CRM';
      document.body.innerHTML = `${people('<h1>Contacts</h1>')}${people('')}`;
      expect(logins()).toEqual([]);
    });
  });

  describe('names, emails and a last sign-in each', () => {
    // Moodle's "Browse list of users": full name, email, city, country, last access; no login.
    const moodle = (above: string) => `${above}
      <div><table class="generaltable"><thead><tr><th><a href="#">Full name</a></th><th><a href="#">Email address</a></th>
        <th>City/town</th><th>Country</th><th><a href="#">Last access</a></th><th><span class="sr-only">Actions</span></th></tr></thead><tbody>
        <tr><td><a href="#"><span class="userinitials">OM</span>Olivia Martin</a></td><td>olivia@acme.example</td><td>Leeds</td><td>United Kingdom</td><td>3 days 4 hours</td><td></td></tr>
        <tr><td><a href="#"><span class="userinitials">FD</span>Front Desk</a></td><td>frontdesk@acme.example</td><td>Leeds</td><td>United Kingdom</td><td>Never</td><td></td></tr>
      </tbody></table></div>`;
    const read = () =>
      findUserLists(document).map((list) =>
        list.rows().map((row) => {
          const found = readRow(list, row);
          return [found?.username, found?.displayName, found?.lastSignIn];
        }),
      );

    it('are the users under a heading that says so', () => {
      document.body.innerHTML = moodle('<h2>Browse list of users</h2>');
      expect(read()).toEqual([
        [
          ['olivia@acme.example', 'Olivia Martin', '3 days 4 hours'],
          ['frontdesk@acme.example', 'Front Desk', 'Never'],
        ],
      ]);
    });

    it('are not users under "Contacts" or with no heading', () => {
      document.title = 'Acme CRM';
      document.body.innerHTML = `${moodle('<h1>Contacts</h1>')}${moodle('')}`;
      expect(read()).toEqual([]);
    });

    it('are the users where each row links to its user’s page, under a heading that says nothing of them (HumHub)', () => {
      document.title = 'Acme Intranet';
      document.body.innerHTML = moodle('<h4>Übersicht</h4>')
        .replace(
          '<a href="#"><span class="userinitials">OM',
          '<a href="/u/olivia/"><span class="userinitials">OM',
        )
        .replace(
          '<a href="#"><span class="userinitials">FD',
          '<a href="/u/frontdesk/"><span class="userinitials">FD',
        );
      expect(read().map((rows) => rows.map(([login]) => login))).toEqual([
        ['olivia@acme.example', 'frontdesk@acme.example'],
      ]);
    });
  });

  it.each([
    ['Active', 'Yes'],
    ['Aktywny', 'Tak'],
    ['Aktiv', 'Ja'],
    ['Activé(e)', 'Oui'],
    ['Habilitado', 'Sí'],
  ])(
    'takes addresses and names beside a column saying whether each is switched on (%j) for a list of mailboxes',
    (header, yes) => {
      document.body.innerHTML = `<table><tr><th>Email</th><th>Name</th><th>${header}</th></tr>
      <tr><td>biuro@firm.example</td><td>Biuro</td><td>${yes}</td></tr></table>`;
      const [list] = findUserLists(document);
      expect(list?.columns).toMatchObject({ username: 0, email: 0, displayName: 1, status: 2 });
    },
  );

  it('takes a column headed "User" beside the first and the last name apart for a user list (XWiki)', () => {
    document.body.innerHTML = `<table><thead><tr><th>Utilisateur</th><th>Prénom</th><th>Nom</th><th>Actions</th></tr></thead>
      <tbody><tr><td><a href="/xwiki/bin/view/XWiki/tsmith">tsmith</a></td><td>Tom</td><td>Smith</td><td><a>Modifier</a></td></tr>
      <tr><td><a href="/xwiki/bin/view/XWiki/reception">reception</a></td><td>Reception</td><td>Desk</td><td><a>Modifier</a></td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    expect(list?.rows().map((row) => readRow(list, row)?.username)).toEqual(['tsmith', 'reception']);
  });

  it('takes a column headed "User" alone for a user list where each row links to its user’s page under a heading naming users (Webmin)', () => {
    const table = `<table><thead><tr><th>Użytkownik</th><th>Moduły</th></tr></thead>
      <tr><td><a href="edit_user.cgi?user=admin">admin</a></td><td><a href="edit_acl.cgi?mod=apache&amp;user=admin">Apache - serwer WWW</a></td></tr>
      <tr><td><a href="edit_user.cgi?user=reception">reception</a></td><td>Moduły z grupy <tt>biuro</tt></td></tr></table>`;
    document.body.innerHTML = `<h3>Użytkownicy Webmin</h3>${table}`;
    const [list] = findUserLists(document);
    expect(list?.rows().map((row) => readRow(list, row)?.username)).toEqual(['admin', 'reception']);
    // Not under a heading that says something else, nor without the links.
    document.body.innerHTML = `<h3>Zadania</h3>${table}`;
    expect(findUserLists(document)).toEqual([]);
    document.body.innerHTML = `<h3>Użytkownicy Webmin</h3>${table.replace(/ href="[^"]*"/g, '')}`;
    expect(findUserLists(document)).toEqual([]);
  });

  it('does not take addresses and names beside a status alone for a user list (a CRM’s contacts)', () => {
    document.body.innerHTML = `<table><tr><th>Email</th><th>Name</th><th>Status</th></tr>
      <tr><td>ruth@client.example</td><td>Ruth Okafor</td><td>Lead</td></tr></table>`;
    expect(findUserLists(document)).toEqual([]);
  });

  it.each([
    ['Login ID', 'username'],
    ['Logon name', 'username'],
    ['User Name ▲', 'username'],
    ['Sign-in email', 'username'],
    ['Benutzername', 'username'],
    ["Nom d'utilisateur", 'username'],
    ['Nombre de usuario', 'username'],
    ['User Principal Name', 'username'],
    ['SAMAccountName', 'username'],
    ['Accountnaam', 'username'],
    ['Konto użytkownika', 'username'],
    ['Mitarbeiter:in', 'user'],
    ['Benutzer*innen', 'user'],
    ['Mitarbeitende', 'user'],
    ['Collaborateur', 'user'],
    ['Dipendente', 'user'],
    ['Ansatt', 'user'],
    ['Anställd', 'user'],
    ['E-Mail Address', 'email'],
    ['Staff Name', 'displayName'],
    ['Prénom', 'firstName'],
    ['Surname', 'lastName'],
    ['Access level', 'role'],
    ['Berechtigungen', 'permissions'],
    ['Account status', 'status'],
    ['Last Logon', 'lastSignIn'],
    ['Dernière connexion', 'lastSignIn'],
    ['Vu pour la dernière fois', 'lastSignIn'],
    ['Courriels', 'email'],
    ['Emails', 'email'],
    ['Ist aktiv', 'status'],
    ['Está activo', 'status'],
    ['Etkin', 'status'],
    ['Aktivní', 'status'],
    ['Aktive Person', 'status'],
    ['Screen Name', 'username'],
    ['Nome de Tela', 'username'],
    // Two fields that each say who, one over the other in each cell (vtiger's names over emails).
    ['Nome e-Mail', 'email'],
    // One over the other with no spaces around the slash (Modoboa's identities).
    ['Nom complet/destinataire', 'displayName'],
    // With a count after it (Cal.com's members).
    ['Member (12)', 'user'],
    ['Activée', 'status'],
    ['Email status', null],
    ['Last payment', null],
    ['Fee Earner', null],
  ])('reads the header %j as %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it('follows an adapter where the headers say nothing the detector knows', () => {
    document.body.innerHTML = `
      <table class="x-grid"><tr><th>Kürzel</th><th>Wer</th><th>Gruppe</th></tr>
      <tr><td>ab1</td><td>Anna Berger</td><td>Empfang</td></tr><tr><td>empfang</td><td>Empfang</td><td>Empfang</td></tr></table>`;
    expect(findUserLists(document)).toEqual([]);
    const adapter: PageAdapter = {
      id: 'kanzlei',
      systemId: null,
      name: 'Kanzlei',
      urlPatterns: ['https://kanzlei.example/*'],
      listSelector: 'table.x-grid',
      columns: {
        username: { header: 'kürzel' },
        displayName: { index: 2 },
        role: { selector: 'td:nth-child(3)' },
      },
    };
    const [list] = findUserLists(document, adapter);
    if (!list) throw new Error('no list');
    expect(list.rows().map((row) => readRow(list, row))).toMatchObject([
      { username: 'ab1', displayName: 'Anna Berger', role: 'Empfang' },
      { username: 'empfang', displayName: 'Empfang', role: 'Empfang' },
    ]);
  });
});
