import { describe, expect, it } from 'vitest';
import type { Account, System } from '../../../shared/schemas/directory';
import type { SnapshotDiff } from '../../../shared/schemas/directory-input';
import type { Problem } from '../../../shared/schemas/problem';
import { authed, type SignedIn, signUp } from '../helpers';

/**
 * A "complete" list that would remove every login of a system, or more than half, is applied only
 * when the admin confirms it: an empty or half-loaded page must not mark the whole staff as gone.
 */

async function systemWith(admin: SignedIn, usernames: string[]) {
  const system = await authed<System>(admin, '/api/v1/systems', {
    method: 'POST',
    body: { name: 'PayDesk' },
  });
  const sent = await authed<SnapshotDiff>(admin, `/api/v1/systems/${system.body.id}/snapshots`, {
    method: 'POST',
    body: { rows: usernames.map((username) => ({ username })), complete: false },
  });
  expect(sent.status).toBe(200);
  return system.body.id;
}

async function statuses(admin: SignedIn, systemId: string) {
  const page = await authed<{ items: Account[] }>(admin, `/api/v1/accounts?systemId=${systemId}`);
  return Object.fromEntries(page.body.items.map((account) => [account.username, account.status]));
}

const send = (admin: SignedIn, systemId: string, body: unknown) =>
  authed<SnapshotDiff & Problem>(admin, `/api/v1/systems/${systemId}/snapshots`, { method: 'POST', body });

describe('a complete list that would remove most logins', () => {
  it('asks before an empty list marks every login removed, and applies it once confirmed', async () => {
    const admin = await signUp();
    const systemId = await systemWith(admin, ['ann', 'ben', 'cat']);
    const refused = await send(admin, systemId, { rows: [] });
    expect(refused.status).toBe(409);
    expect(refused.response.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.detail).toContain('would mark all 3 logins of this system removed');
    expect(refused.body.errors).toEqual([
      { field: 'body.confirmRemovals', message: 'confirm that 3 logins are removed' },
    ]);
    expect(await statuses(admin, systemId)).toEqual({ ann: 'active', ben: 'active', cat: 'active' });

    const confirmed = await send(admin, systemId, { rows: [], confirmRemovals: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.removed).toBe(3);
    expect(await statuses(admin, systemId)).toEqual({ ann: 'removed', ben: 'removed', cat: 'removed' });
  });

  it('asks when more than half would go, and not for fewer', async () => {
    const admin = await signUp();
    const systemId = await systemWith(admin, ['ann', 'ben', 'cat', 'dan']);
    const most = await send(admin, systemId, { rows: [{ username: 'ann' }] });
    expect(most.status).toBe(409);
    expect(most.body.detail).toContain('3 of the 4 logins');
    const half = await send(admin, systemId, { rows: [{ username: 'ann' }, { username: 'ben' }] });
    expect(half.status).toBe(200);
    expect(half.body.removed).toBe(2);
    // Of the two left, removing one is half, not more: no question.
    const one = await send(admin, systemId, { rows: [{ username: 'ann' }] });
    expect(one.status).toBe(200);
    expect(await statuses(admin, systemId)).toEqual({
      ann: 'active',
      ben: 'removed',
      cat: 'removed',
      dan: 'removed',
    });
  });

  it('never asks about a list that is not complete', async () => {
    const admin = await signUp();
    const systemId = await systemWith(admin, ['ann', 'ben']);
    const partial = await send(admin, systemId, { rows: [], complete: false });
    expect(partial.status).toBe(200);
    expect(partial.body.removed).toBe(0);
  });
});
