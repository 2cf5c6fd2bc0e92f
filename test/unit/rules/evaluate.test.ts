import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/rules/evaluate.ts';
import {
  checkedCounts,
  filterFindings,
  healthScore,
  openFindings,
  summarise,
} from '../../../shared/rules/health.ts';
import { findingSchema } from '../../../shared/schemas/findings.ts';
import { account, daysAgo, NOW, org, person, system } from './fixtures.ts';

const data = org({
  systems: [system({ id: 'pay' }), system({ id: 'crm', name: 'CRM' })],
  people: [
    person({ id: 'p1', name: 'Amy Jones', endDate: '2026-06-02', status: 'leaver' }),
    person({ id: 'p2', name: 'Tom Lee' }),
  ],
  accounts: [
    account({ id: 'a1', username: 'ajones', displayName: 'Amy Jones', ownerPersonId: 'p1' }),
    account({ id: 'a2', username: 'frontdesk', ownerPersonId: 'p2', userPersonIds: ['p1'] }),
    account({ id: 'a3', username: 'tlee', ownerPersonId: 'p2', systemId: 'crm', lastSignInAt: daysAgo(90) }),
    account({ id: 'a4', username: 'admin', systemId: 'crm' }),
  ],
  completedReviews: [{ systemId: 'pay', completedAt: daysAgo(10) }],
});

describe('evaluate', () => {
  it('runs every rule, worst first, and every finding matches the API schema', () => {
    const findings = evaluate(data, {}, NOW);
    expect(findings[0]?.ruleId).toBe('leaver-still-active');
    expect(findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining([
        'shared-login',
        'generic-username',
        'default-account',
        'rotate-password',
        'unowned-account',
        'dormant-account',
        'review-overdue',
      ]),
    );
    for (const f of findings) expect(findingSchema.parse(f)).toEqual(f);
    const ranks = findings.map((f) => ['low', 'medium', 'high', 'critical'].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('gives the same ids on every run', () => {
    expect(evaluate(data, {}, NOW).map((f) => f.id)).toEqual(
      evaluate(data, {}, NOW + 3_600_000).map((f) => f.id),
    );
  });

  it('rejects a bad setting by name', () => {
    expect(() => evaluate(data, { dormantDays: -1 }, NOW)).toThrow(/dormantDays/);
  });
});

describe('dismissals, filters and the health score', () => {
  const findings = evaluate(data, {}, NOW);
  const dormant = findings.find((f) => f.ruleId === 'dormant-account');

  it('hides a dismissed finding until it expires or its evidence changes', () => {
    if (!dormant) throw new Error('expected a dormant finding');
    const dismissal = {
      findingId: dormant.id,
      fingerprint: dormant.fingerprint,
      reason: 'on leave until January',
      expiresAt: NOW + 30 * 86_400_000,
      dismissedAt: NOW,
      dismissedBy: 'm1',
    };
    expect(openFindings(findings, [dismissal], NOW).map((f) => f.id)).not.toContain(dormant.id);
    expect(openFindings(findings, [dismissal], NOW + 31 * 86_400_000).map((f) => f.id)).toContain(dormant.id);
    expect(openFindings(findings, [{ ...dismissal, fingerprint: 'other' }], NOW).map((f) => f.id)).toContain(
      dormant.id,
    );
  });

  it('filters by severity, rule, system and person', () => {
    expect(filterFindings(findings, { severity: 'critical' }).map((f) => f.ruleId)).toEqual([
      'leaver-still-active',
    ]);
    expect(filterFindings(findings, { system: 'crm' }).every((f) => f.systemId === 'crm')).toBe(true);
    expect(filterFindings(findings, { person: 'p1' }).length).toBeGreaterThan(0);
    expect(filterFindings(findings, { rule: 'never-used' })).toEqual([]);
  });

  it('summarises the open findings with what was checked, and scores them', () => {
    const summary = summarise(findings, checkedCounts(data));
    expect(summary.total).toBe(findings.length);
    expect(summary.counts.critical).toBe(1);
    expect(summary.checked).toEqual({ people: 2, systems: 2, logins: 4 });
    expect(summary.notChecked).toBeNull();
    expect(summary.healthScore).toBe(healthScore(summary.counts, summary.checked));
    expect(summary.healthScore).toBeLessThan(50);
  });
});
