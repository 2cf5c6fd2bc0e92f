import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStaffJoinLink } from '../../../extension/lib/sign-in/join-link.ts';
import type { FirmSeed } from '../../../scripts/lib/seed-firm.ts';
import { seedFirm } from '../../../scripts/lib/seed-firm.ts';
import { accountSchema, personSchema } from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import {
  createdEnrolmentSchema,
  observationListSchema,
  observationSettingsSchema,
} from '../../../shared/schemas/observations.ts';
import {
  type SignInApp,
  type SignInAppUser,
  startSignInApp,
} from '../../fixtures/sign-in-app/sign-in-app.ts';
import { BROWSERS, type BrowserUnderTest, type Page } from '../driver.ts';
import { FIREFOX_RELEASE_EXTENSION_DIR } from '../firefox.ts';
import { launchBrowserWithExtension, screenshot } from '../harness.ts';
import {
  type Api,
  type BrowserJourney,
  expectSynced,
  openTab,
  PROFILES_HOOK_TIMEOUT,
  signInFromPopup,
  signInToApi,
  startJourney,
} from './journey.ts';

/**
 * Journey: who really signs in as "reception". FrontDesk, a bookings app of the firm, has one
 * front-desk login two receptionists share. Each has a browser enrolled as staff; both sign in to
 * FrontDesk as "reception". The owner's popup and FrontDesk's own user list then show a shared
 * login naming both. A third browser, never enrolled, records nothing, and a sign-in that fails
 * (wrong password, the form again) is not reported. Release build, worker in production mode.
 */

const APP_PASSWORD = 'bookings 2026 desk';
const OWNER = {
  name: 'Olivia Grant',
  email: 'olivia.grant@frontdesk.test',
  password: 'tidal shelf copper lantern',
};
const ANNA = 'Anna Lindqvist';
const BEN = 'Ben Okafor';

const APP_USERS: SignInAppUser[] = [
  { username: 'olivia', name: OWNER.name, email: OWNER.email, lastSignIn: '2026-12-01 08:55' },
  { username: 'reception', name: 'Front Desk', email: 'desk@frontdesk.test', lastSignIn: '2026-12-01 09:02' },
  { username: 'anna.l', name: ANNA, email: 'anna.lindqvist@frontdesk.test', lastSignIn: '2026-11-28 17:40' },
  { username: 'ben.o', name: BEN, email: 'ben.okafor@frontdesk.test', lastSignIn: '2026-11-30 12:11' },
  {
    username: 'frontdesk',
    name: 'Front Desk (old)',
    email: 'old-desk@frontdesk.test',
    lastSignIn: '2026-06-02 10:00',
  },
];

function frontDeskFirm(appUrl: string): FirmSeed {
  const person = (name: string) => ({
    key: name,
    name,
    email: `${name.toLowerCase().replace(' ', '.')}@frontdesk.test`,
    role: 'Receptionist',
    startedDaysAgo: 400,
  });
  const account = (username: string, displayName: string, owner: string) => ({
    system: 'frontdesk',
    username,
    displayName,
    owner,
    permissions: ['bookings.edit'],
    lastSignInDaysAgo: 2,
    createdDaysAgo: 300,
  });
  return {
    name: 'Harbour Physio',
    owner: OWNER,
    systems: [
      {
        key: 'frontdesk',
        name: 'FrontDesk',
        adminUrlPatterns: [`${appUrl}/admin/users*`],
        signInUrlPatterns: [`${appUrl}/login*`],
        permissions: [{ name: 'bookings.edit', label: 'Edit bookings' }],
      },
    ],
    roles: { Receptionist: { frontdesk: ['bookings.edit'] } },
    people: [person(OWNER.name), person(ANNA), person(BEN)],
    accounts: [
      account('olivia', OWNER.name, OWNER.name),
      // The front-desk login is Anna's on paper; Rollcall does not know Ben uses it too.
      account('reception', 'Front Desk', ANNA),
      account('anna.l', ANNA, ANNA),
      account('ben.o', BEN, BEN),
      account('frontdesk', 'Front Desk (old)', ANNA),
    ],
  };
}

/**
 * Another browser profile with Rollcall, a member of staff's own browser. In Chromium it is the
 * journey's build, whose extension id the worker allows; in Firefox it is the build as it ships,
 * with an origin of its own that the firm's server cannot know in advance, as in the field.
 */
function staffBrowser(journey: BrowserJourney): Promise<BrowserUnderTest> {
  return launchBrowserWithExtension(journey.browserName, {
    extensionDir: journey.browserName === 'firefox' ? FIREFOX_RELEASE_EXTENSION_DIR : journey.extensionDir,
  });
}

/** The patterns of the content scripts the background registered at run time. */
function registeredPatterns(extensionPage: Page): Promise<string[]> {
  return extensionPage.evaluate(async () => {
    const { browser, chrome } = globalThis as unknown as Record<
      'browser' | 'chrome',
      ScriptingGlobal | undefined
    >;
    const scripting = (browser ?? chrome)?.scripting;
    return (await scripting?.getRegisteredContentScripts())?.flatMap((script) => script.matches ?? []) ?? [];
  }, undefined);
}
type ScriptingGlobal = {
  scripting?: { getRegisteredContentScripts: () => Promise<{ matches?: string[] }[]> };
};

/** Joins as staff from the popup with the code the admin gave; answers once the popup shows it. */
async function joinAsStaff(browser: BrowserUnderTest, serverUrl: string, code: string, name: string) {
  const popup = await browser.openPopup();
  await popup.getByText('Join as staff', { exact: true }).first().click();
  await popup.getByLabel('Your firm’s Rollcall address').fill(serverUrl);
  await popup.getByLabel('Enrolment code').fill(code);
  await popup.getByRole('button', { name: 'Continue' }).click();
  await confirmJoin(popup, name);
  return popup;
}

/**
 * The popup's join screen, its code checked: it says for whom and on which sign-in pages before
 * joining, and joining asks for them; then the background registers the sign-in script there.
 */
async function confirmJoin(popup: Page, name: string) {
  const pages = popup.getByRole('list', { name: 'Sign-in pages to observe' });
  expect(await pages.textContent()).toContain('FrontDesk');
  expect(await popup.locator('body').textContent()).toContain(`as ${name}`);
  // The button, not the section's summary of the same words (a button too, to some browsers).
  await popup
    .locator('button')
    .filter({ hasText: /^Join as staff$/ })
    .click();
  await popup.getByRole('heading', { name: 'Staff browser' }).waitFor();
  expect(await popup.locator('body').textContent()).toContain(`as ${name}`);
  await expect.poll(() => registeredPatterns(popup)).toEqual([expect.stringMatching(/\/login\*$/)]);
}

/** Waits until the page shows a loaded document at `path` (the tab may be mid-navigation). */
async function landedOn(page: Page, path: string): Promise<void> {
  const where = () =>
    page
      .evaluate(() => (document.readyState === 'complete' ? location.pathname : null), undefined)
      .catch(() => null);
  await expect.poll(where, { timeout: 10_000 }).toBe(path);
}

/** Signs in to FrontDesk as a user would: the form, typed, sent with the button. */
async function signInToApp(browser: BrowserUnderTest, appUrl: string, login: string, password: string) {
  const page = await browser.newPage();
  await page.goto(`${appUrl}/login`);
  await page.getByLabel('Username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The right password goes on to the bookings; a wrong one answers the form again, with an alert.
  if (password === APP_PASSWORD) await landedOn(page, '/home');
  else
    await expect
      .poll(() =>
        page
          .locator('[role=alert]')
          .count()
          .catch(() => 0),
      )
      .toBe(1);
  return page;
}

describe.each(BROWSERS)(
  'journey: two receptionists sign in as "reception", and the owner sees one shared login, in %s',
  (browserName) => {
    let journey: BrowserJourney;
    let app: SignInApp;
    let server: Api;
    let ids: Record<string, string>;
    // Anna's and Ben's own browsers, and one that never joins.
    let anna: BrowserUnderTest;
    let ben: BrowserUnderTest;
    let visitor: BrowserUnderTest;
    const staff: BrowserUnderTest[] = [];
    const today = new Date().toISOString().slice(0, 10);

    /** Who the server holds as having signed in with each FrontDesk login. */
    async function observed(): Promise<Record<string, string[]>> {
      const [{ observations }, accounts] = await Promise.all([
        server(observationListSchema, 'GET', '/observations'),
        server(pageSchema(accountSchema), 'GET', '/accounts?limit=200'),
      ]);
      const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
      const byLogin: Record<string, string[]> = {};
      for (const o of observations) {
        const login = accounts.items.find((a) => a.id === o.accountId)?.username ?? o.accountId;
        byLogin[login] = [...(byLogin[login] ?? []), names[o.personId] ?? o.personId].sort();
      }
      return byLogin;
    }

    /** Another browser profile with Rollcall, closed after the journey. */
    async function startStaffBrowser(): Promise<BrowserUnderTest> {
      const browser = await staffBrowser(journey);
      staff.push(browser);
      return browser;
    }

    async function enrolmentCode(name: string): Promise<string> {
      const made = await server(createdEnrolmentSchema, 'POST', '/enrolments', { personId: ids[name] });
      return made.code;
    }

    /** The owner makes a join link for `name` on the console's Staff browsers screen. */
    async function joinLinkFromConsole(name: string): Promise<string> {
      const popup = await journey.openPopup();
      await signInFromPopup(popup, journey.worker.url, OWNER.email, OWNER.password);
      await popup.close();
      const consolePage = await journey.openPopup();
      await consolePage.setViewportSize({ width: 1280, height: 900 });
      await consolePage.goto(`${journey.extensionOrigin}/console.html#/enrolments`);
      const row = consolePage.locator('tr').filter({ hasText: name });
      await row.getByRole('button', { name: 'Make enrolment code' }).click();
      const link = await consolePage
        .getByLabel(`Join link for ${name}`)
        .evaluate((input) => (input as HTMLInputElement).value);
      await row.getByRole('button', { name: 'Copy link' }).waitFor();
      await screenshot(consolePage, 'journey-observations-join-link');
      await consolePage.close();
      return link;
    }

    /**
     * Joins with the link the admin handed over. In Chromium the link opens Rollcall's join screen,
     * filled in. In Firefox each installation has an address of its own, so the admin's link does
     * not open in another browser; pasted into the join screen, it fills the code and the address.
     */
    async function joinWithLink(browser: BrowserUnderTest, link: string, name: string) {
      const carried = readStaffJoinLink(link);
      if (!carried) throw new Error(`${link} is not a join link`);
      let popup: Page;
      if (browserName === 'chromium') {
        popup = await browser.newPage();
        await popup.goto(link);
      } else {
        popup = await browser.openPopup();
        await popup.getByText('Join as staff', { exact: true }).first().click();
        await popup.getByLabel('Enrolment code').fill(link);
      }
      const filledIn = (label: string) =>
        popup.getByLabel(label).evaluate((input) => (input as HTMLInputElement).value);
      expect(await filledIn('Enrolment code')).toBe(carried.code);
      expect(await filledIn('Your firm’s Rollcall address')).toBe(journey.worker.url);
      await screenshot(popup, 'journey-observations-join-from-link');
      await popup.getByRole('button', { name: 'Continue' }).click();
      await confirmJoin(popup, name);
    }

    beforeAll(async () => {
      journey = await startJourney(browserName, {
        site: async () => {
          app = await startSignInApp(APP_USERS, APP_PASSWORD);
          return app;
        },
      });
      await seedFirm(fetch, journey.worker.url, frontDeskFirm(app.url));
      server = await signInToApi(journey.worker.url, OWNER.email, OWNER.password);
      const people = await server(pageSchema(personSchema), 'GET', '/people?limit=200');
      ids = Object.fromEntries(people.items.map((p) => [p.name, p.id]));
      // The owner turns observations on (off until an owner does).
      const settings = await server(observationSettingsSchema, 'PUT', '/observations/settings', {
        enabled: true,
      });
      expect(settings.enabled).toBe(true);
      // The staff's browsers start here, not within the time limit of the steps that use them.
      anna = await startStaffBrowser();
      visitor = await startStaffBrowser();
      ben = await startStaffBrowser();
    }, PROFILES_HOOK_TIMEOUT);
    afterAll(async () => {
      for (const browser of staff) await browser.close();
      await journey?.close();
    });

    it('does not report a sign-in that failed, nor anything from a browser that never joined', async () => {
      const annaPopup = await joinAsStaff(anna, journey.worker.url, await enrolmentCode(ANNA), ANNA);
      await screenshot(annaPopup, 'journey-observations-staff-popup');

      // Anna mistypes the password of the old front-desk login: FrontDesk shows its form again.
      const failed = await signInToApp(anna, app.url, 'frontdesk', 'wrong password');
      expect(await failed.locator('[role=alert]').textContent()).toBe('The username or password is wrong.');
      await screenshot(failed, 'journey-observations-failed-sign-in');

      // A browser that never joined signs in as "reception" for real.
      await signInToApp(visitor, app.url, 'reception', APP_PASSWORD);

      // Ben joins and signs in as "reception": his sign-in reaches the server once he has left the
      // form, after the other two, so by then theirs would have arrived too.
      await joinWithLink(ben, await joinLinkFromConsole(BEN), BEN);
      const home = await signInToApp(ben, app.url, 'reception', APP_PASSWORD);
      expect(await home.getByRole('heading', { level: 1 }).textContent()).toBe('Today’s bookings');
      await expect.poll(observed, { timeout: 30_000 }).toEqual({ reception: [BEN] });
      expect(app.signIns).toEqual(['reception', 'reception']);
    });

    it('records Anna signing in as "reception" too, once a day however often she does', async () => {
      await signInToApp(anna, app.url, 'reception', APP_PASSWORD);
      await signInToApp(anna, app.url, 'RECEPTION', APP_PASSWORD);
      await expect.poll(observed, { timeout: 30_000 }).toEqual({ reception: [ANNA, BEN].sort() });

      const popup = await anna.openPopup();
      const own = popup.getByRole('list', { name: 'Your observed sign-ins' });
      await expect.poll(() => own.textContent()).toContain('FrontDesk: reception');
      expect(await own.getByRole('listitem').count()).toBe(1);
      await screenshot(popup, 'journey-observations-own-sign-ins');
    });

    it('shows the owner a shared login naming both receptionists, in the popup', async () => {
      const popup = await journey.openPopup();
      await expectSynced(popup);
      await openTab(popup, 'Findings');
      const title = '"reception" in FrontDesk is used by more than one person';
      await popup.getByText(title, { exact: true }).click();
      const finding = popup.getByRole('listitem').filter({ hasText: title });
      const evidence = await finding.locator('.evidence').textContent();
      expect(evidence).toContain(`2 people signed in with it`);
      // Each on the day they signed in: today, or a day later where the journey ran past midnight.
      const lastDay = new Date().toISOString().slice(0, 10);
      for (const person of [ANNA, BEN]) {
        const day = new RegExp(`${person} \\((\\d{4}-\\d{2}-\\d{2})\\)`).exec(evidence ?? '')?.[1] ?? '';
        expect([day >= today, day <= lastDay], `${person} (${day})`).toEqual([true, true]);
      }
      await screenshot(popup, 'journey-observations-shared-login-popup');
    });

    it('marks "reception" as shared on FrontDesk’s user list, naming both', async () => {
      const page = await journey.openPage('login');
      await page.getByLabel('Username').fill('olivia');
      await page.getByLabel('Password').fill(APP_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await landedOn(page, '/home');
      await page.goto(`${app.url}/admin/users`);
      await screenshot(page, 'journey-observations-user-list');
      // The row as FrontDesk lists it; the badges' tips in a row hold other logins' names too.
      const nth = APP_USERS.findIndex((u) => u.username === 'reception') + 1;
      const row = page.locator(`#users tbody tr:nth-child(${nth})`);
      await expect
        .poll(() => row.evaluate((tr) => tr.getAttribute('data-rollcall')), { timeout: 15_000 })
        .toContain('shared');
      const badge = row.locator('rollcall-marks').getByRole('button', { name: 'Shared' });
      await badge.evaluate((button) => (button as HTMLElement).focus());
      const tip = row
        .locator('rollcall-marks')
        .getByRole('tooltip', { name: /used by more than one person/ });
      await tip.waitFor();
      const text = await tip.textContent();
      expect(text).toContain(ANNA);
      expect(text).toContain(BEN);
      await screenshot(page, 'journey-observations-shared-login-page');
    });
  },
);
