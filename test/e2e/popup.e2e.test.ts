import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { freePort, migrateLocal, type RunningWorker, startWorker } from '../../scripts/lib/local-worker.ts';
import { auditPageSchema } from '../../shared/schemas/audit.ts';
import { tokenPairSchema } from '../../shared/schemas/auth.ts';
import { accountSchema, personSchema, systemSchema } from '../../shared/schemas/directory.ts';
import { pageSchema } from '../../shared/schemas/directory-input.ts';
import { type ExtensionBrowser, launchWithExtension, screenshot } from './harness.ts';

/**
 * The toolbar popup against the real worker (wrangler dev on a fresh local D1): sign up, build the
 * directory, see a leaver's finding and the badge, survive a server outage and a browser restart
 * with a change queued, and resolve a conflict made by a second client.
 */

const EMAIL = 'ann@harbour-vale.test';
const PASSWORD = 'tidal shelf copper lantern';

type Globals = {
  chrome: { action: { getBadgeText: (details: object) => Promise<string> } };
};

describe('the toolbar popup with a real server', () => {
  let persistTo: string;
  let port: number;
  let worker: RunningWorker | null = null;
  let profileDir: string;
  let browser: ExtensionBrowser;
  let popup: Page;
  /** A second client: the REST API with its own session, as a script or another admin would use it. */
  let token: string;
  let personId: string;

  const serverUrl = () => `http://127.0.0.1:${port}`;
  async function api<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${serverUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return schema.parse(await response.json());
  }
  async function badge(): Promise<string> {
    const [serviceWorker] = browser.context.serviceWorkers();
    if (!serviceWorker) return '?';
    return serviceWorker.evaluate(() => (globalThis as unknown as Globals).chrome.action.getBadgeText({}));
  }
  const syncStatus = () => popup.getByTestId('sync-status').textContent();

  beforeAll(async () => {
    persistTo = mkdtempSync(join(tmpdir(), 'rollcall-popup-d1-'));
    profileDir = mkdtempSync(join(tmpdir(), 'rollcall-popup-profile-'));
    port = await freePort();
    await migrateLocal(persistTo);
    [worker, browser] = await Promise.all([
      startWorker({ port, persistTo }),
      launchWithExtension({ profileDir }),
    ]);
    popup = await browser.openPopup();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    rmSync(persistTo, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('signs up a new firm and lands on an empty home', async () => {
    await popup.getByRole('button', { name: 'Create a firm' }).click();
    await popup.getByLabel('Server').fill(serverUrl());
    await popup.getByLabel('Firm name').fill('Harbour & Vale Solicitors');
    await popup.getByLabel('Your name').fill('Ann Owner');
    await popup.getByLabel('Email').fill(EMAIL);
    await popup.getByLabel('Password').fill(PASSWORD);
    await screenshot(popup, 'popup-sign-up');
    // Two-step sign-in has a journey of its own (two-factor.e2e.test.ts).
    await popup.getByLabel('Owners and admins sign in with two steps').uncheck();
    await popup.getByRole('button', { name: 'Create firm and sign in' }).click();
    await expect.poll(() => popup.getByTestId('health-score').textContent()).toBe('Not checked yet');
    await expect.poll(syncStatus).toMatch(/^Synced/);
    expect(await popup.getByText(/^Add your staff and the systems they sign in to/).count()).toBe(1);
    await screenshot(popup, 'popup-home-empty');

    const login = await fetch(`${serverUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    token = tokenPairSchema.parse(await login.json()).accessToken;
  });

  it('adds a person, links a login, marks them as a leaver, and shows the finding and the badge', async () => {
    const system = await api(systemSchema, 'POST', '/api/v1/systems', {
      name: 'CaseLedger',
      adminUrlPatterns: ['http://127.0.0.1/caseledger/admin/*'],
    });
    await api(accountSchema, 'POST', '/api/v1/accounts', {
      systemId: system.id,
      username: 'rose.baker',
      displayName: 'Rose Baker',
      lastSignInAt: Date.now() - 86_400_000,
    });

    await popup.getByRole('button', { name: 'Staff' }).click();
    await popup.getByRole('button', { name: 'Add person' }).click();
    await popup.getByLabel('Name').fill('Rose Baker');
    await popup.getByLabel('Email').fill('rose@harbour-vale.test');
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => popup.getByRole('heading', { name: 'Rose Baker' }).count()).toBe(1);
    await expect.poll(syncStatus).toMatch(/^Synced/);
    const people = await api(pageSchema(personSchema), 'GET', '/api/v1/people');
    expect(people.items.map((p) => p.name)).toEqual(['Rose Baker']);
    personId = people.items[0]?.id ?? '';

    await popup.getByRole('button', { name: 'Link an account…' }).click();
    await popup.getByRole('button', { name: 'Link rose.baker to Rose Baker' }).click();
    await expect
      .poll(() => popup.locator('.accounts').first().textContent())
      .toContain('rose.baker in CaseLedger');
    expect(await badge()).toBe('');

    await popup.getByRole('button', { name: 'Mark as leaver…' }).click();
    await popup.getByRole('button', { name: 'Mark as leaver', exact: true }).click();
    await expect.poll(() => popup.getByText(/^Leaver, left /).count()).toBe(1);
    await expect.poll(() => popup.getByText(/still active/).count()).toBeGreaterThan(0);
    await expect.poll(badge).toBe('1');
    await screenshot(popup, 'popup-person-leaver');

    await popup.getByRole('button', { name: 'Home' }).click();
    await expect
      .poll(() => popup.getByRole('list', { name: 'Open findings by severity' }).textContent())
      .toContain('1 Critical');
    await screenshot(popup, 'popup-home-findings');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-home-findings-dark');
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.getByRole('button', { name: /^Findings/ }).click();
    await screenshot(popup, 'popup-findings');
    await expect.poll(syncStatus).toMatch(/^Synced/);
    const rose = await api(personSchema, 'GET', `/api/v1/people/${personId}`);
    expect(rose.status).toBe('leaver');
  });

  it('keeps a change made with the server away across a browser restart, and syncs it once', async () => {
    await worker?.stop();
    worker = null;
    await popup.getByRole('button', { name: 'Staff' }).click();
    await popup.getByRole('button', { name: /Rose Baker/ }).click();
    await popup.getByRole('button', { name: 'Edit' }).click();
    await popup.getByLabel('Email').fill('rose.baker@harbour-vale.test');
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(syncStatus).toBe('Offline — 1 change waiting');
    await screenshot(popup, 'popup-offline');

    await browser.close();
    browser = await launchWithExtension({ profileDir });
    worker = await startWorker({ port, persistTo });
    popup = await browser.openPopup();
    await expect.poll(syncStatus, { timeout: 30_000 }).toMatch(/^Synced/);
    const rose = await api(personSchema, 'GET', `/api/v1/people/${personId}`);
    expect(rose.email).toBe('rose.baker@harbour-vale.test');
    // Exactly one write carried the change: one audited push names the new email.
    const audit = await api(auditPageSchema, 'GET', '/api/v1/audit?action=sync.push&limit=500');
    const carrying = audit.events.filter((event) =>
      JSON.stringify(event).includes('rose.baker@harbour-vale.test'),
    );
    expect(carrying).toHaveLength(1);
  });

  it('shows a conflict made by a second client while the admin edits, and applies their choice', async () => {
    await popup.getByRole('button', { name: 'Staff' }).click();
    await popup.getByRole('button', { name: /Rose Baker/ }).click();
    await popup.getByRole('button', { name: 'Edit' }).click();
    // A colleague renames her as the form is open, and a second window's sync brings that in.
    await api(personSchema, 'PATCH', `/api/v1/people/${personId}`, { name: 'Rose Baker-Hill' });
    const second = await browser.openPopup();
    await second.getByRole('button', { name: 'Staff' }).click();
    await second.getByRole('button', { name: /Rose Baker-Hill/ }).waitFor();
    await second.close();
    await popup.getByLabel('Name').fill('Rose Hill');
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(syncStatus).toBe('1 change in conflict: choose which to keep');
    await popup.getByRole('button', { name: 'Not synced (1)' }).click();
    await screenshot(popup, 'popup-conflict');
    const conflict = popup.getByRole('article', { name: 'Conflict on Rose Baker-Hill' });
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(syncStatus).toMatch(/^Synced/);
    const rose = await api(personSchema, 'GET', `/api/v1/people/${personId}`);
    expect(rose.name).toBe('Rose Hill');
  });
});
