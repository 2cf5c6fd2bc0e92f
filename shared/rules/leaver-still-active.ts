import type { Account, Person } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { DAY_MS, dateMs, daysSince } from './dates.ts';
import { accountSubject, defineRule, plural, systemName } from './define-rule.ts';
import type { RuleContext } from './types.ts';

const leaverStillActiveTip: Tip = {
  why:
    'Someone who has left can still sign in and see or change client data, and their login can be used by ' +
    'anyone who knows the password. Vendors and insurers expect access to end on the leaving day.',
  fix:
    'Disable the login in the system today (or remove it if the system keeps the history without it). ' +
    'If their work needs handing over, move it to a colleague first, then disable.',
};

/** Has this person left by `today`: an end date on or before today, or marked as a leaver? */
export function hasLeft(person: Person, today: string): boolean {
  if (person.endDate) return person.endDate <= today;
  return person.status === 'leaver';
}

/** "left 2026-06-02, 174 days ago", or "marked as a leaver" when there is no date. */
export function leftPhrase(person: Person, ctx: RuleContext): string {
  if (!person.endDate) return 'marked as a leaver';
  const days = daysSince(dateMs(person.endDate), ctx.now);
  return `last day ${person.endDate}${days > 0 ? `, ${plural(days, 'day')} ago` : ', today'}`;
}

export const leaverStillActiveRule = defineRule({
  id: 'leaver-still-active',
  title: 'Leaver still has access',
  severity: 'critical',
  tip: leaverStillActiveTip,
  pageKind: { kind: 'leaver', label: 'Leaver', tone: 'alarm' },
  find(ctx, findings) {
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active' || !account.ownerPersonId) continue;
      const person = ctx.people.get(account.ownerPersonId);
      if (!person || !hasLeft(person, ctx.today)) continue;
      const leftAt = person.endDate ? dateMs(person.endDate) : null;
      const signedInAfter =
        account.lastSignInAt !== null && leftAt !== null && account.lastSignInAt >= leftAt + DAY_MS
          ? `; and was signed in to on ${ctx.date(account.lastSignInAt)}, after the last day`
          : '';
      findings.push({
        title: `${person.name} has left, but "${account.username}" in ${systemName(ctx, account.systemId)} is still active`,
        subject: accountSubject(ctx, account),
        evidence: `${person.name}: ${leftPhrase(person, ctx)}; "${account.username}" is still active${signedInAfter}`,
        facts: `${person.id}|${person.endDate ?? person.status}|${account.lastSignInAt ?? ''}`,
        systemId: account.systemId,
        personIds: [person.id],
      });
    }
  },
});
