import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join, normalize, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.ts';
import {
  freePort,
  migrateLocal,
  productionSecrets,
  type RunningWorker,
  startWorker,
} from '../../scripts/lib/local-worker.ts';
import {
  ACTION_TIMEOUT,
  type Page as AnyPage,
  type BrowserName,
  type BrowserUnderTest,
  POPUP_DRAWN,
} from './driver.ts';
import { FirefoxPage, launchFirefoxWithExtension } from './firefox.ts';

/** The extension as `npm run build:extension:dev` builds it: it also watches 127.0.0.1 pages. */
export const EXTENSION_DIR = resolve('.output/dev/chrome-mv3');
/** The extension as it ships: `wxt build` (`npm run build:extension:chrome`). */
export const RELEASE_EXTENSION_DIR = resolve('.output/chrome-mv3');
export const SCREENSHOT_DIR = resolve('test-results/screenshots');

export type ExtensionBrowser = {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  openPopup: (size?: { width: number; height: number }) => Promise<Page>;
  close: () => Promise<void>;
};

/**
 * A copy of a release build (Chromium's unless `releaseDir` says) that differs from it in one
 * thing: its manifest grants host permission for `origins` (e.g. the test server's
 * http://127.0.0.1:<port>) from the start. No automation can answer Chrome's permission prompt;
 * with the origin granted, `permissions.request` for it resolves at once, as if the admin had said
 * yes. Firefox's Manifest V2 lists origins with its other permissions, and without a port (it
 * would match nothing with one).
 */
export function releaseBuildGranting(
  origins: string[],
  releaseDir = RELEASE_EXTENSION_DIR,
): { dir: string; remove: () => void } {
  const shipped = join(releaseDir, 'manifest.json');
  if (!existsSync(shipped)) throw new Error(`No release build in ${releaseDir}: build the extension first.`);
  const manifest = JSON.parse(readFileSync(shipped, 'utf8')) as {
    manifest_version: number;
    host_permissions?: string[];
    permissions?: string[];
  };
  const grants =
    manifest.manifest_version === 2 ? (manifest.permissions ?? []) : (manifest.host_permissions ?? []);
  // The release build asks for each system's pages when it is added; one granting hosts is not it.
  const hosts = grants.filter((permission) => permission.includes('://'));
  if (hosts.length > 0) throw new Error(`${shipped} grants ${hosts.join(', ')}: not the release build.`);
  const parent = mkdtempSync(join(tmpdir(), 'rollcall-release-'));
  const dir = join(parent, basename(releaseDir));
  cpSync(releaseDir, dir, { recursive: true });
  if (manifest.manifest_version === 2) {
    const patterns = origins.map((origin) => `${new URL(origin).protocol}//${new URL(origin).hostname}/*`);
    manifest.permissions = [...grants, ...patterns];
  } else {
    manifest.host_permissions = origins.map((origin) => `${new URL(origin).origin}/*`);
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/**
 * Launches Chromium with a built extension loaded (the development build unless `extensionDir`
 * says), in a fresh profile (or `profileDir`, to restart a browser on the profile a previous launch
 * left behind). An unpacked extension's id comes from its folder, so it stays the same across
 * restarts of one folder.
 */
export async function launchWithExtension(
  options: { profileDir?: string; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('No Chromium found: run `sudo apt-get install chromium` or set CHROMIUM_PATH.');
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'rollcall-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: [
      // Playwright's own --disable-extensions wins unless every other extension is disabled instead.
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // This machine's network is closed: background fetches only produce refused connections.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    profileDir,
    async openPopup(size = { width: 360, height: 600 }) {
      const page = await context.newPage();
      await page.setViewportSize(size);
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      await page.locator(POPUP_DRAWN).waitFor({ timeout: ACTION_TIMEOUT });
      return page;
    },
    async close() {
      await context.close();
      if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * Stops Chromium's extension service worker, as Chromium does after 30 s without events: the next
 * page or message finds the background starting afresh.
 */
export async function stopBackground(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.close();
}

/**
 * Launches `name` with a built extension loaded, for tests that run in every browser: Chromium
 * with Playwright (`launchWithExtension`), Firefox with puppeteer-core over WebDriver BiDi.
 */
export async function launchBrowserWithExtension(
  name: BrowserName,
  options: { extensionDir: string; profileDir?: string },
): Promise<BrowserUnderTest> {
  if (name === 'firefox') return launchFirefoxWithExtension(options);
  return asBrowserUnderTest(await launchWithExtension(options));
}

/** A Chromium launched with `launchWithExtension`, as tests for every browser use it. */
export function asBrowserUnderTest(browser: ExtensionBrowser): BrowserUnderTest<Page> {
  // A control that never comes fails the step in seconds, not at the test's timeout.
  browser.context.setDefaultTimeout(ACTION_TIMEOUT);
  return {
    name: 'chromium',
    extensionOrigin: `chrome-extension://${browser.extensionId}`,
    openPopup: (size) => browser.openPopup(size),
    newPage: () => browser.context.newPage(),
    nextPage: () => browser.context.waitForEvent('page'),
    close: () => browser.close(),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export type StaticServer = { url: string; server: Server; close: () => Promise<void> };

/** Serves a folder of committed pages on 127.0.0.1 (a free port). */
export async function serveFolder(folder: string): Promise<StaticServer> {
  const root = resolve(folder);
  const port = await freePort();
  const server = createServer((request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(path);
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export type TestWorker = {
  url: string;
  persistTo: string;
  /** Stops the server and keeps its database, as in an outage. */
  takeDown: () => Promise<void>;
  /** Starts it again on the same port and database. */
  bringBack: () => Promise<void>;
  /** Stops it and deletes its database. */
  stop: () => Promise<void>;
};

/**
 * Starts the real worker (`wrangler dev`) on a fresh local D1 with the migrations applied: with
 * development settings, or, given `production`, as deployed (wrangler.toml's ENVIRONMENT, random
 * JWT_SECRET, SECOND_FACTOR_KEY and AUDIT_SIGNING_KEY, and CORS open to the extension origins given).
 */
export async function startTestWorker(
  options: {
    /** The origins, or their promise: an unpacked extension's id is known once the browser runs it. */
    production?: { extensionOrigins: string[] | Promise<string[]> };
  } = {},
): Promise<TestWorker> {
  const persistTo = mkdtempSync(join(tmpdir(), 'rollcall-e2e-d1-'));
  await migrateLocal(persistTo);
  const port = await freePort();
  const { production } = options;
  const vars: Record<string, string> = production
    ? {
        ...productionSecrets(),
        EXTENSION_ORIGINS: (await production.extensionOrigins).join(','),
      }
    : {};
  const start = () => startWorker({ port, persistTo, production: Boolean(production), vars });
  let running: RunningWorker | null = await start();
  return {
    url: running.url,
    persistTo,
    async takeDown() {
      await running?.stop();
      running = null;
    },
    async bringBack() {
      running ??= await start();
    },
    async stop() {
      await running?.stop();
      running = null;
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}

/**
 * Saves a screenshot to test-results/screenshots/<name>.png (git-ignored; a Firefox page's under
 * firefox/): the whole page, or only the window for a page too long to look at whole.
 */
export async function screenshot(page: AnyPage, name: string, { fullPage = true } = {}): Promise<string> {
  const folder = page instanceof FirefoxPage ? join(SCREENSHOT_DIR, 'firefox') : SCREENSHOT_DIR;
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

type ExtensionGlobals = { chrome: { storage: { local: { set: (items: object) => Promise<void> } } } };

/** Points the extension at a server, as the options page does, from one of its own pages. */
export async function setServerUrl(extensionPage: Page, url: string): Promise<void> {
  await extensionPage.evaluate(
    (serverUrl) => (globalThis as unknown as ExtensionGlobals).chrome.storage.local.set({ serverUrl }),
    url,
  );
}
