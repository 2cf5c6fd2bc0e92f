import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { auditPageSchema } from '../../shared/schemas/audit';
import { sessionListSchema, tokenPairSchema } from '../../shared/schemas/auth';
import { app } from '../../worker/src/app';
import { signingKey } from '../../worker/src/auth/tokens';
import { addMember, authed, BASE, GOOD_PASSWORD, logIn, request, signUp } from './helpers';

const refresh = (refreshToken: string) =>
  request('/api/v1/auth/refresh', { method: 'POST', body: { refreshToken } });

describe('refresh tokens', () => {
  it('rotate on every use', async () => {
    const owner = await signUp();
    const first = await refresh(owner.refreshToken);
    expect(first.status).toBe(200);
    const pair = tokenPairSchema.parse(await first.json());
    expect(pair.refreshToken).not.toBe(owner.refreshToken);
    expect((await authed(pair, '/api/v1/me')).status).toBe(200);
    expect((await refresh(pair.refreshToken)).status).toBe(200);
  });

  it('revoke the whole family when a spent token comes back, and say so in the audit trail', async () => {
    const owner = await signUp();
    const rotated = tokenPairSchema.parse(await (await refresh(owner.refreshToken)).json());
    // The old token again: someone has a copy.
    expect((await refresh(owner.refreshToken)).status).toBe(401);
    // Every token and access token of that session is dead now, including the newest.
    expect((await refresh(rotated.refreshToken)).status).toBe(401);
    expect((await authed(rotated, '/api/v1/me')).status).toBe(401);
    // Other sessions of the member live on.
    const other = tokenPairSchema.parse(await (await logIn(owner.email, GOOD_PASSWORD)).json());
    const audit = auditPageSchema.parse(
      (await authed(other, '/api/v1/audit?action=auth.refresh_reuse')).body,
    );
    expect(audit.events).toHaveLength(1);
    expect(audit.events[0]?.actorId).toBe(owner.member.id);
  });

  it('are refused when unknown', async () => {
    expect((await refresh('x'.repeat(43))).status).toBe(401);
  });
});

describe('sessions', () => {
  it('end on logout, access and refresh alike', async () => {
    const owner = await signUp();
    expect((await authed(owner, '/api/v1/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await authed(owner, '/api/v1/me')).status).toBe(401);
    expect((await refresh(owner.refreshToken)).status).toBe(401);
  });

  it('can be listed and ended by their member', async () => {
    const owner = await signUp();
    const second = tokenPairSchema.parse(await (await logIn(owner.email, GOOD_PASSWORD)).json());
    const list = sessionListSchema.parse((await authed(owner, '/api/v1/sessions')).body);
    expect(list.sessions).toHaveLength(2);
    expect(list.sessions.filter((s) => s.current)).toHaveLength(1);
    const other = list.sessions.find((s) => !s.current);
    expect((await authed(owner, `/api/v1/sessions/${other?.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await authed(second, '/api/v1/me')).status).toBe(401);
    expect(sessionListSchema.parse((await authed(owner, '/api/v1/sessions')).body).sessions).toHaveLength(1);
  });

  it('can be ended by an owner for anyone, but not by others for someone else', async () => {
    const owner = await signUp();
    const admin = await addMember(owner, 'admin');
    const reviewer = await addMember(owner, 'reviewer');
    const mine = sessionListSchema.parse((await authed(reviewer, '/api/v1/sessions')).body).sessions[0];
    expect((await authed(admin, `/api/v1/sessions?memberId=${reviewer.member.id}`)).status).toBe(404);
    expect((await authed(admin, `/api/v1/sessions/${mine?.id}`, { method: 'DELETE' })).status).toBe(404);
    const seen = sessionListSchema.parse(
      (await authed(owner, `/api/v1/sessions?memberId=${reviewer.member.id}`)).body,
    );
    expect(seen.sessions.map((s) => s.id)).toEqual([mine?.id]);
    expect((await authed(owner, `/api/v1/sessions/${mine?.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await authed(reviewer, '/api/v1/me')).status).toBe(401);
  });

  it('end after the idle limit', async () => {
    const owner = await signUp();
    const session = sessionListSchema.parse((await authed(owner, '/api/v1/sessions')).body).sessions[0];
    await env.DB.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?')
      .bind(Date.now() - 61 * 60_000, session?.id)
      .run();
    expect((await authed(owner, '/api/v1/me')).status).toBe(401);
    expect((await refresh(owner.refreshToken)).status).toBe(401);
  });

  it('end after the absolute limit however busy', async () => {
    const owner = await signUp();
    const session = sessionListSchema.parse((await authed(owner, '/api/v1/sessions')).body).sessions[0];
    await env.DB.prepare('UPDATE sessions SET created_at = ? WHERE id = ?')
      .bind(Date.now() - 12 * 3_600_000 - 60_000, session?.id)
      .run();
    expect((await authed(owner, '/api/v1/me')).status).toBe(401);
    expect((await refresh(owner.refreshToken)).status).toBe(401);
  });

  it('follow the limits the organisation sets', async () => {
    const owner = await signUp();
    const changed = await authed(owner, '/api/v1/organisation', {
      method: 'PATCH',
      body: { settings: { sessionIdleMinutes: 10 } },
    });
    expect(changed.status).toBe(200);
    const session = sessionListSchema.parse((await authed(owner, '/api/v1/sessions')).body).sessions[0];
    await env.DB.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?')
      .bind(Date.now() - 11 * 60_000, session?.id)
      .run();
    expect((await authed(owner, '/api/v1/me')).status).toBe(401);
  });

  it('only owners change the organisation settings', async () => {
    const owner = await signUp();
    const admin = await addMember(owner, 'admin');
    const response = await authed(admin, '/api/v1/organisation', {
      method: 'PATCH',
      body: { name: 'Hijacked' },
    });
    expect(response.status).toBe(403);
  });
});

describe('the signing key', () => {
  it('is refused outside development and test unless a real secret is set', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => signingKey({ ENVIRONMENT: 'production' })).toThrow();
    expect(() => signingKey({ ENVIRONMENT: 'staging' })).toThrow();
    expect(() => signingKey({ ENVIRONMENT: 'production', JWT_SECRET: 'too-short' })).toThrow();
    // The operator is told why in the worker's log, never the secret itself.
    expect(logged.mock.calls.map(([message]) => message)).toEqual([
      'JWT_SECRET is not set: refusing to issue or accept tokens outside development.',
      'JWT_SECRET is not set: refusing to issue or accept tokens outside development.',
      'JWT_SECRET is shorter than 32 characters: refusing to use it.',
    ]);
    logged.mockRestore();
    expect(signingKey({ ENVIRONMENT: 'production', JWT_SECRET: 's'.repeat(40) }).byteLength).toBe(40);
    expect(signingKey({ ENVIRONMENT: 'development' }).byteLength).toBeGreaterThan(32);
  });

  it('being absent in production makes sign-up answer 503, not issue a token', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await app.fetch(
      new Request(`${BASE}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organisationName: 'Prod Firm',
          name: 'P',
          email: 'p@prod.example',
          password: GOOD_PASSWORD,
        }),
      }),
      { ...env, ENVIRONMENT: 'production' },
    );
    expect(response.status).toBe(503);
    const created = await env.DB.prepare(
      "SELECT count(*) AS n FROM organisations WHERE name = 'Prod Firm'",
    ).first<{ n: number }>();
    expect(created?.n).toBe(0);
    expect(logged).toHaveBeenCalledWith(
      'JWT_SECRET is not set: refusing to issue or accept tokens outside development.',
    );
    logged.mockRestore();
  });

  it('signs tokens that a worker with another key does not accept', async () => {
    const owner = await signUp();
    const response = await app.fetch(
      new Request(`${BASE}/api/v1/me`, { headers: { authorization: `Bearer ${owner.accessToken}` } }),
      { ...env, JWT_SECRET: 'another-secret-that-is-long-enough-1234567' },
    );
    expect(response.status).toBe(401);
  });
});
