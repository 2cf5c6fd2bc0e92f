import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { DAY_MS, daysSince } from './dates.ts';
import { accountSubject, defineRule, plural, systemName } from './define-rule.ts';

const neverUsedTip: Tip = {
  why:
    'A login made weeks ago and never used was probably not needed, or was made for someone who never ' +
    'started. It often still has its first, temporary password.',
  fix:
    'Check with the person it was made for. If they do not need it, disable or delete it; if they do, ' +
    'have them sign in and set their own password.',
};

export const neverUsedRule = defineRule({
  id: 'never-used',
  title: 'Never used',
  severity: 'low',
  tip: neverUsedTip,
  setting: {
    key: 'neverUsedDays',
    label: 'Never used after (days since made)',
    default: 14,
    min: 1,
    max: 3650,
    integer: true,
    step: 1,
  },
  pageKind: { kind: 'never-used', label: 'Never used', tone: 'notice' },
  find(ctx, findings) {
    const cutoff = ctx.now - ctx.settings.neverUsedDays * DAY_MS;
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active' || account.lastSignInAt !== null) continue;
      // A staff browser saw someone sign in with it: it is used, whatever the page says.
      if (ctx.observed(account.id)) continue;
      // When the system does not say when the login was made, when Rollcall first saw it will do.
      const createdAt = account.systemCreatedAt ?? account.firstSeenAt;
      if (createdAt === null || createdAt >= cutoff) continue;
      const days = daysSince(createdAt, ctx.now);
      const made = account.systemCreatedAt !== null ? 'created' : 'first seen';
      findings.push({
        title: `"${account.username}" in ${systemName(ctx, account.systemId)} has never been used`,
        subject: accountSubject(ctx, account),
        evidence: `${made} ${ctx.date(createdAt)}, ${plural(days, 'day')} ago, and never signed in to`,
        facts: String(createdAt),
        systemId: account.systemId,
        personIds: account.ownerPersonId ? [account.ownerPersonId] : [],
      });
    }
  },
});
