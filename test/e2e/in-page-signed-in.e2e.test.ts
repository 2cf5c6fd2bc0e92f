import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFirm } from '../../scripts/lib/seed-firm.ts';
import { practiceFirm } from '../fixtures/pages/practice-staff-list.firm.ts';
import {
  type ExtensionBrowser,
  launchWithExtension,
  type StaticServer,
  screenshot,
  serveFolder,
  startTestWorker,
  type TestWorker,
} from './harness.ts';

/**
 * The in-page warnings signed in, against the real worker: a practice whose directory knows its
 * LexOffice logins (a leaver, dormant and shared logins, a receptionist with too much access) opens
 * its staff list; every row is marked as the fixture's labels say; the one login the directory has
 * never seen is synced from the banner, and stays marked as nobody's.
 */

const ROWS = '#tblStaff tr:not(.hdr)';
const LOGIN = 'td:nth-child(4)';
const labels = JSON.parse(readFileSync('test/fixtures/pages/practice-staff-list.labels.json', 'utf8')) as {
  rows: { username: string; signedIn: string }[];
};

/** login → data-rollcall of every user row on the page (null where the row is unmarked). */
function marks(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(
    ({ rows, login }) =>
      Object.fromEntries(
        [...document.querySelectorAll(rows)].map((row) => [
          row.querySelector(login)?.textContent?.trim() ?? '',
          row.getAttribute('data-rollcall'),
        ]),
      ),
    { rows: ROWS, login: LOGIN },
  );
}

/** The titles of the tips on one login's badges. */
const tipTitles = (page: Page, login: string) =>
  page
    .locator(ROWS)
    .filter({ has: page.locator(LOGIN, { hasText: login }) })
    .locator('.tip strong')
    .allTextContents();

const kinds = (mark: string | null | undefined) => (mark ?? '').split(' ').sort().join(' ');
/** What the labels say each row shows signed in, in the same form as `marks`. */
const expected = Object.fromEntries(labels.rows.map((row) => [row.username, kinds(row.signedIn)]));
const onPage = async (page: Page) =>
  Object.fromEntries(Object.entries(await marks(page)).map(([login, mark]) => [login, kinds(mark)]));

describe('in-page warnings in Chromium, signed in', () => {
  let worker: TestWorker;
  let pages: StaticServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    [worker, pages, browser] = await Promise.all([
      startTestWorker(),
      serveFolder('test/fixtures/pages'),
      launchWithExtension(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), pages?.close(), worker?.stop()]);
  });

  it('marks every row with what the directory knows, then syncs the login it has never seen', async () => {
    const firm = practiceFirm(`${pages.url}/*`);
    await seedFirm(fetch, worker.url, firm);

    const popup = await browser.openPopup();
    await popup.getByLabel('Server').fill(worker.url);
    await popup.getByLabel('Email').fill(firm.owner.email);
    await popup.getByLabel('Password').fill(firm.owner.password);
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => popup.getByTestId('sync-status').textContent()).toMatch(/^Synced/);

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${pages.url}/practice-staff-list.html`);
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('checked 16 logins');
    expect(await onPage(page)).toEqual(expected);
    expect(await tipTitles(page, 'mhwang')).toEqual([
      'Min-jun Hwang has left, but "mhwang" in LexOffice is still active',
    ]);
    expect(await tipTitles(page, 'frontdesk2')).toContain(
      '"frontdesk2" is not linked to anyone Rollcall knows',
    );
    await screenshot(page, 'in-page-signed-in');

    // frontdesk2 was never synced: the banner sends the list, and the server adds just that login
    // (the others take the page's last sign-in times and positions).
    await banner.getByRole('button', { name: 'Sync this list to Rollcall' }).click();
    await expect
      .poll(() => banner.getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/^Synced: 1 new, \d+ changed, 0 removed\.$/);

    // Known now, and still nobody's: after the reload the server's own rules say so.
    await page.reload();
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('checked 16 logins');
    expect((await marks(page)).frontdesk2?.split(' ')).toEqual(
      expect.arrayContaining(['generic', 'unowned']),
    );
    expect(await tipTitles(page, 'frontdesk2')).toContain(
      '"frontdesk2" in LexOffice belongs to no one on the staff list',
    );
    await page.close();
  });
});
