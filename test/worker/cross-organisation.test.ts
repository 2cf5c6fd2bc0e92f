import { beforeAll, describe, expect, it } from 'vitest';
import { allOperations } from '../../shared/contract';
import { fillPath } from '../../shared/contract/operation';
import { sessionListSchema } from '../../shared/schemas/auth';
import { createdInviteSchema, memberListSchema } from '../../shared/schemas/members';
import { addMember, authed, type SignedIn, signUp, uniqueEmail } from './helpers';
import { type ForeignIds, foreignPathParams, validBodies } from './route-fixtures';

/**
 * Generated from the contract (shared/contract): for every authenticated route, a member of organisation A names
 * what belongs to organisation B, and must get 404 (path ids), nothing of B (lists and queries), or a
 * refusal of the foreign field (bodies). A new operation is covered the moment it is declared.
 */
let mine: SignedIn;
let theirs: SignedIn;
let theirMember: SignedIn;
let ids: ForeignIds;
let secrets: string[];

beforeAll(async () => {
  mine = await signUp({ organisationName: 'Mine Ltd' });
  theirs = await signUp({ organisationName: 'Theirs Ltd', name: 'Their Owner' });
  theirMember = await addMember(theirs, 'reviewer', 'Their Reviewer');
  const invite = await authed(theirs, '/api/v1/members/invites', {
    method: 'POST',
    body: { email: uniqueEmail('their-invitee'), role: 'auditor' },
  });
  const session = sessionListSchema.parse((await authed(theirMember, '/api/v1/sessions')).body).sessions[0];
  const person = (
    await authed<{ id: string }>(theirs, '/api/v1/people', { method: 'POST', body: { name: 'Their Person' } })
  ).body;
  const system = (
    await authed<{ id: string }>(theirs, '/api/v1/systems', {
      method: 'POST',
      body: { name: 'Their System', permissions: [{ name: 'their.permission' }] },
    })
  ).body;
  const role = (
    await authed<{ id: string }>(theirs, '/api/v1/roles', {
      method: 'POST',
      body: { name: 'Their Role', permissions: { [system.id]: ['their.permission'] } },
    })
  ).body;
  const account = (
    await authed<{ id: string }>(theirs, '/api/v1/accounts', {
      method: 'POST',
      body: { systemId: system.id, username: 'their.login', ownerPersonId: person.id },
    })
  ).body;
  // A campaign of theirs, closed so its revoke default made a to-do.
  // A finding of theirs, dismissed: taking a dismissal back from here has one in force to miss.
  const theirFindings = (await authed<{ findings: { id: string }[] }>(theirs, '/api/v1/findings')).body;
  const finding = theirFindings.findings[0];
  if (!finding) throw new Error('setup made no foreign finding');
  const dismissal = await authed(theirs, `/api/v1/findings/${finding.id}/dismiss`, {
    method: 'POST',
    body: { reason: 'Their reason', expiresAt: Date.now() + 86_400_000 },
  });
  if (dismissal.status !== 200) throw new Error(`setup could not dismiss their finding: ${dismissal.status}`);
  const campaign = (
    await authed<{ id: string }>(theirs, '/api/v1/reviews', {
      method: 'POST',
      body: { name: 'Their Review', reviewerIds: [theirMember.member.id], dueAt: Date.now() + 86_400_000 },
    })
  ).body;
  const items = (await authed<{ items: { id: string }[] }>(theirs, `/api/v1/reviews/${campaign.id}/items`))
    .body;
  await authed(theirs, `/api/v1/reviews/${campaign.id}/close`, { method: 'POST' });
  const todo = (await authed<{ items: { id: string }[] }>(theirs, '/api/v1/todos')).body.items[0];
  if (!items.items[0] || !todo) throw new Error('setup made no foreign review item or to-do');
  const apiKey = await authed<{ key: { id: string } }>(theirs, '/api/v1/api-keys', {
    method: 'POST',
    body: { name: 'Their Key', role: 'admin' },
  });
  if (apiKey.status !== 201) throw new Error(`setup could not create their API key: ${apiKey.status}`);
  ids = {
    apiKeyId: apiKey.body.key.id,
    campaignId: campaign.id,
    itemId: items.items[0]?.id ?? '',
    todoId: todo?.id ?? '',
    personId: person.id,
    systemId: system.id,
    jobRoleId: role.id,
    accountId: account.id,
    findingId: finding.id,
    organisationId: theirs.organisation.id,
    memberId: theirMember.member.id,
    ownerId: theirs.member.id,
    inviteId: createdInviteSchema.parse(invite.body).invite.id,
    sessionId: session?.id ?? '',
  };
  secrets = [
    ...Object.values(ids),
    theirs.email,
    theirMember.email,
    'Theirs Ltd',
    'Their Reviewer',
    'Their Person',
    'Their System',
    'their.login',
    'Their Review',
    'Their Key',
  ];
});

function leaks(text: string): string[] {
  return secrets.filter((secret) => text.includes(secret));
}

// Device routes act for the credential's own person only: observations.test.ts covers them.
const guarded = allOperations.filter((route) => route.roles !== 'public' && route.roles !== 'device');

describe('no route reaches another organisation', () => {
  it('covers the routes', () => {
    expect(guarded.length).toBeGreaterThan(8);
  });

  for (const route of guarded) {
    const key = `${route.method.toUpperCase()} ${route.path}`;
    it(key, async () => {
      const hasParams = /:\w/.test(route.path);
      const body = route.body ? validBodies[key] : undefined;
      if (route.body) expect(body, `add a valid body for ${key} to route-fixtures.ts`).toBeDefined();

      if (hasParams) {
        const params = foreignPathParams[route.path];
        expect(params, `add foreign ids for ${route.path} to route-fixtures.ts`).toBeDefined();
        const response = await authed(mine, fillPath(route.path, params?.(ids) ?? {}), {
          method: route.method.toUpperCase(),
          body,
        });
        expect(response.status, key).toBe(404);
        // The problem's `instance` repeats the path asked for; nothing else may name the other side.
        const { instance: _, ...problem } = response.body as Record<string, unknown>;
        expect(leaks(JSON.stringify(problem))).toEqual([]);
        return;
      }
      if (route.method === 'get') {
        // Every id-like query key gets an id of the other organisation.
        const shape = (route.query as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
        const query = new URLSearchParams();
        for (const name of Object.keys(shape)) {
          if (/Id$/.test(name))
            query.set(name, name === 'memberId' || name === 'actorId' ? ids.memberId : ids.organisationId);
        }
        if (route.path === '/api/v1/audit/export') query.set('format', 'ndjson');
        for (const search of ['', query.toString()]) {
          const response = await authed(mine, `${route.path}${search ? `?${search}` : ''}`);
          expect(response.status, `${key}?${search}`).toBeLessThan(500);
          expect(
            leaks(typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '')),
          ).toEqual([]);
        }
        return;
      }
      // A body naming the other organisation is refused: the organisation only ever comes from the token.
      const response = await authed(mine, route.path, {
        method: route.method.toUpperCase(),
        body: { ...(body as object), orgId: ids.organisationId },
      });
      expect(response.status, key).toBe(422);
      expect(JSON.stringify(response.body)).toContain('body');
    });
  }

  it('left the other organisation untouched', async () => {
    const members = memberListSchema.parse((await authed(theirs, '/api/v1/members')).body).members;
    expect(members.map((member) => member.id).sort()).toEqual([ids.memberId, ids.ownerId].sort());
    expect(members.find((member) => member.id === ids.memberId)?.role).toBe('reviewer');
    expect((await authed(theirMember, '/api/v1/me')).status).toBe(200);
    const audit = (await authed(theirs, '/api/v1/audit?limit=500')).body as {
      events: { actorId: string | null }[];
    };
    expect(audit.events.some((event) => event.actorId === mine.member.id)).toBe(false);
    expect((await authed(theirs, '/api/v1/audit/verify')).body).toMatchObject({ intact: true });
    const person = await authed(theirs, `/api/v1/people/${ids.personId}`);
    expect(person.body).toMatchObject({ name: 'Their Person', status: 'active', deleted: false });
    const account = await authed(theirs, `/api/v1/accounts/${ids.accountId}`);
    expect(account.body).toMatchObject({
      username: 'their.login',
      ownerPersonId: ids.personId,
      status: 'active',
    });
    expect((await authed(theirs, `/api/v1/systems/${ids.systemId}`)).body).toMatchObject({
      name: 'Their System',
    });
    const findings = (await authed(theirs, '/api/v1/findings')).body as { dismissed: number };
    expect(findings.dismissed).toBe(1);
  });
});
