import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createdEnrolmentSchema,
  deviceListSchema,
  joinedSchema,
  observationListSchema,
  ownObservationsSchema,
} from '../../shared/schemas/observations';
import { checkOrganisation } from '../../worker/src/daily-check/daily-check';
import { database } from '../../worker/src/db/client';
import { addMember, authed, request, type SignedIn, signUp } from './helpers';

const DAY = 86_400_000;

type Firm = { owner: SignedIn; systemId: string; people: Record<string, string> };

async function newFirm(names: string[]): Promise<Firm> {
  const owner = await signUp();
  const system = await authed<{ id: string }>(owner, '/api/v1/systems', {
    method: 'POST',
    body: { name: 'CaseLedger', signInUrlPatterns: ['https://caseledger.example/login*'] },
  });
  const people: Record<string, string> = {};
  for (const name of names) {
    const person = await authed<{ id: string }>(owner, '/api/v1/people', { method: 'POST', body: { name } });
    people[name] = person.body.id;
  }
  return { owner, systemId: system.body.id, people };
}

async function enrolCode(manager: SignedIn, personId: string): Promise<string> {
  const made = await authed(manager, '/api/v1/enrolments', { method: 'POST', body: { personId } });
  expect(made.status).toBe(201);
  return createdEnrolmentSchema.parse(made.body).code;
}

async function join(code: string) {
  const response = await request('/api/v1/devices/join', {
    method: 'POST',
    body: { code, label: 'Front desk' },
  });
  return { status: response.status, body: await response.json() };
}

async function enrol(firm: Firm, name: string): Promise<string> {
  const joined = await join(await enrolCode(firm.owner, firm.people[name] as string));
  expect(joined.status).toBe(201);
  return joinedSchema.parse(joined.body).credential;
}

function report(
  credential: string,
  observations: { systemId: string; login: string; observedAt?: number }[],
) {
  return authed({ accessToken: credential }, '/api/v1/observations', {
    method: 'POST',
    body: { observations: observations.map((o) => ({ observedAt: Date.now(), ...o })) },
  });
}

const turnOn = (owner: SignedIn, body: object = { enabled: true }) =>
  authed(owner, '/api/v1/observations/settings', { method: 'PUT', body });

async function auditActions(owner: SignedIn): Promise<string[]> {
  const audit = await authed<{ events: { action: string }[] }>(owner, '/api/v1/audit?limit=500');
  return audit.body.events.map((event) => event.action);
}

describe('enrolment', () => {
  let firm: Firm;
  beforeAll(async () => {
    firm = await newFirm(['Rita Reception', 'Sam Smith']);
  });

  it('gives a browser a credential bound to the person, once per code', async () => {
    const code = await enrolCode(firm.owner, firm.people['Rita Reception'] as string);
    expect(code).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/);
    // Typed in lower case without dashes, it still works.
    const joined = await join(code.toLowerCase().replaceAll('-', ' '));
    expect(joined.status).toBe(201);
    const body = joinedSchema.parse(joined.body);
    expect(body.device.personName).toBe('Rita Reception');
    expect(body.observationsEnabled).toBe(false);
    expect(body.systems.map((s) => s.name)).toEqual(['CaseLedger']);
    expect(body.credential).toMatch(/^rcd_/);

    const again = await join(code);
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ detail: expect.stringContaining('already used') });
  });

  it('tells what joining means before the browser joins, leaving the code unused', async () => {
    const code = await enrolCode(firm.owner, firm.people['Sam Smith'] as string);
    const preview = await request('/api/v1/devices/preview', { method: 'POST', body: { code } });
    expect(preview.status).toBe(200);
    expect(await preview.json()).toEqual({
      personName: 'Sam Smith',
      organisationName: expect.any(String),
      observationsEnabled: false,
      systems: [
        { id: firm.systemId, name: 'CaseLedger', signInUrlPatterns: ['https://caseledger.example/login*'] },
      ],
    });
    expect((await join(code)).status).toBe(201);
    const spent = await request('/api/v1/devices/preview', { method: 'POST', body: { code } });
    expect(spent.status).toBe(401);
    const bad = await request('/api/v1/devices/preview', { method: 'POST', body: { code: 'x' } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('body.code');
  });

  it('is for admins and owners, for a person of their own firm', async () => {
    const reviewer = await addMember(firm.owner, 'reviewer');
    const refused = await authed(reviewer, '/api/v1/enrolments', {
      method: 'POST',
      body: { personId: firm.people['Rita Reception'] },
    });
    expect(refused.status).toBe(403);
    const other = await newFirm(['Other Person']);
    const foreign = await authed(firm.owner, '/api/v1/enrolments', {
      method: 'POST',
      body: { personId: other.people['Other Person'] },
    });
    expect(foreign.status).toBe(422);
    expect(JSON.stringify(foreign.body)).toContain('body.personId');
  });

  it('keeps only hashes of codes and credentials', async () => {
    const code = await enrolCode(firm.owner, firm.people['Sam Smith'] as string);
    const credential = joinedSchema.parse((await join(code)).body).credential;
    const dump = JSON.stringify([
      await env.DB.prepare('SELECT * FROM enrolments').all(),
      await env.DB.prepare('SELECT * FROM devices').all(),
      await env.DB.prepare('SELECT * FROM audit_events').all(),
    ]);
    expect(dump).not.toContain(credential);
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(code.replaceAll('-', ''));
  });
});

describe('device credentials', () => {
  let firm: Firm;
  let credential: string;
  beforeAll(async () => {
    firm = await newFirm(['Rita Reception', 'Sam Smith']);
    await turnOn(firm.owner);
    credential = await enrol(firm, 'Rita Reception');
  });

  it('are not member tokens, and a member token is not one', async () => {
    expect((await authed({ accessToken: credential }, '/api/v1/me')).status).toBe(401);
    expect((await authed({ accessToken: credential }, '/api/v1/people')).status).toBe(401);
    const asMember = await report(firm.owner.accessToken, [{ systemId: firm.systemId, login: 'reception' }]);
    expect(asMember.status).toBe(401);
  });

  it('read only their own person’s observations', async () => {
    const sam = await enrol(firm, 'Sam Smith');
    expect((await report(credential, [{ systemId: firm.systemId, login: 'rita' }])).status).toBe(200);
    expect((await report(sam, [{ systemId: firm.systemId, login: 'ssmith' }])).status).toBe(200);
    const mine = ownObservationsSchema.parse(
      (await authed({ accessToken: sam }, '/api/v1/observations/mine')).body,
    );
    expect(mine.personName).toBe('Sam Smith');
    expect(mine.observations.map((o) => o.login)).toEqual(['ssmith']);
    expect(mine.systems[0]?.signInUrlPatterns).toEqual(['https://caseledger.example/login*']);
  });

  it('cannot report to a system of another organisation', async () => {
    const other = await newFirm(['Other Person']);
    const response = await report(credential, [{ systemId: other.systemId, login: 'reception' }]);
    expect(response.status).toBe(422);
    expect(JSON.stringify(response.body)).toContain('body.observations.0.systemId');
  });

  it('stop working when rotated, and the new one works', async () => {
    const own = await enrol(firm, 'Rita Reception');
    const rotated = await authed<{ credential: string }>({ accessToken: own }, '/api/v1/devices/rotate', {
      method: 'POST',
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.credential).not.toBe(own);
    expect((await authed({ accessToken: own }, '/api/v1/observations/mine')).status).toBe(401);
    expect((await authed({ accessToken: rotated.body.credential }, '/api/v1/observations/mine')).status).toBe(
      200,
    );
  });

  it('stop working when the admin revokes the browser, which only their own firm can do', async () => {
    const own = await enrol(firm, 'Sam Smith');
    const listed = deviceListSchema.parse(
      (await authed(firm.owner, `/api/v1/devices?personId=${firm.people['Sam Smith']}`)).body,
    );
    expect(listed.devices.length).toBe(2);
    expect(listed.devices.every((d) => d.personName === 'Sam Smith' && d.label === 'Front desk')).toBe(true);
    const newest = listed.devices[0]?.id as string;

    const other = await newFirm([]);
    expect((await authed(other.owner, `/api/v1/devices/${newest}`, { method: 'DELETE' })).status).toBe(404);
    expect((await authed({ accessToken: own }, '/api/v1/observations/mine')).status).toBe(200);

    expect((await authed(firm.owner, `/api/v1/devices/${newest}`, { method: 'DELETE' })).status).toBe(204);
    const after = await authed({ accessToken: own }, '/api/v1/observations/mine');
    expect(after.status).toBe(401);
    expect(JSON.stringify(after.body)).toContain('revoked');
    expect(await auditActions(firm.owner)).toEqual(expect.arrayContaining(['device.enrol', 'device.revoke']));
  });
});

describe('observations', () => {
  let firm: Firm;
  let rita: string;
  let sam: string;
  beforeAll(async () => {
    firm = await newFirm(['Rita Reception', 'Sam Smith']);
    rita = await enrol(firm, 'Rita Reception');
    sam = await enrol(firm, 'Sam Smith');
  });

  it('are refused until an owner turns them on', async () => {
    const off = await report(rita, [{ systemId: firm.systemId, login: 'reception' }]);
    expect(off.status).toBe(409);
    const admin = await addMember(firm.owner, 'admin');
    expect((await turnOn(admin)).status).toBe(403);
    expect((await turnOn(firm.owner)).body).toEqual({ enabled: true, retentionDays: 90 });
    expect((await authed(admin, '/api/v1/observations/settings')).body).toEqual({
      enabled: true,
      retentionDays: 90,
    });
  });

  it('match logins case-insensitively and on their look-alike skeleton, making unknown ones unowned accounts', async () => {
    const made = await authed<{ id: string }>(firm.owner, '/api/v1/accounts', {
      method: 'POST',
      body: { systemId: firm.systemId, username: 'Reception' },
    });
    expect((await report(rita, [{ systemId: firm.systemId, login: 'reception' }])).body).toEqual({
      recorded: 1,
      newPairs: 1,
    });
    // Cyrillic "е" in place of the Latin one.
    expect((await report(sam, [{ systemId: firm.systemId, login: 'r\u0435ception' }])).body).toEqual({
      recorded: 1,
      newPairs: 1,
    });
    await report(rita, [{ systemId: firm.systemId, login: 'newlogin' }]);

    const accounts = await authed<{
      items: { id: string; username: string; ownerPersonId: string | null }[];
    }>(firm.owner, `/api/v1/accounts?systemId=${firm.systemId}`);
    expect(accounts.body.items.map((a) => a.username).sort()).toEqual(['Reception', 'newlogin']);
    expect(accounts.body.items.find((a) => a.username === 'newlogin')?.ownerPersonId).toBeNull();

    const rows = await env.DB.prepare('SELECT person_id FROM sign_in_observations WHERE account_id = ?')
      .bind(made.body.id)
      .all<{ person_id: string }>();
    expect(rows.results.map((r) => r.person_id).sort()).toEqual(
      [firm.people['Rita Reception'], firm.people['Sam Smith']].sort(),
    );
  });

  it('are audited once per new person and login, not per sign-in', async () => {
    const before = (await auditActions(firm.owner)).filter((a) => a === 'observation.new_login_user').length;
    for (let day = 1; day <= 3; day += 1) {
      const response = await report(rita, [
        { systemId: firm.systemId, login: 'RECEPTION', observedAt: Date.now() - day * 1000 },
      ]);
      expect(response.body).toEqual({ recorded: 1, newPairs: 0 });
    }
    const after = (await auditActions(firm.owner)).filter((a) => a === 'observation.new_login_user').length;
    expect(after).toBe(before);
  });

  it('refuse bad input with the field named', async () => {
    const future = await report(rita, [
      { systemId: firm.systemId, login: 'x', observedAt: Date.now() + DAY },
    ]);
    expect(future.status).toBe(422);
    expect(JSON.stringify(future.body)).toContain('body.observations.0.observedAt');
    const empty = await authed({ accessToken: rita }, '/api/v1/observations', {
      method: 'POST',
      body: { observations: [{ systemId: firm.systemId, login: '  ', observedAt: 1 }] },
    });
    expect(empty.status).toBe(422);
    expect(JSON.stringify(empty.body)).toContain('body.observations.0.login');
  });

  it('show up as a shared login naming both people', async () => {
    const findings = await authed<{ findings: { ruleId: string; evidence: string }[] }>(
      firm.owner,
      '/api/v1/findings',
    );
    const shared = findings.body.findings.find((f) => f.ruleId === 'shared-login');
    expect(shared?.evidence).toContain('Rita Reception');
    expect(shared?.evidence).toContain('Sam Smith');
  });

  it('are listed to the firm’s members for their findings offline, and to no staff browser', async () => {
    const reviewer = await addMember(firm.owner, 'reviewer');
    const listed = await authed(reviewer, '/api/v1/observations');
    expect(listed.status).toBe(200);
    const { observations } = observationListSchema.parse(listed.body);
    expect(new Set(observations.map((o) => o.personId))).toEqual(
      new Set([firm.people['Rita Reception'], firm.people['Sam Smith']]),
    );
    expect((await authed({ accessToken: rita }, '/api/v1/observations')).status).toBe(401);
    const other = await newFirm(['Other Person']);
    const foreign = observationListSchema.parse((await authed(other.owner, '/api/v1/observations')).body);
    expect(foreign.observations).toEqual([]);
  });

  it('are limited per browser', async () => {
    const firmB = await newFirm(['Busy Person']);
    await turnOn(firmB.owner);
    const joined = joinedSchema.parse(
      (await join(await enrolCode(firmB.owner, firmB.people['Busy Person'] as string))).body,
    );
    const busy = joined.credential;
    expect((await report(busy, [{ systemId: firmB.systemId, login: 'busy' }])).status).toBe(200);
    // Spend the rest of the hour's allowance at once rather than with 59 more requests.
    await env.DB.prepare('UPDATE login_throttle SET failures = 60 WHERE key = ?')
      .bind(`device:${joined.device.id}`)
      .run();
    const held = await report(busy, [{ systemId: firmB.systemId, login: 'busy' }]);
    expect(held.status).toBe(429);
    expect(Number(held.response.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another browser is not held back.
    expect((await report(rita, [{ systemId: firm.systemId, login: 'reception' }])).status).toBe(200);
  });
});

describe('retention', () => {
  it('prunes observations older than the organisation’s retention days in the daily check', async () => {
    const firm = await newFirm(['Rita Reception']);
    await turnOn(firm.owner, { enabled: true, retentionDays: 30 });
    const rita = await enrol(firm, 'Rita Reception');
    await report(rita, [
      { systemId: firm.systemId, login: 'old', observedAt: Date.now() - 20 * DAY },
      { systemId: firm.systemId, login: 'recent', observedAt: Date.now() - DAY },
    ]);
    // Ten days on, "old" is 30 days old and goes; "recent" stays.
    const check = await checkOrganisation(
      database(env.DB),
      firm.owner.organisation.id,
      Date.now() + 10 * DAY + 1000,
    );
    expect(check.prunedObservations).toBe(1);
    const mine = ownObservationsSchema.parse(
      (await authed({ accessToken: rita }, '/api/v1/observations/mine')).body,
    );
    expect(mine.observations.map((o) => o.login)).toEqual(['recent']);
  });
});
