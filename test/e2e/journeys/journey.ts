import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { z } from 'zod';
import { tokenPairSchema } from '../../../shared/schemas/auth.ts';
import {
  type ExtensionBrowser,
  launchWithExtension,
  releaseBuildGranting,
  type StaticServer,
  serveFolder,
  startTestWorker,
  type TestWorker,
} from '../harness.ts';

/**
 * What every journey starts from: the committed fixture pages served on 127.0.0.1, Chromium with
 * the release build (a copy granting the fixture pages' origin, the one difference from what
 * ships), and the worker as deployed — production settings, a real JWT_SECRET, CORS open to this
 * extension's origin only. The worker's own origin is not granted, so every call the extension
 * makes to it goes through CORS as in the field.
 */
export type Journey = {
  pages: StaticServer;
  worker: TestWorker;
  browser: ExtensionBrowser;
  /** The folder of the extension loaded, for a second browser profile with the same extension id. */
  extensionDir: string;
  /** The toolbar popup, opened as a page (chrome-extension://<id>/popup.html). */
  openPopup: () => Promise<Page>;
  /** A page of the fixture site, at the size of a desktop window. */
  openPage: (path: string) => Promise<Page>;
  /** Closes the browser and opens it again on the same profile, as after a restart. */
  restartBrowser: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startJourney(): Promise<Journey> {
  const pages = await serveFolder('test/fixtures/pages');
  const extension = releaseBuildGranting([pages.url]);
  const profileDir = mkdtempSync(join(tmpdir(), 'rollcall-journey-profile-'));
  const launch = async () => {
    const launched = await launchWithExtension({ profileDir, extensionDir: extension.dir });
    // A control that never comes fails the step in seconds, not at the test's timeout.
    launched.context.setDefaultTimeout(10_000);
    return launched;
  };
  // The extension's id is known once it runs (it comes from the folder it was loaded from): the
  // worker's database is made meanwhile, and the worker started allowing that origin, as an
  // operator deploying it would.
  const launched = launch();
  const [first, worker] = await Promise.all([
    launched,
    startTestWorker({
      production: {
        extensionOrigins: launched.then(({ extensionId }) => [`chrome-extension://${extensionId}`]),
      },
    }),
  ]);
  let browser = first;

  return {
    pages,
    worker,
    extensionDir: extension.dir,
    get browser() {
      return browser;
    },
    openPopup: () => browser.openPopup(),
    async openPage(path) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${pages.url}/${path}`);
      return page;
    },
    async restartBrowser() {
      await browser.close();
      browser = await launch();
    },
    async close() {
      await browser?.close();
      await Promise.all([pages.close(), worker.stop()]);
      extension.remove();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

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
