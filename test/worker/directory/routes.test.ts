import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Account, Person, System } from '../../../shared/schemas/directory';
import type {
  ImportResult,
  SnapshotDiff,
  SyncPull,
  SyncPushResult,
} from '../../../shared/schemas/directory-input';
import type { Problem } from '../../../shared/schemas/problem';
import { addMember, authed, request, type SignedIn, signUp } from '../helpers';

type Page<T> = { items: T[]; nextCursor: string | null };

let owner: SignedIn;
let admin: SignedIn;
let reviewer: SignedIn;
let auditor: SignedIn;
let outsider: SignedIn;
let paydesk: System;

async function auditActions(orgId: string) {
  const rows = await env.DB.prepare(
    'SELECT action, target_id AS targetId, after FROM audit_events WHERE org_id = ? ORDER BY seq',
  )
    .bind(orgId)
    .all<{ action: string; targetId: string | null; after: string | null }>();
  return rows.results;
}

beforeAll(async () => {
  owner = await signUp({ organisationName: 'Harbour Conveyancing' });
  admin = await addMember(owner, 'admin', 'Ada Admin');
  reviewer = await addMember(owner, 'reviewer', 'Rita Reviewer');
  auditor = await addMember(owner, 'auditor', 'Otto Auditor');
  outsider = await signUp({ organisationName: 'Other Firm' });
  const created = await authed<System>(admin, '/api/v1/systems', {
    method: 'POST',
    body: {
      name: 'PayDesk',
      adminUrlPatterns: ['https://paydesk.example/admin/*'],
      permissions: [
        { name: 'payments.add', label: 'Add payments' },
        { name: 'transactions.search' },
        { name: 'refunds.process', privileged: true },
        { name: 'users.manage', label: 'Administrator', privileged: true },
      ],
    },
  });
  expect(created.status).toBe(201);
  paydesk = created.body;
});

describe('/api/v1/people', () => {
  it('adds, finds, changes and records a leaver, each change audited under the member', async () => {
    const created = await authed<Person>(admin, '/api/v1/people', {
      method: 'POST',
      body: { name: 'Jane Doe', email: 'jane@harbour.test', startDate: '2024-02-01' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Jane Doe', status: 'active', deleted: false });
    const jane = created.body;
    await authed(admin, '/api/v1/accounts', {
      method: 'POST',
      body: {
        systemId: paydesk.id,
        username: 'jd.pay',
        ownerPersonId: jane.id,
        permissions: ['payments.add'],
      },
    });

    for (const q of ['jane', 'HARBOUR.test', 'jd.pay']) {
      const found = await authed<Page<Person>>(reviewer, `/api/v1/people?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.items.map((p) => p.id)).toEqual([jane.id]);
    }

    const changed = await authed<Person>(admin, `/api/v1/people/${jane.id}`, {
      method: 'PATCH',
      body: { name: 'Jane Doe-Smith' },
    });
    expect(changed.body).toMatchObject({ name: 'Jane Doe-Smith' });
    expect(changed.body.version).toBeGreaterThan(jane.version);

    const left = await authed<Person>(owner, `/api/v1/people/${jane.id}/leave`, {
      method: 'POST',
      body: { endDate: '2026-11-20', reason: 'Moved abroad' },
    });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ status: 'leaver', endDate: '2026-11-20', leaveReason: 'Moved abroad' });

    const events = await auditActions(owner.organisation.id);
    const mine = events.filter((event) => event.targetId === jane.id).map((event) => event.action);
    expect(mine).toEqual(['person.create', 'person.update', 'person.leave']);
  });

  it('pages through the directory in name order', async () => {
    for (const name of ['Zed Zulu', 'Yan Young', 'Xia Xu']) {
      await authed(admin, '/api/v1/people', { method: 'POST', body: { name } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: { body: Page<Person> } = await authed<Page<Person>>(
        auditor,
        `/api/v1/people?limit=2${query}`,
      );
      seen.push(...page.body.items.map((p) => p.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(['Xia Xu', 'Yan Young', 'Zed Zulu']));
  });

  it('rejects bad input with problem+json naming the field, never a 500', async () => {
    const bad = await authed<Problem>(admin, '/api/v1/people', {
      method: 'POST',
      body: { name: '', email: 'not-an-email', startDate: '2024-13-45', extra: 1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.response.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual([
      'body',
      'body.email',
      'body.name',
      'body.startDate',
    ]);

    const ends = await authed<Problem>(admin, '/api/v1/people', {
      method: 'POST',
      body: { name: 'Backwards', startDate: '2025-01-01', endDate: '2024-01-01' },
    });
    expect(ends.status).toBe(422);
    expect(ends.body.errors?.[0]?.field).toBe('body.endDate');

    const role = await authed<Problem>(admin, '/api/v1/people', {
      method: 'POST',
      body: { name: 'No Role', jobRoleId: 'missing-role' },
    });
    expect(role.status).toBe(422);
    expect(role.body.errors?.[0]).toMatchObject({ field: 'body.jobRoleId' });

    const cursor = await authed<Problem>(admin, '/api/v1/people?cursor=%%%');
    expect(cursor.status).toBe(400);
    const limit = await authed<Problem>(admin, '/api/v1/people?limit=100000');
    expect(limit.status).toBe(400);
    expect(limit.body.errors?.[0]?.field).toBe('query.limit');
    const leave = await authed<Problem>(admin, '/api/v1/people/nobody/leave', {
      method: 'POST',
      body: { endDate: 'soon' },
    });
    expect(leave.status).toBe(422);
  });

  it('checks roles on the server and keeps organisations apart', async () => {
    const person = await authed<Person>(admin, '/api/v1/people', {
      method: 'POST',
      body: { name: 'Kept Apart' },
    });
    expect((await authed(reviewer, '/api/v1/people', { method: 'POST', body: { name: 'X' } })).status).toBe(
      403,
    );
    expect(
      (await authed(auditor, `/api/v1/people/${person.body.id}`, { method: 'PATCH', body: { name: 'X' } }))
        .status,
    ).toBe(403);
    expect((await request('/api/v1/people')).status).toBe(401);
    expect((await authed(outsider, `/api/v1/people/${person.body.id}`)).status).toBe(404);
    expect(
      (
        await authed(outsider, `/api/v1/people/${person.body.id}`, {
          method: 'PATCH',
          body: { name: 'Mine' },
        })
      ).status,
    ).toBe(404);
    expect((await authed(outsider, `/api/v1/people/${person.body.id}`, { method: 'DELETE' })).status).toBe(
      404,
    );
    expect((await authed<Page<Person>>(outsider, '/api/v1/people')).body.items).toEqual([]);
  });

  it('deletes a person and unlinks the accounts they owned or shared', async () => {
    const [person, colleague] = await Promise.all(
      ['Gone Soon', 'Stays On'].map(
        async (name) =>
          (await authed<Person>(admin, '/api/v1/people', { method: 'POST', body: { name } })).body,
      ),
    );
    const account = (
      await authed<Account>(admin, '/api/v1/accounts', {
        method: 'POST',
        body: { systemId: paydesk.id, username: 'gone.soon', ownerPersonId: person?.id },
      })
    ).body;
    const shared = (
      await authed<Account>(admin, '/api/v1/accounts', {
        method: 'POST',
        body: {
          systemId: paydesk.id,
          username: 'front.desk',
          ownerPersonId: colleague?.id,
          userPersonIds: [colleague?.id, person?.id],
        },
      })
    ).body;
    expect((await authed(admin, `/api/v1/people/${person?.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await authed(admin, `/api/v1/people/${person?.id}`)).status).toBe(404);
    const after = await authed<Account>(admin, `/api/v1/accounts/${account.id}`);
    expect(after.body.ownerPersonId).toBeNull();
    const sharedAfter = await authed<Account>(admin, `/api/v1/accounts/${shared.id}`);
    expect(sharedAfter.body).toMatchObject({ ownerPersonId: colleague?.id, userPersonIds: [colleague?.id] });
    expect(sharedAfter.body.version).toBeGreaterThan(shared.version);
  });

  it('deletes a job role and leaves the people who held it with none, each on a new version', async () => {
    const role = (
      await authed<{ id: string }>(admin, '/api/v1/roles', { method: 'POST', body: { name: 'Temp Role' } })
    ).body;
    const holders = await Promise.all(
      ['Held One', 'Held Two'].map(
        async (name) =>
          (
            await authed<Person>(admin, '/api/v1/people', {
              method: 'POST',
              body: { name, jobRoleId: role.id },
            })
          ).body,
      ),
    );
    expect((await authed(admin, `/api/v1/roles/${role.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = await Promise.all(holders.map((p) => authed<Person>(admin, `/api/v1/people/${p.id}`)));
    expect(after.map((p) => p.body.jobRoleId)).toEqual([null, null]);
    after.forEach((p, index) => {
      expect(p.body.version).toBeGreaterThan(holders[index]?.version ?? Number.POSITIVE_INFINITY);
    });
    expect(new Set(after.map((p) => p.body.version)).size).toBe(2);
  });
});

describe('/api/v1/systems, /roles and /accounts', () => {
  it('keeps account permissions and job-role templates inside the catalogue, naming what is not', async () => {
    const account = await authed<Problem>(admin, '/api/v1/accounts', {
      method: 'POST',
      body: { systemId: paydesk.id, username: 'bad.perms', permissions: ['payments.add', 'god.mode'] },
    });
    expect(account.status).toBe(422);
    expect(account.body.errors).toEqual([
      { field: 'body.permissions.1', message: 'god.mode is not a permission of PayDesk' },
    ]);

    const role = await authed<Problem>(admin, '/api/v1/roles', {
      method: 'POST',
      body: { name: 'Cashier', permissions: { [paydesk.id]: ['payments.add', 'refunds.everything'] } },
    });
    expect(role.status).toBe(422);
    expect(role.body.errors?.[0]?.message).toContain('refunds.everything');

    const cashier = await authed(admin, '/api/v1/roles', {
      method: 'POST',
      body: { name: 'Cashier', permissions: { [paydesk.id]: ['payments.add', 'transactions.search'] } },
    });
    expect(cashier.status).toBe(201);

    // A permission a role grants cannot leave the catalogue.
    const shrink = await authed<Problem>(admin, `/api/v1/systems/${paydesk.id}`, {
      method: 'PATCH',
      body: {
        permissions: [{ name: 'payments.add' }, { name: 'refunds.process' }, { name: 'users.manage' }],
      },
    });
    expect(shrink.status).toBe(409);
    expect(shrink.body.detail).toContain('transactions.search');

    const dup = await authed<Problem>(admin, '/api/v1/systems', {
      method: 'POST',
      body: {
        name: 'Twice',
        permissions: [{ name: 'a.b' }, { name: 'a.b' }],
        adminUrlPatterns: ['not a pattern'],
      },
    });
    expect(dup.status).toBe(422);
    expect(dup.body.errors?.map((e) => e.field)).toEqual([
      'body.adminUrlPatterns.0',
      'body.permissions.1.name',
    ]);
  });

  it('keeps a system’s user-page address with {login} in it, refusing one without, and syncs it', async () => {
    const missing = await authed<Problem>(admin, `/api/v1/systems/${paydesk.id}`, {
      method: 'PATCH',
      body: { userPageUrl: 'https://paydesk.example/admin/users/' },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([
      { field: 'body.userPageUrl', message: 'must hold {login} where the login goes' },
    ]);
    const set = await authed<System>(admin, `/api/v1/systems/${paydesk.id}`, {
      method: 'PATCH',
      body: { userPageUrl: 'https://paydesk.example/admin/users/{login}/edit' },
    });
    expect(set.status).toBe(200);
    expect(set.body.userPageUrl).toBe('https://paydesk.example/admin/users/{login}/edit');
    const pulled = await authed<SyncPull>(admin, '/api/v1/sync?since=0');
    expect(pulled.body.changes.find((c) => c.row.id === paydesk.id)?.row).toMatchObject({
      userPageUrl: 'https://paydesk.example/admin/users/{login}/edit',
    });
    const cleared = await authed<System>(admin, `/api/v1/systems/${paydesk.id}`, {
      method: 'PATCH',
      body: { userPageUrl: null },
    });
    expect(cleared.body.userPageUrl).toBeNull();
    // The console saves it as a queued change, through sync.
    const pushed = await authed<SyncPushResult>(admin, '/api/v1/sync', {
      method: 'POST',
      body: {
        mutations: [
          {
            mutationId: 'mutation-user-page-1',
            op: 'upsert',
            entity: 'system',
            rowId: paydesk.id,
            baseVersion: cleared.body.version,
            data: { userPageUrl: 'https://paydesk.example/users?login={login}' },
          },
        ],
      },
    });
    expect(pushed.status).toBe(200);
    const after = await authed<System>(admin, `/api/v1/systems/${paydesk.id}`);
    expect(after.body.userPageUrl).toBe('https://paydesk.example/users?login={login}');
  });

  it('refuses a username the system already has, ignoring case', async () => {
    const first = await authed(admin, '/api/v1/accounts', {
      method: 'POST',
      body: { systemId: paydesk.id, username: 'Reception' },
    });
    expect(first.status).toBe(201);
    const again = await authed<Problem>(admin, '/api/v1/accounts', {
      method: 'POST',
      body: { systemId: paydesk.id, username: 'reception' },
    });
    expect(again.status).toBe(409);
    expect(again.body.errors?.[0]?.field).toBe('body.username');
  });

  it('records a shared login as an account used by several people', async () => {
    const a = (await authed<Person>(admin, '/api/v1/people', { method: 'POST', body: { name: 'Sam Share' } }))
      .body;
    const b = (await authed<Person>(admin, '/api/v1/people', { method: 'POST', body: { name: 'Jo Share' } }))
      .body;
    const shared = await authed<Account>(admin, '/api/v1/accounts', {
      method: 'POST',
      body: { systemId: paydesk.id, username: 'frontdesk', userPersonIds: [a.id, b.id] },
    });
    expect(shared.status).toBe(201);
    expect(shared.body.userPersonIds).toEqual([a.id, b.id]);
    const unknown = await authed<Problem>(admin, `/api/v1/accounts/${shared.body.id}`, {
      method: 'PATCH',
      body: { userPersonIds: [a.id, 'ghost'] },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]?.field).toBe('body.userPersonIds.1');
  });
});

describe('POST /api/v1/systems/:id/snapshots', () => {
  it('reconciles a captured list, audits it, and answers the diff', async () => {
    const system = (
      await authed<System>(admin, '/api/v1/systems', { method: 'POST', body: { name: 'CaseBook' } })
    ).body;
    const rows = [
      { username: 'amy.r', displayName: 'Amy Reed', status: 'Active' },
      { username: 'trustaccounting', displayName: 'Trust Accounting', lastSignIn: 'Never' },
    ];
    const first = await authed<SnapshotDiff>(admin, `/api/v1/systems/${system.id}/snapshots`, {
      method: 'POST',
      body: { rows },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ added: 2, changed: 0, removed: 0, unchanged: 0 });
    const second = await authed<SnapshotDiff>(admin, `/api/v1/systems/${system.id}/snapshots`, {
      method: 'POST',
      body: { rows: rows.slice(0, 1) },
    });
    expect(second.body).toMatchObject({ added: 0, changed: 0, removed: 1, unchanged: 1 });
    const events = (await auditActions(owner.organisation.id)).filter((e) => e.action === 'system.snapshot');
    expect(JSON.parse(events.at(-1)?.after ?? '{}')).toMatchObject({ removed: ['trustaccounting'] });
  });

  it('reads the sign-in times as the list writes its dates, and says which it could not read', async () => {
    const system = (
      await authed<System>(admin, '/api/v1/systems', { method: 'POST', body: { name: 'Bookings US' } })
    ).body;
    // Declared day first, but "11/23/2026" can only be month first: so is "12/04/2026" beside it.
    const diff = await authed<SnapshotDiff>(admin, `/api/v1/systems/${system.id}/snapshots`, {
      method: 'POST',
      body: {
        capturedAt: Date.UTC(2026, 11, 6),
        dateOrder: 'dmy',
        rows: [
          { username: 'amy.r', lastSignIn: '12/04/2026 9:15 AM' },
          { username: 'ben.t', lastSignIn: '11/23/2026' },
          { username: 'cal.m', lastSignIn: 'after lunch' },
        ],
      },
    });
    expect(diff.status).toBe(200);
    expect(diff.body.rows.filter((row) => row.warnings).map((row) => [row.username, row.warnings])).toEqual([
      ['cal.m', ['last sign-in "after lunch" not understood']],
    ]);
    const accounts = (await authed<Page<Account>>(admin, `/api/v1/accounts?systemId=${system.id}`)).body
      .items;
    const signedIn = Object.fromEntries(accounts.map((account) => [account.username, account.lastSignInAt]));
    expect(signedIn).toEqual({
      'amy.r': Date.UTC(2026, 11, 4, 9, 15),
      'ben.t': Date.UTC(2026, 10, 23),
      'cal.m': null,
    });
  });

  it('rejects a list naming one username twice, a reviewer, and another organisation', async () => {
    const twice = await authed<Problem>(admin, `/api/v1/systems/${paydesk.id}/snapshots`, {
      method: 'POST',
      body: { rows: [{ username: 'amy' }, { username: 'AMY' }] },
    });
    expect(twice.status).toBe(422);
    expect(twice.body.errors?.[0]?.field).toBe('body.rows.1.username');
    const reviewing = await authed(reviewer, `/api/v1/systems/${paydesk.id}/snapshots`, {
      method: 'POST',
      body: { rows: [] },
    });
    expect(reviewing.status).toBe(403);
    const foreign = await authed(outsider, `/api/v1/systems/${paydesk.id}/snapshots`, {
      method: 'POST',
      body: { rows: [] },
    });
    expect(foreign.status).toBe(404);
    const tooMany = await authed<Problem>(admin, `/api/v1/systems/${paydesk.id}/snapshots`, {
      method: 'POST',
      body: { rows: Array.from({ length: 5001 }, (_, i) => ({ username: `u${i}` })) },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors?.[0]?.field).toBe('body.rows');
  });
});

describe('CSV import and export', () => {
  it('dry-runs with per-row errors and applies nothing; a clean file applies every row', async () => {
    const org = await signUp({ organisationName: 'Import Firm' });
    const bad = [
      'Name,Email,Job Role,Start,End',
      'Ann Able,ann@import.test,,2024-01-01,',
      ',nobody@import.test,,,',
      'Bob Baker,not-an-email,Cashier,2024-01-01,2023-01-01',
      '"Cole, Cat",cat@import.test,,01/02/2024,',
    ].join('\n');
    const dry = await authed<Problem>(org, '/api/v1/people/import?dryRun=true', {
      method: 'POST',
      body: { csv: bad },
    });
    expect(dry.status).toBe(422);
    expect(dry.response.headers.get('content-type')).toBe('application/problem+json');
    expect(dry.body.detail).toBe('3 lines of the file have errors: nothing was imported.');
    expect(dry.body.errors?.map((e) => [e.field, e.line, e.column])).toEqual([
      ['body.csv', 3, 'name'],
      ['body.csv', 4, 'email'],
      ['body.csv', 4, 'job_role'],
      ['body.csv', 4, 'end'],
      ['body.csv', 5, 'start'],
    ]);
    expect(dry.body.errors?.[1]?.message).toBe('line 4, email: not an email address');
    const real = await authed<Problem>(org, '/api/v1/people/import', {
      method: 'POST',
      body: { csv: bad },
    });
    expect(real.status).toBe(422);
    expect(real.response.headers.get('content-type')).toBe('application/problem+json');
    expect((await authed<Page<Person>>(org, '/api/v1/people')).body.items).toEqual([]);

    const good =
      'name,email,job role,start,end\nAnn Able,ann@import.test,,2024-01-01,\n"Cole, Cat",cat@import.test,,2024-02-01,2026-10-31\n';
    const check = await authed<ImportResult>(org, '/api/v1/people/import?dryRun=true', {
      method: 'POST',
      body: { csv: good },
    });
    expect(check.body).toMatchObject({ applied: false, created: 2 });
    expect((await authed<Page<Person>>(org, '/api/v1/people')).body.items).toEqual([]);
    const applied = await authed<ImportResult>(org, '/api/v1/people/import', {
      method: 'POST',
      body: { csv: good },
    });
    expect(applied.body).toMatchObject({ applied: true, created: 2, updated: 0 });
    const people = (await authed<Page<Person>>(org, '/api/v1/people')).body.items;
    expect(people.map((p) => [p.name, p.status])).toEqual([
      ['Ann Able', 'active'],
      ['Cole, Cat', 'leaver'],
    ]);
    // Importing the export again changes no one and creates no one.
    const exported = await request('/api/v1/people/export', { token: auditor.accessToken });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    const csv = await (await request('/api/v1/people/export', { token: org.accessToken })).text();
    expect(csv.split('\r\n')[0]).toBe('name,email,job_role,start,end,status,leave_reason');
    const again = await authed<ImportResult>(org, '/api/v1/people/import', { method: 'POST', body: { csv } });
    expect(again.body).toMatchObject({ applied: true, created: 0, updated: 2 });
  });

  it('imports a file with lone CR line ends (Excel for Mac) row by row', async () => {
    const org = await signUp({ organisationName: 'Mac Firm' });
    const csv = 'name,email\rAnn Able,ann@mac.test\rBen Best,ben@mac.test\r';
    const applied = await authed<ImportResult>(org, '/api/v1/people/import', {
      method: 'POST',
      body: { csv },
    });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, rows: 2, created: 2 });
    const people = (await authed<Page<Person>>(org, '/api/v1/people')).body.items;
    expect(people.map((p) => [p.name, p.email])).toEqual([
      ['Ann Able', 'ann@mac.test'],
      ['Ben Best', 'ben@mac.test'],
    ]);
    // A file with a header and no rows says so instead of importing nothing in silence.
    const empty = await authed<Problem>(org, '/api/v1/people/import', {
      method: 'POST',
      body: { csv: 'name,email\r' },
    });
    expect(empty.status).toBe(422);
  });

  it('imports accounts against the catalogue and owner emails, and exports them for auditors only', async () => {
    const org = await signUp({ organisationName: 'Accounts Firm' });
    const sys = await authed<System>(org, '/api/v1/systems', {
      method: 'POST',
      body: { name: 'Ledger', permissions: [{ name: 'ledger.read' }, { name: 'ledger.post' }] },
    });
    await authed(org, '/api/v1/people', {
      method: 'POST',
      body: { name: 'Lee Ledger', email: 'lee@accounts.test' },
    });
    const bad =
      'system,username,owner email,permissions\nLedger,lee,lee@accounts.test,ledger.read;ledger.admin\nNope,x,,\n';
    const dry = await authed<Problem>(org, '/api/v1/accounts/import', {
      method: 'POST',
      body: { csv: bad },
    });
    expect(dry.status).toBe(422);
    expect(dry.response.headers.get('content-type')).toBe('application/problem+json');
    expect(dry.body.errors).toEqual([
      {
        field: 'body.csv',
        line: 2,
        column: 'permissions',
        message: 'line 2, permissions: not permissions of Ledger: ledger.admin',
      },
      { field: 'body.csv', line: 3, column: 'system', message: 'line 3, system: no system named Nope' },
    ]);
    const good =
      'system,username,owner email,permissions\nLedger,lee,LEE@accounts.test,ledger.read;ledger.post\nledger,shared.desk,,ledger.read\n';
    const applied = await authed<ImportResult>(org, '/api/v1/accounts/import', {
      method: 'POST',
      body: { csv: good },
    });
    expect(applied.body).toMatchObject({ applied: true, created: 2 });
    const accounts = (await authed<Page<Account>>(org, `/api/v1/accounts?systemId=${sys.body.id}`)).body
      .items;
    expect(accounts.map((a) => [a.username, a.permissions, a.ownerPersonId !== null])).toEqual([
      ['lee', ['ledger.read', 'ledger.post'], true],
      ['shared.desk', ['ledger.read'], false],
    ]);
    const csv = await (await request('/api/v1/accounts/export', { token: org.accessToken })).text();
    expect(csv).toContain('Ledger,lee,lee@accounts.test,ledger.read;ledger.post');
    expect((await request('/api/v1/accounts/export', { token: reviewer.accessToken })).status).toBe(403);
    expect((await request('/api/v1/accounts/export', { token: auditor.accessToken })).status).toBe(200);
  });
});

describe('/api/v1/sync', () => {
  it('two members edit the same person offline: the second gets a conflict, then the deletion reaches both', async () => {
    const org = await signUp({ organisationName: 'Sync Firm' });
    const colleague = await addMember(org, 'admin', 'Second Admin');
    const person = (
      await authed<Person>(org, '/api/v1/people', { method: 'POST', body: { name: 'Shared Person' } })
    ).body;

    const pulled = await authed<SyncPull>(colleague, '/api/v1/sync?since=0');
    expect(pulled.body.changes.map((c) => c.row.id)).toEqual([person.id]);
    const cursor = pulled.body.cursor;

    const edit = (member: SignedIn, name: string, mutationId: string) =>
      authed<SyncPushResult>(member, '/api/v1/sync', {
        method: 'POST',
        body: {
          mutations: [
            {
              mutationId,
              op: 'upsert',
              entity: 'person',
              rowId: person.id,
              baseVersion: person.version,
              data: { name },
            },
          ],
        },
      });
    const mine = await edit(org, 'Shared Person (Owner)', 'mutation-owner-1');
    expect(mine.body.results[0]?.status).toBe('applied');
    const retried = await edit(org, 'Shared Person (Owner)', 'mutation-owner-1');
    expect(retried.body).toEqual(mine.body);
    const theirs = await edit(colleague, 'Shared Person (Colleague)', 'mutation-colleague-1');
    expect(theirs.body.results[0]).toMatchObject({
      status: 'conflict',
      current: { row: { name: 'Shared Person (Owner)' } },
    });

    const version = (mine.body.results[0] as { version: number }).version;
    const removed = await authed<SyncPushResult>(org, '/api/v1/sync', {
      method: 'POST',
      body: {
        mutations: [
          {
            mutationId: 'mutation-owner-2',
            op: 'delete',
            entity: 'person',
            rowId: person.id,
            baseVersion: version,
          },
        ],
      },
    });
    expect(removed.body.results[0]?.status).toBe('applied');
    const later = await authed<SyncPull>(colleague, `/api/v1/sync?since=${cursor}`);
    expect(later.body.changes.at(-1)).toMatchObject({
      entity: 'person',
      row: { id: person.id, deleted: true },
    });

    expect((await authed(auditor, '/api/v1/sync?since=0')).status).toBe(200);
    const actions = (await auditActions(org.organisation.id)).map((e) => e.action);
    expect(actions.filter((a) => a === 'sync.push')).toHaveLength(2);
  });

  it('rejects malformed pushes and pulls with the field named', async () => {
    const badPull = await authed<Problem>(admin, '/api/v1/sync?since=-1');
    expect(badPull.status).toBe(400);
    expect(badPull.body.errors?.[0]?.field).toBe('query.since');
    const badPush = await authed<Problem>(admin, '/api/v1/sync', {
      method: 'POST',
      body: {
        mutations: [
          { mutationId: 'short', op: 'upsert', entity: 'planet', rowId: 'x', baseVersion: null, data: {} },
        ],
      },
    });
    expect(badPush.status).toBe(422);
    expect(badPush.body.errors?.some((e) => e.field.startsWith('body.mutations.0'))).toBe(true);
    expect((await authed(reviewer, '/api/v1/sync', { method: 'POST', body: { mutations: [] } })).status).toBe(
      403,
    );
  });
});

describe('the D1 meter', () => {
  it('counts statements and rows read only when asked', async () => {
    const metered = await request('/api/v1/people?limit=5', {
      token: admin.accessToken,
      headers: { 'x-d1-meter': '1' },
    });
    expect(metered.status).toBe(200);
    expect(Number(metered.headers.get('x-d1-statements'))).toBeGreaterThan(0);
    expect(Number(metered.headers.get('x-d1-rows-read'))).toBeGreaterThan(0);
    const plain = await request('/api/v1/people?limit=5', { token: admin.accessToken });
    expect(plain.headers.get('x-d1-statements')).toBeNull();
    expect(await plain.json()).toEqual(await metered.json());
  });
});
