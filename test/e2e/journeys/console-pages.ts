import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../harness.ts';
import type { Journey } from './journey.ts';

/** Opens the console from the popup's "Open console", in a tab of its own at desktop width. */
export async function openConsoleFromPopup(journey: Journey, popup: Page): Promise<Page> {
  const opened = journey.browser.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Open console' }).click();
  const page = await opened;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForLoadState();
  return page;
}

/** Goes to a screen of the console from its navigation, keyboard first: focus the link, press Enter. */
export async function goTo(page: Page, label: string): Promise<void> {
  const link = page
    .getByRole('navigation', { name: 'Console' })
    .getByRole('link', { name: label, exact: true });
  await link.focus();
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
  await popup.getByLabel('Owners and admins sign in with two steps').uncheck();
  await popup.getByRole('button', { name: 'Create firm and sign in' }).click();
}

/**
 * Captures a system's user list from its admin page as the admin does, with the banner's "Sync this
 * list to Rollcall"; `complete` when the admin ticks that the page shows every user, so a login
 * missing from it is marked removed. Answers the banner's "Synced: …" line.
 */
export async function captureUserList(
  journey: Journey,
  path: string,
  { complete = false } = {},
): Promise<string> {
  const page = await journey.openPage(path);
  const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
  if (complete) await banner.getByRole('checkbox', { name: /shows every user/ }).check({ timeout: 15_000 });
  await banner.getByRole('button', { name: 'Sync this list to Rollcall' }).click({ timeout: 15_000 });
  const status = banner.getByRole('status');
  await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Synced/);
  const said = (await status.textContent()) ?? '';
  await page.close();
  return said;
}
