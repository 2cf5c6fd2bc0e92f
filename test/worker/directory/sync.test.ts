import { describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/schemas/directory';
import { syncPushSchema } from '../../../shared/schemas/directory-input';
import { jobRolesQueries } from '../../../worker/src/directory/job-roles-queries';
import { peopleQueries } from '../../../worker/src/directory/people-queries';
import { openChecklists } from '../../../worker/src/reviews/todos';
import { pullChanges } from '../../../worker/src/sync/sync-pull';
import { planPush } from '../../../worker/src/sync/sync-push';
import { counter, db, newOrg, newSystem, runWrite } from './seed';

/** Plans, writes and settles a push without the audit event the route adds. */
async function push(orgId: string, mutations: unknown[]) {
  const plan = await planPush(db, orgId, syncPushSchema.parse({ mutations }).mutations, Date.now());
  if (plan.statements.length > 0) await db.$client.batch(plan.statements);
  return plan.settle();
}
const mid = () => `m-${crypto.randomUUID()}`;

/** A client's local copy: what it has pulled so far, by id. */
async function pullAll(orgId: string, since = 0, limit = 3) {
  const rows = new Map<string, { entity: string; row: { id: string; version: number; deleted: boolean } }>();
  let cursor = since;
  let pages = 0;
  for (;;) {
    const page = await pullChanges(db, orgId, cursor, limit);
    pages += 1;
    for (const change of page.changes) rows.set(change.row.id, change);
    cursor = page.cursor;
    if (!page.more) break;
  }
  return { rows, cursor, pages };
}

describe('sync pull', () => {
  it('pages through every change in version order and resumes from the cursor', async () => {
    const orgId = await newOrg();
    const system = await newSystem(orgId);
    for (const name of ['Ann Abbot', 'Ben Bell', 'Cat Cole', 'Dan Dale', 'Eve East']) {
      await runWrite(db, await peopleQueries.create(db, orgId, { name }));
    }
    const first = await pullChanges(db, orgId, 0, 4);
    expect(first.changes.map((c) => c.row.version)).toEqual([1, 2, 3, 4]);
    expect(first.changes[0]).toMatchObject({ entity: 'system', row: { id: system.id } });
    expect(first).toMatchObject({ cursor: 4, more: true });
    const second = await pullChanges(db, orgId, first.cursor, 4);
    expect(second.changes.map((c) => c.row.version)).toEqual([5, 6]);
    expect(second.more).toBe(false);
    const idle = await pullChanges(db, orgId, second.cursor, 4);
    expect(idle).toEqual({ changes: [], cursor: 6, more: false });

    // Another organisation's rows never show.
    const other = await newOrg('Other firm');
    await runWrite(db, await peopleQueries.create(db, other, { name: 'Outsider' }));
    expect((await pullAll(orgId)).rows.size).toBe(6);
  });
});

describe('sync push', () => {
  it('applies a batch once: a retried push returns the same versions and writes nothing more', async () => {
    const orgId = await newOrg();
    const system = await newSystem(orgId);
    const personId = crypto.randomUUID();
    const accountId = crypto.randomUUID();
    const mutations = [
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'person',
        rowId: personId,
        baseVersion: null,
        data: { name: 'Jo Offline' },
      },
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'person',
        rowId: personId,
        baseVersion: null,
        data: { email: 'jo@harbour.test' },
      },
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'account',
        rowId: accountId,
        baseVersion: null,
        data: { systemId: system.id, username: 'jo', permissions: ['payments.add'], ownerPersonId: personId },
      },
    ];
    const results = await push(orgId, mutations);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const afterFirst = await counter(orgId);
    const retried = await push(orgId, mutations);
    expect(retried).toEqual(results);
    expect(await counter(orgId)).toBe(afterFirst);

    const { rows } = await pullAll(orgId);
    expect(rows.get(personId)?.row).toMatchObject({
      name: 'Jo Offline',
      email: 'jo@harbour.test',
      deleted: false,
    });
    expect(rows.get(accountId)?.row).toMatchObject({ username: 'jo', ownerPersonId: personId });
  });

  it('answers a stale base with a conflict carrying the current row, and overwrites nothing', async () => {
    const orgId = await newOrg();
    const person = await runWrite(db, await peopleQueries.create(db, orgId, { name: 'Pat Price' }));
    // Two members both pulled version v, then edited offline.
    const alice = await push(orgId, [
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'person',
        rowId: person.id,
        baseVersion: person.version,
        data: { name: 'Pat Price-Jones' },
      },
    ]);
    expect(alice[0]?.status).toBe('applied');
    const bob = await push(orgId, [
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'person',
        rowId: person.id,
        baseVersion: person.version,
        data: { email: 'pat@harbour.test' },
      },
    ]);
    expect(bob[0]).toMatchObject({
      status: 'conflict',
      current: { entity: 'person', row: { id: person.id, name: 'Pat Price-Jones', email: null } },
    });
    // Bob rebases on the current row and tries again: now it applies, keeping Alice's edit.
    const current = (bob[0] as { current: { row: Person } }).current.row;
    const rebased = await push(orgId, [
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'person',
        rowId: person.id,
        baseVersion: current.version,
        data: { email: 'pat@harbour.test' },
      },
    ]);
    expect(rebased[0]?.status).toBe('applied');
    const { rows } = await pullAll(orgId);
    expect(rows.get(person.id)?.row).toMatchObject({ name: 'Pat Price-Jones', email: 'pat@harbour.test' });
  });

  it('passes a deletion to the other client as a tombstone, and refuses edits based on the deleted row', async () => {
    const orgId = await newOrg();
    const person = await runWrite(db, await peopleQueries.create(db, orgId, { name: 'Lee Leaving' }));
    const other = await pullAll(orgId);
    expect(other.rows.get(person.id)?.row.deleted).toBe(false);

    const deleted = await push(orgId, [
      { mutationId: mid(), op: 'delete', entity: 'person', rowId: person.id, baseVersion: person.version },
    ]);
    expect(deleted[0]?.status).toBe('applied');
    const next = await pullChanges(db, orgId, other.cursor, 100);
    expect(next.changes).toEqual([
      expect.objectContaining({
        entity: 'person',
        row: expect.objectContaining({ id: person.id, deleted: true }),
      }),
    ]);

    const late = await push(orgId, [
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'person',
        rowId: person.id,
        baseVersion: person.version,
        data: { name: 'Lee' },
      },
    ]);
    expect(late[0]).toMatchObject({ status: 'conflict', current: { row: { deleted: true } } });
  });

  it('rejects a mutation naming permissions outside the catalogue, or another organisation’s rows', async () => {
    const orgId = await newOrg();
    const system = await newSystem(orgId);
    const otherOrg = await newOrg('Elsewhere');
    const outsider = await runWrite(db, await peopleQueries.create(db, otherOrg, { name: 'Not Yours' }));
    const results = await push(orgId, [
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'account',
        rowId: crypto.randomUUID(),
        baseVersion: null,
        data: { systemId: system.id, username: 'x', permissions: ['payments.add', 'god.mode'] },
      },
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'person',
        rowId: outsider.id,
        baseVersion: outsider.version,
        data: { name: 'Mine now' },
      },
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'person',
        rowId: crypto.randomUUID(),
        baseVersion: null,
        data: { email: 'no-name@x.test' },
      },
    ]);
    expect(results[0]).toMatchObject({
      status: 'rejected',
      errors: [
        { field: 'mutations.0.data.permissions.1', message: 'god.mode is not a permission of PayDesk' },
      ],
    });
    expect(results[1]).toMatchObject({ status: 'rejected', errors: [{ field: 'mutations.1.rowId' }] });
    expect(results[2]).toMatchObject({ status: 'rejected', errors: [{ field: 'mutations.2.data.name' }] });
    const { rows } = await pullAll(otherOrg);
    expect(rows.get(outsider.id)?.row).toMatchObject({ name: 'Not Yours' });
  });

  it('takes a deleted person off their accounts, and refuses a username the system already has', async () => {
    const orgId = await newOrg();
    const system = await newSystem(orgId);
    const personId = crypto.randomUUID();
    const accountId = crypto.randomUUID();
    const created = await push(orgId, [
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'person',
        rowId: personId,
        baseVersion: null,
        data: { name: 'Ola Owner' },
      },
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'account',
        rowId: accountId,
        baseVersion: null,
        data: { systemId: system.id, username: 'ola', ownerPersonId: personId, userPersonIds: [personId] },
      },
    ]);
    const personVersion = (created[0] as { version: number }).version;
    const { cursor } = await pullAll(orgId);

    const taken = await push(orgId, [
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'account',
        rowId: crypto.randomUUID(),
        baseVersion: null,
        data: { systemId: system.id, username: 'ola' },
      },
    ]);
    expect(taken[0]).toMatchObject({ status: 'rejected', errors: [{ field: 'mutations.0.data.username' }] });

    const removed = await push(orgId, [
      { mutationId: mid(), op: 'delete', entity: 'person', rowId: personId, baseVersion: personVersion },
    ]);
    expect(removed[0]?.status).toBe('applied');
    const next = await pullChanges(db, orgId, cursor, 100);
    expect(next.changes.map((change) => [change.entity, change.row.id])).toEqual([
      ['person', personId],
      ['account', accountId],
    ]);
    expect(next.changes[1]?.row).toMatchObject({ ownerPersonId: null, userPersonIds: [], deleted: false });
  });

  it('takes an edit of a person or login that keeps a job role or owner it does not name', async () => {
    const orgId = await newOrg();
    const system = await newSystem(orgId);
    const role = await runWrite(
      db,
      await jobRolesQueries.create(db, orgId, {
        name: 'Paralegal',
        permissions: { [system.id]: ['payments.add'] },
      }),
    );
    const person = await runWrite(
      db,
      await peopleQueries.create(db, orgId, { name: 'Lea Leaver', jobRoleId: role.id }),
    );
    const accountId = crypto.randomUUID();
    const created = await push(orgId, [
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'account',
        rowId: accountId,
        baseVersion: null,
        data: { systemId: system.id, username: 'lea', ownerPersonId: person.id, userPersonIds: [person.id] },
      },
    ]);
    const accountVersion = (created[0] as { version: number }).version;

    // Marking a leaver names only the dates; the stored job role and owner still hold.
    const results = await push(orgId, [
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'person',
        rowId: person.id,
        baseVersion: person.version,
        data: { endDate: '2026-11-30', leaveReason: 'resigned', status: 'leaver' },
      },
      {
        mutationId: mid(),
        op: 'upsert',
        entity: 'account',
        rowId: accountId,
        baseVersion: accountVersion,
        data: { permissions: ['payments.add'] },
      },
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    // Marked a leaver through sync, as the extension does: the offboarding checklist is made too.
    const checklists = await openChecklists(db, orgId);
    expect(checklists.map((list) => [list.name, list.items.map((item) => item.label)])).toEqual([
      ['Lea Leaver', ['lea in PayDesk']],
    ]);
    const { rows } = await pullAll(orgId);
    expect(rows.get(person.id)?.row).toMatchObject({ jobRoleId: role.id, endDate: '2026-11-30' });
    expect(rows.get(accountId)?.row).toMatchObject({
      ownerPersonId: person.id,
      permissions: ['payments.add'],
    });
  });

  it('applies 500 mutations in one push within D1 statement limits', async () => {
    const orgId = await newOrg();
    const mutations = Array.from({ length: 500 }, (_, index) => ({
      mutationId: mid(),
      op: 'upsert',
      entity: 'person',
      rowId: crypto.randomUUID(),
      baseVersion: null,
      data: { name: `Person ${index}`, email: `p${index}@harbour.test` },
    }));
    const results = await push(orgId, mutations);
    expect(results.every((result) => result.status === 'applied')).toBe(true);
    expect(new Set(results.map((r) => (r.status === 'applied' ? r.version : 0))).size).toBe(500);
    const { rows, pages } = await pullAll(orgId, 0, 200);
    expect(rows.size).toBe(500);
    expect(pages).toBe(3);
  });
});
