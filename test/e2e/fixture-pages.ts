import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { FIXTURES, fixtureLabels, JUDGED_FIXTURES } from '../fixtures/fixture-pages.ts';
import type { PageFrame as AnyPage } from './driver.ts';

/** The committed fixture pages and their labels, and reading the verdicts the extension left on them. */

export { FIXTURES, fixtureLabels as labelsOf, JUDGED_FIXTURES };
export type PageName = string;

/** Where a fixture's user rows are and which part of a row holds the login, as the page's maker built it. */
export function selectorsOf(name: PageName): { rows: string; login: string } {
  const { rowSelector, loginSelector } = fixtureLabels(name).userList;
  return { rows: rowSelector, login: loginSelector };
}

/** login → data-rollcall of every user row the page shows now (null where the row is unmarked). */
export async function verdicts(page: AnyPage, name: PageName): Promise<Record<string, string | null>> {
  const { rows, login } = selectorsOf(name);
  return page.evaluate(
    ({ rows, login }) =>
      Object.fromEntries(
        [...document.querySelectorAll(rows)].map((row) => [
          row.querySelector(login)?.textContent?.trim() ?? '',
          row.getAttribute('data-rollcall'),
        ]),
      ),
    { rows, login },
  );
}

/** Waits until every user row on the page is marked, then answers its verdicts. */
export async function markedVerdicts(
  page: AnyPage,
  name: PageName,
  timeout = 10_000,
): Promise<Record<string, string | null>> {
  await expect
    .poll(
      async () => {
        const marks = Object.values(await verdicts(page, name));
        return marks.length > 0 && marks.every((kinds) => kinds !== null);
      },
      { timeout },
    )
    .toBe(true);
  return verdicts(page, name);
}

const sorted = (kinds: string | null | undefined) => (kinds ?? '').split(' ').sort().join(' ');

/**
 * Waits until every user row on the page is marked, then checks each against the labels (signed out
 * by default); answers how many rows the page shows.
 */
export async function expectRowsMatchLabels(
  page: AnyPage,
  name: PageName,
  signed: 'signedOut' | 'signedIn' = 'signedOut',
): Promise<number> {
  const expected = new Map(fixtureLabels(name).rows.map((row) => [row.username, row[signed]]));
  const onPage = await markedVerdicts(page, name);
  expect(Object.keys(onPage).length).toBeGreaterThan(0);
  for (const [login, kinds] of Object.entries(onPage)) {
    expect(expected.has(login), `${login} is a labelled row`).toBe(true);
    expect(sorted(kinds), login).toBe(sorted(expected.get(login)));
  }
  // Rows, not logins: one login may have several rows (phpMyAdmin lists a login once per host).
  return page.evaluate((rows) => document.querySelectorAll(rows).length, selectorsOf(name).rows);
}

/**
 * Checks each page of a paged list in turn (the single-page app's; the other fixtures show every row
 * at once); answers the rows seen in all.
 */
export async function everyPageOf(page: Page, check: () => Promise<number>): Promise<number> {
  const next = page.locator('#next-page');
  let seen = await check();
  while ((await next.count()) > 0 && (await next.isEnabled())) {
    const before = await page.textContent('#page-info');
    await next.click();
    await expect.poll(() => page.textContent('#page-info')).not.toBe(before);
    seen += await check();
  }
  return seen;
}

/** The logins whose badges reach out of their cell: cut off, or over the next column. */
export function badgesOutsideTheirCells(page: Page, name: PageName): Promise<string[]> {
  const { rows, login } = selectorsOf(name);
  return page.evaluate(
    ({ rows, login }) =>
      [...document.querySelectorAll(rows)].flatMap((row) => {
        const cell = row.querySelector(login);
        const marks = cell?.querySelector('rollcall-marks');
        if (!cell || !marks) return [];
        const outer = cell.getBoundingClientRect();
        const inner = marks.getBoundingClientRect();
        const inside = inner.left >= outer.left - 1 && inner.right <= outer.right + 1;
        return inside ? [] : [cell.textContent?.trim() ?? ''];
      }),
    { rows, login },
  );
}

/** The user rows of a fixture page that hold a login. */
export function rowsHolding(page: Page, name: PageName, login: string): Locator {
  const { rows, login: cell } = selectorsOf(name);
  return page.locator(rows).filter({ has: page.locator(cell, { hasText: login }) });
}

/**
 * The web-component fixture (written by hand, no labels: its list is two shadow roots deep, where
 * the labelled fixtures' selectors do not reach): each row's login and verdict, and what each
 * should be, signed out.
 */
export const WEB_COMPONENTS = 'clinic-web-components';
export const WEB_COMPONENT_VERDICTS = {
  mwong: 'ok',
  jalvarez: 'ok',
  reception: 'generic',
  frontdesk2: 'generic',
  admin: 'default',
  tokafor: 'ok',
  samkim: 'shared',
  test: 'default',
  hpatel: 'ok',
};
export function componentVerdicts(page: AnyPage): Promise<Record<string, string | null>> {
  return page.evaluate(() => {
    const list = document.querySelector('clinic-app')?.shadowRoot?.querySelector('staff-list')?.shadowRoot;
    return Object.fromEntries(
      [...(list?.querySelectorAll('tbody tr') ?? [])].map((row) => [
        row.querySelector('td')?.textContent?.trim() ?? '',
        row.getAttribute('data-rollcall'),
      ]),
    );
  }, null);
}
