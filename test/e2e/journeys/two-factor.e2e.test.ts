import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp, totpStep } from '../../../worker/src/auth/totp.ts';
import { screenshot } from '../harness.ts';
import { expectSynced, type Journey, startJourney } from './journey.ts';

/**
 * Journey: two-step sign-in, on the release build against the worker in production mode. A new
 * firm (which requires a second factor of owners and admins, as new firms do) is made in the
 * popup; the owner is taken to set one up, scans (here: reads) the key, confirms the first code and
 * is shown the recovery codes once. Signing in again asks for the code, or a recovery code; and a
 * stranger who knows the owner's email and locks it out does not keep the owner's own browser out.
 */

const OWNER = { name: 'Nadia Osei', email: 'nadia@oseiclarke.test', password: 'quiet harbour violet engine' };

/** The test's authenticator app: codes of the key, each of a later step than the last one given. */
function authenticator(manualKey: string) {
  const key = base32Decode(manualKey);
  if (!key) throw new Error(`the popup showed no base32 key: ${manualKey}`);
  let last = totpStep(Date.now()) - 1;
  return {
    async next(): Promise<string> {
      last = Math.max(last + 1, totpStep(Date.now()));
      // The server takes one step of drift; past that, wait for the clock as a person would.
      const wait = (last - 1) * 30_000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 200));
      return totp(key, last * 30_000);
    },
  };
}

async function signOut(popup: Page) {
  await popup.getByRole('button', { name: 'Sign out' }).click();
  await popup.getByRole('heading', { name: 'Sign in to Rollcall' }).waitFor();
}

async function passwordStep(popup: Page) {
  await popup.getByLabel('Email').fill(OWNER.email);
  await popup.getByLabel('Password').fill(OWNER.password);
  await popup.getByRole('button', { name: 'Sign in', exact: true }).click();
  await popup.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
}

describe('journey: two-step sign-in from the popup', () => {
  let journey: Journey;
  let popup: Page;
  let app: ReturnType<typeof authenticator>;
  let recoveryCodes: string[];

  beforeAll(async () => {
    journey = await startJourney();
  });
  afterAll(async () => {
    await journey?.close();
  });

  it('takes the owner of a new firm to set up a second factor, and shows the recovery codes once', async () => {
    popup = await journey.openPopup();
    await popup.setViewportSize({ width: 360, height: 760 });
    await popup.getByRole('button', { name: 'Create a firm' }).click();
    await popup.getByLabel('Server').fill(journey.worker.url);
    await popup.getByLabel('Firm name').fill('Osei Clarke Accountants');
    await popup.getByLabel('Your name').fill(OWNER.name);
    await popup.getByLabel('Email').fill(OWNER.email);
    await popup.getByLabel('Password').fill(OWNER.password);
    expect(await popup.getByLabel('Owners and admins sign in with two steps').isChecked()).toBe(true);
    await popup.getByRole('button', { name: 'Create firm and sign in' }).click();

    await popup.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
    const qr = popup.getByRole('img', { name: 'QR code for your authenticator app' });
    await qr.waitFor();
    // Drawn here: an SVG of dark modules, no image fetched from anywhere.
    expect(await qr.evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg');
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    await popup.getByText('Can’t scan it? Type this key instead').click();
    const manualKey = (await popup.getByTestId('manual-key').textContent())?.replace(/\s/g, '') ?? '';
    expect(manualKey).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(popup, 'journey-2fa-1-enrol');
    app = authenticator(manualKey);

    // A wrong code first: refused, in words, and nothing changes.
    await popup.getByLabel('Six-digit code').fill('000000');
    await popup.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await expect.poll(() => popup.getByRole('alert').first().textContent()).toMatch(/wrong/i);

    await popup.getByLabel('Six-digit code').fill(await app.next());
    await popup.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await popup.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const codes = popup.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    expect(await codes.count()).toBe(10);
    recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
    expect(recoveryCodes[0]).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){5}$/);
    await screenshot(popup, 'journey-2fa-2-recovery-codes');
    await popup.getByRole('button', { name: 'I have saved them — continue' }).click();
    await expectSynced(popup);
    expect(await popup.locator('header').textContent()).toContain('Osei Clarke Accountants');
  });

  it('asks for the code at the next sign-in, and signs in with it', async () => {
    await signOut(popup);
    await passwordStep(popup);
    await screenshot(popup, 'journey-2fa-3-code-step');
    await popup.getByLabel('Six-digit code').fill(await app.next());
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await expectSynced(popup);
  });

  it('signs in with a recovery code instead, once', async () => {
    await signOut(popup);
    await passwordStep(popup);
    await popup.getByRole('button', { name: 'Use a recovery code instead' }).click();
    const [first] = recoveryCodes;
    await popup.getByLabel('Recovery code').fill(first ?? '');
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await expectSynced(popup);

    await signOut(popup);
    await passwordStep(popup);
    await popup.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await popup.getByLabel('Recovery code').fill(first ?? '');
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => popup.getByRole('alert').first().textContent()).toContain('already used');
    await screenshot(popup, 'journey-2fa-4-recovery-code-used');
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.getByRole('heading', { name: 'Sign in to Rollcall' }).waitFor();
  });

  it('still lets this browser in while a stranger who knows the email is locked out', async () => {
    const login = (password: string) =>
      fetch(`${journey.worker.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: OWNER.email, password }),
      });
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await login('a guess at the password')).status).toBe(401);
    // The stranger is held off, even with the right password.
    expect((await login(OWNER.password)).status).toBe(429);

    await passwordStep(popup);
    await popup.getByLabel('Six-digit code').fill(await app.next());
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await expectSynced(popup);
    await screenshot(popup, 'journey-2fa-5-signed-in-while-locked');
    expect((await login(OWNER.password)).status).toBe(429);
  });
});
