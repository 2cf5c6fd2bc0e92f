import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import { expect } from 'vitest';
import { systemSchema } from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import type { Locator, Page } from '../driver.ts';
import type { FirefoxUnderTest } from '../firefox.ts';
import { screenshot } from '../harness.ts';
import { type Api, type BrowserJourney, expectSynced, signInToApi } from './journey.ts';

/** The owner of the firm the console's journeys make. */
export const OWNER = {
  name: 'Deepa Patel',
  email: 'deepa@harbourtravel.test',
  password: 'tidal shelf copper lantern',
};

/** Opens the console from the popup's "Open console", in a tab of its own at desktop width. */
export async function openConsoleFromPopup(journey: BrowserJourney, popup: Page): Promise<Page> {
  const opened = journey.nextPage();
  await popup.getByRole('button', { name: 'Open console' }).click();
  const page = await opened;
  await page.setViewportSize({ width: 1280, height: 900 });
  return page;
}

/** Goes to a screen of the console from its navigation, keyboard first: focus the link, press Enter. */
export async function goTo(page: Page, label: string): Promise<void> {
  const link = page
    .getByRole('navigation', { name: 'Console' })
    .getByRole('link', { name: label, exact: true });
  await link.evaluate((element) => (element as HTMLElement).focus());
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: label }).first().waitFor();
}

/** The screen as it is now, at 1,280 px and at 360 px wide, kept as test artefacts. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, `console-${name}-1280`);
  await page.setViewportSize({ width: 360, height: 780 });
  await screenshot(page, `console-${name}-360`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Whether a checkbox is ticked. */
export const isChecked = (box: Locator): Promise<boolean> =>
  box.evaluate((element) => (element as HTMLInputElement).checked);

/** Ticks a checkbox (or unticks it) with a click, unless it already is as wanted. */
export async function setChecked(box: Locator, checked = true): Promise<void> {
  await box.waitFor({ timeout: 15_000 });
  if ((await isChecked(box)) !== checked) await box.click();
}

/** The text of each element a locator finds. */
export const textsOf = (locator: Locator): Promise<string[]> =>
  locator.evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));

/** What a form field holds. */
export const fieldValue = (field: Locator): Promise<string> =>
  field.evaluate((element) => (element as HTMLInputElement).value);

/**
 * Makes a new firm from the popup's "Create a firm" and signs its owner in. Two-step sign-in is
 * turned off: it has a journey of its own (two-factor.e2e.test.ts).
 */
export async function createFirmInPopup(
  popup: Page,
  serverUrl: string,
  firm: string,
  owner: { name: string; email: string; password: string },
): Promise<void> {
  await popup.getByRole('button', { name: 'Create a firm' }).click();
  await popup.getByLabel('Server').fill(serverUrl);
  await popup.getByLabel('Firm name').fill(firm);
  await popup.getByLabel('Your name').fill(owner.name);
  await popup.getByLabel('Email').fill(owner.email);
  await popup.getByLabel('Password').fill(owner.password);
  await setChecked(popup.getByLabel('Owners and admins sign in with two steps'), false);
  await popup.getByRole('button', { name: 'Create firm and sign in' }).click();
}

/**
 * A new firm made in the popup (createFirmInPopup), its console opened from the popup once synced.
 * Answers the console and the same firm through the API.
 */
export async function newFirmInConsole(
  journey: BrowserJourney,
  firm: string,
  owner: { name: string; email: string; password: string } = OWNER,
): Promise<{ console: Page; server: Api }> {
  const popup = await journey.openPopup();
  await createFirmInPopup(popup, journey.worker.url, firm, owner);
  await expectSynced(popup);
  const server = await signInToApi(journey.worker.url, owner.email, owner.password);
  const console = await openConsoleFromPopup(journey, popup);
  expect(console.url()).toBe(`${journey.extensionOrigin}/console.html`);
  await popup.close();
  await console.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
  expect(await console.locator('header').textContent()).toContain(firm);
  return { console, server };
}

/**
 * Adds a system from the console's Systems screen: its name, admin pages and, if given, the address
 * of one login's page; `more` fills in the rest of the form before it is sent. Answers once the
 * server has it.
 */
export async function addSystem(
  console: Page,
  server: Api,
  system: { name: string; adminPages: string; userPage?: string },
  more: () => Promise<void> = async () => undefined,
): Promise<void> {
  await goTo(console, 'Systems');
  await console.getByRole('link', { name: 'Add a system' }).click();
  await console.getByLabel('Name', { exact: true }).fill(system.name);
  await console.getByLabel(/^Admin pages/).fill(system.adminPages);
  if (system.userPage) await console.getByLabel(/^A login’s page/).fill(system.userPage);
  await more();
  await console.getByRole('button', { name: 'Add system' }).click();
  await console.getByRole('heading', { level: 2, name: system.name }).waitFor();
  await expect
    .poll(async () => (await server(pageSchema(systemSchema), 'GET', '/systems')).items.map((s) => s.name), {
      timeout: 15_000,
    })
    .toContain(system.name);
}

/**
 * Captures a system's user list from its admin page as the admin does, with the banner's "Sync this
 * list to Rollcall"; `complete` when the admin ticks that the page shows every user, so a login
 * missing from it is marked removed. Answers the banner's "Synced: …" line.
 */
export async function captureUserList(
  journey: BrowserJourney,
  path: string,
  { complete = false } = {},
): Promise<string> {
  const page = await journey.openPage(path);
  const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
  if (complete) await setChecked(banner.getByRole('checkbox', { name: /shows every user/ }));
  const sync = banner.getByRole('button', { name: 'Sync this list to Rollcall' });
  await sync.waitFor({ timeout: 15_000 });
  await sync.click();
  const status = banner.getByRole('status');
  await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Synced/);
  const said = (await status.textContent()) ?? '';
  await page.close();
  return said;
}

/**
 * What `press` makes the browser save as a download: its file name and its text. In Chromium,
 * Playwright's download; in Firefox, the file that lands in the profile's downloads folder.
 */
export async function downloaded(
  journey: BrowserJourney,
  page: Page,
  press: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  if (journey.browserName === 'chromium') {
    const [download] = await Promise.all([(page as PlaywrightPage).waitForEvent('download'), press()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  }
  const { downloadsDir } = (journey as BrowserJourney & { browser: FirefoxUnderTest }).browser;
  const before = new Set(readdirSync(downloadsDir));
  await press();
  let name = '';
  await expect
    .poll(
      () => {
        const files = readdirSync(downloadsDir);
        // Firefox makes <name> empty and writes <name>.part, then moves it into place when whole.
        const added = files.filter((file) => !before.has(file) && !file.endsWith('.part'));
        const [file] = added;
        const whole =
          added.length === 1 &&
          file &&
          !files.includes(`${file}.part`) &&
          statSync(join(downloadsDir, file)).size > 0;
        name = whole ? file : '';
        return name;
      },
      { timeout: 15_000 },
    )
    .not.toBe('');
  return { name, text: readFileSync(join(downloadsDir, name), 'utf8') };
}
