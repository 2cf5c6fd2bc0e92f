import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../../worker/src/db/client';
import { accounts, organisations, people, signInObservations, systems } from '../../../worker/src/db/schema';
import { findingsOf, loadOrganisation } from '../../../worker/src/findings/organisation-data';

const db = database(env.DB);
const NOW = Date.parse('2026-11-23T09:00:00Z');
const DAY = 86_400_000;

describe('the sign-ins the rules read', () => {
  it('are the live logins’ own, whoever made them, with only what the rules use', async () => {
    const orgId = crypto.randomUUID();
    const other = crypto.randomUUID();
    await db.insert(organisations).values([
      { id: orgId, name: 'Harbour & Co' },
      { id: other, name: 'Elsewhere Ltd' },
    ]);
    const row = { version: 0, updatedAt: NOW };
    await db.insert(systems).values([
      { id: 'obs-pay', orgId, name: 'PayDesk', ...row },
      { id: 'obs-other', orgId: other, name: 'PayDesk', ...row },
    ]);
    await db.insert(people).values([
      { id: 'obs-rose', orgId, name: 'Rose Baker', ...row },
      { id: 'obs-tom', orgId, name: 'Tom Lee', ...row },
      { id: 'obs-ana', orgId, name: 'Ana Ruiz', ...row, deleted: true },
      { id: 'obs-stranger', orgId: other, name: 'Sam Stranger', ...row },
    ]);
    await db.insert(accounts).values([
      { id: 'obs-reception', orgId, systemId: 'obs-pay', username: 'reception', ...row },
      { id: 'obs-gone', orgId, systemId: 'obs-pay', username: 'old.login', ...row, deleted: true },
      { id: 'obs-theirs', orgId: other, systemId: 'obs-other', username: 'reception', ...row },
    ]);
    await db.insert(signInObservations).values([
      { orgId, accountId: 'obs-reception', personId: 'obs-rose', lastObservedAt: NOW - DAY },
      { orgId, accountId: 'obs-reception', personId: 'obs-tom', lastObservedAt: NOW - 2 * DAY },
      // A person since removed from the staff list still counts as someone who used the login.
      { orgId, accountId: 'obs-reception', personId: 'obs-ana', lastObservedAt: NOW - 3 * DAY },
      // A deleted login is never evaluated: its sign-ins are not read.
      { orgId, accountId: 'obs-gone', personId: 'obs-rose', lastObservedAt: NOW - DAY },
      { orgId: other, accountId: 'obs-theirs', personId: 'obs-stranger', lastObservedAt: NOW - DAY },
    ]);

    const loaded = await loadOrganisation(db, orgId);
    const read = loaded?.data.signInObservations ?? [];
    expect(read.map((o) => `${o.accountId} ${o.personId}`).sort()).toEqual([
      'obs-reception obs-ana',
      'obs-reception obs-rose',
      'obs-reception obs-tom',
    ]);
    expect(Object.keys(read[0] ?? {}).sort()).toEqual(['accountId', 'lastObservedAt', 'personId']);

    // What they make of them: the shared login, naming the two people on the staff list.
    const shared = findingsOf(loaded as NonNullable<typeof loaded>, NOW).all.find(
      (f) => f.ruleId === 'shared-login',
    );
    expect(shared?.evidence).toBe(
      '2 people signed in with it in the last 90 days: Rose Baker (2026-11-22) and Tom Lee (2026-11-21)',
    );
  });
});
