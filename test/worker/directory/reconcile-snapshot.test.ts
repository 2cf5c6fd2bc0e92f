import { describe, expect, it } from 'vitest';
import { accountsQueries } from '../../../worker/src/directory/accounts-queries';
import { peopleQueries } from '../../../worker/src/directory/people-queries';
import {
  isStaleSnapshotError,
  planSnapshotWrite,
} from '../../../worker/src/directory/reconcile-snapshot-write';
import { systemsQueries } from '../../../worker/src/directory/systems-queries';
import { counter, db, newOrg, newSystem, runWrite, snapshot } from './seed';

async function reconcile(orgId: string, systemId: string, input: Parameters<typeof snapshot>[0]) {
  const { write } = await planSnapshotWrite(db, orgId, systemId, snapshot(input));
  return runWrite(db, write);
}

async function accountsOf(orgId: string, systemId: string) {
  const page = await accountsQueries.list(db, orgId, { systemId, limit: 500 });
  return new Map(page.items.map((account) => [account.username, account]));
}

describe('reconciling a captured user list', () => {
  it('adds new usernames, links them by email or by an unambiguous name, and leaves the rest unowned', async () => {
    const orgId = await newOrg();
    const system = await newSystem(orgId);
    const jane = await runWrite(
      db,
      await peopleQueries.create(db, orgId, { name: 'Jane Doe', email: 'jane@harbour.test' }),
    );
    const sam = await runWrite(db, await peopleQueries.create(db, orgId, { name: 'Sam Lee' }));
    await runWrite(db, await peopleQueries.create(db, orgId, { name: 'Alex Kim' }));
    await runWrite(db, await peopleQueries.create(db, orgId, { name: 'alex  kim' }));

    const diff = await reconcile(orgId, system.id, {
      rows: [
        {
          username: 'jdoe',
          displayName: 'J. Doe',
          email: 'JANE@harbour.test',
          permissions: 'Add payments, Search',
        },
        { username: 'slee', displayName: 'Sam Lee', permissions: ['Administrator'], status: 'Active' },
        { username: 'akim', displayName: 'Alex Kim', status: 'Locked', lastSignIn: '23/11/2026 14:05' },
        { username: 'Reception', displayName: 'Front desk', permissions: 'Superuser' },
      ],
      capturedAt: Date.UTC(2026, 10, 23, 15),
    });

    expect(diff).toMatchObject({ added: 4, changed: 0, removed: 0, unchanged: 0 });
    const byName = new Map(diff.rows.map((row) => [row.username, row]));
    expect(byName.get('jdoe')?.ownerPersonId).toBe(jane.id);
    expect(byName.get('slee')?.ownerPersonId).toBe(sam.id);
    expect(byName.get('akim')?.ownerPersonId).toBeNull();
    expect(byName.get('akim')?.warnings?.[0]).toContain('2 people are called Alex Kim');
    expect(byName.get('Reception')?.warnings).toEqual([
      '"Superuser" is not in the permission catalogue of PayDesk',
    ]);

    const stored = await accountsOf(orgId, system.id);
    expect(stored.get('jdoe')).toMatchObject({
      permissions: ['payments.add', 'transactions.search'],
      status: 'active',
      ownerPersonId: jane.id,
    });
    expect(stored.get('slee')?.permissions).toEqual(['users.manage']);
    expect(stored.get('akim')).toMatchObject({
      status: 'disabled',
      lastSignInAt: Date.UTC(2026, 10, 23, 14, 5),
    });
    const versions = [...stored.values()].map((account) => account.version);
    expect(new Set(versions).size).toBe(4);
    expect(Math.max(...versions)).toBe(await counter(orgId));
  });

  it('says nothing of the roles a list shows while the system has no permission catalogue to place them in', async () => {
    const orgId = await newOrg();
    const system = await runWrite(
      db,
      await systemsQueries.create(db, orgId, {
        name: 'Bookings',
        adminUrlPatterns: [],
        signInUrlPatterns: [],
        permissions: [],
      }),
    );
    const diff = await reconcile(orgId, system.id, {
      rows: [
        { username: 'jnovak', permissions: 'Vedoucí pobočky', status: 'Paused' },
        { username: 'recepce', permissions: 'Prodejce zájezdů' },
      ],
    });
    expect(diff.rows.map((row) => [row.username, row.warnings ?? []])).toEqual([
      ['jnovak', ['status "Paused" not understood: taken as active']],
      ['recepce', []],
    ]);
  });

  it('updates changed rows, marks vanished ones removed, and a second identical snapshot changes nothing', async () => {
    const orgId = await newOrg();
    const system = await newSystem(orgId);
    const first = {
      rows: [
        { username: 'jdoe', displayName: 'Jane Doe', permissions: 'payments.add', lastSignIn: '2 days ago' },
        { username: 'slee', displayName: 'Sam Lee', permissions: 'payments.add' },
        { username: 'old.timer', displayName: 'Old Timer' },
      ],
      capturedAt: Date.UTC(2026, 10, 20),
    };
    await reconcile(orgId, system.id, first);
    const second = {
      rows: [
        // renamed display name and a new permission; the sign-in shown relatively is the same day
        {
          username: 'JDoe',
          displayName: 'Jane Doe-Smith',
          permissions: 'payments.add',
          lastSignIn: '3 days ago',
        },
        { username: 'slee', displayName: 'Sam Lee', permissions: 'payments.add; refunds.process' },
      ],
      capturedAt: Date.UTC(2026, 10, 21, 1),
    };
    const diff = await reconcile(orgId, system.id, second);
    expect(diff).toMatchObject({ added: 0, changed: 2, removed: 1, unchanged: 0 });
    const rows = new Map(diff.rows.map((row) => [row.username, row]));
    expect(rows.get('JDoe')?.fields).toEqual(['username', 'displayName']);
    expect(rows.get('slee')?.fields).toEqual(['permissions']);
    expect(rows.get('old.timer')?.change).toBe('removed');

    const stored = await accountsOf(orgId, system.id);
    expect(stored.get('JDoe')?.displayName).toBe('Jane Doe-Smith');
    expect(stored.get('slee')?.permissions).toEqual(['payments.add', 'refunds.process']);
    expect(stored.get('old.timer')?.status).toBe('removed');

    const before = await counter(orgId);
    const again = await reconcile(orgId, system.id, second);
    expect(again).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 2 });
    expect(await counter(orgId)).toBe(before);
    const after = await accountsOf(orgId, system.id);
    expect([...after.values()].map((a) => a.version)).toEqual([...stored.values()].map((a) => a.version));
  });

  it('leaves unseen accounts alone when the list is only part of the page', async () => {
    const orgId = await newOrg();
    const system = await newSystem(orgId);
    await reconcile(orgId, system.id, { rows: [{ username: 'a.one' }, { username: 'b.two' }] });
    const diff = await reconcile(orgId, system.id, { rows: [{ username: 'a.one' }], complete: false });
    expect(diff).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 1 });
  });

  it('refuses to apply a plan to accounts that changed after they were read', async () => {
    const orgId = await newOrg();
    const system = await newSystem(orgId);
    const stale = await planSnapshotWrite(db, orgId, system.id, snapshot({ rows: [{ username: 'x.one' }] }));
    await reconcile(orgId, system.id, { rows: [{ username: 'y.two' }] });
    const error = await runWrite(db, stale.write).catch((caught: unknown) => caught);
    expect(isStaleSnapshotError(error)).toBe(true);
    expect([...(await accountsOf(orgId, system.id)).keys()]).toEqual(['y.two']);
  });

  it('takes 5,000 rows in one reconcile', async () => {
    const orgId = await newOrg();
    const system = await newSystem(orgId);
    const rows = Array.from({ length: 5000 }, (_, index) => ({
      username: `user${index}`,
      displayName: `User Number ${index}`,
      email: `user${index}@harbour.test`,
      permissions: 'payments.add, transactions.search',
      status: 'Active',
      lastSignIn: '2026-11-01 09:30',
    }));
    const diff = await reconcile(orgId, system.id, { rows });
    expect(diff.added).toBe(5000);
    const again = await reconcile(orgId, system.id, { rows });
    expect(again.unchanged).toBe(5000);
    expect(await counter(orgId)).toBe(5001);
  });
});
