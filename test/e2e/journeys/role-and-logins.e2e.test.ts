import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirmSeed, seedFirm } from '../../../scripts/lib/seed-firm.ts';
import { accountSchema, jobRoleSchema, personSchema } from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import { findingListSchema } from '../../../shared/schemas/findings-api.ts';
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
} from './journey.ts';

/**
 * Journey 4, on the release build: the practice manager edits Finn Walsh, a solicitor; links a
 * LexOffice login that can also manage users, which his job role does not grant, and the
 * excess-permission finding appears; unlinks it (and takes that back); then makes him practice
 * manager, whose role grants it, and the finding goes. The server holds each step.
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
      permissions: [
        { name: 'matters.view', label: 'View matters' },
        { name: 'matters.edit', label: 'Open and edit matters' },
        { name: 'users.manage', label: 'Manage users', privileged: true },
      ],
    },
  ],
  roles: {
    Solicitor: { lexoffice: ['matters.view', 'matters.edit'] },
    'Practice Manager': { lexoffice: ['matters.view', 'matters.edit', 'users.manage'] },
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
      key: 'Finn Walsh',
      name: 'Finn Walsh',
      email: 'finn@harbourfinch.test',
      role: 'Solicitor',
      startedDaysAgo: 400,
    },
  ],
  accounts: [
    {
      system: 'lexoffice',
      username: 'pkaur',
      displayName: 'Preet Kaur',
      owner: 'Preet Kaur',
      permissions: ['matters.view', 'matters.edit', 'users.manage'],
      lastSignInDaysAgo: 0,
      createdDaysAgo: 800,
    },
    // Nobody's yet: Finn's login, made with more than a solicitor needs.
    {
      system: 'lexoffice',
      username: 'fwalsh',
      displayName: 'Walsh, Finn',
      permissions: ['matters.view', 'matters.edit', 'users.manage'],
      lastSignInDaysAgo: 1,
      createdDaysAgo: 300,
    },
  ],
};

const EXCESS = `"fwalsh" in LexOffice has permissions Finn Walsh's job role does not grant`;

describe.each(BROWSERS)(
  'journey: edit a person with a job role, link and unlink a login, change the role, in %s',
  (browserName) => {
    let journey: BrowserJourney;
    let server: Api;
    let popup: Page;
    let finnId: string;
    let fwalshId: string;
    let practiceManagerId: string;

    const finn = () => server(personSchema, 'GET', `/people/${finnId}`);
    const fwalsh = () => server(accountSchema, 'GET', `/accounts/${fwalshId}`);
    const excessOnServer = async () =>
      (
        await server(findingListSchema, 'GET', `/findings?rule=excess-permission&person=${finnId}`)
      ).findings.map((finding) => finding.title);
    const findingsOfFinn = () => popup.getByText(EXCESS, { exact: true });

    beforeAll(async () => {
      journey = await startJourney(browserName);
      await seedFirm(fetch, journey.worker.url, FIRM);
      server = await signInToApi(journey.worker.url, FIRM.owner.email, FIRM.owner.password);
      finnId = (await server(pageSchema(personSchema), 'GET', '/people?q=Finn')).items[0]?.id ?? '';
      fwalshId = (await server(pageSchema(accountSchema), 'GET', '/accounts?q=fwalsh')).items[0]?.id ?? '';
      const roles = await server(pageSchema(jobRoleSchema), 'GET', '/roles');
      practiceManagerId = roles.items.find((role) => role.name === 'Practice Manager')?.id ?? '';
      popup = await journey.openPopup();
      await signInFromPopup(popup, journey.worker.url, FIRM.owner.email, FIRM.owner.password);
    });
    afterAll(async () => {
      await journey?.close();
    });

    it('edits Finn Walsh, who has a job role', async () => {
      await openTab(popup, 'Staff');
      await staffRow(popup, 'Finn Walsh').click();
      await popup.getByRole('button', { name: 'Edit', exact: true }).click();
      await popup.getByLabel('Email').fill('finn.walsh@harbourfinch.test');
      await popup.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => popup.getByText('finn.walsh@harbourfinch.test').count()).toBe(1);
      await expectSynced(popup);
      await expect.poll(async () => (await finn()).email).toBe('finn.walsh@harbourfinch.test');
      expect((await finn()).jobRoleId).not.toBeNull();
    });

    it('links a login with more than his role grants: the excess-permission finding appears', async () => {
      await popup.getByRole('button', { name: 'Link an account…' }).click();
      await popup.getByRole('button', { name: 'Link fwalsh to Finn Walsh' }).click();
      const accounts = popup.getByRole('list', { name: 'Finn Walsh’s accounts' });
      await expect.poll(() => accounts.textContent()).toContain('fwalsh in LexOffice');
      await expect.poll(() => findingsOfFinn().count()).toBe(1);
      await screenshot(popup, 'journey-4-linked-excess');
      await expectSynced(popup);
      await expect.poll(async () => (await fwalsh()).ownerPersonId).toBe(finnId);
      expect(await excessOnServer()).toEqual([EXCESS]);
    });

    it('unlinks it: the finding goes; undoing the unlink brings both back', async () => {
      await popup.getByRole('button', { name: 'Unlink fwalsh' }).click();
      await expect.poll(() => findingsOfFinn().count()).toBe(0);
      await expect.poll(() => popup.getByText('No accounts linked.').count()).toBe(1);
      await screenshot(popup, 'journey-4-unlinked');
      await expectSynced(popup);
      await expect.poll(async () => (await fwalsh()).ownerPersonId).toBeNull();
      expect(await excessOnServer()).toEqual([]);

      await popup.getByRole('button', { name: 'Undo', exact: true }).click();
      await expect.poll(() => findingsOfFinn().count()).toBe(1);
      await expectSynced(popup);
      await expect.poll(async () => (await fwalsh()).ownerPersonId).toBe(finnId);
    });

    it('makes him practice manager, whose role grants it: the finding goes', async () => {
      await popup.getByRole('button', { name: 'Edit', exact: true }).click();
      await popup.getByLabel('Job role').selectOption({ label: 'Practice Manager' });
      await popup.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => findingsOfFinn().count()).toBe(0);
      await expect.poll(() => popup.getByText(`No findings for Finn Walsh.`).count()).toBe(1);
      await screenshot(popup, 'journey-4-role-changed');
      await expectSynced(popup);
      await expect.poll(async () => (await finn()).jobRoleId).toBe(practiceManagerId);
      expect(await excessOnServer()).toEqual([]);
    });
  },
);
