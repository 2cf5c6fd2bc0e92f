import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { allOperations } from '../../shared/contract';
import { fillPath } from '../../shared/contract/operation';
import { apiKeyListSchema, createdApiKeySchema } from '../../shared/schemas/api-keys';
import { auditPageSchema } from '../../shared/schemas/audit';
import { sha256Hex } from '../../shared/web-crypto';
import { addMember, authed, request, type SignedIn, signUp, signUpWithSecondFactor } from './helpers';
import { validBodies } from './route-fixtures';

let owner: SignedIn;

beforeAll(async () => {
  owner = await signUp({ name: 'Olive Owner' });
});

/** Creates a key as `member`; answers the key and its secret. */
async function createKey(
  member: { accessToken: string },
  body: { name: string; role: string; expiresAt?: number },
) {
  const created = await authed(member, '/api/v1/api-keys', { method: 'POST', body });
  if (created.status !== 201)
    throw new Error(`creating a key failed: ${created.status} ${JSON.stringify(created.body)}`);
  const { key, secret } = createdApiKeySchema.parse(created.body);
  return { key, secret, apiKey: secret };
}

describe('creating an API key', () => {
  it('answers the secret once, with its prefix; the list never shows it, and only its hash is stored', async () => {
    const expiresAt = Date.now() + 30 * 86_400_000;
    const created = await authed(owner, '/api/v1/api-keys', {
      method: 'POST',
      body: { name: 'Payroll import', role: 'admin', expiresAt },
    });
    expect(created.status).toBe(201);
    const { key, secret } = createdApiKeySchema.parse(created.body);
    expect(secret).toMatch(/^rck_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({
      name: 'Payroll import',
      role: 'admin',
      prefix: secret.slice(0, 12),
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
      createdBy: { id: owner.member.id, name: 'Olive Owner' },
    });

    const listed = await authed(owner, '/api/v1/api-keys');
    expect(listed.status).toBe(200);
    expect(apiKeyListSchema.parse(listed.body).keys.map((row) => row.id)).toContain(key.id);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(12));

    const stored = await env.DB.prepare('SELECT * FROM api_keys WHERE id = ?').bind(key.id).first();
    expect(stored?.secret_hash).toBe(await sha256Hex(secret));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(12));
  });

  it('lets an admin create keys up to admin, never owner, and nobody below admin create one', async () => {
    const admin = await addMember(owner, 'admin', 'Ada Admin');
    expect((await createKey(admin, { name: 'Admin script', role: 'admin' })).key.role).toBe('admin');
    const asOwner = await authed(owner, '/api/v1/api-keys', {
      method: 'POST',
      body: { name: 'Too strong', role: 'owner' },
    });
    expect(asOwner.status).toBe(422);
    expect(JSON.stringify(asOwner.body)).toContain('body.role');
    const reviewer = await addMember(owner, 'reviewer', 'Rex Reviewer');
    const byReviewer = await authed(reviewer, '/api/v1/api-keys', {
      method: 'POST',
      body: { name: 'Mine', role: 'auditor' },
    });
    expect(byReviewer.status).toBe(403);
  });

  it('refuses an expiry in the past, naming the field', async () => {
    const past = await authed(owner, '/api/v1/api-keys', {
      method: 'POST',
      body: { name: 'Old', role: 'auditor', expiresAt: Date.now() - 1000 },
    });
    expect(past.status).toBe(422);
    expect(past.response.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(past.body)).toContain('body.expiresAt');
  });

  it('needs a second-factor code given in the last 15 minutes where the firm requires one', async () => {
    const strict = await signUpWithSecondFactor();
    const fresh = await authed(strict, '/api/v1/api-keys', {
      method: 'POST',
      body: { name: 'Fresh', role: 'auditor' },
    });
    expect(fresh.status).toBe(201);

    await env.DB.prepare('UPDATE sessions SET second_factor_at = ? WHERE member_id = ?')
      .bind(Date.now() - 16 * 60_000, strict.member.id)
      .run();
    const stale = await authed(strict, '/api/v1/api-keys', {
      method: 'POST',
      body: { name: 'Stale', role: 'auditor' },
    });
    expect(stale.status).toBe(403);
    expect((stale.body as { detail: string }).detail).toMatch(/sign in again with your authenticator code/i);
  });
});

describe('a request with an API key', () => {
  it('acts with the key’s role: an auditor key reads and changes nothing, an admin key changes', async () => {
    const auditor = await createKey(owner, { name: 'Reports', role: 'auditor' });
    expect((await authed(auditor, '/api/v1/people')).status).toBe(200);
    const refused = await authed(auditor, '/api/v1/people', { method: 'POST', body: { name: 'Nope' } });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('owner, admin');

    const admin = await createKey(owner, { name: 'Staff sync', role: 'admin' });
    expect(
      (await authed(admin, '/api/v1/people', { method: 'POST', body: { name: 'Kim Key' } })).status,
    ).toBe(201);
    // Owner-only operations stay out of reach of every key.
    const owners = await authed(admin, '/api/v1/organisation', {
      method: 'PATCH',
      body: { name: 'Renamed' },
    });
    expect(owners.status).toBe(403);
  });

  it('is audited under the key’s name and its creator', async () => {
    const { key, apiKey } = await createKey(owner, { name: 'HR feed', role: 'admin' });
    const made = await authed<{ id: string }>({ apiKey }, '/api/v1/people', {
      method: 'POST',
      body: { name: 'Audited Person' },
    });
    expect(made.status).toBe(201);
    const page = auditPageSchema.parse(
      (await authed(owner, `/api/v1/audit?targetId=${made.body.id}&action=person.create`)).body,
    );
    expect(page.events).toHaveLength(1);
    expect(page.events[0]).toMatchObject({
      actorId: key.id,
      actorName: 'key HR feed (created by Olive Owner)',
    });
  });

  it('records its last use, at most once a minute', async () => {
    const { key, apiKey } = await createKey(owner, { name: 'Counted', role: 'auditor' });
    expect((await authed({ apiKey }, '/api/v1/organisation')).status).toBe(200);
    const lastUse = async () =>
      apiKeyListSchema
        .parse((await authed(owner, '/api/v1/api-keys')).body)
        .keys.find((row) => row.id === key.id)?.lastUsedAt;
    const first = await lastUse();
    expect(first).toBeGreaterThan(0);
    expect((await authed({ apiKey }, '/api/v1/organisation')).status).toBe(200);
    expect(await lastUse()).toBe(first);
  });

  it('never sees another organisation', async () => {
    const other = await signUp({ organisationName: 'Other Firm' });
    const theirs = await authed<{ id: string }>(other, '/api/v1/people', {
      method: 'POST',
      body: { name: 'Their Secret Person' },
    });
    const { apiKey } = await createKey(owner, { name: 'Scoped', role: 'admin' });
    expect((await authed({ apiKey }, `/api/v1/people/${theirs.body.id}`)).status).toBe(404);
    const listed = await authed({ apiKey }, '/api/v1/people');
    expect(JSON.stringify(listed.body)).not.toContain('Their Secret Person');
    const organisation = await authed<{ id: string }>({ apiKey }, '/api/v1/organisation');
    expect(organisation.body.id).toBe(owner.organisation.id);
  });

  it('is refused when unknown, malformed, or sent with an access token too', async () => {
    const unknown = await authed({ apiKey: `rck_${'A'.repeat(43)}` }, '/api/v1/people');
    expect(unknown.status).toBe(401);
    expect(unknown.response.headers.get('www-authenticate')).toBeTruthy();
    expect((await authed({ apiKey: 'not-a-key' }, '/api/v1/people')).status).toBe(401);
    const { apiKey } = await createKey(owner, { name: 'Both', role: 'auditor' });
    const both = await request('/api/v1/people', {
      token: owner.accessToken,
      headers: { 'x-api-key': apiKey },
    });
    expect(both.status).toBe(401);
  });
});

describe('a key stops working', () => {
  it('at once when revoked', async () => {
    const { key, apiKey } = await createKey(owner, { name: 'Short lived', role: 'auditor' });
    expect((await authed({ apiKey }, '/api/v1/people')).status).toBe(200);
    expect((await authed(owner, `/api/v1/api-keys/${key.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = await authed({ apiKey }, '/api/v1/people');
    expect(after.status).toBe(401);
    expect(JSON.stringify(after.body)).toContain('revoked');
    expect((await authed(owner, `/api/v1/api-keys/${key.id}`, { method: 'DELETE' })).status).toBe(404);
    const listed = apiKeyListSchema.parse((await authed(owner, '/api/v1/api-keys')).body);
    expect(listed.keys.find((row) => row.id === key.id)?.revokedAt).toBeGreaterThan(0);
    const events = auditPageSchema.parse(
      (await authed(owner, `/api/v1/audit?targetId=${key.id}&action=api_key.revoke`)).body,
    ).events;
    expect(events.map((event) => event.actorName)).toEqual(['Olive Owner']);
  });

  it('when it expires', async () => {
    const { key, apiKey } = await createKey(owner, {
      name: 'Expiring',
      role: 'auditor',
      expiresAt: Date.now() + 60_000,
    });
    expect((await authed({ apiKey }, '/api/v1/people')).status).toBe(200);
    await env.DB.prepare('UPDATE api_keys SET expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1, key.id)
      .run();
    const expired = await authed({ apiKey }, '/api/v1/people');
    expect(expired.status).toBe(401);
    expect(JSON.stringify(expired.body)).toContain('expired');
  });

  it('when its creator is removed', async () => {
    const admin = await addMember(owner, 'admin', 'Leaving Admin');
    const { apiKey } = await createKey(admin, { name: 'Orphan', role: 'auditor' });
    expect((await authed({ apiKey }, '/api/v1/people')).status).toBe(200);
    expect((await authed(owner, `/api/v1/members/${admin.member.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await authed({ apiKey }, '/api/v1/people')).status).toBe(401);
  });
});

describe('operations refused to API keys', () => {
  const refused = allOperations.filter((operation) => operation.keys === false);

  it('cover members, keys, sessions, second factors and passwords', () => {
    expect(refused.map((operation) => operation.path)).toEqual(
      expect.arrayContaining([
        '/api/v1/members/invites',
        '/api/v1/members/:id',
        '/api/v1/members/:id/second-factor',
        '/api/v1/api-keys',
        '/api/v1/api-keys/:id',
        '/api/v1/sessions',
        '/api/v1/me/second-factor',
        '/api/v1/me/password',
      ]),
    );
  });

  // Generated from the contract: every operation marked `keys: false` refuses even an admin key.
  for (const operation of refused) {
    const route = `${operation.method.toUpperCase()} ${operation.path}`;
    it(route, async () => {
      const { apiKey } = await createKey(owner, { name: `Refused ${route}`, role: 'admin' });
      const response = await authed({ apiKey }, fillPath(operation.path, { id: owner.member.id }), {
        method: operation.method.toUpperCase(),
        body: operation.body ? validBodies[route] : undefined,
      });
      expect(response.status).toBe(403);
      expect(response.response.headers.get('content-type')).toContain('application/problem+json');
      expect((response.body as { detail: string }).detail).toMatch(/^API keys cannot do this/);
    });
  }
});
