import { describe, expect, it } from 'vitest';
import { unownedAccountRule } from '../../../shared/rules/unowned-account.ts';
import { account, daysAgo, org, person, run } from './fixtures.ts';

describe('unowned-account', () => {
  it('flags active logins no person owns, including owners deleted from the directory', () => {
    const data = org({
      people: [person({ id: 'p1' }), person({ id: 'gone', deleted: true })],
      accounts: [
        account({ id: 'a1', username: 'xyz', ownerPersonId: null }),
        account({ id: 'a2', ownerPersonId: 'gone' }),
        account({ id: 'a3', ownerPersonId: 'p1' }),
        account({ id: 'a4', ownerPersonId: null, status: 'disabled' }),
      ],
    });
    const findings = run(unownedAccountRule, data);
    expect(findings.map((f) => f.subject.id)).toEqual(['a1', 'a2']);
    expect(findings[0]?.severity).toBe('medium');
    expect(findings[0]?.evidence).toContain(
      '"xyz" is active and linked to no person; last sign-in 2026-11-22',
    );
  });

  it('offers to link a login only one person signs in with to that person', () => {
    const people = [person({ id: 'p1', name: 'Rose Baker' }), person({ id: 'p2', name: 'Tom Lee' })];
    const data = org({
      people,
      accounts: [account({ id: 'a1', username: 'kbrennan' }), account({ id: 'a2', username: 'reception' })],
      signInObservations: [
        { accountId: 'a1', personId: 'p1', lastObservedAt: daysAgo(2) },
        { accountId: 'a1', personId: 'p1', lastObservedAt: daysAgo(1) },
        { accountId: 'a2', personId: 'p1', lastObservedAt: daysAgo(1) },
        { accountId: 'a2', personId: 'p2', lastObservedAt: daysAgo(1) },
      ],
    });
    const [one, two] = run(unownedAccountRule, data);
    expect(one?.tip.fix).toMatch(
      /^Link it to Rose Baker\? Only Rose Baker has been seen signing in with it \(last on 2026-11-22\)/,
    );
    expect(one?.evidence).toContain('signed in with by Rose Baker (2026-11-22)');
    expect(two?.tip.fix).not.toContain('Link it to');
  });
});
