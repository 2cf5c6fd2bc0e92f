import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import { expect } from 'vitest';
import type { z } from 'zod';
import { tokenPairSchema } from '../../../shared/schemas/auth.ts';
import type { BrowserName, BrowserUnderTest, Locator, Page } from '../driver.ts';
import { FIREFOX_RELEASE_EXTENSION_DIR, launchFirefoxWithExtension } from '../firefox.ts';
import {
  asBrowserUnderTest,
  type ExtensionBrowser,
  launchWithExtension,
  releaseBuildGranting,
  type StaticServer,
  serveFolder,
  startTestWorker,
  type TestWorker,
} from '../harness.ts';

/**
 * What every journey starts from: the committed fixture pages served on 127.0.0.1, a browser with
 * the release build, and the worker as deployed — production settings, a real JWT_SECRET and
 * AUDIT_SIGNING_KEY, CORS open to this extension's origin only. The worker's own origin is not
 * granted, so every call the extension makes to it goes through CORS as in the field.
 *
 * In Chromium the build is a copy granting the fixture pages' origin (no automation can answer
 * Chrome's permission prompt); in Firefox it is the build as it ships, and the test profile says
 * yes to the prompt.
 */
/** The site a journey's pages come from: the committed fixture pages, or an app a test starts. */
export type Site = Pick<StaticServer, 'url' | 'close'>;

export type BrowserJourney<P extends Page = Page> = {
  browserName: BrowserName;
  pages: Site;
  worker: TestWorker;
  /** chrome-extension://<id> or moz-extension://<uuid>. */
  extensionOrigin: string;
  /** The folder of the extension loaded, for a second browser profile with the same extension. */
  extensionDir: string;
  /** The toolbar popup, opened as a page (<extension origin>/popup.html). */
  openPopup: () => Promise<P>;
  /** A page of the fixture site, at the size of a desktop window. */
  openPage: (path: string) => Promise<P>;
  /** The next tab something opens: call it before the click that opens it. */
  nextPage: () => Promise<P>;
  /** Closes the browser and opens it again on the same profile, as after a restart. */
  restartBrowser: () => Promise<void>;
  close: () => Promise<void>;
};

/** A journey in Chromium, with Playwright's pages and its browser context at hand. */
export type Journey = BrowserJourney<PlaywrightPage> & { browser: ExtensionBrowser };

export type JourneyOptions = {
  /**
   * The admin grants the fixture pages' origin through the browser's prompt when adding a system,
   * where a test can answer it (Firefox); otherwise the build is a copy that grants it already.
   */
  promptForPages?: boolean;
  /** The site to grant and serve instead of the fixture pages (e.g. an app that signs in). */
  site?: () => Promise<Site>;
};

/** A journey in Chromium (Playwright), or in the browser named. */
export function startJourney(options?: Pick<JourneyOptions, 'site'>): Promise<Journey>;
export function startJourney(browserName: BrowserName, options?: JourneyOptions): Promise<BrowserJourney>;
export function startJourney(
  browserOrOptions: BrowserName | Pick<JourneyOptions, 'site'> = 'chromium',
  options: JourneyOptions = {},
): Promise<BrowserJourney> {
  if (typeof browserOrOptions === 'object') return startChromiumJourney(browserOrOptions);
  return browserOrOptions === 'firefox' ? startFirefoxJourney(options) : startChromiumJourney(options);
}

function startChromiumJourney({ site }: Pick<JourneyOptions, 'site'>): Promise<Journey> {
  return startJourneyWith({
    browserName: 'chromium',
    site,
    extension: (pagesUrl) => releaseBuildGranting([pagesUrl]),
    launch: (options) => launchWithExtension(options),
    // The extension's id is known once it runs (it comes from the folder it was loaded from).
    driver: asBrowserUnderTest,
  });
}

function startFirefoxJourney({ promptForPages = false, site }: JourneyOptions): Promise<BrowserJourney> {
  return startJourneyWith({
    browserName: 'firefox',
    site,
    extension: (pagesUrl) =>
      promptForPages
        ? { dir: FIREFOX_RELEASE_EXTENSION_DIR, remove: () => undefined }
        : releaseBuildGranting([pagesUrl], FIREFOX_RELEASE_EXTENSION_DIR),
    // Firefox's add-on origin is fixed in the profile before it starts.
    launch: (options) => launchFirefoxWithExtension(options),
    driver: (browser) => browser,
  });
}

/**
 * A journey in one browser: `launch` starts it on the journey's profile with `extension`'s build,
 * `driver` is how the journey drives it. The worker's database is made while the browser starts,
 * and the worker starts allowing the extension's origin once it is known, as an operator deploying
 * it would.
 */
async function startJourneyWith<B, P extends Page>(setup: {
  browserName: BrowserName;
  site?: () => Promise<Site>;
  extension: (pagesUrl: string) => { dir: string; remove: () => void };
  launch: (options: { profileDir: string; extensionDir: string }) => Promise<B>;
  driver: (browser: B) => BrowserUnderTest<P>;
}): Promise<BrowserJourney<P> & { readonly browser: B }> {
  const pages = await (setup.site ?? (() => serveFolder('test/fixtures/pages')))();
  const extension = setup.extension(pages.url);
  const profileDir = mkdtempSync(join(tmpdir(), `rollcall-journey-${setup.browserName}-`));
  const launch = async () => {
    const raw = await setup.launch({ profileDir, extensionDir: extension.dir });
    return { raw, driver: setup.driver(raw) };
  };
  const launched = launch();
  const [first, worker] = await Promise.all([
    launched,
    startTestWorker({
      production: { extensionOrigins: launched.then(({ driver }) => [driver.extensionOrigin]) },
    }),
  ]);
  let browser = first;
  return {
    browserName: setup.browserName,
    pages,
    worker,
    extensionDir: extension.dir,
    get browser() {
      return browser.raw;
    },
    get extensionOrigin() {
      return browser.driver.extensionOrigin;
    },
    openPopup: () => browser.driver.openPopup(),
    async openPage(path) {
      const page = await browser.driver.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${pages.url}/${path}`);
      return page;
    },
    nextPage: () => browser.driver.nextPage(),
    async restartBrowser() {
      await browser.driver.close();
      browser = await launch();
    },
    async close() {
      await browser?.driver.close();
      await Promise.all([pages.close(), worker.stop()]);
      extension.remove();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * The time limit of a journey's setup that also starts more browser profiles (another person's
 * browser): each takes seconds to start, many more on a busy machine.
 */
export const PROFILES_HOOK_TIMEOUT = 180_000;

/** The same firm through the REST API with its own session: what the server holds, or a second client. */
export type Api = <T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown) => Promise<T>;

export async function signInToApi(serverUrl: string, email: string, password: string): Promise<Api> {
  const login = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`signing in as ${email}: ${login.status} ${await login.text()}`);
  const { accessToken } = tokenPairSchema.parse(await login.json());
  return async (schema, method, path, body) => {
    const response = await fetch(`${serverUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return schema.parse(response.status === 204 ? null : await response.json());
  };
}

/** Opens one of the popup's sections (Home, Findings, Staff, Review) from its tabs. */
export async function openTab(popup: Page, name: string): Promise<void> {
  await popup
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name, exact: name !== 'Findings' })
    .click();
}

/** A person's row in the popup's staff list. */
export const staffRow = (popup: Page, name: string) =>
  popup.getByRole('list', { name: 'Staff' }).getByRole('button', { name: new RegExp(`^${name}`) });

/** The popup's one line on where the local copy stands against the server. */
export const syncLine = (popup: Page) => popup.getByTestId('sync-status');

/** Waits until the popup says everything is synced (also in a hook, where expect.poll is not allowed). */
export async function expectSynced(popup: Page, timeout = 15_000): Promise<void> {
  try {
    await syncLine(popup)
      .filter({ hasText: /^Synced/ })
      .waitFor({ timeout });
  } catch {
    expect(await syncLine(popup).textContent(), 'the popup’s sync line').toMatch(/^Synced/);
  }
}

/** Signs in from the popup's form (the server field first: a new install points at the default). */
export async function signInFromPopup(popup: Page, serverUrl: string, email: string, password: string) {
  await popup.getByLabel('Server').fill(serverUrl);
  await popup.getByLabel('Email').fill(email);
  await popup.getByLabel('Password').fill(password);
  await popup.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectSynced(popup);
}

/**
 * Checks that `locator` comes to show `text`, as a soft assertion: a check along the user's way
 * that, failing, is reported while the journey goes on.
 */
export async function expectSoonToShow(locator: Locator, text: string, timeout = 5_000): Promise<void> {
  await locator
    .filter({ hasText: text })
    .first()
    .waitFor({ timeout })
    .catch(() => undefined);
  expect.soft(await locator.first().textContent()).toContain(text);
}
