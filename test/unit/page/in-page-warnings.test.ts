import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateWithDirectory, type SystemDirectory } from '../../../extension/lib/page/directory-verdicts';
import type { EvaluatePageRows, JudgePageRows, RowVerdict } from '../../../extension/lib/page/evaluate';
import {
  type InPageWarningsOptions,
  startInPageWarnings,
} from '../../../extension/lib/page/in-page-warnings';
import { LAYER_TAG, MARKS_TAG } from '../../../extension/lib/page/row-marks';
import { evaluateFromPageAlone, rowWarning } from '../../../extension/lib/page/row-warnings';
import type { RowWatcher } from '../../../extension/lib/page/watch-user-rows';
import type { PageLogin } from '../../../shared/schemas/page-row';
import { fixtureHtml, fixtureLabels, JUDGED_FIXTURES, loadFixture } from './fixture-pages';

let running: RowWatcher | null = null;
afterEach(() => {
  running?.stop();
  running = null;
  document.body.innerHTML = '';
});

function start(evaluate: JudgePageRows = evaluateFromPageAlone, extra: Partial<InPageWarningsOptions> = {}) {
  running = startInPageWarnings({ evaluate, ...extra });
  return running;
}

/** username → data-rollcall of every evaluated row on the page now. */
function verdictsOnPage(watcher: RowWatcher): Map<string, string | null> {
  return new Map(
    [...watcher.rows].map(([element, watched]) => [
      watched.row.username,
      element.getAttribute('data-rollcall'),
    ]),
  );
}

const sameKinds = (value: string | null | undefined) => (value ?? '').split(' ').sort().join(' ');

/** The text node that shows a row's login, in the cell of its badges where it has cells. */
function loginText(row: Element, host: Element, login: string): Node {
  const cell = host.closest('td, th, [role=gridcell], [role=cell]') ?? row;
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  const texts: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node);
  const wanted = login.toLowerCase();
  // The login written alone, else within more ("@amy"): not a name that holds it ("Reception Desk",
  // "Buchhaltung" beside "buchhaltung").
  // Or written in pieces, one after the other ("reception" then "@firm.example"): the last.
  const pieces = texts.find((_, end) =>
    texts.some(
      (__, start) =>
        start < end &&
        texts
          .slice(start, end + 1)
          .map((node) => node.nodeValue?.trim())
          .join('')
          .toLowerCase() === wanted,
    ),
  );
  const found =
    texts.find((node) => node.nodeValue?.trim() === login) ??
    texts.find((node) => node.nodeValue?.trim().toLowerCase() === wanted) ??
    texts.find((node) => (node.nodeValue ?? '').toLowerCase().includes(wanted)) ??
    pieces;
  if (!found) throw new Error(`${login} is not shown beside its badges`);
  return found;
}

/**
 * What lies between a login's text and its badges in reading order: the text there, and `<tag>` for
 * every element that is not inline with the login's text (an image, a line break, a block).
 */
function between(from: Node, to: Element): string {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);
  walker.currentNode = from;
  let seen = '';
  for (let node = walker.nextNode(); node && node !== to; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) seen += (node.nodeValue ?? '').trim();
    // An icon drawn inline after the login (BookStack's lock for two-factor sign-in) is on its line.
    else if (node instanceof Element && node.closest('svg')) continue;
    else if (node instanceof Element && !/^(A|B|STRONG|EM|I|SPAN|CODE|BDI|SMALL)$/.test(node.tagName))
      seen += `<${node.tagName.toLowerCase()}>`;
  }
  return seen;
}

/** The fake verdict: logins starting with "gen" are generic. */
const fakeVerdicts: EvaluatePageRows = (rows) =>
  rows.map((row) => ({
    findings: row.username.startsWith('gen')
      ? [
          rowWarning('generic', {
            title: `"${row.username}" is a role`,
            evidence: 'role word',
            tip: { why: 'why', fix: 'fix' },
          }),
        ]
      : [],
  }));

/** A fake evaluator that flags logins starting with "gen" and counts what it is asked. */
function countingEvaluator() {
  const asked: PageLogin[] = [];
  const evaluate: EvaluatePageRows = (rows) => {
    asked.push(...rows);
    return fakeVerdicts(rows);
  };
  return { asked, evaluate };
}

/** An evaluator that answers only when the test says so, as a busy background would. */
function heldEvaluator() {
  const batches: { rows: readonly PageLogin[]; answer(): void }[] = [];
  const evaluate: JudgePageRows = (rows) =>
    new Promise<RowVerdict[]>((resolve) => {
      batches.push({ rows, answer: () => resolve(fakeVerdicts(rows)) });
    });
  return { batches, evaluate };
}

const userTable = (logins: readonly string[]) =>
  `<table><thead><tr><th>Username</th><th>Name</th></tr></thead><tbody>${logins
    .map((login, i) => `<tr><td>${login}</td><td>Person ${i}</td></tr>`)
    .join('')}</tbody></table>`;

describe('in-page warnings, signed out', () => {
  for (const name of JUDGED_FIXTURES.filter((fixture) => !fixtureLabels(fixture).rendersAfterLoad)) {
    it(`marks every row of ${name} as its labels say`, async () => {
      loadFixture(name);
      const watcher = start();
      await watcher.settled();
      const labels = fixtureLabels(name);
      const onPage = verdictsOnPage(watcher);
      // Every row is judged, also two rows of one login (a database login on two hosts).
      expect(watcher.rows.size).toBe(labels.rows.length);
      for (const row of labels.rows)
        expect(sameKinds(onPage.get(row.username)), row.username).toBe(sameKinds(row.signedOut));
    });
  }

  for (const name of JUDGED_FIXTURES.filter((fixture) => !fixtureLabels(fixture).rendersAfterLoad)) {
    it(`puts each badge of ${name} on the login’s line: after its text and link, before any avatar, line break or row actions`, async () => {
      loadFixture(name);
      const watcher = start();
      await watcher.settled();
      // A grid drawn again over itself for its fixed columns has its badges in a layer, none in its rows.
      const layered = watcher.lists.some((list) => list.drawnAgain);
      expect(document.querySelector(LAYER_TAG) !== null).toBe(layered);
      let badged = 0;
      for (const [element, { row }] of watcher.rows) {
        const host = element.querySelector(MARKS_TAG);
        if (!host) continue;
        badged++;
        // Never inside a link, but for a row that is one (FreeScout draws each user's card as a link)
        // or a link around more of the row than the login (Sentrifugo's around each employee's
        // number, email and phone), where outside it the badges would sit under all it holds.
        const link = host.closest('a');
        if (link && link !== element)
          expect(link.textContent?.replace(row.username, '').trim(), row.username).not.toBe('');
        expect(between(loginText(element, host, row.username), host), row.username).toBe('');
      }
      expect(badged > 0).toBe(!layered);
    });
  }

  it('on WordPress, puts the badges after the login’s <strong><a>, on its line, above the row actions', async () => {
    loadFixture('wordpress-users');
    const watcher = start();
    await watcher.settled();
    const row = [...watcher.rows].find(([, watched]) => watched.row.username === 'accueil')?.[0];
    const host = row?.querySelector(MARKS_TAG);
    expect(host?.previousElementSibling?.outerHTML).toMatch(/^<strong><a [^>]*>accueil<\/a><\/strong>$/);
    expect(host?.nextElementSibling?.tagName).toBe('BR');
  });

  it('marks the single-page app’s rows after load, on every page and after sorting', async () => {
    loadFixture('spa-team', { runScripts: true });
    const watcher = start();
    const labels = new Map(fixtureLabels('spa-team').rows.map((row) => [row.username, row.signedOut]));
    const checkPage = async () => {
      await watcher.settled();
      const rows = [...document.querySelectorAll<HTMLTableRowElement>('.team-table tbody tr')];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const login = row.cells[1]?.textContent ?? '';
        expect(sameKinds(row.getAttribute('data-rollcall')), login).toBe(sameKinds(labels.get(login)));
      }
      return rows.length;
    };
    await expect
      .poll(() => document.querySelectorAll('.team-table tbody tr').length, { timeout: 2000 })
      .toBe(10);
    let seen = await checkPage();
    const next = () => document.querySelector<HTMLButtonElement>('#next-page');
    while (next() && !next()?.disabled) {
      next()?.click();
      seen += await checkPage();
    }
    expect(seen).toBe(labels.size);
    // Sort by login: every row is rebuilt.
    [...document.querySelectorAll<HTMLButtonElement>('th button')]
      .find((b) => b.textContent?.startsWith('Login'))
      ?.click();
    await checkPage();
    expect(watcher.rows.size).toBe(document.querySelectorAll('.team-table tbody tr').length);
  });
  it('follows a data grid that redraws its rows when sorted: new row elements, each marked as labelled, the old ones forgotten', async () => {
    loadFixture('clinic-users-ag-grid');
    const labels = new Map(
      fixtureLabels('clinic-users-ag-grid').rows.map((row) => [row.username, row.signedOut]),
    );
    const watcher = start();
    await watcher.settled();
    const container = document.querySelector('.ag-center-cols-container') as Element;
    const shownRows = () => [...container.querySelectorAll('[role=row]')];
    const before = shownRows();
    // Sorted by login, the grid draws every row anew from its data, in the new order.
    const fresh = new DOMParser()
      .parseFromString(fixtureHtml('clinic-users-ag-grid'), 'text/html')
      .querySelectorAll('.ag-center-cols-container [role=row]');
    const login = (row: Element) => row.querySelector('[col-id=login]')?.textContent ?? '';
    const sorted = [...fresh].sort((a, b) => login(a).localeCompare(login(b)));
    sorted.forEach((row, i) => {
      row.setAttribute('row-index', `${i}`);
      row.setAttribute('aria-rowindex', `${i + 3}`);
    });
    container.replaceChildren(...sorted.map((row) => document.importNode(row, true)));
    await watcher.settled();
    const after = shownRows();
    expect(after.map(login)).toEqual([...labels.keys()].sort((a, b) => a.localeCompare(b)));
    expect(after.some((row) => before.includes(row))).toBe(false);
    for (const row of after)
      expect(sameKinds(row.getAttribute('data-rollcall')), login(row)).toBe(
        sameKinds(labels.get(login(row))),
      );
    expect(watcher.rows.size).toBe(labels.size);
    const flagged = [...labels.values()].filter((verdict) => verdict !== 'ok').length;
    expect(container.querySelectorAll(MARKS_TAG)).toHaveLength(flagged);
  });
});

describe('the row watcher', () => {
  it('judges rows that arrive later once, reuses verdicts across re-renders and forgets removed rows', async () => {
    loadFixture('spa-team', { runScripts: true });
    const { asked, evaluate } = countingEvaluator();
    const watcher = start(evaluate);
    await expect
      .poll(() => document.querySelectorAll('.team-table tbody tr').length, { timeout: 2000 })
      .toBe(10);
    await watcher.settled();
    expect(asked).toHaveLength(10);
    expect(watcher.rows.size).toBe(10);

    document.querySelector<HTMLButtonElement>('#next-page')?.click();
    await watcher.settled();
    expect(asked).toHaveLength(20);
    expect(watcher.rows.size).toBe(10);
    for (const element of watcher.rows.keys()) expect(element.isConnected).toBe(true);

    // Back to page 1 and a refresh: new elements, same content, no new evaluation.
    document.querySelector<HTMLButtonElement>('#prev-page')?.click();
    document.querySelector<HTMLButtonElement>('#refresh')?.click();
    await watcher.settled();
    expect(asked).toHaveLength(20);
    expect(
      [...document.querySelectorAll('.team-table tbody tr')].every((row) =>
        row.hasAttribute('data-rollcall'),
      ),
    ).toBe(true);
    expect(Number(document.querySelector('#render-count')?.textContent)).toBe(4);
  });

  it('reads a row again when its content changes, and a row the page adds later', async () => {
    loadFixture('booking-grid', { runScripts: true });
    const { asked, evaluate } = countingEvaluator();
    const watcher = start(evaluate);
    await watcher.settled();
    expect(asked).toHaveLength(10);

    const giulia = [...document.querySelectorAll('[role=row]')].find((row) =>
      row.textContent?.includes('Giulia'),
    );
    giulia?.querySelector<HTMLButtonElement>('button.lock')?.click();
    await watcher.settled();
    expect(asked.at(-1)).toMatchObject({ username: 'g.bianchi@harbourtravel.com.au', status: 'Enabled' });
    expect(asked).toHaveLength(11);

    const body = document.getElementById('users-body');
    const row = body?.lastElementChild?.cloneNode(true) as Element;
    row.querySelectorAll('[role=gridcell]')[2]?.replaceChildren('nadia.rahman@harbourtravel.com.au');
    body?.appendChild(row);
    await watcher.settled();
    expect(asked).toHaveLength(12);
    expect(row.getAttribute('data-rollcall')).toBe('ok');
    row.querySelectorAll('[role=gridcell]')[2]?.replaceChildren('genius@harbourtravel.com.au');
    await watcher.settled();
    expect(row.getAttribute('data-rollcall')).toBe('generic');

    row.remove();
    await watcher.settled();
    expect(watcher.rows.has(row)).toBe(false);
    expect(watcher.rows.size).toBe(10);
  });

  it('reads a long list’s later rows as its first rows read, and a later row that holds more than they did piece by piece', async () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      i === 20
        ? // Unlike the rows before it: a button beside the name, and the login with an email under it.
          '<tr><td><a href="#p20">Okafor, Chinedu</a><button>Reset password</button></td><td>cokafor<br>chinedu@firm.example</td><td>Active</td></tr>'
        : `<tr><td> <a href="#p${i}">Nguyen${i}, Amy</a> </td><td>amy.nguyen${i}</td><td>Active</td></tr>`,
    );
    document.body.innerHTML = `<table><thead><tr><th>Name</th><th>Login ID</th><th>Status</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    const { asked, evaluate } = countingEvaluator();
    await start(evaluate).settled();
    expect(asked).toHaveLength(30);
    expect(asked[25]).toEqual({
      username: 'amy.nguyen25',
      displayName: 'Nguyen25, Amy',
      email: null,
      status: 'Active',
    });
    // Walked: the button's text is no part of the name, and the email is a piece of its own (which a
    // login cell's pieces are read as the login by, as on any row).
    expect(asked[20]).toEqual({
      username: 'chinedu@firm.example',
      displayName: 'Okafor, Chinedu',
      email: 'chinedu@firm.example',
      status: 'Active',
    });
  });

  it('reads a list of records whose items the page renders after it was read', async () => {
    document.body.innerHTML = '<h1>Members</h1><ul id="members"><li>Loading…</li></ul>';
    const { asked, evaluate } = countingEvaluator();
    const watcher = start(evaluate);
    await watcher.settled();
    expect(asked).toHaveLength(0);
    const members = document.getElementById('members') as Element;
    members.innerHTML = ['amy.nguyen', 'genreception', 'tnowak']
      .map((login) => `<li><a href="/u/${login}" class="username">${login}</a> (Staff) · joined 2024</li>`)
      .join('');
    await watcher.settled();
    expect(asked.map((row) => row.username)).toEqual(['amy.nguyen', 'genreception', 'tnowak']);
    expect([...members.children].map((item) => item.getAttribute('data-rollcall'))).toEqual([
      'ok',
      'generic',
      'ok',
    ]);
    // The badges follow the record's words, not inside its link.
    expect(members.querySelector(`a ${MARKS_TAG}`)).toBeNull();
    expect(members.children[1]?.lastElementChild?.tagName.toLowerCase()).toBe(MARKS_TAG);
  });

  it('reads a list in a tab’s panel shown later, as an app shows its users by role in tabs', async () => {
    // Each card as Ghost draws it: the name's initials in a circle (no class says it is an avatar),
    // the name, the email.
    const card = ([initials, name, login]: string[]) =>
      `<div class="user"><div class="circle"><span>${initials}</span></div><div><span>${name}</span><span class="email">${login}@firm.example</span></div></div>`;
    const staff = [
      ['AN', 'Amy Nguyen', 'amy.nguyen'],
      ['GR', 'Gen Reception', 'genreception'],
      ['TN', 'Tomasz Nowak', 'tnowak'],
    ];
    document.body.innerHTML = `<h1>Staff</h1>
      <div role="tablist"><button role="tab">Administrators</button><button role="tab">Authors</button></div>
      <div role="tabpanel"><p>Only the owner.</p></div>
      <div role="tabpanel" hidden><div class="users">${staff.map(card).join('')}</div></div>`;
    const { asked, evaluate } = countingEvaluator();
    const watcher = start(evaluate);
    await watcher.settled();
    expect(asked).toHaveLength(0);
    // The admin picks the "Authors" tab: the page shows its panel, adding nothing.
    document.querySelector('[role=tabpanel][hidden]')?.removeAttribute('hidden');
    // Each login the email, not the initials.
    await vi.waitFor(() =>
      expect(asked.map((row) => row.username)).toEqual(staff.map(([, , login]) => `${login}@firm.example`)),
    );
    await watcher.settled();
    expect([...document.querySelectorAll('.user')].map((card) => card.getAttribute('data-rollcall'))).toEqual(
      ['ok', 'generic', 'ok'],
    );
  });

  it('splits a long list into chunks within the time budget, yielding to the page between them', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `<tr><td>user${i}</td><td>Person ${i}</td></tr>`).join(
      '',
    );
    document.body.innerHTML = `<table><thead><tr><th>Username</th><th>Name</th></tr></thead><tbody>${rows}</tbody></table>`;
    let clock = 0;
    const yields = vi.fn(() => Promise.resolve());
    // The fake clock's time at each yield: the page never waits longer than a chunk's budget.
    const at: number[] = [0];
    const watcher = start((batch) => batch.map(() => ({ findings: [] })), {
      budgetMs: 20,
      // The watcher looks at the clock once per row: each row read costs 1 ms of the fake clock.
      now: () => clock++,
      yieldToPage: () => {
        at.push(clock);
        return yields();
      },
    });
    await watcher.settled();
    expect(watcher.rows.size).toBe(300);
    expect(yields.mock.calls.length).toBeGreaterThanOrEqual(14);
    const chunks = at.slice(1).map((time, index) => time - (at[index] as number));
    // A chunk's own clock readings (start, one per row, end) on top of its 20 ms of rows.
    expect(Math.max(...chunks)).toBeLessThanOrEqual(23);
  });

  it('finds a big table, lists its rows and reads it whole in three chunks, not in one long task', async () => {
    document.body.innerHTML = userTable(Array.from({ length: 50 }, (_, i) => `user${i}`));
    // What the page's thread did, in order, each step taking as long as it does on a 5,000-row table
    // (15 ms of the fake clock, against a budget of 20 ms a chunk).
    const steps: string[] = [];
    let clock = 0;
    const step = (name: string) => {
      steps.push(name);
      clock += 15;
    };
    const byTag = document.getElementsByTagName.bind(document);
    vi.spyOn(document, 'getElementsByTagName').mockImplementation((tag: string) => {
      if (tag === 'table') step('lists found');
      return byTag(tag);
    });
    // Only listing the rows reaches the last one before any row is read.
    const lastRow = document.querySelector('tbody tr:last-child');
    const count = Object.getOwnPropertyDescriptor(Element.prototype, 'childElementCount')?.get;
    vi.spyOn(Element.prototype, 'childElementCount', 'get').mockImplementation(function (this: Element) {
      if (this === lastRow && !steps.includes('rows listed')) step('rows listed');
      return count?.call(this) ?? 0;
    });
    vi.spyOn(HTMLElement.prototype, 'innerText', 'get').mockImplementation(function (this: HTMLElement) {
      if (this.tagName === 'TBODY') step('body read whole');
      return this.textContent ?? '';
    });
    const watcher = start((batch) => batch.map(() => ({ findings: [] })), {
      budgetMs: 20,
      now: () => clock,
      yieldToPage: () => {
        steps.push('yield');
        return Promise.resolve();
      },
    });
    await watcher.settled();
    vi.restoreAllMocks();
    expect(watcher.rows.size).toBe(50);
    // The first yield starts the work.
    expect(steps.slice(0, 6)).toEqual([
      'yield',
      'lists found',
      'yield',
      'rows listed',
      'yield',
      'body read whole',
    ]);
  });

  it('reads on while earlier rows are being judged, and marks each batch when its answer comes', async () => {
    document.body.innerHTML = userTable(Array.from({ length: 1200 }, (_, i) => `user${i}`));
    const { batches, evaluate } = heldEvaluator();
    const watcher = start(evaluate);
    // Every row is read and sent before the first answer comes back (slowly on a busy machine).
    await expect
      .poll(() => batches.reduce((sum, batch) => sum + batch.rows.length, 0), { timeout: 10_000 })
      .toBe(1200);
    expect(batches.length).toBeGreaterThan(1);
    expect(document.querySelectorAll('[data-rollcall]').length).toBe(0);

    batches[0]?.answer();
    await expect
      .poll(() => document.querySelectorAll('[data-rollcall]').length)
      .toBe(batches[0]?.rows.length);
    for (const batch of batches.slice(1)) batch.answer();
    await watcher.settled();
    expect(document.querySelectorAll('tbody tr[data-rollcall="ok"]').length).toBe(1200);
  });

  it('sends each batch to be judged the moment it is full, while the rest of the list is still being read', async () => {
    document.body.innerHTML = userTable(Array.from({ length: 1200 }, (_, i) => `user${i}`));
    let clock = 0;
    // How many clock readings (one per row read) had been taken when each batch was asked about.
    const readWhenAsked: number[] = [];
    const watcher = start(
      (batch) => {
        readWhenAsked.push(clock);
        return batch.map(() => ({ findings: [] }));
      },
      // One chunk for the whole list: the batches are not held back to its end.
      { budgetMs: 100_000, now: () => clock++ },
    );
    await watcher.settled();
    expect(document.querySelectorAll('tbody tr[data-rollcall="ok"]').length).toBe(1200);
    expect(readWhenAsked).toHaveLength(3);
    expect(readWhenAsked[0]).toBeLessThanOrEqual(510);
    expect(readWhenAsked[1]).toBeLessThanOrEqual(1010);
  });

  /**
   * Lays the table's body rows (and their cells) out 20 px apart down a page scrolled by `scrolled`
   * px (DOM emulators lay nothing out). Answers the rows in the window: those with a part between 0
   * and its height.
   */
  function layOutRows(scrolled: number) {
    const rows = [...document.querySelectorAll('tbody tr')];
    const index = new Map(rows.map((row, i) => [row, i]));
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const row = this.closest('tbody tr');
      const at = row ? index.get(row) : undefined;
      const top = at === undefined ? 0 : 40 + at * 20 - scrolled;
      const height = at === undefined ? 0 : 20;
      return DOMRect.fromRect({ x: 0, y: top, width: height ? 600 : 0, height });
    });
    return rows.filter(
      (_, i) => 40 + i * 20 - scrolled + 20 > 0 && 40 + i * 20 - scrolled < window.innerHeight,
    );
  }

  const withGenerics = (count: number) =>
    Array.from({ length: count }, (_, i) => (i % 17 === 0 ? `gen${i}` : `user${i}`));
  const usernameOf = (row: Element) => row.querySelector('td')?.textContent ?? '';

  it('on a list longer than a batch, judges the rows in the window first and marks them before reading on', async () => {
    document.body.innerHTML = userTable(withGenerics(1200));
    const inWindow = layOutRows(12_000);
    expect(inWindow.length).toBeGreaterThan(10);
    const asked: string[][] = [];
    // When the window's rows were marked: how many batches had been asked about, which rows were
    // marked, and which logins had badges drawn.
    let whenShown: { batches: number; marked: string[]; badged: string[] } | null = null;
    const watcher = start(
      (batch) => {
        asked.push(batch.map((row) => row.username));
        return fakeVerdicts(batch);
      },
      {
        onShownMarked() {
          whenShown = {
            batches: asked.length,
            marked: [...document.querySelectorAll('tbody tr[data-rollcall]')].map(usernameOf),
            badged: [
              ...(document.querySelector(LAYER_TAG)?.shadowRoot?.querySelectorAll('[aria-label]') ?? []),
            ]
              .map((group) => (group.getAttribute('aria-label') ?? '').replace(/^Rollcall: /, ''))
              .filter(Boolean),
          };
        },
      },
    );
    await watcher.settled();
    vi.restoreAllMocks();
    const windowLogins = inWindow.map(usernameOf);
    expect(asked[0]).toEqual(windowLogins);
    expect(whenShown).toEqual({
      batches: 1,
      marked: windowLogins,
      badged: expect.arrayContaining(windowLogins.filter((login) => login.startsWith('gen'))),
    });
    expect(windowLogins.filter((login) => login.startsWith('gen')).length).toBeGreaterThan(0);
    // Then every other row, once each, and the list's badges all in its layer.
    expect(asked.flat().sort()).toEqual(withGenerics(1200).sort());
    expect(document.querySelectorAll('tbody tr[data-rollcall]').length).toBe(1200);
    expect(document.querySelectorAll(MARKS_TAG).length).toBe(0);
  });

  it('reads a list of one batch in its order, the window not first', async () => {
    document.body.innerHTML = userTable(withGenerics(400));
    layOutRows(4_000);
    const asked: string[][] = [];
    const shown = vi.fn();
    const watcher = start(
      (batch) => {
        asked.push(batch.map((row) => row.username));
        return fakeVerdicts(batch);
      },
      { onShownMarked: shown },
    );
    await watcher.settled();
    vi.restoreAllMocks();
    expect(asked.flat()).toEqual(withGenerics(400));
    expect(shown).not.toHaveBeenCalled();
  });

  it('reads on where the answer about the window’s rows is slow to come, and draws them when it comes', async () => {
    document.body.innerHTML = userTable(withGenerics(1200));
    const inWindow = layOutRows(12_000);
    const { batches, evaluate } = heldEvaluator();
    const markedWhenShown: string[][] = [];
    const watcher = start(evaluate, {
      onShownMarked: () =>
        markedWhenShown.push([...document.querySelectorAll('tbody tr[data-rollcall]')].map(usernameOf)),
    });
    // Every row is sent, the window's first, though nothing has been answered.
    await expect
      .poll(() => batches.reduce((sum, batch) => sum + batch.rows.length, 0), { timeout: 10_000 })
      .toBe(1200);
    expect(batches[0]?.rows.map((row) => row.username)).toEqual(inWindow.map(usernameOf));
    batches[0]?.answer();
    await expect.poll(() => markedWhenShown.length).toBe(1);
    expect(markedWhenShown[0]).toEqual(inWindow.map(usernameOf));
    for (const batch of batches.slice(1)) batch.answer();
    await watcher.settled();
    vi.restoreAllMocks();
    expect(markedWhenShown).toHaveLength(1);
    expect(document.querySelectorAll('tbody tr[data-rollcall]').length).toBe(1200);
  });

  it('draws the window’s rows when their answer comes while the rest is read, where the reading resumes ahead of other tasks', async () => {
    document.body.innerHTML = userTable(withGenerics(1200));
    layOutRows(12_000);
    let sent = 0;
    let sentWhenShown: number | null = null;
    let answerWindow = () => {};
    let clock = 0;
    const watcher = start(
      (batch) => {
        sent++;
        if (sent === 1)
          return new Promise<RowVerdict[]>((resolve) => {
            answerWindow = () => resolve(fakeVerdicts(batch));
          });
        // The window's answer comes, as a message does, in a task of its own, after the reading's
        // first wait for it and while the rest of the list is being read.
        if (sent === 2) setTimeout(() => answerWindow(), 0);
        return fakeVerdicts(batch);
      },
      {
        // As scheduler.yield does in Chromium: the reading resumes ahead of every task waiting.
        yieldToPage: () => Promise.resolve(),
        // About a hundred rows a chunk.
        budgetMs: 100,
        now: () => clock++,
        onShownMarked: () => {
          sentWhenShown = sent;
        },
      },
    );
    await watcher.settled();
    vi.restoreAllMocks();
    // Drawn while the list was still being read (each chunk sends what it read), not once every
    // row was.
    expect(sent).toBeGreaterThan(5);
    expect(sentWhenShown).toBeGreaterThanOrEqual(2);
    expect(sentWhenShown).toBeLessThan(sent - 2);
    expect(document.querySelectorAll('tbody tr[data-rollcall]').length).toBe(1200);
  });

  it('judges every row again when told (the list was just synced), without the page changing', async () => {
    document.body.innerHTML = userTable(['alice', 'genbob', 'carol']);
    // Before the sync the directory knows nobody; after it, carol's login is nobody's.
    let synced = false;
    const asked: string[][] = [];
    const watcher = start((rows) => {
      asked.push(rows.map((row) => row.username));
      return fakeVerdicts(rows).map((verdict, at) =>
        synced && rows[at]?.username === 'carol'
          ? {
              findings: [
                rowWarning('unowned', {
                  title: '"carol" belongs to no one',
                  evidence: 'no owner',
                  tip: { why: 'why', fix: 'fix' },
                }),
              ],
            }
          : verdict,
      );
    });
    await watcher.settled();
    const kinds = () =>
      [...document.querySelectorAll('tbody tr')].map((row) => row.getAttribute('data-rollcall'));
    expect(kinds()).toEqual(['ok', 'generic', 'ok']);

    synced = true;
    watcher.rejudge();
    await watcher.settled();
    expect(asked).toEqual([
      ['alice', 'genbob', 'carol'],
      ['alice', 'genbob', 'carol'],
    ]);
    expect(kinds()).toEqual(['ok', 'generic', 'unowned']);
    expect(watcher.rows.size).toBe(3);
  });

  it('marks a row changed while it was being judged by what it shows now, whatever answer comes last', async () => {
    document.body.innerHTML = userTable(['alice', 'bob']);
    const { batches, evaluate } = heldEvaluator();
    const watcher = start(evaluate);
    await expect.poll(() => batches.length).toBe(1);
    const alice = document.querySelector('tbody tr') as Element;
    alice.querySelector('td')?.replaceChildren('genalice');
    await expect.poll(() => batches.length).toBe(2);
    expect(batches[1]?.rows.map((row) => row.username)).toEqual(['genalice']);

    // The answer about "genalice" comes first, the one about "alice" after it.
    batches[1]?.answer();
    batches[0]?.answer();
    await watcher.settled();
    expect(alice.getAttribute('data-rollcall')).toBe('generic');
    expect(watcher.rows.get(alice)?.row.username).toBe('genalice');
    expect(document.querySelectorAll('tbody tr')[1]?.getAttribute('data-rollcall')).toBe('ok');
  });

  it('puts a big list’s badges in a layer after the list, none in its rows, and takes it away when stopped', async () => {
    loadFixture('practice-staff-list');
    const watcher = start(evaluateFromPageAlone, { layerFromRows: 10 });
    await watcher.settled();
    expect(document.querySelectorAll('[data-rollcall]').length).toBe(16);
    expect(document.querySelectorAll(MARKS_TAG).length).toBe(0);
    const layer = document.querySelector(LAYER_TAG);
    expect(layer?.previousElementSibling?.id).toBe('tblStaff');
    watcher.stop();
    expect(document.querySelector(LAYER_TAG)).toBeNull();
    expect(document.querySelectorAll('[data-rollcall]').length).toBe(0);
  });

  it('takes every mark away when stopped', async () => {
    loadFixture('practice-staff-list');
    const watcher = start();
    await watcher.settled();
    expect(document.querySelectorAll('[data-rollcall]').length).toBe(16);
    expect(document.querySelectorAll(MARKS_TAG).length).toBeGreaterThan(0);
    watcher.stop();
    expect(document.querySelectorAll('[data-rollcall]').length).toBe(0);
    expect(document.querySelectorAll(MARKS_TAG).length).toBe(0);
  });
});

describe('in-page warnings, signed in', () => {
  it('marks every row of the practice staff list with what the directory knows', async () => {
    const directory = JSON.parse(
      readFileSync('test/fixtures/pages/practice-staff-list.directory.json', 'utf8'),
    ) as SystemDirectory;
    loadFixture('practice-staff-list');
    const watcher = start(evaluateWithDirectory(directory, evaluateFromPageAlone));
    await watcher.settled();
    const onPage = verdictsOnPage(watcher);
    const labels = fixtureLabels('practice-staff-list').rows;
    expect(onPage.size).toBe(labels.length);
    for (const row of labels)
      expect(sameKinds(onPage.get(row.username)), row.username).toBe(sameKinds(row.signedIn));
    // The tips are the rules' own.
    const mhwang = [...watcher.rows.values()].find((watched) => watched.row.username === 'mhwang');
    expect(mhwang?.verdict.findings[0]?.title).toBe(
      'mhwang in LexOffice is still active after Min-jun Hwang left',
    );
  });
});
