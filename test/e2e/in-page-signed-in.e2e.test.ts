import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenPairSchema } from '../../shared/schemas/auth.ts';
import { systemSchema } from '../../shared/schemas/directory.ts';
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
 * The in-page warnings signed in, against the real worker: sync a practice's staff list from the
 * banner, see the server's diff, then see the rows the directory now knows judged by its findings.
 */

const EMAIL = 'ann@harbour-vale.test';
const PASSWORD = 'tidal shelf copper lantern';
const ROWS = '#tblStaff tr:not(.hdr)';
const LOGIN = 'td:nth-child(4)';

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

const kinds = (mark: string | null | undefined) => (mark ?? '').split(' ').sort();

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

  it('syncs the staff list from the banner, then marks the logins the directory knows', async () => {
    const popup = await browser.openPopup();
    await popup.getByRole('button', { name: 'Create a firm' }).click();
    await popup.getByLabel('Server').fill(worker.url);
    await popup.getByLabel('Firm name').fill('Harbour & Vale Solicitors');
    await popup.getByLabel('Your name').fill('Ann Owner');
    await popup.getByLabel('Email').fill(EMAIL);
    await popup.getByLabel('Password').fill(PASSWORD);
    await popup.getByRole('button', { name: 'Create firm and sign in' }).click();
    await expect.poll(() => popup.getByTestId('sync-status').textContent()).toMatch(/^Synced/);

    // The practice system, made through the REST API as another admin would.
    const login = await fetch(`${worker.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const { accessToken } = tokenPairSchema.parse(await login.json());
    const created = await fetch(`${worker.url}/api/v1/systems`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'LexOffice', adminUrlPatterns: [`${pages.url}/*`] }),
    });
    expect(created.status).toBe(201);
    const system = systemSchema.parse(await created.json());

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${pages.url}/practice-staff-list.html`);
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('checked 16 logins');
    // Before the sync the directory knows no login here.
    expect(kinds((await marks(page)).cokafor)).toEqual(['ok']);

    await banner.getByRole('button', { name: 'Sync this list to Rollcall' }).click();
    await expect
      .poll(() => banner.getByRole('status').textContent(), { timeout: 15_000 })
      .toBe('Synced: 16 new, 0 changed, 0 removed.');

    const accounts = await fetch(`${worker.url}/api/v1/accounts?systemId=${system.id}&limit=100`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const body = (await accounts.json()) as { items: { username: string }[] };
    expect(body.items.map((a) => a.username)).toContain('frontdesk2');

    await page.reload();
    await expect
      .poll(async () => kinds((await marks(page)).cokafor), { timeout: 10_000 })
      .toContain('unowned');
    const now = await marks(page);
    // Nobody owns any login yet: every active one is unowned, and the page's own warnings stay.
    expect(kinds(now.Reception)).toEqual(['generic', 'unowned']);
    expect(kinds(now.frontdesk2)).toEqual(['generic', 'unowned']);
    expect(kinds(now.pkaur)).toContain('unowned');
    await screenshot(page, 'in-page-signed-in');
    await page.close();
  });
});
