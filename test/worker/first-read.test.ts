import { beforeAll, describe, expect, it } from 'vitest';
import type { Account, Person, System } from '../../shared/schemas/directory';
import { addMember, authed, GOOD_PASSWORD, logIn, request, type SignedIn, signUp } from './helpers';

// A route's first read rides in the sign-in's D1 batch (http/route.ts `withFirstRead`): one round
// trip where there were two. What must not change: a caller the sign-in refuses never sees a row.

let owner: SignedIn;
let outsider: SignedIn;
let paydesk: System;
let grace: Person;
let login: Account;

beforeAll(async () => {
  owner = await signUp({ organisationName: 'Harbour Conveyancing' });
  outsider = await signUp({ organisationName: 'Other Firm' });
  paydesk = (
    await authed<System>(owner, '/api/v1/systems', {
      method: 'POST',
      body: { name: 'PayDesk', adminUrlPatterns: ['https://paydesk.example/admin/*'] },
    })
  ).body;
  grace = (
    await authed<Person>(owner, '/api/v1/people', {
      method: 'POST',
      body: { name: 'Grace Hopper', email: 'grace@harbour.example' },
    })
  ).body;
  login = (
    await authed<Account>(owner, '/api/v1/accounts', {
      method: 'POST',
      body: { systemId: paydesk.id, username: 'ghopper', status: 'active', ownerPersonId: grace.id },
    })
  ).body;
});

/** The D1 round trips a request made (the D1 meter's count), with its status and body. */
async function metered(as: SignedIn, path: string, options: { method?: string; body?: unknown } = {}) {
  const { status, body, response } = await authed(as, path, { ...options, headers: { 'x-d1-meter': '1' } });
  return { status, body, calls: Number(response.headers.get('x-d1-calls')) };
}

describe('a route whose first read rides with the sign-in', () => {
  it('answers a signed-out caller 401 without a row of the firm', async () => {
    const member = await addMember(owner, 'admin', 'Leaving Admin');
    expect((await authed(member, '/api/v1/auth/logout', { method: 'POST' })).status).toBe(204);
    for (const path of ['/api/v1/people', `/api/v1/people/${grace.id}`, '/api/v1/findings', '/api/v1/sync']) {
      const { status, body } = await authed(member, path);
      expect(status, path).toBe(401);
      expect(JSON.stringify(body), path).not.toContain('Grace');
      expect(JSON.stringify(body), path).not.toContain('ghopper');
    }
    const change = await authed(member, `/api/v1/people/${grace.id}`, {
      method: 'PATCH',
      body: { name: 'Signed Out Edit' },
    });
    expect(change.status).toBe(401);
  });

  it('answers a removed member 401, and a demoted one 401 on the old session and 403 on a write after', async () => {
    const removed = await addMember(owner, 'admin', 'Removed Admin');
    expect((await authed(owner, `/api/v1/members/${removed.member.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    const afterRemoval = await authed(removed, '/api/v1/people');
    expect(afterRemoval.status).toBe(401);
    expect(JSON.stringify(afterRemoval.body)).not.toContain('Grace');

    const demoted = await addMember(owner, 'admin', 'Demoted Admin');
    const demote = await authed(owner, `/api/v1/members/${demoted.member.id}`, {
      method: 'PATCH',
      body: { role: 'auditor' },
    });
    expect(demote.status).toBe(200);
    expect((await authed(demoted, `/api/v1/accounts/${login.id}`)).status).toBe(401);

    const again = (await (await logIn(demoted.email, GOOD_PASSWORD)).json()) as { accessToken: string };
    const asAuditor = { ...demoted, accessToken: again.accessToken };
    const refused = await authed(asAuditor, `/api/v1/people/${grace.id}`, {
      method: 'PATCH',
      body: { name: 'Auditor Edit' },
    });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('Grace');
    const unchanged = await authed<Person>(owner, `/api/v1/people/${grace.id}`);
    expect(unchanged.body.name).toBe('Grace Hopper');
    // Reading is still the auditor's to do.
    expect((await authed(asAuditor, `/api/v1/people/${grace.id}`)).status).toBe(200);
  });

  it("never shows or changes another organisation's rows", async () => {
    const list = await authed<{ items: Person[] }>(outsider, '/api/v1/people');
    expect(list.status).toBe(200);
    expect(list.body.items.map((person) => person.name)).not.toContain('Grace Hopper');
    const one = await authed(outsider, `/api/v1/people/${grace.id}`);
    expect(one.status).toBe(404);
    expect(JSON.stringify(one.body)).not.toContain('Grace');
    const change = await authed(outsider, `/api/v1/accounts/${login.id}`, {
      method: 'PATCH',
      body: { lastSignInAt: Date.now() },
    });
    expect(change.status).toBe(404);
    expect((await authed<Account>(owner, `/api/v1/accounts/${login.id}`)).body.lastSignInAt).toBeNull();
  });

  it('answers 401 before 400: who is asking before what they sent', async () => {
    for (const path of [
      '/api/v1/people?limit=nope',
      '/api/v1/accounts?cursor=not-a-cursor',
      '/api/v1/sync?since=-1',
    ]) {
      expect((await request(path)).status, path).toBe(401);
      expect((await authed(owner, path)).status, path).toBe(400);
    }
    const badBody = await request(`/api/v1/accounts/${login.id}`, {
      method: 'PATCH',
      body: { lastSignInAt: 'yesterday' },
    });
    expect(badBody.status).toBe(401);
    expect(
      (
        await authed(owner, `/api/v1/accounts/${login.id}`, {
          method: 'PATCH',
          body: { lastSignInAt: 'yesterday' },
        })
      ).status,
    ).toBe(422);
  });
});

describe('D1 round trips per request', () => {
  it('reads a directory list, a row and a sync page in one, with the sign-in', async () => {
    for (const path of [
      '/api/v1/people?limit=50',
      '/api/v1/accounts?limit=50',
      '/api/v1/systems',
      '/api/v1/roles',
      `/api/v1/people/${grace.id}`,
      '/api/v1/sync?since=0',
    ]) {
      const { status, calls } = await metered(owner, path);
      expect(status, path).toBe(200);
      expect(calls, path).toBe(1);
    }
  });

  it('reads current findings and their summary in one, and findings after a change in three', async () => {
    await metered(owner, '/api/v1/findings');
    const current = await metered(owner, '/api/v1/findings?limit=50');
    expect(current.status).toBe(200);
    expect(current.calls).toBe(1);
    expect((await metered(owner, '/api/v1/findings/summary')).calls).toBe(1);

    await authed(owner, `/api/v1/accounts/${login.id}`, { method: 'PATCH', body: { ownerPersonId: null } });
    const afterChange = await metered(owner, '/api/v1/findings?limit=50');
    expect(afterChange.status).toBe(200);
    expect(JSON.stringify(afterChange.body)).toContain('ghopper');
    // The sign-in with the page, what the change reaches, and the recompute's write with the page
    // read again after it.
    expect(afterChange.calls).toBe(3);
  });

  it('reads the summary after a new person in three, with the new count', async () => {
    await metered(owner, '/api/v1/findings/summary');
    const created = await authed(owner, '/api/v1/people', { method: 'POST', body: { name: 'Ada Lovelace' } });
    expect(created.status).toBe(201);
    const people = (await authed<{ items: Person[] }>(owner, '/api/v1/people?limit=100')).body.items.length;
    const summary = await metered(owner, '/api/v1/findings/summary');
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ checked: { people } });
    // The sign-in with the summary, the logins naming the person with the live counts, and the
    // recompute's write with the summary read again after it.
    expect(summary.calls).toBe(3);
  });

  it('makes the writes of a directory edit in two: the sign-in with its reads, and the audited write', async () => {
    const created = await metered(owner, '/api/v1/people', { method: 'POST', body: { name: 'Alan Turing' } });
    expect(created.status).toBe(201);
    expect(created.calls).toBe(2);
    const person = created.body as Person;
    const renamed = await metered(owner, `/api/v1/people/${person.id}`, {
      method: 'PATCH',
      body: { email: 'alan@harbour.example' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.calls).toBe(2);
    const signedIn = await metered(owner, `/api/v1/accounts/${login.id}`, {
      method: 'PATCH',
      body: { lastSignInAt: Date.now() },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.calls).toBe(2);
  });
});
