import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemSchema } from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import { BROWSERS, type Page } from '../driver.ts';
import { addSystem, goTo, newFirmInConsole, screenshotBoth } from './console-pages.ts';
import { type Api, type BrowserJourney, startJourney } from './journey.ts';

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
    ({ console, server } = await newFirmInConsole(journey, 'Quinn Lettings', OWNER));
  });

  it('adds the first system with the address of one login’s page', async () => {
    await addSystem(console, server, {
      name: 'LetDesk',
      adminPages: `${journey.pages.url}/practice-staff-list.html*`,
      userPage: 'https://letdesk.example/admin/users/{login}',
    });
    const { items } = await server(pageSchema(systemSchema), 'GET', '/systems');
    expect(items).toEqual([
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
      await screenshotBoth(console, `${browserName}-${label.toLowerCase().replace(/\s+/g, '-')}`);
    }
    // The member's own second factor is stated, and can be set up from here.
    await console.getByRole('heading', { level: 3, name: 'Second factor' }).waitFor();
    expect(await console.getByTestId('second-factor-status').textContent()).toMatch(/^Off\./);
    await console.getByRole('button', { name: 'Set up two-step sign-in' }).waitFor();
  });
});
