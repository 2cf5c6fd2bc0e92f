import { beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../shared/schemas/directory';
import type { Problem } from '../../shared/schemas/problem';
import { addMember, authed, GOOD_PASSWORD, request, type SignedIn, signUp, uniqueEmail } from './helpers';

/**
 * Text that is not well-formed Unicode, or holds control characters, is refused where it enters
 * (422 naming the field) instead of being stored altered: a name with a lone surrogate used to read
 * back as U+FFFD, so its audit event no longer matched its hash and the trail stopped verifying.
 */

const LONE_HIGH = '\udbff';
const LONE_LOW = '\udc00';

async function verifyIntact(session: SignedIn) {
  const verdict = await authed<{ intact: boolean }>(session, '/api/v1/audit/verify');
  expect(verdict.status).toBe(200);
  return verdict.body.intact;
}

function fieldsOf(problem: Problem) {
  return problem.errors?.map((error) => error.field) ?? [];
}

let owner: SignedIn;
beforeAll(async () => {
  owner = await signUp();
});

describe('ill-formed text is refused, naming the field', () => {
  it('refuses a lone surrogate in a sign-up name, and signs up nobody', async () => {
    const email = uniqueEmail('surrogate');
    const response = await request('/api/v1/auth/signup', {
      method: 'POST',
      body: { organisationName: 'Firm', name: `Auditor ${LONE_HIGH} Name`, email, password: GOOD_PASSWORD },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.errors).toEqual([{ field: 'body.name', message: expect.stringContaining('broken') }]);
    const signIn = await request('/api/v1/auth/login', {
      method: 'POST',
      body: { email, password: GOOD_PASSWORD },
    });
    expect(signIn.status).toBe(401);
  });

  it('refuses a lone surrogate in the name given when accepting an invite, and keeps the trail intact', async () => {
    const invited = await authed<{ setupToken: string }>(owner, '/api/v1/members/invites', {
      method: 'POST',
      body: { email: uniqueEmail('invitee'), role: 'auditor' },
    });
    const response = await request('/api/v1/auth/accept-invite', {
      method: 'POST',
      body: {
        setupToken: invited.body.setupToken,
        name: `Auditor ${LONE_HIGH} Name`,
        password: GOOD_PASSWORD,
      },
    });
    expect(response.status).toBe(422);
    expect(fieldsOf((await response.json()) as Problem)).toEqual(['body.name']);
    expect(await verifyIntact(owner)).toBe(true);
  });

  it('refuses NUL and other control characters, and lone surrogates anywhere in a body', async () => {
    for (const [body, field] of [
      [{ name: `Nul${'\u0000'}Person` }, 'body.name'],
      [{ name: `Bell${'\u0007'}Person` }, 'body.name'],
      [{ name: 'Tab\tPerson' }, 'body.name'],
      [{ name: 'Line\nbreak' }, 'body.name'],
      [{ name: 'Fine', email: `a${LONE_LOW}@example.com` }, 'body.email'],
    ] as const) {
      const response = await authed<Problem>(owner, '/api/v1/people', { method: 'POST', body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(fieldsOf(response.body)).toEqual([field]);
    }
    // Object keys are text too: a job role's permissions are keyed by system id.
    const role = await authed<Problem>(owner, '/api/v1/roles', {
      method: 'POST',
      body: { name: 'Role', permissions: { [`sys${LONE_HIGH}`]: [] } },
    });
    expect(role.status).toBe(422);
    expect(fieldsOf(role.body)[0]).toMatch(/^body\.permissions\./);
    expect(await verifyIntact(owner)).toBe(true);
  });

  it('keeps line breaks and tabs where text may have them (a reason)', async () => {
    const person = await authed<Person>(owner, '/api/v1/people', {
      method: 'POST',
      body: { name: 'Leaving Soon' },
    });
    const leave = await authed<Person>(owner, `/api/v1/people/${person.body.id}/leave`, {
      method: 'POST',
      body: { endDate: '2026-11-20', reason: 'Moved away.\nLaptop returned\tyes' },
    });
    expect(leave.status).toBe(200);
    expect(leave.body.leaveReason).toBe('Moved away.\nLaptop returned\tyes');
  });

  it('refuses ids a client chooses that are not safe in a path, . and .. among them', async () => {
    for (const id of ['.', '..', '.hidden', 'a/b', 'a b', '😀', `x${LONE_HIGH}`, 'é']) {
      const response = await authed<Problem>(owner, '/api/v1/people', {
        method: 'POST',
        body: { id, name: 'Chosen Id' },
      });
      expect(response.status, id).toBe(422);
      expect(fieldsOf(response.body), id).toEqual(['body.id']);
    }
    const fine = await authed<Person>(owner, '/api/v1/people', {
      method: 'POST',
      body: { id: 'offline-1.v2_a', name: 'Chosen Id' },
    });
    expect(fine.status).toBe(201);
    expect((await authed(owner, '/api/v1/people/offline-1.v2_a')).status).toBe(200);
  });

  it('refuses bidi controls in usernames and emails, and stores them unaltered in names', async () => {
    const system = await authed<{ id: string }>(owner, '/api/v1/systems', {
      method: 'POST',
      body: { name: 'Bidi Desk' },
    });
    const spoof = await authed<Problem>(owner, '/api/v1/accounts', {
      method: 'POST',
      body: { systemId: system.body.id, username: 'admin\u202egpj.exe' },
    });
    expect(spoof.status).toBe(422);
    expect(fieldsOf(spoof.body)).toEqual(['body.username']);
    const memberEmail = await authed<Problem>(owner, '/api/v1/members/invites', {
      method: 'POST',
      body: { email: 'eve\u2066@example.com', role: 'auditor' },
    });
    expect(memberEmail.status).toBe(422);

    const name = 'ד\u200fנה Levi';
    const person = await authed<Person>(owner, '/api/v1/people', { method: 'POST', body: { name } });
    expect(person.status).toBe(201);
    const read = await authed<Person>(owner, `/api/v1/people/${person.body.id}`);
    expect(read.body.name).toBe(name);
    expect(await verifyIntact(owner)).toBe(true);
  });
});

describe('what is stored is what the trail hashed', () => {
  it('round-trips names with emoji, combining marks and other scripts, and verify stays intact', async () => {
    const owner = await signUp({ name: 'Zoë Ångström 👩🏽‍💼' });
    const names = [
      'Zoë Ångström 👩🏽‍💼',
      'Noe\u0308l Cafe\u0301', // combining marks, not precomposed: stored as sent, not normalised
      '山田 太郎',
      'O’Brien-Smith 🇮🇪',
    ];
    for (const name of names) {
      const created = await authed<Person>(owner, '/api/v1/people', { method: 'POST', body: { name } });
      expect(created.status, name).toBe(201);
      const read = await authed<Person>(owner, `/api/v1/people/${created.body.id}`);
      expect(read.body.name).toBe(name);
    }
    const member = await addMember(owner, 'auditor', 'Zoë 👩🏽‍💼 Noe\u0308l');
    expect(member.member.name).toBe('Zoë 👩🏽‍💼 Noe\u0308l');
    const page = await authed<{ events: { actorName: string }[] }>(owner, '/api/v1/audit?limit=200');
    expect(page.body.events.map((event) => event.actorName)).toContain('Zoë 👩🏽‍💼 Noe\u0308l');
    expect(await verifyIntact(owner)).toBe(true);
  });
});

describe('a username with a lone surrogate', () => {
  it('is refused by a snapshot every time, never a 500, and the same snapshot again answers the same', async () => {
    const admin = await signUp();
    const system = await authed<{ id: string }>(admin, '/api/v1/systems', {
      method: 'POST',
      body: { name: 'PayDesk' },
    });
    const snapshot = { rows: [{ username: `x${'\ud800'}y` }, { username: 'fine.user' }] };
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await authed<Problem>(admin, `/api/v1/systems/${system.body.id}/snapshots`, {
        method: 'POST',
        body: snapshot,
      });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual(['body.rows.0.username']);
    }
    // Nothing was taken in, not even the good row: a snapshot applies whole or not at all.
    const accounts = await authed<{ items: unknown[] }>(admin, `/api/v1/accounts?systemId=${system.body.id}`);
    expect(accounts.body.items).toHaveLength(0);
    expect(await verifyIntact(admin)).toBe(true);
  });

  it('is refused by a sync push naming it, with the field', async () => {
    const admin = await signUp();
    const system = await authed<{ id: string }>(admin, '/api/v1/systems', {
      method: 'POST',
      body: { name: 'PayDesk' },
    });
    const body = {
      mutations: [
        {
          mutationId: `m-${crypto.randomUUID()}`,
          rowId: crypto.randomUUID(),
          baseVersion: null,
          op: 'upsert',
          entity: 'account',
          data: { systemId: system.body.id, username: `x${'\ud800'}y` },
        },
      ],
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await authed<Problem>(admin, '/api/v1/sync', { method: 'POST', body });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual(['body.mutations.0.data.username']);
    }
    expect(await verifyIntact(admin)).toBe(true);
  });
});
