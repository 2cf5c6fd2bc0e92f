import { describe, expect, it } from 'vitest';
import { planReconcile } from '../../shared/directory/reconcile-snapshot';
import type { Account } from '../../shared/schemas/directory';
import { snapshotSchema } from '../../shared/schemas/directory-input';

const account = (id: string, username: string, deleted = false): Account => ({
  id,
  systemId: 'sys',
  username,
  displayName: null,
  email: null,
  status: 'active',
  permissions: [],
  ownerPersonId: null,
  userPersonIds: [],
  lastSignInAt: null,
  systemCreatedAt: null,
  firstSeenAt: 1,
  lastSeenAt: 1,
  version: 1,
  deleted,
});

const plan = (accounts: Account[], rows: { username: string }[]) =>
  planReconcile({
    system: { name: 'Sys', permissions: [] },
    accounts,
    people: [],
    snapshot: snapshotSchema.parse({ rows }),
    capturedAt: 10,
    newId: () => 'new-id',
  });

describe('planReconcile', () => {
  it('matches usernames ignoring case and takes the casing the page shows', () => {
    const result = plan([account('a', 'JDoe')], [{ username: 'jdoe' }]);
    expect(result.updates).toEqual([expect.objectContaining({ id: 'a', username: 'jdoe' })]);
    expect(result.diff.rows[0]).toMatchObject({ change: 'changed', fields: ['username'] });
  });

  it('keeps the stored casing when a deleted row holds the shown one', () => {
    const result = plan([account('a', 'JDoe'), account('b', 'jdoe', true)], [{ username: 'jdoe' }]);
    expect(result.diff.rows[0]).toMatchObject({ accountId: 'a', change: 'unchanged' });
    expect(result.updates).toEqual([]);
  });

  it('revives a deleted account the page shows again, as an addition', () => {
    const result = plan([account('b', 'ghost', true)], [{ username: 'ghost' }]);
    expect(result.revives).toEqual([expect.objectContaining({ id: 'b', status: 'active' })]);
    expect(result.diff).toMatchObject({ added: 1, changed: 0 });
  });
});
