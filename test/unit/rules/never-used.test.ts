import { describe, expect, it } from 'vitest';
import { neverUsedRule } from '../../../shared/rules/never-used.ts';
import { account, daysAgo, org, run } from './fixtures.ts';

describe('never-used', () => {
  it('flags logins made over 14 days ago that were never signed in to', () => {
    const data = org({
      accounts: [
        account({ id: 'a1', lastSignInAt: null, systemCreatedAt: daysAgo(53) }),
        account({ id: 'a2', lastSignInAt: null, systemCreatedAt: daysAgo(10) }),
        account({ id: 'a3', lastSignInAt: daysAgo(2), systemCreatedAt: daysAgo(53) }),
        account({ id: 'a4', lastSignInAt: null, systemCreatedAt: null, firstSeenAt: daysAgo(20) }),
        account({ id: 'a5', lastSignInAt: null, systemCreatedAt: null, firstSeenAt: null }),
      ],
    });
    const findings = run(neverUsedRule, data);
    expect(findings.map((f) => f.subject.id)).toEqual(['a1', 'a4']);
    expect(findings[0]?.severity).toBe('low');
    expect(findings[0]?.evidence).toBe('created 2026-10-01, 53 days ago, and never signed in to');
    expect(findings[1]?.evidence).toContain('first seen');
  });

  it('follows the organisation\u2019s threshold', () => {
    const data = org({ accounts: [account({ lastSignInAt: null, systemCreatedAt: daysAgo(10) })] });
    expect(run(neverUsedRule, data, { neverUsedDays: 7 })).toHaveLength(1);
  });

  it('does not call a login never used when a staff browser saw someone sign in with it', () => {
    const data = org({
      accounts: [account({ id: 'a1', lastSignInAt: null, systemCreatedAt: daysAgo(100) })],
      signInObservations: [{ accountId: 'a1', personId: 'p1', lastObservedAt: daysAgo(5) }],
    });
    expect(run(neverUsedRule, data)).toEqual([]);
  });
});
