import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tokenPairSchema } from '../../shared/schemas/auth.ts';
import { accountSchema, systemSchema } from '../../shared/schemas/directory.ts';
import { campaignSchema, reviewItemPageSchema } from '../../shared/schemas/reviews.ts';
import { BROWSERS, type BrowserUnderTest, type Page } from './driver.ts';
import { FIREFOX_DEV_EXTENSION_DIR } from './firefox.ts';
import {
  EXTENSION_DIR,
  launchBrowserWithExtension,
  screenshot,
  startTestWorker,
  type TestWorker,
} from './harness.ts';

/**
 * An access review against the real worker: the owner signs up through the popup, a campaign of
 * three accounts is made with the REST API naming the owner as reviewer, the owner decides every
 * account from the popup with the keyboard alone, and the campaign is closed with no defaults.
 */

const EMAIL = 'ann@harbour-vale.test';
const PASSWORD = 'tidal shelf copper lantern';

describe.each(BROWSERS)('an access review from the popup, by keyboard, in %s', (browserName) => {
  let worker: TestWorker;
  let browser: BrowserUnderTest;
  let popup: Page;
  let token: string;
  let memberId: string;

  const serverUrl = () => worker.url.replace(/\/$/, '');
  async function api<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${serverUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return schema.parse(await response.json());
  }

  beforeAll(async () => {
    const extensionDir = browserName === 'firefox' ? FIREFOX_DEV_EXTENSION_DIR : EXTENSION_DIR;
    [worker, browser] = await Promise.all([
      startTestWorker(),
      launchBrowserWithExtension(browserName, { extensionDir }),
    ]);
    popup = await browser.openPopup({ width: 360, height: 600 });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  it('signs up, and a campaign is made through the API', async () => {
    await popup.getByRole('button', { name: 'Create a firm' }).click();
    await popup.getByLabel('Server').fill(serverUrl());
    await popup.getByLabel('Firm name').fill('Harbour & Vale Solicitors');
    await popup.getByLabel('Your name').fill('Ann Owner');
    await popup.getByLabel('Email').fill(EMAIL);
    await popup.getByLabel('Password').fill(PASSWORD);
    // Two-step sign-in has a journey of its own (two-factor.e2e.test.ts).
    await popup.getByLabel('Owners and admins sign in with two steps').click(); // ticked by default
    await popup.getByRole('button', { name: 'Create firm and sign in' }).click();
    await expect.poll(() => popup.getByTestId('health-score').textContent()).toBe('Not checked yet');

    const login = await fetch(`${serverUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const pair = tokenPairSchema.parse(await login.json());
    token = pair.accessToken;
    memberId = pair.member.id;

    const system = await api(systemSchema, 'POST', '/api/v1/systems', {
      name: 'CaseLedger',
      permissions: [{ name: 'read' }, { name: 'approve' }, { name: 'export' }],
    });
    for (const username of ['alice.wong', 'bob.smith', 'carol.jones']) {
      await api(accountSchema, 'POST', '/api/v1/accounts', {
        systemId: system.id,
        username,
        permissions: ['read', 'approve', 'export'],
        lastSignInAt: Date.now() - 86_400_000,
      });
    }
    await api(campaignSchema, 'POST', '/api/v1/reviews', {
      name: 'Q4 access review',
      reviewerIds: [memberId],
      dueAt: Date.now() + 7 * 86_400_000,
    });
  });

  it('decides every account with K, R and C, then the campaign closes with nothing defaulted', async () => {
    await popup.getByRole('button', { name: 'Review', exact: true }).click();
    await popup.getByRole('button', { name: /Q4 access review/ }).click();
    const card = popup.getByTestId('review-card');
    await expect.poll(() => card.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(popup, 'popup-review-item');

    const shown = () => card.getByRole('heading', { level: 3 }).textContent();
    const first = await shown();
    await popup.keyboard.press('k');
    await expect.poll(shown).not.toBe(first);
    await popup.keyboard.press('r');
    await expect
      .poll(() => popup.getByLabel('Why revoke?').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await popup.keyboard.type('Left the firm in October');
    await screenshot(popup, 'popup-review-revoke');
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.getByTestId('review-progress').textContent()).toBe('2 of 3 decided');
    await popup.keyboard.press('c');
    const boxes = popup.getByRole('checkbox');
    await expect.poll(() => boxes.first().evaluate((el) => el === document.activeElement)).toBe(true);
    // Tab along the permissions to "export", untick it, then on to the comment.
    const names = await boxes.evaluateAll((all) => all.map((box) => box.parentElement?.textContent?.trim()));
    for (let at = 0; at < names.indexOf('export'); at++) await popup.keyboard.press('Tab');
    await expect
      .poll(() =>
        popup.getByRole('checkbox', { name: 'export' }).evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await popup.keyboard.press('Space');
    await popup.keyboard.press('Tab');
    await expect
      .poll(() => popup.getByLabel('Why change?').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await popup.keyboard.type('No exports needed');
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.getByTestId('review-progress').textContent()).toBe('3 of 3 decided');
    await screenshot(popup, 'popup-review-done');

    const [campaign] = (await api(z.object({ campaigns: z.array(campaignSchema) }), 'GET', '/api/v1/reviews'))
      .campaigns;
    const items = await api(reviewItemPageSchema, 'GET', `/api/v1/reviews/${campaign?.id}/items`);
    expect(items.items.map((item) => item.decision).sort()).toEqual(['change', 'keep', 'revoke']);
    expect(items.items.find((item) => item.decision === 'change')?.newPermissions?.sort()).toEqual([
      'approve',
      'read',
    ]);
    const closed = await api(campaignSchema, 'POST', `/api/v1/reviews/${campaign?.id}/close`);
    expect(closed.status).toBe('closed');
    const after = await api(reviewItemPageSchema, 'GET', `/api/v1/reviews/${campaign?.id}/items`);
    expect(after.items.filter((item) => item.defaulted)).toHaveLength(0);
  });
});
