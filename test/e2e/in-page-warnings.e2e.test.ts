import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYER_FROM_ROWS } from '../../extension/lib/page/in-page-warnings.ts';
import { bigStaffList, boxedStaffList } from '../fixtures/big-staff-list.ts';
import {
  componentVerdicts,
  everyPageOf,
  expectRowsMatchLabels,
  JUDGED_FIXTURES,
  labelsOf,
  type PageName,
  verdicts,
  WEB_COMPONENT_VERDICTS,
  WEB_COMPONENTS,
} from './fixture-pages.ts';
import {
  type ExtensionBrowser,
  launchWithExtension,
  type StaticServer,
  screenshot,
  serveFolder,
} from './harness.ts';
import { drawnGroups, expectBadgesStayInBox } from './mark-layer.ts';

describe('in-page warnings in Chromium, signed out', () => {
  let browser: ExtensionBrowser;
  let pages: StaticServer;

  beforeAll(async () => {
    [browser, pages] = await Promise.all([launchWithExtension(), serveFolder('test/fixtures/pages')]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), pages?.close()]);
  });

  async function open(name: PageName): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${pages.url}/${name}.html`);
    return page;
  }

  // Every fixture page, whatever its layout: each row it shows first is marked as its labels say.
  for (const name of JUDGED_FIXTURES) {
    it(`marks the rows of ${name} as its labels say`, async () => {
      const page = await open(name);
      const { pageSize, userList } = labelsOf(name);
      expect(await expectRowsMatchLabels(page, name)).toBe(pageSize ?? userList.rowCount);
      // Each row's badges are one line of text tall, however the page lays out the login's box
      // (a flex row stretches its items to its height: BookStack's name and email beside an avatar).
      const heights = await page.evaluate(() =>
        [...document.querySelectorAll('rollcall-marks')].map((marks) => marks.getBoundingClientRect().height),
      );
      for (const height of heights) expect(height).toBeLessThanOrEqual(28);
      await screenshot(page, `in-page-${name}`);
      await page.close();
    });
  }

  it('marks the lists in frames of the page: one the page makes later, the next page it loads, and a frameset’s frame in a frame', async () => {
    const page = await open('cockpit-shell');
    // The shell makes the Accounts page's frame when the admin picks "Konton".
    await page.getByRole('link', { name: 'Konton' }).click();
    await expect.poll(() => page.frame('cockpit1:localhost/users') !== null).toBe(true);
    const accounts = page.frame('cockpit1:localhost/users') as Frame;
    expect(await expectRowsMatchLabels(accounts, 'cockpit-accounts')).toBe(
      labelsOf('cockpit-accounts').userList.rowCount,
    );
    await expect
      .poll(() => accounts.locator('rollcall-banner').getByRole('complementary').textContent())
      .toContain(`checked ${labelsOf('cockpit-accounts').userList.rowCount} logins`);
    await screenshot(page, 'in-page-frame-made-later');
    // The same frame loads another app's user list: its new document is read afresh.
    await page.evaluate(() => {
      (document.querySelector('iframe[name="cockpit1:localhost/users"]') as HTMLIFrameElement).src =
        'wordpress-users.html';
    });
    await expect.poll(() => accounts.url()).toContain('wordpress-users.html');
    const { pageSize, userList } = labelsOf('wordpress-users');
    expect(await expectRowsMatchLabels(accounts, 'wordpress-users')).toBe(pageSize ?? userList.rowCount);
    // A frame the page writes itself, a frameset as older apps are made: a menu frame (empty here)
    // and the staff list.
    await page.evaluate(() => {
      const outer = document.createElement('iframe');
      outer.name = 'outer';
      outer.srcdoc =
        '<frameset cols="20%,80%"><frame name="menu" src="about:blank"><frame name="inner" src="practice-staff-list.html"></frameset>';
      document.body.appendChild(outer);
    });
    await expect.poll(() => page.frame('inner') !== null).toBe(true);
    expect(await expectRowsMatchLabels(page.frame('inner') as Frame, 'practice-staff-list')).toBe(16);
    await page.close();
  });

  it('marks the list a web-component app draws two shadow roots deep, once the component draws it', async () => {
    const page = await open(WEB_COMPONENTS);
    await expect.poll(() => componentVerdicts(page), { timeout: 15_000 }).toEqual(WEB_COMPONENT_VERDICTS);
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    await expect.poll(() => banner.textContent()).toContain('checked 9 logins');
    await screenshot(page, 'in-page-web-components');
    await page.close();
  });

  it('marks the staff in a tab’s panel once the admin picks the tab (Ghost shows its staff by role)', async () => {
    const page = await open('ghost-staff');
    // The first tab holds one administrator: no list yet.
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-rollcall]').count()).toBe(0);
    await page.getByRole('tab', { name: /^Authors/ }).click();
    const marked = () =>
      page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('[role=tabpanel]:not(.hidden) [data-testid=user-list-item]')].map(
            (row) => [row.querySelector('.text-xs')?.textContent, row.getAttribute('data-rollcall')],
          ),
        ),
      );
    await expect.poll(marked, { timeout: 10_000 }).toEqual({
      'reception@firm.example': 'generic',
      'anna.kowalska@firm.example': 'ok',
      // "John Doe (Suspended)": suspended, so no warning.
      'john.doe@firm.example': 'ok',
      'frontdesk2@firm.example': 'generic',
      'tom.lucy@firm.example': 'shared',
      'test@firm.example': 'default',
      'p.vandijk@firm.example': 'ok',
      'linh.nguyen@firm.example': 'ok',
    });
    await screenshot(page, 'in-page-ghost-staff-authors');
    await page.close();
  });

  it('marks a table of cells in no rows, each user’s badges in the login’s cell (Flarum lists its users so)', async () => {
    const page = await open('flarum-users');
    // Each user's verdict is on the first of their cells; the badges by their username.
    const marked = () =>
      page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('[data-column-name=username]')].map((cell) => {
            const first = document.querySelector(
              `[data-column-name=id][data-user-id="${cell.getAttribute('data-user-id')}"]`,
            );
            const badges = cell.querySelector('rollcall-marks') ? ' with badges' : '';
            return [cell.querySelector('a')?.textContent, `${first?.getAttribute('data-rollcall')}${badges}`];
          }),
        ),
      );
    await expect.poll(marked, { timeout: 10_000 }).toEqual({
      tsmith: 'ok',
      reception: 'generic with badges',
      akowalska: 'ok',
      admin: 'default with badges',
      jdoe: 'ok',
      frontdesk2: 'generic with badges',
      tomlucy: 'shared with badges',
      mgarcia: 'ok',
      test: 'default with badges',
      pvandijk: 'ok',
      buchhaltung: 'generic with badges',
      lnguyen: 'ok',
    });
    await screenshot(page, 'in-page-flarum-users');
    await page.close();
  });

  it('puts the banner under a data table whose rows scroll under a fixed header, not over its rows', async () => {
    for (const [name, widget, scroller] of [
      ['clinic-users-element-plus', '.el-table', '.el-scrollbar__wrap'],
      ['broker-users-ant-design', '.ant-table-body', '.ant-table-body'],
      // w2ui lays its header and rows out absolutely in a box of a set size.
      ['travel-agency-users-w2ui', '.w2ui-grid', '.w2ui-grid-records'],
    ] as const) {
      const page = await open(name);
      const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
      await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toContain('checked');
      const placed = await page.evaluate(
        ({ widget, scroller }) => {
          const host = document.querySelector('rollcall-banner');
          const box = document.querySelector(scroller);
          return {
            after: host?.previousElementSibling === document.querySelector(widget),
            // The rows scroll in their box, and the banner is below it, covering none of them.
            scrolls: !!box && box.scrollHeight > box.clientHeight,
            below: (host?.getBoundingClientRect().top ?? 0) >= (box?.getBoundingClientRect().bottom ?? 0) - 1,
          };
        },
        { widget, scroller },
      );
      expect(placed, name).toEqual({ after: true, scrolls: true, below: true });
      await screenshot(page, `in-page-banner-under-${name}`);
      await page.close();
    }
  });

  it('marks every row of the practice staff list, and its search and print buttons still work', async () => {
    const page = await open('practice-staff-list');
    expect(await expectRowsMatchLabels(page, 'practice-staff-list')).toBe(16);
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    await expect.poll(() => banner.textContent()).toContain('checked 16 logins');
    await screenshot(page, 'in-page-practice-staff-list');

    await page.fill('#q', 'sales');
    await page.click('input[type=submit][value=Search]');
    expect(await page.textContent('#searchResult')).toBe('1 staff found');
    await page.click('#showAll');
    await page.click('#printList');
    expect(await page.textContent('#printStatus')).toBe('Sent 16 staff to the printer');
    await page.close();
  });

  it('marks the payments users page, shows a tip on focus, and the permissions form still saves', async () => {
    const page = await open('payments-users');
    expect(await expectRowsMatchLabels(page, 'payments-users')).toBe(11);

    const badge = page
      .locator('tr[data-user-id="u_82"] rollcall-marks')
      .getByRole('button', { name: 'Generic' });
    await badge.focus();
    const tip = page.locator('tr[data-user-id="u_82"] rollcall-marks [role=tooltip]');
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain('SalesManager');
    await screenshot(page, 'in-page-payments-users');

    await page.locator('tr[data-user-id="u_83"] input[aria-label="Process refunds"]').check();
    expect(await page.textContent('#dirty-count')).toBe('1 unsaved change');
    await page.click('#save-permissions');
    expect(await page.textContent('#toast')).toMatch(/^Saved 1 change · \d+ permissions granted$/);
    // The sync button answers plainly that nobody is signed in.
    await page.locator('rollcall-banner').getByRole('button', { name: 'Sync this list to Rollcall' }).click();
    await expect
      .poll(() => page.locator('rollcall-banner').getByRole('status').textContent())
      .toContain('Not signed in');
    await page.close();
  });

  it('marks the single-page app after load, on every page, after sorting and searching', async () => {
    const page = await open('spa-team');
    await expectRowsMatchLabels(page, 'spa-team');
    await screenshot(page, 'in-page-spa-team');
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    const total = labelsOf('spa-team').rows.length;
    await expect.poll(() => banner.textContent()).toContain('Seen page 1, 10 users.');
    expect(await banner.textContent()).toContain(`${total - 10} of ${total} not seen yet`);
    const seen = await everyPageOf(page, () => expectRowsMatchLabels(page, 'spa-team'));
    expect(seen).toBe(total);
    // Every page seen: the banner says so, and only now would a sync mark missing logins removed.
    await expect.poll(() => banner.textContent()).toContain(`Seen pages 1–3, ${total} users.`);
    expect(await banner.textContent()).toContain(`Every page seen (${total} of ${total})`);
    await screenshot(page, 'in-page-spa-team-every-page');

    const renders = Number(await page.textContent('#render-count'));
    await page.getByRole('button', { name: /^Login/ }).click();
    expect(Number(await page.textContent('#render-count'))).toBe(renders + 1);
    await expectRowsMatchLabels(page, 'spa-team');
    await page.getByRole('searchbox', { name: 'Search team' }).fill('team');
    await expect.poll(() => page.textContent('#page-info')).toBe('1–1 of 1');
    expect(await expectRowsMatchLabels(page, 'spa-team')).toBe(1);
    await page.close();
  });

  it('marks the div grid, leaves its calendar alone, and marks a user invited later', async () => {
    const page = await open('booking-grid');
    expect(await expectRowsMatchLabels(page, 'booking-grid')).toBe(10);
    expect(await page.locator('.cal [data-rollcall]').count()).toBe(0);
    await screenshot(page, 'in-page-booking-grid');

    await page.click('#invite-user');
    await page.fill('input[name=first]', 'Reservations');
    await page.fill('input[name=email]', 'reservations@harbourtravel.com.au');
    await page.click('#send-invite');
    // The dialog's close event, which the page answers, comes in a task of its own.
    await expect
      .poll(() => page.textContent('#invite-status'))
      .toBe('Invitation sent to reservations@harbourtravel.com.au');
    await expect
      .poll(async () => (await verdicts(page, 'booking-grid'))['reservations@harbourtravel.com.au'])
      .toBe('generic');

    const lock = page.locator('#users-body [role=row]').first().getByRole('button', { name: 'Lock' });
    await lock.click();
    expect(await page.locator('#users-body [role=row]').first().locator('.chip').textContent()).toBe(
      'Locked',
    );
    await page.close();
  });

  it('marks the cards a single-page app draws after load, and each page of them as it is drawn in place', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.route('**/team-cards.html', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: TEAM_CARDS }),
    );
    await page.goto(`${pages.url}/team-cards.html`);
    const marks = () =>
      page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('.member-card')].map((card) => [
            card.querySelector('.handle')?.textContent,
            card.getAttribute('data-rollcall'),
          ]),
        ),
      );
    await expect
      .poll(marks, { timeout: 10_000 })
      .toEqual({ '@lena.hoffmann': 'ok', '@frontdesk': 'generic', '@marc.dubois': 'ok' });
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    await expect.poll(() => banner.textContent()).toContain('Seen page 1, 3 users.');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect.poll(marks).toEqual({ '@reception': 'generic', '@sofia.rossi': 'ok' });
    await expect.poll(() => banner.textContent()).toContain('Every page seen (5 of 5)');
    await screenshot(page, 'in-page-team-cards');
    await page.close();
  });

  it('gathers a list paged over page loads: each page marked as it loads, the banner counting every page seen', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.route('**/paged-users.html*', (route) => {
      const number = Number(new URL(route.request().url()).searchParams.get('page') ?? '1');
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: pagedUsers(number) });
    });
    const marks = () =>
      page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('tbody tr')].map((row) => [
            row.querySelector('td')?.textContent,
            row.getAttribute('data-rollcall'),
          ]),
        ),
      );
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    await page.goto(`${pages.url}/paged-users.html`);
    await expect.poll(marks).toEqual({ hbauer: 'ok', reception: 'generic', lnovak: 'ok' });
    await expect.poll(() => banner.textContent()).toContain('Seen page 1, 3 users.');
    expect(await banner.textContent()).toContain('2 of 5 not seen yet');
    await page.getByRole('link', { name: 'Nächste Seite' }).click();
    await expect.poll(marks).toEqual({ admin: 'default', jwojcik: 'ok' });
    await expect.poll(() => banner.textContent()).toContain('Seen pages 1–2, 5 users.');
    expect(await banner.textContent()).toContain('Every page seen (5 of 5)');
    await page.close();
  });

  it('pages through the captured WordPress list by its own pager: each page marked, every page seen after the third, badges on the login’s line', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    // The saved pages, served at the address the app served them at, so its pager links lead on.
    await page.route('http://127.0.0.1:8934/wp-admin/users.php*', (route) => {
      const number = Number(new URL(route.request().url()).searchParams.get('paged') ?? '1');
      const file = number === 1 ? 'wordpress-users.html' : `wordpress-users.page-${number}.html`;
      route.fulfill({ path: `test/fixtures/pages/${file}`, contentType: 'text/html; charset=utf-8' });
    });
    await page.goto('http://127.0.0.1:8934/wp-admin/users.php');
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    await expect
      .poll(() => banner.textContent(), { timeout: 10_000 })
      .toContain('Seen page 1, 20 users. 36 of 56 not seen yet');
    // The badges sit on the login's line, beside it, not under the avatar with the row actions.
    const placed = await page.evaluate(() =>
      [...document.querySelectorAll('td.column-username rollcall-marks')].map((marks) => {
        const login = marks.previousElementSibling?.getBoundingClientRect();
        const badges = marks.getBoundingClientRect();
        return (
          !!login && badges.left >= login.right && badges.top < login.bottom && badges.bottom > login.top
        );
      }),
    );
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.every(Boolean)).toBe(true);
    await screenshot(page, 'in-page-wordpress-users');
    for (const [number, seen] of [
      [2, 'Seen pages 1–2, 40 users. 16 of 56 not seen yet'],
      [3, 'Seen pages 1–3, 56 users. Every page seen (56 of 56)'],
    ] as const) {
      await page.locator('.tablenav.top a.next-page').click();
      await page.waitForURL(`**/users.php?paged=${number}`);
      await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain(seen);
    }
    expect(await banner.textContent()).not.toContain('filtered');
    await page.close();
  });

  it('marks a 2,000-row list with its badges in a layer beside it, each over its own row', async () => {
    const rows = 2000;
    expect(rows).toBeGreaterThan(LAYER_FROM_ROWS);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.route('**/big-staff-list.html', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: bigStaffList(rows) }),
    );
    await page.goto(`${pages.url}/big-staff-list.html`);
    await expect
      .poll(() => page.locator('#staff tbody tr[data-rollcall]').count(), { timeout: 15_000 })
      .toBe(rows);
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    await expect.poll(() => banner.textContent()).toContain(`checked ${rows} logins`);
    // Nothing went into the rows: the table is laid out as its page made it.
    expect(await page.locator('#staff rollcall-marks').count()).toBe(0);

    const flagged = await page.locator('#staff tbody tr:not([data-rollcall=ok])').count();
    const near = await drawnGroups(page);
    expect(near.length).toBeGreaterThan(0);
    // Only the rows near the window have their badges drawn.
    expect(near.length).toBeLessThan(flagged);
    for (const { login, over } of near) expect(over, login).toBe(true);
    expect(near.map((group) => group.login)).toContain('reception0');
    await screenshot(page, 'in-page-big-list', { fullPage: false });

    // Further down the list, the groups there are drawn as the page scrolls to them.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect
      .poll(async () => (await drawnGroups(page)).map((group) => group.login))
      .toContain('frontdesk1989');
    for (const { login, over } of await drawnGroups(page)) expect(over, login).toBe(true);

    // A badge shows its tip on hover, like the badges in rows do.
    const group = page.getByRole('group', { name: 'Rollcall: frontdesk1989' });
    await group.getByRole('button', { name: 'Generic' }).hover();
    await expect.poll(() => group.getByRole('tooltip').isVisible()).toBe(true);
    expect(await group.getByRole('tooltip').textContent()).toContain('"frontdesk1989" is named after a role');
    await page.close();
  });

  it('keeps a big list’s badges over their rows, and inside the box, where the list scrolls in a box of its own', async () => {
    const rows = 2000;
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.route('**/boxed-staff-list.html', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: boxedStaffList(rows) }),
    );
    await page.goto(`${pages.url}/boxed-staff-list.html`);
    await expect
      .poll(() => page.locator('#staff tbody tr[data-rollcall]').count(), { timeout: 15_000 })
      .toBe(rows);
    await expectBadgesStayInBox(page, '#box');
    await screenshot(page, 'in-page-boxed-big-list', { fullPage: false });
    await page.close();
  });
});

/**
 * A team page as a single-page app draws it: member cards of `div`s with no roles, an avatar, a
 * name, a handle and a role chip, drawn after load, three to a page, the next page drawn into the
 * same grid; the pager says "1–3 von 5" (German interface).
 */
const TEAM_CARDS = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Team</title>
<style>.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:12px}.member-card{border:1px solid #ccc;padding:8px}</style>
</head><body><div id="app">Laden…</div><script>
const members = [
  ['Lena Hoffmann', 'lena.hoffmann', 'Inhaberin'], ['Front Desk', 'frontdesk', 'Mitglied'], ['Marc Dubois', 'marc.dubois', 'Mitglied'],
  ['Reception', 'reception', 'Gast'], ['Sofia Rossi', 'sofia.rossi', 'Administrator'],
];
let start = 0;
function draw() {
  const app = document.getElementById('app');
  if (!app.querySelector('.grid')) {
    app.innerHTML = '<h1>Team</h1><div class="grid"></div><div class="pager"><span class="range"></span> <button type="button">Weiter</button></div>';
    app.querySelector('button').addEventListener('click', () => { start += 3; draw(); });
  }
  const shown = members.slice(start, start + 3);
  app.querySelector('.grid').innerHTML = shown.map(([name, login, role]) =>
    '<div class="member-card"><div class="card-head"><span class="avatar">' + name[0] + '</span><div><div class="name">' + name +
    '</div><div class="handle">@' + login + '</div></div></div><span class="chip">' + role + '</span></div>').join('');
  app.querySelector('.range').textContent = (start + 1) + '–' + (start + shown.length) + ' von ' + members.length;
  app.querySelector('button').disabled = start + 3 >= members.length;
}
setTimeout(draw, 300);
</script></body></html>`;

/** A server-rendered user list in German, three users a page, each page its own page load. */
function pagedUsers(number: number): string {
  const users = [
    ['hbauer', 'Hanna Bauer'],
    ['reception', 'Reception'],
    ['lnovak', 'Lukas Novak'],
    ['admin', 'Administrator'],
    ['jwojcik', 'Jan Wójcik'],
  ];
  const shown = users.slice((number - 1) * 3, number * 3);
  const from = (number - 1) * 3 + 1;
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Benutzer</title></head><body>
    <h1>Benutzerverwaltung</h1>
    <table><thead><tr><th>Benutzername</th><th>Name</th><th>Rolle</th></tr></thead><tbody>
    ${shown.map(([login, name]) => `<tr><td>${login}</td><td>${name}</td><td>Benutzer</td></tr>`).join('')}
    </tbody></table>
    <p class="pager">Zeige ${from} bis ${from + shown.length - 1} von ${users.length} Einträgen
    ${number * 3 < users.length ? `<a href="?page=${number + 1}">Nächste Seite</a>` : ''}</p>
  </body></html>`;
}
