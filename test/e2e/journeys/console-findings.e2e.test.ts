import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dismissedFindingListSchema, fixClaimListSchema } from '../../../shared/schemas/findings-api.ts';
import { BROWSERS, type Locator, type Page } from '../driver.ts';
import { serveFolder } from '../harness.ts';
import {
  addSystem,
  captureUserList,
  goTo,
  newFirmInConsole,
  OWNER,
  screenshotBoth,
  textsOf,
} from './console-pages.ts';
import { type Api, type BrowserJourney, startJourney } from './journey.ts';

/**
 * The console's Findings screen on the release build against the worker in production mode: a
 * finding dismissed for the whole firm shows under Dismissed with who and why, and Undo brings it
 * back; "I fixed this" waits for the next capture of the system's user list, which confirms it.
 */

const PAGE = 'payments-users';

describe.each(BROWSERS)(
  'journey: findings dismissed, undone, and fixed in the console, in %s',
  (browserName) => {
    let journey: BrowserJourney;
    let server: Api;
    let console: Page;
    // The PayDesk portal: a copy of its admin page the admin changes (a login deleted) on the way.
    const portal = mkdtempSync(join(tmpdir(), 'rollcall-journey-portal-'));
    copyFileSync(`test/fixtures/pages/${PAGE}.html`, join(portal, `${PAGE}.html`));

    beforeAll(async () => {
      // The admin grants PayDesk's admin pages through the browser's prompt where a test can.
      journey = await startJourney(browserName, { promptForPages: true, site: () => serveFolder(portal) });
    });
    afterAll(async () => {
      await journey?.close();
      rmSync(portal, { recursive: true, force: true });
    });

    /** The open finding whose title names `username`, its details opened. */
    async function openFinding(username: string): Promise<Locator> {
      const groups = console.locator('details.group');
      for (let index = 0; index < (await groups.count()); index++) {
        const group = groups.nth(index);
        if (!(await group.evaluate((details) => (details as HTMLDetailsElement).open)))
          await group.locator('summary').first().click();
      }
      const item = console
        .locator('li.finding')
        .filter({ hasText: `"${username}"` })
        .first();
      const details = item.locator('details').first();
      if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
        await item.locator('summary').click();
      return item;
    }

    it('sets up a firm with PayDesk and captures its user list', async () => {
      ({ console, server } = await newFirmInConsole(journey, 'Harbour Travel'));
      await addSystem(console, server, { name: 'PayDesk', adminPages: `${journey.pages.url}/${PAGE}.html*` });
      await captureUserList(journey, `${PAGE}.html`);
      await goTo(console, 'Findings');
      await expect
        .poll(() => console.locator('li.finding').filter({ hasText: '"samjo"' }).count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
    });

    it('dismisses a finding for the whole firm, lists it under Dismissed, and Undo brings it back', async () => {
      const shared = await openFinding('samjo');
      const title = (await shared.locator('summary').textContent()) ?? '';
      const listed = () => console.locator('li.finding summary').filter({ hasText: title }).count();
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
        .poll(
          async () => (await server(dismissedFindingListSchema, 'GET', '/findings/dismissed')).dismissals,
          {
            timeout: 15_000,
          },
        )
        .toEqual([]);
      await console.getByRole('tab', { name: /^Open/ }).click();
      await expect.poll(listed).toBe(1);
    });

    it('records “I fixed this”, and the next capture without the login confirms it', async () => {
      const demo = await openFinding('demo');
      const title = (await demo.locator('summary').textContent()) ?? '';
      await demo.getByRole('button', { name: 'I fixed this' }).click();
      await expect
        .poll(() => textsOf(console.getByRole('status')))
        .toContainEqual(expect.stringContaining('The next user list captured from PayDesk will check it.'));
      await expect
        .poll(() => demo.locator('summary').textContent())
        .toContain('Fixed — waiting for the next capture');
      expect(await demo.getByRole('button', { name: 'I fixed this' }).count()).toBe(0);
      await screenshotBoth(console, 'findings-fix-waiting');

      // The admin deletes the demo login in the portal: from then on its list no longer shows it.
      const page = join(portal, `${PAGE}.html`);
      writeFileSync(page, readFileSync(page, 'utf8').replace(/<tr data-user-id="u_87">[\s\S]*?<\/tr>/, ''));
      await captureUserList(journey, `${PAGE}.html`, { complete: true });
      await expect
        .poll(
          async () =>
            (await server(fixClaimListSchema, 'GET', '/findings/fixes')).claims.map((c) => c.status),
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
      expect(await console.locator('li.finding summary').filter({ hasText: title }).count()).toBe(0);
      await screenshotBoth(console, 'findings-fix-confirmed');
    });
  },
);
