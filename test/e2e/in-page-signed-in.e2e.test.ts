import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFirm } from '../../scripts/lib/seed-firm.ts';
import { fixtureFirm } from '../fixtures/pages/firms.ts';
import {
  badgesOutsideTheirCells,
  everyPageOf,
  expectRowsMatchLabels,
  labelsOf,
  type PageName,
  rowsHolding,
  verdicts,
} from './fixture-pages.ts';
import {
  type ExtensionBrowser,
  launchWithExtension,
  type StaticServer,
  screenshot,
  serveFolder,
  startTestWorker,
  stopBackground,
  type TestWorker,
} from './harness.ts';

/**
 * The in-page warnings signed in, against the real worker: for each fixture page, the firm behind
 * it is made through the API (its people, job roles and logins: leavers, dormant and shared logins,
 * too much access), its owner signs in from the popup, and every row of the page is marked as the
 * labels' `signedIn` column says, from the server's own rules. On the practice's staff list, the one
 * login the directory has never seen is then synced from the banner.
 */

/** The titles of the tips on one login's badges. */
function tipTitles(page: Page, name: PageName, login: string): Promise<string[]> {
  return rowsHolding(page, name, login).locator('.tip strong').allTextContents();
}

describe('in-page warnings in Chromium, signed in', () => {
  let worker: TestWorker;
  let pages: StaticServer;
  let browser: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    [worker, pages, browser] = await Promise.all([
      startTestWorker(),
      serveFolder('test/fixtures/pages'),
      launchWithExtension(),
    ]);
    popup = await browser.openPopup();
    await popup.getByLabel('Server').fill(worker.url);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), pages?.close(), worker?.stop()]);
  });

  /** Makes the firm behind a fixture page, signs in as its owner and opens the page. */
  async function openAsTheFirm(name: Parameters<typeof fixtureFirm>[0]): Promise<Page> {
    const firm = fixtureFirm(name, `${pages.url}/${name}.html*`);
    await seedFirm(fetch, worker.url, firm);
    const signOut = popup.getByRole('button', { name: 'Sign out' });
    if (await signOut.isVisible()) await signOut.click();
    await popup.getByLabel('Email').fill(firm.owner.email);
    await popup.getByLabel('Password').fill(firm.owner.password);
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => popup.getByTestId('sync-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Synced/);

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${pages.url}/${name}.html`);
    return page;
  }

  for (const name of ['payments-users', 'spa-team', 'booking-grid'] as const) {
    it(`marks every row of ${name} with what the firm's directory knows`, async () => {
      const page = await openAsTheFirm(name);
      const seen = await everyPageOf(page, async () => {
        const rows = await expectRowsMatchLabels(page, name, 'signedIn');
        // Two or three badges on a login still sit in its own cell.
        expect(await badgesOutsideTheirCells(page, name)).toEqual([]);
        return rows;
      });
      expect(seen).toBe(labelsOf(name).rows.length);
      await screenshot(page, `in-page-signed-in-${name}`);
      await page.close();
    });
  }

  it('marks a list with what the directory knows when the background had stopped, as it does after 30 s idle', async () => {
    // Still signed in as the booking grid's firm, from the test before. The background starts for
    // the page's logins with only its judge and the directory stored in the browser.
    await stopBackground(browser.context);
    const page = await browser.context.newPage();
    await page.goto(`${pages.url}/booking-grid.html`);
    expect(await expectRowsMatchLabels(page, 'booking-grid', 'signedIn')).toBe(
      labelsOf('booking-grid').rows.length,
    );
    // The rest starts as soon as something asks for it: the popup's sign-in state and sync.
    const reopened = await browser.openPopup();
    await expect
      .poll(() => reopened.getByTestId('sync-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Synced/);
    await reopened.close();
    await page.close();
  });

  it('marks every row of the practice staff list, then syncs the login its directory has never seen', async () => {
    const page = await openAsTheFirm('practice-staff-list');
    expect(await expectRowsMatchLabels(page, 'practice-staff-list', 'signedIn')).toBe(16);
    expect(await badgesOutsideTheirCells(page, 'practice-staff-list')).toEqual([]);
    expect(await tipTitles(page, 'practice-staff-list', 'mhwang')).toEqual([
      'Min-jun Hwang has left, but "mhwang" in LexOffice is still active',
    ]);
    expect(await tipTitles(page, 'practice-staff-list', 'frontdesk2')).toContain(
      '"frontdesk2" is not linked to anyone Rollcall knows',
    );
    await screenshot(page, 'in-page-signed-in');

    // The banner sends the list: the server adds frontdesk2, and the other logins take the page's
    // names, positions and last sign-in times.
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    await banner.getByRole('button', { name: 'Sync this list to Rollcall' }).click();
    await expect
      .poll(() => banner.getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/^Synced: 1 new, \d+ changed, 0 removed\.$/);

    // Known now, and still nobody's: after the reload the server's own rules say so.
    await page.reload();
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('checked 16 logins');
    expect((await verdicts(page, 'practice-staff-list')).frontdesk2?.split(' ')).toEqual(
      expect.arrayContaining(['generic', 'unowned']),
    );
    expect(await tipTitles(page, 'practice-staff-list', 'frontdesk2')).toContain(
      '"frontdesk2" in LexOffice belongs to no one on the staff list',
    );
    await page.close();
  });
});
