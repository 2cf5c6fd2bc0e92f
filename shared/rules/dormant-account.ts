import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { DAY_MS, daysSince } from './dates.ts';
import { accountSubject, defineRule, plural, systemName } from './define-rule.ts';

const dormantAccountTip: Tip = {
  why:
    'A login nobody has used for weeks is not needed for the job, but it still works: if its password ' +
    'leaks, nobody will notice it being used. CIS Controls (5.3) advise disabling logins unused for 45 days.',
  fix:
    'Ask the owner whether they still need it. If not, disable it; it can be turned back on the day they ' +
    'need it. If they do, note why in Rollcall by dismissing this warning with a reason.',
};

export const dormantAccountRule = defineRule({
  id: 'dormant-account',
  title: 'Unused for a long time',
  severity: 'medium',
  tip: dormantAccountTip,
  // CIS Controls v8 5.3: disable dormant accounts after 45 days of inactivity.
  setting: {
    key: 'dormantDays',
    label: 'Dormant after (days without sign-in)',
    default: 45,
    min: 1,
    max: 3650,
    integer: true,
    step: 1,
  },
  pageKind: { kind: 'dormant', label: 'Dormant', tone: 'notice' },
  find(ctx, findings) {
    const cutoff = ctx.now - ctx.settings.dormantDays * DAY_MS;
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active') continue;
      // Where the system's page shows no last sign-in, the latest one a staff browser saw stands in.
      const observed = account.lastSignInAt === null ? (ctx.observed(account.id)?.latest ?? null) : null;
      const lastSignInAt = account.lastSignInAt ?? observed;
      if (lastSignInAt === null || lastSignInAt > cutoff) continue;
      const days = plural(daysSince(lastSignInAt, ctx.now), 'day');
      findings.push({
        title: `"${account.username}" in ${systemName(ctx, account.systemId)} has not been used for ${days}`,
        subject: accountSubject(ctx, account),
        evidence: `last sign-in ${ctx.date(lastSignInAt)}${observed !== null ? ' (seen by a staff browser)' : ''}, ${days} ago (the limit is ${ctx.settings.dormantDays})`,
        facts: String(lastSignInAt),
        systemId: account.systemId,
        personIds: account.ownerPersonId ? [account.ownerPersonId] : [],
      });
    }
  },
});
