import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FirmSeed, seedFirm } from '../../../scripts/lib/seed-firm.ts';
import { jobRoleSchema, personSchema } from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import { BROWSERS, type Page } from '../driver.ts';
import { screenshot } from '../harness.ts';
import {
  type Api,
  type BrowserJourney,
  expectSynced,
  openTab,
  signInFromPopup,
  signInToApi,
  staffRow,
  startJourney,
  syncLine,
} from './journey.ts';

/**
 * Journey 3, on the release build: with the server down the practice manager gives Dana Reyes a new
 * job role and adds Eli Moss; a 400-character name is stopped in the form itself. The browser
 * restarts with both changes waiting. Meanwhile a second admin deletes the job role Dana was given,
 * so when the server is back her change is refused — and Eli's, queued after it, still goes through.
 * The refused change is set aside with what it was and why, survives another restart, and is
 * edited and sent again. Last, the second admin renames Dana while the practice manager has her form
 * open, and another window's sync brings that in: saving comes back as a conflict to choose from,
 * not as the colleague's name overwritten unseen.
 */

const FIRM: FirmSeed = {
  name: 'Harbour & Finch Lawyers',
  owner: { name: 'Preet Kaur', email: 'preet@harbourfinch.test', password: 'tidal shelf copper lantern' },
  systems: [
    {
      key: 'lexoffice',
      name: 'LexOffice',
      adminUrlPatterns: ['https://lexoffice.example.com/admin/*'],
      signInUrlPatterns: [],
      permissions: [{ name: 'matters.view', label: 'View matters' }],
    },
  ],
  roles: {
    Solicitor: { lexoffice: ['matters.view'] },
    Paralegal: { lexoffice: ['matters.view'] },
    'Practice Manager': { lexoffice: ['matters.view'] },
  },
  people: [
    {
      key: 'Preet Kaur',
      name: 'Preet Kaur',
      email: 'preet@harbourfinch.test',
      role: 'Practice Manager',
      startedDaysAgo: 900,
    },
    {
      key: 'Dana Reyes',
      name: 'Dana Reyes',
      email: 'dana@harbourfinch.test',
      role: 'Solicitor',
      startedDaysAgo: 400,
    },
  ],
  accounts: [],
};

describe.each(BROWSERS)(
  'journey: offline edits, a refused change, later changes synced, nothing lost, in %s',
  (browserName) => {
    let journey: BrowserJourney;
    let server: Api;
    let popup: Page;
    let danaId: string;
    let solicitorId: string;

    const people = async () => (await server(pageSchema(personSchema), 'GET', '/people')).items;
    /** The popup's changes the server refused, as the admin sees them listed. */
    const refusedChanges = () => popup.getByRole('article', { name: /Refused: Change person ‘Dana Reyes’/ });
    let paralegalId: string;

    async function reopenPopup() {
      popup = await journey.openPopup();
    }

    beforeAll(async () => {
      journey = await startJourney(browserName);
      await seedFirm(fetch, journey.worker.url, FIRM);
      server = await signInToApi(journey.worker.url, FIRM.owner.email, FIRM.owner.password);
      danaId = (await people()).find((person) => person.name === 'Dana Reyes')?.id ?? '';
      solicitorId = (await server(personSchema, 'GET', `/people/${danaId}`)).jobRoleId ?? '';
      await reopenPopup();
      await signInFromPopup(popup, journey.worker.url, FIRM.owner.email, FIRM.owner.password);
    });
    afterAll(async () => {
      await journey?.close();
    });

    it('keeps changes made with the server down, and stops a name too long in the form', async () => {
      await journey.worker.takeDown();
      await openTab(popup, 'Staff');
      await staffRow(popup, 'Dana Reyes').click();
      await popup.getByRole('button', { name: 'Edit', exact: true }).click();
      await popup.getByLabel('Job role').selectOption({ label: 'Paralegal' });
      await popup.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => syncLine(popup).textContent()).toBe('Offline — 1 change waiting');

      await popup.getByRole('button', { name: '← All staff' }).click();
      await popup.getByRole('button', { name: 'Add person' }).click();
      await popup.getByLabel('Name').fill('A'.repeat(400));
      await popup.getByRole('button', { name: 'Save', exact: true }).click();
      // The form says what is wrong at once, with the limit the server holds to; nothing is queued.
      await expect.poll(() => popup.getByText(/200/).count()).toBeGreaterThan(0);
      await screenshot(popup, 'journey-3-name-too-long');
      expect(await syncLine(popup).textContent()).toBe('Offline — 1 change waiting');

      await popup.getByLabel('Name').fill('Eli Moss');
      await popup.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => popup.getByRole('heading', { name: 'Eli Moss' }).count()).toBe(1);
      await expect.poll(() => syncLine(popup).textContent()).toBe('Offline — 2 changes waiting');
      await screenshot(popup, 'journey-3-offline');
    });

    it('still has both changes after a browser restart', async () => {
      await journey.restartBrowser();
      await reopenPopup();
      await expect.poll(() => syncLine(popup).textContent()).toBe('Offline — 2 changes waiting');
      await openTab(popup, 'Staff');
      await expect.poll(() => popup.getByRole('list', { name: 'Staff' }).textContent()).toContain('Eli Moss');
      expect(await staffRow(popup, 'Dana Reyes').textContent()).toContain('Paralegal');
    });

    it('sends the later change when the earlier one is refused, and says one is refused', async () => {
      await journey.worker.bringBack();
      // Meanwhile another admin deletes the job role Dana was given, and adds another.
      const roles = (await server(pageSchema(jobRoleSchema), 'GET', '/roles')).items;
      paralegalId = roles.find((role) => role.name === 'Paralegal')?.id ?? '';
      await server(z.null(), 'DELETE', `/roles/${paralegalId}`);
      await server(jobRoleSchema, 'POST', '/roles', { name: 'Trainee Solicitor', permissions: {} });

      await popup.getByRole('button', { name: 'Sync now', exact: true }).click();
      await expect
        .poll(async () => (await people()).map((person) => person.name).sort(), { timeout: 15_000 })
        .toEqual(['Dana Reyes', 'Eli Moss', 'Preet Kaur']);
      expect((await server(personSchema, 'GET', `/people/${danaId}`)).jobRoleId).toBe(solicitorId);
      // Never "synced" while something is refused: it says how many.
      await expect.poll(() => syncLine(popup).textContent()).toMatch(/\b1\b.*refused/i);
      await screenshot(popup, 'journey-3-refused');
    });

    it('lists the refused change with what it was and why, also after another restart', async () => {
      await journey.restartBrowser();
      await reopenPopup();
      await expect.poll(() => syncLine(popup).textContent()).toMatch(/\b1\b.*refused/i);
      // The sync line leads to the refused change.
      await syncLine(popup).locator('xpath=..').getByRole('button').click();
      await expect.poll(() => refusedChanges().count()).toBe(1);
      await screenshot(popup, 'journey-3-refused-list');
      const refused = refusedChanges();
      // Why, in plain words: the job role is gone; no ids.
      expect(await refused.textContent()).toMatch(/job role/i);
      expect(await refused.textContent()).not.toContain(paralegalId);
      for (const action of ['Edit', 'Retry', 'Discard'])
        expect(await refused.getByRole('button', { name: action }).count(), action).toBe(1);
    });

    it('edits the refused change and sends it again', async () => {
      const refused = refusedChanges();
      await refused.getByRole('button', { name: 'Edit', exact: true }).click();
      await refused.getByLabel('Job role').selectOption({ label: 'Trainee Solicitor' });
      await refused.getByRole('button', { name: 'Save and send again' }).click();
      await expectSynced(popup);
      const trainee = (await server(pageSchema(jobRoleSchema), 'GET', '/roles')).items.find(
        (role) => role.name === 'Trainee Solicitor',
      );
      expect((await server(personSchema, 'GET', `/people/${danaId}`)).jobRoleId).toBe(trainee?.id);
      expect(await refusedChanges().count()).toBe(0);
      await screenshot(popup, 'journey-3-resolved');
    });

    it('brings a colleague’s edit made while the form is open back as a conflict, and keeps the choice', async () => {
      await openTab(popup, 'Staff');
      await staffRow(popup, 'Dana Reyes').click();
      await popup.getByRole('button', { name: 'Edit', exact: true }).click();
      await popup.getByLabel('Name').fill('Dana Reyes-Okafor');
      // The second admin renames her meanwhile, and a second window's sync brings it into this browser.
      await server(personSchema, 'PATCH', `/people/${danaId}`, { name: 'Dana Reyes-Ng' });
      const second = await journey.openPopup();
      await openTab(second, 'Staff');
      await staffRow(second, 'Dana Reyes-Ng').waitFor({ timeout: 15_000 });
      await second.close();

      await popup.getByRole('button', { name: 'Save', exact: true }).click();
      await expect
        .poll(() => syncLine(popup).textContent())
        .toBe('1 change in conflict: choose which to keep');
      await popup.getByRole('button', { name: 'Not synced (1)' }).click();
      const conflict = popup.getByRole('article', { name: 'Conflict on Dana Reyes-Ng' });
      await conflict.waitFor();
      // Both names, so the choice is made knowing what it replaces.
      expect(await conflict.textContent()).toContain('Dana Reyes-Okafor');
      expect(await conflict.textContent()).toContain('Dana Reyes-Ng');
      await screenshot(popup, 'journey-3-conflict');
      // Until the admin chooses, the server keeps the colleague's name.
      expect((await server(personSchema, 'GET', `/people/${danaId}`)).name).toBe('Dana Reyes-Ng');

      await conflict.getByRole('button', { name: 'Keep mine' }).click();
      await expectSynced(popup);
      expect((await server(personSchema, 'GET', `/people/${danaId}`)).name).toBe('Dana Reyes-Okafor');
    });
  },
);
