import { describe, expect, it } from 'vitest';
import { leaverStillActiveRule } from '../../../shared/rules/leaver-still-active.ts';
import { account, daysAgo, org, person, run } from './fixtures.ts';

describe('leaver-still-active', () => {
  const rose = person({ id: 'p1', name: 'Rose Baker', endDate: '2026-06-02', status: 'leaver' });

  it('flags an active login of someone whose last day has passed, as critical, with the date', () => {
    const [finding, ...rest] = run(
      leaverStillActiveRule,
      org({ people: [rose], accounts: [account({ id: 'a1', username: 'rbaker', ownerPersonId: 'p1' })] }),
    );
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('critical');
    expect(finding?.id).toBe('leaver-still-active:account:a1');
    expect(finding?.evidence).toContain('last day 2026-06-02, 174 days ago');
    expect(finding?.evidence).toContain('signed in to on 2026-11-22, after the last day');
    expect(finding?.personIds).toEqual(['p1']);
  });

  it('counts the last day itself, in the firm\u2019s time zone', () => {
    // 2026-11-23T09:00Z is already the 23rd in Sydney and in London.
    const today = person({ id: 'p2', name: 'Tom Lee', endDate: '2026-11-23' });
    const tomorrow = person({ id: 'p3', name: 'Ana Ruiz', endDate: '2026-11-24' });
    const data = org({
      people: [today, tomorrow],
      accounts: [account({ ownerPersonId: 'p2' }), account({ ownerPersonId: 'p3' })],
    });
    expect(run(leaverStillActiveRule, data).map((f) => f.personIds[0])).toEqual(['p2']);
    // At 23:30 UTC on the 23rd it is already the 24th in Sydney: Ana's last day has come.
    const late = Date.parse('2026-11-23T23:30:00Z');
    expect(run(leaverStillActiveRule, data, { timeZone: 'Australia/Sydney' }, late)).toHaveLength(2);
    expect(run(leaverStillActiveRule, data, { timeZone: 'UTC' }, late)).toHaveLength(1);
  });

  it('leaves disabled logins, current staff and unowned logins alone', () => {
    const data = org({
      people: [rose, person({ id: 'p4', name: 'Sam Hill' })],
      accounts: [
        account({ ownerPersonId: 'p1', status: 'disabled' }),
        account({ ownerPersonId: 'p1', status: 'removed' }),
        account({ ownerPersonId: 'p4' }),
        account({ ownerPersonId: null }),
      ],
    });
    expect(run(leaverStillActiveRule, data)).toEqual([]);
  });

  it('treats someone marked as a leaver without a date as gone', () => {
    const data = org({
      people: [person({ id: 'p5', name: 'Jo Park', status: 'leaver', endDate: null })],
      accounts: [account({ ownerPersonId: 'p5', lastSignInAt: daysAgo(3) })],
    });
    expect(run(leaverStillActiveRule, data)[0]?.evidence).toContain('marked as a leaver');
  });
});
