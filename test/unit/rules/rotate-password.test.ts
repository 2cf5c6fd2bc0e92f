import { describe, expect, it } from 'vitest';
import { rotatePasswordRule } from '../../../shared/rules/rotate-password.ts';
import { account, daysAgo, org, person, run } from './fixtures.ts';

describe('rotate-password', () => {
  const amy = person({ id: 'p1', name: 'Amy Jones', endDate: '2026-06-02', status: 'leaver' });
  const tom = person({ id: 'p2', name: 'Tom Lee' });

  it('asks for a new password when a role login\u2019s user has left', () => {
    const data = org({
      people: [amy, tom],
      accounts: [account({ id: 'a1', username: 'reception', ownerPersonId: 'p2', userPersonIds: ['p1'] })],
    });
    const [finding] = run(rotatePasswordRule, data);
    expect(finding?.severity).toBe('high');
    expect(finding?.evidence).toBe(
      '"reception" is a shared login; used by Amy Jones (last day 2026-06-02, 174 days ago)',
    );
  });

  it('counts people seen signing in, and generic logins owned by a leaver', () => {
    const data = org({
      people: [amy, tom],
      accounts: [
        account({ id: 'a2', username: 'frontdesk', ownerPersonId: 'p1' }),
        account({ id: 'a3', username: 'bookings', ownerPersonId: 'p2' }),
      ],
      signInObservations: [{ accountId: 'a3', personId: 'p1', lastObservedAt: daysAgo(200) }],
    });
    expect(run(rotatePasswordRule, data).map((f) => f.subject.id)).toEqual(['a2', 'a3']);
  });

  it('leaves personal logins to leaver-still-active, and shared ones whose users all stay', () => {
    const data = org({
      people: [amy, tom],
      accounts: [
        account({ username: 'ajones', displayName: 'Amy Jones', ownerPersonId: 'p1' }),
        account({ username: 'frontdesk', ownerPersonId: 'p2' }),
      ],
    });
    expect(run(rotatePasswordRule, data)).toEqual([]);
  });
});
