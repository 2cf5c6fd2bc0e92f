import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { DAY_MS, daysSince } from './dates.ts';
import { defineRule, plural, systemSubject } from './define-rule.ts';

const reviewOverdueTip: Tip = {
  why:
    'Access drifts: people change jobs, leave, get a favour granted "for a week". A regular look at who ' +
    'can do what in each system is how a firm catches what the other warnings cannot, and auditors and ' +
    'insurers ask for the evidence.',
  fix:
    'Start an access review of this system in Rollcall: for each login, the person\u2019s manager decides ' +
    'keep, change or remove. It takes minutes for a small firm, and the export is your evidence.',
};

export const reviewOverdueRule = defineRule({
  id: 'review-overdue',
  title: 'Access review overdue',
  severity: 'medium',
  tip: reviewOverdueTip,
  setting: {
    key: 'reviewOverdueDays',
    label: 'Access review overdue after (days)',
    default: 90,
    min: 1,
    max: 3650,
    integer: true,
    step: 1,
  },
  find(ctx, findings) {
    const withActiveLogins = new Set<string>();
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status === 'active') withActiveLogins.add(account.systemId);
    }
    const limit = ctx.settings.reviewOverdueDays;
    for (const system of ctx.systems.values()) {
      // A system with no active logins has nothing to review.
      if (!withActiveLogins.has(system.id)) continue;
      const last = ctx.lastReviewBySystem.get(system.id);
      if (last !== undefined && last > ctx.now - limit * DAY_MS) continue;
      const evidence =
        last === undefined
          ? `no completed access review of ${system.name} on record (reviews are due every ${plural(limit, 'day')})`
          : `last completed access review ${ctx.date(last)}, ${plural(daysSince(last, ctx.now), 'day')} ago (due every ${plural(limit, 'day')})`;
      findings.push({
        title: `${system.name}'s access review is overdue`,
        subject: systemSubject(system),
        evidence,
        facts: `${last ?? 'never'}`,
        systemId: system.id,
        personIds: [],
      });
    }
  },
});
