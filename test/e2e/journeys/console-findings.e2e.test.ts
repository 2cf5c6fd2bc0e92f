import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemSchema } from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import { dismissedFindingListSchema, fixClaimListSchema } from '../../../shared/schemas/findings-api.ts';
import {
  captureUserList,
  createFirmInPopup,
  goTo,
  openConsoleFromPopup,
  screenshotBoth,
} from './console-pages.ts';
import { type Api, expectSynced, type Journey, signInToApi, startJourney } from './journey.ts';

/**
 * The console's Findings screen on the release build against the worker in production mode: a
 * finding dismissed for the whole firm shows under Dismissed with who and why, and Undo brings it
 * back; "I fixed this" waits for the next capture of the system's user list, which confirms it.
 */

const OWNER = {
  name: 'Deepa Patel',
  email: 'deepa@harbourtravel.test',
  password: 'tidal shelf copper lantern',
};
const PAGE = 'payments-users';

describe('journey: findings dismissed, undone, and fixed in the console', () => {
  let journey: Journey;
  let server: Api;
  let console: Page;

  beforeAll(async () => {
    journey = await startJourney();
  });
  afterAll(async () => {
    await journey?.close();
  });

  /** The open finding whose title names `username`, its details opened. */
  async function openFinding(username: string): Promise<Locator> {
    const groups = console.locator('details.group');
    for (let index = 0; index < (await groups.count()); index++) {
      const group = groups.nth(index);
      if (!(await group.evaluate((details) => (details as HTMLDetailsElement).open)))
        await group.locator('summary').first().click();
    }
    const item = console.locator('li.finding', { hasText: `"${username}"` }).first();
    const details = item.locator('details').first();
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
      await item.locator('summary').click();
    return item;
  }

  it('sets up a firm with PayDesk and captures its user list', async () => {
    const popup = await journey.openPopup();
    await createFirmInPopup(popup, journey.worker.url, 'Harbour Travel', OWNER);
    await expectSynced(popup);
    server = await signInToApi(journey.worker.url, OWNER.email, OWNER.password);
    console = await openConsoleFromPopup(journey, popup);
    await popup.close();
    await goTo(console, 'Systems');
    await console.getByRole('link', { name: 'Add a system' }).click();
    await console.getByLabel('Name', { exact: true }).fill('PayDesk');
    await console.getByLabel(/^Admin pages/).fill(`${journey.pages.url}/${PAGE}.html*`);
    await console.getByRole('button', { name: 'Add system' }).click();
    await console.getByRole('heading', { level: 2, name: 'PayDesk' }).waitFor();
    await expect
      .poll(async () => (await server(pageSchema(systemSchema), 'GET', '/systems')).items.length, {
        timeout: 15_000,
      })
      .toBe(1);
    await captureUserList(journey, `${PAGE}.html`);
    await goTo(console, 'Findings');
    await expect
      .poll(() => console.locator('li.finding', { hasText: '"samjo"' }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
  });

  it('dismisses a finding for the whole firm, lists it under Dismissed, and Undo brings it back', async () => {
    const shared = await openFinding('samjo');
    const title = (await shared.locator('summary').textContent()) ?? '';
    const listed = () => console.locator('li.finding summary', { hasText: title }).count();
    await shared.getByRole('button', { name: 'Dismiss…' }).click();
    await shared
      .getByLabel('Reason for accepting the risk')
      .fill('Sam and Jo job-share one desk; vendor allows one login');
    await shared.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await expect.poll(listed).toBe(0);

    await console.getByRole('tab', { name: /^Dismissed/ }).click();
    const dismissed = console.getByRole('list', { name: 'Dismissed findings' });
    // Once the server has it, the firm's list names who dismissed it.
    await expect
      .poll(() => dismissed.textContent(), { timeout: 15_000 })
      .toContain(`Dismissed by ${OWNER.name}`);
    expect(await dismissed.textContent()).toContain(title);
    expect(await dismissed.textContent()).toContain(
      '“Sam and Jo job-share one desk; vendor allows one login”',
    );
    const onServer = await server(dismissedFindingListSchema, 'GET', '/findings/dismissed');
    expect(onServer.dismissals.map((d) => [d.title, d.dismissedByName])).toEqual([[title, OWNER.name]]);
    await screenshotBoth(console, 'findings-dismissed');

    await dismissed.getByRole('button', { name: /^Undo/ }).click();
    await console.getByText('No finding is dismissed.').waitFor();
    await expect
      .poll(async () => (await server(dismissedFindingListSchema, 'GET', '/findings/dismissed')).dismissals, {
        timeout: 15_000,
      })
      .toEqual([]);
    await console.getByRole('tab', { name: /^Open/ }).click();
    await expect.poll(listed).toBe(1);
  });

  it('records “I fixed this”, and the next capture without the login confirms it', async () => {
    const demo = await openFinding('demo');
    const title = (await demo.locator('summary').textContent()) ?? '';
    await demo.getByRole('button', { name: 'I fixed this' }).click();
    await expect
      .poll(() => console.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('The next user list captured from PayDesk will check it.'));
    await expect
      .poll(() => demo.locator('summary').textContent())
      .toContain('Fixed — waiting for the next capture');
    expect(await demo.getByRole('button', { name: 'I fixed this' }).count()).toBe(0);
    await screenshotBoth(console, 'findings-fix-waiting');

    // The admin deletes the demo login in the portal: from then on its list no longer shows it.
    await journey.browser.context.route(`${journey.pages.url}/${PAGE}.html`, async (route) => {
      const original = await route.fetch();
      const body = (await original.text()).replace(/<tr data-user-id="u_87">[\s\S]*?<\/tr>/, '');
      await route.fulfill({ response: original, body });
    });
    await captureUserList(journey, `${PAGE}.html`, { complete: true });
    await expect
      .poll(
        async () => (await server(fixClaimListSchema, 'GET', '/findings/fixes')).claims.map((c) => c.status),
        {
          timeout: 15_000,
        },
      )
      .toEqual(['confirmed']);
    await expect
      .poll(
        async () => {
          await goTo(console, 'Overview');
          await goTo(console, 'Findings');
          // The claims are read from the server once the screen opens.
          const fixes = console.getByRole('list', { name: 'Fixes' });
          await fixes.waitFor({ timeout: 5_000 }).catch(() => undefined);
          return (await fixes.count()) > 0 ? fixes.textContent() : '';
        },
        { timeout: 30_000 },
      )
      .toContain(`Fix confirmed: ${title.replace(' · Fixed — waiting for the next capture', '')}`);
    expect(await console.locator('li.finding summary', { hasText: title }).count()).toBe(0);
    await screenshotBoth(console, 'findings-fix-confirmed');
  });
});
