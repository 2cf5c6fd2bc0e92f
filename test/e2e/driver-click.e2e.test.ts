import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, type BrowserUnderTest } from './driver.ts';
import { FIREFOX_RELEASE_EXTENSION_DIR } from './firefox.ts';
import { launchBrowserWithExtension, RELEASE_EXTENSION_DIR } from './harness.ts';

/**
 * Two buttons one above the other, and a status line that appears above them just as the pointer
 * arrives, as a popup's server line does when the check answers late: everything below it moves
 * down by one button, so the point where "Join as staff" was drawn is now "Sign in"'s.
 */
const SHIFTING_PAGE = `data:text/html;charset=utf-8,${encodeURIComponent(`<!doctype html>
<title>A line that comes late</title>
<style>
  body { margin: 0; font: 16px sans-serif; }
  p, button { display: block; box-sizing: border-box; width: 200px; height: 40px; margin: 0; }
  [hidden] { display: none; }
</style>
<p id="late" hidden>Connected to the server</p>
<button type="button">Sign in</button>
<button type="button">Join as staff</button>
<output id="pressed"></output>
<script>
  for (const button of document.querySelectorAll('button'))
    button.addEventListener('click', () => { pressed.textContent += button.textContent + ';'; });
  addEventListener('mousemove', () => { late.hidden = false; }, { once: true });
</script>`)}`;

describe.each(BROWSERS)('the driver’s click, in %s', (browserName) => {
  let browser: BrowserUnderTest;

  beforeAll(async () => {
    browser = await launchBrowserWithExtension(browserName, {
      extensionDir: browserName === 'firefox' ? FIREFOX_RELEASE_EXTENSION_DIR : RELEASE_EXTENSION_DIR,
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lands on the button it was asked for when the page moves it as the click is sent', async () => {
    const page = await browser.newPage();
    await page.goto(SHIFTING_PAGE);
    await page.getByRole('button', { name: 'Join as staff' }).click();
    await page.getByText('Connected to the server').waitFor();
    expect(await page.locator('#pressed').textContent()).toBe('Join as staff;');
  });
});
