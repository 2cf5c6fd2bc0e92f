import { describe, expect, it } from 'vitest';
import { usedByNonOwnerRule } from '../../../shared/rules/used-by-non-owner.ts';
import { account, daysAgo, org, person, run } from './fixtures.ts';

describe('used-by-non-owner', () => {
  const people = [
    person({ id: 'p1', name: 'Rose Baker' }),
    person({ id: 'p2', name: 'Tom Lee' }),
    person({ id: 'p3', name: 'Ana Ruiz' }),
  ];

  it('flags a colleague signing in with the owner’s login, naming them with the date', () => {
    const data = org({
      people,
      accounts: [account({ id: 'a1', username: 'rbaker', ownerPersonId: 'p1' })],
      signInObservations: [
        { accountId: 'a1', personId: 'p1', lastObservedAt: daysAgo(2) },
        { accountId: 'a1', personId: 'p2', lastObservedAt: daysAgo(1) },
      ],
    });
    const [finding] = run(usedByNonOwnerRule, data);
    expect(finding?.severity).toBe('high');
    expect(finding?.title).toBe('Tom Lee signs in as "rbaker" in Payments, Rose Baker’s login');
    expect(finding?.evidence).toBe('Rose Baker’s login; signed in with by Tom Lee (2026-11-22)');
    expect(finding?.personIds).toEqual(['p1', 'p2']);
  });

  it('stays quiet for the owner alone, recorded users, unowned logins and old sign-ins', () => {
    const data = org({
      people,
      accounts: [
        account({ id: 'a1', ownerPersonId: 'p1' }),
        account({ id: 'a2', ownerPersonId: 'p1', userPersonIds: ['p2'] }),
        account({ id: 'a3', ownerPersonId: null }),
        account({ id: 'a4', ownerPersonId: 'p1' }),
      ],
      signInObservations: [
        { accountId: 'a1', personId: 'p1', lastObservedAt: daysAgo(1) },
        { accountId: 'a2', personId: 'p2', lastObservedAt: daysAgo(1) },
        { accountId: 'a3', personId: 'p2', lastObservedAt: daysAgo(1) },
        { accountId: 'a4', personId: 'p3', lastObservedAt: daysAgo(200) },
      ],
    });
    expect(run(usedByNonOwnerRule, data)).toEqual([]);
  });
});
