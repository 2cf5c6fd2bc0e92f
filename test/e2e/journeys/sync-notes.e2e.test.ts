import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSchema } from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import { BROWSERS, type Page } from '../driver.ts';
import { screenshot } from '../harness.ts';
import { addSystem, newFirmInConsole, textsOf } from './console-pages.ts';
import { type Api, type BrowserJourney, startJourney } from './journey.ts';

/**
 * Journey, on the release build: a travel agency's Prague office adds its booking system in the
 * console with a catalogue of three of the roles its staff hold, opens the system's user list (in
 * Czech) and syncs it from the banner. The server takes every login in, places the roles its
 * catalogue names, and the banner lists the roles it could not place, login by login, for the admin
 * to check by hand.
 */

const PAGE = 'travel-agency-users-cs';
const SYSTEM = 'Rezervace Praha';
const CATALOGUE = [
  ['branch.manage', 'Vedoucí pobočky'],
  ['bookings.sell', 'Prodejce zájezdů'],
  ['accounts.keep', 'Účetní'],
] as const;

describe.each(BROWSERS)('journey: a sync says what it could not place, in %s', (browserName) => {
  let journey: BrowserJourney;
  let server: Api;
  let console: Page;

  beforeAll(async () => {
    journey = await startJourney(browserName, { promptForPages: true });
  });
  afterAll(async () => {
    await journey?.close();
  });

  it('adds the booking system with a catalogue of three roles', async () => {
    ({ console, server } = await newFirmInConsole(journey, 'Cestovní kancelář Vltava'));
    await addSystem(
      console,
      server,
      { name: SYSTEM, adminPages: `${journey.pages.url}/${PAGE}.html*` },
      async () => {
        for (const [index, [name, label]] of CATALOGUE.entries()) {
          await console.getByRole('button', { name: 'Add a permission' }).click();
          await console.getByLabel(`Permission ${index + 1} name`).fill(name);
          await console.getByLabel(`Permission ${index + 1} label`).fill(label);
        }
      },
    );
  });

  it('syncs the list, and the banner lists the roles the catalogue lacks, login by login', async () => {
    const page = await journey.openPage(`${PAGE}.html`);
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    const sync = banner.getByRole('button', { name: 'Sync this list to Rollcall' });
    await sync.waitFor({ timeout: 15_000 });
    await sync.click();
    await expect
      .poll(() => banner.getByRole('status').filter({ hasText: 'Synced' }).textContent(), {
        timeout: 15_000,
      })
      .toBe('Synced: 14 new, 0 changed, 0 removed.');
    // Four logins hold a role the catalogue does not name: the first three are listed, the last counted.
    const notes = banner.getByRole('list', { name: '4 things on this page to check by hand:' });
    expect(await textsOf(notes.getByRole('listitem'))).toEqual([
      `pokladna: "Pokladní" is not in the permission catalogue of ${SYSTEM}`,
      `tomas.cerny: "Průvodce" is not in the permission catalogue of ${SYSTEM}`,
      `kvesela: "Produkt" is not in the permission catalogue of ${SYSTEM}`,
      'and 1 more',
    ]);
    await screenshot(page, 'journey-sync-notes');
    // The roles the catalogue names are on file as its permissions.
    const accounts = (await server(pageSchema(accountSchema), 'GET', '/accounts?limit=100')).items;
    const permissions = (username: string) => accounts.find((a) => a.username === username)?.permissions;
    expect([permissions('jnovak'), permissions('mhorak'), permissions('pokladna')]).toEqual([
      ['branch.manage'],
      ['accounts.keep'],
      [],
    ]);
    await page.close();
  });
});
