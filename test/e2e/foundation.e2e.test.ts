import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffListPage } from '../../scripts/demo/staff-list-page.ts';
import {
  type ExtensionBrowser,
  launchWithExtension,
  type StaticServer,
  screenshot,
  serveFolder,
  setServerUrl,
  startTestWorker,
  type TestWorker,
} from './harness.ts';

describe('the built extension in Chromium', () => {
  let worker: TestWorker;
  let browser: ExtensionBrowser;
  let pages: StaticServer;

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rollcall-demo-page-'));
    writeFileSync(join(folder, 'staff.html'), staffListPage());
    [worker, browser, pages] = await Promise.all([
      startTestWorker(),
      launchWithExtension(),
      serveFolder(folder),
    ]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), worker?.stop(), pages?.close()]);
  });

  it('opens the popup and shows the server it is connected to', async () => {
    const popup = await browser.openPopup();
    await setServerUrl(popup, worker.url);
    await popup.reload();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe(`Connected to ${worker.url}`);
    await screenshot(popup, 'popup-connected');
  });

  it('says so plainly when the server cannot be reached', async () => {
    const popup = await browser.openPopup();
    await setServerUrl(popup, 'http://127.0.0.1:9');
    await popup.reload();
    await expect
      .poll(() => popup.getByRole('alert').textContent())
      .toContain('Can’t reach http://127.0.0.1:9');
    await screenshot(popup, 'popup-unreachable');
  });

  it('runs on a user list served on 127.0.0.1 without breaking the page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${pages.url}/staff.html`);
    const banner = page.locator('rollcall-banner');
    await expect
      .poll(() => banner.getByRole('complementary', { name: 'Rollcall' }).textContent())
      .toContain('checked 14 logins');
    await page.getByRole('button', { name: 'Add user' }).click();
    expect(await page.locator('#notice').textContent()).toBe('New user form opened');
    await screenshot(page, 'demo-staff-list');
  });
});
