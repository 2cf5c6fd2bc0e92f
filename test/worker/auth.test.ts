import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { auditPageSchema } from '../../shared/schemas/audit';
import { meSchema, tokenPairSchema } from '../../shared/schemas/auth';
import { problemSchema } from '../../shared/schemas/problem';
import { verifyChain } from '../../worker/src/audit/queries';
import { publicSigningKey } from '../../worker/src/audit/signing-key';
import { database } from '../../worker/src/db/client';
import { addMember, authed, GOOD_PASSWORD, logIn, request, signUp, uniqueEmail } from './helpers';

describe('sign-up and sign-in', () => {
  it('creates an organisation whose first member is its owner, signed in', async () => {
    const owner = await signUp({ organisationName: 'Harbour Travel', name: 'Hana Owner' });
    expect(owner.member.role).toBe('owner');
    expect(owner.organisation.name).toBe('Harbour Travel');
    const me = await authed(owner, '/api/v1/me');
    expect(me.status).toBe(200);
    const body = meSchema.parse(me.body);
    expect(body.member.name).toBe('Hana Owner');
    // The defaults: session limits, and the rule thresholds every member's findings use.
    expect(body.organisation.settings).toMatchObject({
      sessionIdleMinutes: 60,
      sessionAbsoluteHours: 12,
      dormantDays: 45,
      timeZone: 'UTC',
    });
  });

  it('signs a member in with the right password and answers tokens', async () => {
    const owner = await signUp();
    const response = await logIn(owner.email.toUpperCase(), GOOD_PASSWORD);
    expect(response.status).toBe(200);
    const pair = tokenPairSchema.parse(await response.json());
    expect(pair.member.id).toBe(owner.member.id);
    expect(pair.expiresIn).toBeLessThanOrEqual(15 * 60);
    expect((await authed(pair, '/api/v1/me')).status).toBe(200);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const owner = await signUp();
    const wrong = await logIn(owner.email, 'not the password at all');
    const unknown = await logIn(uniqueEmail('nobody'), 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [problemSchema.parse(await wrong.json()), problemSchema.parse(await unknown.json())];
    expect(a.detail).toBe(b.detail);
  });

  it('refuses a second sign-up with the same email', async () => {
    const owner = await signUp();
    const response = await request('/api/v1/auth/signup', {
      method: 'POST',
      body: {
        organisationName: 'Another Firm',
        name: 'Someone',
        email: owner.email,
        password: GOOD_PASSWORD,
      },
    });
    expect(response.status).toBe(409);
  });

  it('lets an invited member in with the role they were given', async () => {
    const owner = await signUp();
    const auditor = await addMember(owner, 'auditor');
    expect(auditor.member.role).toBe('auditor');
    expect(auditor.organisation.id).toBe(owner.organisation.id);
  });

  it('refuses requests without a valid token', async () => {
    expect((await request('/api/v1/me')).status).toBe(401);
    expect((await request('/api/v1/me', { token: 'nonsense' })).status).toBe(401);
  });
});

describe('changing a password', () => {
  const change = (session: { accessToken: string }, currentPassword: string, newPassword: string) =>
    authed(session, '/api/v1/me/password', { method: 'POST', body: { currentPassword, newPassword } });

  it('needs the current password, then ends the other sessions and keeps this one', async () => {
    const owner = await signUp();
    const other = tokenPairSchema.parse(await (await logIn(owner.email, GOOD_PASSWORD)).json());
    expect((await change(owner, 'not my password!', 'a brand new passphrase 9')).status).toBe(403);
    expect((await change(owner, GOOD_PASSWORD, 'password123456')).status).toBe(422);
    expect((await change(owner, GOOD_PASSWORD, 'a brand new passphrase 9')).status).toBe(204);
    expect((await authed(owner, '/api/v1/me')).status).toBe(200);
    expect((await authed(other, '/api/v1/me')).status).toBe(401);
    expect((await logIn(owner.email, GOOD_PASSWORD)).status).toBe(401);
    expect((await logIn(owner.email, 'a brand new passphrase 9')).status).toBe(200);
  });
});

describe('sign-in attempts in the audit trail', () => {
  it('records successes and failures with where they came from', async () => {
    const owner = await signUp();
    await logIn(owner.email, 'wrong password entirely', { 'cf-connecting-ip': '192.0.2.77' });
    await logIn(owner.email, GOOD_PASSWORD, { 'cf-connecting-ip': '192.0.2.78' });
    const page = auditPageSchema.parse((await authed(owner, '/api/v1/audit?limit=10')).body);
    const failed = page.events.find((event) => event.action === 'auth.login_failed');
    const success = page.events.find((event) => event.action === 'auth.login' && event.ip === '192.0.2.78');
    expect(failed).toMatchObject({ actorId: owner.member.id, ip: '192.0.2.77', targetId: owner.member.id });
    expect(success).toBeDefined();
  });

  it('records attempts naming no member on a chain of their own, kept whole', async () => {
    const nobody = uniqueEmail('ghost');
    await logIn(nobody, 'whatever it may be');
    const row = await env.DB.prepare(
      "SELECT action, actor_name, after FROM audit_events WHERE org_id = '' AND actor_name = ?",
    )
      .bind(nobody)
      .first<{ action: string; after: string }>();
    expect(row?.action).toBe('auth.login_failed');
    expect(row?.after).not.toContain('whatever');
    expect(await verifyChain(database(env.DB), '', await publicSigningKey())).toMatchObject({ intact: true });
  });
});
