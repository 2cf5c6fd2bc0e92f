import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountSchema,
  jobRoleSchema,
  personSchema,
  systemSchema,
} from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import { findingListSchema } from '../../../shared/schemas/findings-api.ts';
import { BROWSERS, type Page } from '../driver.ts';
import {
  addSystem,
  captureUserList,
  goTo,
  isChecked,
  newFirmInConsole,
  screenshotBoth,
  setChecked,
  textsOf,
} from './console-pages.ts';
import { type Api, type BrowserJourney, startJourney } from './journey.ts';

/**
 * A new firm set up in the console, on the release build against the worker in production mode:
 * its payments system with a permission catalogue, job roles ticked in the matrix, its staff from a
 * CSV import (a bad row caught by the dry run first), the first capture of the system's user list,
 * a login linked to its owner, and the excess-permission finding that follows — previewed in the
 * matrix before any template changes.
 */

const PAGE = 'payments-users';
const CATALOGUE = [
  ['payments.add', 'Add payments'],
  ['transactions.search', 'Search transactions'],
  ['refunds.process', 'Process refunds'],
  ['users.manage', 'Manage users'],
] as const;

describe.each(BROWSERS)('journey: a new firm set up in the console, in %s', (browserName) => {
  let journey: BrowserJourney;
  let server: Api;
  let console: Page;

  beforeAll(async () => {
    // The admin grants the system's admin pages through the browser's prompt where a test can.
    journey = await startJourney(browserName, { promptForPages: true });
  });
  afterAll(async () => {
    await journey?.close();
  });

  it('signs up in the popup and opens the console from it', async () => {
    ({ console, server } = await newFirmInConsole(journey, 'Harbour Travel'));
    // An owner sees every screen.
    const nav = await textsOf(console.getByRole('navigation', { name: 'Console' }).getByRole('link'));
    expect(nav).toEqual([
      'Overview',
      'Staff',
      'Accounts',
      'Systems',
      'Job roles',
      'Findings',
      'Access reviews',
      'Members',
      'API keys',
      'Staff browsers',
      'Audit log',
      'Settings',
      'My account',
    ]);
    await screenshotBoth(console, 'overview-empty');
  });

  it('adds the payments system with its permission catalogue', async () => {
    await addSystem(
      console,
      server,
      { name: 'PayDesk', adminPages: `${journey.pages.url}/${PAGE}.html*` },
      async () => {
        for (const [index, [name, label]] of CATALOGUE.entries()) {
          await console.getByRole('button', { name: 'Add a permission' }).click();
          await console.getByLabel(`Permission ${index + 1} name`).fill(name);
          await console.getByLabel(`Permission ${index + 1} label`).fill(label);
        }
        // Refunds and managing users are privileged by their names; the admin sees it ticked.
        expect(await isChecked(console.getByLabel('refunds.process is privileged'))).toBe(true);
        expect(await isChecked(console.getByLabel('payments.add is privileged'))).toBe(false);
        await screenshotBoth(console, 'system-editor');
      },
    );
    expect((await server(pageSchema(systemSchema), 'GET', '/systems')).items).toEqual([
      expect.objectContaining({
        name: 'PayDesk',
        adminUrlPatterns: [`${journey.pages.url}/${PAGE}.html*`],
        permissions: CATALOGUE.map(([name, label]) => ({ name, label })),
      }),
    ]);
    await goTo(console, 'Systems');
    expect(await console.getByRole('table', { name: 'Systems' }).textContent()).toContain('PayDesk');
    await screenshotBoth(console, 'systems');
  });

  it('makes two job roles in the matrix', async () => {
    await goTo(console, 'Job roles');
    for (const name of ['Consultant', 'Manager']) {
      await console.getByLabel('New job role').fill(name);
      await console.getByRole('button', { name: 'Add job role' }).click();
    }
    for (const [, label] of CATALOGUE.slice(0, 2))
      await setChecked(console.getByLabel(`Consultant: ${label} in PayDesk`));
    for (const [, label] of CATALOGUE) await setChecked(console.getByLabel(`Manager: ${label} in PayDesk`));
    await screenshotBoth(console, 'roles-matrix-draft');
    await console.getByRole('button', { name: 'Save job roles' }).click();
    await expect
      .poll(() => textsOf(console.getByRole('status')))
      .toContain('Saved 2 job roles. Findings follow the new templates.');

    await expect
      .poll(
        async () =>
          Object.fromEntries(
            (await server(pageSchema(jobRoleSchema), 'GET', '/roles')).items.map((r) => [
              r.name,
              Object.values(r.permissions)[0]?.sort(),
            ]),
          ),
        { timeout: 15_000 },
      )
      .toEqual({
        Consultant: ['payments.add', 'transactions.search'],
        Manager: ['payments.add', 'refunds.process', 'transactions.search', 'users.manage'],
      });
  });

  it('imports the staff from CSV, after a dry run that names the bad row', async () => {
    await goTo(console, 'Staff');
    await console.getByRole('link', { name: 'Import CSV' }).click();
    const rows = [
      'name,email,job_role,start,end',
      'Deepa Patel,deepa@harbourtravel.test,Manager,2021-03-01,',
      'Fatima Al-Rashid,fatima@harbourtravel.test,Consultant,2024-02-12,',
      'Li Wei,li.wei@harbourtravel.test,Consultant,2023-07-03,',
      'Mark Sales,mark@harbourtravel.test,Consultant,2020-01-06,',
      'Oluwaseun Adeyemi,seun@harbourtravel.test,Consultant,not a date,',
    ];
    await console.getByLabel('Or paste it').fill(rows.join('\n'));
    await console.getByRole('button', { name: 'Check the file' }).click();
    const problems = console.getByRole('table', { name: 'Problems in the file' });
    await problems.waitFor();
    expect(await problems.locator('tbody tr').count()).toBe(1);
    expect(await problems.locator('tbody td').first().textContent()).toBe('6');
    expect(await console.getByRole('button', { name: /^Import/ }).count()).toBe(0);
    await screenshotBoth(console, 'staff-import-dry-run');

    rows[5] = 'Oluwaseun Adeyemi,seun@harbourtravel.test,Consultant,2022-05-16,';
    await console.getByLabel('Or paste it').fill(rows.join('\n'));
    await console.getByRole('button', { name: 'Check the file' }).click();
    await console.getByText('5 rows: 5 would be added, 0 updated. No problems.').waitFor();
    await console.getByRole('button', { name: 'Import 5 rows' }).click();
    await console.getByText('Imported: 5 added, 0 updated.').waitFor();
    const people = await server(pageSchema(personSchema), 'GET', '/people');
    expect(people.items.map((p) => p.name).sort()).toEqual([
      'Deepa Patel',
      'Fatima Al-Rashid',
      'Li Wei',
      'Mark Sales',
      'Oluwaseun Adeyemi',
    ]);

    // The import reaches the local copy with the next sync: the table shows them.
    await goTo(console, 'Staff');
    await expect
      .poll(() => console.getByTestId('staff-count').textContent(), { timeout: 15_000 })
      .toBe('5 of 5');
    await screenshotBoth(console, 'staff');
  });

  it('captures the user list, links the sales manager login to Mark, and his excess-permission finding shows', async () => {
    expect(await captureUserList(journey, `${PAGE}.html`)).toMatch(/^Synced: 11 new/);

    await goTo(console, 'Accounts');
    const table = console.getByRole('table', { name: 'Logins in PayDesk' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBe(11);
    // The capture linked the logins it could tell by name; the shared "SalesManager" is Mark's.
    await setChecked(console.getByLabel('Select SalesManager'));
    await console.getByLabel('Owner', { exact: true }).selectOption({ label: 'Mark Sales' });
    await console.getByRole('button', { name: 'Link', exact: true }).click();
    await console.getByText('Linked to Mark Sales: 1 login.').waitFor();
    await screenshotBoth(console, 'accounts');
    await expect
      .poll(
        async () => {
          const accounts = await server(pageSchema(accountSchema), 'GET', '/accounts?limit=100');
          const mark = (await server(pageSchema(personSchema), 'GET', '/people')).items.find(
            (p) => p.name === 'Mark Sales',
          );
          return accounts.items.find((a) => a.username === 'SalesManager')?.ownerPersonId === mark?.id;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const findings = await server(findingListSchema, 'GET', '/findings?rule=excess-permission');
    expect(findings.findings.map((f) => f.title)).toEqual([
      '"SalesManager" in PayDesk has permissions Mark Sales\'s job role does not grant',
    ]);

    await goTo(console, 'Findings');
    const group = console.locator('details.group').filter({ hasText: 'Excess permission' });
    if (!(await group.evaluate((details) => (details as HTMLDetailsElement).open)))
      await group.locator('summary').first().click();
    expect(await group.textContent()).toContain(
      '"SalesManager" in PayDesk has permissions Mark Sales\'s job role does not grant',
    );
    await screenshotBoth(console, 'findings');
  });

  it('previews, before saving, whose finding a template change would clear', async () => {
    await goTo(console, 'Job roles');
    await setChecked(console.getByLabel('Consultant: Process refunds in PayDesk'));
    const lose = console.getByRole('list', { name: 'Would no longer have one' });
    await lose.waitFor();
    expect(await lose.textContent()).toContain('Mark Sales: SalesManager in PayDesk holds refunds.process');
    await screenshotBoth(console, 'roles-matrix-preview');
    // Not saved: least privilege says refunds are not a consultant's job.
    await console.getByRole('button', { name: 'Discard changes' }).click();
    expect(await isChecked(console.getByLabel('Consultant: Process refunds in PayDesk'))).toBe(false);
  });

  it('opens a person with every login against the job role', async () => {
    await goTo(console, 'Staff');
    await console.getByRole('link', { name: 'Mark Sales' }).click();
    const logins = console.getByRole('region', { name: 'Logins against the Consultant template' });
    await logins.waitFor();
    expect(await textsOf(logins.locator('li.perm-extra'))).toEqual(['refunds.process (not in the template)']);
    await screenshotBoth(console, 'person');
  });

  it('draws the remaining screens', async () => {
    for (const [label, name] of [
      ['Overview', 'overview'],
      ['Access reviews', 'reviews'],
      ['Members', 'members'],
      ['Audit log', 'audit'],
      ['Settings', 'settings'],
      ['My account', 'account'],
    ] as const) {
      await goTo(console, label);
      await expect.poll(() => console.locator('[aria-busy="true"]').count(), { timeout: 10_000 }).toBe(0);
      expect(await console.getByRole('alert').count(), `${label} shows no error`).toBe(0);
      await screenshotBoth(console, name);
    }
  });
});
