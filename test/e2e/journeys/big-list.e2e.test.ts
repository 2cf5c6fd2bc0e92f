import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigStaffList, boxedStaffList } from '../../fixtures/big-staff-list.ts';
import { BROWSERS, type Page } from '../driver.ts';
import { screenshot, serveFolder } from '../harness.ts';
import { expectBadgesStayInBox } from '../mark-layer.ts';
import { addSystem, newFirmInConsole } from './console-pages.ts';
import { type BrowserJourney, type Site, startJourney } from './journey.ts';

/**
 * Journey, on the release build: a firm's practice-management system exports its whole staff list,
 * 5,000 logins, on one admin page, and the practice manager opens it at her own place in it (the
 * page scrolls itself to the 2,501st row). The rows in the window are marked and their badges drawn
 * while the rest of the list is still being read; then every row is marked and the banner counts
 * them all. Its other view holds the list in a panel that scrolls on its own: the badges go with
 * their rows as she scrolls it, and show only inside it.
 */

const ROWS = 5000;
const MIDDLE = 2500;
const PAGE = 'staff-export.html';
/** The same export in a panel of its own that scrolls. */
const PANEL_PAGE = 'staff-export-panel.html';

/**
 * The export page: the big staff list, scrolled to its middle as it loads. It records, in its own
 * script, what the admin would have seen when Rollcall's first badges went in: which rows were
 * marked then, and which logins had a badge.
 */
function exportPage(): string {
  const record = `<script>
window.firstDrawn = null;
new MutationObserver(() => {
  const layer = document.querySelector('rollcall-layer');
  if (window.firstDrawn || !layer) return;
  const login = (row) => row.cells[2].textContent;
  window.firstDrawn = {
    marked: [...document.querySelectorAll('#staff tbody tr[data-rollcall]')].map(login),
    badged: [...(layer.shadowRoot ? layer.shadowRoot.querySelectorAll('[aria-label]') : [])].map((group) =>
      group.getAttribute('aria-label').replace(/^Rollcall: /, ''),
    ),
  };
}).observe(document, { childList: true, subtree: true });
document.querySelectorAll('#staff tbody tr')[${MIDDLE}].scrollIntoView();
</script>`;
  return bigStaffList(ROWS).replace('</body>', `${record}</body>`);
}

/** The logins of the rows in the window now, and whether each is one the list flags as generic. */
const loginsInWindow = (page: Page) =>
  page.evaluate(
    () =>
      [...document.querySelectorAll('#staff tbody tr')]
        .filter((row) => {
          const { top, bottom } = row.getBoundingClientRect();
          return bottom > 0 && top < window.innerHeight;
        })
        .map((row) => ({
          login: (row as HTMLTableRowElement).cells[2]?.textContent ?? '',
          flagged: row.getAttribute('data-rollcall') !== 'ok',
        })),
    undefined,
  );

describe.each(BROWSERS)('journey: a 5,000-row staff list opened at its middle, in %s', (browserName) => {
  let journey: BrowserJourney;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rollcall-staff-export-'));
    writeFileSync(join(folder, PAGE), exportPage());
    writeFileSync(join(folder, PANEL_PAGE), boxedStaffList(ROWS));
    const site = (): Promise<Site> => serveFolder(folder);
    journey = await startJourney(browserName, { site });
  });
  afterAll(async () => {
    await journey?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('adds the system whose admin pages hold the export', async () => {
    const { console, server } = await newFirmInConsole(journey, 'Harbour & Finch Lawyers');
    await addSystem(console, server, { name: 'LexOffice', adminPages: `${journey.pages.url}/staff-export*` });
    await console.close();
  });

  it('marks the rows in the window and draws their badges first, then every row of the list', async () => {
    const page = await journey.openPage(PAGE);
    await expect
      .poll(() => page.locator('#staff tbody tr[data-rollcall]').count(), { timeout: 30_000 })
      .toBe(ROWS);
    const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
    await expect.poll(() => banner.textContent()).toContain(`checked ${ROWS} logins`);

    const shown = await loginsInWindow(page);
    expect(shown.length).toBeGreaterThan(20);
    // The page still shows its middle: the 2,501st row is on screen.
    expect(shown.map((row) => row.login)).toContain('amy.nguyen2500');
    const flagged = shown.filter((row) => row.flagged).map((row) => row.login);
    expect(flagged.length).toBeGreaterThan(0);
    const first = await page.evaluate(
      () => (window as unknown as { firstDrawn: { marked: string[]; badged: string[] } | null }).firstDrawn,
      undefined,
    );
    // When the first badges went in, the rows marked were the window's, and only those: the other
    // 4,950-odd were still to come.
    expect(first?.marked.sort()).toEqual(shown.map((row) => row.login).sort());
    expect(first?.badged).toEqual(expect.arrayContaining(flagged));

    // Every badge stays within its login's cell, over none of the next cell's text: where a row's
    // badges would not fit, they are dots, each still named for what it says.
    const groups = await page.evaluate(() => {
      const cells = new Map(
        [...document.querySelectorAll('#staff tbody tr')].map((row) => {
          const cell = (row as HTMLTableRowElement).cells[2] as HTMLTableCellElement;
          return [cell.textContent ?? '', cell];
        }),
      );
      const layer = document.querySelector('rollcall-layer');
      return [...(layer?.shadowRoot?.querySelectorAll('[role=group]') ?? [])].map((group) => {
        const login = (group.getAttribute('aria-label') ?? '').replace(/^Rollcall: /, '');
        return {
          login,
          right: group.getBoundingClientRect().right,
          cellRight: cells.get(login)?.getBoundingClientRect().right ?? 0,
          // The badges (a tip's "Open in Rollcall" is a button too, inside the tip).
          labels: [...group.querySelectorAll(':scope > button')].map((badge) => badge.textContent),
        };
      });
    }, undefined);
    expect(groups.map((group) => group.login)).toEqual(expect.arrayContaining(flagged));
    for (const { login, right, cellRight } of groups)
      expect(right, login).toBeLessThanOrEqual(cellRight + 0.5);
    // The firm has not synced the list yet: what the page alone tells, and a sync asked for.
    expect(groups.find((group) => group.login === 'bookings2516')?.labels).toEqual(['Generic']);
    expect(await banner.textContent()).toContain('This system’s logins are not in Rollcall yet.');
    await screenshot(page, 'journey-big-list-middle-marked', { fullPage: false });
    await page.close();
  });

  it('keeps the badges on their rows, and inside the panel, as she scrolls the list in its panel', async () => {
    const page = await journey.openPage(PANEL_PAGE);
    await expect
      .poll(() => page.locator('#staff tbody tr[data-rollcall]').count(), { timeout: 30_000 })
      .toBe(ROWS);
    await expectBadgesStayInBox(page, '#box');
    await screenshot(page, 'journey-big-list-panel-scrolled', { fullPage: false });
    await page.close();
  });
});
