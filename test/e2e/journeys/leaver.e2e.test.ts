import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirmSeed, seedFirm } from '../../../scripts/lib/seed-firm.ts';
import { personSchema } from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import { findingListSchema } from '../../../shared/schemas/findings-api.ts';
import { checklistListSchema } from '../../../shared/schemas/reviews.ts';
import { fixtureFirm } from '../../fixtures/pages/firms.ts';
import { BROWSERS, type Page } from '../driver.ts';
import { verdicts } from '../fixture-pages.ts';
import { screenshot } from '../harness.ts';
import {
  type Api,
  type BrowserJourney,
  expectSoonToShow,
  expectSynced,
  openTab,
  signInFromPopup,
  signInToApi,
  staffRow,
  startJourney,
  syncLine,
} from './journey.ts';

/**
 * Journey 2, on the release build: Mark Sales, a solicitor with logins in two systems (LexOffice
 * and PayDesk), leaves. The practice manager marks him as a leaver in the popup: the server holds
 * his last day, the popup shows a leaver finding for each login still active and his checklist
 * lists both, and both systems' admin pages badge his login as a leaver's.
 */

/** The practice's firm behind the LexOffice staff list, plus PayDesk, where Mark Sales has a login too. */
function firmWithTwoSystems(pagesUrl: string): FirmSeed {
  const firm = fixtureFirm('practice-staff-list', `${pagesUrl}/practice-staff-list.html*`);
  const [payDesk] = fixtureFirm('payments-users', `${pagesUrl}/payments-users.html*`).systems;
  if (!payDesk) throw new Error('the payments page has no system');
  const solicitorNeeds = ['payments.add', 'transactions.search'];
  return {
    ...firm,
    systems: [...firm.systems, payDesk],
    roles: { ...firm.roles, Solicitor: { ...firm.roles.Solicitor, [payDesk.key]: solicitorNeeds } },
    accounts: [
      ...firm.accounts,
      {
        system: payDesk.key,
        username: 'mark.sales',
        displayName: 'Mark Sales',
        owner: 'Mark Sales',
        permissions: solicitorNeeds,
        lastSignInDaysAgo: 2,
        createdDaysAgo: 300,
      },
    ],
  };
}

const LOGINS = ['mark.sales in LexOffice', 'mark.sales in PayDesk'];

describe.each(BROWSERS)(
  'journey: a person with a job role and two logins is marked as a leaver, in %s',
  (browserName) => {
    let journey: BrowserJourney;
    let server: Api;
    let popup: Page;
    let markId: string;
    const today = new Date().toISOString().slice(0, 10);

    beforeAll(async () => {
      journey = await startJourney(browserName);
      const firm = firmWithTwoSystems(journey.pages.url);
      await seedFirm(fetch, journey.worker.url, firm);
      server = await signInToApi(journey.worker.url, firm.owner.email, firm.owner.password);
      const people = await server(pageSchema(personSchema), 'GET', '/people?q=Mark%20Sales');
      markId = people.items.find((person) => person.name === 'Mark Sales')?.id ?? '';
      popup = await journey.openPopup();
      await signInFromPopup(popup, journey.worker.url, firm.owner.email, firm.owner.password);
    });
    afterAll(async () => {
      await journey?.close();
    });

    it('marks Mark Sales as a leaver from the popup, listing the logins to disable', async () => {
      await openTab(popup, 'Staff');
      await popup.getByLabel('Search staff').fill('Mark');
      await staffRow(popup, 'Mark Sales').click();
      await expect.poll(() => popup.getByRole('heading', { name: 'Mark Sales' }).count()).toBe(1);
      await popup.getByRole('button', { name: 'Mark as leaver…' }).click();
      // Before confirming, the form says which logins will need disabling, system by system.
      const toDisable = popup.getByRole('list', { name: 'Logins to disable after the last day' });
      for (const login of ['LexOffice: mark.sales', 'PayDesk: mark.sales'])
        await expectSoonToShow(toDisable, login);
      await screenshot(popup, 'journey-2-leaver-form');
      await popup.getByRole('button', { name: 'Mark as leaver', exact: true }).click();

      await expect.poll(() => popup.getByText(/^Leaver/).count()).toBe(1);
      await expectSynced(popup);
      await expect
        .poll(async () => (await server(personSchema, 'GET', `/people/${markId}`)).status)
        .toBe('leaver');
      const mark = await server(personSchema, 'GET', `/people/${markId}`);
      expect(mark.endDate).toBe(today);
      expect(mark.jobRoleId).not.toBeNull();
    });

    it('shows a leaver finding for each login still active, in the popup and on the server', async () => {
      const titles = LOGINS.map((login) => {
        const [username, system] = login.split(' in ');
        return `Mark Sales has left, but "${username}" in ${system} is still active`;
      });
      for (const title of titles) await expect.poll(() => popup.getByText(title).count()).toBeGreaterThan(0);
      await screenshot(popup, 'journey-2-leaver-findings');
      const findings = await server(
        findingListSchema,
        'GET',
        `/findings?rule=leaver-still-active&person=${markId}`,
      );
      expect(findings.findings.map((finding) => finding.title).sort()).toEqual([...titles].sort());
      expect(await syncLine(popup).textContent()).toMatch(/^Synced/);
    });

    it('dismisses one of those findings by mistake and takes it back with Undo', async () => {
      const payDesk = 'Mark Sales has left, but "mark.sales" in PayDesk is still active';
      const leaverFindings = async () =>
        server(findingListSchema, 'GET', `/findings?rule=leaver-still-active&person=${markId}`);
      await openTab(popup, 'Findings');
      await popup.getByText(payDesk, { exact: true }).click();
      const finding = popup.getByRole('listitem').filter({ hasText: payDesk });
      await finding.getByRole('button', { name: 'Dismiss…' }).click();
      await popup
        .getByLabel('Reason for accepting the risk')
        .fill('PayDesk login kept for the handover week');
      await popup.getByRole('button', { name: 'Dismiss', exact: true }).click();
      await expect.poll(() => popup.getByText(payDesk, { exact: true }).count()).toBe(0);
      await expect.poll(async () => (await leaverFindings()).dismissed).toBe(1);

      await popup.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => popup.getByText(payDesk, { exact: true }).count()).toBe(1);
      await screenshot(popup, 'journey-2-dismissal-undone');
      await expect.poll(async () => (await leaverFindings()).dismissed, { timeout: 15_000 }).toBe(0);
      expect((await leaverFindings()).findings.map((f) => f.title)).toContain(payDesk);
    });

    it('lists both logins on his leaver checklist', async () => {
      const { checklists } = await server(checklistListSchema, 'GET', '/todos/checklists');
      const checklist = checklists.find((list) => list.personId === markId);
      expect(checklist?.items.map((item) => item.label).sort()).toEqual(LOGINS);

      await openTab(popup, 'Home');
      const leavers = popup.getByRole('region', { name: 'Leavers' });
      for (const login of LOGINS) await expect.poll(() => leavers.textContent()).toContain(login);
      await screenshot(popup, 'journey-2-checklist');
    });

    it('badges his login as a leaver’s on both systems’ admin pages', async () => {
      for (const name of ['practice-staff-list', 'payments-users'] as const) {
        const page = await journey.openPage(`${name}.html`);
        await expect
          .poll(async () => (await verdicts(page, name))['mark.sales']?.split(' ') ?? [], { timeout: 15_000 })
          .toContain('leaver');
        await screenshot(page, `journey-2-${name}-leaver`);
        await page.close();
      }
    });
  },
);
