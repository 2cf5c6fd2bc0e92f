import { describe, expect, it } from 'vitest';
import { reviewOverdueRule } from '../../../shared/rules/review-overdue.ts';
import { account, daysAgo, org, run, system } from './fixtures.ts';

describe('review-overdue', () => {
  const systems = [
    system({ id: 'pay' }),
    system({ id: 'crm', name: 'CRM' }),
    system({ id: 'old', name: 'Old' }),
  ];
  const accounts = [
    account({ systemId: 'pay' }),
    account({ systemId: 'crm' }),
    account({ systemId: 'old', status: 'disabled' }),
  ];

  it('flags systems whose last completed review is older than 90 days, or that were never reviewed', () => {
    const data = org({
      systems,
      accounts,
      completedReviews: [
        { systemId: 'pay', completedAt: daysAgo(200) },
        { systemId: 'pay', completedAt: daysAgo(120) },
      ],
    });
    const findings = run(reviewOverdueRule, data);
    expect(findings.map((f) => [f.subject.id, f.evidence])).toEqual([
      ['pay', 'last completed access review 2026-07-26, 120 days ago (due every 90 days)'],
      ['crm', 'no completed access review of CRM on record (reviews are due every 90 days)'],
    ]);
  });

  it('is quiet after a recent review, and follows the threshold', () => {
    const data = org({
      systems: systems.slice(0, 1),
      accounts: accounts.slice(0, 1),
      completedReviews: [{ systemId: 'pay', completedAt: daysAgo(60) }],
    });
    expect(run(reviewOverdueRule, data)).toEqual([]);
    expect(run(reviewOverdueRule, data, { reviewOverdueDays: 30 })).toHaveLength(1);
  });
});
