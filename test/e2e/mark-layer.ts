import { expect } from 'vitest';
import type { Page } from './driver.ts';

/** A drawn group of a big list's badge layer, as the admin sees it. */
export interface DrawnGroup {
  login: string;
  /** The middle of the group is in the window. */
  inWindow: boolean;
  /** … over the row of its login. */
  over: boolean;
  /** … inside the scrolling box asked about (always, where none is). */
  inBox: boolean;
  /** … and the layer is what the page shows there (a box the list scrolls in hides it outside). */
  shows: boolean;
}

/**
 * Each drawn group of the `#staff` list's layer (the big-staff-list fixture: the login in the third
 * cell), read in the page; `box`, the selector of a box the list scrolls in.
 */
export function drawnGroups(page: Page, box: string | null = null): Promise<DrawnGroup[]> {
  return page.evaluate((boxSelector) => {
    const layer = document.querySelector('rollcall-layer');
    const boxRect = boxSelector ? document.querySelector(boxSelector)?.getBoundingClientRect() : null;
    const rowOf = new Map(
      [...document.querySelectorAll('#staff tbody tr')].map((row) => [
        row.querySelector('td:nth-child(3)')?.textContent ?? '',
        row,
      ]),
    );
    return [...(layer?.shadowRoot?.querySelectorAll('[role=group]') ?? [])].map((group) => {
      const login = (group.getAttribute('aria-label') ?? '').replace(/^Rollcall: /, '');
      const { left, top, width, height } = group.getBoundingClientRect();
      const x = left + width / 2;
      const y = top + height / 2;
      const row = rowOf.get(login)?.getBoundingClientRect();
      return {
        login,
        inWindow: y >= 0 && y <= window.innerHeight,
        over: !!row && y > row.top && y < row.bottom,
        inBox: !boxRect || (y > boxRect.top && y < boxRect.bottom),
        shows: document.elementFromPoint(x, y) === layer,
      };
    });
  }, box);
}

/**
 * Scrolls the box the `#staff` list is in down to a flagged row half way down the list; answers
 * that row's login.
 */
function scrollBoxToMiddleFlagged(page: Page, box: string): Promise<string> {
  return page.evaluate((boxSelector) => {
    const scroller = document.querySelector(boxSelector);
    const flagged = [...document.querySelectorAll<HTMLElement>('#staff tbody tr:not([data-rollcall=ok])')];
    const row = flagged[Math.floor(flagged.length / 2)];
    if (!scroller || !row) return '';
    scroller.scrollTop = row.offsetTop - 100;
    return row.querySelector('td:nth-child(3)')?.textContent ?? '';
  }, box);
}

/**
 * Scrolls the box the `#staff` list is in half way down, and checks what the admin sees: the
 * flagged row there has its badges over it, inside the box; every group in the box is over its row,
 * and the box hides every group outside it.
 */
export async function expectBadgesStayInBox(page: Page, box: string): Promise<void> {
  const login = await scrollBoxToMiddleFlagged(page, box);
  const inWindow = async () => (await drawnGroups(page, box)).filter((group) => group.inWindow);
  await expect
    .poll(async () => (await inWindow()).find((group) => group.login === login), { timeout: 10_000 })
    .toMatchObject({ inBox: true, over: true, shows: true });
  for (const { login: drawn, inBox, over, shows } of await inWindow()) {
    if (inBox) expect(over, drawn).toBe(true);
    else expect(shows, drawn).toBe(false);
  }
}
