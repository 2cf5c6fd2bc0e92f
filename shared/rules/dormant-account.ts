import type { Finding, Tip } from '../schemas/findings.ts';
import { accountSubject, DAY_MS, daysSince, isoDate, makeFinding, plural, systemName } from './context.ts';
import type { Rule } from './types.ts';

export const dormantAccountTip: Tip = {
  why:
    'A login nobody has used for weeks is not needed for the job, but it still works: if its password ' +
    'leaks, nobody will notice it being used. CIS Controls (5.3) advise disabling logins unused for 45 days.',
  fix:
    'Ask the owner whether they still need it. If not, disable it; it can be turned back on the day they ' +
    'need it. If they do, note why in Rollcall by dismissing this warning with a reason.',
};

export const dormantAccountRule: Rule = {
  id: 'dormant-account',
  title: 'Unused for a long time',
  defaultSeverity: 'medium',
  tip: dormantAccountTip,
  evaluate(ctx) {
    const findings: Finding[] = [];
    const cutoff = ctx.now - ctx.settings.dormantDays * DAY_MS;
    for (const account of ctx.accounts) {
      if (account.status !== 'active' || account.lastSignInAt === null || account.lastSignInAt > cutoff)
        continue;
      const days = daysSince(account.lastSignInAt, ctx.now);
      findings.push(
        makeFinding({
          ruleId: 'dormant-account',
          severity: 'medium',
          title: `"${account.username}" in ${systemName(ctx, account.systemId)} has not been used for ${plural(days, 'day')}`,
          subject: accountSubject(ctx, account),
          evidence: `last sign-in ${isoDate(account.lastSignInAt)}, ${plural(days, 'day')} ago (the limit is ${ctx.settings.dormantDays})`,
          facts: String(account.lastSignInAt),
          tip: dormantAccountTip,
          systemId: account.systemId,
          personIds: account.ownerPersonId ? [account.ownerPersonId] : [],
        }),
      );
    }
    return findings;
  },
};
