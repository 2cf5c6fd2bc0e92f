import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFirm } from '../../../scripts/lib/seed-firm.ts';
import { memberListSchema } from '../../../shared/schemas/members.ts';
import { fixtureFirm } from '../../fixtures/pages/firms.ts';
import { BROWSERS, type BrowserUnderTest, type Page } from '../driver.ts';
import { launchFirefoxWithExtension } from '../firefox.ts';
import { asBrowserUnderTest, launchWithExtension } from '../harness.ts';
import {
  downloaded,
  fieldValue,
  goTo,
  openConsoleFromPopup,
  screenshotBoth,
  setChecked,
} from './console-pages.ts';
import {
  type Api,
  type BrowserJourney,
  PROFILES_HOOK_TIMEOUT,
  signInFromPopup,
  signInToApi,
  startJourney,
} from './journey.ts';

/**
 * The console's other journeys, on the release build against the worker in production mode: an
 * access review from start to its evidence; a member invited with a one-time link, accepting it in
 * a second browser profile, re-roled (their session ends at once) and removed; the audit trail
 * verified and exported; an API key created, used by a script and revoked.
 */

describe.each(BROWSERS)(
  'journey: a review, a member and the audit trail, in the console, in %s',
  (browserName) => {
    let journey: BrowserJourney;
    let server: Api;
    let console: Page;
    /** The new member's own browser. */
    let second: BrowserUnderTest;
    const firm = () => fixtureFirm('payments-users', `${journey.pages.url}/payments-users.html*`);

    /** Another profile with the same extension, for a second person at their own computer. */
    async function secondBrowser(): Promise<BrowserUnderTest> {
      if (browserName === 'chromium')
        return asBrowserUnderTest(await launchWithExtension({ extensionDir: journey.extensionDir }));
      // The add-on's UUID of the first profile: the worker allows that origin alone.
      const uuid = new URL(journey.extensionOrigin).host;
      return launchFirefoxWithExtension({ extensionDir: journey.extensionDir, uuid });
    }

    beforeAll(async () => {
      journey = await startJourney(browserName);
      await seedFirm(fetch, journey.worker.url, firm());
      server = await signInToApi(journey.worker.url, firm().owner.email, firm().owner.password);
      const popup = await journey.openPopup();
      await signInFromPopup(popup, journey.worker.url, firm().owner.email, firm().owner.password);
      console = await openConsoleFromPopup(journey, popup);
      await popup.close();
      // The new member's browser starts here, not within the time limit of the step that uses it.
      second = await secondBrowser();
    }, PROFILES_HOOK_TIMEOUT);
    afterAll(async () => {
      await second?.close();
      await journey?.close();
    });

    it('starts an access review, closes it, and downloads its evidence', async () => {
      await goTo(console, 'Access reviews');
      await console.getByRole('button', { name: 'Start a review' }).click();
      await console.getByLabel('Name', { exact: true }).fill('PayDesk review, December');
      await setChecked(console.getByLabel(/Deepa Patel/));
      await screenshotBoth(console, 'review-start');
      await console.getByRole('button', { name: 'Start review' }).click();
      await console.getByRole('heading', { level: 2, name: 'PayDesk review, December' }).waitFor();
      const progress = console.getByRole('table', { name: 'Progress per reviewer' });
      expect(await progress.textContent()).toContain('Deepa Patel');
      await screenshotBoth(console, 'review');

      await console.getByRole('button', { name: 'Close review…' }).click();
      await console.getByRole('button', { name: 'Close review', exact: true }).click();
      await console.getByText('Closed. Revoked logins are now to-dos.').waitFor();
      await console.getByRole('button', { name: 'Evidence (CSV)' }).waitFor();

      const csv = await downloaded(journey, console, () =>
        console.getByRole('button', { name: 'Evidence (CSV)' }).click(),
      );
      expect(csv.name).toBe('rollcall-review-paydesk-review-december.csv');
      expect(csv.text).toContain('falrashid');
      const html = await downloaded(journey, console, () =>
        console.getByRole('button', { name: 'Evidence (printable)' }).click(),
      );
      expect(html.name).toMatch(/\.html$/);
      expect(html.text).toContain('PayDesk review, December');

      await goTo(console, 'Access reviews');
      expect(await console.getByRole('table', { name: 'Past campaigns' }).textContent()).toContain(
        'PayDesk review, December',
      );
    });

    it('invites a member with a one-time link, which they accept in their own browser', async () => {
      await goTo(console, 'Members');
      // The screen has read its members and open invitations before the admin types.
      await console.getByRole('table', { name: 'Members' }).waitFor();
      await console.getByText('None open.').waitFor();
      await console.getByLabel('Email').fill('li.wei@harbourtravel.test');
      await console.getByLabel('Role').selectOption({ label: 'Auditor: reads and exports, changes nothing' });
      await console.getByRole('button', { name: 'Invite' }).click();
      // The link, or what refused the invitation.
      await console.locator('#invite-link, [role=alert]').first().waitFor();
      const refused = await console
        .getByRole('alert')
        .evaluateAll((alerts) => alerts.map((a) => a.textContent));
      expect(refused, 'the invitation is refused').toEqual([]);
      const link = await fieldValue(console.getByLabel(/Their one-time link/));
      expect(link.startsWith(`${journey.extensionOrigin}/console.html#/join/`), link).toBe(true);
      await screenshotBoth(console, 'members-invited');

      const theirs = await second.newPage();
      await theirs.setViewportSize({ width: 1280, height: 900 });
      await theirs.goto(link);
      await theirs.getByLabel('Your name').fill('Li Wei');
      await theirs.getByLabel('Password').fill('harbour lantern seventeen kites');
      await screenshotBoth(theirs, 'join');
      await theirs.getByRole('button', { name: 'Join and sign in' }).click();
      await theirs.getByRole('heading', { name: 'Overview' }).waitFor({ timeout: 15_000 });
      expect(await theirs.locator('header').textContent()).toContain('Li Wei (auditor)');

      // An auditor reads and exports; nothing that changes the firm is offered.
      await goTo(theirs, 'Staff');
      await theirs.getByRole('button', { name: 'Export CSV' }).waitFor();
      expect(await theirs.getByRole('link', { name: 'Add a person' }).count()).toBe(0);
      expect(await theirs.getByRole('link', { name: 'Import CSV' }).count()).toBe(0);
      await goTo(theirs, 'Systems');
      expect(await theirs.getByRole('link', { name: 'Add a system' }).count()).toBe(0);
      await goTo(theirs, 'Members');
      expect(await theirs.getByRole('button', { name: 'Invite' }).count()).toBe(0);
      await screenshotBoth(theirs, 'members-as-auditor');

      const members = await server(memberListSchema, 'GET', '/members');
      expect(members.members.find((m) => m.email === 'li.wei@harbourtravel.test')?.role).toBe('auditor');

      // Re-roled: their session ends at once, and their console asks them to sign in again.
      await goTo(console, 'Members');
      await console.getByLabel('Role of Li Wei').selectOption({ label: 'reviewer' });
      await console.getByText('Li Wei is now reviewer; their sessions ended, they sign in again.').waitFor();
      await goTo(theirs, 'Audit log');
      await theirs.getByRole('button', { name: 'Sign in', exact: true }).waitFor({ timeout: 15_000 });
      await screenshotBoth(theirs, 'signed-out-after-re-role');
    });

    it('removes the member', async () => {
      await console.getByRole('button', { name: 'Remove…' }).click();
      await console.getByRole('button', { name: 'Remove member' }).click();
      await console.getByText('Removed Li Wei.').waitFor();
      await expect
        .poll(() => console.getByRole('table', { name: 'Members' }).textContent())
        .not.toContain('Li Wei');
      const members = await server(memberListSchema, 'GET', '/members');
      expect(members.members.map((m) => m.name)).toEqual([firm().owner.name]);
    });

    it('creates an API key a script uses, shows its last use, and revokes it', async () => {
      await goTo(console, 'API keys');
      await console.getByLabel('Name', { exact: true }).fill('Monday findings export');
      await console
        .getByLabel('Acts as')
        .selectOption({ label: 'Auditor: reads and exports, changes nothing' });
      await console.getByRole('button', { name: 'Create key' }).click();
      const secret = await fieldValue(console.getByLabel(/It is not shown again/));
      expect(secret).toMatch(/^rck_[A-Za-z0-9_-]{43}$/);
      const keys = console.getByRole('table', { name: 'API keys' });
      await expect.poll(() => keys.textContent()).toContain('Monday findings export');
      expect(await keys.textContent()).toContain('Never used');
      await screenshotBoth(console, 'api-key-created');

      const asScript = (path: string, init: RequestInit = {}) =>
        fetch(`${journey.worker.url}/api/v1${path}`, {
          ...init,
          headers: { 'x-api-key': secret, 'content-type': 'application/json' },
        });
      expect((await asScript('/findings')).status).toBe(200);
      // An auditor's key reads; it changes nothing and manages no one.
      const write = await asScript('/people', { method: 'POST', body: JSON.stringify({ name: 'Nobody' }) });
      expect(write.status).toBe(403);
      expect((await asScript('/members/invites')).status).toBe(403);

      await goTo(console, 'Members');
      await goTo(console, 'API keys');
      await expect.poll(() => keys.textContent()).not.toContain('Never used');
      expect(await keys.textContent()).not.toContain(secret.slice(12));
      await console.getByRole('button', { name: 'Revoke…' }).click();
      await console.getByRole('button', { name: 'Revoke key' }).click();
      await console.getByText('Revoked Monday findings export.').waitFor();
      expect((await asScript('/findings')).status).toBe(401);
    });

    it('verifies the audit trail and exports it as CSV and NDJSON', async () => {
      await goTo(console, 'Audit log');
      const events = console.getByRole('table', { name: 'Audit events' });
      await events.waitFor();
      expect(await events.textContent()).toContain('member.remove');
      await console.getByRole('button', { name: 'Verify the trail' }).click();
      expect(await console.getByTestId('audit-verdict').textContent()).toMatch(/^Intact: all \d+ events/);
      await screenshotBoth(console, 'audit-verified');

      const csv = await downloaded(journey, console, () =>
        console.getByRole('button', { name: 'Export CSV' }).click(),
      );
      expect(csv.name).toMatch(/^rollcall-audit-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(csv.text.split('\n')[0]).toContain('action');
      const ndjson = await downloaded(journey, console, () =>
        console.getByRole('button', { name: 'Export NDJSON' }).click(),
      );
      const lines = ndjson.text.trim().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as { action: string }).action)).toContain('member.remove');
    });
  },
);
