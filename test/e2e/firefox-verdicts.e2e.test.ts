import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserUnderTest, Page } from './driver.ts';
import { FIREFOX_DEV_EXTENSION_DIR } from './firefox.ts';
import {
  componentVerdicts,
  FIXTURES,
  markedVerdicts,
  type PageName,
  WEB_COMPONENT_VERDICTS,
  WEB_COMPONENTS,
} from './fixture-pages.ts';
import {
  EXTENSION_DIR,
  launchBrowserWithExtension,
  type StaticServer,
  screenshot,
  serveFolder,
} from './harness.ts';

/**
 * The in-page warnings read and judge a page the same in Firefox as in Chromium: every committed
 * fixture page, opened signed out in both, gets the same `data-rollcall` verdict on every user row.
 */
describe('in-page warnings in Firefox equal Chromium’s', () => {
  let chromium: BrowserUnderTest;
  let firefox: BrowserUnderTest;
  let pages: StaticServer;

  beforeAll(async () => {
    [chromium, firefox, pages] = await Promise.all([
      launchBrowserWithExtension('chromium', { extensionDir: EXTENSION_DIR }),
      launchBrowserWithExtension('firefox', { extensionDir: FIREFOX_DEV_EXTENSION_DIR }),
      serveFolder('test/fixtures/pages'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([chromium?.close(), firefox?.close(), pages?.close()]);
  });

  /** The page's verdicts once every user row it shows is marked. */
  async function markedRows(
    browser: BrowserUnderTest,
    name: PageName,
  ): Promise<{ page: Page; marks: object }> {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${pages.url}/${name}.html`);
    return { page, marks: await markedVerdicts(page, name, 15_000) };
  }

  for (const name of FIXTURES) {
    it(`marks every row of ${name} as Chromium does`, async () => {
      const [inChromium, inFirefox] = await Promise.all([
        markedRows(chromium, name),
        markedRows(firefox, name),
      ]);
      expect(Object.keys(inFirefox.marks).length).toBeGreaterThan(0);
      expect(inFirefox.marks).toEqual(inChromium.marks);
      await screenshot(inFirefox.page, `in-page-${name}`);
      await Promise.all([inChromium.page.close(), inFirefox.page.close()]);
    });
  }

  it('marks the list a web-component app draws in its shadow roots as Chromium does', async () => {
    const open = async (browser: BrowserUnderTest) => {
      const page = await browser.newPage();
      await page.goto(`${pages.url}/${WEB_COMPONENTS}.html`);
      await expect.poll(() => componentVerdicts(page), { timeout: 15_000 }).toEqual(WEB_COMPONENT_VERDICTS);
      return page;
    };
    const [inChromium, inFirefox] = await Promise.all([open(chromium), open(firefox)]);
    await screenshot(inFirefox, 'in-page-web-components');
    await Promise.all([inChromium.close(), inFirefox.close()]);
  });
});
