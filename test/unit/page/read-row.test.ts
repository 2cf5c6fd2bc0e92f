import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLogin, readRow } from '../../../extension/lib/page/read-row';
import { findUserLists, type UserList } from '../../../extension/lib/page/user-lists';

afterEach(() => {
  document.body.innerHTML = '';
});

/** A staff table: name, login, status; each row as given (HTML of its three cells). */
function staffTable(rows: string[][]): UserList {
  document.body.innerHTML = `<table><thead><tr><th>Name</th><th>Login</th><th>Status</th></tr></thead>
    <tbody>${rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const [list] = findUserLists(document);
  if (!list) throw new Error('no user list found');
  return list;
}

const people = Array.from({ length: 12 }, (_, i) => [`Nguyen, Amy ${i}`, `amy.nguyen${i}`, 'Active']);

/** Each row's line of shown text as a browser lays a table out: a tab between cells. */
const linesOf = (rows: string[][]) => rows.map((cells) => cells.join('\t'));

describe('reading a row’s login from its line of the list’s shown text', () => {
  it('reads the rows after the first few from their lines, without looking up their cells', () => {
    const list = staffTable(people);
    const lines = linesOf(people);
    const cells = vi.spyOn(list, 'cells');
    const read = list.rows().map((row, i) => readLogin(list, row, lines[i]));
    expect(read.map((login) => login?.username)).toEqual(people.map(([, login]) => login));
    expect(read[11]).toEqual({
      username: 'amy.nguyen11',
      displayName: 'Nguyen, Amy 11',
      email: null,
      status: 'Active',
    });
    // The first rows are read from their cells too, to tell that the lines read the same.
    expect(cells.mock.calls.length).toBeLessThan(people.length);
  });

  it('reads a login with something beside it in its line from its cell: the tag is not the login', () => {
    const rows = [...people.slice(0, 10), ['Jones, Dana', 'djones <span>You</span>', 'Active']];
    const list = staffTable(rows);
    const lines = linesOf(rows.map((cells) => cells.map((cell) => cell.replace(/<[^>]+>/g, ''))));
    const read = list.rows().map((row, i) => readLogin(list, row, lines[i]));
    expect(read[10]?.username).toBe('djones');
  });

  it('reads from the cells where the lines did not read as the cells on the first rows (capitals by style)', () => {
    const list = staffTable(people);
    const lines = linesOf(
      people.map(([name = '', login = '', status = '']) => [name, login.toUpperCase(), status]),
    );
    const read = list.rows().map((row, i) => readLogin(list, row, lines[i]));
    expect(read.map((login) => login?.username)).toEqual(people.map(([, login]) => login));
  });

  it('reads the later rows from their lines even where the first rows were read without (those in the window)', () => {
    const rows = Array.from({ length: 24 }, (_, i) => [`Nguyen, Amy ${i}`, `amy.nguyen${i}`, 'Active']);
    const list = staffTable(rows);
    const cells = vi.spyOn(list, 'cells');
    const lines = linesOf(rows);
    const read = list.rows().map((row, i) => readLogin(list, row, i < 8 ? undefined : lines[i]));
    expect(read.map((login) => login?.username)).toEqual(rows.map(([, login]) => login));
    // Eight rows without their line, eight more telling that the lines read as the cells; the last
    // eight from their lines alone.
    expect(cells.mock.calls.length).toBe(16);
  });

  it('does not take the lines on trust where the first rows were read without them: the next rows tell', () => {
    const rows = Array.from({ length: 24 }, (_, i) => [`Nguyen, Amy ${i}`, `amy.nguyen${i}`, 'Active']);
    const list = staffTable(rows);
    const lines = linesOf(
      rows.map(([name = '', login = '', status = '']) => [name, login.toUpperCase(), status]),
    );
    const read = list.rows().map((row, i) => readLogin(list, row, i < 8 ? undefined : lines[i]));
    expect(read.map((login) => login?.username)).toEqual(rows.map(([, login]) => login));
  });

  it('reads a row from its cells where its line is not one text per column', () => {
    const list = staffTable(people);
    const lines = linesOf(people);
    lines[11] = 'Nguyen, Amy 11\tamy.nguyen11';
    const read = list.rows().map((row, i) => readLogin(list, row, lines[i]));
    expect(read[11]?.status).toBe('Active');
  });
});

describe('reading a field drawn as a button', () => {
  it('reads a name drawn as a button styled as a link, and leaves out a button beside a value', () => {
    const list = staffTable([
      ['<button class="ms-Link">Tom &amp; Lucy</button>', 'tomlucy', 'Active'],
      ['<button><i class="icon"></i><span>Amy Nguyen</span></button>', 'anguyen', 'Active'],
      ['Dana Jones <button>Edit</button>', 'djones', '<button role="switch" aria-checked="true">On</button>'],
      ['<button>Ben Ode</button><button>Reset</button>', 'bode', 'Active'],
      ['<span aria-hidden="true"><button>Kim Lee</button></span>', 'klee', 'Active'],
      ['Mo Ali', '<button>mali</button> <span class="label">Disabled</span>', 'Active'],
    ]);
    const read = list.rows().map((row) => readLogin(list, row));
    expect(read.map((login) => login?.displayName)).toEqual([
      'Tom & Lucy',
      'Amy Nguyen',
      'Dana Jones',
      // Two buttons are actions, not a value; a hidden one is not shown.
      null,
      null,
      'Mo Ali',
    ]);
    // A switch is not read as its text: it shows its state, on.
    expect(read[2]?.status).toBe('Yes');
    // A login drawn as a button with a tag after it: the login is the button's text.
    expect(read[5]?.username).toBe('mali');
  });
});

describe('reading a status shown as a tag beside the login', () => {
  it('takes the tag as the status where the list has no status column, and not as the name', () => {
    document.body.innerHTML = `<table><thead><tr><th>Username</th><th>Email</th></tr></thead><tbody>
      <tr><td><a href="#1">jdoe</a> <span class="label">Disabled</span></td><td>jane.doe@firm.example</td></tr>
      <tr><td><a href="#2">amy</a> <span>Amy Nguyen</span></td><td>amy@firm.example</td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    const [disabled, named] = list.rows().map((row) => readLogin(list, row));
    expect(disabled).toMatchObject({ username: 'jdoe', displayName: 'jdoe', status: 'Disabled' });
    expect(named).toMatchObject({ username: 'amy', displayName: 'Amy Nguyen', status: null });
  });
});

describe('reading a status a list shows other than in a status column', () => {
  it('reads a row’s class that says its user cannot sign in (Redmine’s and OpenProject’s locked users)', () => {
    document.body.innerHTML = `<table><thead><tr><th>Login</th><th>First name</th><th>Last name</th><th>Email</th><th>Last login</th></tr></thead><tbody>
      <tr class="user active"><td>tsmith</td><td>Tom</td><td>Smith</td><td>tom@firm.example</td><td>2026-12-01</td></tr>
      <tr class="user locked"><td>jdoe</td><td>John</td><td>Doe</td><td>john@firm.example</td><td>2026-06-02</td></tr>
      <tr class="item is-inactive"><td>kim</td><td>Kim</td><td>—</td><td>kim@firm.example</td><td>2026-05-02</td></tr>
      <tr class="table-danger selected"><td>amy</td><td>Amy</td><td>Nguyen</td><td>amy@firm.example</td><td>2026-12-02</td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    const read = list.rows().map((row) => readLogin(list, row));
    expect(read.map((row) => row?.status)).toEqual([null, 'locked', 'inactive', null]);
    // An empty last name's placeholder is not part of the name.
    expect(read[2]?.displayName).toBe('Kim');
  });

  it('reads a login struck through as switched off (Wekan strikes out a disabled user’s values)', () => {
    document.body.innerHTML = `<table><thead><tr><th>Benutzername</th><th>E-Mail</th><th>Administrator</th></tr></thead><tbody>
      <tr><td class="username"><a class="avatar"></a>tsmith</td><td>tom.smith@firm.example</td><td>Nein</td></tr>
      <tr><td class="username"><a class="avatar"></a><s>jdoe</s></td><td><s>john.doe@firm.example</s></td><td><s>Nein</s></td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    const read = list.rows().map((row) => readLogin(list, row));
    expect(read.map((row) => [row?.username, row?.status])).toEqual([
      ['tsmith', null],
      ['jdoe', 'Disabled'],
    ]);
  });

  it('reads a login’s or a name’s cell whose class says its user cannot sign in (Bugzilla’s struck-through logins)', () => {
    document.body.innerHTML = `<table id="admin_table"><thead><tr><th>Login name</th><th>Real name</th><th>Last Login</th><th>User Account Log</th></tr></thead><tbody>
      <tr><td><a href="editusers.cgi?userid=1">tom.smith@firm.example</a></td><td>Tom Smith</td><td>2026-12-01</td><td><a href="#">View</a></td></tr>
      <tr><td class="bz_inactive"><a href="editusers.cgi?userid=5">john.doe@firm.example</a></td><td class="bz_inactive">John Doe</td><td>2026-06-02</td><td><a href="#">View</a></td></tr>
      <tr><td class="login"><a href="editusers.cgi?userid=7">amy.nguyen@firm.example</a></td><td class="name text-muted">Amy Nguyen</td><td>2026-12-02</td><td><a href="#">View</a></td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    const read = list.rows().map((row) => readLogin(list, row));
    expect(read.map((row) => [row?.username, row?.status])).toEqual([
      ['tom.smith@firm.example', null],
      ['john.doe@firm.example', 'inactive'],
      ['amy.nguyen@firm.example', null],
    ]);
  });

  it('reads a tag on the users who cannot sign in, in a column no header names (Grafana’s "Disabled")', () => {
    const rows = ['tsmith', 'jdoe', 'amy', 'kim'].map(
      (login) =>
        `<tr><td>${login}</td><td>${login}@firm.example</td><td>3 days</td><td>${login === 'jdoe' ? '<span class="tag">Disabled</span>' : ''}</td></tr>`,
    );
    document.body.innerHTML = `<table><thead><tr><th>Login</th><th>Email</th><th>Last active</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    expect(list.rows().map((row) => readLogin(list, row)?.status)).toEqual([null, 'Disabled', null, null]);
    // A column under no header of "Yes" and "No" is a column of its own, not the users' state.
    document.body.innerHTML = document.body.innerHTML.replace('Disabled', 'No');
    const [again] = findUserLists(document);
    if (!again) throw new Error('no user list found');
    expect(again.rows().map((row) => readLogin(again, row)?.status)).toEqual([null, null, null, null]);
  });
});

describe('reading a table that names its columns and gives its rows no role (Discourse)', () => {
  it('finds the rows after the header, and reads a value past its column’s name kept in the cell', () => {
    const column = (name: string) =>
      `<div class="directory-table__column-header" role="columnheader"><div role="button"><span>${name}</span></div></div>`;
    const cell = (label: string, value: string) =>
      `<div class="directory-table__cell"><span class="directory-table__label"><span>${label}</span></span><span class="directory-table__value">${value}</span></div>`;
    const users = [
      ['admin', '2h'],
      ['reception', '1d'],
      ['jdoe', '6mon'],
    ];
    document.body.innerHTML = `<div role="table" aria-label="Active Users" class="directory-table">
      <div class="directory-table__header"><div class="wrapper"><button class="bulk-select" type="button"><svg></svg></button>${column('Username')}</div>
        ${column('Email')}${column('Seen')}${column('Created')}<div class="directory-table__column-header">&nbsp;</div></div>
      <div class="directory-table__body">${users
        .map(
          ([login, seen]) => `<div class="user directory-table__row">
            <div class="directory-table__cell username"><a class="avatar" href="/u/${login}"><img class="avatar" alt=""></a><a href="/admin/users/1/${login}">${login}</a></div>
            <div class="directory-table__cell email"><span class="directory-table__value">${login}@firm.example</span></div>
            ${cell('Seen', seen ?? '')}${cell('Created', '2y')}<div class="directory-table__cell"></div></div>`,
        )
        .join('')}</div></div>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    expect(list.headers).toEqual(['Username', 'Email', 'Seen', 'Created', '']);
    expect(list.rows().map((row) => readRow(list, row))).toMatchObject(
      users.map(([login, seen]) => ({ username: login, email: `${login}@firm.example`, lastSignIn: seen })),
    );
  });
});

describe('reading a role shown as a badge beside the login', () => {
  it('takes the badge as the role where the list has no role column, and not as the name', () => {
    // Gitea's users list: a site administrator's login carries an "Admin" label.
    document.body.innerHTML = `<table><thead><tr><th>ID</th><th>Username</th><th>Email</th></tr></thead><tbody>
      <tr><td>1</td><td><a href="/tsmith">tsmith</a> <span class="ui mini label">Admin</span></td><td>tom@firm.example</td></tr>
      <tr><td>2</td><td><a href="/admin">admin</a> <span class="ui mini label">Admin</span></td><td>admin@firm.example</td></tr>
      <tr><td>3</td><td><a href="/amy">amy</a></td><td>amy@firm.example</td></tr>
      <tr><td>4</td><td><a href="/kurt">kurt</a> <span class="badge">Verwalter</span></td><td>kurt@firm.example</td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    expect(list.rows().map((row) => readRow(list, row))).toMatchObject([
      { username: 'tsmith', displayName: 'tsmith', role: 'Admin' },
      { username: 'admin', displayName: 'admin', role: 'Admin' },
      { username: 'amy', displayName: 'amy', role: null },
      { username: 'kurt', displayName: 'kurt', role: 'Verwalter' },
    ]);
  });

  it('leaves out the tag beside the admin’s own login: "You" is not a name', () => {
    document.body.innerHTML = `<table><thead><tr><th>Username</th><th>Email</th></tr></thead><tbody>
      <tr><td><a href="#1">ppatel</a> <span class="tag">(you)</span></td><td>priya@firm.example</td></tr>
      <tr><td><a href="#2">jonas</a> <span class="tag">Du</span></td><td>jonas@firm.example</td></tr>
      <tr><td><a href="#3">amy</a> <span>Amy Nguyen</span></td><td>amy@firm.example</td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    expect(list.rows().map((row) => readLogin(list, row)?.displayName)).toEqual([
      'ppatel',
      'jonas',
      'Amy Nguyen',
    ]);
  });
});

describe('reading a list whose first column holds the name above the login (Mattermost)', () => {
  it('finds the list by its "User details", email and last login, and reads the login under the name', () => {
    // Mattermost's System Console users, as its AdminConsoleListTable draws them. The actions button
    // says each one's role, or that the login is deactivated.
    const users = [
      ['Tom Smith', 'tsmith', 'tom.smith@firm.example', 'Today', 'System Admin'],
      ['Front Desk', 'frontdesk2', 'frontdesk2@firm.example', '15 days', 'Member'],
      ['Buchhaltung', 'buchhaltung', 'buchhaltung@firm.example', '30 days', 'Deactivated'],
      ['Frontdesk', 'frontdesk', 'desk@firm.example', '', 'Member'],
    ];
    const row = ([name, login, email, last, action]: string[]) =>
      `<tr><td><div><div class="profilePictureContainer"><img class="profilePicture" aria-hidden="true"></div>
        <div class="displayName" title="${name}">${name}</div><div class="userName" title="${login}">${login}</div></div></td>
        <td>${email}</td><td><span>200 days</span></td><td>${last ? `<span>${last}</span>` : ''}</td>
        <td><button>${action}<i class="icon icon-chevron-down"></i></button></td></tr>`;
    document.body.innerHTML = `<table class="adminConsoleListTable"><caption>System Users</caption><thead><tr>
      <th><div><span>User details</span></div></th><th><div><span>Email</span></div></th>
      <th><div><span>Member since</span></div></th><th><div><span>Last login</span></div></th>
      <th><div><span>Actions</span></div></th></tr></thead><tbody>${users.map(row).join('')}</tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    expect(list.rows().map((row) => readRow(list, row))).toMatchObject(
      users.map(([displayName, username, email, lastSignIn, action]) => ({
        username,
        displayName,
        email,
        lastSignIn: lastSignIn || null,
        status: action === 'Deactivated' ? action : null,
        role: action === 'Deactivated' ? null : action,
      })),
    );
    // Marking reads the status too: the deactivated login is not marked.
    expect(list.rows().map((row) => readLogin(list, row)?.status ?? null)).toEqual([
      null,
      null,
      'Deactivated',
      null,
    ]);
  });

  it('takes the first piece without spaces as the login unless it is written as a name and a later one as a login', () => {
    document.body.innerHTML = `<table><thead><tr><th>Username</th><th>Email</th></tr></thead><tbody>
      <tr><td><span>Disabled</span> <a href="#">jdoe</a></td><td>jdoe@firm.example</td></tr>
      <tr><td><a href="#">invite</a> <span>Modifier</span> <span>Voir</span></td><td>invite@firm.example</td></tr>
      <tr><td><a href="#">Kim</a> <span>Editor</span></td><td>kim@firm.example</td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    expect(list.rows().map((row) => readRow(list, row)?.username)).toEqual(['jdoe', 'invite', 'Kim']);
  });
});

describe('reading a status shown by a mark alone', () => {
  const statusesOf = (marks: string[], header = 'Enabled') => {
    document.body.innerHTML = `<table><thead><tr><th>Username</th><th>Email</th><th>${header}</th></tr></thead><tbody>${marks
      .map((mark, i) => `<tr><td>user${i}</td><td>user${i}@firm.example</td><td>${mark}</td></tr>`)
      .join('')}</tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    return list.rows().map((row) => readLogin(list, row)?.status ?? null);
  };
  const tick = '<i class="fa fa-check"></i>';

  it('reads a blank under a yes-or-no header as "No" where the other rows only tick (MantisBT)', () => {
    expect(statusesOf([tick, tick, '&#160;'])).toEqual(['Yes', 'Yes', 'No']);
    // Under "Status", a blank says nothing.
    expect(statusesOf([tick, tick, '&#160;'], 'Status')).toEqual(['Yes', 'Yes', null]);
  });

  it('reads a yes under a header asking whether the login is switched off as "Disabled"', () => {
    // Synapse Admin's "Deactivated" column of icons labelled Yes and No.
    const yes = '<svg aria-label="Yes" data-testid="TrueIcon"></svg>';
    const no = '<svg aria-label="No" data-testid="FalseIcon"></svg>';
    expect(statusesOf([no, yes, no], 'Deactivated')).toEqual(['Active', 'Disabled', 'Active']);
    // Firefly III's "È bloccato": a tick titled "Sì" on the blocked user.
    expect(
      statusesOf(['<span title="No"></span>', '<span class="fa fa-check" title="Sì"></span>'], 'È bloccato'),
    ).toEqual(['Active', 'Disabled']);
    expect(statusesOf(['Nein', 'Ja'], 'Gesperrt')).toEqual(['Active', 'Disabled']);
  });

  it('reads no status from a blank where other rows say "No" themselves, or show a switch', () => {
    // Chamilo leaves the admin's own row blank: no one may lock it.
    expect(statusesOf([tick, '<i class="fa fa-times"></i>', '&#160;'])).toEqual(['Yes', 'No', null]);
    // ownCloud's "Enabled" checkboxes, none on the admin's own row.
    expect(
      statusesOf(['&#160;', '<input type="checkbox" checked>', '<input type="checkbox" checked>']),
    ).toEqual([null, 'Yes', 'Yes']);
  });

  it('reads a tick or a cross, an image’s alt text, an icon’s title and a switch as on or off', () => {
    const rows = [
      ['octicon', '<svg class="svg octicon-check" aria-hidden="true"></svg>', 'Yes'],
      ['octicross', '<svg class="svg octicon-x" aria-hidden="true"></svg>', 'No'],
      ['fontawesome', '<i class="fa fa-times text-danger"></i>', 'No'],
      [
        'joomla',
        '<a class="tbody-icon active"><span class="icon-publish" aria-hidden="true"></span></a>',
        'Yes',
      ],
      // The Django admin's boolean columns.
      ['django', '<img src="/static/admin/img/icon-no.svg" alt="False">', 'False'],
      ['titled', '<span class="state" title="Disabled"></span>', 'Disabled'],
      ['switched', '<span role="switch" aria-checked="false"></span>', 'No'],
      ['coloured', '<span class="badge badge-success"></span>', 'Yes'],
      // An icon that names no state says nothing.
      ['editor', '<a title="Edit"><i class="fa fa-pencil"></i></a>', null],
      // Chamilo's images, whose tips say what a click does ("Unlock"): their file names say the state.
      ['chamilo', '<img src="/main/img/icons/16/accept.png" alt="Bloquear" title="Bloquear">', 'Yes'],
      ['chamilox', '<img src="/main/img/icons/16/error.png?v=2" alt="Desbloquear">', 'No'],
    ];
    document.body.innerHTML = `<table><thead><tr><th>Username</th><th>Email</th><th>Active</th></tr></thead><tbody>${rows
      .map(([login, mark]) => `<tr><td>${login}</td><td>${login}@firm.example</td><td>${mark}</td></tr>`)
      .join('')}</tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    expect(list.rows().map((row) => readLogin(list, row)?.status ?? null)).toEqual(
      rows.map(([, , status]) => status),
    );
  });

  it('reads a blank cell as nothing where the column is not a yes or no, or no other row shows anything', () => {
    const table = (header: string, cells: string[]) =>
      `<table><thead><tr><th>Username</th><th>Email</th><th>${header}</th></tr></thead><tbody>${cells
        .map((cell, i) => `<tr><td>user${i}</td><td>user${i}@firm.example</td><td>${cell}</td></tr>`)
        .join('')}</tbody></table>`;
    for (const [header, cells] of [
      ['Status', ['<i class="fa fa-check"></i>', '']],
      ['Enabled', ['', '']],
    ] as const) {
      document.body.innerHTML = table(header, [...cells]);
      const [list] = findUserLists(document);
      if (!list) throw new Error('no user list found');
      expect(readLogin(list, list.rows()[1] as Element)?.status ?? null, header).toBeNull();
    }
  });
});

describe('reading a cell with an avatar of initials', () => {
  it('leaves the initials out: they are a picture of the person, not the login or the name', () => {
    document.body.innerHTML = `<table><thead><tr><th>User</th><th>Username</th><th>Status</th></tr></thead><tbody>
      <tr><td><span class="avatar">AN</span> <a href="#">Amy Nguyen</a></td>
        <td><span class="MuiAvatar-root">RC</span><span>reception</span></td><td>Active</td></tr>
      <tr><td><div class="ms-Persona-coin"><div class="ms-Persona-initials"><span>TL</span></div></div>
        <div class="ms-Persona-primaryText">Tom &amp; Lucy</div></td>
        <td><span class="ant-avatar-string">TL</span> tomlucy</td><td>Active</td></tr>
      <tr><td><span class="user-with-avatar">Ben Ode</span></td><td>bode</td><td>Active</td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    expect(list.rows().map((row) => readLogin(list, row))).toMatchObject([
      { username: 'reception', displayName: 'Amy Nguyen' },
      { username: 'tomlucy', displayName: 'Tom & Lucy' },
      // A wrapper named for its avatar, holding the name: read.
      { username: 'bode', displayName: 'Ben Ode' },
    ]);
  });
});

describe('reading a cell with a tooltip kept in it', () => {
  it('leaves the tooltip out: it says what a control does, not what the cell holds', () => {
    // Joomla's users list in Polish: the enabled tick with its tooltip, "Block user".
    document.body.innerHTML = `<table><thead><tr><th>Nazwa</th><th>Nazwa użytkownika</th><th>Włączony</th></tr></thead><tbody>
      <tr><th scope="row"><a href="#1">Jan Nowak</a></th><td>jnowak</td>
        <td><a class="tbody-icon active" href="#"><span class="icon-publish" aria-hidden="true"></span></a><div role="tooltip">Zablokuj użytkownika</div></td></tr>
      <tr><th scope="row"><a href="#2">Recepcja</a></th><td>recepcja</td>
        <td><a class="tbody-icon" href="#"><span class="icon-unpublish" aria-hidden="true"></span></a><div role="tooltip">Odblokuj użytkownika</div></td></tr></tbody></table>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no user list found');
    expect(list.rows().map((row) => readLogin(list, row))).toMatchObject([
      // The status is the tick's, on or off, not the tooltip's "Block user".
      { username: 'jnowak', displayName: 'Jan Nowak', status: 'Yes' },
      { username: 'recepcja', displayName: 'Recepcja', status: 'No' },
    ]);
  });
});
