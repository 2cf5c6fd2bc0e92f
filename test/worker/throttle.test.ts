import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { auditPageSchema } from '../../shared/schemas/audit';
import { authed, GOOD_PASSWORD, logIn, request, signUp, uniqueEmail } from './helpers';

const WRONG = 'definitely not the password';

describe('sign-in throttling', () => {
  it('locks an account for 15 minutes after five consecutive failures, even for the right password', async () => {
    const owner = await signUp();
    for (let attempt = 0; attempt < 5; attempt++) expect((await logIn(owner.email, WRONG)).status).toBe(401);
    const locked = await logIn(owner.email, GOOD_PASSWORD);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const events = auditPageSchema.parse((await authed(owner, '/api/v1/audit?limit=50')).body).events;
    const actions = events.map((event) => event.action);
    expect(actions.filter((action) => action === 'auth.login_failed')).toHaveLength(5);
    expect(actions).toContain('auth.lockout');
    expect(actions).toContain('auth.login_locked');
  });

  it('lets the member in once the lock has run out, and starts counting afresh', async () => {
    const owner = await signUp();
    for (let attempt = 0; attempt < 5; attempt++) await logIn(owner.email, WRONG);
    expect((await logIn(owner.email, GOOD_PASSWORD)).status).toBe(429);
    await env.DB.prepare('UPDATE login_throttle SET locked_until = ? WHERE key = ?')
      .bind(Date.now() - 1, `account:${owner.email}`)
      .run();
    expect((await logIn(owner.email, WRONG)).status).toBe(401);
    expect((await logIn(owner.email, GOOD_PASSWORD)).status).toBe(200);
  });

  it('counts only consecutive failures: a success resets the count', async () => {
    const owner = await signUp();
    for (let attempt = 0; attempt < 4; attempt++) await logIn(owner.email, WRONG);
    expect((await logIn(owner.email, GOOD_PASSWORD)).status).toBe(200);
    for (let attempt = 0; attempt < 4; attempt++) await logIn(owner.email, WRONG);
    expect((await logIn(owner.email, GOOD_PASSWORD)).status).toBe(200);
  });

  it('answers an unknown email exactly as a known one, lock included', async () => {
    const owner = await signUp();
    const nobody = uniqueEmail('nobody');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      known.push((await logIn(owner.email, WRONG)).status);
      unknown.push((await logIn(nobody, WRONG)).status);
    }
    expect(unknown).toEqual(known);
    expect(known).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('holds off an address that fails across many accounts', async () => {
    const ip = '203.0.113.9';
    let status = 0;
    for (let attempt = 0; attempt < 30; attempt++) {
      status = (await logIn(uniqueEmail('spray'), WRONG, { 'cf-connecting-ip': ip })).status;
      expect(status).toBe(401);
    }
    const owner = await signUp();
    const fromThere = await logIn(owner.email, GOOD_PASSWORD, { 'cf-connecting-ip': ip });
    expect(fromThere.status).toBe(429);
    expect(Number(fromThere.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await logIn(owner.email, GOOD_PASSWORD, { 'cf-connecting-ip': '198.51.100.7' })).status).toBe(
      200,
    );
    // Thirty-two password checks: seconds on a busy two-core machine.
  }, 30_000);
});

describe('sign-up throttling', () => {
  it('lets one address make ten organisations an hour', async () => {
    const headers = { 'cf-connecting-ip': '203.0.113.50' };
    const signup = (index: number) =>
      request('/api/v1/auth/signup', {
        method: 'POST',
        headers,
        body: {
          organisationName: `Firm ${index}`,
          name: 'Owner',
          email: uniqueEmail('many'),
          password: GOOD_PASSWORD,
        },
      });
    for (let index = 0; index < 10; index++) expect((await signup(index)).status).toBe(201);
    const refused = await signup(10);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    await env.DB.prepare('UPDATE login_throttle SET window_start = ? WHERE key = ?')
      .bind(Date.now() - 3_600_001, 'signup:203.0.113.50')
      .run();
    expect((await signup(11)).status).toBe(201);
  });

  it('counts sign-ups refused for an email in use, so they cannot test emails without end', async () => {
    const taken = await signUp();
    const headers = { 'cf-connecting-ip': '203.0.113.51' };
    const attempt = () =>
      request('/api/v1/auth/signup', {
        method: 'POST',
        headers,
        body: { organisationName: 'Probe', name: 'Probe', email: taken.email, password: GOOD_PASSWORD },
      });
    for (let index = 0; index < 10; index++) expect((await attempt()).status).toBe(409);
    expect((await attempt()).status).toBe(429);
  });
});
