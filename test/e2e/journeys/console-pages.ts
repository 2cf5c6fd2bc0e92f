import type { Page } from 'playwright-core';
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
