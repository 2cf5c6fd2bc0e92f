import { describe, expect, it } from 'vitest';
import { dormantAccountRule } from '../../../shared/rules/dormant-account.ts';
import { account, daysAgo, org, run } from './fixtures.ts';

describe('dormant-account', () => {
  it('flags logins unused for 45 days by default, with the date and the count of days', () => {
    const data = org({
      accounts: [
        account({ id: 'a1', lastSignInAt: daysAgo(174) }),
        account({ id: 'a2', lastSignInAt: daysAgo(45) }),
        account({ id: 'a3', lastSignInAt: daysAgo(44) }),
        account({ id: 'a4', lastSignInAt: null }),
        account({ id: 'a5', lastSignInAt: daysAgo(300), status: 'disabled' }),
      ],
    });
    const findings = run(dormantAccountRule, data);
    expect(findings.map((f) => f.subject.id)).toEqual(['a1', 'a2']);
    expect(findings[0]?.evidence).toBe('last sign-in 2026-06-02, 174 days ago (the limit is 45)');
  });

  it('follows the organisation\u2019s threshold', () => {
    const data = org({ accounts: [account({ lastSignInAt: daysAgo(20) })] });
    expect(run(dormantAccountRule, data, { dormantDays: 14 })).toHaveLength(1);
    expect(run(dormantAccountRule, data)).toHaveLength(0);
  });

  it('keeps its id and fingerprint from one day to the next', () => {
    const data = org({ accounts: [account({ id: 'a9', lastSignInAt: daysAgo(100) })] });
    const today = run(dormantAccountRule, data)[0];
    const tomorrow = run(dormantAccountRule, data, {}, daysAgo(-1))[0];
    expect(tomorrow?.id).toBe(today?.id);
    expect(tomorrow?.fingerprint).toBe(today?.fingerprint);
    expect(tomorrow?.evidence).not.toBe(today?.evidence);
  });

  it('takes the latest sign-in a staff browser saw where the page shows none', () => {
    const data = org({
      accounts: [
        account({ id: 'a1', lastSignInAt: null }),
        account({ id: 'a2', lastSignInAt: null }),
        account({ id: 'a3', lastSignInAt: daysAgo(100) }),
      ],
      signInObservations: [
        { accountId: 'a1', personId: 'p1', lastObservedAt: daysAgo(80) },
        { accountId: 'a1', personId: 'p2', lastObservedAt: daysAgo(60) },
        { accountId: 'a2', personId: 'p1', lastObservedAt: daysAgo(3) },
        // The page's own date stands where it shows one.
        { accountId: 'a3', personId: 'p1', lastObservedAt: daysAgo(3) },
      ],
    });
    const findings = run(dormantAccountRule, data);
    expect(findings.map((f) => f.subject.id)).toEqual(['a1', 'a3']);
    expect(findings[0]?.evidence).toBe(
      'last sign-in 2026-09-24 (seen by a staff browser), 60 days ago (the limit is 45)',
    );
  });
});
