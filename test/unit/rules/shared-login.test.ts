import { describe, expect, it } from 'vitest';
import { sharedLoginRule } from '../../../shared/rules/shared-login.ts';
import { account, daysAgo, org, person, run } from './fixtures.ts';

describe('shared-login', () => {
  const people = [person({ id: 'p1', name: 'Rose Baker' }), person({ id: 'p2', name: 'Tom Lee' })];

  it('flags sign-ins observed from two people', () => {
    const data = org({
      people,
      accounts: [account({ id: 'a1', username: 'payments', ownerPersonId: 'p1' })],
      signInObservations: [
        { accountId: 'a1', personId: 'p1', lastObservedAt: daysAgo(3) },
        { accountId: 'a1', personId: 'p2', lastObservedAt: daysAgo(1) },
      ],
    });
    const [finding] = run(sharedLoginRule, data);
    expect(finding?.severity).toBe('high');
    expect(finding?.evidence).toBe(
      '2 people signed in with it in the last 90 days: Tom Lee (2026-11-22) and Rose Baker (2026-11-20)',
    );
    expect(finding?.personIds.sort()).toEqual(['p1', 'p2']);
  });

  it('counts only sign-ins within its window', () => {
    const data = org({
      people,
      accounts: [account({ id: 'a1', username: 'reception' })],
      signInObservations: [
        { accountId: 'a1', personId: 'p1', lastObservedAt: daysAgo(100) },
        { accountId: 'a1', personId: 'p2', lastObservedAt: daysAgo(1) },
      ],
    });
    expect(run(sharedLoginRule, data)).toEqual([]);
    const [wider] = run(sharedLoginRule, data, { sharedLoginWindowDays: 120 });
    expect(wider?.evidence).toContain('Tom Lee (2026-11-22) and Rose Baker (2026-08-15)');
  });

  it('flags a display name of two people and a login assigned to two people', () => {
    const data = org({
      people,
      accounts: [
        account({ id: 'a2', username: 'jj', displayName: 'John & Jane' }),
        account({ id: 'a3', username: 'rbaker', ownerPersonId: 'p1', userPersonIds: ['p2'] }),
      ],
    });
    const findings = run(sharedLoginRule, data);
    expect(findings.map((f) => f.subject.id)).toEqual(['a2', 'a3']);
    expect(findings[0]?.evidence).toContain('"John & Jane" names 2 people');
    expect(findings[1]?.evidence).toContain('assigned to 2 people (Rose Baker and Tom Lee)');
  });

  it('does not flag one person signing in repeatedly, or a disabled shared login', () => {
    const data = org({
      people,
      accounts: [
        account({ id: 'a4', ownerPersonId: 'p1' }),
        account({ id: 'a5', displayName: 'Sam / Jo', status: 'disabled' }),
      ],
      signInObservations: [
        { accountId: 'a4', personId: 'p1', lastObservedAt: daysAgo(3) },
        { accountId: 'a4', personId: 'p1', lastObservedAt: daysAgo(1) },
      ],
    });
    expect(run(sharedLoginRule, data)).toEqual([]);
  });

  it('changes its fingerprint when a new person is seen, so a dismissal lapses', () => {
    const base = {
      people: [...people, person({ id: 'p3', name: 'Ana Ruiz' })],
      accounts: [account({ id: 'a6', ownerPersonId: 'p1' })],
    };
    const two = run(
      sharedLoginRule,
      org({
        ...base,
        signInObservations: [
          { accountId: 'a6', personId: 'p1', lastObservedAt: daysAgo(3) },
          { accountId: 'a6', personId: 'p2', lastObservedAt: daysAgo(2) },
        ],
      }),
    )[0];
    const three = run(
      sharedLoginRule,
      org({
        ...base,
        signInObservations: [
          { accountId: 'a6', personId: 'p1', lastObservedAt: daysAgo(3) },
          { accountId: 'a6', personId: 'p2', lastObservedAt: daysAgo(1) },
          { accountId: 'a6', personId: 'p3', lastObservedAt: daysAgo(1) },
        ],
      }),
    )[0];
    expect(two?.id).toBe(three?.id);
    expect(two?.fingerprint).not.toBe(three?.fingerprint);
  });
});
