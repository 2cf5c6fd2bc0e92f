import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemSchema } from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import { BROWSERS, type Page } from '../driver.ts';
import { screenshot } from '../harness.ts';
import { type Api, type BrowserJourney, expectSynced, signInToApi, startJourney } from './journey.ts';

/**
 * The console in every browser the extension ships for, on the release build against the worker in
 * production mode: a new firm opens it from the popup, adds its first system (with the address of
 * one login's page, where a leaver's checklist links), and every screen is drawn, kept as
 * screenshots at 1,280 and 360 px wide.
 */

const OWNER = { name: 'Mara Quinn', email: 'mara@quinnlettings.test', password: 'harbour violet staple' };
const SCREENS = [
  'Overview',
  'Staff',
  'Accounts',
  'Systems',
  'Job roles',
  'Findings',
  'Access reviews',
  'Members',
  'Audit log',
  'Settings',
  'My account',
];

/** Goes to a screen from the console's navigation and waits for its heading. */
async function goTo(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Console' })
    .getByRole('link', { name: label, exact: true })
    .click();
  await page.getByRole('heading', { level: 2, name: label, exact: true }).waitFor();
}

describe.each(BROWSERS)('journey: a new firm’s console, in %s', (browserName) => {
  let journey: BrowserJourney;
  let server: Api;
  let console: Page;

  beforeAll(async () => {
    journey = await startJourney(browserName, { promptForPages: true });
  });
  afterAll(async () => {
    await journey?.close();
  });

  it('opens the console from the popup once the firm is made', async () => {
    const popup = await journey.openPopup();
    await popup.getByRole('button', { name: 'Create a firm' }).click();
    await popup.getByLabel('Server').fill(journey.worker.url);
    await popup.getByLabel('Firm name').fill('Quinn Lettings');
    await popup.getByLabel('Your name').fill(OWNER.name);
    await popup.getByLabel('Email').fill(OWNER.email);
    await popup.getByLabel('Password').fill(OWNER.password);
    // Two-step sign-in has a journey of its own (two-factor.e2e.test.ts).
    await popup.getByLabel('Owners and admins sign in with two steps').click(); // ticked by default
    await popup.getByRole('button', { name: 'Create firm and sign in' }).click();
    await expectSynced(popup);
    server = await signInToApi(journey.worker.url, OWNER.email, OWNER.password);

    const opened = journey.nextPage();
    await popup.getByRole('button', { name: 'Open console' }).click();
    console = await opened;
    await console.setViewportSize({ width: 1280, height: 900 });
    expect(console.url()).toBe(`${journey.extensionOrigin}/console.html`);
    await popup.close();
    await console.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    expect(await console.locator('header').textContent()).toContain('Quinn Lettings');
  });

  it('adds the first system with the address of one login’s page', async () => {
    await goTo(console, 'Systems');
    await console.getByRole('link', { name: 'Add a system' }).click();
    await console.getByLabel('Name', { exact: true }).fill('LetDesk');
    await console.getByLabel(/^Admin pages/).fill(`${journey.pages.url}/practice-staff-list.html*`);
    await console.getByLabel(/^A login’s page/).fill('https://letdesk.example/admin/users/{login}');
    await console.getByRole('button', { name: 'Add system' }).click();
    await console.getByRole('heading', { level: 2, name: 'LetDesk' }).waitFor();
    await expect
      .poll(async () => (await server(pageSchema(systemSchema), 'GET', '/systems')).items, {
        timeout: 15_000,
      })
      .toEqual([
        expect.objectContaining({
          name: 'LetDesk',
          userPageUrl: 'https://letdesk.example/admin/users/{login}',
        }),
      ]);
  });

  it('draws every screen, at 1,280 and at 360 px wide', async () => {
    for (const label of SCREENS) {
      await goTo(console, label);
      // Drawn with its data: nothing still loading.
      await expect.poll(() => console.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
      const name = `console-${browserName}-${label.toLowerCase().replace(/\s+/g, '-')}`;
      await console.setViewportSize({ width: 1280, height: 900 });
      await screenshot(console, `${name}-1280`);
      await console.setViewportSize({ width: 360, height: 780 });
      await screenshot(console, `${name}-360`);
      await console.setViewportSize({ width: 1280, height: 900 });
    }
    // The member's own second factor is stated, and can be set up from here.
    await console.getByRole('heading', { level: 3, name: 'Second factor' }).waitFor();
    expect(await console.getByTestId('second-factor-status').textContent()).toMatch(/^Off\./);
    await console.getByRole('button', { name: 'Set up two-step sign-in' }).waitFor();
  });
});
