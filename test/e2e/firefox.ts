import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, {
  type Browser,
  type KeyInput,
  type Frame as PuppeteerFrame,
  type Page as PuppeteerPage,
  type Target,
} from 'puppeteer-core';
import { findFirefox, NO_FIREFOX } from '../../scripts/find-firefox.ts';
import {
  ACTION_TIMEOUT,
  type BrowserUnderTest,
  type Locator,
  type Page,
  type PageFrame,
  POPUP_DRAWN,
  type Queries,
  type Role,
  type TextMatch,
} from './driver.ts';
import { LOCATE_IN_PAGE, matcherOf, type Step } from './locate-in-page.ts';

/** The Firefox build as it ships: `wxt build -b firefox`. */
export const FIREFOX_RELEASE_EXTENSION_DIR = resolve('.output/firefox-mv2');
/** The Firefox build that also watches 127.0.0.1 pages: `ROLLCALL_DEV_PAGES=1 wxt build -b firefox`. */
export const FIREFOX_DEV_EXTENSION_DIR = resolve('.output/dev/firefox-mv2');

const POLL_MS = 50;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A document the journeys act in: the page's own, or a frame's in it. */
interface FirefoxDocument {
  /** Runs a function body in the document and answers what it returns (awaited). */
  inPage<R>(body: string): Promise<R>;
  /** A real pointer click at a point of the document's window, in the tab in front. */
  clickAt(point: { x: number; y: number }): Promise<void>;
}

class FirefoxLocator implements Locator {
  private readonly page: FirefoxDocument;
  private readonly steps: Step[];

  constructor(page: FirefoxDocument, steps: Step[]) {
    this.page = page;
    this.steps = steps;
  }

  private with(next: Step): FirefoxLocator {
    return new FirefoxLocator(this.page, [...this.steps, next]);
  }

  locator(selector: string): Locator {
    // The one XPath the journeys use: the element's parent.
    return this.with(selector === 'xpath=..' ? { kind: 'parent' } : { kind: 'css', selector });
  }
  getByRole(role: Role, options: { name?: TextMatch; exact?: boolean; level?: number } = {}): Locator {
    const name = options.name === undefined ? undefined : matcherOf(options.name);
    return this.with({ kind: 'role', role, name, exact: options.exact, level: options.level });
  }
  getByLabel(text: TextMatch, options: { exact?: boolean } = {}): Locator {
    return this.with({ kind: 'label', text: matcherOf(text), exact: options.exact });
  }
  getByText(text: TextMatch, options: { exact?: boolean } = {}): Locator {
    return this.with({ kind: 'text', text: matcherOf(text), exact: options.exact });
  }
  getByTestId(testId: string): Locator {
    return this.with({ kind: 'css', selector: `[data-testid=${JSON.stringify(testId)}]` });
  }
  filter({ hasText }: { hasText: TextMatch }): Locator {
    return this.with({ kind: 'hasText', text: matcherOf(hasText) });
  }
  first(): Locator {
    return this.nth(0);
  }
  nth(index: number): Locator {
    return this.with({ kind: 'nth', index });
  }

  /** Runs `body` in the page with `found` bound to this locator's elements. */
  private run<R>(body: string, arg?: unknown): Promise<R> {
    return this.page.inPage<R>(
      `${LOCATE_IN_PAGE}\nconst found = locate(${JSON.stringify(this.steps)});\nconst arg = ${JSON.stringify(arg ?? null)};\n${body}`,
    );
  }

  /**
   * Waits until exactly one element matches and is visible (and enabled, if asked), as Playwright's
   * actions do; more than one match is an error at once.
   */
  private async one(options: { enabled?: boolean; timeout?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeout ?? ACTION_TIMEOUT);
    let last = 'no element matches';
    while (Date.now() < deadline) {
      const seen = await this.run<{ count: number; visible?: boolean; enabled?: boolean }>(
        'return found.length === 1 ? { count: 1, ...state(found[0]) } : { count: found.length };',
      );
      if (seen.count > 1) throw new Error(`strict mode: ${seen.count} elements match ${this.describe()}`);
      if (seen.count === 1 && seen.visible && (!options.enabled || seen.enabled)) return;
      last = seen.count === 0 ? 'no element matches' : seen.visible ? 'it is disabled' : 'it is not visible';
      await sleep(POLL_MS);
    }
    throw new Error(`Timed out waiting for ${this.describe()}: ${last}`);
  }

  private describe(): string {
    return JSON.stringify(this.steps);
  }

  count(): Promise<number> {
    return this.run('return found.length;');
  }
  async textContent(): Promise<string | null> {
    const deadline = Date.now() + ACTION_TIMEOUT;
    for (;;) {
      const seen = await this.run<{ count: number; text?: string | null }>(
        'return found.length === 1 ? { count: 1, text: found[0].textContent } : { count: found.length };',
      );
      if (seen.count > 1) throw new Error(`strict mode: ${seen.count} elements match ${this.describe()}`);
      if (seen.count === 1) return seen.text ?? null;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${this.describe()}`);
      await sleep(POLL_MS);
    }
  }
  /**
   * Clicks as Playwright does: once the element is visible, enabled, in the same place over two
   * animation frames and not covered, a real pointer click (the user's gesture that
   * permissions.request needs) at its middle. Content that appears late can still move it between
   * the aim and the click; a click that lands on anything else is caught before the page sees it,
   * and the click aims again.
   */
  async click(): Promise<void> {
    const deadline = Date.now() + ACTION_TIMEOUT;
    for (;;) {
      await this.one({ enabled: true, timeout: Math.max(deadline - Date.now(), 1) });
      const aim = await this.run<{ x: number; y: number } | { miss: string }>('return aim(found[0]);');
      const miss = 'miss' in aim ? aim.miss : await this.clickAt(aim);
      if (miss === null) return;
      if (Date.now() > deadline) throw new Error(`Timed out clicking ${this.describe()}: ${miss}`);
      await sleep(POLL_MS);
    }
  }
  /** Clicks at `point`; answers what received the click instead of the element aimed at, if anything did. */
  private async clickAt(point: { x: number; y: number }): Promise<string | null> {
    await this.page.clickAt(point);
    // A click that navigates or closes the page leaves no document to ask: it landed.
    return this.page.inPage<string | null>(`${LOCATE_IN_PAGE}\nreturn landing();`).catch(() => null);
  }
  async fill(value: string): Promise<void> {
    await this.one({ enabled: true });
    await this.run(
      `const el = found[0]; el.focus(); el.value = arg;
       el.dispatchEvent(new Event('input', { bubbles: true }));`,
      value,
    );
  }
  async selectOption({ label }: { label: string }): Promise<unknown> {
    await this.one({ enabled: true });
    const value = await this.run<string | null>(
      `const el = found[0];
       const option = [...el.options].find((o) => o.label === arg || o.textContent.trim() === arg);
       if (!option) return null;
       el.value = option.value;
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));
       return option.value;`,
      label,
    );
    if (value === null) throw new Error(`No option "${label}" in ${this.describe()}`);
    return [value];
  }
  waitFor(options: { timeout?: number } = {}): Promise<void> {
    return this.waitForVisible(options.timeout ?? ACTION_TIMEOUT);
  }
  private async waitForVisible(timeout: number): Promise<void> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if (await this.run<boolean>('return found.length > 0 && state(found[0]).visible;')) return;
      await sleep(POLL_MS);
    }
    throw new Error(`Timed out after ${timeout} ms waiting for ${this.describe()}`);
  }
  async evaluate<R>(pageFunction: (element: Element) => R): Promise<R> {
    await this.one();
    return this.run<R>(`return (${pageFunction.toString()})(found[0]);`);
  }
  evaluateAll<R>(pageFunction: (elements: Element[]) => R): Promise<R> {
    return this.run<R>(`return (${pageFunction.toString()})(found);`);
  }
}

/** What finds elements in a document: its root locator's queries. */
abstract class FirefoxQueries implements Queries, FirefoxDocument {
  abstract inPage<R>(body: string): Promise<R>;
  abstract clickAt(point: { x: number; y: number }): Promise<void>;
  private root(): FirefoxLocator {
    return new FirefoxLocator(this, []);
  }
  locator(selector: string): Locator {
    return this.root().locator(selector);
  }
  getByRole(role: Role, options?: { name?: TextMatch; exact?: boolean; level?: number }): Locator {
    return this.root().getByRole(role, options);
  }
  getByLabel(text: TextMatch, options?: { exact?: boolean }): Locator {
    return this.root().getByLabel(text, options);
  }
  getByText(text: TextMatch, options?: { exact?: boolean }): Locator {
    return this.root().getByText(text, options);
  }
  getByTestId(testId: string): Locator {
    return this.root().getByTestId(testId);
  }
}

/**
 * A frame of a page, found by its name each time it is used (a frame the page makes later, or
 * makes again, is the one acted in). Clicks land at the frame's point in the page's window.
 */
class FirefoxFrame extends FirefoxQueries implements PageFrame {
  private readonly page: FirefoxPage;
  private readonly selector: string;

  constructor(page: FirefoxPage, name: string) {
    super();
    this.page = page;
    this.selector = `iframe[name=${JSON.stringify(name)}], frame[name=${JSON.stringify(name)}]`;
  }

  private async frame(): Promise<PuppeteerFrame> {
    const deadline = Date.now() + ACTION_TIMEOUT;
    for (;;) {
      const frame = await (await this.page.puppeteer.$(this.selector))?.contentFrame();
      if (frame) return frame;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the frame ${this.selector}`);
      await sleep(POLL_MS);
    }
  }
  async inPage<R>(body: string): Promise<R> {
    return (await this.frame()).evaluate(`(async () => {\n${body}\n})()`) as Promise<R>;
  }
  async evaluate<R, Arg>(pageFunction: (arg: Arg) => R | Promise<R>, arg: Arg): Promise<R> {
    return (await this.frame()).evaluate(pageFunction as (arg: unknown) => R, arg) as Promise<R>;
  }
  /** The frame's point in the page's window: where its content box starts, plus the point. */
  async clickAt(point: { x: number; y: number }): Promise<void> {
    const origin = await this.page.inPage<{ x: number; y: number }>(
      `const frame = document.querySelector(${JSON.stringify(this.selector)});
       const box = frame.getBoundingClientRect();
       const style = getComputedStyle(frame);
       return { x: box.left + frame.clientLeft + parseFloat(style.paddingLeft),
                y: box.top + frame.clientTop + parseFloat(style.paddingTop) };`,
    );
    await this.page.clickAt({ x: origin.x + point.x, y: origin.y + point.y });
  }
}

export class FirefoxPage extends FirefoxQueries implements Page {
  private lastUrl = 'about:blank';
  readonly puppeteer: PuppeteerPage;

  constructor(page: PuppeteerPage) {
    super();
    this.puppeteer = page;
  }

  inPage<R>(body: string): Promise<R> {
    return this.puppeteer.evaluate(`(async () => {\n${body}\n})()`) as Promise<R>;
  }
  async clickAt(point: { x: number; y: number }): Promise<void> {
    // A user clicks in the tab in front; one behind draws no frames and runs its timers once a second.
    await this.puppeteer.bringToFront();
    await this.puppeteer.mouse.click(point.x, point.y);
  }
  frame(name: string): PageFrame {
    return new FirefoxFrame(this, name);
  }
  evaluate<R, Arg>(pageFunction: (arg: Arg) => R | Promise<R>, arg: Arg): Promise<R> {
    return this.puppeteer.evaluate(pageFunction as (arg: unknown) => R, arg) as Promise<R>;
  }

  async goto(url: string): Promise<void> {
    if (!url.startsWith('moz-extension:')) {
      await this.puppeteer.goto(url);
      this.lastUrl = url;
      return;
    }
    // Firefox moves an extension page to the extension's process, and Puppeteer loses the
    // navigation's end there: start it, then wait for the page itself to say it has loaded.
    this.puppeteer.goto(url, { timeout: ACTION_TIMEOUT }).catch(() => undefined);
    await this.settle((href) => href === url);
  }

  /** Waits until the page shows a loaded document whose address passes `ready`. */
  async settle(ready: (href: string) => boolean): Promise<void> {
    const deadline = Date.now() + ACTION_TIMEOUT;
    while (Date.now() < deadline) {
      const seen = await this.inPage<{ href: string; state: string }>(
        'return { href: location.href, state: document.readyState };',
      ).catch(() => null);
      if (seen && seen.state === 'complete' && ready(seen.href)) {
        this.lastUrl = seen.href;
        return;
      }
      await sleep(POLL_MS);
    }
    throw new Error(`Timed out waiting for the page to load (last at ${this.lastUrl})`);
  }

  async reload(): Promise<void> {
    await this.puppeteer.reload();
  }
  url(): string {
    return this.lastUrl;
  }
  async close(): Promise<void> {
    await this.puppeteer.close();
  }
  async setViewportSize(size: { width: number; height: number }): Promise<void> {
    // Puppeteer's setViewport also sends the screen's orientation, a command Firefox knows only from
    // 141 on; Firefox 140 (the extended-support release Debian ships) is sized by WebDriver BiDi's
    // own command, which both know.
    const frame = this.puppeteer.mainFrame() as unknown as {
      browsingContext: {
        setViewport(options: { viewport: { width: number; height: number } }): Promise<void>;
      };
    };
    await frame.browsingContext.setViewport({ viewport: size });
  }
  async screenshot(options: { path: string; fullPage?: boolean }): Promise<void> {
    await this.puppeteer.screenshot({ path: options.path as `${string}.png`, fullPage: options.fullPage });
  }
  keyboard = {
    // Playwright's key names are Puppeteer's (Enter, Tab, a letter), but for the space bar.
    press: (key: string) => this.puppeteer.keyboard.press((key === 'Space' ? ' ' : key) as KeyInput),
    type: (text: string) => this.puppeteer.keyboard.type(text),
  };
}

export type FirefoxUnderTest = BrowserUnderTest & {
  browser: Browser;
  profileDir: string;
  /** Where a download is saved, without asking. */
  downloadsDir: string;
};

/**
 * Launches Firefox (FIREFOX_PATH, or Debian's firefox-esr) over WebDriver BiDi with a built
 * extension loaded as a temporary add-on, in a fresh profile (or `profileDir`, to restart on the
 * profile a previous launch left behind). The add-on's internal UUID, and so its moz-extension://
 * origin, is fixed up front by preference, and the profile grants optional permission requests
 * without a prompt, as an admin who says yes would.
 */
export async function launchFirefoxWithExtension(options: {
  extensionDir: string;
  profileDir?: string;
  /** The add-on's UUID (its moz-extension:// host), e.g. another profile's, whose origin the worker allows. */
  uuid?: string;
}): Promise<FirefoxUnderTest> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(NO_FIREFOX);
  const manifestPath = join(options.extensionDir, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new Error(`No Firefox build in ${options.extensionDir}: run \`npx wxt build -b firefox\` first.`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const addonId = manifest.browser_specific_settings.gecko.id;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'rollcall-e2e-firefox-'));
  const uuid = options.uuid ?? uuidOf(profileDir);
  const downloadsDir = join(profileDir, 'downloads');
  mkdirSync(downloadsDir, { recursive: true });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    userDataDir: profileDir,
    // WebDriver BiDi may only open extension pages (moz-extension://) with system access allowed.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextOptionalPermissionPrompts': false,
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      // A temporary add-on is removed when the browser quits: keep its storage for a restart.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      // A download is saved in the profile's folder at once, as a user who always saves would.
      'browser.download.folderList': 2,
      'browser.download.dir': downloadsDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  await browser.installExtension(options.extensionDir);
  const extensionOrigin = `moz-extension://${uuid}`;

  const newPage = async () => new FirefoxPage(await browser.newPage());
  return {
    name: 'firefox',
    browser,
    profileDir,
    downloadsDir,
    extensionOrigin,
    newPage,
    async openPopup(size = { width: 360, height: 600 }) {
      const page = await newPage();
      await page.setViewportSize(size);
      await page.goto(`${extensionOrigin}/popup.html`);
      await page.locator(POPUP_DRAWN).waitFor();
      return page;
    },
    async nextPage() {
      const target = await new Promise<Target>((done, fail) => {
        const timer = setTimeout(() => fail(new Error('No new tab opened')), ACTION_TIMEOUT);
        browser.once('targetcreated', (created: Target) => {
          clearTimeout(timer);
          done(created);
        });
      });
      const opened = await target.page();
      if (!opened) throw new Error('The new tab has no page');
      const page = new FirefoxPage(opened);
      await page.settle((href) => href !== 'about:blank');
      return page;
    },
    async close() {
      await browser.close();
      if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** One UUID per profile for this test run, so a restarted browser gives the add-on the same origin. */
const uuids = new Map<string, string>();
function uuidOf(profileDir: string): string {
  const known = uuids.get(profileDir) ?? randomUUID();
  uuids.set(profileDir, known);
  return known;
}
